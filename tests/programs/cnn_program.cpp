// Program run: the CNN lecture honours the program contract (--quick writes valid JSON with all eight
// case ids and real PNGs; bad flags fail with usage), and its JSON carries the computed worked-example
// numbers and the errata it must report.
#define BOOST_TEST_DYN_LINK
#include "program_run.hpp"

#include <string>

BOOST_AUTO_TEST_SUITE(cnn_program)

BOOST_AUTO_TEST_CASE(quick_run_writes_json_and_figures) {
    namespace tt = boost::test_tools;
    const auto j = dlc_test::run_quick("lectures", "cnn",
                                       {"notes_conv_5x5", "notes_conv_3channel", "bahng_example_3_1", "kernel_gallery",
                                        "parameter_counts", "mockfinal_q3", "lenet5", "pooling_backward",
                                        "bahng_example_3_2"});
    const auto& c = j.at("cases");
    // L14: the second output is 2*1 + 0*(-1) + (-1)*0 + 2*2 = 6; the 3-channel first field 2 + 7 + 16 = 25.
    BOOST_TEST(c["notes_conv_5x5"]["first_outputs"][1].get<double>() == 6.0);
    BOOST_TEST(c["notes_conv_5x5"]["feature_map"][3][0].get<double>() == 10.0);
    BOOST_TEST(c["notes_conv_3channel"]["first_local_field"].get<double>() == 25.0);
    // Bahng: cross-correlation; Y(2, 4) = 5; average pooling 21/4.
    BOOST_TEST(c["bahng_example_3_1"]["handout_maps_are"].get<std::string>() == "cross-correlation");
    BOOST_TEST(c["bahng_example_3_1"]["Y"][1][3].get<double>() == 5.0);
    BOOST_TEST(c["bahng_example_3_1"]["avg_pool"][0][0].get<double>() == 5.25, tt::tolerance(1e-12));
    // Counts: 40M fully connected, 12M locally connected with a 1x1 window, LeNet-5 61,706.
    BOOST_TEST(c["parameter_counts"]["fully_connected_200x200_to_1000"].get<double>() == 4e7);
    BOOST_TEST(c["parameter_counts"]["locally_connected_200x200x3x100_1x1"].get<double>() == 1.2e7);
    BOOST_TEST(c["parameter_counts"]["lenet5_total"].get<double>() == 61706.0);
    // Mock final Q3: the library agrees with the hand equations and with central differences.
    BOOST_TEST(c["mockfinal_q3"]["library_max_difference"].get<double>() < 1e-12);
    BOOST_TEST(c["mockfinal_q3"]["gradcheck_max_relative_error"].get<double>() < 1e-6);
    // Pooling: max routes to x_2, x_7, x_9, x_15.
    BOOST_TEST(c["pooling_backward"]["max_pool_winners"] == nlohmann::json::array({2, 7, 9, 15}));
    // LeNet-5 --quick learns something on its subsample (chance is 10%).
    BOOST_TEST(c["lenet5"]["test_accuracy"].get<double>() > 0.5);
    BOOST_TEST(c["lenet5"]["parameters"].get<double>() == 61706.0);

    // The errata: the second output (4 vs 6), the filter table, Bahng's 11; his "convolution" for a
    // cross-correlation is naming (his own Definition 3.2 is a cross-correlation), so a NOTE.
    bool second_output = false, filter = false, bahng_11 = false, bahng_operator = false;
    for (const auto& e : j.at("errata")) {
        const auto id = e.at("case").get<std::string>();
        const auto q = e.at("quantity").get<std::string>();
        second_output |= id == "notes_conv_5x5" && q.find("second output") != std::string::npos &&
                         e.contains("value") && e["value"].at("computed").get<double>() == 6.0;
        filter |= id == "notes_conv_5x5" && q.find("filter") != std::string::npos;
        bahng_11 |= id == "bahng_example_3_1" && e.contains("value") &&
                    e["value"].at("handout") == 11 && e["value"].at("computed") == 1;
    }
    for (const auto& n : j.at("notes"))
        bahng_operator |= n.at("case") == "bahng_example_3_1" && n.at("topic").get<std::string>().find("operator") !=
                                                                      std::string::npos;
    for (const auto& e : j.at("errata"))
        BOOST_TEST(e.at("quantity").get<std::string>().find("operator") == std::string::npos,
                   "the operator's name is a note, not an erratum");
    BOOST_TEST(second_output);
    BOOST_TEST(filter);
    BOOST_TEST(bahng_11);
    BOOST_TEST(bahng_operator);
}

BOOST_AUTO_TEST_CASE(bad_flags_exit_nonzero_with_usage) { dlc_test::check_bad_flags("lectures", "cnn"); }

BOOST_AUTO_TEST_SUITE_END()
