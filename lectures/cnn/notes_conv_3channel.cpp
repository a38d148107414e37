// L14 notes, "Handling colored inputs": a 3-channel 4x4 input and a 3-channel 2x2 filter. The
// filter's channels are applied to the matching input channels and the three inner products added:
//   v(i, j) = sum_c sum_p sum_q x_c(i + p, j + q) w_c(p, q).
// The notes write out the first neuron's local field and stop at "= whatever". In the text the second
// input channel has only three rows; its first two are confirmed by the arithmetic (the window
// (1, -1; 0, 1)), the lost one is the third or the fourth.
#include "cases.hpp"
#include "common.hpp"

#include "nn/conv2d.hpp"
#include "report/json.hpp"
#include "report/table.hpp"

#include <string>

namespace cnn_lecture {

void notes_conv_3channel(dlc::Case& c) {
    auto& out = c.out();
    const dlc::Matrix<double> R = {{1, 1, 2, 1}, {2, 0, -1, 1}, {-1, 1, 0, -1}, {0, 1, 2, 3}};
    const dlc::Matrix<double> G_printed = {{1, -1, 1, -1}, {0, 1, 0, 2}, {2, 3, 0, 1}};  // a row is missing
    const dlc::Matrix<double> B = {{4, 1, 4, 2}, {2, 3, 1, 3}, {1, 2, 3, 1}, {0, 1, 2, 2}};
    const dlc::Matrix<double> wR = {{1, -1}, {1, 2}}, wG = {{1, 0}, {0, 6}}, wB = {{3, 2}, {1, 0}};
    const dlc::Tensor<double> no_bias = dlc::Tensor<double>::from_shape({0});
    const std::vector<std::string> names = {"R", "G", "B"};

    out << "Channels as printed: R (4x4)\n" << grid(R) << "G (only 3 rows survive in the text)\n" << grid(G_printed)
        << "B (4x4)\n" << grid(B) << "Filter channels: w_R, w_G, w_B\n" << grid(wR) << "\n" << grid(wG) << "\n"
        << grid(wB);

    // 1. The first neuron: rows 1-2 of every channel are known, so the top row of outputs is determined.
    const dlc::Matrix<double> G_top = xt::view(G_printed, xt::range(0, 2), xt::all());
    const auto x_top = image({xt::view(R, xt::range(0, 2), xt::all()), G_top, xt::view(B, xt::range(0, 2), xt::all())});
    const auto K = kernels({{wR, wG, wB}});
    // The notes' three lines, as printed: window entries times filter entries, per channel.
    const double printed_window[3][4] = {{1, 1, 2, 0}, {1, -1, 0, 1}, {4, 1, 2, 3}};
    const double printed_filter[3][4] = {{1, -1, 1, 2}, {1, 0, 0, 6}, {3, 2, 1, 0}};
    const dlc::Matrix<double>* w[3] = {&wR, &wG, &wB};
    out << "\nThe first neuron's local field, channel by channel (the notes' three lines):\n";
    double field = 0;
    bool lines_match = true;
    nlohmann::json per_channel = nlohmann::json::array();
    for (std::size_t ch = 0; ch < 3; ++ch) {
        const auto part = dlc::conv2d_direct(image({channel(x_top, 0, ch)}), kernels({{*w[ch]}}), no_bias);
        const auto win = window(x_top, ch, 0, 0, 2, 2);
        for (std::size_t k = 0; k < 4; ++k)
            lines_match = lines_match && win.data()[k] == printed_window[ch][k] && w[ch]->data()[k] == printed_filter[ch][k];
        field += part(0, 0, 0, 0);
        per_channel.push_back(part(0, 0, 0, 0));
        out << "  " << names[ch] << ": " << inner_product_str(win, *w[ch]) << "\n";
    }
    const dlc::Matrix<double> top = channel(dlc::conv2d_direct(x_top, K, no_bias), 0, 0);
    out << "  v(1, 1) = " << exact_str(field) << " (the notes' \"whatever\").\n"
        << "The whole first row of outputs needs only rows 1-2 of each channel: v(1, .) = "
        << dlc::fmt_vec(xt::row(top, 0)) << ".\n";
    if (lines_match) c.agrees("the three per-channel terms of the first local field, each pairing a window entry with its filter entry",
                              per_channel);
    else c.erratum("the terms of the first local field", "as printed", per_channel,
                   "the printed terms do not pair the top-left windows with the filter channels");
    if (top(0, 0) != field) throw dlc::Error("notes_conv_3channel", "the channel sums do not add up to v(1, 1)");

    // 2. The rest: the R and B parts are known everywhere; the G part needs G's rows 3 and 4.
    const auto RB = channel(dlc::conv2d_direct(image({R, B}), kernels({{wR, wB}}), no_bias), 0, 0);
    // If the lost row is the fourth (the printed rows are rows 1-3), output row 2 is determined too.
    const dlc::Matrix<double> G_first3 = G_printed;
    const auto G_part_rows12 = channel(dlc::conv2d_direct(image({G_first3}), kernels({{wG}}), no_bias), 0, 0);
    out << "\nThe R and B parts of every output (all their rows are printed):\n" << grid(RB)
        << "The G part is g(i, j) * 1 + g(i + 1, j + 1) * 6 (w_G = [1 0; 0 6]): output row i needs G's rows i and "
           "i + 1.\n"
        << "- Row 1 of the outputs uses G's rows 1-2, confirmed by the notes' arithmetic: determined (above).\n"
        << "- Row 2 uses G's rows 2-3: determined only if the lost row is the 4th. Then v(2, .) = "
        << dlc::fmt_vec(xt::row(RB, 1) + xt::row(G_part_rows12, 1)) << ".\n"
        << "- Row 3 uses G's rows 3-4: G's row 4 (or row 3) is lost, so v(3, j) = RB(3, j) + g(3, j) + 6 g(4, j+1) "
           "cannot be computed: v(3, .) = "
        << "(" << exact_str(RB(2, 0)) << " + g31 + 6 g42, " << exact_str(RB(2, 1)) << " + g32 + 6 g43, "
        << exact_str(RB(2, 2)) << " + g33 + 6 g44).\n";

    c.set("first_local_field", field);
    c.set("first_local_field_per_channel", per_channel);
    c.set("first_row_outputs", dlc::to_json_value(xt::eval(xt::row(top, 0))));
    c.set("rb_part", matrix_json(RB));
    c.set("second_row_if_fourth_row_lost", dlc::to_json_value(xt::eval(xt::row(RB, 1) + xt::row(G_part_rows12, 1))));
    c.set("undetermined", "output row 3 needs the lost row of the G channel; output row 2 needs it if the lost "
                          "row is the third");
}

}  // namespace cnn_lecture
