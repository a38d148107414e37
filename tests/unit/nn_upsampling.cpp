// Unit tests of lib/nn's upsampling layers, HW7's decoder: ConvTranspose2d (a tiny example by hand, the
// GEMM path against the direct loops, the adjoint identity with a strided convolution, PyTorch's values
// from tests/fixtures/upsampling_reference.json, gradient checks) and Upsample (nearest and bicubic by
// hand and against PyTorch, gradient checks), plus the errors that name the bad values.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"
#include "../nn_check.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"
#include "nn/conv_transpose2d.hpp"
#include "nn/gradcheck.hpp"
#include "nn/upsample.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

BOOST_AUTO_TEST_SUITE(nn_upsampling)

namespace {

namespace tt = boost::test_tools;
using dlc::ConvTransposeOptions;
using dlc::Tensor;
using dlc::UpsampleMode;

using dlc_test::check_gradients;
using dlc_test::max_abs_diff;
using dlc_test::uniform;

double inner(const Tensor<double>& a, const Tensor<double>& b) {
    double s = 0;
    for (std::size_t i = 0; i < a.size(); ++i) s += a.data()[i] * b.data()[i];
    return s;
}

// The strided convolution whose transpose ConvTranspose2d is, written as the gather of its own definition:
// for u (N, C_out, Ho, Wo) and K (C_in, C_out, kh, kw),
//   z[n, c, i, j] = sum_{o,a,e} K[c, o, a, e] u[n, o, i s - p + a, j s - p + e]   (0 outside u),
// for i < H, j < W (the transposed layer's input size).
Tensor<double> strided_conv2d(const Tensor<double>& u, const Tensor<double>& K, const ConvTransposeOptions& opt,
                              std::size_t H, std::size_t W) {
    const std::size_t N = u.shape(0), C_in = K.shape(0), C_out = K.shape(1), kh = K.shape(2), kw = K.shape(3);
    const long Ho = static_cast<long>(u.shape(2)), Wo = static_cast<long>(u.shape(3));
    const long s = static_cast<long>(opt.stride), p = static_cast<long>(opt.padding);
    Tensor<double> z = xt::zeros<double>({N, C_in, H, W});
    for (std::size_t n = 0; n < N; ++n)
        for (std::size_t c = 0; c < C_in; ++c)
            for (std::size_t i = 0; i < H; ++i)
                for (std::size_t j = 0; j < W; ++j)
                    for (std::size_t o = 0; o < C_out; ++o)
                        for (std::size_t a = 0; a < kh; ++a)
                            for (std::size_t e = 0; e < kw; ++e) {
                                const long r = static_cast<long>(i) * s - p + static_cast<long>(a);
                                const long q = static_cast<long>(j) * s - p + static_cast<long>(e);
                                if (r < 0 || q < 0 || r >= Ho || q >= Wo) continue;
                                z(n, c, i, j) += K(c, o, a, e) * u(n, o, static_cast<std::size_t>(r),
                                                                     static_cast<std::size_t>(q));
                            }
    return z;
}

const nlohmann::json& fixture() {
    static const nlohmann::json j = [] {
        const char* dir = std::getenv("DLC_FIXTURES");
        BOOST_TEST_REQUIRE(dir != nullptr, "DLC_FIXTURES is set by CTest; run the suite with ctest");
        std::ifstream f(std::string(dir) + "/upsampling_reference.json");
        BOOST_TEST_REQUIRE(f.good(), "cannot open upsampling_reference.json in " << dir);
        return nlohmann::json::parse(f);
    }();
    return j;
}

// {"shape": [...], "data": [flat row-major values]} -> Tensor.
Tensor<double> from_json(const nlohmann::json& j) {
    Tensor<double> t = Tensor<double>::from_shape(j.at("shape").get<dlc::Shape>());
    const auto& data = j.at("data");
    BOOST_TEST_REQUIRE(data.size() == t.size());
    for (std::size_t i = 0; i < t.size(); ++i) t.data()[i] = data[i].get<double>();
    return t;
}

// One configuration of a transposed convolution for the parameterized checks.
struct ConvCase {
    std::size_t N, C_in, C_out, H, W, kh, kw;
    ConvTransposeOptions opt;
    bool bias;
};

std::string describe(const ConvCase& c) {
    return "N=" + std::to_string(c.N) + " C_in=" + std::to_string(c.C_in) + " C_out=" + std::to_string(c.C_out) +
           " " + std::to_string(c.H) + "x" + std::to_string(c.W) + " kernel " + std::to_string(c.kh) + "x" +
           std::to_string(c.kw) + " stride " + std::to_string(c.opt.stride) + " padding " +
           std::to_string(c.opt.padding) + " output_padding " + std::to_string(c.opt.output_padding) +
           (c.bias ? "" : " no bias");
}

const std::vector<ConvCase>& conv_cases() {
    static const std::vector<ConvCase> cases{
        {1, 1, 1, 2, 2, 2, 2, {2, 0, 0}, true},   // non-overlapping tiles
        {2, 2, 3, 3, 4, 3, 3, {2, 1, 1}, true},   // the issue's stride 2, padding 1, output padding 1
        {1, 3, 2, 4, 3, 4, 4, {2, 0, 1}, true},   // HW7's first transposed convolution, fewer channels
        {2, 2, 1, 5, 4, 4, 4, {1, 1, 0}, true},   // HW7's last one (stride 1, padding 1)
        {1, 2, 2, 3, 3, 3, 2, {3, 2, 2}, false},  // stride 3, rectangular kernel, no bias
        {2, 1, 2, 2, 3, 1, 1, {2, 0, 1}, true},   // 1x1 kernel: zeros between the copies
        {1, 2, 2, 3, 3, 2, 2, {1, 0, 0}, true},   // stride 1, fully overlapping
    };
    return cases;
}

}  // namespace

