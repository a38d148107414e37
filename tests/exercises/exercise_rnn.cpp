// RNN as code (homework/exercises/rnn/): the checks pass on the library's reference and on loop versions, and
// catch each typical mistake with its hint (wrong.cpp); the report reads as docs/exercises.md shows.
#define BOOST_TEST_DYN_LINK
#include "selftest.hpp"
#include "rnn/checks.hpp"
#include "rnn/hints.hpp"

#include "core/not_implemented.hpp"

#include <stdexcept>
#include <string>
#include <vector>

BOOST_AUTO_TEST_SUITE(exercise_rnn)

BOOST_AUTO_TEST_CASE(checks_pass_on_the_reference_and_catch_every_wrong_variant) {
    const dlc::exercise::SelfTest t = rnn_exercise::self_test();
    BOOST_TEST(t.reference.functions.size() == 4u);
    BOOST_TEST(t.wrong.size() >= 4u);
    dlc_test::check_self_test(t);
}

// The report of a backward pass with tanh' at the wrong step names the quantity, the input, the expected and
// received values and the hint; the summary counts the functions.
BOOST_AUTO_TEST_CASE(report_of_tanh_prime_at_s_prev) {
    const dlc::exercise::SelfTest t = rnn_exercise::self_test();
    for (const auto& v : t.wrong) {
        if (v.hint != std::string(rnn_exercise::hints::back_g_at_s_prev)) continue;
        std::vector<dlc::exercise::FunctionResult> results;
        for (const auto& check : v.set.functions) results.push_back(dlc::exercise::run(check));
        const std::string text = dlc::exercise::report(results[1]);
        BOOST_TEST(text.find("WRONG  rnn_step_backward") == 0u, text);
        BOOST_TEST(text.find("dx:") != std::string::npos, text);
        BOOST_TEST(text.find("expected (") != std::string::npos, text);
        BOOST_TEST(text.find("received (") != std::string::npos, text);
        BOOST_TEST(text.find("s_prev = ((0.4, -0.6), (-0.3, 0.7))") != std::string::npos, text);
        BOOST_TEST(dlc::exercise::summary("rnn", results) == "rnn: 3 of 4 functions right (1 wrong).");
        return;
    }
    BOOST_FAIL("no variant with tanh' at s_prev");
}

// The step's backward is also gradient-checked against central differences of the (right) forward it is given.
BOOST_AUTO_TEST_CASE(gradient_checks_of_the_step_backward) {
    const dlc::exercise::Set set = rnn_exercise::checks(rnn_exercise::reference());
    const dlc::exercise::FunctionResult r = dlc::exercise::run(set.functions[1]);
    BOOST_TEST((r.status == dlc::exercise::Status::right), dlc::exercise::report(r));
    BOOST_TEST(r.checks == 20u, "5 comparisons and 5 gradient checks on each of 2 inputs");
}

BOOST_AUTO_TEST_CASE(not_written_and_throwing_functions) {
    rnn_exercise::Functions f = rnn_exercise::reference();
    using rnn_exercise::Tensor;
    f.rnn_step_forward = [](const rnn_exercise::Params&, const Tensor&, const Tensor&) -> Tensor {
        throw dlc::NotImplemented("rnn_step_forward: write it");
    };
    f.rnn_forward = [](const rnn_exercise::Params& p, const Tensor&, const Tensor&) -> Tensor {
        return p.U;  // the wrong shape: a report, not a crash
    };
    f.bptt = [](const rnn_exercise::Params&, const Tensor&, const Tensor&, const Tensor&,
                const Tensor&) -> rnn_exercise::Gradients { throw std::out_of_range("index 3"); };
    const dlc::exercise::Set set = rnn_exercise::checks(f);
    std::vector<dlc::exercise::FunctionResult> r;
    for (const auto& check : set.functions) r.push_back(dlc::exercise::run(check));
    BOOST_TEST((r[0].status == dlc::exercise::Status::not_written));
    BOOST_TEST(dlc::exercise::report(r[0]).find("rnn_step_forward: not written yet") != std::string::npos);
    // The step's backward stays right: its gradient checks skip a forward that is not written.
    BOOST_TEST((r[1].status == dlc::exercise::Status::right), dlc::exercise::report(r[1]));
    BOOST_TEST((r[2].status == dlc::exercise::Status::wrong));
    BOOST_TEST(dlc::exercise::report(r[2]).find("shape (2, 3)") != std::string::npos, dlc::exercise::report(r[2]));
    BOOST_TEST((r[3].status == dlc::exercise::Status::wrong));
    BOOST_TEST(r[3].hints.front() == "your function threw: index 3");
    BOOST_TEST(dlc::exercise::summary("rnn", r) == "rnn: 1 of 4 functions right (2 wrong, 1 not written yet).");
}

BOOST_AUTO_TEST_SUITE_END()
