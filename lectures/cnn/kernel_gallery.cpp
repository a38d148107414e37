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
    if (std::abs(gauss_total - 273.0) < 1e-9) c.agrees("the sum of the Gaussian's 25 integer weights (its normalizer)", 273);
    else c.erratum("sum of the Gaussian's weights", 273, gauss_total, "sum of the 25 printed integers");

    // 2. The UCSD table on the L14 notes' 5x5 input, as numbers: valid (3x3: the kernel inside the image) and same
    //    (5x5: zero padding). The UCSD formula flips the kernel (a true convolution); every UCSD kernel is symmetric
    //    under a 180-degree rotation, so here the convolution equals the cross-correlation of CNN layers.
    const dlc::Matrix<double> l14 = {{1, 2, 0, 3, 1}, {-1, -1, 2, 0, 1}, {1, -1, -1, 0, 1}, {3, 1, 2, -1, 1}, {1, 4, 0, 1, 2}};
    out << "\nThe UCSD kernels on the L14 notes' 5x5 input (the one of notes_conv_5x5):\n" << grid(l14)
        << "Operation: the UCSD slide's g(x, y) = sum_{s,t} w(s, t) f(x - s, y - t), a convolution (kernel flipped); "
           "where the flip changes the result the cross-correlation g(x, y) = sum w(s, t) f(x + s, y + t) of CNN "
           "layers is printed too. Valid = the 3x3 positions where the kernel lies inside the image; same = 5x5 with "
           "zero padding.\n";
    nlohmann::json l14_json;
    for (std::size_t k = 0; k < 6; ++k) {  // the UCSD table: identity, three edge kernels, sharpen, box blur
        const auto conv = dlc::convolve2d(l14, ks[k].w), corr = dlc::correlate2d(l14, ks[k].w);
        const dlc::Matrix<double> valid = xt::view(conv, xt::range(1, 4), xt::range(1, 4));
        const bool differ = !same(conv, corr, 1e-12);
        out << "\n" << ks[k].name << ", convolution" << (differ ? "" : " (= cross-correlation: the kernel is symmetric)")
            << ", valid:\n" << grid(valid) << "  same:\n" << grid(conv);
        nlohmann::json entry = {{"operation", differ ? "convolution" : "convolution = cross-correlation"},
                                {"valid", matrix_json(valid)},
                                {"same", matrix_json(conv)}};
        if (differ) {
            const dlc::Matrix<double> valid_corr = xt::view(corr, xt::range(1, 4), xt::range(1, 4));
            out << ks[k].name << ", cross-correlation, valid:\n" << grid(valid_corr) << "  same:\n" << grid(corr);
            entry["cross_correlation_valid"] = matrix_json(valid_corr);
            entry["cross_correlation_same"] = matrix_json(corr);
        }
        l14_json[ks[k].name] = entry;
    }
    out << "The identity returns the input; the three edge kernels sum to 0 and respond to changes; sharpen adds the "
           "Laplacian's response to the input; the box blur averages each 3x3 neighbourhood.\n";
    c.set("l14_input", matrix_json(l14));
    c.set("ucsd_kernels_on_l14", l14_json);

    // 3. A real image and the synthetic one, every kernel, by the UCSD formula (flipped kernels).
    out << "\nThe images below use the UCSD convolution (kernels flipped). For every kernel but the two Sobel ones it "
           "equals the cross-correlation of Bahng's Example 3.1 and of CNN layers; the Sobel responses are the "
           "negatives of the cross-correlation's (each image is scaled black..white, so black and white swap).\n";
    c.set("images_operation", "convolution (UCSD formula, kernel flipped)");
    const auto data = dlc::load_images<double>(c.options().data, 1, 1);
    if (!data.note.empty()) out << "note: " << data.note << "\n";
    const dlc::Matrix<double> digit = xt::view(data.test.images, 0, xt::all(), xt::all());
    std::vector<std::string> captions;
    const auto digit_stack = filtered_stack(digit, ks, captions);
    dlc::plot::Figure fd("kernel_gallery_digit");
    fd.title("The kernels (convolution, flipped) on the first " + data.name + " test image (label " + data.class_names[data.test.labels(0)] +
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