using dlc_test::check_throws;

// ---------------------------------------------------------------- ConvTranspose2d

BOOST_AUTO_TEST_CASE(conv_transpose_tiny_example_by_hand) {
    // 1 channel, 2x2 input, 2x2 kernel, stride 2: each pixel scatters the kernel scaled by its value into its
    // own 2x2 tile of the 4x4 output.
    const Tensor<double> K = Tensor<double>{{{{1, -1}, {2, 0.5}}}};  // (C_in, C_out, kh, kw) = (1, 1, 2, 2)
    const Tensor<double> x = Tensor<double>{{{{1, 2}, {3, 4}}}};     // (N, C, H, W) = (1, 1, 2, 2)
    dlc::ConvTranspose2d<double> layer(K, Tensor<double>{0.25}, {2, 0, 0});
    const auto& y = layer.forward(x);
    // Tiles 1 K | 2 K over 3 K | 4 K, plus the bias 0.25 everywhere.
    const double expect[4][4] = {{1, -1, 2, -2}, {2, 0.5, 4, 1}, {3, -3, 4, -4}, {6, 1.5, 8, 2}};
    BOOST_TEST_REQUIRE(dlc::shape_of(y) == "(1, 1, 4, 4)");
    for (std::size_t u = 0; u < 4; ++u)
        for (std::size_t v = 0; v < 4; ++v) BOOST_TEST(y(0, 0, u, v) == expect[u][v] + 0.25);
    BOOST_TEST(max_abs_diff(y, dlc::conv_transpose2d_direct(x, K, Tensor<double>{0.25}, {2, 0, 0})) == 0.0);
    BOOST_TEST(layer.name() == "ConvTranspose2d(1 -> 1, 2x2, stride 2, padding 0, output_padding 0)");
    BOOST_TEST(layer.parameter_count() == 5u);
}

