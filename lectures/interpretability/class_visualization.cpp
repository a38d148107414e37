// NYU slides "Gradient Ascent on Images": starting from random noise, optimize an image to activate a
// unit — here each class score z_c of LeNet-5 (Simonyan et al.'s class visualisation):
//   x* = argmax_x  z_c(x) - lambda_2 ||x||^2 - lambda_V R_V^beta(x),
// with jitter (the image rolled by a pixel or two before each gradient step). Without the priors the ascent
// finds high-frequency patterns that the network scores as the class with certainty; the L2 and TV priors
// make strokes appear. For each image: the classifier's probability of its class.
#include "cases.hpp"
#include "common.hpp"

#include "core/progress.hpp"
#include "interpret/attribution.hpp"
#include "interpret/feature_visualization.hpp"
#include "models/lenet5.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <string>
#include <vector>

namespace interpretability_lecture {

void class_visualization(dlc::Case& c) {
    auto& out = c.out();
    const auto& data = image_data(c);
    auto& m = model(c, "lenet5");
    auto& net = *m.net;
    const auto [lo, hi] = pixel_range(m);
    const std::size_t H = data.test.images.shape(1), W = data.test.images.shape(2);

    struct Setting {
        std::string name;
        dlc::ActivationMaxOptions o;
    };
    Setting plain{"no prior", {}}, prior{"L2 + TV + jitter", {}};
    plain.o.steps = prior.o.steps = c.quick() ? 30 : 200;
    plain.o.learning_rate = prior.o.learning_rate = 0.1;
    plain.o.l2 = plain.o.tv = 0;
    plain.o.jitter = 0;
    prior.o.l2 = 0.005;
    prior.o.tv = 0.05;
    prior.o.tv_beta = 1;  // the L1-like total variation: flat background, sharp strokes
    prior.o.jitter = 1;
    for (auto* s : {&plain, &prior}) s->o.lower = lo, s->o.upper = hi;
    out << "LeNet-5 (" << data.name << "). From faint noise (background + N(0, 0.1^2) in standardized units), Adam ascent ("
        << prior.o.steps << " steps, alpha = " << prior.o.learning_rate << ") on z_c, pixels kept in the valid range [" << dlc::fmt(lo, 3)
        << ", " << dlc::fmt(hi, 3) << "] (= pixel values 0..1).\n"
        << "Prior: lambda_2 = " << prior.o.l2 << ", lambda_V = " << prior.o.tv << " with beta = " << prior.o.tv_beta
        << " (R_V^beta over the interior range), jitter " << prior.o.jitter << " pixel.\n";

    dlc::TextTable t({"class", "p(c|x), no prior", "z_c, no prior", "p(c|x), L2 + TV", "z_c, L2 + TV"});
    std::vector<dlc::Tensor3<double>> tiles_plain, tiles_prior;
    std::vector<std::string> caps_plain, caps_prior;
    nlohmann::json j = nlohmann::json::array();
    dlc::Progress bar("class visualization", 20);
    dlc::Rng rng = c.rng().split();
    for (std::size_t cls = 0; cls < 10; ++cls) {
        nlohmann::json jc = {{"class", data.class_names[cls]}};
        for (auto* s : {&plain, &prior}) {
            dlc::Tensor<float> x0 = dlc::Tensor<float>::from_shape({1, 1, H, W});
            for (auto& v : x0) v = static_cast<float>(lo + rng.normal(0, 0.1));
            std::vector<dlc::ImageOptimizationStep> hist;
            const dlc::Tensor<float> x = dlc::maximize_activation(net, dlc::LeNet5Layers::fc3, cls, x0, s->o, rng, &hist);
            dlc::Tensor<float> gz;
            const dlc::Labels lc = {cls};
            const double p = dlc::target_values(net.forward(x), lc, dlc::AttributionTarget::probability, gz)[0];
            const double z = net.forward(x)(0, cls);
            auto& tiles = s == &plain ? tiles_plain : tiles_prior;
            auto& caps = s == &plain ? caps_plain : caps_prior;
            tiles.push_back(pixel_tile(plane(x, 0), m));
            caps.push_back(data.class_names[cls] + ": p = " + dlc::fmt(p, 3));
            jc[s == &plain ? "no_prior" : "prior"] = {{"probability", round_to(p, 4)}, {"score", round_to(z, 4)},
                                                      {"score_start", round_to(hist.front().score, 4)}};
            bar.tick(1, data.class_names[cls]);
        }
        t.row({data.class_names[cls], dlc::fmt(jc["no_prior"]["probability"].get<double>(), 4),
               dlc::fmt(jc["no_prior"]["score"].get<double>(), 4), dlc::fmt(jc["prior"]["probability"].get<double>(), 4),
               dlc::fmt(jc["prior"]["score"].get<double>(), 4)});
        j.push_back(jc);
    }
    bar.done();
    out << t.str();
    c.set("steps", prior.o.steps);
    c.set("l2", prior.o.l2);
    c.set("tv", prior.o.tv);
    c.set("tv_beta", prior.o.tv_beta);
    c.set("classes", j);
    dlc::plot::Figure f1("class_visualization_prior");
    f1.title("LeNet-5: an input that maximizes each class score, with the L2 and TV priors and jitter")
        .rgb_image_grid(stack(tiles_prior), 5, caps_prior);
    c.figure(f1, "Gradient ascent from noise on each class score with L2 + total-variation priors: strokes of each class");
    dlc::plot::Figure f2("class_visualization_no_prior");
    f2.title("The same ascent without priors: inputs the network is sure about, that look like nothing")
        .rgb_image_grid(stack(tiles_plain), 5, caps_plain);
    c.figure(f2, "Without priors the ascent exploits high-frequency patterns (compare the adversarial examples lecture)");
}

}  // namespace interpretability_lecture
