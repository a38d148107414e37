// Unit tests of lib/app: the program contract's robustness. Every exception a case can throw is caught at the case
// boundary and reported as that case's failure; the results of the other cases are always written; every output
// location is checked (and the output folder locked) before the first case runs; non-UTF-8 paths are escaped.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "app/program.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "core/utf8.hpp"

#include <filesystem>
#include <fstream>
#include <new>
#include <string>
#include <vector>

BOOST_AUTO_TEST_SUITE(app)

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), {});
}

// Runs `program` with the given flags (argv[0] added) and returns the exit status.
int run(dlc::Program& program, std::vector<std::string> flags) {
    flags.insert(flags.begin(), "test_program");
    std::vector<char*> argv;
    for (auto& f : flags) argv.push_back(f.data());
    argv.push_back(nullptr);
    return program.run(static_cast<int>(flags.size()), argv.data());
}

// A program whose cases fail in every way a case can, between two that succeed.
struct FailingProgram {
    dlc::Program program{"test_program", "A program whose cases fail"};
    int ran = 0;
    FailingProgram() {
        program.add_case("first", "succeeds", [this](dlc::Case& c) { ++ran; c.set("x", 1); });
        program.add_case("dlc_error", "throws a dlc::Error", [this](dlc::Case&) {
            ++ran;
            throw dlc::DataError("load_images", "a corrupt file");
        });
        program.add_case("memory", "runs out of memory", [this](dlc::Case&) {
            ++ran;
            throw std::bad_alloc();
        });
        program.add_case("filesystem", "a filesystem error", [this](dlc::Case&) {
            ++ran;
            throw fs::filesystem_error("cannot copy", fs::path("/a"), std::make_error_code(std::errc::no_space_on_device));
        });
        program.add_case("json", "a JSON error", [this](dlc::Case&) {
            ++ran;
            [[maybe_unused]] const auto j = nlohmann::json::parse("{oops");
        });
        program.add_case("std", "a std::out_of_range", [this](dlc::Case&) {
            ++ran;
            (void)std::vector<int>().at(3);
        });
        program.add_case("other", "throws an int", [this](dlc::Case&) {
            ++ran;
            throw 42;
        });
        program.add_case("last", "succeeds", [this](dlc::Case& c) { ++ran; c.set("y", 2); });
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(every_exception_is_caught_at_the_case_boundary) {
    const dlc::TempDir dir("dlc_app_test_");
    FailingProgram p;
    const fs::path json = dir.path() / "r.json";
    const int rc = run(p.program, {"--out", (dir.path() / "out").string(), "--json", json.string()});
    BOOST_TEST(rc == 1);
    BOOST_TEST(p.ran == 8);
    const auto j = nlohmann::json::parse(slurp(json));
    const auto& c = j.at("cases");
    BOOST_TEST(c.at("first").at("x") == 1);
    BOOST_TEST(c.at("last").at("y") == 2);
    const auto error = [&](const char* id) { return c.at(id).at("error").get<std::string>(); };
    BOOST_TEST(error("dlc_error") == "load_images: a corrupt file");
    BOOST_TEST(error("memory").find("out of memory (std::bad_alloc)") == 0u);
    BOOST_TEST(error("memory").find("peak resident memory so far") != std::string::npos);
    BOOST_TEST(error("memory").find("data: the default") != std::string::npos);
    BOOST_TEST(error("filesystem").find("file system error: filesystem error: cannot copy: No space left on device") == 0u);
    BOOST_TEST(error("json").find("JSON error: [json.exception.parse_error") == 0u);
    BOOST_TEST(error("std").find("unexpected error (std::out_of_range)") == 0u);
    BOOST_TEST(error("other") == "unexpected exception of type int");
    BOOST_TEST(fs::exists(dir.path() / "out" / "index.html"));
    BOOST_TEST(slurp(dir.path() / "out" / "index.html").find("out of memory") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(outputs_are_checked_before_the_first_case) {
    const dlc::TempDir dir("dlc_app_test_");
    const std::string out = (dir.path() / "out").string();
    const fs::path file = dir.path() / "a-file";
    std::ofstream(file) << "x";
    const std::vector<std::vector<std::string>> bad = {
        {"--json", ""},                                              // empty: a mistake, not "no JSON"
        {"--out", ""},                                               //
        {"--data", ""},                                              //
        {"--out", out, "--json", out + "/index.html"},               // would overwrite the report
        {"--out", out, "--json", out + "/./sub/../index.html"},      // the same file, written differently
        {"--out", out, "--json", out + "/" + dlc::DirLock::file_name},
        {"--out", out, "--json", dir.path().string()},               // a folder
        {"--out", out, "--json", out + "/"},                         // a folder name
        {"--out", out, "--json", (file / "r.json").string()},        // below a file
        {"--out", out, "--json", "/proc/dlc-unwritable/r.json"},     // cannot be created
        {"--out", file.string()},                                    // a file, not a folder
        {"--out", (file / "sub").string()},                          //
        {"--out", "/proc/dlc-unwritable"},                           //
    };
    for (const auto& flags : bad) {
        FailingProgram p;
        BOOST_TEST_CONTEXT(flags[0] << " '" << flags[1] << "'" << (flags.size() > 2 ? " " + flags[3] : "")) {
            BOOST_TEST(run(p.program, flags) == 2);
            BOOST_TEST(p.ran == 0, "a case ran before the outputs were checked");
        }
    }
}

BOOST_AUTO_TEST_CASE(a_locked_output_folder_is_refused) {
    const dlc::TempDir dir("dlc_app_test_");
    const fs::path out = dir.path() / "out";
    fs::create_directories(out);
    FailingProgram p;
    {
        const dlc::DirLock held(out, "another_program");
        BOOST_TEST(run(p.program, {"--out", out.string()}) == 2);
        BOOST_TEST(p.ran == 0);
    }
    BOOST_TEST(run(p.program, {"--out", out.string(), "--case", "first"}) == 0);
    BOOST_TEST(p.ran == 1);
}

BOOST_AUTO_TEST_CASE(a_non_utf8_path_is_escaped_in_the_json_and_said) {
    const dlc::TempDir dir("dlc_app_test_");
    const fs::path out = dir.path() / "caf\xE9";
    const fs::path json = out / "r\xFF.json";
    const fs::path data = dir.path() / "d\xE9t\xE9";  // the four IDX files (empty: only their names are checked)
    for (const char* f : {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                          "t10k-labels-idx1-ubyte"})
        dlc::write_file_atomic(data / f, "", "test");
    dlc::Program program("test_program", "Paths that are not UTF-8");
    program.add_case("echo", "records its data path", [](dlc::Case& c) {
        c.set("data", c.options().data);
        c.out() << "reading " << c.options().data << "\n";
    });
    BOOST_TEST(run(program, {"--out", out.string(), "--json", json.string(), "--data", data.string()}) == 0);
    nlohmann::json j;
    BOOST_REQUIRE_NO_THROW(j = nlohmann::json::parse(slurp(json)));
    const std::string shown = dlc::escape_invalid_utf8(data.string());
    BOOST_TEST(shown.find("/d\\xE9t\\xE9") != std::string::npos);
    BOOST_TEST(j["cases"]["echo"]["data"] == shown);
    BOOST_TEST(j["run"]["data"] == shown);
    BOOST_TEST(j["run"]["non_utf8_strings_escaped"].get<int>() >= 3);
    BOOST_TEST(slurp(out / "index.html").find("reading " + shown) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(seed_parsing_is_strict) {
    BOOST_TEST(dlc::parse_seed("0") == 0u);
    BOOST_TEST(dlc::parse_seed("18446744073709551615") == UINT64_MAX);
    for (const char* bad : {"", "-1", "+1", " 1", "1 ", "18446744073709551616", "99999999999999999999", "1e3", "0x10"})
        BOOST_CHECK_THROW(dlc::parse_seed(bad), dlc::ValueError);
}

// A case's generator is Rng(case_seed(--seed, id)): seed XOR an FNV-1a-style hash of the id, h = 1469598103934665603
// (the empty id), then for each byte c: h = (h XOR c) * 1099511628211 mod 2^64. For "a" (0x61):
// (1469598103934665603 XOR 97) * 1099511628211 mod 2^64 = 4953267810257967366. A case that repeats another case's
// draws seeds its own Rng with case_seed(seed, other_id) and gets the other case's numbers.
BOOST_AUTO_TEST_CASE(case_seed_is_the_seed_of_the_case_generator) {
    BOOST_TEST(dlc::case_seed(0, "") == 1469598103934665603ull);
    BOOST_TEST(dlc::case_seed(0, "a") == 4953267810257967366ull);
    BOOST_TEST(dlc::case_seed(5, "a") == (4953267810257967366ull ^ 5u));
    const dlc::TempDir dir("dlc_app_test_");
    dlc::Program program("test_program", "draws from its generator");
    std::uint64_t drawn = 0;
    program.add_case("names", "draws", [&](dlc::Case& c) { drawn = c.rng().bits(); });
    BOOST_TEST(run(program, {"--seed", "42", "--case", "names", "--out", (dir.path() / "out").string()}) == 0);
    dlc::Rng again(dlc::case_seed(42, "names"));
    BOOST_TEST(drawn == again.bits());
}

BOOST_AUTO_TEST_SUITE_END()
