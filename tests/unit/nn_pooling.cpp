// Unit tests of lib/nn/pooling: max pooling (values, argmax routing on a tiny example, first-max
// ties), average pooling, global average pooling — forward by hand, backward by the numerical
// gradient checker (relative error < 1e-6 in double), buffer reuse and shape errors.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"
#include "../nn_check.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"
#include "nn/gradcheck.hpp"
#include "nn/pooling.hpp"

#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

BOOST_AUTO_TEST_SUITE(nn_pooling)

namespace {

namespace tt = boost::test_tools;
using dlc::Tensor;
using dlc_test::check_throws;

using dlc_test::check_gradients;
using dlc_test::uniform;

// Distinct values 0.1 apart in random order: no ties, and no window's maximum changes under the
// checker's perturbations (2h = 2e-4).
Tensor<double> distinct(const dlc::Shape& shape, dlc::Rng& rng) {
    Tensor<double> t = Tensor<double>::from_shape(shape);
    std::vector<std::size_t> order(t.size());
    std::iota(order.begin(), order.end(), 0);
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.index(i)]);
    for (std::size_t i = 0; i < t.size(); ++i) t.data()[i] = 0.1 * static_cast<double>(order[i]) - 1.0;
    return t;
}

}  // namespace

BOOST_AUTO_TEST_CASE(max_pool_takes_window_maxima_and_routes_delta_to_them) {
    // One 4x4 map, 2x2 windows, stride 2:
    //   1  5 | 2  0        max 5 at (0,1) = flat 1,   max 7 at (1,3) = flat 7
    //   3  4 | 6  7
    //   ----------
    //   9  8 | 0 -1        max 9 at (2,0) = flat 8,   max 3 at (3,3) = flat 15
    //   2  2 | 1  3
    const Tensor<double> x{{{{1, 5, 2, 0}, {3, 4, 6, 7}, {9, 8, 0, -1}, {2, 2, 1, 3}}}};
    dlc::MaxPool2d<double> pool(2);
    BOOST_TEST(pool.name() == "MaxPool2d(2x2, stride 2)");
    BOOST_TEST(pool.stride() == 2u);
    const Tensor<double>& y = pool.forward(x);
    BOOST_TEST(dlc::shape_of(y) == "(1, 1, 2, 2)");
    BOOST_TEST(y(0, 0, 0, 0) == 5.0);
    BOOST_TEST(y(0, 0, 0, 1) == 7.0);
    BOOST_TEST(y(0, 0, 1, 0) == 9.0);
    BOOST_TEST(y(0, 0, 1, 1) == 3.0);
    const std::vector<std::size_t> expect_argmax{1, 7, 8, 15};
    BOOST_TEST(pool.argmax() == expect_argmax, tt::per_element());
    // Backward: delta goes to the maximum of each window only ("if s1 > s2" in the notes' graph).
    const Tensor<double> delta{{{{10, 20}, {30, 40}}}};
    const Tensor<double>& gx = pool.backward(delta);
    const Tensor<double> expect{{{{0, 10, 0, 0}, {0, 0, 0, 20}, {30, 0, 0, 0}, {0, 0, 0, 40}}}};
    BOOST_TEST(gx == expect);
}

BOOST_AUTO_TEST_CASE(max_pool_ties_go_to_the_first_in_window_order) {
    // Window [[2, 2], [2, 1]]: the first 2 (flat 0) wins; the bottom-right window's tie [1 1; 1 1] too.
    const Tensor<double> x{{{{2, 2, 1, 1}, {2, 1, 1, 1}}}};
    dlc::MaxPool2d<double> pool(2);
    pool.forward(x);
    const std::vector<std::size_t> expect{0, 2};
    BOOST_TEST(pool.argmax() == expect, tt::per_element());
}

BOOST_AUTO_TEST_CASE(max_pool_overlapping_windows_add_their_deltas) {
    // 2x2 windows, stride 1 on a 3x3 map whose maximum 9 is in the centre:
    // all four windows pick it, so it receives the sum of the four deltas.
    const Tensor<double> x{{{{1, 2, 3}, {4, 9, 5}, {6, 7, 8}}}};
    dlc::MaxPool2d<double> pool(2, 1);
    BOOST_TEST(pool.name() == "MaxPool2d(2x2, stride 1)");
    const Tensor<double>& y = pool.forward(x);
    for (auto v : y) BOOST_TEST(v == 9.0);
    const Tensor<double>& gx = pool.backward(Tensor<double>{{{{1, 2}, {3, 4}}}});
    BOOST_TEST(gx(0, 0, 1, 1) == 10.0);
    double total = 0;
    for (auto v : gx) total += v;
    BOOST_TEST(total == 10.0);
}

BOOST_AUTO_TEST_CASE(pooling_gradient_checks) {
    dlc::Rng rng(1);
    dlc::MaxPool2d<double> max2(2);
    check_gradients(max2, distinct({2, 3, 4, 6}, rng), "MaxPool2d(2)");
    dlc::MaxPool2d<double> max3(3, 2);  // overlapping windows, a row and column left over
    check_gradients(max3, distinct({2, 2, 8, 7}, rng), "MaxPool2d(3, stride 2)");
    dlc::MaxPool2d<double> max21(2, 1);
    check_gradients(max21, distinct({1, 2, 5, 5}, rng), "MaxPool2d(2, stride 1)");
    dlc::AvgPool2d<double> avg2(2);
    check_gradients(avg2, uniform({2, 3, 4, 6}, rng), "AvgPool2d(2)");
    dlc::AvgPool2d<double> avg3(3, 2);
    check_gradients(avg3, uniform({2, 2, 7, 8}, rng), "AvgPool2d(3, stride 2)");
    dlc::GlobalAvgPool2d<double> gap;
    check_gradients(gap, uniform({3, 4, 5, 2}, rng), "GlobalAvgPool2d");
}

