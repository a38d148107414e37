// Worked examples of the CNN lecture, every expected number derived by hand in the comments (never
// pasted from program output). Sources: the ECE/CS 559 L14 notes (the 5x5 input with a 2x2 filter, the
// 3-channel example, max pooling's backward graph), Bahng's Example 3.1 (RGB, padding 1, bias 2, ReLU,
// max and average pooling), the mock final Q3 (a 1x1 convolution's backward pass).
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "core/tensor.hpp"
#include "nn/conv2d.hpp"
#include "nn/image_convolution.hpp"
#include "nn/pooling.hpp"
#include "nn/relu.hpp"

#include <xtensor/xview.hpp>

#include <cstddef>
#include <vector>

BOOST_AUTO_TEST_SUITE(cnn_examples)

namespace {

namespace tt = boost::test_tools;
using dlc::Matrix;
using dlc::Tensor;

// One image (1, C, H, W) or kernels (F, C, kh, kw) from matrices.
Tensor<double> stack4(const std::vector<std::vector<Matrix<double>>>& m) {
    const std::size_t F = m.size(), C = m[0].size(), h = m[0][0].shape(0), w = m[0][0].shape(1);
    Tensor<double> t = Tensor<double>::from_shape({F, C, h, w});
    for (std::size_t f = 0; f < F; ++f)
        for (std::size_t c = 0; c < C; ++c) xt::view(t, f, c, xt::all(), xt::all()) = m[f][c];
    return t;
}

void check_map(const Tensor<double>& t, std::size_t n, std::size_t c, const Matrix<double>& expected) {
    BOOST_REQUIRE(t.dimension() == 4u);
    BOOST_REQUIRE(t.shape(2) == expected.shape(0));
    BOOST_REQUIRE(t.shape(3) == expected.shape(1));
    for (std::size_t i = 0; i < expected.shape(0); ++i)
        for (std::size_t j = 0; j < expected.shape(1); ++j)
            BOOST_TEST_CONTEXT("(" << i + 1 << ", " << j + 1 << ")") {
                BOOST_TEST(t(n, c, i, j) == expected(i, j), tt::tolerance(1e-12));
            }
}

const Tensor<double> no_bias = Tensor<double>::from_shape({0});

}  // namespace

// ============================================================ L14: 5x5 input, 2x2 filter
//
// w = [1 -1; 0 2] (the arithmetic's filter, "the weights [1 -1 0 2]"), so
//   y(i, j) = x(i, j) - x(i, j+1) + 2 x(i+1, j+1).
// Input rows: (1 2 0 3 1), (-1 -1 2 0 1), (1 -1 -1 0 1), (3 1 2 -1 1), (1 4 0 1 2).
//   row 1: 1-2+2(-1) = -3 | 2-0+2(2) = 6 (the notes print 4) | 0-3+2(0) = -3 | 3-1+2(1) = 4
//   row 2: -1+1+2(-1) = -2 | -1-2+2(-1) = -5 | 2-0+2(0) = 2 | 0-1+2(1) = 1
//   row 3: 1+1+2(1) = 4 | -1+1+2(2) = 4 | -1-0+2(-1) = -3 | 0-1+2(1) = 1
//   row 4: 3-1+2(4) = 10 | 1-2+2(0) = -1 | 2+1+2(1) = 5 | -1-1+2(2) = 2
// With the printed table's filter [1 1; 0 2]: 1 + 2 + 0 + 2(-1) = 1 at the top left.
// Stride 2: floor((5-2)/2)+1 = 2, the outputs at rows/columns 1 and 3: [-3 -3; 4 -3].
// Padding 1: 6x6; its top-left output sees only x(1,1) at the filter's (2,2): 2*1 = 2.
BOOST_AUTO_TEST_CASE(notes_conv_5x5) {
    const Matrix<double> x = {{1, 2, 0, 3, 1}, {-1, -1, 2, 0, 1}, {1, -1, -1, 0, 1}, {3, 1, 2, -1, 1}, {1, 4, 0, 1, 2}};
    const auto X = stack4({{x}});
    const auto K = stack4({{Matrix<double>{{1, -1}, {0, 2}}}});
    const Matrix<double> expected = {{-3, 6, -3, 4}, {-2, -5, 2, 1}, {4, 4, -3, 1}, {10, -1, 5, 2}};
    check_map(dlc::conv2d_direct(X, K, no_bias), 0, 0, expected);
    for (auto algorithm : {dlc::ConvAlgorithm::im2col_gemm, dlc::ConvAlgorithm::direct}) {
        dlc::Conv2d<double> layer(K, no_bias);
        layer.set_algorithm(algorithm);
        check_map(layer.forward(X), 0, 0, expected);
    }
    const auto printed_filter = stack4({{Matrix<double>{{1, 1}, {0, 2}}}});
    BOOST_TEST(dlc::conv2d_direct(X, printed_filter, no_bias)(0, 0, 0, 0) == 1.0);
    check_map(dlc::conv2d_direct(X, K, no_bias, {2, 0}), 0, 0, Matrix<double>{{-3, -3}, {4, -3}});
    const auto padded = dlc::conv2d_direct(X, K, no_bias, {1, 1});
    BOOST_TEST(padded.shape(2) == 6u);
    BOOST_TEST(padded(0, 0, 0, 0) == 2.0);
    BOOST_TEST(padded(0, 0, 1, 1) == -3.0);  // the unpadded map, shifted by one
}

