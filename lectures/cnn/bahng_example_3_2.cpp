// Bahng Example 3.2: the "Original" 5x5 image (the identity matrix: a diagonal line) through the notes' filters,
// Mean (5x5, 1/25), Gaussian (5x5, integers / 273), Sharpen, Sobel horizontal and vertical, with zero padding and
// the output the same size as the input (padding 2 for the 5x5 kernels, 1 for the 3x3 ones). The notes show only
// pictures; here are the numbers. Bahng's * is the cross-correlation of Definition 3.2 (no flip, as in
// bahng_example_3_1); where the flipped convolution differs (the Sobel kernels), both are printed.
#include "cases.hpp"
#include "common.hpp"

#include "nn/image_convolution.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace cnn_lecture {

void bahng_example_3_2(dlc::Case& c) {
    auto& out = c.out();
    const dlc::Matrix<double> original = xt::eye<double>(5);
    struct Filter {
        std::string name, key;
        dlc::Matrix<double> w;
    };
    const std::vector<Filter> filters = {
        {"Mean (1/25) 1_{5x5}", "mean", dlc::Matrix<double>(xt::ones<double>({5, 5}) / 25.0)},
        {"Gaussian (1/273) (...)", "gaussian", dlc::Matrix<double>(dlc::Matrix<double>{{1, 4, 7, 4, 1},
                                                                                      {4, 16, 26, 16, 4},
                                                                                      {7, 26, 41, 26, 7},
                                                                                      {4, 16, 26, 16, 4},
                                                                                      {1, 4, 7, 4, 1}} / 273.0)},
        {"Sharpen", "sharpen", {{0, -1, 0}, {-1, 5, -1}, {0, -1, 0}}},
        {"Sobel horizontal", "sobel_horizontal", {{-1, 0, 1}, {-2, 0, 2}, {-1, 0, 1}}},
        {"Sobel vertical", "sobel_vertical", {{-1, -2, -1}, {0, 0, 0}, {1, 2, 1}}},
    };
    out << "Original (5x5, the identity matrix):\n" << grid(original)
        << "Same-size outputs with zero padding: g(i, j) = sum_{p,q} w(p, q) f(i + p - r, j + q - r) (Bahng's "
           "cross-correlation, r = (size - 1)/2); the flipped convolution uses f(i - p + r, j - q + r).\n";

    dlc::Tensor3<double> panels = dlc::Tensor3<double>::from_shape({filters.size() + 1, std::size_t(5), std::size_t(5)});
    xt::view(panels, 0, xt::all(), xt::all()) = original;
    std::vector<std::string> captions{"original"};
    dlc::TextTable sums({"filter", "sum of entries", "on a constant image (interior)", "flip changes it?"});
    for (std::size_t k = 0; k < filters.size(); ++k) {
        const auto& f = filters[k];
        const dlc::Matrix<double> corr = dlc::correlate2d(original, f.w), conv = dlc::convolve2d(original, f.w);
        const bool differ = !same(corr, conv, 1e-12);
        out << "\n" << f.name << " (cross-correlation, Bahng's *):\n" << grid(corr);
        if (differ) out << f.name << " (flipped convolution: " << (same(corr, -conv, 1e-12) ? "the negative" : "differs") << "):\n" << grid(conv);
        c.set(f.key, matrix_json(corr));
        if (differ) c.set(f.key + "_flipped_convolution", matrix_json(conv));
        xt::view(panels, k + 1, xt::all(), xt::all()) = corr;
        captions.push_back(f.name.substr(0, f.name.find(" (")));
        // What a kernel does to a flat region: on a constant image of ones, an interior pixel gets the kernel's sum.
        const dlc::Matrix<double> flat = xt::ones<double>({9, 9});
        const double interior = dlc::correlate2d(flat, f.w)(4, 4);
        sums.row({f.name, exact_str(xt::sum(f.w)()), exact_str(interior), differ ? "yes (sign)" : "no (symmetric)"});
    }
    out << "\nThe kernels' sums and what they do to a flat region:\n" << sums.str()
        << "Kernels summing to 1 (Mean, Gaussian, Sharpen) leave a flat region's brightness unchanged; the Sobel "
           "kernels sum to 0 and send it to 0, answering only where the image changes. On the diagonal, the two Sobel "
           "responses are exact opposites away from the corners (a diagonal edge is as much horizontal as vertical).\n";
    const double gauss_sum = 273.0 * xt::sum(filters[1].w)();
    c.set("gaussian_integer_sum", gauss_sum);
    c.note("Bahng's sentence on kernels whose entries sum to 1",
           "Example 3.2 says a kernel whose entries sum to 1 means 'the expected value of the brightness of each pixel "
           "will be 0, and the values will be left unchanged on average'. The two halves disagree; the computation "
           "supports the second: on a constant image an interior pixel becomes the kernel's sum times the constant, "
           "so Mean, Gaussian (its 25 integers sum to " + exact_str(gauss_sum) + " = 273) and Sharpen keep it, and "
           "only the Sobel kernels (sum 0) give 0. Read 'the expected change of brightness will be 0'.");
    c.note("which operation Example 3.2 applies",
           "The notes show the filtered pictures without saying whether the kernels are flipped. Bahng's Definition 3.2 "
           "and Example 3.1 use the cross-correlation (no flip), used here; Mean, Gaussian and Sharpen are symmetric "
           "under a 180-degree rotation, so both operations agree, while the flipped Sobel outputs are the negatives.");

    dlc::plot::Figure fig("bahng_example_3_2");
    fig.title("Bahng Example 3.2: the 5x5 diagonal through each filter (same size, zero padding)")
        .image_grid(panels, 3, captions, true);
    c.figure(fig, "The identity image and its five filtered versions (cross-correlation), each scaled black..white");
}

}  // namespace cnn_lecture
