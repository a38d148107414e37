// Unit tests of lib/core's input/output helpers: running programs without a shell, atomic writes, private
// temporary folders, the output-folder lock, UTF-8 escaping.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "core/subprocess.hpp"
#include "core/utf8.hpp"

#include <csignal>
#include <cstdlib>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

BOOST_AUTO_TEST_SUITE(core_io)

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), {});
}

// Names that a shell would act on: quotes, spaces, ';', '$(...)', backquotes, a newline, a non-UTF-8 byte.
const std::vector<std::string> hostile = {"it's", "a b", "x;touch PWNED", "$(touch PWNED)", "`touch PWNED`",
                                          "line\nbreak", "caf\xE9", "-n", "*", "\"q\""};

}  // namespace

BOOST_AUTO_TEST_CASE(arguments_reach_the_program_verbatim) {
    const dlc::TempDir dir("dlc_core_io_");
    // printf '%s\0' prints each argument followed by a NUL: exactly what the child received.
    std::vector<std::string> argv = {"printf", "%s\\0"};
    argv.insert(argv.end(), hostile.begin(), hostile.end());
    dlc::ProcessOptions o;
    o.out = dlc::Stream::capture;
    o.cwd = dir.path().string();
    const auto r = dlc::run_process(argv, o);
    BOOST_TEST(r.ok());
    std::string expected;
    for (const auto& h : hostile) expected += h + std::string(1, '\0');
    BOOST_TEST(r.output == expected);
    BOOST_TEST(!fs::exists(dir.path() / "PWNED"), "a shell ran a command");
}

BOOST_AUTO_TEST_CASE(exit_status_signal_cwd_env_and_capture) {
    const dlc::TempDir dir("dlc_core_io_");
    dlc::ProcessOptions o;
    o.out = dlc::Stream::capture;
    o.err = dlc::Stream::capture;
    o.cwd = dir.path().string();
    o.set_env = {{"DLC_CORE_IO_TEST", "v a l"}};
    auto r = dlc::run_process({"sh", "-c", "pwd; echo \"$DLC_CORE_IO_TEST\" >&2; exit 3"}, o);
    BOOST_TEST(r.exit_code == 3);
    BOOST_TEST(r.status_text() == "exit status 3");
    BOOST_TEST(r.output == fs::canonical(dir.path()).string() + "\nv a l\n");
    r = dlc::run_process({"sh", "-c", "kill -SEGV $$"}, o);
    BOOST_TEST(r.exit_code == -1);
    BOOST_TEST(r.signal == SIGSEGV);
    BOOST_TEST(r.status_text().find("killed by signal 11") == 0u);
    ::setenv("DLC_CORE_IO_UNSET", "present", 1);
    o.unset_env = {"DLC_CORE_IO_UNSET"};
    r = dlc::run_process({"sh", "-c", "echo \"[${DLC_CORE_IO_UNSET-unset}]\""}, o);
    ::unsetenv("DLC_CORE_IO_UNSET");
    BOOST_TEST(r.output == "[unset]\n");
}

BOOST_AUTO_TEST_CASE(timeout_kills_the_child_and_its_children) {
    dlc::ProcessOptions o;
    o.timeout_seconds = 0.5;
    o.out = dlc::Stream::capture;
    const auto t0 = std::chrono::steady_clock::now();
    const auto r = dlc::run_process({"sh", "-c", "sleep 30 & sleep 30; echo never"}, o);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    BOOST_TEST(r.timed_out);
    BOOST_TEST(!r.ok());
    BOOST_TEST(s < 10.0);
    BOOST_TEST(r.output.empty());
}

BOOST_AUTO_TEST_CASE(memory_limit_applies_to_the_child) {
    dlc::ProcessOptions o;
    o.memory_limit_bytes = std::uint64_t(64) << 20;
    o.out = dlc::Stream::capture;
    o.err = dlc::Stream::capture;
    // ulimit -v prints the limit in KiB.
    const auto r = dlc::run_process({"sh", "-c", "ulimit -v"}, o);
    BOOST_TEST(r.ok());
    BOOST_TEST(r.output == "65536\n");
}

