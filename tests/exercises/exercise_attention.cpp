// Attention as code (homework/exercises/attention/): the checks pass on the library's reference, on loop versions
// and on an xtensor version, and catch each typical mistake with its hint (wrong.cpp); the report reads as
// docs/exercises.md shows.
#define BOOST_TEST_DYN_LINK
#include "selftest.hpp"
#include "attention/checks.hpp"
#include "attention/hints.hpp"

#include "core/not_implemented.hpp"

#include <stdexcept>
#include <string>
#include <vector>

BOOST_AUTO_TEST_SUITE(exercise_attention)

BOOST_AUTO_TEST_CASE(checks_pass_on_the_reference_and_catch_every_wrong_variant) {
    const dlc::exercise::SelfTest t = attention_exercise::self_test();
    BOOST_TEST(t.reference.functions.size() == 2u);
    BOOST_TEST(t.wrong.size() >= 2u);
    dlc_test::check_self_test(t);
}

// The report of the softmax backward taken as its diagonal names the quantity, the input, the expected and received
// values and the hint; the summary counts the functions.
BOOST_AUTO_TEST_CASE(report_of_a_diagonal_softmax_backward) {
    const dlc::exercise::SelfTest t = attention_exercise::self_test();
    for (const auto& v : t.wrong) {
        if (v.hint != std::string(attention_exercise::hints::dS_diagonal)) continue;
        std::vector<dlc::exercise::FunctionResult> results;
        for (const auto& check : v.set.functions) results.push_back(dlc::exercise::run(check));
        const std::string text = dlc::exercise::report(results[1]);
        BOOST_TEST(text.find("WRONG  sdpa_backward") == 0u, text);
        BOOST_TEST(text.find("dS:") != std::string::npos, text);
        BOOST_TEST(text.find("expected (") != std::string::npos, text);
        BOOST_TEST(text.find("received (") != std::string::npos, text);
        BOOST_TEST(text.find("Q = ((1, 0.2), (-0.5, 0.8), (0.3, -1.1))") != std::string::npos, text);
        BOOST_TEST(dlc::exercise::summary("attention", results) == "attention: 1 of 2 functions right (1 wrong).");
        return;
    }
    BOOST_FAIL("no variant with a diagonal softmax backward");
}

// The backward's checks: 5 comparisons with the library and 3 gradient checks on each of the 3 inputs.
BOOST_AUTO_TEST_CASE(gradient_checks_of_the_backward) {
    const dlc::exercise::Set set = attention_exercise::checks(attention_exercise::reference());
    const dlc::exercise::FunctionResult r = dlc::exercise::run(set.functions[1]);
    BOOST_TEST((r.status == dlc::exercise::Status::right), dlc::exercise::report(r));
    BOOST_TEST(r.checks == 24u);
}

BOOST_AUTO_TEST_CASE(not_written_and_throwing_functions) {
    using attention_exercise::Tensor;
    attention_exercise::Functions f = attention_exercise::reference();
    f.sdpa_forward = [](const Tensor&, const Tensor&, const Tensor&, bool) -> attention_exercise::Forward {
        throw dlc::NotImplemented("sdpa_forward: write it");
    };
    std::vector<dlc::exercise::FunctionResult> r;
    for (const auto& check : attention_exercise::checks(f).functions) r.push_back(dlc::exercise::run(check));
    BOOST_TEST((r[0].status == dlc::exercise::Status::not_written));
    BOOST_TEST(dlc::exercise::report(r[0]).find("sdpa_forward: not written yet") != std::string::npos);
    // The backward stays right: its gradient checks skip a forward that is not written.
    BOOST_TEST((r[1].status == dlc::exercise::Status::right), dlc::exercise::report(r[1]));
    BOOST_TEST(dlc::exercise::summary("attention", r) == "attention: 1 of 2 functions right (1 not written yet).");

    f = attention_exercise::reference();
    f.sdpa_forward = [](const Tensor& Q, const Tensor& K, const Tensor&, bool) -> attention_exercise::Forward {
        return {Q, K, Q};  // the wrong shapes: a report, not a crash
    };
    f.sdpa_backward = [](const Tensor&, const Tensor&, const Tensor&, const Tensor&,
                         const Tensor&) -> attention_exercise::Gradients { throw std::out_of_range("index 3"); };
    r.clear();
    for (const auto& check : attention_exercise::checks(f).functions) r.push_back(dlc::exercise::run(check));
    BOOST_TEST((r[0].status == dlc::exercise::Status::wrong));
    BOOST_TEST(dlc::exercise::report(r[0]).find("shape (3, 2)") != std::string::npos, dlc::exercise::report(r[0]));
    BOOST_TEST((r[1].status == dlc::exercise::Status::wrong));
    BOOST_TEST(r[1].hints.front() == "your function threw: index 3");
}

BOOST_AUTO_TEST_SUITE_END()
