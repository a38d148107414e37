// Unit tests of lib/interpret's image-side pieces: the total-variation regulariser by hand (the 3x3 example,
// both summation ranges) and its gradient against central differences; Gram matrices and E_l by hand (the
// UCSD-style example), both normalisations, and dE/dF by central differences; the style objective's image
// gradient through a small random CNN in double; partial passes and injected gradients against full passes;
// receptive fields of LeNet-5 by hand; top activations; and the image optimisers doing what they claim.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"
#include "../nn_check.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"
#include "interpret/feature_visualization.hpp"
#include "interpret/gram.hpp"
#include "interpret/passes.hpp"
#include "interpret/style_transfer.hpp"
#include "interpret/top_activations.hpp"
#include "interpret/total_variation.hpp"
#include "models/lenet5.hpp"
#include "nn/conv2d.hpp"
#include "nn/linear.hpp"
#include "nn/relu.hpp"
#include "nn/sigmoid.hpp"

#include <cmath>
#include <map>

BOOST_AUTO_TEST_SUITE(interpret_optimization)

namespace {

namespace tt = boost::test_tools;
using dlc::Tensor;
using dlc_test::check_throws;

// Largest |analytic - central difference| over every entry of x, for a scalar function f and its gradient g.
template <class F>
double gradient_error(const Tensor<double>& x, const Tensor<double>& g, F f, double h = 1e-6) {
    double worst = 0;
    for (std::size_t k = 0; k < x.size(); ++k) {
        Tensor<double> xp = x, xm = x;
        xp.data()[k] += h;
        xm.data()[k] -= h;
        worst = std::max(worst, std::abs((f(xp) - f(xm)) / (2 * h) - g.data()[k]));
    }
    return worst;
}

}  // namespace

BOOST_AUTO_TEST_CASE(total_variation_of_the_3x3_example_by_hand) {
    // x = [[0, 1, 3], [2, 2, 0], [1, 4, 1]]; interior terms (a^2 + b^2): (1,1): 1 + 4 = 5, (1,2): 4 + 1 = 5,
    // (2,1): 0 + 1 = 1, (2,2): 4 + 4 = 8. Replicate adds (1,3): 9, (2,3): 1, (3,1): 9, (3,2): 9, (3,3): 0.
    const Tensor<double> x = {{0, 1, 3}, {2, 2, 0}, {1, 4, 1}};
    BOOST_TEST(dlc::total_variation(x, 2.0) == 19.0, tt::tolerance(1e-14));
    BOOST_TEST(dlc::total_variation(x, 1.0) == 2 * std::sqrt(5.0) + 1 + std::sqrt(8.0), tt::tolerance(1e-14));
    BOOST_TEST(dlc::total_variation(x, 2.0, dlc::TvRange::replicate) == 47.0, tt::tolerance(1e-14));
    BOOST_TEST(dlc::total_variation(x, 1.0, dlc::TvRange::replicate) == 2 * std::sqrt(5.0) + 1 + std::sqrt(8.0) + 10,
               tt::tolerance(1e-14));
    // A batch sums its images and channels.
    Tensor<double> batch = xt::zeros<double>({2, 2, 3, 3});
    xt::view(batch, 1, 0, xt::all(), xt::all()) = x;
    xt::view(batch, 0, 1, xt::all(), xt::all()) = x;
    BOOST_TEST(dlc::total_variation(batch, 2.0) == 38.0, tt::tolerance(1e-14));
    check_throws<dlc::ValueError>([&] { dlc::total_variation(x, 0.0); }, {"beta must be positive"});
    check_throws<dlc::ShapeError>([&] { dlc::total_variation(Tensor<double>{1.0, 2.0}, 2.0); }, {"rank 2 to 4"});
}

BOOST_AUTO_TEST_CASE(total_variation_gradient_matches_central_differences) {
    dlc::Rng rng(11);
    const Tensor<double> x = dlc_test::uniform<double>({2, 3, 5, 4}, rng);  // no two neighbours equal
    for (double beta : {2.0, 1.5, 1.0, 3.0})
        for (auto range : {dlc::TvRange::interior, dlc::TvRange::replicate}) {
            const auto g = dlc::total_variation_gradient(x, beta, range);
            const double e = gradient_error(x, g, [&](const Tensor<double>& y) { return dlc::total_variation(y, beta, range); });
            BOOST_TEST(e < 1e-6, "beta " << beta << ", " << dlc::tv_range_name(range) << ": " << e);
        }
}