BOOST_AUTO_TEST_CASE(avg_pool_averages_and_spreads_delta_over_k_squared) {
    const Tensor<double> x{{{{1, 5, 2, 0}, {3, 4, 6, 7}, {9, 8, 0, -1}, {2, 2, 1, 3}}}};
    dlc::AvgPool2d<double> pool(2);
    BOOST_TEST(pool.name() == "AvgPool2d(2x2, stride 2)");
    const Tensor<double>& y = pool.forward(x);
    BOOST_TEST(y(0, 0, 0, 0) == 3.25);  // (1 + 5 + 3 + 4) / 4
    BOOST_TEST(y(0, 0, 0, 1) == 3.75);  // (2 + 0 + 6 + 7) / 4
    BOOST_TEST(y(0, 0, 1, 0) == 5.25);  // (9 + 8 + 2 + 2) / 4
    BOOST_TEST(y(0, 0, 1, 1) == 0.75);  // (0 - 1 + 1 + 3) / 4
    const Tensor<double>& gx = pool.backward(Tensor<double>{{{{4, 8}, {12, 16}}}});
    const Tensor<double> expect{{{{1, 1, 2, 2}, {1, 1, 2, 2}, {3, 3, 4, 4}, {3, 3, 4, 4}}}};
    BOOST_TEST(gx == expect);
}

BOOST_AUTO_TEST_CASE(global_avg_pool_gives_one_mean_per_channel) {
    Tensor<double> x = Tensor<double>::from_shape({2, 3, 2, 2});
    for (std::size_t i = 0; i < x.size(); ++i) x.data()[i] = static_cast<double>(i);
    dlc::GlobalAvgPool2d<double> gap;
    BOOST_TEST(gap.name() == "GlobalAvgPool2d");
    const Tensor<double>& y = gap.forward(x);
    BOOST_TEST(dlc::shape_of(y) == "(2, 3)");
    BOOST_TEST(y(0, 0) == 1.5);   // (0 + 1 + 2 + 3) / 4
    BOOST_TEST(y(1, 2) == 21.5);  // (20 + 21 + 22 + 23) / 4
    const Tensor<double>& gx = gap.backward(Tensor<double>{{4, 8, 12}, {-4, 0, 2}});
    BOOST_TEST(dlc::shape_of(gx) == "(2, 3, 2, 2)");
    BOOST_TEST(gx(0, 1, 1, 0) == 2.0);
    BOOST_TEST(gx(1, 2, 0, 1) == 0.5);
}

BOOST_AUTO_TEST_CASE(pooling_reuses_buffers_and_can_skip_the_input_gradient) {
    dlc::Rng rng(2);
    dlc::MaxPool2d<float> pool(2);
    Tensor<float> x = Tensor<float>::from_shape({4, 6, 28, 28});
    for (auto& v : x) v = static_cast<float>(rng.normal());
    const float* y1 = pool.forward(x).data();
    const float* g1 = pool.backward(pool.output()).data();
    for (int step = 0; step < 3; ++step) {
        BOOST_TEST(pool.forward(x).data() == y1);
        BOOST_TEST(pool.backward(pool.output()).data() == g1);
    }
    pool.set_input_grad_needed(false);
    BOOST_TEST(pool.backward(pool.output()).size() == 0u);
}

BOOST_AUTO_TEST_CASE(pooling_shape_errors_name_the_layer_and_shapes) {
    dlc::MaxPool2d<double> pool(3);
    check_throws<dlc::ShapeError>([&] { pool.forward(Tensor<double>::from_shape({1, 2, 2, 5})); },
                                  {"MaxPool2d(3x3, stride 3)::forward", "window 3x3", "2x5", "(1, 2, 2, 5)"});
    check_throws<dlc::ShapeError>([&] { pool.forward(Tensor<double>::from_shape({2, 5, 5})); },
                                  {"MaxPool2d(3x3, stride 3)::forward", "(*, *, *, *)", "(2, 5, 5)"});
    pool.forward(Tensor<double>::from_shape({1, 2, 6, 6}));
    check_throws<dlc::ShapeError>([&] { pool.backward(Tensor<double>::from_shape({1, 2, 3, 3})); },
                                  {"MaxPool2d(3x3, stride 3)::backward", "(1, 2, 2, 2)", "(1, 2, 3, 3)"});
    dlc::AvgPool2d<double> avg(2);
    check_throws<dlc::ShapeError>([&] { avg.backward(Tensor<double>::from_shape({1, 1, 1, 1})); },
                                  {"AvgPool2d(2x2, stride 2)::backward", "before forward"});
    dlc::GlobalAvgPool2d<double> gap;
    check_throws<dlc::ShapeError>([&] { gap.forward(Tensor<double>::from_shape({2, 3})); },
                                  {"GlobalAvgPool2d::forward", "(2, 3)"});
    check_throws<dlc::ValueError>([&] { dlc::MaxPool2d<double>(0); }, {"MaxPool2d", "kernel"});
}

BOOST_AUTO_TEST_SUITE_END()
