// Why convolutions: the NYU slides' parameter counts (fully connected 200x200 -> 1000 hidden units:
// "40M"; locally connected 200x200x3x100 = "12M"; then weight sharing), Bahng's (1 + C_in H_ker W_ker)
// C_out against the C_in H^2 W^2 C_out of a general linear map, his footnote (3x1024x1024 -> 1000:
// "3 billion parameters", "12GB"), and LeNet-5 layer by layer, all from lib/nn/param_count.
#include "cases.hpp"
#include "common.hpp"

#include "core/rng.hpp"
#include "nn/conv2d.hpp"
#include "nn/linear.hpp"
#include "nn/param_count.hpp"
#include "report/table.hpp"

#include <string>

namespace cnn_lecture {

namespace {

std::string count_str(std::size_t n) {
    std::string s = std::to_string(n);
    for (int i = int(s.size()) - 3; i > 0; i -= 3) s.insert(std::size_t(i), ",");
    return s;
}

}  // namespace

void parameter_counts(dlc::Case& c) {
    auto& out = c.out();
    using dlc::Biases;

    // 1. Fully connected: a 200x200 image (one channel) flattened, 1000 hidden units, z = W x.
    const std::size_t dense = dlc::dense_parameter_count(200 * 200, 1000);
    out << "Fully connected, 200x200 image -> 1000 hidden units: W is 1000 x 40,000 = " << count_str(dense)
        << " weights (" << count_str(dlc::dense_parameter_count(200 * 200, 1000, Biases::included))
        << " with biases). With 3 colour channels it would be "
        << count_str(dlc::dense_parameter_count(3 * 200 * 200, 1000)) << ".\n";
    if (dense == 40'000'000) c.agrees("the number of weights of a fully connected 200x200 -> 1000 layer (the slide: 40M)", dense);
    else c.erratum("fully connected 200x200 -> 1000", 40'000'000, dense, "40,000 x 1000");

    // 2. Locally connected: every hidden neuron z_{i,j,c} (200x200 positions, 100 channels) with its own
    //    weights on a window of the 3 input channels. The slide's product 200 x 200 x 3 x 100 is this count
    //    for a 1x1 window (k = 0: one weight per input channel and hidden neuron); a (2k+1)x(2k+1) window
    //    multiplies it by (2k+1)^2.
    const std::size_t local_1x1 = dlc::locally_connected_parameter_count(200, 200, 3, 100, 1, 1);
    const std::size_t local_3x3 = dlc::locally_connected_parameter_count(200, 200, 3, 100, 3, 3);
    const std::size_t local_5x5 = dlc::locally_connected_parameter_count(200, 200, 3, 100, 5, 5);
    out << "\nLocally connected, 200x200x3 -> 200x200x100, each neuron with its own window:\n"
        << "  1x1 window (k = 0): 200*200*100 neurons x 3 weights = " << count_str(local_1x1) << "\n"
        << "  3x3 window (k = 1): x 9  = " << count_str(local_3x3) << "\n"
        << "  5x5 window (k = 2): x 25 = " << count_str(local_5x5) << "\n"
        << "The slide's 200 x 200 x 3 x 100 = 12M is the 1x1-window count (or the count per kernel position): "
           "with the [i +- k] windows of its formula the layer has (2k+1)^2 times more.\n";
    if (local_1x1 == 12'000'000) c.agrees("the number of weights of the locally connected 200x200x3x100 layer (the slide: 12M)", local_1x1);
    else c.erratum("locally connected 200x200x3x100", 12'000'000, local_1x1, "200*200*3*100");
    c.erratum("the weight index in z_{i,j,c} = sum x_{i'j'c'} w_{i,j,i'-j,j'-j,c',c}", "i'-j", "i'-i",
              "the window offset of row i' from the neuron's row i (a typo in the slide's formula)");

    // 3. Weight sharing: tie the weights across the 200x200 positions -> a convolution.
    out << "\nWeight sharing (a convolution, 3 -> 100 channels), independent of the image size:\n";
    dlc::TextTable t({"window", "locally connected", "convolution", "convolution + biases", "ratio"});
    nlohmann::json shared = nlohmann::json::array();
    for (std::size_t k : {1, 3, 5}) {
        const std::size_t lc = dlc::locally_connected_parameter_count(200, 200, 3, 100, k, k);
        const std::size_t cv = dlc::conv_parameter_count(3, 100, k, k);
        t.row({std::to_string(k) + "x" + std::to_string(k), count_str(lc), count_str(cv),
               count_str(dlc::conv_parameter_count(3, 100, k, k, Biases::included)), count_str(lc / cv)});
        shared.push_back({{"kernel", k}, {"locally_connected", lc}, {"convolution", cv},
                          {"convolution_with_biases", dlc::conv_parameter_count(3, 100, k, k, Biases::included)}});
    }
    out << t.str() << "Sharing divides the count by the number of positions, 200 x 200 = 40,000.\n";

    // 4. Bahng: a convolution with full padding is a linear map R^{C_in x H x W} -> R^{C_out x H x W}; the
    //    general such map has C_in H^2 W^2 C_out entries, the convolution (1 + C_in H_ker W_ker) C_out.
    const std::size_t general = dlc::dense_parameter_count(3 * 28 * 28, 10 * 28 * 28);
    const std::size_t bahng_conv = dlc::conv_parameter_count(3, 10, 3, 3, Biases::included);
    out << "\nBahng §3.1, e.g. C_in = 3, C_out = 10, 28x28 images, 3x3 kernels: a general linear map has C_in H^2 W^2 "
           "C_out = " << count_str(general) << " entries, the convolution (1 + C_in H_ker W_ker) C_out = "
        << count_str(bahng_conv) << ".\n";
    const std::size_t footnote = dlc::dense_parameter_count(3 * 1024 * 1024, 1000);
    const double gigabytes = 4.0 * double(footnote) / 1e9;
    out << "Bahng's footnote: a 3x1024x1024 image (" << count_str(3 * 1024 * 1024) << " numbers, \"3 million\") to "
        << "1000 units: " << count_str(footnote) << " weights (\"3 billion\"), " << dlc::fmt(gigabytes, 4)
        << " GB in float32 (" << dlc::fmt(gigabytes * 1e9 / (1ull << 30), 4) << " GiB; \"12GB\").\n";
    c.agrees("Bahng's footnote 1, weights and gigabytes (the notes: about 3 billion and 12GB)", nlohmann::json{{"weights", footnote},
                                                                                       {"gigabytes", gigabytes}});

    // 5. LeNet-5 on 1x28x28 (as the lenet5 case builds it), every layer with biases, against the modules.
    dlc::Rng& rng = c.rng();  // the counts do not depend on the weights; the seed is --seed's all the same
    dlc::Conv2d<double> c1(1, 6, 5, 5, rng, {1, 2}), c2(6, 16, 5, 5, rng);
    dlc::Linear<double> f1(400, 120, rng), f2(120, 84, rng), f3(84, 10, rng);
    struct Row {
        std::string layer;
        std::size_t formula, module;
    };
    const Row rows[] = {
        {"conv 1 -> 6, 5x5", dlc::conv_parameter_count(1, 6, 5, 5, Biases::included), c1.parameter_count()},
        {"conv 6 -> 16, 5x5", dlc::conv_parameter_count(6, 16, 5, 5, Biases::included), c2.parameter_count()},
        {"FC 400 -> 120", dlc::dense_parameter_count(400, 120, Biases::included), f1.parameter_count()},
        {"FC 120 -> 84", dlc::dense_parameter_count(120, 84, Biases::included), f2.parameter_count()},
        {"FC 84 -> 10", dlc::dense_parameter_count(84, 10, Biases::included), f3.parameter_count()},
    };
    dlc::TextTable lt({"LeNet-5 layer", "formula", "Module::parameter_count"});
    std::size_t total = 0;
    nlohmann::json lj = nlohmann::json::object();
    for (const auto& r : rows) {
        lt.row({r.layer, count_str(r.formula), count_str(r.module)});
        if (r.formula != r.module) throw dlc::Error("parameter_counts", r.layer + ": formula and module disagree");
        total += r.formula;
        lj[r.layer] = r.formula;
    }
    lt.row({"total", count_str(total), ""});
    out << "\n" << lt.str() << "The two convolutions hold " << dlc::fmt(100.0 * double(rows[0].formula + rows[1].formula)
        / double(total), 3) << "% of LeNet-5's parameters but do most of its arithmetic.\n";

    c.set("fully_connected_200x200_to_1000", dense);
    c.set("locally_connected_200x200x3x100_1x1", local_1x1);
    c.set("locally_connected_200x200x3x100_3x3", local_3x3);
    c.set("locally_connected_200x200x3x100_5x5", local_5x5);
    c.set("weight_sharing", shared);
    c.set("bahng_general_linear_map", general);
    c.set("bahng_convolution", bahng_conv);
    c.set("bahng_footnote_weights", footnote);
    c.set("lenet5_layers", lj);
    c.set("lenet5_total", total);
}

}  // namespace cnn_lecture
