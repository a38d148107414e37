// Runs a lecture/homework executable as a student would and checks the program contract
// (docs/contributing.md, "The program contract"): --quick --json --out write valid JSON with the
// expected case ids and PNGs, and bad flags exit non-zero with usage.
#pragma once

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>
#include <vector>

namespace dlc_test {

inline std::string build_dir() {
    const char* b = std::getenv("DLC_BUILD_DIR");
    BOOST_TEST_REQUIRE(b != nullptr, "DLC_BUILD_DIR is set by CTest; run the suite with ctest");
    return b;
}

inline int run_command(const std::string& cmd) {
    const int status = std::system(cmd.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream f(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), {});
}

inline bool is_png(const std::filesystem::path& p) {
    const std::string s = read_file(p);
    return s.size() > 8 && s.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0;
}

/// The errata policy's JSON form (docs/contributing.md, "Errata and notes"): every erratum names its program, case
/// and quantity, holds `handout` and `computed` as strings (what the material prints, what the computation gives)
/// and a `note`; `value`, when present, is the numeric pair {"handout": number, "computed": number}. Every note
/// holds a topic and a text. Checked on each program's `--json`.
inline void check_errata_form(const nlohmann::json& j) {
    BOOST_TEST_REQUIRE(j.contains("errata"));
    BOOST_TEST_REQUIRE(j.at("errata").is_array());
    for (const auto& e : j.at("errata")) {
        for (const char* key : {"program", "case", "quantity", "handout", "computed", "note"})
            BOOST_TEST((e.contains(key) && e.at(key).is_string()), "erratum field '" << key << "' must be a string: " << e.dump());
        if (e.contains("handout") && e.at("handout").is_string()) BOOST_TEST(!e.at("handout").get<std::string>().empty());
        if (e.contains("computed") && e.at("computed").is_string()) BOOST_TEST(!e.at("computed").get<std::string>().empty());
        if (e.contains("value") && !e.at("value").is_null()) {
            const auto& v = e.at("value");
            BOOST_TEST((v.is_object() && v.size() == 2u && v.contains("handout") && v.contains("computed") &&
                        v.at("handout").is_number() && v.at("computed").is_number()),
                       "an erratum's value must be {handout: number, computed: number}: " << e.dump());
        }
    }
    BOOST_TEST_REQUIRE(j.contains("notes"));
    BOOST_TEST_REQUIRE(j.at("notes").is_array());
    for (const auto& n : j.at("notes"))
        for (const char* key : {"program", "case", "topic", "text"})
            BOOST_TEST((n.contains(key) && n.at(key).is_string() && !n.at(key).get<std::string>().empty()),
                       "note field '" << key << "' must be a non-empty string: " << n.dump());
}

/// Runs `<build>/<kind>/<program> --quick --json F --out D` and checks the JSON and figures.
inline nlohmann::json run_quick(const std::string& kind, const std::string& program,
                                const std::vector<std::string>& case_ids) {
    namespace fs = std::filesystem;
    const fs::path exe = fs::path(build_dir()) / kind / program;
    BOOST_TEST_REQUIRE(fs::exists(exe), exe.string() + " is not built");
    const fs::path dir = fs::temp_directory_path() / ("dlc_test_" + program);
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path json = dir / "results.json", out = dir / "out";
    const std::string cmd = exe.string() + " --quick --json " + json.string() + " --out " + out.string() + " > " +
                            (dir / "stdout.txt").string() + " 2>&1";
    const int rc = run_command(cmd);
    BOOST_TEST(rc == 0, program << " exited with " << rc << "; output:\n" << read_file(dir / "stdout.txt"));

    BOOST_TEST_REQUIRE(fs::exists(json));
    nlohmann::json j;
    BOOST_REQUIRE_NO_THROW(j = nlohmann::json::parse(read_file(json)));
    BOOST_TEST(j.at("program") == program);
    for (const auto& id : case_ids) {
        BOOST_TEST(j.at("cases").contains(id), "case " << id << " missing from the JSON");
        if (j.at("cases").contains(id)) {
            BOOST_TEST(!j["cases"][id].contains("error"), id << " failed: " << j["cases"][id].value("error", ""));
            BOOST_TEST(!j["cases"][id].empty(), id << " recorded no result");
        }
    }
    BOOST_TEST(fs::exists(out / "index.html"));
    BOOST_TEST(j.at("figures").size() > 0u);
    for (const auto& f : j.at("figures")) {
        const fs::path script = out / f.at("script").get<std::string>();
        BOOST_TEST(fs::exists(script), "missing " << script);
        if (f.at("rendered").get<bool>()) {
            const fs::path png = out / f.at("png").get<std::string>();
            BOOST_TEST(is_png(png), png.string() << " is not a non-empty PNG");
        }
    }
    check_errata_form(j);
    return j;
}

/// Bad flags and bad values exit non-zero and print usage.
inline void check_bad_flags(const std::string& kind, const std::string& program) {
    namespace fs = std::filesystem;
    const fs::path exe = fs::path(build_dir()) / kind / program;
    const fs::path log = fs::temp_directory_path() / ("dlc_test_" + program + "_badflags.txt");
    for (const std::string args : {"--no-such-flag", "--seed notanumber", "--case no_such_case"}) {
        const int rc = run_command(exe.string() + " " + args + " > " + log.string() + " 2>&1");
        BOOST_TEST(rc != 0, program << " " << args << " should fail");
        const std::string text = read_file(log);
        BOOST_TEST((text.find("--quick") != std::string::npos || text.find("case") != std::string::npos),
                   "no usage for " << args << ": " << text);
    }
    BOOST_TEST(run_command(exe.string() + " --help > " + log.string() + " 2>&1") == 0);
    BOOST_TEST(read_file(log).find("--json") != std::string::npos);
}

}  // namespace dlc_test
