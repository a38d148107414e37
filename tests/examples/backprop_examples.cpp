// Worked examples of the backprop lecture, computed with lib/nn and lib/optim, every expected number
// derived by hand in the comments (never pasted from program output). Sources: Bahng's "Deep Learning"
// notes, Example 1.6 (ECE 685 midterm: a sigmoid and a tanh hidden unit, linear output) and Example 1.7
// (a 2-2-2 ReLU network); the NYU slides (Kaiming initialization, RMSprop, Adam); HW5 Q1's quadratic.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "core/rng.hpp"
#include "nn/gradcheck.hpp"
#include "nn/init.hpp"
#include "nn/linear.hpp"
#include "nn/per_unit_activation.hpp"
#include "nn/relu.hpp"
#include "nn/sequential.hpp"
#include "nn/sigmoid.hpp"
#include "nn/squared_loss.hpp"
#include "optim/adam.hpp"
#include "optim/gd.hpp"
#include "optim/momentum.hpp"
#include "optim/rmsprop.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <memory>
#include <vector>

BOOST_AUTO_TEST_SUITE(backprop_examples)

namespace {

namespace tt = boost::test_tools;
using dlc::Tensor;

// Example 1.7's network from the handout's table: W(k, j) connects input j to output k.
//   hidden W = ((w11, w21), (w12, w22)) = ((1, -0.5), (0.5, 1)),  b = (b1, b2) = (-0.5, -0.5)
//   output W = ((w31, w41), (w32, w42)) = ((0.5, -1), (-2, 0.5)), b = (b3, b4) = (1, 1)
struct Example17 {
    dlc::Sequential<double> net;
    dlc::Linear<double>* hidden;
    dlc::Linear<double>* output;
    Example17() {
        hidden = &net.add<dlc::Linear<double>>(Tensor<double>{{1, -0.5}, {0.5, 1}}, Tensor<double>{-0.5, -0.5});
        net.add<dlc::ReLU<double>>();
        output = &net.add<dlc::Linear<double>>(Tensor<double>{{0.5, -1}, {-2, 0.5}}, Tensor<double>{1, 1});
        net.add<dlc::ReLU<double>>();
    }
};
const Tensor<double> x17{{1, 2}}, t17{{2, 4}};

// Example 1.6's network: hidden W rows (w11, w21, w31) and (w12, 0, w32) (no x2 -> h2), b = (b1, b2);
// h1 = sigma, h2 = tanh; output (w1, w2), no bias.
std::unique_ptr<dlc::Sequential<double>> example16(const Tensor<double>& W, const Tensor<double>& b,
                                                   const Tensor<double>& U) {
    auto net = std::make_unique<dlc::Sequential<double>>();
    net->add<dlc::Linear<double>>(W, b);
    auto& h = net->add<dlc::PerUnitActivation<double>>();
    h.add<dlc::Sigmoid<double>>();
    h.add<dlc::Tanh<double>>();
    net->add<dlc::Linear<double>>(U, Tensor<double>::from_shape({std::size_t{0}}));
    return net;
}

// A (n, 1) column of targets (a braced list of one-element rows is ambiguous for xarray).
Tensor<double> column(std::initializer_list<double> values) {
    Tensor<double> t = Tensor<double>::from_shape({values.size(), 1});
    std::copy(values.begin(), values.end(), t.begin());
    return t;
}

const Tensor<double>& grad(dlc::Sequential<double>& net, std::size_t layer, std::size_t which) {
    return *net[layer].parameters().at(which).grad;
}

}  // namespace

