// The answer key of a problem set: which keys an answers file may hold, where each right value is found in the
// program's --json output, and how close an answer must be. The values themselves are never written here: the
// checker runs the problem set's program and reads them from its results.
#pragma once

#include "toml.hpp"

#include <nlohmann/json.hpp>

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
};

/// A typical wrong answer: when a student's number matches the value at `pointer` in the program's JSON (within
/// the answer's tolerance), the checker says what that value is (`hint`) instead of only the question.
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
    std::vector<Mistake> mistakes = {};  // typical wrong answers and what they mean (numbers only)
};

/// A problem set's key and the program whose results hold the right values.
struct AnswerKey {
    std::string problem_set;              // "hw5"
    std::string program;                  // the executable next to the checker, e.g. "hw5"
    std::vector<std::string> arguments;   // e.g. {"--quick", "--case", "hw5_q1"}
    std::vector<Answer> answers;
};

/// The keys of the problem sets (homework/check/hw5_key.cpp, hw7_key.cpp).
AnswerKey hw5_key();
AnswerKey hw7_key();

/// The key of `problem_set`. \throws dlc::ValueError naming the problem sets that have a key.
AnswerKey answer_key(const std::string& problem_set);

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

/// Compares every entry of the answers file with the right values in `results` (the program's JSON), and lists
/// the key's answers the file does not give as missing.
std::vector<Verdict> check(const AnswerKey& key, const std::vector<TomlEntry>& entries, const nlohmann::json& results);

}  // namespace answers
