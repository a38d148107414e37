// Unit tests of lib/nn's convolution: conv_output_size, conv2d_direct on a hand-computed example,
// Conv2d's two algorithms (im2col + GEMM against the sliding-window definition, float and double),
// gradient checks (relative error < 1e-6 in double) over strides, paddings, channel counts and
// non-square kernels, the 1x1 kernel, PyTorch reference values (tests/fixtures/conv_reference.json),
// the image-processing convolve2d / correlate2d, Flatten / Unflatten, buffer reuse and shape errors.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"
#include "../nn_check.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"
#include "core/tensor.hpp"
#include "nn/conv2d.hpp"
#include "nn/flatten.hpp"
#include "nn/gradcheck.hpp"
#include "nn/image_convolution.hpp"
#include "nn/im2col.hpp"
#include "nn/linear.hpp"
#include "nn/pooling.hpp"
#include "nn/sequential.hpp"
#include "nn/sigmoid.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

BOOST_AUTO_TEST_SUITE(nn_conv)

namespace {

namespace tt = boost::test_tools;
using dlc::Tensor;
using dlc_test::check_throws;
using dlc_test::throws_with;

using dlc_test::check_gradients;
using dlc_test::max_abs_diff;
using dlc_test::uniform;

template <class T>
double max_abs(const Tensor<T>& a) {
    double m = 0;
    for (auto v : a) m = std::max(m, std::abs(static_cast<double>(v)));
    return m;
}

// One layer configuration of the tests: (N, C, H, W) input, F kernels kh x kw, stride, padding.
struct Config {
    std::size_t N, C, H, W, F, kh, kw, stride, padding;
    bool bias;
    std::string str() const {
        return "N=" + std::to_string(N) + " C=" + std::to_string(C) + " " + std::to_string(H) + "x" + std::to_string(W) +
               " F=" + std::to_string(F) + " k=" + std::to_string(kh) + "x" + std::to_string(kw) + " s=" +
               std::to_string(stride) + " p=" + std::to_string(padding) + (bias ? "" : " no bias");
    }
};

const std::vector<Config> configs = {
    {1, 1, 5, 5, 1, 3, 3, 1, 0, true},   // the textbook case
    {2, 2, 6, 7, 3, 3, 2, 2, 1, true},   // non-square kernel, stride 2, padding 1
    {2, 3, 4, 5, 2, 1, 3, 1, 2, true},   // padding larger than half the kernel
    {1, 2, 7, 8, 2, 2, 2, 3, 0, false},  // stride 3 (rows/columns left over), no bias
    {3, 1, 6, 6, 4, 5, 5, 1, 2, true},   // LeNet-5's first layer in miniature: 5x5, padding 2
    {1, 2, 3, 3, 2, 3, 3, 2, 1, true},   // padding makes the kernel fit twice
    {2, 4, 5, 4, 3, 2, 4, 1, 0, true},   // kernel as wide as the input
};

// A random problem in configuration c: input x (N, C, H, W), kernels K (F, C, kh, kw) and biases b (F; empty
// without bias), entries uniform in [-1, 1], drawn in that order.
template <class T>
struct ConvProblem {
    Tensor<T> x, K, b;
    dlc::ConvOptions opt;
};

template <class T>
ConvProblem<T> random_problem(const Config& c, dlc::Rng& rng) {
    ConvProblem<T> p;
    p.x = uniform<T>({c.N, c.C, c.H, c.W}, rng);
    p.K = uniform<T>({c.F, c.C, c.kh, c.kw}, rng);
    p.b = c.bias ? uniform<T>({c.F}, rng) : Tensor<T>::from_shape({0});
    p.opt = {c.stride, c.padding};
    return p;
}

Tensor<double> from_json(const nlohmann::json& j) {
    dlc::Shape shape = j.at("shape").get<dlc::Shape>();
    Tensor<double> t = Tensor<double>::from_shape(shape);
    const auto& d = j.at("data");
    BOOST_TEST_REQUIRE(d.size() == t.size());
    for (std::size_t i = 0; i < t.size(); ++i) t.data()[i] = d[i].get<double>();
    return t;
}

const nlohmann::json& fixture() {
    static const nlohmann::json j = [] {
        const char* dir = std::getenv("DLC_FIXTURES");
        BOOST_TEST_REQUIRE(dir != nullptr, "DLC_FIXTURES is set by CTest; run the suite with ctest");
        std::ifstream f(std::string(dir) + "/conv_reference.json");
        BOOST_TEST_REQUIRE(f.good(), "cannot open conv_reference.json in " << dir);
        return nlohmann::json::parse(f);
    }();
    return j;
}

}  // namespace

