// Runs selected cases of a lecture or homework program (`--quick --case ID ... --json F --out D`) and returns its
// JSON, for the worked-example tests of cases whose numbers are computed in the case itself. The program is
// started with an argument vector (posix_spawn, no shell), and each (program, cases) run happens once per test
// process.
#pragma once

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <vector>

extern char** environ;

namespace dlc_test {

/// The JSON of `<build>/<kind>/<program> --quick --case id... --json F --out D` (cached per program and cases).
inline const nlohmann::json& run_cases(const std::string& kind, const std::string& program,
                                       const std::vector<std::string>& case_ids) {
    static std::map<std::string, nlohmann::json> cache;
    std::string key = kind + "/" + program;
    for (const auto& id : case_ids) key += " " + id;
    if (auto it = cache.find(key); it != cache.end()) return it->second;

    namespace fs = std::filesystem;
    const char* build = std::getenv("DLC_BUILD_DIR");
    BOOST_TEST_REQUIRE(build != nullptr, "DLC_BUILD_DIR is set by CTest; run the suite with ctest");
    const fs::path exe = fs::path(build) / kind / program;
    BOOST_TEST_REQUIRE(fs::exists(exe), exe.string() + " is not built");
    const fs::path dir = fs::temp_directory_path() / ("dlc_cases_" + program + "_" + std::to_string(cache.size()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path json = dir / "results.json", out = dir / "out", log = dir / "stdout.txt";

    std::vector<std::string> args = {exe.string(), "--quick", "--json", json.string(), "--out", out.string()};
    for (const auto& id : case_ids) args.insert(args.end(), {"--case", id});
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    BOOST_TEST_REQUIRE(spawned == 0, "cannot start " << exe.string());
    int status = 0;
    waitpid(pid, &status, 0);
    std::ifstream text(log);
    const std::string printed((std::istreambuf_iterator<char>(text)), {});
    BOOST_TEST_REQUIRE((WIFEXITED(status) && WEXITSTATUS(status) == 0), program << " failed; output:\n" << printed);
    std::ifstream f(json);
    nlohmann::json j = nlohmann::json::parse(f);
    for (const auto& id : case_ids) {
        BOOST_TEST_REQUIRE(j.at("cases").contains(id), "case " << id << " missing");
        BOOST_TEST_REQUIRE(!j["cases"][id].contains("error"), id << " failed: " << j["cases"][id].value("error", ""));
    }
    return cache.emplace(key, std::move(j)).first->second;
}

/// The errata of one case in a run's JSON.
inline std::vector<nlohmann::json> errata_of(const nlohmann::json& j, const std::string& case_id) {
    std::vector<nlohmann::json> out;
    for (const auto& e : j.at("errata"))
        if (e.at("case") == case_id) out.push_back(e);
    return out;
}

/// The notes of one case in a run's JSON.
inline std::vector<nlohmann::json> notes_of(const nlohmann::json& j, const std::string& case_id) {
    std::vector<nlohmann::json> out;
    for (const auto& n : j.at("notes"))
        if (n.at("case") == case_id) out.push_back(n);
    return out;
}

}  // namespace dlc_test
