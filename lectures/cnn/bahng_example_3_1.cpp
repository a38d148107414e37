// Bahng, Example 3.1 (Tarokh, Duke ECE685): an RGB 4x4 image X = [X0, X1, X2], a 3x3x3 filter
// W = [W0, W1, W2], stride 1, zero padding 1, bias 2:
//   Y = ReLU( sum_i X'_i * W_i + 2 * 1_{4x4} ),
// then 2x2 max pooling and 2x2 average pooling (non-overlapping). The handout calls * "the discrete
// convolution"; whether its per-channel maps flip the kernel (true convolution) or not
// (cross-correlation, what CNN layers compute) is decided here by computing both.
#include "cases.hpp"
#include "common.hpp"

#include "nn/conv2d.hpp"
#include "nn/image_convolution.hpp"
#include "nn/pooling.hpp"
#include "nn/relu.hpp"
#include "plot/figure.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace cnn_lecture {

namespace {

// Report whether a printed matrix agrees with the computed one; one erratum per differing entry.
void check_matrix(dlc::Case& c, const std::string& what, const dlc::Matrix<double>& printed,
                  const dlc::Matrix<double>& computed, const std::string& note) {
    bool all = true;
    for (std::size_t i = 0; i < printed.shape(0); ++i)
        for (std::size_t j = 0; j < printed.shape(1); ++j)
            if (std::abs(printed(i, j) - computed(i, j)) > 1e-9) {
                all = false;
                c.erratum(what + ", entry (" + std::to_string(i + 1) + ", " + std::to_string(j + 1) + ")",
                          printed(i, j), computed(i, j), note);
            }
    if (all) c.agrees(what, matrix_json(computed));
}

}  // namespace