// ============================================================ Bahng Example 1.7: forward
//
// v_h1 = x1 w11 + x2 w21 + b1 = 1 - 1 - 0.5 = -0.5  -> h1 = 0
// v_h2 = x1 w12 + x2 w22 + b2 = 0.5 + 2 - 0.5 = 2   -> h2 = 2
// v_y1 = h1 w31 + h2 w41 + b3 = 0 - 2 + 1 = -1      -> y1 = 0
// v_y2 = h1 w32 + h2 w42 + b4 = 0 + 1 + 1 = 2       -> y2 = 2
// Squared errors (t - y)^2 = 4, 4: 1/2 sum = 4, 1/n sum (n = 2) = 4, sum = 8.
BOOST_AUTO_TEST_CASE(example_1_7_forward_and_mse) {
    Example17 e;
    const auto& y = e.net.forward(x17);
    BOOST_TEST(e.net[0].output()(0, 0) == -0.5);
    BOOST_TEST(e.net[0].output()(0, 1) == 2.0);
    BOOST_TEST(e.net[1].output()(0, 0) == 0.0);
    BOOST_TEST(e.net[1].output()(0, 1) == 2.0);
    BOOST_TEST(e.net[2].output()(0, 0) == -1.0);
    BOOST_TEST(y(0, 0) == 0.0);
    BOOST_TEST(y(0, 1) == 2.0);
    dlc::SquaredLoss<double> half(dlc::SquaredConvention::half_sum), mean(dlc::SquaredConvention::mean_elements),
        sum(dlc::SquaredConvention::sum);
    BOOST_TEST(half.forward(y, t17) == 4.0);
    BOOST_TEST(mean.forward(y, t17) == 4.0);
    BOOST_TEST(sum.forward(y, t17) == 8.0);
}

// ============================================================ Bahng Example 1.7: backward and one GD step
//
// E = 1/2 sum (t - y)^2: dE/dy = y - t = (-2, -2); ReLU' = [v >= 0] gives delta_y = (-2 * 0, -2 * 1) = (0, -2).
//   dE/dw31 = delta_y1 h1 = 0,  dE/dw41 = delta_y1 h2 = 0,  dE/db3 = 0
//   dE/dw32 = delta_y2 h1 = 0,  dE/dw42 = delta_y2 h2 = -4, dE/db4 = -2
// delta_h = ReLU'(v_h) ⊙ W_out^T delta_y: W_out^T delta_y = (w31 * 0 + w32 * (-2), w41 * 0 + w42 * (-2)) = (4, -1),
//   ReLU'(v_h) = (0, 1) -> delta_h = (0, -1).
//   dE/dw11 = dE/dw21 = dE/db1 = 0;  dE/dw12 = delta_h2 x1 = -1, dE/dw22 = delta_h2 x2 = -2, dE/db2 = -1.
//   dE/dx = W_hid^T delta_h = (w11 * 0 + w12 * (-1), w21 * 0 + w22 * (-1)) = (-0.5, -1).
// GD, eta = 0.01: w31 = 0.5 - 0 = 0.5, w42 = 0.5 + 0.04 = 0.54, w22 = 1 + 0.02 = 1.02.
// With E = sum (t - y)^2 every gradient doubles: w42 = 0.58, w22 = 1.04; 1/n sum (n = 2) equals 1/2 sum.
BOOST_AUTO_TEST_CASE(example_1_7_gradients_and_updates) {
    Example17 e;
    dlc::SquaredLoss<double> half(dlc::SquaredConvention::half_sum);
    e.net.zero_grad();
    half.forward(e.net.forward(x17), t17);
    const auto& dx = e.net.backward(half.backward());
    const auto& gW2 = e.output->grad_W();
    const auto& gW1 = e.hidden->grad_W();
    BOOST_TEST(gW2(0, 0) == 0.0);   // w31
    BOOST_TEST(gW2(0, 1) == 0.0);   // w41
    BOOST_TEST(gW2(1, 0) == 0.0);   // w32
    BOOST_TEST(gW2(1, 1) == -4.0);  // w42
    BOOST_TEST(e.output->grad_b()(0) == 0.0);
    BOOST_TEST(e.output->grad_b()(1) == -2.0);
    BOOST_TEST(gW1(0, 0) == 0.0);   // w11
    BOOST_TEST(gW1(0, 1) == 0.0);   // w21
    BOOST_TEST(gW1(1, 0) == -1.0);  // w12
    BOOST_TEST(gW1(1, 1) == -2.0);  // w22
    BOOST_TEST(e.hidden->grad_b()(0) == 0.0);
    BOOST_TEST(e.hidden->grad_b()(1) == -1.0);
    BOOST_TEST(dx(0, 0) == -0.5);
    BOOST_TEST(dx(0, 1) == -1.0);

    for (auto conv : {dlc::SquaredConvention::half_sum, dlc::SquaredConvention::mean_elements,
                      dlc::SquaredConvention::sum}) {
        Example17 n;
        dlc::SquaredLoss<double> loss(conv);
        dlc::GradientDescent<double> gd(n.net.parameters(), 0.01);
        gd.zero_grad();
        loss.forward(n.net.forward(x17), t17);
        n.net.backward(loss.backward());
        gd.step();
        const double k = conv == dlc::SquaredConvention::sum ? 2.0 : 1.0;
        BOOST_TEST_CONTEXT(dlc::to_string(conv)) {
            BOOST_TEST(n.output->W()(0, 0) == 0.5, tt::tolerance(1e-15));
            BOOST_TEST(n.output->W()(1, 1) == 0.5 + k * 0.04, tt::tolerance(1e-15));
            BOOST_TEST(n.hidden->W()(1, 1) == 1.0 + k * 0.02, tt::tolerance(1e-15));
        }
    }
    // The pre-activations are at least 0.5 from ReLU's kink: finite differences apply.
    Example17 c;
    const auto r = dlc::gradcheck(c.net, half, x17, t17);
    BOOST_TEST(r.max_relative_error < 1e-8, r.str());
}