BOOST_AUTO_TEST_CASE(gram_matrices_and_the_style_loss_by_hand) {
    // F = [[1, 2, 0, -1], [0.5, -1, 1, 2]]: G = [[6, -3.5], [-3.5, 6.25]]; F-hat = [[1, 1, 0, 0], [0, 1, 1, 0]]:
    // G-hat = [[2, 1], [1, 2]]; sum (G - G-hat)^2 = 16 + 20.25 + 20.25 + 18.0625 = 74.5625; E = 74.5625 / 256.
    const dlc::Matrix<double> F = {{1, 2, 0, -1}, {0.5, -1, 1, 2}}, Fh = {{1, 1, 0, 0}, {0, 1, 1, 0}};
    const auto G = dlc::gram_matrix(F), Gh = dlc::gram_matrix(Fh);
    BOOST_TEST((G == dlc::Matrix<double>{{6, -3.5}, {-3.5, 6.25}}));
    BOOST_TEST((Gh == dlc::Matrix<double>{{2, 1}, {1, 2}}));
    BOOST_TEST(dlc::style_layer_loss(G, Gh, 4) == 74.5625 / 256, tt::tolerance(1e-15));
    const auto Ga = dlc::gram_matrix(F, dlc::GramNormalization::mean_over_positions);
    BOOST_TEST((Ga == dlc::Matrix<double>{{1.5, -0.875}, {-0.875, 1.5625}}));
    const auto Gha = dlc::gram_matrix(Fh, dlc::GramNormalization::mean_over_positions);
    BOOST_TEST(dlc::style_layer_loss(Ga, Gha, 4, dlc::GramNormalization::mean_over_positions) == 74.5625 / 256,
               tt::tolerance(1e-15));
    // dE/dF by central differences, both conventions.
    for (auto norm : {dlc::GramNormalization::sum, dlc::GramNormalization::mean_over_positions}) {
        const auto target = dlc::gram_matrix(Fh, norm);
        const Tensor<double> g = dlc::style_layer_gradient(F, target, norm);
        const double e = gradient_error(Tensor<double>(F), g, [&](const Tensor<double>& y) {
            return dlc::style_layer_loss(dlc::gram_matrix(dlc::Matrix<double>(y), norm), target, 4, norm);
        });
        BOOST_TEST(e < 1e-9, dlc::gram_normalization_name(norm));
    }
    check_throws<dlc::ShapeError>([&] { dlc::style_layer_loss(G, dlc::Matrix<double>({{1.0}}), 4); }, {"G_target"});
    check_throws<dlc::ShapeError>([&] { dlc::feature_matrix(Tensor<double>(xt::zeros<double>({2, 1, 2, 2}))); }, {"(1, C, H, W)"});
}

