// UCSD slide "Feature Inversion": given the features Phi_0 = Phi(x_0) of an image at some layer, find
//   x* = argmin_x ||Phi(x) - Phi_0||^2 / ||Phi_0||^2 + lambda R_V^beta(x)
// (the slide's l = ||Phi(x) - Phi_0||^2 made relative, so one lambda suits every depth), from noise, by Adam on
// the pixels. LeNet-5's features of one test digit at each depth — conv 1, pool 1, conv 2, pool 2, fc 1, fc 2,
// the logits — inverted with and without the TV^beta term ("Reconstructing from different layers"): the
// deeper the layer, the less of the digit's appearance its features pin down. Reported: the features' relative
// error reached and the reconstruction's RMS pixel error against the digit.
#include "cases.hpp"
#include "common.hpp"

#include "core/progress.hpp"
#include "interpret/feature_visualization.hpp"
#include "interpret/passes.hpp"
#include "models/lenet5.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace interpretability_lecture {

void feature_inversion(dlc::Case& c) {
    auto& out = c.out();
    const auto& data = image_data(c);
    auto& m = model(c, "lenet5");
    auto& net = *m.net;
    using L = dlc::LeNet5Layers;
    const auto [lo, hi] = pixel_range(m);
    const dlc::Tensor<float> x0 = rows(m.input(data.test.images), 0, 1);
    const std::size_t H = x0.shape(2), W = x0.shape(3);
    const std::vector<std::pair<std::size_t, std::string>> layers = {
        {L::relu1, "conv1"}, {L::pool1, "pool1"}, {L::relu2, "conv2"}, {L::pool2, "pool2"},
        {L::relu3, "fc1"},   {L::relu4, "fc2"},   {L::fc3, "logits"}};
    dlc::InversionOptions plain, tv;
    plain.steps = tv.steps = c.quick() ? 40 : 400;
    plain.learning_rate = tv.learning_rate = 0.1;
    plain.lower = tv.lower = lo;
    plain.upper = tv.upper = hi;
    tv.tv = 0.002;
    tv.tv_beta = 2;
    out << "LeNet-5 (" << data.name << "), the first test image (a " << data.class_names[data.test.labels(0)]
        << "). From noise, " << plain.steps << " Adam steps (alpha = " << plain.learning_rate
        << ") per inversion, pixels kept in the valid range; with TV: lambda = " << tv.tv << ", beta = " << tv.tv_beta
        << ", interior range.\n";

    const auto pixels0 = to_pixels(plane(x0, 0), m);
    dlc::TextTable t({"layer", "features", "relative feature error (no TV)", "pixel RMSE (no TV)",
                      "relative feature error (TV)", "pixel RMSE (TV)"});
    std::vector<dlc::Tensor3<double>> tiles_plain{pixel_tile(plane(x0, 0), m)}, tiles_tv = tiles_plain;
    std::vector<std::string> caps_plain{"original"}, caps_tv{"original"};
    nlohmann::json j = nlohmann::json::array();
    dlc::Progress bar("feature inversion", 2 * layers.size());
    dlc::Rng rng = c.rng().split();
    for (const auto& [pos, name] : layers) {
        const dlc::Tensor<float> target = dlc::forward_to(net, x0, pos);
        nlohmann::json jl = {{"layer", name}, {"features", target.size()}};
        std::vector<std::string> row = {name, std::to_string(target.size())};
        for (const auto* o : {&plain, &tv}) {
            dlc::Tensor<float> start = dlc::Tensor<float>::from_shape({1, 1, H, W});
            for (auto& v : start) v = static_cast<float>(lo + (hi - lo) * rng.uniform() * 0.2);
            std::vector<dlc::ImageOptimizationStep> hist;
            const dlc::Tensor<float> x = dlc::invert_features(net, pos, target, start, *o, rng, &hist);
            const auto pix = to_pixels(plane(x, 0), m);
            double se = 0;
            for (std::size_t k = 0; k < pix.size(); ++k) se += (pix.data()[k] - pixels0.data()[k]) * (pix.data()[k] - pixels0.data()[k]);
            const double rmse = std::sqrt(se / double(pix.size())), err = hist.back().score;
            row.push_back(dlc::fmt(err, 3));
            row.push_back(dlc::fmt(rmse, 3));
            jl[o == &plain ? "no_tv" : "tv"] = {{"relative_feature_error", round_to(err, 3)}, {"pixel_rmse", round_to(rmse, 3)}};
            (o == &plain ? tiles_plain : tiles_tv).push_back(pixel_tile(plane(x, 0), m));
            (o == &plain ? caps_plain : caps_tv).push_back(name + ": RMSE " + dlc::fmt(rmse, 2));
            bar.tick(1, name);
        }
        t.row(row);
        j.push_back(jl);
    }
    bar.done();
    out << t.str()
        << "The relative feature error is ||Phi(x*) - Phi_0||^2 / ||Phi_0||^2 at the end; the pixel RMSE compares the "
           "reconstruction with the digit (pixels in [0, 1]). Shallow layers keep the digit's exact strokes; after the "
           "fully connected layers many inputs share the same features, and the TV prior picks a smooth one among them.\n";
    c.set("layers", j);
    c.set("steps", plain.steps);
    c.set("tv_lambda", tv.tv);
    c.set("tv_beta", tv.tv_beta);
    c.set("label", data.class_names[data.test.labels(0)]);
    dlc::plot::Figure f1("feature_inversion_no_tv");
    f1.title("Inverting LeNet-5's features at each depth, without a prior").rgb_image_grid(stack(tiles_plain), 8, caps_plain);
    c.figure(f1, "Reconstructions from the features of each layer, no regulariser");
    dlc::plot::Figure f2("feature_inversion_tv");
    f2.title("Inverting LeNet-5's features at each depth, with the TV^beta prior").rgb_image_grid(stack(tiles_tv), 8, caps_tv);
    c.figure(f2, "Reconstructions from the features of each layer with lambda R_V^beta");
}

}  // namespace interpretability_lecture