BOOST_AUTO_TEST_CASE(conv_transpose_overlapping_copies_add_up) {
    // Stride 1: input [1, 2] with kernel [1, 1] gives 1 [1, 1, 0] + 2 [0, 1, 1] = [1, 3, 2].
    const Tensor<double> K = Tensor<double>{{{{1, 1}}}};
    dlc::ConvTranspose2d<double> layer(K, Tensor<double>::from_shape({0}));
    BOOST_TEST(!layer.has_bias());
    BOOST_TEST(layer.parameters().size() == 1u);
    const auto& y = layer.forward(Tensor<double>{{{{1, 2}}}});
    BOOST_TEST_REQUIRE(dlc::shape_of(y) == "(1, 1, 1, 3)");
    BOOST_TEST(y(0, 0, 0, 0) == 1.0);
    BOOST_TEST(y(0, 0, 0, 1) == 3.0);
    BOOST_TEST(y(0, 0, 0, 2) == 2.0);
    // Output padding 1 (stride 2) adds a row and a column at the bottom/right: [1, 2] scatters to
    // [1, 1, 2, 2], then one more column; the new row receives nothing (no bias).
    dlc::ConvTranspose2d<double> padded(K, Tensor<double>::from_shape({0}), {2, 0, 1});
    const auto& z = padded.forward(Tensor<double>{{{{1, 2}}}});
    BOOST_TEST_REQUIRE(dlc::shape_of(z) == "(1, 1, 2, 5)");  // (1 - 1) 2 + 1 + 1 rows, (2 - 1) 2 + 2 + 1 columns
    const double expect[2][5] = {{1, 1, 2, 2, 0}, {0, 0, 0, 0, 0}};
    for (std::size_t u = 0; u < 2; ++u)
        for (std::size_t v = 0; v < 5; ++v) BOOST_TEST(z(0, 0, u, v) == expect[u][v]);
    // Padding 1 crops one row/column on each side: a 3x3 kernel of ones scattered by the single pixel 2
    // keeps only its centre.
    dlc::ConvTranspose2d<double> cropped(xt::ones<double>({1, 1, 3, 3}), Tensor<double>::from_shape({0}), {1, 1, 0});
    const auto& c = cropped.forward(xt::ones<double>({1, 1, 1, 1}) * 2.0);
    BOOST_TEST_REQUIRE(dlc::shape_of(c) == "(1, 1, 1, 1)");
    BOOST_TEST(c(0, 0, 0, 0) == 2.0);
}

BOOST_AUTO_TEST_CASE(conv_transpose_output_sizes_follow_pytorch) {
    // HW7's decoder: 12 -> (12 - 1) 2 + 4 + 1 = 27 -> (27 - 1) 1 - 2 + 4 = 28.
    BOOST_TEST(dlc::conv_transpose2d_output_size(12, 4, {2, 0, 1}) == 27);
    BOOST_TEST(dlc::conv_transpose2d_output_size(27, 4, {1, 1, 0}) == 28);
    BOOST_TEST(dlc::conv_transpose2d_output_size(1, 1, {1, 1, 0}) == -1);
    dlc::Rng rng(4);
    dlc::Upsample<float> up(2, UpsampleMode::bicubic);
    dlc::ConvTranspose2d<float> t1(20, 20, 4, 4, rng, {2, 0, 1});
    dlc::ConvTranspose2d<float> t2(20, 1, 4, 4, rng, {1, 1, 0});
    Tensor<float> z = Tensor<float>::from_shape({3, 20, 6, 6});
    for (auto& v : z) v = static_cast<float>(rng.uniform(-1, 1));
    const auto& a = up.forward(z);
    BOOST_TEST(dlc::shape_of(a) == "(3, 20, 12, 12)");
    const auto& b = t1.forward(a);
    BOOST_TEST(dlc::shape_of(b) == "(3, 20, 27, 27)");
    const auto& c = t2.forward(b);
    BOOST_TEST(dlc::shape_of(c) == "(3, 1, 28, 28)");
    BOOST_TEST(t1.in_channels() == 20u);
    BOOST_TEST(t2.out_channels() == 1u);
    BOOST_TEST(t1.options().output_padding == 1u);
    BOOST_TEST(t2.options().padding == 1u);
    // The float GEMM path against the float loops, and the backward chain's shapes.
    const Tensor<float> direct = dlc::conv_transpose2d_direct(b, t2.K(), t2.b(), t2.options());
    float m = 0;
    for (std::size_t i = 0; i < c.size(); ++i) m = std::max(m, std::abs(c.data()[i] - direct.data()[i]));
    BOOST_TEST(m < 1e-4f);
    Tensor<float> g = xt::ones<float>(c.shape());
    const auto& gb = t2.backward(g);
    const auto& ga = t1.backward(gb);
    BOOST_TEST(dlc::shape_of(up.backward(ga)) == "(3, 20, 6, 6)");
}