// ---------------------------------------------------------------- geometry and the definition

BOOST_AUTO_TEST_CASE(output_size_is_in_plus_2_padding_minus_kernel_over_stride_plus_1) {
    BOOST_TEST(dlc::conv_output_size(28, 5, 1, 2) == 28u);  // LeNet-5 conv1: "same" size
    BOOST_TEST(dlc::conv_output_size(14, 5, 1, 0) == 10u);  // LeNet-5 conv2
    BOOST_TEST(dlc::conv_output_size(7, 3, 2, 1) == 4u);    // (7 + 2 - 3) / 2 + 1
    BOOST_TEST(dlc::conv_output_size(8, 2, 3, 0) == 3u);    // floor(6 / 3) + 1
    BOOST_TEST(dlc::conv_output_size(3, 5, 1, 1) == 1u);    // kernel = padded input
    check_throws<dlc::ShapeError>([] { dlc::conv_output_size(3, 6, 1, 1); }, {"conv_output_size", "6", "5"});
    check_throws<dlc::ValueError>([] { dlc::conv_output_size(3, 2, 0, 0); }, {"conv_output_size", "stride"});
}

BOOST_AUTO_TEST_CASE(direct_convolution_matches_a_hand_computed_example) {
    // x = [[1 2 3], [4 5 6], [7 8 9]], K = [[1 2], [3 4]], b = 0.5.
    const Tensor<double> x = xt::reshape_view(xt::arange<double>(1, 10), {1, 1, 3, 3});
    const Tensor<double> K = xt::reshape_view(xt::arange<double>(1, 5), {1, 1, 2, 2});
    const Tensor<double> b{0.5};
    // Stride 1, no padding: y_ij = x_ij + 2 x_i,j+1 + 3 x_i+1,j + 4 x_i+1,j+1 + 0.5
    const Tensor<double> y = dlc::conv2d_direct(x, K, b);
    BOOST_TEST(dlc::shape_of(y) == "(1, 1, 2, 2)");
    BOOST_TEST(y(0, 0, 0, 0) == 37.5);  // 1 + 4 + 12 + 20
    BOOST_TEST(y(0, 0, 0, 1) == 47.5);  // 2 + 6 + 15 + 24
    BOOST_TEST(y(0, 0, 1, 0) == 67.5);  // 4 + 10 + 21 + 32
    BOOST_TEST(y(0, 0, 1, 1) == 77.5);  // 5 + 12 + 24 + 36
    // Stride 2, padding 1: Ho = (3 + 2 - 2) / 2 + 1 = 2; windows start at -1 and 1.
    const Tensor<double> z = dlc::conv2d_direct(x, K, Tensor<double>::from_shape({0}), {2, 1});
    BOOST_TEST(dlc::shape_of(z) == "(1, 1, 2, 2)");
    BOOST_TEST(z(0, 0, 0, 0) == 4.0);   // only x_00 K_11 = 1 * 4 is inside
    BOOST_TEST(z(0, 0, 0, 1) == 18.0);  // x_01 K_10 + x_02 K_11 = 2 * 3 + 3 * 4
    BOOST_TEST(z(0, 0, 1, 0) == 36.0);  // x_10 K_01 + x_20 K_11 = 4 * 2 + 7 * 4
    BOOST_TEST(z(0, 0, 1, 1) == 77.0);  // the full window at (1, 1)
}

BOOST_AUTO_TEST_CASE(direct_convolution_sums_over_channels) {
    // Two channels, two kernels: channel 1 is all ones, kernel 1 reads channel 0 only, kernel 2
    // sums channel 1 (a 2x2 box): y_1 = 4 everywhere, y_0 is the hand example above.
    Tensor<double> x = Tensor<double>::from_shape({1, 2, 3, 3});
    for (std::size_t i = 0; i < 9; ++i) {
        x.data()[i] = static_cast<double>(i + 1);
        x.data()[9 + i] = 1.0;
    }
    Tensor<double> K = xt::zeros<double>({2, 2, 2, 2});
    K(0, 0, 0, 0) = 1, K(0, 0, 0, 1) = 2, K(0, 0, 1, 0) = 3, K(0, 0, 1, 1) = 4;
    K(1, 1, 0, 0) = K(1, 1, 0, 1) = K(1, 1, 1, 0) = K(1, 1, 1, 1) = 1;
    const Tensor<double> y = dlc::conv2d_direct(x, K, Tensor<double>{0.0, -1.0});
    BOOST_TEST(y(0, 0, 1, 1) == 77.0);
    for (std::size_t i = 0; i < 2; ++i)
        for (std::size_t j = 0; j < 2; ++j) BOOST_TEST(y(0, 1, i, j) == 3.0);
}