// ============================================================ Bahng Example 1.6 at a point chosen for exact values
//
// b1 = b2 = 0, (w11, w21, w31) = (1, 1, 1), (w12, w32) = (1, -1), (w1, w2) = (2, 3); x = (1, -2, 1), y = 0.
//   z1 = 1 - 2 + 1 = 0 -> a1 = sigma(0) = 1/2;  z2 = 1 - 1 = 0 -> a2 = tanh(0) = 0.
//   f = w1 a1 + w2 a2 = 1, L = 1/2 (f - y)^2 = 1/2, f - y = 1.
// The handout's partials times (f - y) = 1, with s = w1 a1 (1 - a1) = 1/2 and t = w2 (1 - a2^2) = 3:
//   dL/db1 = s = 1/2, dL/db2 = t = 3,
//   dL/dw11 = s x1 = 1/2, dL/dw21 = s x2 = -1, dL/dw31 = s x3 = 1/2,
//   dL/dw12 = t x1 = 3,   dL/dw32 = t x3 = 3 (the handout's "w13"),
//   dL/dw1 = a1 = 1/2,    dL/dw2 = a2 = 0;
//   the dense layer's entry for the absent x2 -> h2 weight: t x2 = -6.
// One SGD step with eta = 0.1: b2 = 0 - 0.3 = -0.3, w21 = 1 + 0.1 = 1.1, w1 = 2 - 0.05 = 1.95, w2 = 3.
BOOST_AUTO_TEST_CASE(example_1_6_gradient_at_an_exact_point) {
    auto net = example16(Tensor<double>{{1, 1, 1}, {1, 0, -1}}, Tensor<double>{0, 0}, Tensor<double>{{2, 3}});
    const Tensor<double> x{{1, -2, 1}}, y = column({0});
    dlc::SquaredLoss<double> loss(dlc::SquaredConvention::half_sum);
    net->zero_grad();
    BOOST_TEST(loss.forward(net->forward(x), y) == 0.5);
    BOOST_TEST(net->output()(0, 0) == 1.0);
    net->backward(loss.backward());
    const auto& gW = grad(*net, 0, 0);
    const auto& gb = grad(*net, 0, 1);
    const auto& gU = grad(*net, 2, 0);
    BOOST_TEST(gb(0) == 0.5);
    BOOST_TEST(gb(1) == 3.0);
    BOOST_TEST(gW(0, 0) == 0.5);
    BOOST_TEST(gW(0, 1) == -1.0);
    BOOST_TEST(gW(0, 2) == 0.5);
    BOOST_TEST(gW(1, 0) == 3.0);
    BOOST_TEST(gW(1, 1) == -6.0);  // not a parameter of Example 1.6's network
    BOOST_TEST(gW(1, 2) == 3.0);
    BOOST_TEST(gU(0, 0) == 0.5);
    BOOST_TEST(gU(0, 1) == 0.0);

    dlc::GradientDescent<double> sgd(net->parameters(), 0.1);
    (*net->parameters()[0].grad)(1, 1) = 0;  // keep the absent connection absent
    sgd.step();
    const auto& W = *net->parameters()[0].value;
    BOOST_TEST((*net->parameters()[1].value)(1) == -0.3, tt::tolerance(1e-15));
    BOOST_TEST(W(0, 1) == 1.1, tt::tolerance(1e-15));
    BOOST_TEST(W(1, 1) == 0.0);
    BOOST_TEST((*net->parameters()[2].value)(0, 0) == 1.95, tt::tolerance(1e-15));
    BOOST_TEST((*net->parameters()[2].value)(0, 1) == 3.0);
}

