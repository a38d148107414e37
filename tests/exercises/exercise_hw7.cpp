// HW7 as code (homework/exercises/hw7/): the checks pass on the library's reference and on loop versions, and
// catch each typical mistake with its hint (wrong.cpp); the report reads as docs/exercises.md shows.
#define BOOST_TEST_DYN_LINK
#include "selftest.hpp"
#include "hw7/checks.hpp"
#include "hw7/hints.hpp"

#include "core/not_implemented.hpp"

#include <stdexcept>
#include <string>
#include <vector>

BOOST_AUTO_TEST_SUITE(exercise_hw7)

BOOST_AUTO_TEST_CASE(checks_pass_on_the_reference_and_catch_every_wrong_variant) {
    const dlc::exercise::SelfTest t = hw7_exercise::self_test();
    BOOST_TEST(t.reference.functions.size() == 6u);
    BOOST_TEST(t.wrong.size() >= 6u);
    dlc_test::check_self_test(t);
}

// The report of a gradient that treats S as a constant names the quantity, the input, the expected and received
// values and the hint; the summary counts the functions.
BOOST_AUTO_TEST_CASE(report_of_a_constant_softmax) {
    const dlc::exercise::SelfTest t = hw7_exercise::self_test();
    for (const auto& v : t.wrong) {
        if (v.hint != std::string(hw7_exercise::hints::grad_S_constant)) continue;
        std::vector<dlc::exercise::FunctionResult> results;
        for (const auto& check : v.set.functions) results.push_back(dlc::exercise::run(check));
        const std::string text = dlc::exercise::report(results[4]);
        BOOST_TEST(text.find("WRONG  grad_centres") == 0u, text);
        BOOST_TEST(text.find("dL/dC:") != std::string::npos, text);
        BOOST_TEST(text.find("expected (") != std::string::npos, text);
        BOOST_TEST(text.find("received (") != std::string::npos, text);
        BOOST_TEST(text.find("X = ((0.2, 0.5), (0.6, 0.1), (0.4, 0.4)), C = ((0.3, 0.4), (0.5, 0.2)), beta = 20") !=
                       std::string::npos,
                   text);
        BOOST_TEST(dlc::exercise::summary("hw7", results) == "hw7: 5 of 6 functions right (1 wrong).");
        return;
    }
    BOOST_FAIL("no variant with a constant softmax");
}

BOOST_AUTO_TEST_CASE(not_written_and_throwing_functions) {
    using hw7_exercise::Tensor;
    hw7_exercise::Functions f = hw7_exercise::reference();
    f.soft_assignments = [](const Tensor&, double) -> Tensor { throw dlc::NotImplemented("soft_assignments: write it"); };
    f.fields = [](const Tensor& X, const Tensor&) -> Tensor { return X; };  // the wrong shape: a report, not a crash
    f.grad_centres = [](const Tensor&, const Tensor&, double) -> Tensor { throw std::out_of_range("index 3"); };
    const dlc::exercise::Set set = hw7_exercise::checks(f);
    std::vector<dlc::exercise::FunctionResult> r;
    for (const auto& check : set.functions) r.push_back(dlc::exercise::run(check));
    BOOST_TEST((r[1].status == dlc::exercise::Status::not_written));
    BOOST_TEST(dlc::exercise::report(r[1]).find("soft_assignments: not written yet") != std::string::npos);
    BOOST_TEST((r[0].status == dlc::exercise::Status::wrong));
    BOOST_TEST(dlc::exercise::report(r[0]).find("shape (3, 2)") != std::string::npos, dlc::exercise::report(r[0]));
    BOOST_TEST((r[4].status == dlc::exercise::Status::wrong));
    BOOST_TEST(r[4].hints.front() == "your function threw: index 3");
    BOOST_TEST(dlc::exercise::summary("hw7", r) == "hw7: 3 of 6 functions right (2 wrong, 1 not written yet).");
}

BOOST_AUTO_TEST_SUITE_END()