BOOST_AUTO_TEST_CASE(im2col_lays_out_receptive_fields_as_columns) {
    // 1 channel 3x3, 2x2 kernel, stride 1, padding 0: 4 rows (p, q), 4 columns (i, j).
    const Tensor<double> x = xt::arange<double>(1, 10);
    const auto g = dlc::ConvGeometry::make(1, 3, 3, 2, 2, {});
    std::vector<double> cols(4 * 4, -1.0);
    dlc::im2col(x.data(), g, cols.data(), 4);
    const std::vector<double> expect = {1, 2, 4, 5,   // (p, q) = (0, 0)
                                        2, 3, 5, 6,   // (0, 1)
                                        4, 5, 7, 8,   // (1, 0)
                                        5, 6, 8, 9};  // (1, 1)
    BOOST_TEST(cols == expect, tt::per_element());
    // col2im adds each entry back: the centre pixel 5 is in all four windows.
    std::vector<double> back(9, 0.0), ones(16, 1.0);
    dlc::col2im(ones.data(), g, back.data(), 4);
    const std::vector<double> counts = {1, 2, 1, 2, 4, 2, 1, 2, 1};
    BOOST_TEST(back == counts, tt::per_element());
}

// ---------------------------------------------------------------- Conv2d

BOOST_AUTO_TEST_CASE(conv2d_name_shapes_and_parameters) {
    dlc::Rng rng(1);
    dlc::Conv2d<float> conv1(1, 6, 5, 5, rng, {1, 2});
    BOOST_TEST(conv1.name() == "Conv2d(1 -> 6, 5x5, stride 1, padding 2)");
    BOOST_TEST(conv1.parameter_count() == 6u * 25u + 6u);
    BOOST_TEST(conv1.parameters().size() == 2u);
    BOOST_TEST(conv1.parameters()[0].name == "K");
    BOOST_TEST(conv1.parameters()[1].name == "b");
    BOOST_TEST(conv1.parameters()[1].is_bias);
    BOOST_TEST(conv1.in_channels() == 1u);
    BOOST_TEST(conv1.out_channels() == 6u);
    BOOST_TEST(conv1.kernel_h() == 5u);
    BOOST_TEST(conv1.kernel_w() == 5u);
    BOOST_TEST(conv1.options().padding == 2u);
    BOOST_TEST((conv1.algorithm() == dlc::ConvAlgorithm::im2col_gemm));
    const auto& y = conv1.forward(Tensor<float>::from_shape({4, 1, 28, 28}));
    BOOST_TEST(dlc::shape_of(y) == "(4, 6, 28, 28)");
    dlc::Conv2d<float> conv2(6, 16, 5, 5, rng, {}, dlc::WeightInit::kaiming(), dlc::WeightInit::zeros(), false);
    BOOST_TEST(conv2.parameters().size() == 1u);
    BOOST_TEST(dlc::shape_of(conv2.forward(Tensor<float>::from_shape({4, 6, 14, 14}))) == "(4, 16, 10, 10)");
    // Kaiming with fan_in = C kh kw = 150: standard deviation sqrt(2 / 150).
    double ss = 0;
    for (auto v : conv2.K()) ss += double(v) * v;
    BOOST_TEST(std::sqrt(ss / conv2.K().size()) == std::sqrt(2.0 / 150), tt::tolerance(0.1));
}

BOOST_AUTO_TEST_CASE(conv2d_forward_is_the_definition) {
    dlc::Rng rng(2);
    for (const Config& c : configs) {
        const auto p = random_problem<double>(c, rng);
        dlc::Conv2d<double> layer(p.K, p.b, p.opt);
        const Tensor<double> expect = dlc::conv2d_direct(p.x, p.K, p.b, p.opt);
        BOOST_TEST(max_abs_diff(layer.forward(p.x), expect) < 1e-14, c.str());
    }
}