// The same network at generic weights and several points: backprop passes the finite-difference check.
BOOST_AUTO_TEST_CASE(example_1_6_gradient_check) {
    auto net = example16(Tensor<double>{{0.5, 0.25, -0.75}, {-0.5, 0, 1.0}}, Tensor<double>{0.1, -0.1},
                         Tensor<double>{{1.5, -2.0}});
    const Tensor<double> X{{1, 0, -1}, {0.5, -1, 2}, {-1, 1, 0.5}, {2, 0.5, 1}}, y = column({0.5, -1, 1, 0});
    dlc::SquaredLoss<double> loss(dlc::SquaredConvention::half_sum);
    const auto r = dlc::gradcheck(*net, loss, X, y);
    BOOST_TEST(r.entries == 6u + 2u + 2u + 12u);  // W, b, U and the inputs X
    BOOST_TEST(r.max_relative_error < 1e-8, r.str());
}

// ============================================================ Kaiming: the gain n s^2 / 2 per ReLU layer
//
// x_l = ReLU(W_l x_{l-1}), w ~ N(0, s^2), width n: E[x_l^2] = (n s^2 / 2) E[x_{l-1}^2].
// Kaiming s^2 = 2/n: gain 1, so Var[x_20] / Var[x_1] = 1 (up to sampling noise);
// N(0, 1/n): gain 1/2, so Var[x_20] / Var[x_1] = 2^-19, i.e. log2 of the ratio is -19.
BOOST_AUTO_TEST_CASE(kaiming_keeps_the_variance_and_fan_in_halves_it) {
    const std::size_t n = 256, batch = 128, depth = 20;
    dlc::Rng rng(11);
    Tensor<double> X = Tensor<double>::from_shape({batch, n});
    for (auto& v : X) v = rng.normal();
    const auto log2_ratio = [&](const dlc::WeightInit& init) {
        dlc::Sequential<double> net;
        for (std::size_t l = 0; l < depth; ++l) {
            net.add<dlc::Linear<double>>(n, n, rng, init, dlc::WeightInit::zeros());
            net.add<dlc::ReLU<double>>();
        }
        net.forward(X);
        const auto m2 = [&](std::size_t i) {
            const auto& a = net[i].output();
            double s = 0;
            for (double v : a) s += v * v;
            return s / double(a.size());
        };
        return std::log2(m2(2 * depth - 1) / m2(1));
    };
    BOOST_TEST(std::abs(log2_ratio(dlc::WeightInit::kaiming())) < 1.5);
    BOOST_TEST(log2_ratio(dlc::WeightInit::normal_fan_in()) == -19.0, tt::tolerance(0.08));
}