// ============================================================ L14: the 3-channel example
//
// R rows 1-2: (1 1 2 1), (2 0 -1 1), w_R = [1 -1; 1 2]: R(i,j) - R(i,j+1) + R(i+1,j) + 2 R(i+1,j+1)
//   -> 1-1+2+0 = 2, 1-2+0-2 = -3, 2-1-1+2 = 2.
// G rows 1-2: (1 -1 1 -1), (0 1 0 2), w_G = [1 0; 0 6]: G(i,j) + 6 G(i+1,j+1) -> 1+6 = 7, -1+0 = -1, 1+12 = 13.
// B rows 1-2: (4 1 4 2), (2 3 1 3), w_B = [3 2; 1 0]: 3B(i,j) + 2B(i,j+1) + B(i+1,j) -> 12+2+2 = 16, 3+8+3 = 14,
//   12+4+1 = 17.
// First row of outputs: (2+7+16, -3-1+14, 2+13+17) = (25, 10, 32); the notes' "whatever" is 25.
BOOST_AUTO_TEST_CASE(notes_conv_3channel_first_row) {
    const auto X = stack4({{Matrix<double>{{1, 1, 2, 1}, {2, 0, -1, 1}}, Matrix<double>{{1, -1, 1, -1}, {0, 1, 0, 2}},
                            Matrix<double>{{4, 1, 4, 2}, {2, 3, 1, 3}}}});
    const auto K = stack4({{Matrix<double>{{1, -1}, {1, 2}}, Matrix<double>{{1, 0}, {0, 6}},
                            Matrix<double>{{3, 2}, {1, 0}}}});
    const auto Y = dlc::conv2d_direct(X, K, no_bias);
    BOOST_TEST(dlc::shape_of(Y) == "(1, 1, 1, 3)");
    BOOST_TEST(Y(0, 0, 0, 0) == 25.0);
    BOOST_TEST(Y(0, 0, 0, 1) == 10.0);
    BOOST_TEST(Y(0, 0, 0, 2) == 32.0);
}