BOOST_AUTO_TEST_CASE(conv_transpose_gemm_path_equals_the_direct_loops) {
    dlc::Rng rng(11);
    std::vector<ConvCase> cases = conv_cases();
    cases.push_back({3, 8, 6, 7, 6, 4, 4, {2, 1, 1}, true});  // large enough for BLAS
    cases.push_back({2, 5, 4, 6, 6, 5, 3, {3, 4, 2}, true});  // padding larger than the stride
    for (const auto& c : cases) {
        dlc::ConvTranspose2d<double> layer(c.C_in, c.C_out, c.kh, c.kw, rng, c.opt, dlc::WeightInit::gaussian(1.0),
                                           dlc::WeightInit::gaussian(1.0), c.bias);
        const Tensor<double> x = uniform({c.N, c.C_in, c.H, c.W}, rng);
        const Tensor<double> direct = dlc::conv_transpose2d_direct(x, layer.K(), layer.b(), c.opt);
        BOOST_TEST(max_abs_diff(layer.forward(x), direct) < 1e-12, describe(c));
        // A second call reuses the buffers and gives the same result.
        BOOST_TEST(max_abs_diff(layer.forward(x), direct) < 1e-12, describe(c));
    }
}

BOOST_AUTO_TEST_CASE(conv_transpose_is_the_adjoint_of_a_strided_convolution) {
    // With C the strided convolution u -> z = C u (same kernel, stride, padding), the transposed layer computes
    // y = C^T x: its forward is the input gradient of L(u) = <C u, x>. Checked entry by entry, the gradient
    // component for u = e_k being <C e_k, x>, and through <C u, x> = <u, C^T x> for random u.
    dlc::Rng rng(5);
    for (const auto& c : conv_cases()) {
        dlc::ConvTranspose2d<double> layer(c.C_in, c.C_out, c.kh, c.kw, rng, c.opt, dlc::WeightInit::gaussian(1.0),
                                           dlc::WeightInit::zeros(), false);
        const Tensor<double> x = uniform({c.N, c.C_in, c.H, c.W}, rng);
        const Tensor<double> y = layer.forward(x);  // C^T x
        Tensor<double> e = xt::zeros<double>(y.shape());
        double worst = 0;
        for (std::size_t k = 0; k < e.size(); ++k) {
            e.data()[k] = 1;
            const double grad_k = inner(strided_conv2d(e, layer.K(), c.opt, c.H, c.W), x);  // d<C u, x>/du_k
            worst = std::max(worst, std::abs(grad_k - y.data()[k]));
            e.data()[k] = 0;
        }
        BOOST_TEST(worst < 1e-12, describe(c) << ": forward vs the convolution's input gradient, " << worst);
        const Tensor<double> u = uniform(dlc::shape_of_tensor(y), rng);
        const double lhs = inner(strided_conv2d(u, layer.K(), c.opt, c.H, c.W), x), rhs = inner(u, y);
        BOOST_TEST(lhs == rhs, tt::tolerance(1e-12));
        // And the layer's backward (its input gradient) is that strided convolution: grad_x = C g.
        const auto& gx = layer.backward(u);
        BOOST_TEST(max_abs_diff(gx, strided_conv2d(u, layer.K(), c.opt, c.H, c.W)) < 1e-12, describe(c));
    }
}

