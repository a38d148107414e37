// The convolutional layer as code (homework/exercises/cnn/): the checks pass on the library's reference and on two
// loop versions, and catch each typical mistake with its hint (wrong.cpp); the report reads as docs/exercises.md
// shows.
#define BOOST_TEST_DYN_LINK
#include "selftest.hpp"
#include "cnn/checks.hpp"
#include "cnn/hints.hpp"

#include "core/not_implemented.hpp"

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

BOOST_AUTO_TEST_SUITE(exercise_cnn)

BOOST_AUTO_TEST_CASE(checks_pass_on_the_reference_and_catch_every_wrong_variant) {
    const dlc::exercise::SelfTest t = cnn_exercise::self_test();
    BOOST_TEST(t.reference.functions.size() == 3u);
    BOOST_TEST(t.wrong.size() >= 3u);
    dlc_test::check_self_test(t);
}

// The report of a flipped kernel names the input, the expected and received feature maps and the hint; the summary
// counts the functions.
BOOST_AUTO_TEST_CASE(report_of_a_flipped_kernel) {
    const dlc::exercise::SelfTest t = cnn_exercise::self_test();
    for (const auto& v : t.wrong) {
        if (v.hint != std::string(cnn_exercise::hints::forward_flipped)) continue;
        std::vector<dlc::exercise::FunctionResult> results;
        for (const auto& check : v.set.functions) results.push_back(dlc::exercise::run(check));
        const std::string text = dlc::exercise::report(results[1]);
        BOOST_TEST(text.find("WRONG  conv2d_forward") == 0u, text);
        BOOST_TEST(text.find("stride 1, padding 0") != std::string::npos, text);
        BOOST_TEST(text.find("shape (1, 3, 2, 2)") != std::string::npos, text);
        BOOST_TEST(dlc::exercise::summary("cnn", results) == "cnn: 2 of 3 functions right (1 wrong).");
        return;
    }
    BOOST_FAIL("no variant with a flipped kernel");
}

// A forward not written yet leaves the backward checked against the library only; a throwing function is reported.
BOOST_AUTO_TEST_CASE(not_written_and_throwing_functions) {
    using cnn_exercise::Tensor;
    cnn_exercise::Functions f = cnn_exercise::reference();
    f.conv2d_forward = [](const Tensor&, const Tensor&, const Tensor&, std::size_t, std::size_t) -> Tensor {
        throw dlc::NotImplemented("conv2d_forward: write it");
    };
    f.conv_output_size = [](std::size_t, std::size_t, std::size_t, std::size_t) -> std::size_t {
        throw std::out_of_range("index 3");
    };
    const dlc::exercise::Set set = cnn_exercise::checks(f);
    std::vector<dlc::exercise::FunctionResult> r;
    for (const auto& check : set.functions) r.push_back(dlc::exercise::run(check));
    BOOST_TEST((r[0].status == dlc::exercise::Status::wrong));
    BOOST_TEST(r[0].hints.front() == "your function threw: index 3");
    BOOST_TEST((r[1].status == dlc::exercise::Status::not_written));
    BOOST_TEST((r[2].status == dlc::exercise::Status::right), dlc::exercise::report(r[2]));
    BOOST_TEST(r[2].checks == 12u);  // dX, dW, db on four cases; no gradient check against an unwritten forward
    BOOST_TEST(dlc::exercise::summary("cnn", r) == "cnn: 1 of 3 functions right (1 wrong, 1 not written yet).");
}

BOOST_AUTO_TEST_SUITE_END()
