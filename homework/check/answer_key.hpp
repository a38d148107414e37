// The answer key of a problem set: which keys an answers file may hold, where each right value is found in the
// program's --json output, and how close an answer must be. The values themselves are never written here: the
// checker runs the problem set's program and reads them from its results.
#pragma once

#include "toml.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace answers {

/// What kind of value an answer is.
enum class Kind {
    number,    // a real number, right within the tolerance
    integer,   // a count or an extent, right only if equal
    boolean,   // true / false
    numbers,   // a list of real numbers (a vector, a matrix row by row), each within the tolerance
    integers,  // a list of counts (a shape)
    choice,    // one of a few named options, written as a string ("seq2seq")
    expression,  // a formula in one variable, written as a string ("(2 - 2x)/(3 - 2x)"), right where it agrees with
                 // the program's values at its sample points (lib/core/expression.hpp)
};

/// One option of a `Kind::choice` answer: its name (what the program records), the other ways a student may write
/// it, and what choosing it when it is wrong means.
struct Option {
    std::string name;                  // e.g. "seq2seq"
    std::vector<std::string> aliases;  // e.g. {"sequence-to-sequence", "encoder-decoder"}; compared ignoring case,
                                       // spaces, '-', '_', parentheses and '|'
    std::string hint;                  // e.g. "a synchronous model emits one output per input"
};

/// Where the right values of a `Kind::expression` answer are: an array of objects, each holding a point of the
/// variable (`point`) and the right value there (`value`), e.g. {"x": 0.1, "D_star": 0.6428}.
struct Samples {
    std::string variable;  // the formula's variable, e.g. "x"
    std::string point;     // the field holding the variable's value, e.g. "x"
    std::string value;     // the field holding the right value, e.g. "D_star"
};

/// A typical wrong answer: when a student's number (or list of numbers) matches the value at `pointer` in the
/// program's JSON (within the answer's tolerance), the checker says what that value is (`hint`) instead of only the
/// question. (A number or list whose every sign is flipped is recognized without an entry here.)
struct Mistake {
    std::string pointer;  // e.g. "/cases/hw7_q1a_update/eta_over_5"
    std::string hint;     // e.g. "that is the factor of a loss averaged over the batch only"
};

/// One answer: `key` in the answers file (e.g. "q1.w_opt"), found at `pointer` in the program's JSON
/// (e.g. "/cases/hw5_q1/w_opt"; nested arrays are read row by row).
struct Answer {
    std::string key;
    std::string pointer;
    Kind kind;
    std::string question;      // what is asked, shown when the answer is wrong, e.g. "Q1 (a): the optimum w*"
    double relative = 5e-3;    // numbers: |yours - right| <= max(absolute, relative |right|)
    double absolute = 1e-6;
    std::vector<Mistake> mistakes = {};  // typical wrong answers and what they mean (numbers and lists)
    std::vector<Option> options = {};    // Kind::choice: the options (the right one is the program's value)
    Samples samples = {};                // Kind::expression: the variable and the fields of the sample points
    std::string form = {};               // the template's example of the expected form, e.g. "[c1x, c1y, c2x, c2y]"
};

/// The answer `key` found at "/cases/CASE_ID/NAME" of the program's JSON, with its typical mistakes and the
/// template's example of its form (e.g. "[c1x, c1y, c2x, c2y]").
Answer case_answer(std::string key, const std::string& case_id, const std::string& name, Kind kind,
                   std::string question, std::vector<Mistake> mistakes = {}, std::string form = "");

/// A problem set's key and the program whose results hold the right values.
struct AnswerKey {
    std::string problem_set;              // "hw5"
    std::string program;                  // the executable next to the checker, e.g. "hw5"
    std::vector<std::string> arguments;   // e.g. {"--quick", "--case", "hw5_q1"}
    std::uint64_t max_variant = 0;        // the largest `--variant N` the program draws (0: it has no variants)
    std::vector<Answer> answers;
};

/// The keys of the problem sets (homework/check/hw5_key.cpp, hw7_key.cpp, mockfinal_key.cpp).
AnswerKey hw5_key();
AnswerKey hw7_key();
AnswerKey mockfinal_key();

/// The problem sets that have a key, e.g. {"hw5", "hw7", "mockfinal"}.
std::vector<std::string> problem_sets();

/// The key of `problem_set`. \throws dlc::ValueError naming the problem sets that have a key.
AnswerKey answer_key(const std::string& problem_set);

/// The answers template of a key (`./course check NAME --template`): every key with its question and the form of
/// its value, commented out, grouped by section.
std::string answers_template(const AnswerKey& key);

/// How one line of the answers file fared.
struct Verdict {
    std::string key;
    enum class Status { right, wrong, unknown, missing } status;
    std::string expected;   // the right value, formatted
    std::string yours;      // the student's value as written
    std::string tolerance;  // e.g. "0.5% relative", "exact"
    std::string note;       // why it is wrong, or a suggestion for an unknown key
    int line = 0;
};

/// The case ids (from the pointers "/cases/ID/...") of the keys `entries` answers, in the key's order, each once;
/// unknown keys add none.
std::vector<std::string> cases_answered(const AnswerKey& key, const std::vector<TomlEntry>& entries);

/// Compares every entry of the answers file with the right values in `results` (the program's JSON), and lists
/// the key's answers the file does not give as missing.
std::vector<Verdict> check(const AnswerKey& key, const std::vector<TomlEntry>& entries, const nlohmann::json& results);

}  // namespace answers