// The largest disagreement between the im2col + GEMM and the direct algorithm over `configs`, in y, grad_x,
// grad_K and grad_b, each relative to 1 + the direct result's largest entry.
template <class T>
double algorithms_disagreement() {
    dlc::Rng rng(3);
    double worst = 0;
    const auto relative = [](const Tensor<T>& fast, const Tensor<T>& direct) {
        return max_abs_diff(fast, direct) / (1 + max_abs(direct));
    };
    for (const Config& c : configs) {
        const auto p = random_problem<T>(c, rng);
        dlc::Conv2d<T> fast(p.K, p.b, p.opt), direct(p.K, p.b, p.opt);
        direct.set_algorithm(dlc::ConvAlgorithm::direct);
        double e = relative(fast.forward(p.x), direct.forward(p.x));
        const Tensor<T> delta = uniform<T>(dlc::shape_of_tensor(fast.output()), rng);
        e = std::max(e, relative(fast.backward(delta), direct.backward(delta)));
        e = std::max(e, relative(fast.grad_K(), direct.grad_K()));
        if (c.bias) e = std::max(e, relative(fast.grad_b(), direct.grad_b()));
        BOOST_TEST_MESSAGE(c.str() << ": largest relative difference " << e);
        worst = std::max(worst, e);
    }
    return worst;
}

BOOST_AUTO_TEST_CASE(im2col_gemm_equals_direct_in_double) { BOOST_TEST(algorithms_disagreement<double>() <= 1e-13); }

BOOST_AUTO_TEST_CASE(im2col_gemm_equals_direct_in_float) { BOOST_TEST(algorithms_disagreement<float>() <= 1e-5); }

BOOST_AUTO_TEST_CASE(set_algorithm_selects_the_direct_path) {
    dlc::Rng rng(3);
    dlc::Conv2d<double> layer(1, 1, 2, 2, rng);
    BOOST_TEST((layer.algorithm() == dlc::ConvAlgorithm::im2col_gemm));
    layer.set_algorithm(dlc::ConvAlgorithm::direct);
    BOOST_TEST((layer.algorithm() == dlc::ConvAlgorithm::direct));
}

BOOST_AUTO_TEST_CASE(im2col_gemm_equals_direct_on_lenet_sizes) {
    // Large enough for the BLAS path of dlc::gemm, as in training.
    dlc::Rng rng(4);
    for (auto [C, H, F, pad] : std::vector<std::array<std::size_t, 4>>{{1, 28, 6, 2}, {6, 14, 16, 0}}) {
        const Tensor<float> x = uniform<float>({3, C, H, H}, rng);
        dlc::Conv2d<float> fast(C, F, 5, 5, rng, {1, pad}, dlc::WeightInit::kaiming(), dlc::WeightInit::gaussian(0.1));
        dlc::Conv2d<float> direct(Tensor<float>(fast.K()), Tensor<float>(fast.b()), {1, pad});
        direct.set_algorithm(dlc::ConvAlgorithm::direct);
        const Tensor<float>& y1 = fast.forward(x);
        BOOST_TEST(max_abs_diff(y1, direct.forward(x)) < 1e-5);
        const Tensor<float> delta = uniform<float>(dlc::shape_of_tensor(y1), rng);
        BOOST_TEST(max_abs_diff(fast.backward(delta), direct.backward(delta)) < 1e-5);
        BOOST_TEST(max_abs_diff(fast.grad_K(), direct.grad_K()) < 1e-3);  // sums of 3 x 784 products
        BOOST_TEST(max_abs_diff(fast.grad_b(), direct.grad_b()) < 1e-3);
    }
}

BOOST_AUTO_TEST_CASE(conv2d_gradient_checks_both_algorithms) {
    dlc::Rng rng(5);
    for (auto algorithm : {dlc::ConvAlgorithm::im2col_gemm, dlc::ConvAlgorithm::direct}) {
        for (const Config& c : configs) {
            dlc::Conv2d<double> layer(c.C, c.F, c.kh, c.kw, rng, {c.stride, c.padding}, dlc::WeightInit::gaussian(1.0),
                                      dlc::WeightInit::gaussian(1.0), c.bias);
            layer.set_algorithm(algorithm);
            const std::string what =
                std::string(algorithm == dlc::ConvAlgorithm::direct ? "direct " : "im2col ") + c.str();
            const auto r = dlc::gradcheck(layer, uniform<double>({c.N, c.C, c.H, c.W}, rng));
            BOOST_TEST(r.entries > 0u, what);
            BOOST_TEST(r.max_relative_error < dlc_test::gradcheck_tolerance, what << ": " << r.str());
        }
    }
}

