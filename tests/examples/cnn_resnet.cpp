// The CNN lecture's resnet_degradation case (issue 22), run with --quick: six networks (plain and residual, depth 8, 20,
// 32) trained with the same budget. Checks the shape of what it records — six loss curves of equal length, finite
// losses, a gradient norm for every weighted layer (and every projection) of every network, parameter counts equal to
// the builders' — and that a quick run makes no claim about the degradation (too few steps).
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "case_run.hpp"

#include "core/rng.hpp"
#include "models/resnet.hpp"

#include <cmath>
#include <set>
#include <string>

BOOST_AUTO_TEST_SUITE(cnn_resnet)

namespace {

const nlohmann::json& run() { return dlc_test::run_cases("lectures", "cnn", {"resnet_degradation"}); }
const nlohmann::json& result() { return run()["cases"]["resnet_degradation"]; }

bool finite_positive(const nlohmann::json& v) {
    const double x = v.get<double>();
    return std::isfinite(x) && x > 0;
}

}  // namespace

BOOST_AUTO_TEST_CASE(six_curves_of_equal_length_and_finite_losses) {
    const auto& c = result();
    const auto& nets = c["networks"];
    BOOST_TEST_REQUIRE(nets.size() == 6u);
    std::set<std::string> names;
    const std::size_t points = c["steps"].get<std::size_t>() / c["curve_window"].get<std::size_t>();
    BOOST_TEST(points >= 2u);
    for (const auto& n : nets) {
        names.insert(n["name"].get<std::string>());
        BOOST_TEST(n["loss_curve"].size() == points, n["name"]);
        for (const auto& l : n["loss_curve"]) BOOST_TEST(finite_positive(l), n["name"]);
        for (const char* k : {"init_loss", "final_window_loss", "final_train_loss", "test_loss"})
            BOOST_TEST(finite_positive(n[k]), n["name"] << " " << k);
        for (const char* k : {"final_train_accuracy", "test_accuracy"}) {
            BOOST_TEST(n[k].get<double>() >= 0.0);
            BOOST_TEST(n[k].get<double>() <= 1.0);
        }
        // The last curve point is the mean of the last window of steps.
        BOOST_TEST(n["final_window_loss"].get<double>() == n["loss_curve"].back().get<double>());
    }
    BOOST_TEST((names == std::set<std::string>{"plain-8", "residual-8", "plain-20", "residual-20", "plain-32", "residual-32"}));
    BOOST_TEST(c["dataset"] == "Fashion-MNIST");  // the case's default data
}

// One norm per weighted layer l = 1..L (L = depth) and one per 1x1 projection (2 in a residual network, none in a plain
// one), all finite and positive at initialisation; the ratios the walk-through states are those of the recorded norms.
BOOST_AUTO_TEST_CASE(gradient_norms_for_every_weighted_layer) {
    const auto& c = result();
    for (const auto& n : c["networks"]) {
        const std::size_t depth = n["depth"].get<std::size_t>();
        BOOST_TEST(n["init_gradient_norms"].size() == depth, n["name"]);
        for (const auto& g : n["init_gradient_norms"]) BOOST_TEST(finite_positive(g), n["name"]);
        const std::size_t projections = n["kind"] == "residual" ? 2 : 0;
        BOOST_TEST(n["init_projection_gradient_norms"].size() == projections, n["name"]);
        for (const auto& g : n["init_projection_gradient_norms"]) BOOST_TEST(finite_positive(g), n["name"]);
        if (depth != 32) continue;
        // ||dL/dW_1|| / ||dL/dW_31||: the first convolution over the last one (layer 32 is the classifier).
        const auto& g = n["init_gradient_norms"];
        const double ratio = g[0].get<double>() / g[30].get<double>();
        const std::string key = n["kind"].get<std::string>() + "_32_first_over_last_conv_gradient";
        BOOST_TEST(std::abs(c[key].get<double>() - ratio) <= 1e-12 * ratio, key);
    }
}

// The recorded parameter counts are the builders': a network built by dlc::add_resnet with the same spec has as many
// parameters, and dlc::resnet_parameter_count's formula agrees (by hand, 19074 for plain-8: see tests/unit/resnet_models.cpp).
BOOST_AUTO_TEST_CASE(parameter_counts_match_the_builders) {
    dlc::Rng rng(0);
    for (const auto& n : result()["networks"]) {
        dlc::ResNetSpec spec;
        spec.depth = n["depth"].get<std::size_t>();
        spec.kind = n["kind"] == "plain" ? dlc::ResNetKind::plain : dlc::ResNetKind::residual;
        dlc::Sequential<float> net;
        dlc::add_resnet(net, spec, rng);
        BOOST_TEST(n["parameters"].get<std::size_t>() == net.parameter_count(), n["name"]);
        BOOST_TEST(n["parameters_by_formula"].get<std::size_t>() == dlc::resnet_parameter_count(spec), n["name"]);
        BOOST_TEST(n["blocks_per_stage"].get<std::size_t>() == (spec.depth - 2) / 6);
    }
    BOOST_TEST(result()["networks"][0]["parameters"].get<std::size_t>() == 19074u);  // plain-8
}

// --quick trains a handful of steps: the case says it cannot compare the networks and records no verdict on the
// degradation; the notes that do not depend on training (the gradients at initialisation, Bahng's empty chapter) are
// there.
BOOST_AUTO_TEST_CASE(a_quick_run_claims_nothing_about_the_degradation) {
    const auto& c = result();
    BOOST_TEST(c["comparison"].get<std::string>().rfind("not made", 0) == 0u);
    BOOST_TEST(!c.contains("plain_32_trains_worse_than_plain_20"));
    BOOST_TEST(!c.contains("residual_32_trains_at_least_as_well_as_residual_20"));
    const auto notes = dlc_test::notes_of(run(), "resnet_degradation");
    bool bahng = false;
    for (const auto& n : notes) {
        const std::string topic = n["topic"];
        BOOST_TEST(topic.find("budget") == std::string::npos, "a quick run noted " << topic);
        if (topic.find("Bahng") != std::string::npos) bahng = true;
    }
    BOOST_TEST(bahng);
    BOOST_TEST(dlc_test::errata_of(run(), "resnet_degradation").empty());
}

BOOST_AUTO_TEST_SUITE_END()
