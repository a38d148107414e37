// Hand-made convolution kernels on real and synthetic images. The UCSD slides' table (identity, three
// edge detectors, sharpen, normalized box blur) with their formula
//   g(x, y) = (w * f)(x, y) = sum_{s=-a}^{a} sum_{t=-b}^{b} w(s, t) f(x - s, y - t),
// and Bahng's Example 3.2 kernels (mean 5x5, Gaussian 5x5 / 273, sharpen, Sobel horizontal and
// vertical). Each kernel is applied by dlc::convolve2d (the formula above: flipped, centred, same size,
// zero padding) to a digit (or fashion item) and to a 64x64 test image with edges and a diagonal.
#include "cases.hpp"
#include "common.hpp"

#include "data/datasets.hpp"
#include "nn/image_convolution.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace cnn_lecture {

namespace {

struct NamedKernel {
    std::string name, source;
    dlc::Matrix<double> w;
};

std::vector<NamedKernel> gallery_kernels() {
    const dlc::Matrix<double> ones5 = xt::ones<double>({5, 5});
    return {
        {"identity", "UCSD", {{0, 0, 0}, {0, 1, 0}, {0, 0, 0}}},
        {"edge (diagonal)", "UCSD", {{1, 0, -1}, {0, 0, 0}, {-1, 0, 1}}},
        {"edge (Laplacian)", "UCSD", {{0, 1, 0}, {1, -4, 1}, {0, 1, 0}}},
        {"edge (8-neighbour)", "UCSD", {{-1, -1, -1}, {-1, 8, -1}, {-1, -1, -1}}},
        {"sharpen", "UCSD, Bahng", {{0, -1, 0}, {-1, 5, -1}, {0, -1, 0}}},
        {"box blur", "UCSD", dlc::Matrix<double>(xt::ones<double>({3, 3}) / 9.0)},
        {"mean 5x5", "Bahng", dlc::Matrix<double>(ones5 / 25.0)},
        {"Gaussian 5x5", "Bahng", dlc::Matrix<double>(dlc::Matrix<double>{{1, 4, 7, 4, 1},
                                                                          {4, 16, 26, 16, 4},
                                                                          {7, 26, 41, 26, 7},
                                                                          {4, 16, 26, 16, 4},
                                                                          {1, 4, 7, 4, 1}} / 273.0)},
        {"Sobel horizontal", "Bahng", {{-1, 0, 1}, {-2, 0, 2}, {-1, 0, 1}}},
        {"Sobel vertical", "Bahng", {{-1, -2, -1}, {0, 0, 0}, {1, 2, 1}}},
    };
}

// A 64x64 test image: a bright square (four straight edges), a grey disc (curved edges) and a
// one-pixel diagonal line from the top-left to the bottom-right corner.
dlc::Matrix<double> test_image() {
    const std::size_t n = 64;
    dlc::Matrix<double> f = xt::zeros<double>({n, n});
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) {
            if (i >= 8 && i < 28 && j >= 30 && j < 56) f(i, j) = 1.0;
            const double di = double(i) - 44, dj = double(j) - 18;
            if (di * di + dj * dj <= 12.0 * 12.0) f(i, j) = 0.6;
            if (i == j) f(i, j) = 1.0;
        }
    return f;
}

// The image and its filtered versions as one (1 + kernels, h, w) stack with captions.
dlc::Tensor3<double> filtered_stack(const dlc::Matrix<double>& f, const std::vector<NamedKernel>& ks,
                                    std::vector<std::string>& captions) {
    const std::size_t h = f.shape(0), w = f.shape(1);
    dlc::Tensor3<double> stack = dlc::Tensor3<double>::from_shape({ks.size() + 1, h, w});
    xt::view(stack, 0, xt::all(), xt::all()) = f;
    captions = {"original"};
    for (std::size_t k = 0; k < ks.size(); ++k) {
        xt::view(stack, k + 1, xt::all(), xt::all()) = dlc::convolve2d(f, ks[k].w);
        captions.push_back(ks[k].name);
    }
    return stack;
}

}  // namespace

