// The answer checker, one for every problem set: `./course check hw5|hw7|mockfinal my-answers.toml`.
//
//   check_answers PROBLEM_SET ANSWERS.toml [--program PATH] [--variant N]
//   check_answers PROBLEM_SET --template
//
// Reads the student's answers (`--template` prints every key with its question and the form of its value; hw5 and
// hw7 also have an annotated homework/NAME/answers-template.toml), runs the problem set's program (by default the
// one built next to this executable) with --json to compute the right values, and prints one line per answer: ✓ or
// ✗ with the right value, the student's value and the tolerance, and for a typical mistake what it means. Unknown
// keys (with the nearest key) and unanswered questions are listed. Exit status: 0 if every given answer is right
// (and at least one is given), 1 if any is wrong or a key is unknown, 2 for bad usage, an unreadable or malformed
// file, or a failed program. The program runs without a shell (an argument vector) in a private temporary folder,
// and is killed after $DLC_CHECK_TIMEOUT seconds (default 600).
#include "answer_key.hpp"
#include "toml.hpp"

#include "core/error.hpp"
#include "core/files.hpp"
#include "app/program.hpp"
#include "core/subprocess.hpp"
#include "core/utf8.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

int usage(std::ostream& os, int code) {
    std::string names;
    for (const auto& p : answers::problem_sets()) names += (names.empty() ? "" : ", ") + p;
    os << "usage: check_answers PROBLEM_SET ANSWERS.toml [--program PATH] [--variant N]\n"
          "       check_answers PROBLEM_SET --template\n"
          "  e.g. ./course check mockfinal --template > my-answers.toml; ./course check mockfinal my-answers.toml\n"
          "  PROBLEM_SET: " << names << ".\n"
          "  --template      print the answers template: every key, its question and the form of its value\n"
          "  --program PATH  the problem set's program (default: the one built next to this checker)\n"
          "  --variant N     check the answers to practice variant N (mockfinal; ./course homework mockfinal --variant N\n"
          "                  prints its questions); 0, the default, is the exam\n";
    return code;
}

// How long the program may run: $DLC_CHECK_TIMEOUT seconds, default 600 (the quick run takes seconds).
double timeout_seconds() {
    const char* v = std::getenv("DLC_CHECK_TIMEOUT");
    if (v == nullptr || *v == '\0') return 600;
    char* end = nullptr;
    const double t = std::strtod(v, &end);
    if (*end != '\0' || !(t > 0))
        throw dlc::ValueError("check", std::string("DLC_CHECK_TIMEOUT must be a positive number of seconds, got '") + v + "'");
    return t;
}

// Runs the program with --json into a private temporary folder and returns the parsed results. The program gets
// an argument vector (no shell: a path with quotes, spaces, ';' or '$(...)' is just a path), its output is captured.
nlohmann::json run_program(const answers::AnswerKey& key, const fs::path& program,
                           const std::vector<std::string>& cases, const std::string& variant) {
    std::error_code ec;
    if (!fs::exists(program, ec))
        throw dlc::DataError("check", program.string() + " does not exist; build it first (./course build " +
                                          key.program + ")");
    const dlc::TempDir dir("dlc_check_" + key.problem_set + "_");
    const fs::path json = dir.path() / "results.json";
    std::vector<std::string> argv = {program.string()};
    argv.insert(argv.end(), key.arguments.begin(), key.arguments.end());
    // A key that does not name its cases: only `cases`, those of the answers given, run (the whole mock final takes
    // seconds; one question, a fraction of that).
    if (std::find(key.arguments.begin(), key.arguments.end(), "--case") == key.arguments.end())
        for (const std::string& id : cases) {
            argv.push_back("--case");
            argv.push_back(id);
        }
    if (!variant.empty()) {
        argv.push_back("--variant");
        argv.push_back(variant);
    }
    for (const std::string& a : {std::string("--json"), json.string(), std::string("--out"), (dir.path() / "out").string()})
        argv.push_back(a);
    dlc::ProcessOptions options;
    options.set_env = {{"DLC_NO_GNUPLOT", "1"}};
    options.out = dlc::Stream::capture;
    options.err = dlc::Stream::capture;
    options.timeout_seconds = timeout_seconds();
    const dlc::ProcessResult r = dlc::run_process(argv, options);
    const std::string name = dlc::escape_invalid_utf8(program.string());
    if (!r.ok())
        throw dlc::DataError("check", name + " failed (" + r.status_text() + ") computing the right answers:\n" +
                                          r.output);
    std::ifstream f(json);
    if (!f) throw dlc::DataError("check", name + " ran (exit status 0) but wrote no results file:\n" + r.output);
    try {
        return nlohmann::json::parse(f);
    } catch (const nlohmann::json::exception& e) {
        throw dlc::DataError("check", name + "'s results are not valid JSON (" + e.what() + ")");
    }
}