BOOST_AUTO_TEST_CASE(style_objective_gradient_through_a_random_cnn) {
    dlc::Rng rng(12);
    dlc::Sequential<double> net;
    dlc::add_random_texture_cnn(net, 2, {3, 4}, rng);
    BOOST_TEST(net.size() == 5u);  // conv, relu, pool, conv, relu
    BOOST_TEST((dlc::random_texture_cnn_relus(2) == std::vector<std::size_t>{1, 4}));
    dlc::StyleOptions so;
    so.style_layers = {1, 4};
    so.layer_weights = {1.0, 0.5};
    so.content_layer = 4;
    so.content_weight = 0.7;
    so.tv_weight = 0.01;
    dlc::StyleObjective<double> obj(net, so);
    obj.set_style(dlc_test::uniform<double>({1, 2, 8, 8}, rng));
    obj.set_content(dlc_test::uniform<double>({1, 2, 6, 6}, rng));
    const Tensor<double> x = dlc_test::uniform<double>({1, 2, 6, 6}, rng);
    Tensor<double> g;
    const auto loss = obj.evaluate(x, g);
    BOOST_TEST(loss.style.size() == 2u);
    BOOST_TEST(loss.total == loss.style[0] + 0.5 * loss.style[1] + 0.7 * loss.content + 0.01 * loss.tv, tt::tolerance(1e-12));
    Tensor<double> scratch;
    const double e = gradient_error(x, g, [&](const Tensor<double>& y) { return obj.evaluate(y, scratch).total; });
    BOOST_TEST(e < 1e-6 * std::max(1.0, xt::amax(xt::abs(g))()), "max error " << e);
    // The relative Gram error of the style image itself is 0.
    dlc::StyleOptions only;
    only.style_layers = {1, 4};
    dlc::StyleObjective<double> self(net, only);
    const Tensor<double> s = dlc_test::uniform<double>({1, 2, 8, 8}, rng);
    self.set_style(s);
    BOOST_TEST(self.evaluate(s, g).total < 1e-20);
    check_throws<dlc::ValueError>([&] {
        dlc::StyleOptions bad;
        bad.style_layers = {9};
        dlc::StyleObjective<double> o(net, bad);
    }, {"outside the network"});
}

BOOST_AUTO_TEST_CASE(partial_passes_and_injected_gradients) {
    dlc::Rng rng(13);
    dlc::Sequential<double> net;
    net.add<dlc::Linear<double>>(5, 4, rng);
    net.add<dlc::Tanh<double>>();
    net.add<dlc::Linear<double>>(4, 3, rng);
    net.add<dlc::Tanh<double>>();
    const Tensor<double> x = dlc_test::uniform<double>({2, 5}, rng);
    const Tensor<double> full = net.forward(x);
    BOOST_TEST((dlc::forward_to(net, x, 3) == full));
    const Tensor<double> g3 = dlc_test::uniform<double>({2, 3}, rng), g1 = dlc_test::uniform<double>({2, 4}, rng);
    net.forward(x);
    const Tensor<double> all = net.backward(g3);
    BOOST_TEST((dlc::backward_range(net, g3, 3, 0) == all));
    // Taps at modules 1 and 3 = backward of g3 from the top plus backward of g1 from module 1.
    net.forward(x);
    const Tensor<double> from1 = dlc::backward_range(net, g1, 1, 0);
    std::map<std::size_t, Tensor<double>> taps = {{1, g1}, {3, g3}};
    net.forward(x);
    const Tensor<double> both = dlc::backward_with_taps(net, taps);
    BOOST_TEST(dlc_test::max_abs_diff(both, Tensor<double>(all + from1)) < 1e-14);
    check_throws<dlc::ValueError>([&] { dlc::backward_range(net, g3, 4, 0); }, {"to <= from"});
    check_throws<dlc::ValueError>([&] { dlc::forward_to(net, x, 4); }, {"not a position"});
}

BOOST_AUTO_TEST_CASE(receptive_fields_of_lenet5) {
    // conv 5x5 pad 2: 5 pixels starting 2 before; pool 2: 6, jump 2; conv 5x5: 6 + 4*2 = 14; pool 2: 14 + 2 = 16...
    dlc::Rng rng(14);
    dlc::Sequential<float> net;
    dlc::add_lenet5(net, rng, dlc::WeightInit::normal_fan_in());
    using L = dlc::LeNet5Layers;
    const auto r1 = dlc::receptive_field(net, L::relu1), p1 = dlc::receptive_field(net, L::pool1);
    const auto r2 = dlc::receptive_field(net, L::relu2), p2 = dlc::receptive_field(net, L::pool2);
    BOOST_TEST(r1.size == 5u);
    BOOST_TEST(r1.jump == 1u);
    BOOST_TEST(r1.first == -2);
    BOOST_TEST(p1.size == 6u);
    BOOST_TEST(p1.jump == 2u);
    BOOST_TEST(r2.size == 14u);  // 6 + (5 - 1) * 2
    BOOST_TEST(r2.jump == 2u);
    BOOST_TEST(r2.first == -2);
    BOOST_TEST(p2.size == 16u);  // 14 + (2 - 1) * 2
    BOOST_TEST(p2.jump == 4u);
    check_throws<dlc::ValueError>([&] { dlc::receptive_field(net, L::flatten); }, {"whole image"});
}

