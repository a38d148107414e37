// Unit tests of lib/image/augment: a shift moves a known pixel, a rotation by 0 is the identity, a rotation by 90
// degrees is the transpose flipped upside down (numpy's rot90), the noise has the stated sd, the batch version draws
// one warp per example within the range and reproducibly, and bad arguments throw.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "image/augment.hpp"

#include <cmath>
#include <vector>

BOOST_AUTO_TEST_SUITE(image_augment)

// One bright pixel at (row 2, column 2) of a 5 x 5 image: a shift by dx = +1 (right) puts it at (2, 3); dy = -2 (up)
// at (0, 2); every other pixel stays 0 (whole-pixel shifts interpolate nothing).
BOOST_AUTO_TEST_CASE(a_shift_moves_a_known_pixel) {
    dlc::Rng rng(1);
    const std::size_t N = 5;
    std::vector<double> x(N * N, 0.0), y(N * N);
    x[2 * N + 2] = 1.0;
    dlc::augment_image(x.data(), y.data(), N, N, dlc::Warp{1.0, 0.0, 0.0}, 0.0, rng);
    for (std::size_t p = 0; p < N * N; ++p) BOOST_TEST(y[p] == (p == 2 * N + 3 ? 1.0 : 0.0));
    dlc::augment_image(x.data(), y.data(), N, N, dlc::Warp{0.0, -2.0, 0.0}, 0.0, rng);
    for (std::size_t p = 0; p < N * N; ++p) BOOST_TEST(y[p] == (p == 0 * N + 2 ? 1.0 : 0.0));
    // half a pixel right: the pixel's value is shared equally between (2, 2) and (2, 3)
    dlc::augment_image(x.data(), y.data(), N, N, dlc::Warp{0.5, 0.0, 0.0}, 0.0, rng);
    BOOST_TEST(y[2 * N + 2] == 0.5);
    BOOST_TEST(y[2 * N + 3] == 0.5);
}

BOOST_AUTO_TEST_CASE(rotation_by_zero_is_the_identity) {
    dlc::Rng rng(2);
    const std::size_t H = 7, W = 6;
    std::vector<float> x(H * W), y(H * W);
    for (auto& v : x) v = float(rng.uniform());
    dlc::augment_image(x.data(), y.data(), H, W, dlc::Warp{0.0, 0.0, 0.0}, 0.0, rng);
    BOOST_TEST(y == x);
    // the batch version with empty ranges: every example unchanged
    dlc::Tensor<float> X = dlc::Tensor<float>::from_shape({3, H * W}), out;
    for (auto& v : X) v = float(rng.uniform());
    dlc::augment_images(X, H, W, dlc::TransformRange{0.0, 0.0, 0.0}, rng, out);
    BOOST_TEST((out == X));
}

// On a square N x N image, output pixel (i, j) of a rotation by +90 degrees (counter-clockwise on screen) reads input
// (j, N - 1 - i): the transpose flipped upside down, numpy's rot90. -90 degrees reads (N - 1 - j, i).
BOOST_AUTO_TEST_CASE(rotation_by_90_degrees_is_a_transpose_flip) {
    dlc::Rng rng(3);
    for (std::size_t N : {4, 5, 8}) {
        std::vector<double> x(N * N), y(N * N), z(N * N);
        for (auto& v : x) v = rng.normal();
        dlc::augment_image(x.data(), y.data(), N, N, dlc::Warp{0.0, 0.0, 90.0}, 0.0, rng);
        dlc::augment_image(x.data(), z.data(), N, N, dlc::Warp{0.0, 0.0, -90.0}, 0.0, rng);
        for (std::size_t i = 0; i < N; ++i)
            for (std::size_t j = 0; j < N; ++j) {
                BOOST_TEST(std::abs(y[i * N + j] - x[j * N + (N - 1 - i)]) < 1e-12);
                BOOST_TEST(std::abs(z[i * N + j] - x[(N - 1 - j) * N + i]) < 1e-12);
            }
    }
}

// Noise N(0, 0.3^2) on a black 200 x 200 image: the sample mean is within 4 standard errors (0.3 / 200) of 0 and the
// sample sd within 4 standard errors (about 0.3 / sqrt(2 * 40 000) = 0.00106) of 0.3.
BOOST_AUTO_TEST_CASE(noise_has_the_stated_sd) {
    dlc::Rng rng(4);
    const std::size_t N = 200;
    const double sd = 0.3;
    std::vector<double> x(N * N, 0.0), y(N * N);
    dlc::augment_image(x.data(), y.data(), N, N, dlc::Warp{}, sd, rng);
    double sum = 0, sum2 = 0;
    for (double v : y) sum += v;
    const double mean = sum / double(N * N);
    for (double v : y) sum2 += (v - mean) * (v - mean);
    const double sample_sd = std::sqrt(sum2 / double(N * N - 1));
    BOOST_TEST(std::abs(mean) < 4 * sd / double(N));
    BOOST_TEST(std::abs(sample_sd - sd) < 4 * sd / std::sqrt(2.0 * double(N * N)));
}

