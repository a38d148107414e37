// NYU slide "Feature Visualization": "we can understand what first-layer features are doing by visualizing
// the weight matrices" — "the better the input matches these weights, the more the feature activates".
// LeNet-5's six 5x5 kernels and the MLP's first-layer weight vectors (784 = 28x28 each) drawn as images,
// for the networks trained on MNIST and on Fashion-MNIST (from the trained-model store).
// A check that makes the pictures readable: a pixel that is 0 in every training image gives its weights no
// gradient (grad_W = delta x^T), so under Adam they never move: they are still exactly their initial
// random values, the noise around the MLP's weight images.
#include "cases.hpp"
#include "common.hpp"

#include "models/lenet5.hpp"
#include "models/mlp.hpp"
#include "nn/conv2d.hpp"
#include "nn/linear.hpp"
#include "plot/figure.hpp"
#include "report/json.hpp"
#include "report/table.hpp"

#include <xtensor/xview.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace interpretability_lecture {

void first_layer_filters(dlc::Case& c) {
    auto& out = c.out();
    std::vector<std::string> suffixes = {data_suffix(c)};
    if (suffixes[0] == "mnist") {
        if (!dlc::find_fashion_dir().empty()) suffixes.push_back("fashion");
        else out << "note: Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist): MNIST only.\n";
    }
    dlc::TextTable table({"data", "network", "test accuracy", "always-0 pixels", "their max |W - W0|",
                          "other pixels' mean |W - W0|"});
    for (const auto& suffix : suffixes) {
        const std::string dname = suffix == "mnist" ? "MNIST" : "Fashion-MNIST";
        auto& lenet = model(c, "lenet5", suffix);
        auto& mlp = model(c, "mlp", suffix);
        nlohmann::json j;

        // LeNet-5: the 6 kernels (6, 1, 5, 5).
        const auto& K = dynamic_cast<dlc::Conv2d<float>&>((*lenet.net)[dlc::LeNet5Layers::conv1]).K();
        const dlc::Tensor3<double> filters = xt::cast<double>(xt::view(K, xt::all(), 0, xt::all(), xt::all()));
        std::vector<std::string> caps;
        for (std::size_t f = 0; f < 6; ++f) caps.push_back("kernel " + std::to_string(f + 1));
        dlc::plot::Figure fk("lenet5_filters_" + suffix);
        fk.title("LeNet-5 on " + dname + ": the six 5x5 kernels of the first layer (each scaled black..white)")
            .image_grid(filters, 6, caps, true);
        c.figure(fk, "LeNet-5 (" + dname + "): first-layer kernels, oriented edge and stroke detectors");
        j["lenet5_filters"] = dlc::to_json_value(filters);
        j["lenet5_test_accuracy"] = lenet.meta.at("test_accuracy");

        // The MLP: rows of W (512, 784) as 28x28 images, the first 32 hidden units.
        auto& fc = dynamic_cast<dlc::Linear<float>&>((*mlp.net)[0]);
        const auto& W = fc.W();
        const std::size_t shown = 32, side = 28;
        dlc::Tensor3<double> units = dlc::Tensor3<double>::from_shape({shown, side, side});
        std::vector<std::string> ucaps;
        for (std::size_t u = 0; u < shown; ++u) {
            for (std::size_t p = 0; p < side * side; ++p) units.data()[u * side * side + p] = W(u, p);
            ucaps.push_back("unit " + std::to_string(u + 1));
        }
        dlc::plot::Figure fm("mlp_filters_" + suffix);
        fm.title("MLP 784-512-512-10 on " + dname + ": first-layer weights of 32 hidden units as 28x28 images")
            .image_grid(units, 8, ucaps, true);
        c.figure(fm, "MLP (" + dname + "): each hidden unit's 784 weights laid out as the image it matches best");

        // Pixels that are 0 in every training image the MLP saw keep their initial weights exactly.
        const std::size_t n_train = mlp.meta.at("n_train").get<std::size_t>();
        const auto data = dlc::load_images<float>(suffix, n_train == 60000 ? 0 : n_train, 1);
        std::vector<bool> always_zero(side * side, true);
        for (std::size_t i = 0; i < data.train.images.shape(0); ++i)
            for (std::size_t p = 0; p < side * side; ++p)
                if (data.train.images.data()[i * side * side + p] != 0) always_zero[p] = false;
        dlc::Rng init(mlp.meta.at("seed").get<std::uint64_t>());
        dlc::Linear<float> first(side * side, W.shape(0), init);  // the same first draws as dlc::add_mlp
        double max_zero = 0, sum_other = 0;
        std::size_t zeros = 0;
        for (std::size_t p = 0; p < side * side; ++p) {
            double m = 0;
            for (std::size_t u = 0; u < W.shape(0); ++u) m = std::max(m, double(std::abs(W(u, p) - first.W()(u, p))));
            if (always_zero[p]) {
                ++zeros;
                max_zero = std::max(max_zero, m);
            } else {
                double s = 0;
                for (std::size_t u = 0; u < W.shape(0); ++u) s += std::abs(W(u, p) - first.W()(u, p));
                sum_other += s / double(W.shape(0));
            }
        }
        const double mean_other = zeros < side * side ? sum_other / double(side * side - zeros) : 0.0;
        table.row({dname, "LeNet-5", dlc::fmt(100 * lenet.meta.at("test_accuracy").get<double>(), 4) + "%", "", "", ""});
        table.row({dname, "MLP", dlc::fmt(100 * mlp.meta.at("test_accuracy").get<double>(), 4) + "%", std::to_string(zeros),
                   dlc::fmt(max_zero), dlc::fmt(mean_other, 4)});
        j["mlp_test_accuracy"] = mlp.meta.at("test_accuracy");
        j["mlp_units_shown"] = shown;
        j["always_zero_pixels"] = zeros;
        j["always_zero_pixels_max_weight_change"] = max_zero;
        j["other_pixels_mean_weight_change"] = round_to(mean_other);
        c.set(suffix, j);
    }
    out << table.str()
        << "A pixel that is 0 in every training image contributes x_p = 0 to grad_W = delta x^T, so Adam's moment "
           "estimates for its weights stay 0 and the weights never move: they are exactly the initial N(0, 2/784) draws "
           "(max |W - W0| = 0 above), the salt-and-pepper frame around the MLP's weight images. LeNet-5's kernels are "
           "shared by every position, so all of them learn.\n";
}

}  // namespace interpretability_lecture