BOOST_AUTO_TEST_CASE(conv_transpose_matches_pytorch) {
    const auto& cases = fixture().at("conv_transpose2d");
    BOOST_TEST_REQUIRE(cases.size() >= 1u);
    bool saw_issue_case = false;
    for (const auto& c : cases) {
        const std::string name = c.at("name").get<std::string>();
        const ConvTransposeOptions opt{c.at("stride").get<std::size_t>(), c.at("padding").get<std::size_t>(),
                                       c.at("output_padding").get<std::size_t>()};
        saw_issue_case |= opt.stride == 2 && opt.padding == 1 && opt.output_padding == 1;
        const Tensor<double> x = from_json(c.at("x")), K = from_json(c.at("K")), b = from_json(c.at("b"));
        const Tensor<double> expect = from_json(c.at("y"));
        dlc::ConvTranspose2d<double> layer(K, b, opt);
        BOOST_TEST(max_abs_diff(layer.forward(x), expect) < 1e-12, name);
        BOOST_TEST(max_abs_diff(dlc::conv_transpose2d_direct(x, K, b, opt), expect) < 1e-12, name);
    }
    BOOST_TEST(saw_issue_case);
}

BOOST_AUTO_TEST_CASE(conv_transpose_gradient_checks) {
    dlc::Rng rng(1);
    for (const auto& c : conv_cases()) {
        dlc::ConvTranspose2d<double> layer(c.C_in, c.C_out, c.kh, c.kw, rng, c.opt, dlc::WeightInit::gaussian(1.0),
                                           dlc::WeightInit::gaussian(1.0), c.bias);
        check_gradients(layer, uniform({c.N, c.C_in, c.H, c.W}, rng), describe(c));
    }
    // Large enough for the BLAS products; a random subset of entries.
    dlc::ConvTranspose2d<double> big(8, 6, 4, 4, rng, {2, 1, 1}, dlc::WeightInit::normal_fan_in(),
                                     dlc::WeightInit::gaussian(0.1));
    dlc::GradCheckOptions opt;
    opt.max_entries_per_tensor = 60;
    check_gradients(big, uniform({2, 8, 6, 5}, rng), big.name(), opt);
}

BOOST_AUTO_TEST_CASE(conv_transpose_backward_accumulates_and_can_skip_the_input_gradient) {
    dlc::Rng rng(2);
    dlc::ConvTranspose2d<double> layer(2, 3, 3, 3, rng, {2, 1, 1}, dlc::WeightInit::gaussian(1.0),
                                       dlc::WeightInit::gaussian(1.0));
    const Tensor<double> x = uniform({2, 2, 3, 3}, rng);
    const Tensor<double> g = uniform({2, 3, 6, 6}, rng);
    layer.forward(x);
    layer.backward(g);
    const Tensor<double> once_K = layer.grad_K(), once_b = layer.grad_b();
    // grad_b is the sum of G over the batch and the pixels of each channel.
    for (std::size_t o = 0; o < 3; ++o) {
        double s = 0;
        for (std::size_t n = 0; n < 2; ++n)
            for (std::size_t u = 0; u < 6; ++u)
                for (std::size_t v = 0; v < 6; ++v) s += g(n, o, u, v);
        BOOST_TEST(once_b(o) == s, tt::tolerance(1e-13));
    }
    layer.set_input_grad_needed(false);
    const auto& gx = layer.backward(g);
    BOOST_TEST(gx.size() == 0u);
    BOOST_TEST(max_abs_diff(layer.grad_K(), 2.0 * once_K) < 1e-13);
    BOOST_TEST(max_abs_diff(layer.grad_b(), 2.0 * once_b) < 1e-13);
    layer.zero_grad();
    for (auto v : layer.grad_K()) BOOST_TEST(v == 0.0);
}