// A batch of (n, 1, H, W) images: one warp per example, inside the range; the same seed gives the same batch; the
// examples differ from the originals; a reused output keeps its memory.
BOOST_AUTO_TEST_CASE(a_batch_draws_one_warp_per_example_within_the_range) {
    const std::size_t n = 20, H = 6, W = 6;
    dlc::Tensor<double> X = dlc::Tensor<double>::from_shape({n, 1, H, W});
    dlc::Rng data(5);
    for (auto& v : X) v = data.uniform();
    const dlc::TransformRange range{2.0, 10.0, 0.1};
    dlc::Rng a(6), b(6);
    dlc::Tensor<double> out1, out2;
    std::vector<dlc::Warp> warps;
    dlc::augment_images(X, H, W, range, a, out1, &warps);
    dlc::augment_images(X, H, W, range, b, out2);
    BOOST_TEST((out1 == out2));
    BOOST_TEST(warps.size() == n);
    BOOST_TEST((out1.shape() == X.shape()));
    for (const auto& w : warps) {
        BOOST_TEST(std::abs(w.dx) <= 2.0);
        BOOST_TEST(std::abs(w.dy) <= 2.0);
        BOOST_TEST(std::abs(w.degrees) <= 10.0);
    }
    for (std::size_t i = 0; i < n; ++i) {
        double diff = 0;
        for (std::size_t p = 0; p < H * W; ++p) diff += std::abs(out1.data()[i * H * W + p] - X.data()[i * H * W + p]);
        BOOST_TEST(diff > 0.0);
    }
    // example 0 is augment_image with the first warp and the generator state after drawing it
    dlc::Rng c(6);
    std::vector<double> y(H * W);
    const dlc::Warp w0 = dlc::random_warp(range, c);
    dlc::augment_image(X.data(), y.data(), H, W, w0, range.noise_sd, c);
    for (std::size_t p = 0; p < H * W; ++p) BOOST_TEST(y[p] == out1.data()[p]);
    const double* memory = out1.data();
    dlc::augment_images(X, H, W, range, a, out1);
    BOOST_TEST(out1.data() == memory);
}

BOOST_AUTO_TEST_CASE(bad_arguments_throw) {
    using dlc_test::check_throws;
    dlc::Rng rng(7);
    dlc::Tensor<float> X = dlc::Tensor<float>::from_shape({2, 16}), out;
    X.fill(0.5f);
    check_throws<dlc::ValueError>([&] { dlc::augment_images(X, 4, 4, dlc::TransformRange{-1.0, 10.0, 0.1}, rng, out); },
                                  {"augment_images", "shift", "finite and >= 0"});
    check_throws<dlc::ValueError>([&] { dlc::augment_images(X, 4, 4, dlc::TransformRange{2.0, std::nan(""), 0.1}, rng, out); },
                                  {"augment_images", "degrees"});
    check_throws<dlc::ValueError>([&] { dlc::augment_images(X, 4, 4, dlc::TransformRange{2.0, 10.0, -0.1}, rng, out); },
                                  {"augment_images", "noise"});
    check_throws<dlc::ShapeError>([&] { dlc::augment_images(X, 5, 4, dlc::TransformRange{}, rng, out); },
                                  {"augment_images", "5 x 4", "(2, 16)"});
    dlc::Tensor<float> flat = dlc::Tensor<float>::from_shape({16});
    check_throws<dlc::ShapeError>([&] { dlc::augment_images(flat, 4, 4, dlc::TransformRange{}, rng, out); },
                                  {"augment_images", "(16)"});
    check_throws<dlc::ValueError>([&] { dlc::augment_images(X, 0, 4, dlc::TransformRange{}, rng, out); },
                                  {"augment_images", "at least one pixel"});
    check_throws<dlc::ValueError>([&] { dlc::augment_images(X, 4, 4, dlc::TransformRange{}, rng, X); },
                                  {"augment_images", "another tensor"});
    std::vector<float> src(16, 0.0f), dst(16);
    check_throws<dlc::ValueError>([&] { dlc::augment_image(src.data(), dst.data(), 4, 4, dlc::Warp{}, -1.0, rng); },
                                  {"augment_image", "noise sd"});
    check_throws<dlc::ValueError>([&] { dlc::augment_image(src.data(), dst.data(), 4, 0, dlc::Warp{}, 0.1, rng); },
                                  {"augment_image", "4 x 0"});
}

BOOST_AUTO_TEST_SUITE_END()