// ============================================================ First steps of the optimizers on HW5's quadratic
//
// R(w) = 13 w1^2 - 10 w1 w2 + 4 w1 + 2 w2^2 - 2 w2 + 1, grad R = (26 w1 - 10 w2 + 4, -10 w1 + 4 w2 - 2);
// from w = 0: g(0) = (4, -2).
//   GD, eta = 0.05:         w(1) = -0.05 (4, -2) = (-0.2, 0.1).
//   Momentum, eta = 0.05, mu = 0.9: v(1) = -eta g(0) = (-0.2, 0.1), w(1) = (-0.2, 0.1);
//     g(1) = (-5.2 - 1 + 4, 2 + 0.4 - 2) = (-2.2, 0.4); v(2) = 0.9 v(1) - 0.05 g(1) = (-0.18 + 0.11, 0.09 - 0.02)
//     = (-0.07, 0.07); w(2) = (-0.27, 0.17).
//   RMSprop, alpha = 0.01, gamma = 0.1, eps = 0: s = 0.1 g^2 = (1.6, 0.4); the step alpha g / sqrt(s) =
//     alpha g / (sqrt(gamma) |g|) = 0.01 sqrt(10) sign(g): w(1) = (-0.01 sqrt(10), 0.01 sqrt(10)).
//   Adam, alpha = 0.05, eps = 0: m_hat = g, v_hat = g^2 at t = 1, step alpha sign(g): w(1) = (-0.05, 0.05).
BOOST_AUTO_TEST_CASE(optimizers_first_steps_on_the_hw5_quadratic) {
    const auto gradient = [](const Tensor<double>& w) {
        return Tensor<double>{26 * w(0) - 10 * w(1) + 4, -10 * w(0) + 4 * w(1) - 2};
    };
    const auto run = [&](auto make, std::size_t steps) {
        Tensor<double> w{0.0, 0.0}, g{0.0, 0.0};
        auto opt = make(std::vector<dlc::Parameter<double>>{{"w", &w, &g}});
        for (std::size_t t = 0; t < steps; ++t) {
            g = gradient(w);
            opt->step();
        }
        return w;
    };
    using P = std::vector<dlc::Parameter<double>>;
    const auto gd = run([](P p) { return std::make_unique<dlc::GradientDescent<double>>(p, 0.05); }, 1);
    BOOST_TEST(gd(0) == -0.2, tt::tolerance(1e-15));
    BOOST_TEST(gd(1) == 0.1, tt::tolerance(1e-15));
    const auto mom = run([](P p) { return std::make_unique<dlc::Momentum<double>>(p, 0.05, 0.9); }, 2);
    BOOST_TEST(mom(0) == -0.27, tt::tolerance(1e-14));
    BOOST_TEST(mom(1) == 0.17, tt::tolerance(1e-14));
    const auto rms = run([](P p) { return std::make_unique<dlc::RMSprop<double>>(p, 0.01, 0.1, 0.0); }, 1);
    BOOST_TEST(rms(0) == -0.01 * std::sqrt(10.0), tt::tolerance(1e-14));
    BOOST_TEST(rms(1) == 0.01 * std::sqrt(10.0), tt::tolerance(1e-14));
    const auto adam = run([](P p) { return std::make_unique<dlc::Adam<double>>(p, 0.05, 0.9, 0.999, 0.0); }, 1);
    BOOST_TEST(adam(0) == -0.05, tt::tolerance(1e-14));
    BOOST_TEST(adam(1) == 0.05, tt::tolerance(1e-14));
}

BOOST_AUTO_TEST_SUITE_END()