// ============================================================ Bahng, Example 3.1
//
// Cross-correlation with zero padding 1. X2 * W2 at (2, 4): the window is rows 1-3, columns 3-5 of X2
// (column 5 is padding): (0 0 0), (2 1 0), (0 0 0); W2 = [0 0 -2; 0 1 2; -2 2 0] -> 2*0 + 1*1 + 0*2 = 1
// (the handout prints 11). X0 * W0 with W0 = [1 0 0; 0 -2 0; 0 0 -1]:
//   at (1, 1) the window is (0 0 0), (0 2 1), (0 0 0): -2*2 = -4;
//   at (1, 2) it is (0 0 0), (2 1 0), (0 0 2): 1*0 - 2*1 - 1*2 = -4 (printed -4). The true convolution uses
//   the flipped [-1 0 0; 0 -2 0; 0 0 1]: -1*0 - 2*1 + 1*2 = 0 there — so the handout's maps are
//   cross-correlations.
// Y(2, 4) = -2 + 4 + 1 + 2 = 5 (X0*W0 = -2 and X1*W1 = 4 there).
// Y = [0 5 8 0; 6 10 1 5; 4 0 2 11; 0 1 11 3]; 2x2 blocks: max 10, 8, 4, 11;
// means (0+5+6+10)/4 = 21/4, (8+0+1+5)/4 = 7/2, (4+0+0+1)/4 = 5/4, (2+11+11+3)/4 = 27/4.
BOOST_AUTO_TEST_CASE(bahng_example_3_1) {
    const std::vector<Matrix<double>> X = {{{2, 1, 0, 0}, {0, 0, 2, 1}, {0, 2, 0, 1}, {2, 1, 0, 1}},
                                           {{2, 2, 0, 0}, {0, 0, 2, 1}, {0, 0, 2, 0}, {0, 1, 0, 1}},
                                           {{2, 1, 0, 0}, {0, 0, 2, 1}, {2, 0, 0, 0}, {0, 1, 0, 1}}};
    const std::vector<Matrix<double>> W = {
        {{1, 0, 0}, {0, -2, 0}, {0, 0, -1}}, {{1, 2, 0}, {2, 0, -1}, {0, -1, 1}}, {{0, 0, -2}, {0, 1, 2}, {-2, 2, 0}}};
    const dlc::ConvOptions pad1{1, 1};
    const auto map2 = dlc::conv2d_direct(stack4({{X[2]}}), stack4({{W[2]}}), no_bias, pad1);
    BOOST_TEST(map2(0, 0, 1, 3) == 1.0);
    const auto map0 = dlc::conv2d_direct(stack4({{X[0]}}), stack4({{W[0]}}), no_bias, pad1);
    BOOST_TEST(map0(0, 0, 0, 0) == -4.0);
    BOOST_TEST(map0(0, 0, 0, 1) == -4.0);
    BOOST_TEST(dlc::convolve2d(X[0], W[0])(0, 1) == 0.0);  // the flip gives another map
    BOOST_TEST(dlc::correlate2d(X[0], W[0])(0, 1) == -4.0);

    Tensor<double> bias = Tensor<double>::from_shape({1});
    bias(0) = 2;
    dlc::Conv2d<double> conv(stack4({W}), bias, pad1);
    dlc::ReLU<double> relu;
    const auto& Y = relu.forward(conv.forward(stack4({X})));
    check_map(Y, 0, 0, Matrix<double>{{0, 5, 8, 0}, {6, 10, 1, 5}, {4, 0, 2, 11}, {0, 1, 11, 3}});
    dlc::MaxPool2d<double> maxpool(2);
    dlc::AvgPool2d<double> avgpool(2);
    check_map(maxpool.forward(Y), 0, 0, Matrix<double>{{10, 8}, {4, 11}});
    check_map(avgpool.forward(Y), 0, 0, Matrix<double>{{21.0 / 4, 7.0 / 2}, {5.0 / 4, 27.0 / 4}});
}