BOOST_AUTO_TEST_CASE(conv_transpose_errors_name_the_values) {
    dlc::Rng rng(3);
    dlc::ConvTranspose2d<double> layer(3, 2, 3, 3, rng, {2, 1, 1});
    check_throws<dlc::ShapeError>([&] { layer.forward(xt::zeros<double>({1, 4, 5, 5})); },
                                  {"ConvTranspose2d(3 -> 2", "forward", "(*, 3, *, *)", "(1, 4, 5, 5)"});
    check_throws<dlc::ShapeError>([&] { layer.forward(xt::zeros<double>({4, 5, 5})); }, {"forward", "(4, 5, 5)"});
    check_throws<dlc::ShapeError>([&] { layer.backward(xt::zeros<double>({1, 2, 6, 6})); },
                                  {"backward", "before forward"});
    layer.forward(xt::zeros<double>({1, 3, 3, 3}));
    check_throws<dlc::ShapeError>([&] { layer.backward(xt::zeros<double>({1, 2, 5, 5})); },
                                  {"backward", "(1, 2, 6, 6)", "(1, 2, 5, 5)"});
    check_throws<dlc::ValueError>([&] { dlc::ConvTranspose2d<double>(3, 2, 3, 3, rng, {2, 0, 2}); },
                                  {"ConvTranspose2d", "output_padding = 2", "stride = 2"});
    check_throws<dlc::ValueError>([&] { dlc::ConvTranspose2d<double>(3, 2, 3, 3, rng, {1, 0, 1}); },
                                  {"output_padding = 1", "stride = 1"});
    check_throws<dlc::ValueError>([&] { dlc::ConvTranspose2d<double>(3, 2, 3, 3, rng, {0, 0, 0}); },
                                  {"ConvTranspose2d", "stride = 0"});
    check_throws<dlc::ValueError>([&] { dlc::ConvTranspose2d<double>(0, 2, 3, 3, rng); },
                                  {"ConvTranspose2d", "in_channels = 0"});
    check_throws<dlc::ShapeError>(
        [&] { dlc::ConvTranspose2d<double>(xt::zeros<double>({3, 2, 3, 3}), Tensor<double>{1, 2, 3}); },
        {"ConvTranspose2d", "b must have shape (2)", "(3)"});
    // Padding that crops the whole output: (1 - 1) 1 - 2 + 1 + 0 = -1 rows.
    dlc::ConvTranspose2d<double> cropping(1, 1, 1, 1, rng, {1, 1, 0});
    check_throws<dlc::ShapeError>([&] { cropping.forward(xt::zeros<double>({1, 1, 1, 1})); },
                                  {"forward", "-1 x -1", "padding 1"});
    check_throws<dlc::ShapeError>(
        [&] { dlc::conv_transpose2d_direct<double>(xt::zeros<double>({1, 2, 2, 2}), xt::zeros<double>({3, 1, 2, 2}),
                                                   Tensor<double>::from_shape({0}), {}); },
        {"conv_transpose2d_direct", "x must have shape (*, 3, *, *)", "(1, 2, 2, 2)"});
    check_throws<dlc::ValueError>(
        [&] { dlc::conv_transpose2d_direct<double>(xt::zeros<double>({1, 1, 2, 2}), xt::zeros<double>({1, 1, 2, 2}),
                                                   Tensor<double>::from_shape({0}), {2, 0, 3}); },
        {"conv_transpose2d_direct", "output_padding = 3", "stride = 2"});
}

// ---------------------------------------------------------------- Upsample

BOOST_AUTO_TEST_CASE(nearest_copies_each_pixel_into_a_block_and_sums_it_back) {
    dlc::Upsample<double> up(2);
    BOOST_TEST(up.name() == "Upsample(x2, nearest)");
    BOOST_TEST(up.parameter_count() == 0u);
    const Tensor<double> x = Tensor<double>{{{{1, 2}, {3, 4}}}};
    const auto& y = up.forward(x);
    const double expect[4][4] = {{1, 1, 2, 2}, {1, 1, 2, 2}, {3, 3, 4, 4}, {3, 3, 4, 4}};
    BOOST_TEST_REQUIRE(dlc::shape_of(y) == "(1, 1, 4, 4)");
    for (std::size_t u = 0; u < 4; ++u)
        for (std::size_t v = 0; v < 4; ++v) BOOST_TEST(y(0, 0, u, v) == expect[u][v]);
    // grad_y = 0, 1, ..., 15 row by row: the top-left block holds 0 + 1 + 4 + 5 = 10, then 2 + 3 + 6 + 7 = 18,
    // 8 + 9 + 12 + 13 = 42, 10 + 11 + 14 + 15 = 50.
    Tensor<double> g = Tensor<double>::from_shape({1, 1, 4, 4});
    for (std::size_t i = 0; i < 16; ++i) g.data()[i] = static_cast<double>(i);
    const auto& gx = up.backward(g);
    BOOST_TEST(gx(0, 0, 0, 0) == 10.0);
    BOOST_TEST(gx(0, 0, 0, 1) == 18.0);
    BOOST_TEST(gx(0, 0, 1, 0) == 42.0);
    BOOST_TEST(gx(0, 0, 1, 1) == 50.0);
}