BOOST_AUTO_TEST_CASE(one_by_one_kernel_scales_the_input_and_adds_the_bias) {
    // K = 2.5 (one 1x1 kernel), b = -1: y = 2.5 x - 1 pixel by pixel; grad_x = 2.5 delta.
    dlc::Rng rng(6);
    for (auto algorithm : {dlc::ConvAlgorithm::im2col_gemm, dlc::ConvAlgorithm::direct}) {
        dlc::Conv2d<double> layer(Tensor<double>::from_shape({1, 1, 1, 1}) * 0.0 + 2.5, Tensor<double>{-1.0});
        layer.set_algorithm(algorithm);
        const Tensor<double> x = uniform<double>({2, 1, 4, 3}, rng);
        const Tensor<double>& y = layer.forward(x);
        BOOST_TEST(dlc::shape_of(y) == "(2, 1, 4, 3)");
        for (std::size_t i = 0; i < x.size(); ++i) BOOST_TEST(y.data()[i] == 2.5 * x.data()[i] - 1.0, tt::tolerance(1e-15));
        const Tensor<double> delta = uniform<double>({2, 1, 4, 3}, rng);
        const Tensor<double>& gx = layer.backward(delta);
        for (std::size_t i = 0; i < x.size(); ++i) BOOST_TEST(gx.data()[i] == 2.5 * delta.data()[i], tt::tolerance(1e-15));
    }
    // Several channels: a 1x1 convolution mixes channels pixel by pixel, y_f = sum_c K_fc x_c + b_f.
    Tensor<double> K = Tensor<double>::from_shape({2, 2, 1, 1});  // K_00 = 1, K_01 = 2, K_10 = 0, K_11 = -1
    K(0, 0, 0, 0) = 1.0, K(0, 1, 0, 0) = 2.0, K(1, 0, 0, 0) = 0.0, K(1, 1, 0, 0) = -1.0;
    dlc::Conv2d<double> mix(K, Tensor<double>{0.5, 0.0});
    const Tensor<double> x = uniform<double>({1, 2, 3, 3}, rng);
    const Tensor<double>& y = mix.forward(x);
    for (std::size_t u = 0; u < 3; ++u)
        for (std::size_t v = 0; v < 3; ++v) {
            BOOST_TEST(y(0, 0, u, v) == x(0, 0, u, v) + 2 * x(0, 1, u, v) + 0.5, tt::tolerance(1e-14));
            BOOST_TEST(y(0, 1, u, v) == -x(0, 1, u, v), tt::tolerance(1e-14));
        }
}

