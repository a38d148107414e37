// The mock final as code (homework/exercises/mockfinal/): the checks pass on the library's reference and on loop
// versions, and catch each typical mistake with its hint (wrong.cpp); the report reads as docs/exercises.md shows.
#define BOOST_TEST_DYN_LINK
#include "selftest.hpp"
#include "mockfinal/checks.hpp"
#include "mockfinal/hints.hpp"

#include "core/not_implemented.hpp"

#include <stdexcept>
#include <string>
#include <vector>

BOOST_AUTO_TEST_SUITE(exercise_mockfinal)

BOOST_AUTO_TEST_CASE(checks_pass_on_the_reference_and_catch_every_wrong_variant) {
    const dlc::exercise::SelfTest t = mockfinal_exercise::self_test();
    BOOST_TEST(t.reference.functions.size() == 10u);
    BOOST_TEST(t.wrong.size() >= 10u);
    dlc_test::check_self_test(t);
}

// The report of the handout's case formula (graph attention without 1/sqrt(k)) names the quantity, the input, the
// expected and received values and the hint; the summary counts the functions.
BOOST_AUTO_TEST_CASE(report_of_unscaled_graph_attention) {
    const dlc::exercise::SelfTest t = mockfinal_exercise::self_test();
    for (const auto& v : t.wrong) {
        if (v.hint != std::string(mockfinal_exercise::hints::ga_unscaled)) continue;
        std::vector<dlc::exercise::FunctionResult> results;
        for (const auto& check : v.set.functions) results.push_back(dlc::exercise::run(check));
        const std::string text = dlc::exercise::report(results[9]);
        BOOST_TEST(text.find("WRONG  graph_attention") == 0u, text);
        BOOST_TEST(text.find("S_v:") != std::string::npos, text);
        BOOST_TEST(text.find("expected (") != std::string::npos, text);
        BOOST_TEST(text.find("received (") != std::string::npos, text);
        BOOST_TEST(text.find("x = ((1, 0), (0, 1), (1, 1), (-1, 0.5))") != std::string::npos, text);
        BOOST_TEST(dlc::exercise::summary("mockfinal", results) == "mockfinal: 9 of 10 functions right (1 wrong).");
        return;
    }
    BOOST_FAIL("no variant without the 1/sqrt(k)");
}

BOOST_AUTO_TEST_CASE(not_written_and_throwing_functions) {
    using mockfinal_exercise::Tensor;
    mockfinal_exercise::Functions f = mockfinal_exercise::reference();
    f.q5b_cdf = [](const Tensor&) -> Tensor { throw dlc::NotImplemented("q5b_cdf: write it"); };
    f.conv_forward = [](const Tensor& x, const Tensor&, const Tensor&) -> Tensor { return x; };  // the wrong shape
    f.masked_softmax = [](const Tensor&, const Tensor&) -> Tensor { throw std::out_of_range("index 7"); };
    const dlc::exercise::Set set = mockfinal_exercise::checks(f);
    std::vector<dlc::exercise::FunctionResult> r;
    for (const auto& check : set.functions) r.push_back(dlc::exercise::run(check));
    BOOST_TEST((r[4].status == dlc::exercise::Status::not_written));
    BOOST_TEST(dlc::exercise::report(r[4]).find("q5b_cdf: not written yet") != std::string::npos);
    BOOST_TEST((r[0].status == dlc::exercise::Status::wrong));
    BOOST_TEST(dlc::exercise::report(r[0]).find("shape (2, 2, 2)") != std::string::npos, dlc::exercise::report(r[0]));
    BOOST_TEST((r[8].status == dlc::exercise::Status::wrong));
    BOOST_TEST(r[8].hints.front() == "your function threw: index 7");
    BOOST_TEST(dlc::exercise::summary("mockfinal", r) ==
               "mockfinal: 7 of 10 functions right (2 wrong, 1 not written yet).");
}

BOOST_AUTO_TEST_SUITE_END()