BOOST_AUTO_TEST_CASE(cubic_convolution_weights_by_hand) {
    // t = 0: the sample itself. t = 1/2 with a = -3/4: W(1.5) = a (27/8 - 45/4 + 12 - 4) = a / 8 = -0.09375,
    // W(0.5) = (a + 2)/8 - (a + 3)/4 + 1 = 0.15625 - 0.5625 + 1 = 0.59375.
    const auto w0 = dlc::cubic_convolution_weights(0.0);
    BOOST_TEST(w0[0] == 0.0);
    BOOST_TEST(w0[1] == 1.0);
    BOOST_TEST(w0[2] == 0.0);
    BOOST_TEST(w0[3] == 0.0);
    const auto w = dlc::cubic_convolution_weights(0.5);
    BOOST_TEST(w[0] == -0.09375);
    BOOST_TEST(w[1] == 0.59375);
    BOOST_TEST(w[2] == 0.59375);
    BOOST_TEST(w[3] == -0.09375);
    // t = 1/4: W(5/4) = a 9/64 = -27/256, W(1/4) = 225/256, W(3/4) = 67/256, W(7/4) = a 3/64 = -9/256.
    const auto q = dlc::cubic_convolution_weights(0.25);
    BOOST_TEST(q[0] == -27.0 / 256);
    BOOST_TEST(q[1] == 225.0 / 256);
    BOOST_TEST(q[2] == 67.0 / 256);
    BOOST_TEST(q[3] == -9.0 / 256);
    for (double t : {0.1, 0.25, 0.75, 0.9}) {
        const auto v = dlc::cubic_convolution_weights(t);
        BOOST_TEST(v[0] + v[1] + v[2] + v[3] == 1.0, tt::tolerance(1e-15));  // constants are reproduced
        const auto m = dlc::cubic_convolution_weights(1 - t);                 // the kernel is even
        BOOST_TEST(v[0] == m[3], tt::tolerance(1e-14));
        BOOST_TEST(v[1] == m[2], tt::tolerance(1e-14));
        // Keys' a = -1/2 also reproduces linear functions: sum_k k w_k = t (k = -1, 0, 1, 2).
        const auto k = dlc::cubic_convolution_weights(t, -0.5);
        BOOST_TEST(-k[0] + k[2] + 2 * k[3] == t, tt::tolerance(1e-14));
    }
}

BOOST_AUTO_TEST_CASE(bicubic_keeps_constants_and_interior_ramps) {
    dlc::Upsample<double> up(2, UpsampleMode::bicubic);
    BOOST_TEST(up.name() == "Upsample(x2, bicubic)");
    BOOST_TEST(up.scale() == 2u);
    BOOST_TEST((up.interpolation() == UpsampleMode::bicubic));
    // A constant image stays constant (the weights sum to 1, the clamped border repeats the value).
    const Tensor<double> c = xt::ones<double>({1, 2, 3, 5}) * 0.7;
    for (auto v : up.forward(c)) BOOST_TEST(v == 0.7, tt::tolerance(1e-14));
    // A ramp x[i, j] = j. With a = -3/4 cubic convolution does not reproduce linear functions (only a = -1/2
    // does): away from the border (columns 3..8 of 12 use no clamped tap for W = 6) output column v sits at
    // xi_v = (v + 1/2)/2 - 1/2 = i0 + t with t = 1/4 or 3/4, and reads i0 + sum_k k w_k = i0 + 19/64 (resp.
    // i0 + 45/64) instead of i0 + 16/64 (resp. 48/64): the a = -3/4 kernel overshoots, as in PyTorch.
    Tensor<double> ramp = Tensor<double>::from_shape({1, 1, 4, 6});
    for (std::size_t i = 0; i < 4; ++i)
        for (std::size_t j = 0; j < 6; ++j) ramp(0, 0, i, j) = static_cast<double>(j);
    const auto& y = up.forward(ramp);
    BOOST_TEST_REQUIRE(dlc::shape_of(y) == "(1, 1, 8, 12)");
    for (std::size_t u = 0; u < 8; ++u)
        for (std::size_t v = 3; v <= 8; ++v) {
            const double i0 = std::floor((v + 0.5) / 2 - 0.5);
            BOOST_TEST(y(0, 0, u, v) == i0 + (v % 2 == 1 ? 19.0 : 45.0) / 64, tt::tolerance(1e-14));
        }
    // Scale 1 is the identity in both modes.
    dlc::Rng rng(8);
    const Tensor<double> x = uniform({2, 1, 3, 4}, rng);
    dlc::Upsample<double> same(1, UpsampleMode::bicubic), same_nearest(1);
    BOOST_TEST(max_abs_diff(same.forward(x), x) < 1e-15);
    BOOST_TEST(max_abs_diff(same_nearest.forward(x), x) == 0.0);
}

