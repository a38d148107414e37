// Running the answer checker on a file of answers, as `./course check SET FILE` does (shared by hw5_check.cpp and
// hw7_check.cpp).
#pragma once

#include "program_run.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace dlc_test {

/// Writes `toml` to a private file called `name` and runs check_answers SET on it (with `extra` arguments after it).
inline RunResult check_answers(const std::string& set, const std::string& name, const std::string& toml,
                               const std::vector<std::string>& extra = {}) {
    namespace fs = std::filesystem;
    const fs::path exe = fs::path(build_dir()) / "homework" / "check_answers";
    BOOST_TEST_REQUIRE(fs::exists(exe), exe.string() + " is not built");
    const dlc::TempDir dir("dlc_test_" + set + "_check_");
    const fs::path file = dir.path() / name;
    std::ofstream(file) << toml;
    std::vector<std::string> argv = {exe.string(), set, file.string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return run_args(argv);
}

/// Whether the checker's output holds `part` (logs the whole output when not).
inline bool output_has(const RunResult& r, const std::string& part) {
    const bool ok = r.output.find(part) != std::string::npos;
    if (!ok) BOOST_TEST_MESSAGE("checker output:\n" << r.output);
    return ok;
}

/// A number as an answers file holds it, to 10 significant digits.
inline std::string answer_number(double x) {
    char s[64];
    std::snprintf(s, sizeof s, "%.10g", x);
    return s;
}

}  // namespace dlc_test