void kernel_gallery(dlc::Case& c) {
    auto& out = c.out();
    const auto ks = gallery_kernels();

    // 1. The kernels: their sums (1 keeps the mean brightness, 0 maps flat regions to 0) and whether
    //    the flip matters (convolution = cross-correlation exactly when w is symmetric under a 180-degree
    //    rotation; the Sobel kernels are antisymmetric, so the flip only changes the sign).
    dlc::TextTable t({"kernel", "from", "size", "sum of weights", "w rotated 180 deg", "convolution vs correlation"});
    nlohmann::json kj = nlohmann::json::array();
    const dlc::Matrix<double> probe = test_image();
    for (const auto& k : ks) {
        const double sum = xt::sum(k.w)();
        const dlc::Matrix<double> rotated = xt::flip(xt::flip(k.w, 0), 1);
        const std::string symmetry = same(rotated, k.w) ? "= w" : same(rotated, -k.w) ? "= -w" : "other";
        const auto conv = dlc::convolve2d(probe, k.w);
        const auto corr = dlc::correlate2d(probe, k.w);
        const std::string relation = same(conv, corr, 1e-12) ? "equal" : same(conv, -corr, 1e-12) ? "opposite signs"
                                                                                                  : "different";
        t.row({k.name, k.source, std::to_string(k.w.shape(0)) + "x" + std::to_string(k.w.shape(1)), exact_str(sum),
               symmetry, relation});
        kj.push_back({{"name", k.name}, {"source", k.source}, {"kernel", matrix_json(k.w)}, {"sum", sum},
                      {"rotation", symmetry}, {"convolution_vs_correlation", relation}});
    }
    out << t.str()
        << "Sums of 1 (identity, sharpen, blurs) keep a flat region's brightness; sums of 0 (edge detectors, Sobel) "
           "send flat regions to 0 and respond only where the image changes.\n";
    c.set("kernels", kj);
    const double gauss_total = 273.0 * xt::sum(ks[7].w)();
    if (std::abs(gauss_total - 273.0) < 1e-9) c.agrees("the Gaussian's 25 weights sum to 273 (so it is normalized)", 273);
    else c.erratum("sum of the Gaussian's weights", 273, gauss_total, "sum of the 25 printed integers");

    // 2. Bahng's 5x5 "original" (the identity matrix: a diagonal line) through his kernels.
    const dlc::Matrix<double> diag = xt::eye<double>(5);
    out << "\nBahng Example 3.2's 5x5 image (a diagonal) through the Sobel kernels (zero padding, same size):\n";
    for (std::size_t k : {std::size_t(8), std::size_t(9)}) {
        const auto g = dlc::convolve2d(diag, ks[k].w);
        out << "  " << ks[k].name << ":\n" << grid(g, "    ");
        c.set("diagonal_5x5_" + std::string(k == 8 ? "sobel_horizontal" : "sobel_vertical"), matrix_json(g));
    }
    // Off the line's ends (where the zero padding cuts it) the responses are opposite, and 0 on the line.
    const auto gh = dlc::convolve2d(diag, ks[8].w), gv = dlc::convolve2d(diag, ks[9].w);
    bool opposite = true, zero_on_line = true;
    for (std::size_t i = 0; i < 5; ++i)
        for (std::size_t j = 0; j < 5; ++j) {
            const bool corner = (i == 0 && j == 0) || (i == 4 && j == 4);
            if (!corner) opposite = opposite && gh(i, j) == -gv(i, j);
            if (i == j && !corner) zero_on_line = zero_on_line && gh(i, j) == 0 && gv(i, j) == 0;
        }
    out << "Away from the two corners (where the zero padding cuts the line) the horizontal and vertical responses "
        << (opposite ? "are exact opposites" : "are NOT opposites") << " (a diagonal edge is as much a horizontal "
        << "as a vertical change), and on the line itself they are " << (zero_on_line ? "0" : "not 0") << ".\n";
    c.set("diagonal_5x5_sobel_opposite", opposite);

    // 3. A real image and the synthetic one, every kernel.
    const auto data = dlc::load_images<double>(c.options().data, 1, 1);
    if (!data.note.empty()) out << "note: " << data.note << "\n";
    const dlc::Matrix<double> digit = xt::view(data.test.images, 0, xt::all(), xt::all());
    std::vector<std::string> captions;
    const auto digit_stack = filtered_stack(digit, ks, captions);
    dlc::plot::Figure fd("kernel_gallery_digit");
    fd.title("The kernels on the first " + data.name + " test image (label " + data.class_names[data.test.labels(0)] +
             "), each scaled black..white")
        .image_grid(digit_stack, 6, captions, true);
    c.figure(fd, "Convolution kernels on a 28x28 " + data.name + " image: blurs smooth, edge kernels and Sobel "
                 "respond at the strokes' borders");
    const auto synth_stack = filtered_stack(probe, ks, captions);
    dlc::plot::Figure fs("kernel_gallery_synthetic");
    fs.title("The kernels on a 64x64 test image: a square, a disc and a diagonal line")
        .image_grid(synth_stack, 6, captions, true);
    c.figure(fs, "Horizontal Sobel lights the square's vertical sides, vertical Sobel its horizontal sides; the "
                 "diagonal answers both; the Laplacian outlines every edge");

    // Numbers the figure shows: where the Sobel kernels respond on the square's edges.
    const auto gx = dlc::convolve2d(probe, ks[8].w), gy = dlc::convolve2d(probe, ks[9].w);
    out << "\nOn the square (rows 9-28, columns 31-56): horizontal Sobel at its left side (row 18, column 30) = "
        << exact_str(gx(17, 29)) << ", at its top side (row 8, column 44) = " << exact_str(gx(7, 43))
        << "; vertical Sobel there = " << exact_str(gy(17, 29)) << " and " << exact_str(gy(7, 43)) << ".\n";
    c.set("data", data.name);
    c.set("sobel_horizontal_at_left_side", gx(17, 29));
    c.set("sobel_vertical_at_top_side", gy(7, 43));
}

}  // namespace cnn_lecture