void bahng_example_3_1(dlc::Case& c) {
    auto& out = c.out();
    const std::vector<dlc::Matrix<double>> X = {
        {{2, 1, 0, 0}, {0, 0, 2, 1}, {0, 2, 0, 1}, {2, 1, 0, 1}},
        {{2, 2, 0, 0}, {0, 0, 2, 1}, {0, 0, 2, 0}, {0, 1, 0, 1}},
        {{2, 1, 0, 0}, {0, 0, 2, 1}, {2, 0, 0, 0}, {0, 1, 0, 1}}};
    const std::vector<dlc::Matrix<double>> W = {
        {{1, 0, 0}, {0, -2, 0}, {0, 0, -1}}, {{1, 2, 0}, {2, 0, -1}, {0, -1, 1}}, {{0, 0, -2}, {0, 1, 2}, {-2, 2, 0}}};
    // The handout's printed answers.
    const std::vector<dlc::Matrix<double>> printed_maps = {
        {{-4, -4, -1, 0}, {-2, 2, -4, -2}, {-1, -4, -1, 0}, {-4, -2, 2, -2}},
        {{-2, 6, 3, -1}, {4, 6, -1, 4}, {1, -3, 5, 7}, {-1, 0, 5, 2}},
        {{4, 1, 4, -2}, {2, 0, 4, 11}, {2, -2, -4, 2}, {2, 1, 2, 1}}};
    const dlc::Matrix<double> printed_Y = {{0, 5, 8, 0}, {6, 10, 1, 5}, {4, 0, 2, 11}, {0, 1, 11, 3}};
    const dlc::Matrix<double> printed_max = {{10, 8}, {4, 11}};
    const dlc::Matrix<double> printed_avg = {{21.0 / 4, 7.0 / 2}, {5.0 / 4, 27.0 / 4}};

    const dlc::ConvOptions pad1{1, 1};
    const dlc::Tensor<double> no_bias = dlc::Tensor<double>::from_shape({0});
    out << "X0, X1, X2 (4x4) and W0, W1, W2 (3x3); stride 1, zero padding 1 keeps 4x4 ((4 + 2 - 3)/1 + 1 = "
        << dlc::conv_output_size(4, 3, 1, 1) << "), bias 2.\n";

    // 1. Each channel's map, both ways: cross-correlation (CNN layers) and true convolution (flipped kernel).
    std::size_t matches_corr = 0, matches_conv = 0;
    std::vector<dlc::Matrix<double>> maps;
    dlc::Tensor3<double> gallery = dlc::Tensor3<double>::from_shape({6, 4, 4});
    std::vector<std::string> captions;
    for (std::size_t i = 0; i < 3; ++i) {
        const dlc::Matrix<double> corr = channel(dlc::conv2d_direct(image({X[i]}), kernels({{W[i]}}), no_bias, pad1), 0, 0);
        const dlc::Matrix<double> conv = dlc::convolve2d(X[i], W[i]);  // g = w * f, the flipped sum, same size
        const auto d_corr = differences(printed_maps[i], corr), d_conv = differences(printed_maps[i], conv);
        matches_corr += 16 - d_corr.size();
        matches_conv += 16 - d_conv.size();
        out << "\nX" << i << " (*) W" << i << " as a cross-correlation, sum_pq X'(i+p, j+q) W(p, q):\n" << grid(corr)
            << "  as a true convolution, sum_st W(s, t) X(x-s, y-t):\n" << grid(conv)
            << "  the handout's map differs from the cross-correlation in " << d_corr.size()
            << (d_corr.size() == 1 ? " entry" : " entries") << " and from the convolution in " << d_conv.size()
            << ".\n";
        maps.push_back(corr);
        c.set("map_" + std::to_string(i) + "_cross_correlation", matrix_json(corr));
        c.set("map_" + std::to_string(i) + "_convolution", matrix_json(conv));
        xt::view(gallery, i, xt::all(), xt::all()) = corr;
        xt::view(gallery, 3 + i, xt::all(), xt::all()) = conv;
        captions.push_back("X" + std::to_string(i) + " corr W" + std::to_string(i));
    }
    for (std::size_t i = 0; i < 3; ++i) captions.push_back("X" + std::to_string(i) + " conv W" + std::to_string(i));
    const bool is_correlation = matches_corr > matches_conv;
    out << "\nOf the 48 printed entries, " << matches_corr << " agree with cross-correlations and " << matches_conv
        << " with true convolutions: the handout's * is a "
        << (is_correlation ? "cross-correlation (no flip), as in every CNN layer" : "true convolution") << ".\n";
    c.set("handout_maps_are", is_correlation ? "cross-correlation" : "convolution");
    c.set("entries_agreeing_with_cross_correlation", matches_corr);
    c.set("entries_agreeing_with_convolution", matches_conv);
    if (is_correlation)
        c.note("the operator * in Y = ReLU(sum X'_i * W_i + 2)",
               "The example calls * 'the discrete convolution operator'; its printed maps are cross-correlations (the "
               "kernel not flipped), which is what Bahng's own Definition 3.2, (X * K)_{f,i,j} = sum X_{c,i+p,j+q} "
               "K_{c,p,q,f}, and every CNN layer compute under the name convolution. A true convolution flips W_i and "
               "gives other maps (shown above). A naming convention, so a note rather than an erratum.");
    for (std::size_t i = 0; i < 3; ++i)
        check_matrix(c, "X" + std::to_string(i) + " * W" + std::to_string(i), printed_maps[i],
                     is_correlation ? maps[i] : dlc::convolve2d(X[i], W[i]),
                     "sum of the nine products of W with the zero-padded window");

    // 2. The layer: Conv2d with the 3-channel filter and bias 2, then ReLU, then the two poolings.
    dlc::Tensor<double> bias = dlc::Tensor<double>::from_shape({1});
    bias(0) = 2;
    dlc::Conv2d<double> conv(kernels({W}), bias, pad1);
    dlc::ReLU<double> relu;
    const auto& V = conv.forward(image(X));
    const dlc::Matrix<double> sum_plus_bias = channel(V, 0, 0);
    const auto& Yt = relu.forward(V);
    const dlc::Matrix<double> Y = channel(Yt, 0, 0);
    dlc::MaxPool2d<double> maxpool(2);
    dlc::AvgPool2d<double> avgpool(2);
    const dlc::Matrix<double> Ymax = channel(maxpool.forward(Yt), 0, 0);
    const dlc::Matrix<double> Yavg = channel(avgpool.forward(Yt), 0, 0);
    out << "\nsum_i X'_i * W_i + 2 (Conv2d with the 3x3x3 filter, bias 2, padding 1):\n" << grid(sum_plus_bias)
        << "Y = ReLU(...):\n" << grid(Y) << "2x2 max pooling:\n" << grid(Ymax) << "2x2 average pooling:\n"
        << grid(Yavg);
    check_matrix(c, "Y", printed_Y, Y, "ReLU of the sum of the three cross-correlations plus 2");
    check_matrix(c, "max pooling of Y", printed_max, Ymax, "maximum of each 2x2 block");
    check_matrix(c, "average pooling of Y", printed_avg, Yavg, "mean of each 2x2 block");

    // What the handout's own maps would give: the typo does not propagate if Y uses the right value.
    dlc::Matrix<double> from_printed = printed_maps[0] + printed_maps[1] + printed_maps[2] + 2.0;
    from_printed = xt::maximum(from_printed, 0.0);
    const auto d_from_printed = differences(printed_Y, from_printed);
    out << "Adding the handout's own three maps and 2 gives a Y that differs from the printed Y in "
        << d_from_printed.size() << " entr" << (d_from_printed.size() == 1 ? "y" : "ies")
        << (d_from_printed.empty() ? "" : " (" + d_from_printed.front() + ")")
        << ": the printed Y was computed from the right map.\n";

    // A true convolution throughout would give another Y.
    dlc::Matrix<double> Y_flipped = dlc::convolve2d(X[0], W[0]) + dlc::convolve2d(X[1], W[1]) +
                                    dlc::convolve2d(X[2], W[2]) + 2.0;
    Y_flipped = xt::maximum(Y_flipped, 0.0);
    out << "With true (flipped) convolutions Y would be:\n" << grid(Y_flipped);

    c.set("Y", matrix_json(Y));
    c.set("Y_with_true_convolution", matrix_json(Y_flipped));
    c.set("max_pool", matrix_json(Ymax));
    c.set("avg_pool", matrix_json(Yavg));
    c.set("avg_pool_exact", nlohmann::json::array({exact_str(Yavg(0, 0)), exact_str(Yavg(0, 1)), exact_str(Yavg(1, 0)),
                                                   exact_str(Yavg(1, 1))}));

    dlc::plot::Figure fig("bahng_example_3_1_maps");
    fig.title("Bahng Example 3.1: each channel's map, cross-correlation (top) and true convolution (bottom)")
        .image_grid(gallery, 3, captions, false);
    c.figure(fig, "The three per-channel maps computed without (top) and with (bottom) the kernel flip; the "
                  "handout's maps are the top row");
    dlc::plot::HeatmapOptions h;
    h.show_values = true;
    h.colour_bar = false;
    dlc::plot::Figure fy("bahng_example_3_1_Y");
    fy.title("Bahng Example 3.1: Y = ReLU(sum_i X'_i * W_i + 2)").xlabel("column j").ylabel("row i").heatmap(Y, h);
    c.figure(fy, "The output Y before pooling");
}

}  // namespace cnn_lecture
