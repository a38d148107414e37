// Backpropagation as code (homework/exercises/backprop/): the checks pass on the library's reference and on loop
// versions, and catch each typical mistake with its hint (wrong.cpp); the report reads as docs/exercises.md shows.
#define BOOST_TEST_DYN_LINK
#include "selftest.hpp"
#include "backprop/checks.hpp"
#include "backprop/hints.hpp"

#include "core/not_implemented.hpp"

#include <stdexcept>
#include <string>
#include <vector>

BOOST_AUTO_TEST_SUITE(exercise_backprop)

BOOST_AUTO_TEST_CASE(checks_pass_on_the_reference_and_catch_every_wrong_variant) {
    const dlc::exercise::SelfTest t = backprop_exercise::self_test();
    BOOST_TEST(t.reference.functions.size() == 6u);
    BOOST_TEST(t.wrong.size() >= 6u);
    dlc_test::check_self_test(t);
}

// The report of an unstable softmax names the large logits and the overflow hint; the summary counts the functions.
BOOST_AUTO_TEST_CASE(report_of_an_unstable_softmax) {
    const dlc::exercise::SelfTest t = backprop_exercise::self_test();
    for (const auto& v : t.wrong) {
        if (v.hint != std::string(backprop_exercise::hints::sce_overflow)) continue;
        std::vector<dlc::exercise::FunctionResult> results;
        for (const auto& check : v.set.functions) results.push_back(dlc::exercise::run(check));
        const std::string text = dlc::exercise::report(results[4]);
        BOOST_TEST(text.find("WRONG  softmax_cross_entropy_forward") == 0u, text);
        BOOST_TEST(text.find("V = ((1000, 998, 996)") != std::string::npos, text);
        BOOST_TEST(text.find("expected ") != std::string::npos, text);
        BOOST_TEST(dlc::exercise::summary("backprop", results) == "backprop: 5 of 6 functions right (1 wrong).");
        return;
    }
    BOOST_FAIL("no variant with an unstable softmax");
}

// A backward pass that disagrees with the student's own forward is reported by the gradient checker; with the
// forward not written yet, the backward is still checked against the library (and not "not written").
BOOST_AUTO_TEST_CASE(gradient_checker_and_unwritten_forward) {
    using backprop_exercise::Tensor;
    backprop_exercise::Functions f = backprop_exercise::reference();
    f.sigmoid_forward = [](const Tensor& V) { return Tensor(2.0 * V); };  // wrong: the right backward is not blamed
    f.linear_forward = [](const Tensor&, const Tensor&, const Tensor&) -> Tensor {
        throw dlc::NotImplemented("linear_forward: write it");
    };
    f.softmax_cross_entropy_backward = [](const Tensor&, const backprop_exercise::Labels&) -> Tensor {
        throw std::out_of_range("index 3");
    };
    const dlc::exercise::Set set = backprop_exercise::checks(f);
    std::vector<dlc::exercise::FunctionResult> r;
    for (const auto& check : set.functions) r.push_back(dlc::exercise::run(check));
    BOOST_TEST((r[0].status == dlc::exercise::Status::not_written));
    BOOST_TEST((r[1].status == dlc::exercise::Status::right), dlc::exercise::report(r[1]));
    BOOST_TEST(r[1].checks == 6u);  // dX, dW, db twice: no gradient check against an unwritten forward
    BOOST_TEST((r[2].status == dlc::exercise::Status::wrong));
    BOOST_TEST((r[3].status == dlc::exercise::Status::right), dlc::exercise::report(r[3]));
    BOOST_TEST(r[3].checks == 2u);  // dV twice, not differentiated against the wrong forward
    BOOST_TEST((r[5].status == dlc::exercise::Status::wrong));
    BOOST_TEST(r[5].hints.front() == "your function threw: index 3");
    BOOST_TEST(dlc::exercise::summary("backprop", r) == "backprop: 3 of 6 functions right (2 wrong, 1 not written yet).");

    // With a right forward and a wrong backward, each case fails twice: against the library, then against central
    // differences of the forward (the gradient checker's hint).
    f = backprop_exercise::reference();
    f.sigmoid_backward = [](const Tensor& V, const Tensor& dZ) { return Tensor(dZ * 0.25 + 0.0 * V); };
    const dlc::exercise::FunctionResult b = dlc::exercise::run(backprop_exercise::checks(f).functions[3]);
    BOOST_TEST((b.status == dlc::exercise::Status::wrong));
    BOOST_TEST(b.hints.size() == 4u, dlc::exercise::report(b));  // the library's comparison and the gradient checker
    BOOST_TEST(b.hints[1] == backprop_exercise::hints::sigmoid_gradient);
}

BOOST_AUTO_TEST_SUITE_END()