// ============================================================ Mock final Q3 (b), linear g
//
// f^k_ij = w_k x_ij + b_k (g = identity, g' = 1), x = [1 2; 3 4], w = (2, -1), b = (1, 0), and given
// dl/df^1 = [1 0; 0 1], dl/df^2 = [1 1; 1 1]:
//   dl/dw_1 = sum_ij dl/df^1_ij x_ij = 1 + 4 = 5;   dl/dw_2 = 1 + 2 + 3 + 4 = 10;
//   dl/db_1 = 1 + 1 = 2;                            dl/db_2 = 4;
//   dl/dx_ij = sum_k dl/df^k_ij w_k = [2 - 1, 0 - 1; 0 - 1, 2 - 1] = [1 -1; -1 1].
BOOST_AUTO_TEST_CASE(mockfinal_q3_linear) {
    Tensor<double> K = Tensor<double>::from_shape({2, 1, 1, 1}), b = Tensor<double>::from_shape({2});
    K(0, 0, 0, 0) = 2;
    K(1, 0, 0, 0) = -1;
    b(0) = 1;
    b(1) = 0;
    dlc::Conv2d<double> conv(K, b);
    const auto& f = conv.forward(stack4({{Matrix<double>{{1, 2}, {3, 4}}}}));
    check_map(f, 0, 0, Matrix<double>{{3, 5}, {7, 9}});
    check_map(f, 0, 1, Matrix<double>{{-1, -2}, {-3, -4}});
    const auto G = stack4({{Matrix<double>{{1, 0}, {0, 1}}, Matrix<double>{{1, 1}, {1, 1}}}});
    const auto& gx = conv.backward(G);
    BOOST_TEST(conv.grad_K()(0, 0, 0, 0) == 5.0);
    BOOST_TEST(conv.grad_K()(1, 0, 0, 0) == 10.0);
    BOOST_TEST(conv.grad_b()(0) == 2.0);
    BOOST_TEST(conv.grad_b()(1) == 4.0);
    check_map(gx, 0, 0, Matrix<double>{{1, -1}, {-1, 1}});
}

// ============================================================ L14: max pooling's backward graph
//
// x = [1 5 2 0; 3 4 7 6; 8 2 1 3; 0 6 9 4], 2x2 blocks: {1 5 3 4} -> 5 at x_2, {2 0 7 6} -> 7 at x_7,
// {8 2 0 6} -> 8 at x_9, {1 3 9 4} -> 9 at x_15 (x_1 ... x_16 row by row; flat indices 1, 6, 8, 14).
// With dl/ds = [0.1 0.2; 0.3 0.4] the gradient is 0.1 at x_2, 0.2 at x_7, 0.3 at x_9, 0.4 at x_15, 0 elsewhere.
// Average pooling: means 13/4, 15/4, 4, 17/4; the gradient is dl/ds / 4 on each block: 0.025, 0.05, 0.075, 0.1.
// A tie [2 2; 1 0]: the first maximum in row-major order wins (flat index 0).
BOOST_AUTO_TEST_CASE(pooling_backward) {
    const auto X = stack4({{Matrix<double>{{1, 5, 2, 0}, {3, 4, 7, 6}, {8, 2, 1, 3}, {0, 6, 9, 4}}}});
    const auto G = stack4({{Matrix<double>{{0.1, 0.2}, {0.3, 0.4}}}});
    dlc::MaxPool2d<double> maxpool(2);
    check_map(maxpool.forward(X), 0, 0, Matrix<double>{{5, 7}, {8, 9}});
    BOOST_TEST(maxpool.argmax() == (std::vector<std::size_t>{1, 6, 8, 14}), tt::per_element());
    check_map(maxpool.backward(G), 0, 0,
              Matrix<double>{{0, 0.1, 0, 0}, {0, 0, 0.2, 0}, {0.3, 0, 0, 0}, {0, 0, 0.4, 0}});
    dlc::AvgPool2d<double> avgpool(2);
    check_map(avgpool.forward(X), 0, 0, Matrix<double>{{13.0 / 4, 15.0 / 4}, {4, 17.0 / 4}});
    check_map(avgpool.backward(G), 0, 0,
              Matrix<double>{{0.025, 0.025, 0.05, 0.05}, {0.025, 0.025, 0.05, 0.05},
                             {0.075, 0.075, 0.1, 0.1}, {0.075, 0.075, 0.1, 0.1}});
    dlc::MaxPool2d<double> tie(2);
    tie.forward(stack4({{Matrix<double>{{2, 2}, {1, 0}}}}));
    BOOST_TEST(tie.argmax().at(0) == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
