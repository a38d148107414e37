// Program runs of homework as code (docs/exercises.md): every set's template compiles and its checks report every
// function "not written yet" (no crash); `./course exercise NAME` writes the workspace and keeps a student's file;
// `./course check NAME --code` reports 0 of m on the template, shows a compile error in the student's file first,
// names a missing function, reports a wrong function with its hint, a crash and an endless loop as such, and says
// "m of m functions right" on a finished file (tests/fixtures/exercises/NAME.cpp).
#define BOOST_TEST_DYN_LINK
#include "program_run.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

BOOST_AUTO_TEST_SUITE(exercises_program)

namespace {

namespace fs = std::filesystem;
using dlc_test::RunResult;

std::vector<std::string> exercise_sets() {
    const char* s = std::getenv("DLC_EXERCISE_SETS");
    BOOST_TEST_REQUIRE(s != nullptr, "DLC_EXERCISE_SETS is set by CTest");
    std::vector<std::string> sets;
    std::stringstream in(s);
    for (std::string name; std::getline(in, name, ':');)
        if (!name.empty()) sets.push_back(name);
    BOOST_TEST_REQUIRE(!sets.empty());
    return sets;
}

std::string source_dir() {
    const char* s = std::getenv("DLC_SOURCE_DIR");
    BOOST_TEST_REQUIRE(s != nullptr);
    return s;
}

std::size_t count(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

// The number m of functions in the summary "NAME: k of m functions right...".
std::size_t functions_in_summary(const std::string& set, const std::string& output, std::size_t right) {
    const std::regex summary(set + ": " + std::to_string(right) + " of ([0-9]+) functions right");
    std::smatch m;
    BOOST_TEST_REQUIRE(std::regex_search(output, m, summary), output);
    return std::stoul(m[1]);
}

// A workspace folder of its own (DLC_EXERCISE_DIR), removed at the end.
struct Workspace {
    fs::path dir = fs::temp_directory_path() / ("dlc-exercise-" + std::to_string(::getpid()));
    Workspace() { fs::remove_all(dir); }
    ~Workspace() { fs::remove_all(dir); }
    RunResult course(const std::vector<std::string>& args,
                     std::vector<std::pair<std::string, std::string>> env = {}) const {
        std::vector<std::string> argv{source_dir() + "/course"};
        argv.insert(argv.end(), args.begin(), args.end());
        env.push_back({"DLC_EXERCISE_DIR", dir.string()});
        env.push_back({"DLC_JOBS", "1"});
        return dlc_test::run_args(argv, env, 900);
    }
    fs::path file(const std::string& set) const { return dir / set / (set + ".cpp"); }
};

void write(const fs::path& p, const std::string& text) {
    std::ofstream(p) << text;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_template_compiles_and_reports_every_function_not_written) {
    for (const std::string& set : exercise_sets()) {
        BOOST_TEST_CONTEXT("set " << set) {
            const RunResult r =
                dlc_test::run_args({dlc_test::build_dir() + "/homework/exercises/exercise_" + set + "_template"});
            BOOST_TEST(r.rc == 1, r.output);
            const std::size_t m = functions_in_summary(set, r.output, 0);
            BOOST_TEST(m >= 2u);
            BOOST_TEST(r.output.find("(" + std::to_string(m) + " not written yet).") != std::string::npos, r.output);
            BOOST_TEST(count(r.output, ": not written yet\n") == m, r.output);
            BOOST_TEST(r.output.find("WRONG") == std::string::npos, r.output);
        }
    }
}

// The README's path for hw5: exercise, check the template, make mistakes, finish.
BOOST_AUTO_TEST_CASE(hw5_from_exercise_to_all_right) {
    const Workspace ws;
    RunResult r = ws.course({"exercise", "hw5"});
    BOOST_TEST_REQUIRE(r.rc == 0, r.output);
    BOOST_TEST(r.output.find("./course check hw5 --code") != std::string::npos, r.output);
    const std::string templ = dlc_test::read_file(source_dir() + "/homework/exercises/hw5/template/hw5.cpp");
    BOOST_TEST(dlc_test::read_file(ws.file("hw5")) == templ);

    // A student's file is never overwritten without --force.
    write(ws.file("hw5"), templ + "// mine\n");
    r = ws.course({"exercise", "hw5"});
    BOOST_TEST(r.rc == 0, r.output);
    BOOST_TEST(r.output.find("kept your") != std::string::npos, r.output);
    BOOST_TEST(dlc_test::read_file(ws.file("hw5")) == templ + "// mine\n");
    r = ws.course({"exercise", "hw5", "--force"});
    BOOST_TEST(dlc_test::read_file(ws.file("hw5")) == templ);

    r = ws.course({"check", "hw5", "--code"});
    BOOST_TEST(r.rc == 1, r.output);
    BOOST_TEST(functions_in_summary("hw5", r.output, 0) == 6u);

    // A compile error: the student's file and line come first.
    const std::string finished = dlc_test::read_file(std::string(std::getenv("DLC_FIXTURES")) + "/exercises/hw5.cpp");
    BOOST_TEST_REQUIRE(!finished.empty());
    std::string broken = finished;
    broken.replace(broken.find("g.grad_b = g.delta_z;"), 21, "g.grad_b = g.delta_z");
    write(ws.file("hw5"), broken);
    r = ws.course({"check", "hw5", "--code"});
    BOOST_TEST(r.rc == 1, r.output);
    const std::size_t first = r.output.find("Your file does not compile. The first errors in it:\n");
    BOOST_TEST_REQUIRE(first != std::string::npos, r.output);
    BOOST_TEST(r.output.find(ws.file("hw5").string() + ":", first) != std::string::npos, r.output);

    // A function missing (renamed): the link error names it.
    std::string renamed = finished;
    renamed.replace(renamed.find("void sgd_step("), 14, "void sgd_stop(");
    write(ws.file("hw5"), renamed);
    r = ws.course({"check", "hw5", "--code"});
    BOOST_TEST(r.rc == 1, r.output);
    BOOST_TEST(r.output.find("a function is missing or its signature differs") != std::string::npos, r.output);
    BOOST_TEST(r.output.find("sgd_step") != std::string::npos, r.output);

    // A wrong backward pass (g' missing): WRONG, the quantity, the values and the hint.
    std::string wrong = finished;
    wrong.replace(wrong.find(" * phi_prime(fw.v_z, p.a);"), 26, ";");
    write(ws.file("hw5"), wrong);
    r = ws.course({"check", "hw5", "--code"});
    BOOST_TEST(r.rc == 1, r.output);
    BOOST_TEST(r.output.find("WRONG  backward") != std::string::npos, r.output);
    BOOST_TEST(r.output.find("hint: g' is missing: delta_z = (U^T delta_f) * phi'(v_z)") != std::string::npos, r.output);
    BOOST_TEST(functions_in_summary("hw5", r.output, 5) == 6u);

    // A crash (a write far outside a tensor) is reported as such, and the functions after it as not checked.
    std::string crashing = finished;
    crashing.replace(crashing.find("    fw.f = phi(fw.v_f, p.a);"), 28,
                     "    fw.f = phi(fw.v_f, p.a);\n    for (std::size_t i = 0; i < 100000000; ++i) fw.f.data()[i * 4096] = 0;");
    write(ws.file("hw5"), crashing);
    r = ws.course({"check", "hw5", "--code"});
    BOOST_TEST(r.rc == 1, r.output);
    BOOST_TEST(r.output.find("CRASH  forward") != std::string::npos, r.output);
    BOOST_TEST(r.output.find("sgd_step: not checked") != std::string::npos, r.output);
    BOOST_TEST(r.output.find("hw5: 3 of 6 functions right (1 crashed, 2 not checked).") != std::string::npos, r.output);
    BOOST_TEST(count(r.output, "functions right") == 1u, r.output);  // one summary: the crash ended only the checks
    BOOST_TEST(count(r.output, "right  phi_prime") == 1u, r.output);  // and nothing ran twice

    // An endless loop is stopped after DLC_EXERCISE_TIMEOUT seconds.
    std::string endless = finished;
    endless.replace(endless.find("    p.c -= eta * g.grad_c;"), 26, "    while (eta > 0) p.c(0) -= eta * g.grad_c(0);");
    write(ws.file("hw5"), endless);
    r = ws.course({"check", "hw5", "--code"}, {{"DLC_EXERCISE_TIMEOUT", "2"}});
    BOOST_TEST(r.rc == 1, r.output);
    BOOST_TEST(r.output.find("CRASH  sgd_step") != std::string::npos, r.output);
    BOOST_TEST(r.output.find("did not finish within 2 s") != std::string::npos, r.output);

    write(ws.file("hw5"), finished);
    r = ws.course({"check", "hw5", "--code"});
    BOOST_TEST(r.rc == 0, r.output);
    BOOST_TEST(r.output.find("hw5: 6 of 6 functions right.") != std::string::npos, r.output);
}

// Every other set: a finished file (its fixture) passes every check through the student's path.
BOOST_AUTO_TEST_CASE(every_set_finished_is_all_right) {
    const Workspace ws;
    for (const std::string& set : exercise_sets()) {
        if (set == "hw5") continue;  // above
        BOOST_TEST_CONTEXT("set " << set) {
            RunResult r = ws.course({"exercise", set});
            BOOST_TEST_REQUIRE(r.rc == 0, r.output);
            const std::string finished =
                dlc_test::read_file(std::string(std::getenv("DLC_FIXTURES")) + "/exercises/" + set + ".cpp");
            BOOST_TEST_REQUIRE(!finished.empty(), "tests/fixtures/exercises/" << set << ".cpp: a finished file");
            write(ws.file(set), finished);
            r = ws.course({"check", set, "--code"});
            BOOST_TEST(r.rc == 0, r.output);
            const std::regex all_right(set + ": ([0-9]+) of ([0-9]+) functions right\\.");
            std::smatch m;
            BOOST_TEST_REQUIRE(std::regex_search(r.output, m, all_right), r.output);
            BOOST_TEST(m[1].str() == m[2].str(), r.output);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
