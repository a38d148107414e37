// Program run: the perceptron lecture honours the program contract, and its JSON carries the computed
// worked-example numbers and errata.
#define BOOST_TEST_DYN_LINK
#include "program_run.hpp"

#include <string>

BOOST_AUTO_TEST_SUITE(perceptron_program)

BOOST_AUTO_TEST_CASE(quick_run_writes_json_and_figures) {
    namespace tt = boost::test_tools;
    const auto j = dlc_test::run_quick("lectures", "perceptron",
                                       {"perceptron_learning", "notes_hebb_example", "hebb_saturation", "oja_rule",
                                        "lms", "notes_gd_w4", "bump_functions", "linear_regression_gradient",
                                        "activation_derivatives", "gumbel_mle", "checkerboard_towers"});
    const auto& c = j.at("cases");
    BOOST_TEST(c["perceptron_learning"]["converged"].get<bool>());
    BOOST_TEST(c["perceptron_learning"]["max_margin"].get<double>() >= 0.1);  // points closer than 0.1 were dropped
    BOOST_TEST(!c["perceptron_learning"]["xor_converged"].get<bool>());
    BOOST_TEST(c["perceptron_learning"]["xor_cycle"].get<bool>());
    const auto w7 = c["notes_hebb_example"]["final_weights"];
    BOOST_TEST(w7[0].get<double>() == -0.1, tt::tolerance(1e-12));
    BOOST_TEST(w7[1].get<double>() == 6.3, tt::tolerance(1e-12));
    BOOST_TEST(c["notes_hebb_example"]["separates_clusters"].get<bool>());
    BOOST_TEST(c["hebb_saturation"]["sign_output"][3].get<double>() == 4.0);
    BOOST_TEST(c["hebb_saturation"]["linear_output"][3].get<double>() == 8.0);
    BOOST_TEST(c["oja_rule"]["angle_degrees"].get<double>() < 5.0);
    BOOST_TEST(c["lms"]["lms_batch_distance_to_closed_form"].get<double>() < 1e-6);
    BOOST_TEST(c["lms"]["lms_eta_2_diverged"].get<bool>());
    BOOST_TEST(c["notes_gd_w4"]["eta_1_8_w2"].get<double>() == 0.4375);
    BOOST_TEST(c["notes_gd_w4"]["eta_1_2_outcome"].get<std::string>() == "cycle");
    // The errata this lecture must report: Hebb x5 output, saturation sequence, w(2) = 3/16, bump height, tower.
    std::size_t hebb = 0, sat = 0, gd = 0, bump = 0;
    for (const auto& e : j.at("errata")) {
        const auto id = e.at("case").get<std::string>();
        hebb += id == "notes_hebb_example";
        sat += id == "hebb_saturation";
        gd += id == "notes_gd_w4" && e.at("computed").get<std::string>() == "7/16";
        bump += id == "bump_functions";
    }
    BOOST_TEST(hebb == 2u);
    BOOST_TEST(sat == 1u);
    BOOST_TEST(gd == 1u);
    BOOST_TEST(bump == 2u);
}

BOOST_AUTO_TEST_CASE(bad_flags_exit_nonzero_with_usage) { dlc_test::check_bad_flags("lectures", "perceptron"); }

BOOST_AUTO_TEST_SUITE_END()
