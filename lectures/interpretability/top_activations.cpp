// NYU slides "Feature Visualization" (Zeiler & Fergus): "pick the images which activate a unit most
// strongly", layer by layer. For LeNet-5's units — the 6 channels after conv 1, 8 of the 16 after conv 2,
// 8 of the 120 and 84 fully connected units, the 10 class scores — the 9 test images with the largest
// activation (a channel's largest value over its positions). For a convolutional unit the image is cropped
// to its receptive field around the winning position (5x5 after conv 1, 14x14 after conv 2, computed from
// the layers' kernels, strides and padding): the part of the digit the unit actually sees.
#include "cases.hpp"
#include "common.hpp"

#include "interpret/top_activations.hpp"
#include "models/lenet5.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace interpretability_lecture {

namespace {

struct Layer {
    std::size_t position;
    std::string name, what;
    std::size_t units;  // how many units to show
};

}  // namespace

void top_activations(dlc::Case& c) {
    auto& out = c.out();
    const auto& data = image_data(c);
    auto& m = model(c, "lenet5");
    auto& net = *m.net;
    const dlc::Tensor<float> X = m.input(data.test.images);
    const std::size_t k = 9, n = X.shape(0);
    out << "LeNet-5 (" << data.name << ") on the " << n << " test images; for each unit the " << k
        << " images that excite it most (the slide picks them from the training set; the test set is used here, "
           "images the network never trained on).\n";
    using L = dlc::LeNet5Layers;
    const std::vector<Layer> layers = {{L::relu1, "conv1", "conv 1 (6@5x5) + ReLU", 6},
                                       {L::relu2, "conv2", "conv 2 (16@5x5) + ReLU", 8},
                                       {L::relu3, "fc1", "fully connected 400 -> 120 + ReLU", 8},
                                       {L::relu4, "fc2", "fully connected 120 -> 84 + ReLU", 8},
                                       {L::fc3, "logits", "class scores (logits)", 10}};
    dlc::TextTable t({"layer", "receptive field", "unit", "top-9 test images (label: activation)"});
    for (const auto& layer : layers) {
        const auto top = dlc::top_activations(net, X, layer.position, k);
        const bool conv = layer.position <= L::pool2;
        dlc::ReceptiveField rf;
        if (conv) rf = dlc::receptive_field(net, layer.position);
        const std::size_t side = conv ? rf.size : 28, H = data.test.images.shape(1), W = data.test.images.shape(2);
        const std::size_t units = std::min(layer.units, top.size());
        std::size_t dead = 0;  // units no test image activates (a ReLU stuck at 0)
        if (layer.position != L::fc3)
            for (const auto& list : top) dead += !list.empty() && list.front().value <= 0;
        dlc::Tensor3<double> tiles = xt::zeros<double>({units * k, side, side});
        std::vector<std::string> caps;
        nlohmann::json jl = nlohmann::json::array();
        for (std::size_t u = 0; u < units; ++u) {
            std::string line;
            nlohmann::json ju = nlohmann::json::array();
            for (std::size_t r = 0; r < top[u].size(); ++r) {
                const auto& a = top[u][r];
                const std::size_t label = data.test.labels(a.example);
                line += (r ? ", " : "") + data.class_names[label] + ": " + dlc::fmt(a.value, 3);
                ju.push_back({{"test_image", a.example}, {"label", label}, {"activation", round_to(a.value)},
                              {"row", a.row}, {"col", a.col}});
                // The crop: pixels [first + pos * jump, + size) of the original image (0 outside).
                const long top_row = conv ? rf.first + long(a.row * rf.jump) : 0;
                const long left = conv ? rf.first + long(a.col * rf.jump) : 0;
                for (std::size_t i = 0; i < side; ++i)
                    for (std::size_t j = 0; j < side; ++j) {
                        const long y = top_row + long(i), x = left + long(j);
                        if (y >= 0 && x >= 0 && y < long(H) && x < long(W))
                            tiles(u * k + r, i, j) = data.test.images(a.example, std::size_t(y), std::size_t(x));
                    }
                caps.push_back(r == 0 ? "unit " + std::to_string(u + 1) : std::string(" "));
            }
            jl.push_back(ju);
            t.row({layer.name, conv ? std::to_string(rf.size) + "x" + std::to_string(rf.size) : "whole image",
                   std::to_string(u + 1), line});
        }
        if (dead > 0)
            out << layer.what << ": " << dead << " of " << top.size() << " units are never positive on these test images "
                << "(dead ReLUs: they pass no gradient either).\n";
        c.set(layer.name, {{"layer", layer.what}, {"units_total", top.size()}, {"units_never_active", dead},
                           {"receptive_field", conv ? nlohmann::json{{"size", rf.size}, {"jump", rf.jump}, {"first", rf.first}}
                                                    : nlohmann::json("whole image")},
                           {"units", jl}});
        dlc::plot::Figure f("top_activations_" + layer.name);
        f.title("LeNet-5, " + layer.what + ": the 9 test images that excite each unit most (one row per unit" +
                (conv ? ", cropped to the " + std::to_string(rf.size) + "x" + std::to_string(rf.size) + " receptive field)"
                      : ")"))
            .image_grid(tiles, k, caps, false);
        c.figure(f, "Top-9 test images per unit of " + layer.what +
                        (conv ? ", each cropped to what the unit sees" : ", whole images"));
    }
    out << t.str()
        << "Early units respond to a local stroke or edge anywhere in any digit (their crops look alike across classes); "
           "units higher up fire for whole shapes, and the last layer's units each for one class.\n";
}

}  // namespace interpretability_lecture
