// Unit tests of lib/interpret's attribution methods: the guided-backprop and deconvnet rules of ReLU on the
// NYU slide's example and beside the plain gradient; target functions' gradients against central differences
// (double); Grad-CAM on hand-built networks whose answer is known; CAM = Grad-CAM on a GAP network;
// integrated gradients' completeness (exact for a linear model, converging for a ReLU network); occlusion on a
// linear model; Spearman's correlation by hand; bad arguments.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"
#include "../nn_check.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"
#include "interpret/attribution.hpp"
#include "interpret/passes.hpp"
#include "nn/conv2d.hpp"
#include "nn/flatten.hpp"
#include "nn/linear.hpp"
#include "nn/pooling.hpp"
#include "nn/relu.hpp"
#include "nn/sequential.hpp"
#include "nn/sigmoid.hpp"

#include <cmath>
#include <vector>

BOOST_AUTO_TEST_SUITE(interpret_attribution)

namespace {

namespace tt = boost::test_tools;
using dlc::Tensor;
using dlc_test::check_throws;

// A small ReLU CNN in double: conv 1->3 3x3 (padding 1), ReLU, conv 3->4 3x3, ReLU, flatten, linear -> 5.
std::unique_ptr<dlc::Sequential<double>> small_cnn(dlc::Rng& rng) {
    auto net = std::make_unique<dlc::Sequential<double>>();
    net->add<dlc::Conv2d<double>>(1, 3, 3, 3, rng, dlc::ConvOptions{1, 1});
    net->add<dlc::ReLU<double>>();
    net->add<dlc::Conv2d<double>>(3, 4, 3, 3, rng);
    net->add<dlc::ReLU<double>>();
    net->add<dlc::Flatten<double>>();
    net->add<dlc::Linear<double>>(4 * 4 * 4, 5, rng);
    for (auto& p : net->parameters())
        if (p.is_bias)
            for (auto& v : *p.value) v = rng.uniform(-0.2, 0.2);
    return net;
}

}  // namespace

BOOST_AUTO_TEST_CASE(guided_and_deconvnet_rules_on_the_slide_example) {
    // NYU slide: z = (-1, 2, 3, 0.5, -0.2), y-bar = (1, -1, 2, 3, -4).
    const Tensor<double> z = {{-1, 2, 3, 0.5, -0.2}}, ybar = {{1, -1, 2, 3, -4}};
    dlc::ReLU<double> relu;
    relu.forward(z);
    BOOST_TEST((relu.backward(ybar) == Tensor<double>{{0, -1, 2, 3, 0}}));  // plain: y-bar where z > 0
    relu.set_backward_rule(dlc::ReLUBackward::guided);
    BOOST_TEST((relu.backward(ybar) == Tensor<double>{{0, 0, 2, 3, 0}}));   // and y-bar > 0
    relu.set_backward_rule(dlc::ReLUBackward::deconvnet);
    BOOST_TEST((relu.backward(ybar) == Tensor<double>{{1, 0, 2, 3, 0}}));   // max(y-bar, 0)
    BOOST_TEST(std::string(dlc::relu_backward_name(relu.backward_rule())) == "deconvnet");
}

BOOST_AUTO_TEST_CASE(guided_is_plain_masked_by_a_positive_signal_and_plain_is_still_the_gradient) {
    dlc::Rng rng(3);
    const Tensor<double> v = dlc_test::uniform<double>({4, 7}, rng), g = dlc_test::uniform<double>({4, 7}, rng);
    dlc::ReLU<double> relu;
    relu.forward(v);
    const Tensor<double> plain = relu.backward(g);
    relu.set_backward_rule(dlc::ReLUBackward::guided);
    const Tensor<double> guided = relu.backward(g);
    for (std::size_t i = 0; i < v.size(); ++i)
        BOOST_TEST(guided.data()[i] == (g.data()[i] > 0 ? plain.data()[i] : 0.0));
    // Back to plain: the numerical gradient check passes again.
    relu.set_backward_rule(dlc::ReLUBackward::plain);
    Tensor<double> away = v;
    for (auto& x : away) x = x < 0 ? x - 0.1 : x + 0.1;
    dlc_test::check_gradients(relu, away, "ReLU after a guided pass");
}

BOOST_AUTO_TEST_CASE(rule_scope_sets_every_relu_and_restores_plain) {
    dlc::Rng rng(4);
    auto net = small_cnn(rng);
    {
        dlc::ReluRuleScope<double> scope(*net, dlc::ReLUBackward::guided);
        BOOST_TEST((dynamic_cast<dlc::ReLU<double>&>((*net)[1]).backward_rule() == dlc::ReLUBackward::guided));
        BOOST_TEST((dynamic_cast<dlc::ReLU<double>&>((*net)[3]).backward_rule() == dlc::ReLUBackward::guided));
    }
    BOOST_TEST((dynamic_cast<dlc::ReLU<double>&>((*net)[3]).backward_rule() == dlc::ReLUBackward::plain));
    BOOST_TEST(dlc::set_relu_backward(*net, dlc::ReLUBackward::plain) == 2u);
}

