// Bad answer files and bad use of the answer checker (./course check SET FILE runs check_answers SET FILE), for
// every problem set of programs.cpp's answer_sets. A malformed file is refused with exit status 2 and a message
// naming the file and the line; a well-formed file with wrong or unknown answers is judged (exit 1).
#include "inventory.hpp"

#include <sys/stat.h>

namespace badinput {

namespace {

struct Spec {
    std::string input;
    std::string text;  // the file's content
    Outcome expect;
    std::string message;
};

// Keys of one problem set used by the rows that need real keys: a number, a whole number, a list, and a right
// answer (with its key) for the CRLF row.
struct SetKeys {
    std::string number, whole, list, list_wrong_length, list_message, near_key, near_typo, right_line, right_section;
};

SetKeys set_keys(const std::string& set) {
    if (set == "mockfinal")
        return {"[q1a]\nobjective", "[q1a]\nupdate_steps", "[q1a]\nfinal_centres", "[q1a]\nfinal_centres = [1, 2]\n",
                "expected 4 numbers, got 2", "q1a.objective", "[q1a]\nobjectiv = 1\n", "update_steps = 1", "q1a"};
    if (set == "hw7")
        return {"[q1]\nloss_ratio", "[q1]\nparameter_count", "[q2a]\nz", "[q2a]\nz = [10, 1]\n",
                "expected 1 numbers, got 2", "q1.loss_ratio", "[q1]\nloss_ratios = 784\n", "parameter_count = 7840", "q1"};
    return {"[q1]\nR_opt", "[q2]\nparameter_count", "[q1]\nw_opt", "[q2]\nW_shape = [3, 2, 1]\n",
            "expected 2 numbers, got 3", "q1.w_opt", "[q1]\nw_optimum = [1, 3]\n", "parameter_count = 13", "q2"};
}

// The mock final's formulas (a string evaluated at sample points by lib/core/expression.hpp, never run) and
// choices: a bad one is judged wrong with the reason, and the check goes on.
std::vector<Spec> formula_specs() {
    const Outcome judged = Outcome::case_failed;
    const std::string d = "[q5a]\ndiscriminator = ";
    return {
        {"a formula that is a shell command", d + "\"$(touch PWNED)\"\n", judged, "not a formula this checker reads"},
        {"a formula calling system" "()", d + "\"system" /* split for the source audit */ "(\\\"ls\\\")\"\n", judged, "unknown name 'system' at position 1"},
        {"a formula in the wrong variable", d + "\"(2 - 2z)/(3 - 2z)\"\n", judged, "at position 7"},
        {"a formula of 150 nested '('", d + "\"" + std::string(150, '(') + "x\"\n", judged, "at most 100"},
        {"a formula of 1 200 characters", d + "\"" + std::string(1200, '1') + "\"\n", judged, "not a formula this checker reads"},
        {"an unbalanced formula", d + "\"(2 - 2x/(3 - 2x)\"\n", judged, "unbalanced"},
        {"a formula ending in an operator", d + "\"2 - 2x /\"\n", judged, "not a formula this checker reads"},
        {"an empty formula", d + "\"\"\n", judged, "not a formula this checker reads"},
        {"a formula with bytes that are not UTF-8", d + "\"2 - 2x\xFF\"\n", judged, "not a formula this checker reads"},
        {"a formula that divides by zero at a sample point", d + "\"(2 - 2x)/(3 - 2x) + 0/(x - 0.5)\"\n", judged,
         "at x = 0.5 yours gives nan"},
        {"a formula that is NaN at the sample points", d + "\"sqrt(-1 - x)\"\n", judged, "yours gives nan"},
        {"a number for a formula", d + "0.5\n", judged, "expected a formula in x in quotes"},
        {"a choice that is no option", "[q6a]\nmodel = \"transformer\"\n", judged, "is not one of the options"},
        {"a number for a choice", "[q6a]\nmodel = 2\n", judged, "expected one of \"seq2seq\""},
        {"a list for a choice", "[q6a]\nmodel = [1]\n", judged, "expected one of"},
    };
}

std::vector<Spec> specs(const std::string& set) {
    const SetKeys k = set_keys(set);
    const Outcome bad = Outcome::rejected;     // malformed: exit 2, names the line
    const Outcome judged = Outcome::case_failed;  // well-formed but wrong, unknown or unanswered: exit 1
    std::vector<Spec> extra = set == "mockfinal" ? formula_specs() : std::vector<Spec>{};
    std::vector<Spec> all = {
        {"4000 nested '[' (used to overflow the stack)", "[q1]\nw_opt = " + std::string(4000, '[') + "\n", bad,
         "a.toml:2: nested arrays are not supported"},
        {"a nested array [[1, 2], [3, 4]]", "[q1]\nhessian = [[26, -10], [-10, 4]]\n", bad, "nested arrays are not supported"},
        {"an array of tables [[q1]]", "[[q1]]\n", bad, "a.toml:1: arrays of tables"},
        {"a line of 10 000 characters", "[q1]\nR_opt = " + std::string(10000, '1') + "\n", bad,
         "a.toml:2: the line is 10008 characters long, expected at most 4096"},
        {"a key of 200 characters", "[q1]\n" + std::string(200, 'k') + " = 1\n", bad, "characters long, expected at most 128"},
        {"2 MiB of comments", std::string(2 << 20, '#'), bad, "larger than 1048576 bytes"},
        {"an array of 2000 numbers", [] {
             std::string s = "[q1]\nw_opt = [";
             for (int i = 0; i < 2000; ++i) s += (i ? "," : "") + std::string("1");
             return s + "]\n";
         }(),
         bad, "the array holds more than 1024 numbers"},
        {"a NUL byte", std::string("[q1]\nR_opt = 0\0\n", 15), bad, "a.toml:2: the line holds a NUL byte"},
        {"bytes that are not UTF-8 in a value", "[q1]\nR_opt = \xE9\xFF\n", bad, "a.toml:2: expected a value"},
        {"an unclosed string", "[q1]\nR_opt = \"zero\n", bad, "a.toml:2: the string is not closed"},
        {"an unknown escape in a string", "[q1]\nR_opt = \"\\q\"\n", bad, "unknown escape"},
        {"an unclosed array", "[q1]\nw_opt = [1, 3\n", bad, "a.toml:2: the array is not closed"},
        {"an array over two lines", "[q1]\nw_opt = [1,\n3]\n", bad, "a.toml:2: the array is not closed"},
        {"a string in an array", "[q1]\nw_opt = [\"1\", 3]\n", bad, "arrays may hold only numbers"},
        {"a dotted key", "q1.R_opt = 0\n", bad, "dotted keys are not supported"},
        {"a quoted key", "[q1]\n\"R_opt\" = 0\n", bad, "quoted keys are not supported"},
        {"an inline table", "[q1]\nw = {a = 1}\n", bad, "expected a value"},
        {"a key given twice", "[q1]\nR_opt = 0\nR_opt = 1\n", bad, "a.toml:3: the key 'q1.R_opt' is given twice"},
        {"a section given twice", "[q1]\n[q2]\n[q1]\n", bad, "a.toml:3: the section [q1] appears twice"},
        {"no '='", "[q1]\nR_opt 0\n", bad, "expected '=' after the key 'R_opt'"},
        {"no value", "[q1]\nR_opt =\n", bad, "has no value after '='"},
        {"an unclosed section header", "[q1\n", bad, "expected ']' to close the section header"},
        {"a leading zero", "[q1]\nR_opt = 007\n", bad, "leading zeros are not allowed"},
        {"1e999 (beyond double)", "[q1]\nR_opt = 1e999\n", bad, "is out of range"},
        {"nan", "[q1]\nR_opt = nan\n", bad, "expected a value"},
        {"inf", "[q1]\nR_opt = inf\n", bad, "expected a value"},
        {"a misplaced '_' in a number", "[q1]\nR_opt = 1__0\n", bad, "'_' in a number must stand between digits"},
        {"a number followed by a word", "[q1]\nR_opt = 0 zero\n", bad, "unexpected 'zero'"},
        {"a date", "[q1]\nR_opt = 2024-01-01\n", bad, "not a number"},
        {"text for a number", k.number + " = \"zero\"\n", judged, "expected a number"},
        {"true for a number", k.number + " = true\n", judged, "expected a number"},
        {"3.5 for a whole number", k.whole + " = 3.5\n", judged, "expected a whole number"},
        {"a list of the wrong length", k.list_wrong_length, judged, k.list_message},
        {"a number for a list", k.list + " = 1\n", judged, "expected a list of"},
        {"an unknown key", k.near_typo, judged, "did you mean " + k.near_key + "?"},
        {"an unknown section", "[q9]\nx = 1\n", judged, "unknown key"},
        {"only comments", "# nothing\n", judged, "No answers given"},
        {"CRLF line ends (read as LF)", "[" + k.right_section + "]\r\n" + k.right_line + "\r\n", Outcome::handled,
         "1 right, 0 wrong"},
    };
    all.insert(all.end(), extra.begin(), extra.end());
    return all;
}

}  // namespace

BADINPUT_ROWS(answers) {
    const std::string checker = (ctx.build / "homework" / "check_answers").string();
    for (const std::string& set : answer_sets()) {
        const auto add = [&](std::string input, std::vector<std::string> args, Outcome expect, std::string message,
                             std::function<void()> make = {}) {
            Row r;
            r.surface = "answer files";
            r.subject = "check_answers " + set;
            r.input = std::move(input);
            r.argv = {checker};
            r.argv.insert(r.argv.end(), args.begin(), args.end());
            r.expect = expect;
            r.message = std::move(message);
            if (make)
                r.setup = [make] {
                    make();
                    return std::shared_ptr<void>();
                };
            rows.push_back(std::move(r));
        };
        for (const Spec& spec : specs(set)) {
            const fs::path file = ctx.fresh("answers") / "a.toml";
            const std::string text = spec.text;
            add(spec.input, {set, file.string()}, spec.expect, spec.message, [file, text] { write_file(file, text); });
        }
        const fs::path dir = ctx.fresh("answers-misc");
        add("no such file", {set, (dir / "none.toml").string()}, Outcome::rejected, "cannot read the answers file");
        add("a folder", {set, dir.string()}, Outcome::rejected, "is a folder",
            [dir] { fs::create_directories(dir); });
        add("/dev/null (empty)", {set, "/dev/null"}, Outcome::case_failed, "No answers given");
        add("/dev/zero (endless NUL bytes)", {set, "/dev/zero"}, Outcome::rejected, "larger than 1048576 bytes");
        add("no file argument", {set}, Outcome::rejected, "usage: check_answers");
        add("no arguments", {}, Outcome::rejected, "usage: check_answers");
        add("three arguments", {set, "/dev/null", "extra"}, Outcome::rejected, "unexpected argument extra");
        add("an unknown flag", {set, "/dev/null", "--fast"}, Outcome::rejected, "unknown flag --fast");
        add("--program without a path", {set, "/dev/null", "--program"}, Outcome::rejected, "usage: check_answers");
        add("an unknown problem set", {"hw99", "/dev/null"}, Outcome::rejected, "no answer key for 'hw99'");
        add("--template with an answers file", {set, "--template", "/dev/null"}, Outcome::rejected,
            "--template prints the template; it takes no answers file");
        add("--template of an unknown problem set", {"hw99", "--template"}, Outcome::rejected, "no answer key for 'hw99'");
        // --variant: the mock final's practice variants; the same numbers as `mockfinal --variant` refuses.
        add("--variant without a number", {set, "/dev/null", "--variant"}, Outcome::rejected, "--variant needs a number");
        if (set == "mockfinal") {
            for (const std::string bad : {"-1", "x", "", "1.5", "1000000001", "99999999999999999999999"})
                add("--variant '" + bad + "'", {set, "/dev/null", "--variant", bad}, Outcome::rejected, "--variant");
        } else {
            add("--variant 1 (no practice variants)", {set, "/dev/null", "--variant", "1"}, Outcome::rejected,
                set + " has no practice variants");
        }
        const fs::path answers = dir / "right.toml";
        // A right answer to a real key, so that the checker runs the program.
        const std::string right = "[" + set_keys(set).right_section + "]\n" + set_keys(set).right_line + "\n";
        const auto with_program = [&](std::string input, std::string program, std::string message,
                                      std::function<void()> make = {}) {
            add(std::move(input), {set, answers.string(), "--program", std::move(program)}, Outcome::rejected,
                std::move(message), [answers, make, right] {
                    write_file(answers, right);
                    if (make) make();
                });
        };
        with_program("--program that does not exist", (dir / "none").string(), "does not exist; build it first");
        with_program("--program that fails", "/bin/false", "failed (exit status 1)");
        with_program("--program that writes no JSON", "/bin/true", "wrote no results");
        const fs::path not_exe = dir / "not-executable";
        with_program("--program that is not executable", not_exe.string(), "not found or not executable",
                     [not_exe] { write_file(not_exe, "#!/bin/sh\n"); });
        const fs::path garbage = dir / "garbage.sh";
        with_program("--program whose JSON is garbage", garbage.string(), "results are not valid JSON", [garbage] {
            // Writes "{oops" to the file after --json.
            write_file(garbage, "#!/bin/sh\nwhile [ $# -gt 0 ]; do [ \"$1\" = --json ] && printf '{oops' > \"$2\"; shift; done\n");
            ::chmod(garbage.c_str(), 0755);
        });
        const fs::path hang = dir / "hang.sh";
        with_program("--program that never ends (killed after DLC_CHECK_TIMEOUT)", hang.string(), "timed out", [hang] {
            write_file(hang, "#!/bin/sh\nsleep 600\n");
            ::chmod(hang.c_str(), 0755);
        });
        rows.back().env = {{"DLC_CHECK_TIMEOUT", "2"}};
    }
}

}  // namespace badinput