// Prints one line per verdict and the summary; returns the exit status (0: every given answer right).
int report(const std::string& problem_set, const std::vector<answers::Verdict>& verdicts) {
    std::size_t right = 0, wrong = 0, unknown = 0, missing = 0;
    for (const auto& v : verdicts) {
        switch (v.status) {
            case answers::Verdict::Status::right:
                ++right;
                std::cout << "  ✓ " << v.key << " = " << v.yours << "  (right: " << v.expected << ", tolerance "
                          << v.tolerance << ")\n";
                break;
            case answers::Verdict::Status::wrong:
                ++wrong;
                std::cout << "  ✗ " << v.key << " = " << v.yours << "  (line " << v.line << ")  right: " << v.expected
                          << ", tolerance " << v.tolerance << "  -- " << v.note << "\n";
                break;
            case answers::Verdict::Status::unknown:
                ++unknown;
                std::cout << "  ? " << v.key << " (line " << v.line << "): unknown key, " << v.note << "\n";
                break;
            case answers::Verdict::Status::missing: ++missing; break;
        }
    }
    if (missing > 0) {
        std::cout << "  not answered (" << missing << "):";
        for (const auto& v : verdicts)
            if (v.status == answers::Verdict::Status::missing) std::cout << " " << v.key;
        std::cout << "\n";
    }
    std::cout << right << " right, " << wrong << " wrong, " << unknown << " unknown key" << (unknown == 1 ? "" : "s")
              << ", " << missing << " not answered.\n";
    if (right + wrong == 0) {
        std::cout << "No answers given: uncomment and fill in the keys of ./course check " << problem_set
                  << " --template.\n";
        return 1;
    }
    return wrong == 0 && unknown == 0 ? 0 : 1;
}

fs::path default_program(const std::string& name, const char* argv0) {
    std::error_code ec;
    fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (ec) self = fs::absolute(argv0);
    return self.parent_path() / name;
}

}  // namespace

int main(int argc, char** argv) {
    std::string problem_set, file, program, variant;
    bool variant_given = false;
    bool print_template = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") return usage(std::cout, 0);
        if (arg == "--template") {
            print_template = true;
        } else if (arg == "--program") {
            if (i + 1 == argc) return usage(std::cerr, 2);
            program = argv[++i];
        } else if (arg == "--variant") {
            if (i + 1 == argc) {
                std::cerr << "check_answers: --variant needs a number\n";
                return usage(std::cerr, 2);
            }
            variant = argv[++i];
            variant_given = true;
        } else if (arg.rfind("--", 0) == 0) {
            std::cerr << "check_answers: unknown flag " << arg << "\n";
            return usage(std::cerr, 2);
        } else if (problem_set.empty()) {
            problem_set = arg;
        } else if (file.empty()) {
            file = arg;
        } else {
            std::cerr << "check_answers: unexpected argument " << arg << "\n";
            return usage(std::cerr, 2);
        }
    }
    if (print_template && !file.empty()) {
        std::cerr << "check_answers: --template prints the template; it takes no answers file (got " << file << ")\n";
        return usage(std::cerr, 2);
    }
    if (problem_set.empty() || (file.empty() && !print_template)) return usage(std::cerr, 2);

    try {
        const answers::AnswerKey key = answers::answer_key(problem_set);
        if (variant_given) {
            if (key.max_variant == 0)
                throw dlc::ValueError("--variant", problem_set + " has no practice variants (the mock final has)");
            // Refused here, with the program's own rule, rather than as a failed run of the program.
            variant = std::to_string(dlc::parse_whole_number("--variant", variant, key.max_variant));
        }
        if (print_template) {
            std::cout << answers::answers_template(key);
            return 0;
        }
        std::error_code ec;
        if (fs::is_directory(file, ec)) throw dlc::DataError("check", "the answers file " + file + " is a folder");
        std::ifstream in(file, std::ios::binary);
        if (!in) throw dlc::DataError("check", "cannot read the answers file " + file);
        const auto entries = answers::parse_toml(in, file);
        const std::vector<std::string> cases = answers::cases_answered(key, entries);
        if (cases.empty()) {
            // Nothing to compare with the program's values: no need to run it.
            const auto verdicts = answers::check(key, entries, nlohmann::json::object());
            return report(problem_set, verdicts);
        }
        const fs::path exe = program.empty() ? default_program(key.program, argv[0]) : fs::path(program);
        std::cout << problem_set << (variant.empty() || variant == "0" ? "" : ", practice variant " + variant)
                  << ": checking " << file << " (right values computed by " << exe.string() << ")\n";
        const auto verdicts = answers::check(key, entries, run_program(key, exe, cases, variant));

        return report(problem_set, verdicts);
    } catch (const dlc::Error& e) {
        std::cerr << "check_answers: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "check_answers: " << e.what() << "\n";
        return 2;
    } catch (...) {
        std::cerr << "check_answers: an unexpected error\n";
        return 2;
    }
}
