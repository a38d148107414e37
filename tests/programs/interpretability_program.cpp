// Program run: the interpretability lecture honours the program contract (--quick writes valid JSON with all
// twelve case ids and real PNGs; bad flags fail with usage), and its JSON carries the worked examples' numbers
// and the checks' outcomes. --quick trains its networks with the store's short recipes (seconds).
#define BOOST_TEST_DYN_LINK
#include "program_run.hpp"

#include <cmath>
#include <string>

BOOST_AUTO_TEST_SUITE(interpretability_program)

BOOST_AUTO_TEST_CASE(quick_run_writes_json_and_figures) {
    namespace tt = boost::test_tools;
    const auto j = dlc_test::run_quick(
        "lectures", "interpretability",
        {"guided_backprop_rule", "first_layer_filters", "top_activations", "saliency_guided_gradcam", "occlusion",
         "class_visualization", "total_variation", "feature_inversion", "deepdream", "gram_style_loss",
         "texture_synthesis", "style_transfer"});
    const auto& c = j.at("cases");
    // The slide's rule: guided keeps y-bar where z > 0 and y-bar > 0.
    BOOST_TEST(c["guided_backprop_rule"]["guided"] == nlohmann::json::array({0, 0, 2, 3, 0}));
    BOOST_TEST(c["guided_backprop_rule"]["plain"] == nlohmann::json::array({0, -1, 2, 3, 0}));
    BOOST_TEST(c["guided_backprop_rule"]["library_agrees_with_slide_rule"].get<bool>());
    // R_V^beta of [[0, 1, 3], [2, 2, 0], [1, 4, 1]]: 19 and 47 for beta = 2.
    BOOST_TEST(c["total_variation"]["interior"]["beta_2"].get<double>() == 19.0, tt::tolerance(1e-12));
    BOOST_TEST(c["total_variation"]["replicate"]["beta_2"].get<double>() == 47.0, tt::tolerance(1e-12));
    BOOST_TEST(c["total_variation"]["interior"]["beta_1"].get<double>() == 2 * std::sqrt(5.0) + 1 + std::sqrt(8.0),
               tt::tolerance(1e-12));
    // The Gram example: E_l = 74.5625 / 256 in both normalisations.
    BOOST_TEST(c["gram_style_loss"]["E_l"].get<double>() == 74.5625 / 256, tt::tolerance(1e-12));
    BOOST_TEST(c["gram_style_loss"]["E_l_mean_over_positions"].get<double>() == 74.5625 / 256, tt::tolerance(1e-12));
    BOOST_TEST(c["gram_style_loss"]["gradient_check_max_difference"].get<double>() < 1e-8);
    // CAM = Grad-CAM on the GAP network, to float rounding.
    BOOST_TEST(c["saliency_guided_gradcam"]["cam_gradcam"]["relative_map_difference"].get<double>() < 1e-4);
    BOOST_TEST(c["saliency_guided_gradcam"]["cam_gradcam"]["relative_alpha_difference"].get<double>() < 1e-4);
    // Pixels never inked keep their initial MLP weights exactly.
    for (const auto& [name, v] : c["first_layer_filters"].items())
        if (v.is_object() && v.contains("always_zero_pixels_max_weight_change"))
            BOOST_TEST(v["always_zero_pixels_max_weight_change"].get<double>() == 0.0);
    // The style sweep trades content for style.
    BOOST_TEST(c["style_transfer"]["content_loss_falls_with_alpha"].get<bool>());
    // Texture synthesis lowers its loss.
    for (const auto& t : c["texture_synthesis"]["textures"])
        BOOST_TEST(t["loss_end"].get<double>() < t["loss_start"].get<double>());
    // Notes on the two ambiguities of the UCSD slides and the missing pretrained network.
    std::size_t notes = 0;
    for (const auto& n : j.at("notes")) notes += n.at("case") == "total_variation" || n.at("case") == "gram_style_loss" ||
                                                  n.at("case") == "style_transfer";
    BOOST_TEST(notes >= 3u);
}

BOOST_AUTO_TEST_CASE(bad_flags_exit_nonzero_with_usage) { dlc_test::check_bad_flags("lectures", "interpretability"); }

BOOST_AUTO_TEST_SUITE_END()
