// The exercise checks (`./course check NAME --code`, docs/exercises.md): what one check of a student's function
// compares, how a wrong value is diagnosed, and how the results read.
//
// An exercise set (homework/exercises/NAME/) is
//   exercise.hpp     the functions the student writes (declarations, with the notes' formula and shapes),
//   template/NAME.cpp  the student's starting file: every body throws dlc::NotImplemented,
//   checks.cpp       `Set NAME_checks(const Functions&)`: for every function, checks on fixed inputs against the
//                    library's tested implementation, each wrong value diagnosed by the typical mistakes it
//                    matches; and `SelfTest NAME_self_test()`: the checks run on the reference (must pass) and
//                    on one deliberately wrong variant per typical mistake (must fail with that mistake's hint),
//   bind.cpp         `Set exercise_set()`: the checks bound to the student's free functions.
// The driver (driver.cpp) runs a set's checks as Boost.Test cases and prints the report.
#pragma once

#include "nn/module.hpp"  // dlc::Tensor

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace dlc::exercise {

/// What a typical mistake gives on the check's input: if the student's value matches `value`, `hint` says why.
struct Mistake {
    std::string hint;
    Tensor<double> value;
};

/// The outcome of one function's checks: right, wrong, not written yet (it threw dlc::NotImplemented), crashed (a
/// signal or the time limit stopped it: the checks program then stops), or not checked (after a crash).
enum class Status { right, wrong, not_written, crashed, not_checked };

/// What the checks of one function found.
struct FunctionResult {
    std::string function;             // its name in exercise.hpp, e.g. "backward"
    std::string formula;              // what it computes, with the lecture
    Status status = Status::right;
    std::size_t checks = 0;           // comparisons made
    std::vector<std::string> failures;  // one paragraph per failed comparison (input, expected, received, hint)
    std::vector<std::string> hints;     // the hint of each failure, in order (what the self-tests compare)
    std::string not_written;          // the NotImplemented message, when status is not_written
};

/// Records the comparisons of one function's checks. A check sets the input it describes, calls the student's
/// function and compares each output with `close` (or `same`).
class Checker {
public:
    explicit Checker(FunctionResult& result) : result_(result) {}

    /// The input of the comparisons that follow, as the report shows it (e.g. "x = (0.5, -1), y = 1").
    void input(std::string description) { input_ = std::move(description); }

    /// Compares `received` with `expected` (same shape, |r - e| <= 1e-8 + 1e-6 |e| everywhere). When they differ,
    /// the hint is that of the first mistake whose value `received` matches, else `otherwise`.
    void close(const std::string& quantity, const Tensor<double>& expected, const Tensor<double>& received,
               const std::vector<Mistake>& mistakes, const std::string& otherwise);

    /// The scalar form of `close`.
    void close(const std::string& quantity, double expected, double received, const std::vector<Mistake>& mistakes,
               const std::string& otherwise);

    /// Compares a gradient with its numerical estimate (central differences of the student's own forward):
    /// wrong when the largest relative error max |g - g_num| / max(|g|, |g_num|, 1e-3) exceeds 1e-5. (The floor 1e-3
    /// keeps an entry that is 0 up to rounding from failing: the fourth-order differences' rounding error is about
    /// 1e-12 |f|, far below the 1e-8 it allows there, and far below what a wrong formula gives.)
    void gradient(const std::string& quantity, const Tensor<double>& numerical, const Tensor<double>& received,
                  const std::string& hint);

private:
    void fail(const std::string& quantity, const std::string& expected, const std::string& received,
              const std::string& hint);

    FunctionResult& result_;
    std::string input_;
};

/// The checks of one function of a set.
struct FunctionCheck {
    std::string function;                 // its name in exercise.hpp
    std::string formula;                  // what it computes, e.g. "delta_z = (U^T delta_f) * phi'(v_z) ... (HW5 Q2(c))"
    std::function<void(Checker&)> run;    // calls the function on fixed inputs and compares
};

/// An exercise set: its name (the folder and the `./course exercise` argument) and its functions' checks.
struct Set {
    std::string name;
    std::string title;
    std::vector<FunctionCheck> functions;
};

/// Runs one function's checks: a dlc::NotImplemented thrown by the function makes it "not written yet", any
/// other exception a failure that shows the exception's message.
FunctionResult run(const FunctionCheck& check);

/// The report of one function: a line "right"/"WRONG"/"not written yet", then its first failure (input, quantity,
/// expected, received, hint) and the number of the others.
std::string report(const FunctionResult& result);

/// "hw5: 4 of 6 functions right (1 wrong, 1 not written yet)."
std::string summary(const std::string& set, const std::vector<FunctionResult>& results);

/// A deliberately wrong implementation of one function, for the self-test: its checks must fail with `hint`.
struct WrongVariant {
    std::string name;      // what is wrong, e.g. "W transposed in the forward pass"
    std::string function;  // the function that is wrong
    std::string hint;      // the hint its checks must give
    Set set;               // the set's checks bound to the reference with this one function replaced
};

/// A set's self-test (tests/unit/exercises.cpp): the checks on the reference, which must all pass, and on each
/// wrong variant, which must fail with its hint.
struct SelfTest {
    Set reference;
    std::vector<Set> also_right;       // the checks on other right implementations (e.g. written with loops): must pass
    std::vector<WrongVariant> wrong;
};

/// Formats a tensor for a report: "(0.5, -1)" for a vector, "((1, 2), (3, 4))" for a matrix, 6 digits.
std::string show(const Tensor<double>& t);

/// Numerical gradient of a scalar function at x by fourth-order central differences (step h): what
/// `Checker::gradient` compares a student's backward pass with.
Tensor<double> numerical_gradient(const std::function<double(const Tensor<double>&)>& f, const Tensor<double>& x,
                                  double h = 1e-4);

}  // namespace dlc::exercise