BOOST_AUTO_TEST_CASE(target_gradients_match_central_differences) {
    dlc::Rng rng(5);
    const Tensor<double> z = dlc_test::uniform<double>({3, 4}, rng, -2, 2);
    const dlc::Labels cls = {2, 0, 3};
    for (auto target : {dlc::AttributionTarget::logit, dlc::AttributionTarget::log_probability,
                        dlc::AttributionTarget::probability}) {
        Tensor<double> g;
        const auto f = dlc::target_values(z, cls, target, g);
        double worst = 0;
        for (std::size_t k = 0; k < z.size(); ++k) {
            Tensor<double> zp = z, zm = z, gp;
            zp.data()[k] += 1e-6;
            zm.data()[k] -= 1e-6;
            const std::size_t row = k / 4;
            const double num = (dlc::target_values(zp, cls, target, gp)[row] - dlc::target_values(zm, cls, target, gp)[row]) / 2e-6;
            worst = std::max(worst, std::abs(num - g.data()[k]));
        }
        BOOST_TEST(worst < 1e-8, dlc::attribution_target_name(target) << ": " << worst);
        if (target == dlc::AttributionTarget::probability) {
            double s = 0;
            for (std::size_t k = 0; k < 4; ++k) s += std::exp(z(0, k));
            BOOST_TEST(f[0] == std::exp(z(0, 2)) / s, tt::tolerance(1e-12));
        }
    }
    Tensor<double> g;
    check_throws<dlc::ValueError>([&] { dlc::target_values(z, dlc::Labels{2, 0, 7}, dlc::AttributionTarget::logit, g); },
                                  {"class 7"});
    check_throws<dlc::ShapeError>([&] { dlc::target_values(z, dlc::Labels{2}, dlc::AttributionTarget::logit, g); }, {"logits"});
}

BOOST_AUTO_TEST_CASE(input_gradient_matches_central_differences) {
    dlc::Rng rng(6);
    auto net = small_cnn(rng);
    const Tensor<double> x = dlc_test::uniform<double>({2, 1, 6, 6}, rng);
    const dlc::Labels cls = {1, 4};
    const Tensor<double> g = dlc::input_gradient(*net, x, cls, dlc::AttributionTarget::log_probability);
    Tensor<double> gz;
    double worst = 0;
    for (std::size_t k = 0; k < x.size(); k += 5) {
        Tensor<double> xp = x, xm = x;
        xp.data()[k] += 1e-6;
        xm.data()[k] -= 1e-6;
        const std::size_t row = k / 36;
        const double fp = dlc::target_values(net->forward(xp), cls, dlc::AttributionTarget::log_probability, gz)[row];
        const double fm = dlc::target_values(net->forward(xm), cls, dlc::AttributionTarget::log_probability, gz)[row];
        worst = std::max(worst, std::abs((fp - fm) / 2e-6 - g.data()[k]));
    }
    BOOST_TEST(worst < 1e-6);
    // The saliency map is the largest |gradient| over channels.
    Tensor<double> two = xt::zeros<double>({std::size_t(1), std::size_t(2), std::size_t(1), std::size_t(2)});
    two(0, 0, 0, 0) = -3, two(0, 1, 0, 0) = 2, two(0, 0, 0, 1) = 0.5, two(0, 1, 0, 1) = -1;
    const auto s = dlc::saliency_map(two);
    BOOST_TEST(s(0, 0, 0) == 3.0);
    BOOST_TEST(s(0, 0, 1) == 1.0);
}