BOOST_AUTO_TEST_CASE(conv2d_matches_pytorch) {
    for (const auto& c : fixture().at("cases")) {
        const std::string what = c.at("name").get<std::string>();
        const dlc::ConvOptions opt{c.at("stride").get<std::size_t>(), c.at("padding").get<std::size_t>()};
        const Tensor<double> x = from_json(c.at("x")), delta = from_json(c.at("delta"));
        for (auto algorithm : {dlc::ConvAlgorithm::im2col_gemm, dlc::ConvAlgorithm::direct}) {
            dlc::Conv2d<double> layer(from_json(c.at("K")), from_json(c.at("b")), opt);
            layer.set_algorithm(algorithm);
            BOOST_TEST(max_abs_diff(layer.forward(x), from_json(c.at("y"))) < 1e-12, what);
            BOOST_TEST(max_abs_diff(layer.backward(delta), from_json(c.at("grad_x"))) < 1e-12, what);
            BOOST_TEST(max_abs_diff(layer.grad_K(), from_json(c.at("grad_K"))) < 1e-12, what);
            BOOST_TEST(max_abs_diff(layer.grad_b(), from_json(c.at("grad_b"))) < 1e-12, what);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_small_cnn_passes_the_gradient_check) {
    // LeNet in miniature: conv 3@3x3 padding 1, tanh, max-pool 2, conv 2@2x2, flatten, linear -> 3.
    dlc::Rng rng(12);
    dlc::Sequential<double> net;
    net.add<dlc::Conv2d<double>>(2, 3, 3, 3, rng, dlc::ConvOptions{1, 1}, dlc::WeightInit::gaussian(0.5),
                                 dlc::WeightInit::gaussian(0.5));
    net.add<dlc::Tanh<double>>();
    net.add<dlc::MaxPool2d<double>>(2);
    net.add<dlc::Conv2d<double>>(3, 2, 2, 2, rng, dlc::ConvOptions{}, dlc::WeightInit::gaussian(0.5),
                                 dlc::WeightInit::gaussian(0.5));
    net.add<dlc::Flatten<double>>();
    net.add<dlc::Linear<double>>(2 * 2 * 2, 3, rng, dlc::WeightInit::gaussian(0.5), dlc::WeightInit::gaussian(0.5));
    const Tensor<double> x = uniform<double>({2, 2, 6, 6}, rng);
    BOOST_TEST(dlc::shape_of(net.forward(x)) == "(2, 3)");
    check_gradients(net, x, "small CNN");
}

BOOST_AUTO_TEST_CASE(conv2d_gradients_accumulate_and_first_layer_skips_grad_x) {
    dlc::Rng rng(7);
    dlc::Conv2d<double> layer(2, 3, 3, 3, rng, {1, 1});
    const Tensor<double> x = uniform<double>({2, 2, 5, 5}, rng);
    const Tensor<double> delta = uniform<double>({2, 3, 5, 5}, rng);
    layer.forward(x);
    layer.backward(delta);
    const Tensor<double> once = layer.grad_K();
    const Tensor<double> once_b = layer.grad_b();
    layer.set_input_grad_needed(false);
    layer.forward(x);
    const auto& gx = layer.backward(delta);
    BOOST_TEST(gx.size() == 0u);
    for (std::size_t i = 0; i < once.size(); ++i)
        BOOST_TEST(layer.grad_K().data()[i] == 2 * once.data()[i], tt::tolerance(1e-13));
    for (std::size_t i = 0; i < once_b.size(); ++i)
        BOOST_TEST(layer.grad_b().data()[i] == 2 * once_b.data()[i], tt::tolerance(1e-13));
    layer.zero_grad();
    BOOST_TEST(max_abs(layer.grad_K()) == 0.0);
}

BOOST_AUTO_TEST_CASE(conv2d_buffers_are_reused_across_steps) {
    dlc::Rng rng(8);
    dlc::Conv2d<float> layer(3, 4, 3, 3, rng, {1, 1});
    const Tensor<float> x = uniform<float>({8, 3, 12, 12}, rng);
    const Tensor<float> delta = uniform<float>({8, 4, 12, 12}, rng);
    const float* y1 = layer.forward(x).data();
    const float* g1 = layer.backward(delta).data();
    for (int step = 0; step < 3; ++step) {
        BOOST_TEST(layer.forward(x).data() == y1);
        BOOST_TEST(layer.backward(delta).data() == g1);
    }
}

BOOST_AUTO_TEST_CASE(conv2d_shape_errors_name_the_layer_and_shapes) {
    dlc::Rng rng(9);
    dlc::Conv2d<double> layer(3, 2, 3, 3, rng);
    BOOST_TEST((throws_with<dlc::ShapeError>([&] { layer.forward(Tensor<double>::from_shape({2, 1, 5, 5})); },
                                  {"Conv2d(3 -> 2, 3x3, stride 1, padding 0)::forward", "(*, 3, *, *)", "(2, 1, 5, 5)"})));
    BOOST_TEST((throws_with<dlc::ShapeError>([&] { layer.forward(Tensor<double>::from_shape({3, 5, 5})); },
                                  {"Conv2d(3 -> 2", "(3, 5, 5)"})));
    BOOST_TEST((throws_with<dlc::ShapeError>([&] { layer.forward(Tensor<double>::from_shape({1, 3, 2, 5})); },
                                  {"Conv2d(3 -> 2, 3x3", "kernel 3x3", "larger than the padded input 2x5", "(1, 3, 2, 5)"})));
    dlc::Conv2d<double> padded(1, 1, 5, 5, rng, {1, 1});
    padded.forward(Tensor<double>::from_shape({1, 1, 3, 3}));  // 3 + 2 = 5: fits exactly
    BOOST_TEST((throws_with<dlc::ShapeError>([&] { padded.forward(Tensor<double>::from_shape({1, 1, 2, 3})); },
                                  {"padding 1)::forward", "4x5", "(1, 1, 2, 3)"})));
    BOOST_TEST((throws_with<dlc::ShapeError>([&] { layer.backward(Tensor<double>::from_shape({1, 2, 3, 3})); },
                                  {"Conv2d(3 -> 2", "backward", "before forward"})));
    layer.forward(Tensor<double>::from_shape({2, 3, 5, 5}));
    BOOST_TEST((throws_with<dlc::ShapeError>([&] { layer.backward(Tensor<double>::from_shape({2, 2, 5, 5})); },
                                  {"Conv2d(3 -> 2, 3x3, stride 1, padding 0)::backward", "(2, 2, 3, 3)", "(2, 2, 5, 5)"})));
    BOOST_TEST((throws_with<dlc::ShapeError>([&] { dlc::Conv2d<double>(Tensor<double>::from_shape({2, 3, 3}), Tensor<double>::from_shape({0})); },
                                  {"Conv2d", "(F, C, kh, kw)", "(2, 3, 3)"})));
    BOOST_TEST((throws_with<dlc::ShapeError>(
        [&] { dlc::Conv2d<double>(Tensor<double>::from_shape({2, 1, 3, 3}), Tensor<double>{1, 2, 3}); },
        {"Conv2d", "(2)", "(3)"})));
    BOOST_TEST((throws_with<dlc::ValueError>([&] { dlc::Conv2d<double>(0, 2, 3, 3, rng); }, {"Conv2d", "in_channels = 0"})));
    BOOST_TEST((throws_with<dlc::ValueError>([&] { dlc::Conv2d<double>(1, 2, 3, 3, rng, {0, 0}); }, {"Conv2d", "stride"})));
    BOOST_TEST((throws_with<dlc::ShapeError>(
        [&] { dlc::conv2d_direct(Tensor<double>::from_shape({1, 2, 4, 4}), Tensor<double>::from_shape({1, 3, 2, 2}),
                                 Tensor<double>::from_shape({0})); },
        {"conv2d_direct", "(*, 3, *, *)", "(1, 2, 4, 4)"})));
    BOOST_TEST((throws_with<dlc::ShapeError>(
        [&] { dlc::conv2d_direct(Tensor<double>::from_shape({1, 1, 4, 4}), Tensor<double>::from_shape({1, 1, 5, 2}),
                                 Tensor<double>::from_shape({0})); },
        {"conv2d_direct", "5x2", "(1, 1, 4, 4)"})));
}

// ---------------------------------------------------------------- image convolution

BOOST_AUTO_TEST_CASE(convolve2d_and_correlate2d_on_a_hand_computed_example) {
    // f = [[1 2 3], [4 5 6], [7 8 9]], w(s, t) stored at w(1 + s, 1 + t):
    // w(-1,-1) = 1, w(-1,0) = 2, w(0,0) = 1, w(1,1) = -1.
    const dlc::Matrix<double> f{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
    const dlc::Matrix<double> w{{1, 2, 0}, {0, 1, 0}, {0, 0, -1}};
    const dlc::Matrix<double> g = dlc::convolve2d(f, w);
    // g(1,1) = sum w(s,t) f(1-s, 1-t) = 1 f(2,2) + 2 f(2,1) + 1 f(1,1) - 1 f(0,0) = 9 + 16 + 5 - 1
    BOOST_TEST(g(1, 1) == 29.0);
    // g(0,0): only f(-s,-t) inside for s, t <= 0: 1 f(1,1) + 2 f(1,0) + 1 f(0,0) = 5 + 8 + 1
    BOOST_TEST(g(0, 0) == 14.0);
    const dlc::Matrix<double> expect_conv{{14, 18, 15}, {26, 29, 22}, {7, 4, 4}};  // scipy.signal.convolve2d 'same'
    BOOST_TEST(g == expect_conv);
    const dlc::Matrix<double> h = dlc::correlate2d(f, w);
    // h(1,1) = sum w(s,t) f(1+s, 1+t) = 1 f(0,0) + 2 f(0,1) + 1 f(1,1) - 1 f(2,2) = 1 + 4 + 5 - 9
    BOOST_TEST(h(1, 1) == 1.0);
    const dlc::Matrix<double> expect_corr{{-4, -4, 3}, {-2, 1, 14}, {15, 22, 26}};  // scipy.signal.correlate2d 'same'
    BOOST_TEST(h == expect_corr);
}

BOOST_AUTO_TEST_CASE(convolution_is_correlation_with_the_flipped_kernel) {
    dlc::Rng rng(10);
    dlc::Matrix<double> f = dlc::Matrix<double>::from_shape({6, 7});
    for (auto& v : f) v = rng.uniform(-1, 1);
    // An asymmetric 3x5 kernel and its 180-degree rotation.
    dlc::Matrix<double> w = dlc::Matrix<double>::from_shape({3, 5}), flipped = w;
    for (std::size_t i = 0; i < 3; ++i)
        for (std::size_t j = 0; j < 5; ++j) w(i, j) = rng.uniform(-1, 1);
    for (std::size_t i = 0; i < 3; ++i)
        for (std::size_t j = 0; j < 5; ++j) flipped(i, j) = w(2 - i, 4 - j);
    const dlc::Matrix<double> a = dlc::convolve2d(f, w), b = dlc::correlate2d(f, flipped);
    BOOST_TEST(dlc::shape_of(a) == "(6, 7)");
    for (std::size_t i = 0; i < a.size(); ++i) BOOST_TEST(a.data()[i] == b.data()[i], tt::tolerance(1e-14));
    // A shift kernel shows the direction: w(0, 1) = 1 moves the image right under convolution,
    // left under correlation.
    const dlc::Matrix<double> f3{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
    const dlc::Matrix<double> shift{{0, 0, 0}, {0, 0, 1}, {0, 0, 0}};
    BOOST_TEST(dlc::convolve2d(f3, shift) == (dlc::Matrix<double>{{0, 1, 2}, {0, 4, 5}, {0, 7, 8}}));
    BOOST_TEST(dlc::correlate2d(f3, shift) == (dlc::Matrix<double>{{2, 3, 0}, {5, 6, 0}, {8, 9, 0}}));
    // Symmetric kernel (box): identical. Sobel (antisymmetric): opposite signs.
    const dlc::Matrix<double> box{{1, 1, 1}, {1, 1, 1}, {1, 1, 1}};
    const dlc::Matrix<double> bc = dlc::convolve2d(f, box), br = dlc::correlate2d(f, box);
    for (std::size_t i = 0; i < bc.size(); ++i) BOOST_TEST(bc.data()[i] == br.data()[i], tt::tolerance(1e-14));
    const dlc::Matrix<double> sobel{{-1, 0, 1}, {-2, 0, 2}, {-1, 0, 1}};
    const dlc::Matrix<double> sc = dlc::convolve2d(f, sobel), sr = dlc::correlate2d(f, sobel);
    for (std::size_t i = 0; i < sc.size(); ++i) BOOST_TEST(sc.data()[i] == -sr.data()[i], tt::tolerance(1e-14));
    // The CNN layer computes the correlation.
    Tensor<double> x = Tensor<double>::from_shape({1, 1, 6, 7});
    std::copy(f.begin(), f.end(), x.begin());
    Tensor<double> K = Tensor<double>::from_shape({1, 1, 3, 5});
    std::copy(w.begin(), w.end(), K.begin());
    const Tensor<double> y = dlc::conv2d_direct(x, K, Tensor<double>::from_shape({0}), {1, 0});
    const dlc::Matrix<double> c = dlc::correlate2d(f, w);
    // valid positions of the layer = interior of the same-size correlation (offset a = 1, b = 2)
    for (std::size_t i = 0; i < 4; ++i)
        for (std::size_t j = 0; j < 3; ++j) BOOST_TEST(y(0, 0, i, j) == c(i + 1, j + 2), tt::tolerance(1e-14));
    check_throws<dlc::ShapeError>([&] { dlc::convolve2d(f, dlc::Matrix<double>::from_shape({2, 3})); },
                                  {"convolve2d", "odd", "(2, 3)"});
    check_throws<dlc::ShapeError>([&] { dlc::correlate2d(f, dlc::Matrix<double>::from_shape({3, 0})); },
                                  {"correlate2d", "(3, 0)"});
}

// ---------------------------------------------------------------- Flatten / Unflatten

BOOST_AUTO_TEST_CASE(flatten_and_unflatten_reshape_row_major) {
    dlc::Rng rng(11);
    dlc::Flatten<double> flat;
    const Tensor<double> x = uniform<double>({2, 3, 4, 5}, rng);
    const Tensor<double> y = flat.forward(x);  // copies: the gradient check below runs forward again
    BOOST_TEST(dlc::shape_of(y) == "(2, 60)");
    BOOST_TEST(y(1, (2 * 4 + 3) * 5 + 4) == x(1, 2, 3, 4));
    const Tensor<double> delta = uniform<double>({2, 60}, rng);
    const Tensor<double> gx = flat.backward(delta);
    BOOST_TEST(dlc::shape_of(gx) == "(2, 3, 4, 5)");
    BOOST_TEST(gx(1, 2, 3, 4) == delta(1, (2 * 4 + 3) * 5 + 4));
    check_gradients(flat, x, "Flatten");

    dlc::Unflatten<double> unflat({3, 4, 5});
    BOOST_TEST(unflat.name() == "Unflatten(60 -> (3, 4, 5))");
    const Tensor<double>& z = unflat.forward(y);
    BOOST_TEST(max_abs_diff(z, x) == 0.0);
    BOOST_TEST(max_abs_diff(unflat.backward(gx), delta) == 0.0);
    check_gradients(unflat, y, "Unflatten");
    check_throws<dlc::ShapeError>([&] { unflat.forward(Tensor<double>::from_shape({2, 59})); },
                                  {"Unflatten(60 -> (3, 4, 5))::forward", "(*, 60)", "(2, 59)"});
    check_throws<dlc::ShapeError>([&] { flat.forward(Tensor<double>::from_shape({7})); }, {"Flatten::forward", "(7)"});
    flat.forward(x);
    check_throws<dlc::ShapeError>([&] { flat.backward(Tensor<double>::from_shape({2, 59})); },
                                  {"Flatten::backward", "(2, 60)", "(2, 59)"});
}

BOOST_AUTO_TEST_SUITE_END()
