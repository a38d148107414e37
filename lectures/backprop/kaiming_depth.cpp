// NYU slides "Weight initialization" and "Kaiming Initialization" (He et al. 2015), ECE/CS 559 L13, Bahng §1.5:
// the activations of a deep ReLU network at initialization. For a layer z_l = W_l x_{l-1} with i.i.d.
// zero-mean weights of variance s^2 and n inputs,
//   Var[z_l] = n s^2 E[x_{l-1}^2],   E[x_l^2] = 1/2 Var[z_l]   (x_l = ReLU(z_l), z_l symmetric),
// so each layer multiplies the second moment by the gain n s^2 / 2: it vanishes for s = 0.01 and for
// N(0, 1/n) (gain 1/2), explodes for s = 0.1 at n = 512, and stays put for Kaiming's s = sqrt(2/n) (gain 1).
// The backward pass multiplies the gradient's variance by the same gain per layer.
#include "cases.hpp"
#include "common.hpp"

#include "nn/init.hpp"
#include "nn/linear.hpp"
#include "nn/relu.hpp"
#include "nn/sequential.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace backprop_lecture {

namespace {

struct Scheme {
    dlc::WeightInit init;
    std::string key, label, colour;
};

// Per-layer statistics, l = 1..L.
struct Profile {
    std::vector<double> pre_variance;       // Var[z_l]
    std::vector<double> variance;           // Var[x_l], x_l = ReLU(z_l)
    std::vector<double> second_moment;      // E[x_l^2]
    std::vector<double> gradient_variance;  // Var[dL/dx_{l-1}], the gradient arriving at layer l's input
};

// A depth-L ReLU MLP of width n (biases 0), forward on X and backward from the random gradient G.
Profile measure(const dlc::WeightInit& init, std::size_t n, std::size_t depth, const dlc::Tensor<double>& X,
                const dlc::Tensor<double>& G, dlc::Rng& rng) {
    dlc::Sequential<double> net;
    for (std::size_t l = 0; l < depth; ++l) {
        net.add<dlc::Linear<double>>(n, n, rng, init, dlc::WeightInit::zeros());
        net.add<dlc::ReLU<double>>();
    }
    net.forward(X);
    Profile p;
    for (std::size_t l = 0; l < depth; ++l) {
        p.pre_variance.push_back(variance(net[2 * l].output()));
        p.variance.push_back(variance(net[2 * l + 1].output()));
        p.second_moment.push_back(second_moment(net[2 * l + 1].output()));
    }
    // Backpropagate G layer by layer (as Sequential::backward does) to see the gradient at every depth.
    p.gradient_variance.assign(depth, 0.0);
    const dlc::Tensor<double>* g = &G;
    for (std::size_t i = net.size(); i-- > 0;) {
        g = &net[i].backward(*g);
        if (i % 2 == 0) p.gradient_variance[i / 2] = variance(*g);  // after Linear l = i/2 + 1: dL/dx_{l-1}
    }
    return p;
}

dlc::Tensor<double> standard_normal(std::size_t rows, std::size_t cols, dlc::Rng& rng) {
    dlc::Tensor<double> t = dlc::Tensor<double>::from_shape({rows, cols});
    for (auto& v : t) v = rng.normal();
    return t;
}

}  // namespace

