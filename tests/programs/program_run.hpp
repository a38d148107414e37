// Runs a lecture/homework executable as a student would and checks the program contract
// (docs/contributing.md, "The program contract"): --quick --json --out write valid JSON with the
// expected case ids and PNGs, and bad flags exit non-zero with usage.
#pragma once

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "core/files.hpp"
#include "core/subprocess.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace dlc_test {

inline std::string build_dir() {
    const char* b = std::getenv("DLC_BUILD_DIR");
    BOOST_TEST_REQUIRE(b != nullptr, "DLC_BUILD_DIR is set by CTest; run the suite with ctest");
    return b;
}

/// What a program run gave: its exit status (-1 if a signal ended it) and its stdout and stderr together.
struct RunResult {
    int rc;
    std::string output;
};

/// Runs a program with an argument vector (no shell, like the programs themselves: core/subprocess.hpp),
/// capturing its output; a run longer than `timeout` seconds is killed and reported as rc = -1.
inline RunResult run_args(const std::vector<std::string>& argv,
                          const std::vector<std::pair<std::string, std::string>>& env = {}, double timeout = 600) {
    dlc::ProcessOptions o;
    o.out = dlc::Stream::capture;
    o.err = dlc::Stream::capture;
    o.set_env = env;
    o.timeout_seconds = timeout;
    const dlc::ProcessResult r = dlc::run_process(argv, o);
    return {r.exit_code, r.timed_out || r.signal ? r.output + "\n[" + r.status_text() + "]" : r.output};
}

/// The numbers of a JSON value, nested arrays flattened in order: [[1, 2], [3]] -> {1, 2, 3}.
inline std::vector<double> flat(const nlohmann::json& j) {
    std::vector<double> out;
    if (j.is_array())
        for (const auto& x : j) {
            const auto sub = flat(x);
            out.insert(out.end(), sub.begin(), sub.end());
        }
    else
        out.push_back(j.get<double>());
    return out;
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

/// The default `--quick` run's JSON is kept for the determinism test (tests/determinism.cmake), which then runs the
/// program once more and compares instead of running it twice: `$DLC_DETERMINISM_DIR/<program>.json`, set by CTest.
/// Written atomically (core/files.hpp), so that the determinism test never reads half a file.
inline void keep_for_determinism(const std::string& program, const std::filesystem::path& json) {
    const char* dir = std::getenv("DLC_DETERMINISM_DIR");
    if (dir == nullptr || *dir == '\0') return;
    BOOST_CHECK_NO_THROW(dlc::write_file_atomic(std::filesystem::path(dir) / (program + ".json"), read_file(json),
                                                "keep_for_determinism"));
}

/// Runs `<build>/<kind>/<program> --quick --json F --out D [extra...]` and checks the JSON and figures.
inline nlohmann::json run_quick(const std::string& kind, const std::string& program,
                                const std::vector<std::string>& case_ids, const std::vector<std::string>& extra = {}) {
    namespace fs = std::filesystem;
    const fs::path exe = fs::path(build_dir()) / kind / program;
    BOOST_TEST_REQUIRE(fs::exists(exe), exe.string() + " is not built");
    const dlc::TempDir tmp("dlc_test_" + program + "_");  // private: parallel runs never share a folder
    const fs::path dir = tmp.path();
    const fs::path json = dir / "results.json", out = dir / "out";
    std::vector<std::string> argv = {exe.string(), "--quick", "--json", json.string(), "--out", out.string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    const RunResult r = run_args(argv);
    BOOST_TEST(r.rc == 0, program << " exited with " << r.rc << "; output:\n" << r.output);

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
    if (extra.empty() && r.rc == 0) keep_for_determinism(program, json);
    return j;
}

/// Bad flags and bad values exit with status 2 and print usage (tests/badinput/ holds many more).
inline void check_bad_flags(const std::string& kind, const std::string& program) {
    namespace fs = std::filesystem;
    const fs::path exe = fs::path(build_dir()) / kind / program;
    const std::vector<std::vector<std::string>> bad = {{"--no-such-flag"}, {"--seed", "notanumber"},
                                                       {"--case", "no_such_case"}};
    for (const auto& args : bad) {
        std::vector<std::string> argv = {exe.string()};
        argv.insert(argv.end(), args.begin(), args.end());
        const RunResult r = run_args(argv);
        BOOST_TEST(r.rc == 2, program << " " << args[0] << " should exit with 2, got " << r.rc);
        BOOST_TEST((r.output.find("--quick") != std::string::npos || r.output.find("case") != std::string::npos),
                   "no usage for " << args[0] << ": " << r.output);
    }
    const RunResult help = run_args({exe.string(), "--help"});
    BOOST_TEST(help.rc == 0);
    BOOST_TEST(help.output.find("--json") != std::string::npos);
}

}  // namespace dlc_test