BOOST_AUTO_TEST_CASE(grad_cam_on_hand_built_networks) {
    // (a) A = x through an identity 1x1 convolution and a ReLU, flattened, z = W a with W = (1, 2, 3, 4):
    // dz/dA = W laid out as the map, alpha = mean(W) = 2.5, Grad-CAM = ReLU(2.5 x).
    dlc::Sequential<double> a;
    a.add<dlc::Conv2d<double>>(Tensor<double>(xt::ones<double>({1, 1, 1, 1})), Tensor<double>(xt::zeros<double>({1})));
    a.add<dlc::ReLU<double>>();
    a.add<dlc::Flatten<double>>();
    a.add<dlc::Linear<double>>(Tensor<double>{{1, 2, 3, 4}}, Tensor<double>{0.5});
    const Tensor<double> x = {{{{1, 2}, {3, 4}}}};
    const auto ra = dlc::grad_cam(a, x, dlc::Labels{0}, 1);
    BOOST_TEST(ra.weights(0, 0) == 2.5);
    BOOST_TEST((ra.maps == Tensor<double>{{{2.5, 5}, {7.5, 10}}}));

    // (b) Two 1x1 filters (1 and 2), ReLU, global average pooling, W = [[1, -1], [0.5, 3]]: alpha^c = w^c / 4.
    dlc::Sequential<double> b;
    Tensor<double> kb = xt::ones<double>({2, 1, 1, 1});
    kb(1, 0, 0, 0) = 2.0;
    b.add<dlc::Conv2d<double>>(kb, Tensor<double>(xt::zeros<double>({2})));
    b.add<dlc::ReLU<double>>();
    b.add<dlc::GlobalAvgPool2d<double>>();
    b.add<dlc::Linear<double>>(Tensor<double>{{1, -1}, {0.5, 3}}, Tensor<double>{0.0, 0.0});
    // Class 0: alpha = (1/4, -1/4), sum = x/4 - 2x/4 = -x/4 < 0 everywhere: the ReLU leaves nothing.
    const auto r0 = dlc::grad_cam(b, x, dlc::Labels{0}, 1);
    BOOST_TEST(r0.weights(0, 0) == 0.25);
    BOOST_TEST(r0.weights(0, 1) == -0.25);
    BOOST_TEST((r0.maps_before_relu == Tensor<double>{{{-0.25, -0.5}, {-0.75, -1}}}));
    BOOST_TEST(xt::amax(r0.maps)() == 0.0);
    // Class 1: alpha = (0.125, 0.75), map = 0.125 x + 1.5 x = 1.625 x; CAM = 0.5 x + 6 x = 6.5 x = 4 Grad-CAM.
    const auto r1 = dlc::grad_cam(b, x, dlc::Labels{1}, 1);
    BOOST_TEST((r1.maps == Tensor<double>{{{1.625, 3.25}, {4.875, 6.5}}}));
    const auto cam = dlc::class_activation_map(b, x, dlc::Labels{1}, 1, 3);
    BOOST_TEST((cam == Tensor<double>{{{6.5, 13}, {19.5, 26}}}));

    check_throws<dlc::ValueError>([&] { dlc::grad_cam(b, x, dlc::Labels{0}, 3); }, {"below the network's last module"});
    check_throws<dlc::ValueError>([&] { dlc::grad_cam(b, x, dlc::Labels{0}, 2); }, {"(N, K, h, w)"});
    check_throws<dlc::ValueError>([&] { dlc::class_activation_map(a, x, dlc::Labels{0}, 1, 3); }, {"GlobalAvgPool2d"});
}

BOOST_AUTO_TEST_CASE(cam_equals_grad_cam_on_a_random_gap_network) {
    dlc::Rng rng(8);
    dlc::Sequential<double> net;
    net.add<dlc::Conv2d<double>>(1, 4, 3, 3, rng, dlc::ConvOptions{1, 1});
    net.add<dlc::ReLU<double>>();
    net.add<dlc::Conv2d<double>>(4, 6, 3, 3, rng, dlc::ConvOptions{1, 1});
    net.add<dlc::ReLU<double>>();
    net.add<dlc::GlobalAvgPool2d<double>>();
    net.add<dlc::Linear<double>>(6, 3, rng);
    const Tensor<double> x = dlc_test::uniform<double>({4, 1, 5, 5}, rng);
    const dlc::Labels cls = {0, 1, 2, 1};
    const auto cam = dlc::class_activation_map(net, x, cls, 3, 5);
    const auto gc = dlc::grad_cam(net, x, cls, 3);
    const auto& W = dynamic_cast<dlc::Linear<double>&>(net[5]).W();
    for (std::size_t n = 0; n < 4; ++n) {
        for (std::size_t k = 0; k < 6; ++k) BOOST_TEST(25 * gc.weights(n, k) == W(cls(n), k), tt::tolerance(1e-12));
        for (std::size_t i = 0; i < 5; ++i)
            for (std::size_t j = 0; j < 5; ++j)
                BOOST_TEST(25 * gc.maps(n, i, j) == std::max(0.0, cam(n, i, j)), tt::tolerance(1e-12));
    }
}