void kaiming_depth(dlc::Case& c) {
    auto& out = c.out();
    const std::size_t depth = 20, n = c.quick() ? 256 : 512, batch = c.quick() ? 128 : 256;
    const std::vector<Scheme> schemes = {
        {dlc::WeightInit::gaussian(0.01), "std_0.01", "N(0, 0.01^2)", "#0077bb"},
        {dlc::WeightInit::normal_fan_in(), "normal_fan_in", "N(0, 1/n)", "#ee7733"},
        {dlc::WeightInit::xavier(), "xavier", "Xavier N(0, 2/(n_in + n_out))", "#009988"},
        {dlc::WeightInit::kaiming(), "kaiming", "Kaiming N(0, 2/n)", "#cc3311"},
        {dlc::WeightInit::gaussian(0.1), "std_0.1", "N(0, 0.1^2) (Bahng 1.5)", "#aa3377"},
    };
    const dlc::Tensor<double> X = standard_normal(batch, n, c.rng());  // x_0 ~ N(0, I): E[x_0^2] = 1
    const dlc::Tensor<double> G = standard_normal(batch, n, c.rng());  // a gradient of variance 1 at the top
    const double m0 = second_moment(X), g0 = variance(G);
    out << depth << " layers x_l = ReLU(W_l x_{l-1}), width n = " << n << ", biases 0, " << batch
        << " inputs x_0 ~ N(0, I)" << (c.quick() ? " (--quick: a narrower net)" : "")
        << ". Gain per layer n s^2 / 2: E[x_l^2] = gain^l E[x_0^2], Var[x_l] = (1 - 1/pi) E[x_l^2].\n";

    dlc::TextTable t({"initialization", "s", "gain n s^2/2", "Var[x_1]", "Var[x_20]", "predicted Var[x_20]",
                      "Var[grad x_0]", "predicted"});
    nlohmann::json results, last;
    std::vector<Profile> profiles;
    for (const auto& s : schemes) {
        const double sd = s.init.stddev(n, n), gain = n * sd * sd / 2;
        profiles.push_back(measure(s.init, n, depth, X, G, c.rng()));
        const Profile& p = profiles.back();
        const double predicted = (1 - 1 / M_PI) * std::pow(gain, double(depth)) * m0;
        const double predicted_grad = std::pow(gain, double(depth)) * g0;
        t.row({s.label, dlc::fmt(sd, 4), dlc::fmt(gain, 4), dlc::fmt(p.variance.front(), 4),
               dlc::fmt(p.variance.back(), 4), dlc::fmt(predicted, 4), dlc::fmt(p.gradient_variance.front(), 4),
               dlc::fmt(predicted_grad, 4)});
        results[s.key] = {{"label", s.label},
                          {"weight_std", sd},
                          {"gain_per_layer", gain},
                          {"activation_variance", p.variance},
                          {"preactivation_variance", p.pre_variance},
                          {"gradient_variance", p.gradient_variance},
                          {"last_layer_variance", p.variance.back()},
                          {"predicted_last_layer_variance", predicted}};
        last[s.key] = p.variance.back();
    }
    out << t.str()
        << "Xavier's 2/(n_in + n_out) equals 1/n when the widths are equal: derived for linear/tanh units, it halves "
           "the signal at every ReLU layer, like N(0, 1/n). Kaiming's 2/n is the only flat curve, forward and "
           "backward.\n";

    // The slide's step "x_{l+1} = 1/2 Var[z_l]" (read: Var[x_{l+1}]), measured on the Kaiming network.
    const Profile& k = profiles[3];
    double ratio_var = 0, ratio_m2 = 0;
    for (std::size_t l = 0; l < depth; ++l) {
        ratio_var += k.variance[l] / k.pre_variance[l] / depth;
        ratio_m2 += k.second_moment[l] / k.pre_variance[l] / depth;
    }
    out << "On the Kaiming net, averaged over the layers: Var[x_l] / Var[z_l] = " << dlc::fmt(ratio_var, 4)
        << " (theory 1/2 - 1/(2 pi) = " << dlc::fmt(0.5 - 0.5 / M_PI, 4) << "), E[x_l^2] / Var[z_l] = "
        << dlc::fmt(ratio_m2, 4) << " (theory 1/2).\n";
    c.erratum("NYU slides, Kaiming initialization: Var[x_{l+1}] / Var[z_l] under ReLU", 0.5,
              dlc::fmt(ratio_var, 3),
              "measured on the Kaiming network (theory 1/2 - 1/(2 pi) = 0.341): ReLU outputs are not zero-mean. It is "
              "the second moment that halves, E[x_{l+1}^2] = 1/2 Var[z_l] (measured " + dlc::fmt(ratio_m2, 3) +
                  "), and Var[z_l] = n_l Var[w_l] E[x_l^2] needs E[x_l^2], not Var[x_l], as He et al. write. With "
                  "second moments in both places the conclusion Std[w_l] = sqrt(2/n_l) stands.");
    const double gain_01 = n * 0.01 / 2;
    const std::string bahng_note =
        "Bahng §1.5 says small N(0, 0.1) weights drive deep activations to 0. With ReLU that depends on the width: "
        "the gain n s^2 / 2 for s = 0.1 is " + dlc::fmt(gain_01, 3) + " at n = " + std::to_string(n) +
        (gain_01 > 1 ? " (they explode)" : " (they vanish)") +
        "; s = 0.1 vanishes only for n < 200 (and a variance of 0.1 for n < 20).";
    out << "note: " << bahng_note << "\n";

    c.set("depth", depth);
    c.set("width", n);
    c.set("batch", batch);
    c.set("schemes", results);
    c.set("last_layer_variance", last);
    c.set("kaiming_variance_ratio", ratio_var);
    c.set("kaiming_second_moment_ratio", ratio_m2);
    c.set("notes", nlohmann::json::array({bahng_note}));

    const auto layers = one_to(depth);
    const auto plot = [&](const std::string& stem, const std::string& title, const std::string& ylabel,
                          bool gradients, const std::string& caption) {
        dlc::plot::Figure fig(stem);
        fig.title(title).xlabel("layer l").ylabel(ylabel).log_y().legend(dlc::plot::Legend::below).size(800, 640);
        for (std::size_t i = 0; i < schemes.size(); ++i) {
            const auto& s = schemes[i];
            const double sd = s.init.stddev(n, n), gain = n * sd * sd / 2;
            std::vector<double> measured, predicted;
            for (std::size_t l = 1; l <= depth; ++l) {
                measured.push_back(gradients ? profiles[i].gradient_variance[l - 1] : profiles[i].variance[l - 1]);
                predicted.push_back(gradients ? std::pow(gain, double(depth - l + 1)) * g0
                                              : (1 - 1 / M_PI) * std::pow(gain, double(l)) * m0);
            }
            dlc::plot::LineStyle m, pr;
            m.colour = pr.colour = s.colour;
            m.points = true;
            pr.dashed = true;
            pr.width = 1.0;
            fig.lines(layers, measured, s.label, m).lines(layers, predicted, "", pr);
        }
        c.figure(fig, caption);
    };
    plot("kaiming_depth_forward", "Activations at initialization, 20 ReLU layers", "Var[x_l]", false,
         "The variance of each layer's ReLU outputs (points) and the prediction (1 - 1/pi) (n s^2/2)^l (dashed): "
         "vanishing for std 0.01, N(0, 1/n) and Xavier, exploding for std 0.1, constant for Kaiming");
    plot("kaiming_depth_backward", "Gradients at initialization, 20 ReLU layers", "Var[dL/dx_{l-1}]", true,
         "The variance of the gradient arriving at each layer's input when the top receives N(0, 1) gradients, "
         "and the prediction (n s^2/2)^(L - l + 1) (dashed): backprop multiplies by the same gain per layer");
}

}  // namespace backprop_lecture
