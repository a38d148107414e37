// Vector quantization (UCSD ECE228 slides, "Application of K-means to data compression"):
// each pixel x_i is replaced by the nearest of K codebook entries mu_k; storing the indices and the
// codebook takes N log2 K + K C bits instead of N C.
#include "cases.hpp"
#include "common.hpp"

#include "cluster/init.hpp"
#include "cluster/kmeans.hpp"
#include "cluster/vq.hpp"
#include "report/table.hpp"

#include <cmath>

namespace kmeans_lecture {

namespace {

// An 8-bit greyscale test picture, side x side: a sky gradient, a sun, two ranges of hills and
// a little texture noise, so that it has smooth areas, edges and fine detail.
dlc::Matrix<double> test_picture(std::size_t side, dlc::Rng& rng) {
    dlc::Matrix<double> img = xt::zeros<double>({side, side});
    const double s = double(side);
    for (std::size_t r = 0; r < side; ++r)
        for (std::size_t col = 0; col < side; ++col) {
            const double y = r / s, x = col / s;
            double v = 210.0 - 120.0 * y;                                     // sky, lighter at the top
            if (std::hypot(x - 0.72, y - 0.25) < 0.11) v = 250.0;             // the sun
            if (y > 0.55 + 0.08 * std::sin(9.0 * x)) v = 120.0 - 40.0 * y;   // far hills
            if (y > 0.75 + 0.05 * std::sin(15.0 * x + 1.0)) v = 60.0 + 25.0 * std::sin(40.0 * x) * (y - 0.75);  // near hills
            v += rng.normal(0.0, 4.0);                                        // texture
            img(r, col) = std::round(std::clamp(v, 0.0, 255.0));
        }
    return img;
}

}  // namespace

void vq_compression(dlc::Case& c) {
    auto& out = c.out();
    // The slide's count: N = 64k pixels of C = 8 bits, one dimension (black and white), K = 4.
    const std::uint64_t N = 64 * 1024, C = 8, K = 4;
    const dlc::VqBits slide = dlc::vq_bits(N, C, K);
    out << "The slide's example: N = 64k = " << N << " pixels, D = 1, C = 8 bits, K = 4 codes.\n"
        << "  raw: N C = " << slide.raw_bits << " bits = " << slide.raw_bits / 1024 << "k\n"
        << "  coded: N log2 K + K C = " << N << " x " << slide.bits_per_index << " + " << K << " x " << C << " = "
        << slide.coded_bits << " bits = " << dlc::fmt(slide.coded_bits / 1024.0, 5) << "k\n"
        << "  compression factor " << dlc::fmt(slide.compression_factor, 5) << "\n";
    c.set("slide_raw_bits", slide.raw_bits);
    c.set("slide_coded_bits", slide.coded_bits);
    c.set("slide_compression_factor", slide.compression_factor);
    // The slide prints "NC = 513k": 65,536 x 8 = 524,288 bits = 512k (and 64,000 x 8 = 512,000 with k = 1000).
    if (slide.raw_bits / 1024 != 513)
        c.erratum("N C for N = 64k, C = 8", "513k", std::to_string(slide.raw_bits / 1024) + "k",
                  "N C = 65,536 x 8 = 524,288 bits = 512 x 1024 (with k = 1000: 512,000); either way 512k, not 513k");
    if (std::llround(slide.coded_bits / 1024.0) == 128)
        c.agrees("the coded size N log2 K + K C for K = 4 (the slide: 128k)", std::to_string(slide.coded_bits) + " bits");
    if (std::llround(slide.compression_factor) == 4) c.agrees("the compression factor (the slide: 4)", dlc::fmt(slide.compression_factor, 4));

    // On a picture of exactly N = 64k pixels (256 x 256), quantized with K = 2, 4, 8, 16.
    const std::size_t side = 256;
    const dlc::Matrix<double> img = test_picture(side, c.rng());
    const dlc::Matrix<double> pixels = xt::reshape_view(img, {side * side, std::size_t(1)});
    dlc::Tensor3<double> panels = xt::zeros<double>({std::size_t(5), side, side});
    xt::view(panels, 0) = img;
    std::vector<std::string> captions{"original, 8 bits/pixel"};
    dlc::TextTable table({"K", "codebook (grey levels)", "bits", "compression", "RMS error"});
    nlohmann::json rows = nlohmann::json::array();
    std::size_t p = 1;
    for (std::size_t k : {2, 4, 8, 16}) {
        const auto r = dlc::kmeans(pixels, k, dlc::Init::kmeans_plus_plus, c.rng());
        const dlc::Labels codes = dlc::vq_encode(pixels, r.centres);
        const dlc::Matrix<double> decoded = dlc::vq_decode(codes, r.centres);
        const double rmse = std::sqrt(xt::mean(xt::square(decoded - pixels))());
        const dlc::VqBits bits = dlc::vq_bits(side * side, C, k);
        std::vector<double> levels(r.centres.begin(), r.centres.end());
        std::sort(levels.begin(), levels.end());
        std::string levels_str;
        for (double l : levels) levels_str += (levels_str.empty() ? "" : " ") + dlc::fmt(l, 4);
        table.row({std::to_string(k), levels_str, std::to_string(bits.coded_bits),
                   dlc::fmt(bits.compression_factor, 4) + "x", dlc::fmt(rmse, 4)});
        rows.push_back({{"K", k},
                        {"codebook", levels},
                        {"coded_bits", bits.coded_bits},
                        {"compression_factor", bits.compression_factor},
                        {"rmse", rmse}});
        xt::view(panels, p++) = xt::reshape_view(decoded, {side, side});
        captions.push_back("K = " + std::to_string(k) + ": " + dlc::fmt(bits.compression_factor, 3) + "x smaller");
    }
    out << "\nA 256 x 256 test picture (N = 65,536 pixels), codebooks learned by k-means on the grey levels:\n"
        << table.str();
    c.set("picture", {{"side", side}, {"raw_bits", side * side * C}});
    c.set("quantizations", rows);

    dlc::plot::Figure fig("vq_compression");
    fig.title("Vector quantization of a 256 x 256 picture").image_grid(panels, 5, captions, false);
    c.figure(fig, "The picture and its vector quantizations with K = 2, 4, 8, 16 grey levels");
}

}  // namespace kmeans_lecture