BOOST_AUTO_TEST_CASE(bad_argument_vectors_and_missing_programs) {
    dlc_test::check_throws<dlc::ValueError>([] { dlc::run_process({}); }, {"run_process", "empty argument vector"});
    dlc_test::check_throws<dlc::ValueError>([] { dlc::run_process({"echo", std::string("a\0b", 3)}); },
                                            {"NUL byte"});
    dlc_test::check_throws<dlc::DataError>([] { dlc::run_process({"dlc-no-such-program-xyz"}); },
                                           {"cannot run dlc-no-such-program-xyz", "not found"});
    dlc::ProcessOptions o;
    o.cwd = "/no/such/folder";
    dlc_test::check_throws<dlc::DataError>([&] { dlc::run_process({"true"}, o); },
                                           {"could not change to the directory /no/such/folder"});
    BOOST_TEST(dlc::find_program("sh").find("/sh") != std::string::npos);
    BOOST_TEST(dlc::find_program("").empty());
}

BOOST_AUTO_TEST_CASE(captured_output_is_bounded) {
    dlc::ProcessOptions o;
    o.out = dlc::Stream::capture;
    o.max_output_bytes = 1000;
    const auto r = dlc::run_process({"sh", "-c", "head -c 100000 /dev/zero"}, o);
    BOOST_TEST(r.ok());
    BOOST_TEST(r.output.size() < 1100u);
    BOOST_TEST(r.output.find("output beyond 1000 bytes dropped") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(atomic_write_replaces_whole_files) {
    const dlc::TempDir dir("dlc_core_io_");
    const fs::path f = dir.path() / "sub" / "x.json";
    dlc::write_file_atomic(f, "first", "test");
    BOOST_TEST(slurp(f) == "first");
    ::chmod(f.c_str(), 0640);
    dlc::write_file_atomic(f, "second, longer", "test");
    BOOST_TEST(slurp(f) == "second, longer");
    struct stat st {};
    ::stat(f.c_str(), &st);
    BOOST_TEST((st.st_mode & 0777) == 0640u, "the mode of the replaced file is kept");
    // No temporary file is left behind.
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(f.parent_path())) n += e.path() != f;
    BOOST_TEST(n == 0u);
    // A link is followed: the file it names is replaced, the link stays a link.
    const fs::path link = dir.path() / "link.json";
    fs::create_symlink(f, link);
    dlc::write_file_atomic(link, "through the link", "test");
    BOOST_TEST(fs::is_symlink(link));
    BOOST_TEST(slurp(f) == "through the link");
    // Devices are written in place.
    BOOST_CHECK_NO_THROW(dlc::write_file_atomic("/dev/null", "gone", "test"));
}

BOOST_AUTO_TEST_CASE(atomic_write_errors_name_the_path) {
    const dlc::TempDir dir("dlc_core_io_");
    dlc_test::check_throws<dlc::DataError>([&] { dlc::write_file_atomic(dir.path(), "x", "Report::write_json"); },
                                           {"Report::write_json", "is a folder"});
    const fs::path file = dir.path() / "plain";
    dlc::write_file_atomic(file, "x", "t");
    dlc_test::check_throws<dlc::DataError>([&] { dlc::write_file_atomic(file / "below", "x", "t"); },
                                           {"t: ", "exists and is not a folder"});
    dlc_test::check_throws<dlc::DataError>([&] { dlc::write_file_atomic("", "x", "t"); }, {"empty name"});
    dlc_test::check_throws<dlc::DataError>([&] { dlc::write_file_atomic("/proc/dlc-test.json", "x", "t"); },
                                           {"cannot write '/proc/dlc-test.json'"});
}

BOOST_AUTO_TEST_CASE(concurrent_atomic_writes_never_interleave) {
    const dlc::TempDir dir("dlc_core_io_");
    const fs::path f = dir.path() / "shared.txt";
    const std::string a(200000, 'a'), b(300000, 'b');
    std::thread t1([&] { for (int i = 0; i < 20; ++i) dlc::write_file_atomic(f, a, "t"); });
    std::thread t2([&] { for (int i = 0; i < 20; ++i) dlc::write_file_atomic(f, b, "t"); });
    bool whole = true;
    for (int i = 0; i < 200; ++i) {
        const std::string s = slurp(f);
        whole = whole && (s.empty() || s == a || s == b);
    }
    t1.join();
    t2.join();
    BOOST_TEST(whole, "a reader saw a partial or mixed file");
    const std::string last = slurp(f);
    BOOST_TEST((last == a || last == b));
}

BOOST_AUTO_TEST_CASE(writable_dir_check) {
    const dlc::TempDir dir("dlc_core_io_");
    BOOST_CHECK_NO_THROW(dlc::check_writable_dir(dir.path() / "new" / "deeper", "the output folder (--out)"));
    BOOST_TEST(fs::is_directory(dir.path() / "new" / "deeper"));
    BOOST_TEST(fs::is_empty(dir.path() / "new" / "deeper"), "the probe file is removed");
    const fs::path file = dir.path() / "file";
    std::ofstream(file) << "x";
    dlc_test::check_throws<dlc::DataError>([&] { dlc::check_writable_dir(file, "the output folder (--out)"); },
                                           {"the output folder (--out)", "exists and is not a folder"});
    dlc_test::check_throws<dlc::DataError>([&] { dlc::check_writable_dir("/proc/dlc-test", "the output folder"); },
                                           {"cannot create the output folder '/proc/dlc-test'"});
    dlc_test::check_throws<dlc::DataError>([&] { dlc::check_writable_dir("", "the folder of --json"); },
                                           {"empty path"});
}

BOOST_AUTO_TEST_CASE(temp_dir_is_private_and_removed) {
    fs::path kept;
    {
        const dlc::TempDir a("dlc_core_io_"), b("dlc_core_io_");
        BOOST_TEST(a.path() != b.path());
        BOOST_TEST(fs::is_directory(a.path()));
        BOOST_TEST(((fs::status(a.path()).permissions() & fs::perms::all) == fs::perms::owner_all), "mode 0700");
        std::ofstream(a.path() / "f") << "x";
        kept = a.path();
    }
    BOOST_TEST(!fs::exists(kept));
}

BOOST_AUTO_TEST_CASE(dir_lock_refuses_a_second_holder_and_dies_with_its_process) {
    const dlc::TempDir dir("dlc_core_io_");
    {
        const dlc::DirLock first(dir.path(), "kmeans");
        dlc_test::check_throws<dlc::DataError>([&] { dlc::DirLock second(dir.path(), "em"); },
                                               {"another run (kmeans, process " + std::to_string(::getpid()) + ")",
                                                "choose another folder with --out"});
    }
    BOOST_CHECK_NO_THROW(dlc::DirLock again(dir.path(), "em"));
    // A process that holds the lock and is killed (no clean-up at all) does not leave the folder locked.
    dlc::ProcessOptions o;
    o.timeout_seconds = 20;
    const std::string lock = (dir.path() / dlc::DirLock::file_name).string();
    const auto r = dlc::run_process({"sh", "-c", "exec 9>\"$0\"; flock -n 9 || exit 1; kill -KILL $$", lock}, o);
    BOOST_TEST(r.signal == SIGKILL);
    BOOST_CHECK_NO_THROW(dlc::DirLock after_crash(dir.path(), "em"));
}

BOOST_AUTO_TEST_CASE(utf8_validation_follows_rfc_3629) {
    BOOST_TEST(dlc::is_valid_utf8(""));
    BOOST_TEST(dlc::is_valid_utf8("plain ascii"));
    BOOST_TEST(dlc::is_valid_utf8("caf\xC3\xA9 \xE2\x9C\x93 \xF0\x9F\x98\x80"));  // é ✓ 😀
    BOOST_TEST(!dlc::is_valid_utf8("caf\xE9"));                  // Latin-1 é
    BOOST_TEST(!dlc::is_valid_utf8("\xC0\xAF"));                 // overlong '/'
    BOOST_TEST(!dlc::is_valid_utf8("\xED\xA0\x80"));             // a surrogate
    BOOST_TEST(!dlc::is_valid_utf8("\xF4\x90\x80\x80"));         // beyond U+10FFFF
    BOOST_TEST(!dlc::is_valid_utf8("\xE2\x9C"));                 // cut short
    BOOST_TEST(!dlc::is_valid_utf8("\x80"));                     // a lone continuation byte
    BOOST_TEST(dlc::escape_invalid_utf8("caf\xE9/\xC3\xA9\xFF") == "caf\\xE9/\xC3\xA9\\xFF");
    BOOST_TEST(dlc::escape_invalid_utf8("\xE2\x9C!") == "\\xE2\\x9C!");
}

BOOST_AUTO_TEST_CASE(utf8_escaping_of_json_values_and_keys) {
    nlohmann::json j = {{"path", "/data/caf\xE9"}, {"ok", "fine"}, {"list", {1, "x\xFF"}}, {"k\xE9y", 2}};
    BOOST_TEST(dlc::escape_invalid_utf8(j) == 3u);
    BOOST_TEST(j["path"] == "/data/caf\\xE9");
    BOOST_TEST(j["list"][1] == "x\\xFF");
    BOOST_TEST(j["k\\xE9y"] == 2);
    BOOST_CHECK_NO_THROW(j.dump());
    BOOST_TEST(dlc::escape_invalid_utf8(j) == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
