// HW5 as code (homework/exercises/hw5/): the checks pass on the library's reference and on loop versions, and
// catch each typical mistake with its hint (wrong.cpp); the report reads as docs/exercises.md shows.
#define BOOST_TEST_DYN_LINK
#include "selftest.hpp"
#include "hw5/checks.hpp"
#include "hw5/hints.hpp"

#include "core/not_implemented.hpp"

#include <stdexcept>
#include <string>
#include <vector>

BOOST_AUTO_TEST_SUITE(exercise_hw5)

BOOST_AUTO_TEST_CASE(checks_pass_on_the_reference_and_catch_every_wrong_variant) {
    const dlc::exercise::SelfTest t = hw5_exercise::self_test();
    BOOST_TEST(t.reference.functions.size() == 6u);
    BOOST_TEST(t.wrong.size() >= 6u);
    dlc_test::check_self_test(t);
}

// The report of a wrong backward pass names the quantity, the input, the expected and received values and the hint;
// the summary counts the functions.
BOOST_AUTO_TEST_CASE(report_of_a_missing_g_prime) {
    const dlc::exercise::SelfTest t = hw5_exercise::self_test();
    for (const auto& v : t.wrong) {
        if (v.hint != std::string(hw5_exercise::hints::backward_delta_z_g)) continue;
        std::vector<dlc::exercise::FunctionResult> results;
        for (const auto& check : v.set.functions) results.push_back(dlc::exercise::run(check));
        const std::string text = dlc::exercise::report(results[4]);
        BOOST_TEST(text.find("WRONG  backward") == 0u, text);
        BOOST_TEST(text.find("delta_z:") != std::string::npos, text);
        BOOST_TEST(text.find("expected (") != std::string::npos, text);
        BOOST_TEST(text.find("received (") != std::string::npos, text);
        BOOST_TEST(text.find("x = (0.5, -1), y = 1") != std::string::npos, text);
        BOOST_TEST(dlc::exercise::summary("hw5", results) == "hw5: 5 of 6 functions right (1 wrong).");
        return;
    }
    BOOST_FAIL("no variant with a missing g'");
}

BOOST_AUTO_TEST_CASE(not_written_and_throwing_functions) {
    hw5_exercise::Functions f = hw5_exercise::reference();
    f.phi = [](const hw5_exercise::Tensor&, double) -> hw5_exercise::Tensor { throw dlc::NotImplemented("phi: write it"); };
    f.forward = [](const hw5_exercise::Params& p, const hw5_exercise::Tensor&) -> hw5_exercise::Forward {
        return {p.W, p.W, p.W, p.W};  // the wrong shapes: a report, not a crash
    };
    f.backward = [](const hw5_exercise::Params&, const hw5_exercise::Tensor&, double,
                    const hw5_exercise::Forward&) -> hw5_exercise::Gradients { throw std::out_of_range("index 3"); };
    const dlc::exercise::Set set = hw5_exercise::checks(f);
    std::vector<dlc::exercise::FunctionResult> r;
    for (const auto& check : set.functions) r.push_back(dlc::exercise::run(check));
    BOOST_TEST((r[1].status == dlc::exercise::Status::not_written));
    BOOST_TEST(dlc::exercise::report(r[1]).find("phi: not written yet") != std::string::npos);
    BOOST_TEST((r[3].status == dlc::exercise::Status::wrong));
    BOOST_TEST(dlc::exercise::report(r[3]).find("shape (3, 2)") != std::string::npos, dlc::exercise::report(r[3]));
    BOOST_TEST((r[4].status == dlc::exercise::Status::wrong));
    BOOST_TEST(r[4].hints.front() == "your function threw: index 3");
    BOOST_TEST(dlc::exercise::summary("hw5", r) == "hw5: 3 of 6 functions right (2 wrong, 1 not written yet).");
}

BOOST_AUTO_TEST_SUITE_END()