BOOST_AUTO_TEST_CASE(upsample_matches_pytorch) {
    const auto& cases = fixture().at("upsample");
    bool saw_nearest = false, saw_bicubic = false;
    for (const auto& c : cases) {
        const std::string mode = c.at("mode").get<std::string>();
        const std::size_t scale = c.at("scale").get<std::size_t>();
        const Tensor<double> x = from_json(c.at("x")), expect = from_json(c.at("y"));
        dlc::Upsample<double> up(scale, mode == "bicubic" ? UpsampleMode::bicubic : UpsampleMode::nearest);
        saw_nearest |= mode == "nearest";
        saw_bicubic |= mode == "bicubic";
        BOOST_TEST(max_abs_diff(up.forward(x), expect) < 1e-12, up.name() << " on " << dlc::shape_of(x));
    }
    BOOST_TEST(saw_nearest);
    BOOST_TEST(saw_bicubic);
}

BOOST_AUTO_TEST_CASE(upsample_gradient_checks) {
    dlc::Rng rng(6);
    for (const auto mode : {UpsampleMode::nearest, UpsampleMode::bicubic})
        for (const std::size_t s : {2u, 3u}) {
            dlc::Upsample<double> up(s, mode);
            check_gradients(up, uniform({2, 2, 3, 4}, rng), up.name());
        }
    // Tiny images: most bicubic taps are clamped onto the border pixels and accumulate there.
    dlc::Upsample<double> tiny(2, UpsampleMode::bicubic);
    check_gradients(tiny, uniform({1, 1, 1, 2}, rng), "bicubic on 1x2");
    check_gradients(tiny, uniform({1, 3, 2, 1}, rng), "bicubic on 2x1, new size");
    // HW7's size (6x6 -> 12x12), a subset of entries.
    dlc::GradCheckOptions opt;
    opt.max_entries_per_tensor = 80;
    check_gradients(tiny, uniform({2, 3, 6, 6}, rng), "bicubic on 6x6", opt);
}

BOOST_AUTO_TEST_CASE(upsample_errors_name_the_values) {
    check_throws<dlc::ValueError>([] { dlc::Upsample<double>(0); }, {"Upsample", "scale = 0"});
    check_throws<dlc::ValueError>([] { dlc::Upsample<float>(0, UpsampleMode::bicubic); }, {"scale = 0"});
    dlc::Upsample<double> up(2, UpsampleMode::bicubic);
    check_throws<dlc::ShapeError>([&] { up.forward(xt::zeros<double>({3, 4, 4})); },
                                  {"Upsample(x2, bicubic)::forward", "(3, 4, 4)"});
    up.forward(xt::zeros<double>({1, 1, 2, 2}));
    check_throws<dlc::ShapeError>([&] { up.backward(xt::zeros<double>({1, 1, 2, 2})); },
                                  {"backward", "(1, 1, 4, 4)", "(1, 1, 2, 2)"});
}

BOOST_AUTO_TEST_SUITE_END()