BOOST_AUTO_TEST_CASE(integrated_gradients_completeness) {
    // A linear model: the gradient is constant, so IG = (x - x') * w for any number of steps.
    dlc::Sequential<double> lin;
    lin.add<dlc::Flatten<double>>();
    lin.add<dlc::Linear<double>>(Tensor<double>{{1, -2, 3, 0.5}, {0, 1, 1, 1}}, Tensor<double>{0.1, 0.2});
    const Tensor<double> x = {{{{1, 2}, {3, 4}}}}, base = xt::zeros<double>({1, 1, 2, 2});
    const auto r = dlc::integrated_gradients(lin, x, base, 0, 3);
    const Tensor<double> want = {{{{1, -4}, {9, 2}}}};
    BOOST_TEST(dlc_test::max_abs_diff(r.attributions, want) < 1e-12);
    BOOST_TEST(r.completeness_error < 1e-12);
    BOOST_TEST(r.f_input - r.f_baseline == 8.0, tt::tolerance(1e-12));

    // A ReLU network: the error of the trapezoid rule shrinks as the steps grow.
    dlc::Rng rng(9);
    auto net = small_cnn(rng);
    const Tensor<double> xi = dlc_test::uniform<double>({1, 1, 6, 6}, rng), b0 = xt::zeros<double>({1, 1, 6, 6});
    const auto coarse = dlc::integrated_gradients(*net, xi, b0, 2, 2);
    const auto fine = dlc::integrated_gradients(*net, xi, b0, 2, 512, dlc::AttributionTarget::logit, 100);
    BOOST_TEST(fine.completeness_error < 1e-3 * std::abs(fine.f_input - fine.f_baseline) + 1e-9);
    BOOST_TEST(fine.completeness_error <= coarse.completeness_error);
    check_throws<dlc::ShapeError>([&] { dlc::integrated_gradients(*net, xi, Tensor<double>(xt::zeros<double>({1, 1, 5, 5})), 2, 4); },
                                  {"same shape"});
    check_throws<dlc::ValueError>([&] { dlc::integrated_gradients(*net, xi, b0, 2, 0); }, {"steps"});
}

BOOST_AUTO_TEST_CASE(occlusion_on_a_linear_model_is_weight_times_value) {
    // z_0 = sum w_ij x_ij: hiding pixel (i, j) (patch 1, fill 0) lowers the logit by w_ij x_ij.
    dlc::Sequential<double> lin;
    lin.add<dlc::Flatten<double>>();
    lin.add<dlc::Linear<double>>(Tensor<double>{{1, -2, 3, 0.5}}, Tensor<double>{0.0});
    const Tensor<double> x = {{{{1, 2}, {3, 4}}}};
    dlc::OcclusionOptions o;
    o.patch = 1;
    o.target = dlc::AttributionTarget::logit;
    const auto m = dlc::occlusion_map(lin, x, dlc::Labels{0}, o);
    BOOST_TEST((m == Tensor<double>{{{1, -4}, {9, 2}}}));
    // A 2x2 patch covers everything once: each pixel gets the whole drop, 8.
    o.patch = 2;
    BOOST_TEST((dlc::occlusion_map(lin, x, dlc::Labels{0}, o) == Tensor<double>{{{8, 8}, {8, 8}}}));
    o.patch = 3;
    check_throws<dlc::ValueError>([&] { dlc::occlusion_map(lin, x, dlc::Labels{0}, o); }, {"patch"});
}

BOOST_AUTO_TEST_CASE(spearman_by_hand_and_maps_resizing) {
    // d = (0, 1, -1, 0): rho = 1 - 6 * 2 / (4 * 15) = 0.8.
    BOOST_TEST(dlc::spearman_correlation(Tensor<double>{1, 2, 3, 4}, Tensor<double>{1, 3, 2, 4}) == 0.8, tt::tolerance(1e-12));
    // Ties share their mean rank: ranks (0.5, 0.5, 2) and (0, 1, 2) give 1.5 / sqrt(1.5 * 2).
    BOOST_TEST(dlc::spearman_correlation(Tensor<double>{1, 1, 2}, Tensor<double>{1, 2, 3}) == 1.5 / std::sqrt(3.0),
               tt::tolerance(1e-12));
    BOOST_TEST(dlc::spearman_correlation(Tensor<double>{1, 2, 3}, Tensor<double>{3, 2, 1}) == -1.0, tt::tolerance(1e-12));
    check_throws<dlc::ShapeError>([] { dlc::spearman_correlation(Tensor<double>{1}, Tensor<double>{1}); }, {"length"});
    const Tensor<double> c = xt::ones<double>({2, 3, 3}) * 0.7;
    BOOST_TEST(xt::amax(xt::abs(dlc::upsample_maps(c, 7, 5) - 0.7))() < 1e-12);
    const Tensor<double> g = xt::ones<double>({2, 1, 7, 5}) * 2.0;
    const Tensor<double> gg = dlc::guided_grad_cam(g, dlc::upsample_maps(c, 7, 5));  // 2 x 0.7 everywhere
    BOOST_TEST((gg.shape() == std::vector<std::size_t>{2, 1, 7, 5}));
    BOOST_TEST(xt::amax(xt::abs(gg - 1.4))() < 1e-12);
}

BOOST_AUTO_TEST_SUITE_END()