BOOST_AUTO_TEST_CASE(top_activations_by_hand) {
    // One 1x1 filter of weight 1 and a ReLU: a channel's activation is its largest pixel.
    dlc::Sequential<double> net;
    net.add<dlc::Conv2d<double>>(Tensor<double>(xt::ones<double>({1, 1, 1, 1})), Tensor<double>(xt::zeros<double>({1})));
    net.add<dlc::ReLU<double>>();
    Tensor<double> X = xt::zeros<double>({4, 1, 2, 2});
    X(0, 0, 1, 1) = 3;
    X(1, 0, 0, 1) = 5;
    X(2, 0, 1, 0) = 3;  // ties with example 0: the earlier one first
    X(3, 0, 0, 0) = -1;
    const auto top = dlc::top_activations(net, X, 1, 3, 3);
    BOOST_TEST_REQUIRE(top.size() == 1u);
    BOOST_TEST_REQUIRE(top[0].size() == 3u);
    BOOST_TEST(top[0][0].example == 1u);
    BOOST_TEST(top[0][0].value == 5.0);
    BOOST_TEST(top[0][0].col == 1u);
    BOOST_TEST(top[0][1].example == 0u);
    BOOST_TEST(top[0][1].row == 1u);
    BOOST_TEST(top[0][2].example == 2u);
    check_throws<dlc::ValueError>([&] { dlc::top_activations(net, X, 1, 0); }, {"positive"});
}

BOOST_AUTO_TEST_CASE(image_optimisers_do_what_they_claim) {
    dlc::Rng rng(15);
    // roll and roll back
    const Tensor<double> x = dlc_test::uniform<double>({1, 2, 4, 5}, rng);
    BOOST_TEST((dlc::roll_image(dlc::roll_image(x, 3, -7), -3, 7) == x));
    BOOST_TEST(dlc::roll_image(x, 1, 0)(0, 1, 1, 2) == x(0, 1, 0, 2));

    dlc::Sequential<double> net;
    net.add<dlc::Conv2d<double>>(1, 3, 3, 3, rng, dlc::ConvOptions{1, 1});
    net.add<dlc::ReLU<double>>();
    net.add<dlc::Conv2d<double>>(3, 2, 3, 3, rng, dlc::ConvOptions{1, 1});
    const Tensor<double> x0 = dlc_test::uniform<double>({1, 1, 6, 6}, rng, -0.1, 0.1);
    // Activation maximisation raises the unit's mean activation.
    dlc::ActivationMaxOptions ao;
    ao.steps = 30;
    ao.l2 = 1e-3;
    ao.tv = 1e-3;
    std::vector<dlc::ImageOptimizationStep> h;
    dlc::maximize_activation(net, 2, 1, x0, ao, rng, &h);
    BOOST_TEST(h.back().score > h.front().score);
    // DeepDream raises the layer's energy.
    dlc::DeepDreamOptions dd;
    dd.steps = 10;
    dd.jitter = 1;
    std::vector<dlc::ImageOptimizationStep> hd;
    dlc::deepdream(net, 1, x0, dd, rng, &hd);
    BOOST_TEST(hd.back().objective > hd.front().objective);
    // Inversion of the first convolution's features recovers them closely.
    const Tensor<double> target = dlc::forward_to(net, x0, 0);
    dlc::InversionOptions io;
    io.steps = 300;
    io.learning_rate = 0.01;
    std::vector<dlc::ImageOptimizationStep> hi;
    dlc::invert_features(net, 0, target, Tensor<double>(xt::zeros_like(x0)), io, rng, &hi);
    BOOST_TEST(hi.back().score < 0.01 * hi.front().score);
    check_throws<dlc::ShapeError>([&] { dlc::invert_features(net, 0, Tensor<double>(xt::ones<double>({1, 3, 2, 2})), x0, io, rng); },
                                  {"target must have the layer's output shape"});
}

BOOST_AUTO_TEST_SUITE_END()
