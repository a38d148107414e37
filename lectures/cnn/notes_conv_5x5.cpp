// L14 notes, the first convolution example: a 5x5 input and one 2x2 filter, slid with stride 1,
// gives a 4x4 feature map; each output is the inner product of the filter with the window under it,
//   y(i, j) = sum_p sum_q x(i + p, j + q) w(p, q)      (no flip: a cross-correlation).
// The notes' arithmetic (and "16 neurons that share the weights [1 -1 0 2]") uses the filter rows
// (1, -1) and (0, 2); the printed filter table shows (1, 1) and (0, 2).
#include "cases.hpp"
#include "common.hpp"

#include "nn/conv2d.hpp"
#include "plot/figure.hpp"

namespace cnn_lecture {

void notes_conv_5x5(dlc::Case& c) {
    auto& out = c.out();
    const dlc::Matrix<double> input = {{1, 2, 0, 3, 1},
                                       {-1, -1, 2, 0, 1},
                                       {1, -1, -1, 0, 1},
                                       {3, 1, 2, -1, 1},
                                       {1, 4, 0, 1, 2}};
    const dlc::Matrix<double> w = {{1, -1}, {0, 2}};        // what the arithmetic uses
    const dlc::Matrix<double> w_table = {{1, 1}, {0, 2}};   // what the filter table shows
    const auto x = image({input});
    const auto K = kernels({{w}});
    const dlc::Tensor<double> no_bias = dlc::Tensor<double>::from_shape({0});

    out << "The input x (5x5):\n" << grid(input) << "The filter w (2x2), as the arithmetic and the shared weights "
        << "[1 -1 0 2] have it:\n" << grid(w)
        << "y(i, j) = sum_p sum_q x(i + p, j + q) w(p, q): the filter is slid over the input with stride 1, no "
           "padding, so the map is (5 - 2)/1 + 1 = " << dlc::conv_output_size(5, 2, 1, 0) << " on each side.\n\n";

    const auto y_t = dlc::conv2d_direct(x, K, no_bias);
    const dlc::Matrix<double> y = channel(y_t, 0, 0);

    out << "The first row of outputs, one window at a time:\n";
    for (std::size_t j = 0; j < y.shape(1); ++j)
        out << "  y(1, " << j + 1 << ") = " << inner_product_str(window(x, 0, 0, j, 2, 2), w) << "\n";
    out << "  y(2, 1) = " << inner_product_str(window(x, 0, 1, 0, 2, 2), w) << "\n";
    out << "The whole 4x4 feature map:\n" << grid(y);

    // The handout's two printed outputs.
    if (y(0, 0) == -3) c.agrees("the first output y(1, 1)", y(0, 0));
    else c.erratum("first output y(1, 1)", -3, y(0, 0), "inner product of the top-left window with w");
    if (y(0, 1) == 4) c.agrees("the second output y(1, 2)", y(0, 1));
    else c.erratum("second output y(1, 2)", 4, y(0, 1),
                   "the printed terms 2*1 + 0*(-1) + (-1)*0 + 2*2 are right, their sum is " + exact_str(y(0, 1)) +
                       ", not 4");

    // The filter table against the arithmetic: which filter gives the printed -3?
    const double first_with_table = channel(dlc::conv2d_direct(x, kernels({{w_table}}), no_bias), 0, 0)(0, 0);
    out << "With the filter as printed in the table, rows (1, 1) and (0, 2), the first output would be "
        << inner_product_str(window(x, 0, 0, 0, 2, 2), w_table) << ", not -3.\n";
    c.erratum("filter entry w(1, 2)", 1, -1,
              "the arithmetic (-3) and the shared weights [1 -1 0 2] use -1; with the printed 1 the first output "
              "would be " + exact_str(first_with_table));

    // The same map from the library's layer (im2col + GEMM), and the variations the notes list.
    dlc::Conv2d<double> layer(K, no_bias);
    layer.set_algorithm(dlc::ConvAlgorithm::im2col_gemm);
    const dlc::Matrix<double> y_gemm = channel(layer.forward(x), 0, 0);
    const bool agree = same(y, y_gemm);
    out << "Conv2d (im2col + GEMM) gives the same map: " << (agree ? "yes" : "NO") << ".\n";
    if (!agree) throw dlc::Error("notes_conv_5x5", "im2col and direct convolution disagree");

    const dlc::Matrix<double> y_pad = channel(dlc::conv2d_direct(x, K, no_bias, {1, 1}), 0, 0);
    const dlc::Matrix<double> y_stride = channel(dlc::conv2d_direct(x, K, no_bias, {2, 0}), 0, 0);
    out << "\nZero padding 1 (a ring of zeros around x): (5 + 2 - 2)/1 + 1 = " << y_pad.shape(0) << ":\n"
        << grid(y_pad) << "Stride 2 (jump two squares): floor((5 - 2)/2) + 1 = " << y_stride.shape(0) << ":\n"
        << grid(y_stride);

    c.set("input", matrix_json(input));
    c.set("filter", matrix_json(w));
    c.set("feature_map", matrix_json(y));
    c.set("first_outputs", nlohmann::json::array({y(0, 0), y(0, 1)}));
    c.set("first_output_with_printed_filter", first_with_table);
    c.set("feature_map_padding_1", matrix_json(y_pad));
    c.set("feature_map_stride_2", matrix_json(y_stride));
    c.set("im2col_equals_direct", agree);

    dlc::plot::HeatmapOptions h;
    h.show_values = true;
    h.colour_bar = false;
    h.row_labels = h.col_labels = {"1", "2", "3", "4"};
    dlc::plot::Figure fig("notes_conv_5x5");
    fig.title("L14 notes: the 4x4 feature map of the 5x5 input and w = [1 -1; 0 2]").xlabel("j").ylabel("i")
        .heatmap(y, h);
    c.figure(fig, "The feature map y(i, j): each cell is the inner product of w with the window at (i, j)");
}

}  // namespace cnn_lecture
