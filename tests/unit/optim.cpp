// Unit tests of lib/optim's update rules, schedules, clipping and divergence detection: each
// optimizer's first steps against hand computations, minibatch SGD against the vectorized batch
// update, and HW5 Q1's quadratic (convergence at eta = 0.02, detected divergence at eta = 0.1).
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"
#include "nn/linear.hpp"
#include "nn/sequential.hpp"
#include "nn/sigmoid.hpp"
#include "nn/squared_loss.hpp"
#include "optim/adam.hpp"
#include "optim/clip.hpp"
#include "optim/divergence.hpp"
#include "optim/gd.hpp"
#include "optim/minibatch.hpp"
#include "optim/momentum.hpp"
#include "optim/rmsprop.hpp"
#include "optim/schedule.hpp"

#include <cmath>
#include <string>
#include <vector>

BOOST_AUTO_TEST_SUITE(optim)

namespace {

namespace tt = boost::test_tools;
using dlc::Tensor;

// One parameter vector theta with its gradient, as an optimizer sees it.
struct Point {
    Tensor<double> theta, grad;
    explicit Point(Tensor<double> t) : theta(std::move(t)), grad(xt::zeros<double>(theta.shape())) {}
    std::vector<dlc::Parameter<double>> params() { return {{"theta", &theta, &grad, false}}; }
};

// HW5 Q1: R(w) = 13 w1^2 - 10 w1 w2 + 4 w1 + 2 w2^2 - 2 w2 + 1, minimum at (1, 3).
double hw5_risk(const Tensor<double>& w) {
    return 13 * w(0) * w(0) - 10 * w(0) * w(1) + 4 * w(0) + 2 * w(1) * w(1) - 2 * w(1) + 1;
}
void hw5_gradient(const Tensor<double>& w, Tensor<double>& g) {
    g(0) = 26 * w(0) - 10 * w(1) + 4;
    g(1) = -10 * w(0) + 4 * w(1) - 2;
}

}  // namespace

using dlc_test::check_throws;

// ---------------------------------------------------------------- first steps by hand

BOOST_AUTO_TEST_CASE(gradient_descent_step) {
    Point p(Tensor<double>{1.0, -2.0});
    dlc::GradientDescent<double> gd(p.params(), 0.1);
    p.grad = Tensor<double>{0.5, -1.0};
    gd.step();  // theta - eta g
    BOOST_TEST(p.theta(0) == 0.95, tt::tolerance(1e-15));
    BOOST_TEST(p.theta(1) == -1.9, tt::tolerance(1e-15));
    BOOST_TEST(gd.steps() == 1u);
}

BOOST_AUTO_TEST_CASE(notes_w4_example) {
    // L8: R(w) = w^4, w(0) = 1, eta = 1/8: w(1) = 1 - 4 * 1 * 1/8 = 1/2,
    // w(2) = 1/2 - 4 (1/2)^3 / 8 = 1/2 - 1/16 = 7/16 (the handout prints 3/16).
    Point p(Tensor<double>{1.0});
    dlc::GradientDescent<double> gd(p.params(), 1.0 / 8);
    std::vector<double> w{1.0};
    for (int t = 0; t < 2; ++t) {
        p.grad(0) = 4 * std::pow(p.theta(0), 3);
        gd.step();
        w.push_back(p.theta(0));
    }
    BOOST_TEST(w[1] == 0.5);
    BOOST_TEST(w[2] == 7.0 / 16);
}

BOOST_AUTO_TEST_CASE(momentum_two_steps) {
    Point p(Tensor<double>{1.0});
    dlc::Momentum<double> opt(p.params(), 0.1, 0.9);
    p.grad(0) = 2.0;
    opt.step();  // v = -0.2, theta = 0.8
    BOOST_TEST(p.theta(0) == 0.8, tt::tolerance(1e-15));
    p.grad(0) = 1.0;
    opt.step();  // v = 0.9 * -0.2 - 0.1 = -0.28, theta = 0.52
    BOOST_TEST(opt.velocities()[0](0) == -0.28, tt::tolerance(1e-15));
    BOOST_TEST(p.theta(0) == 0.52, tt::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(rmsprop_first_steps) {
    // The slides' form: s <- (1 - gamma) s + gamma g^2, theta <- theta - alpha g / sqrt(s + eps).
    Point p(Tensor<double>{1.0, 1.0});
    dlc::RMSprop<double> opt(p.params(), 0.01, 0.1, 1e-8);
    p.grad = Tensor<double>{2.0, -0.5};
    opt.step();
    const double s0 = 0.1 * 4, s1 = 0.1 * 0.25;
    BOOST_TEST(p.theta(0) == 1 - 0.01 * 2 / std::sqrt(s0 + 1e-8), tt::tolerance(1e-14));
    BOOST_TEST(p.theta(1) == 1 + 0.01 * 0.5 / std::sqrt(s1 + 1e-8), tt::tolerance(1e-14));
    p.grad = Tensor<double>{1.0, 1.0};
    const double theta0 = p.theta(0);
    opt.step();
    const double s0b = 0.9 * s0 + 0.1 * 1;
    BOOST_TEST(p.theta(0) == theta0 - 0.01 / std::sqrt(s0b + 1e-8), tt::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(adam_first_steps) {
    Point p(Tensor<double>{1.0, -2.0});
    dlc::Adam<double> opt(p.params(), 0.1);  // beta1 0.9, beta2 0.999, eps 1e-8
    // Step 1: m_hat = g, v_hat = g^2, so theta moves by alpha g / (|g| + eps), about alpha sign(g).
    p.grad = Tensor<double>{0.5, -0.1};
    opt.step();
    BOOST_TEST(p.theta(0) == 1 - 0.1 * 0.5 / (0.5 + 1e-8), tt::tolerance(1e-14));
    BOOST_TEST(p.theta(1) == -2 + 0.1 * 0.1 / (0.1 + 1e-8), tt::tolerance(1e-14));
    // Step 2 by the formulas.
    const Tensor<double> before = p.theta;
    p.grad = Tensor<double>{0.2, 0.3};
    opt.step();
    const double g1[] = {0.5, -0.1}, g2[] = {0.2, 0.3};
    for (int j = 0; j < 2; ++j) {
        const double m = 0.9 * (0.1 * g1[j]) + 0.1 * g2[j];
        const double v = 0.999 * (0.001 * g1[j] * g1[j]) + 0.001 * g2[j] * g2[j];
        const double m_hat = m / (1 - 0.9 * 0.9), v_hat = v / (1 - 0.999 * 0.999);
        BOOST_TEST(p.theta(j) == before(j) - 0.1 * m_hat / (std::sqrt(v_hat) + 1e-8), tt::tolerance(1e-13));
        BOOST_TEST(opt.first_moments()[0](j) == m, tt::tolerance(1e-14));
    }
}

BOOST_AUTO_TEST_CASE(bad_hyper_parameters) {
    Point p(Tensor<double>{1.0});
    check_throws<dlc::ValueError>([&] { dlc::GradientDescent<double>(p.params(), 0.0); }, {"learning rate", "positive"});
    check_throws<dlc::ValueError>([&] { dlc::Adam<double>(p.params(), 1e-3, 1.0); }, {"Adam", "beta1"});
    check_throws<dlc::ValueError>([&] { dlc::Momentum<double>(p.params(), 0.1, 1.5); }, {"Momentum", "mu"});
    check_throws<dlc::ValueError>([&] { dlc::RMSprop<double>(p.params(), 0.1, 0.0); }, {"RMSprop", "gamma"});
    check_throws<dlc::ValueError>([&] { dlc::MinibatchSGD<double>(p.params(), 0.1, 0); }, {"MinibatchSGD", "batch size"});
    Tensor<double> w{1.0, 2.0}, g{0.0};
    check_throws<dlc::ShapeError>([&] { dlc::GradientDescent<double>({{"w", &w, &g, false}}, 0.1); },
                                  {"'w'", "(1)", "(2)"});
}

// ---------------------------------------------------------------- minibatch SGD

BOOST_AUTO_TEST_CASE(minibatch_sgd_equals_the_batch_update_with_mean_loss) {
    // HW5 (f): per-example backward passes, every B = 5 examples a step with the averaged gradient;
    // the same as one GradientDescent step on the 5-row batch with a mean-reduced loss.
    auto make = [](dlc::Sequential<double>& net) {
        dlc::Rng rng(1);
        net.add<dlc::Linear<double>>(2, 3, rng, dlc::WeightInit::gaussian(0.5), dlc::WeightInit::gaussian(0.5));
        net.add<dlc::Sigmoid<double>>(5.0);
        net.add<dlc::Linear<double>>(3, 1, rng, dlc::WeightInit::gaussian(0.5), dlc::WeightInit::gaussian(0.5));
        net.add<dlc::Sigmoid<double>>(5.0);
    };
    dlc::Sequential<double> a, b;
    make(a);
    make(b);
    dlc::Rng data(2);
    Tensor<double> X = Tensor<double>::from_shape({12, 2}), Y = Tensor<double>::from_shape({12, 1});
    for (auto& v : X) v = data.uniform(-1, 1);
    for (auto& v : Y) v = data.uniform() < 0.5 ? 0 : 1;

    dlc::MinibatchSGD<double> per_example(a.parameters(), 0.5, 5);
    dlc::SquaredLoss<double> sum;  // per example (f - y)^2
    int steps = 0;
    for (std::size_t i = 0; i < 12; ++i) {
        const Tensor<double> x = xt::view(X, xt::range(i, i + 1), xt::all());
        const Tensor<double> y = xt::view(Y, xt::range(i, i + 1), xt::all());
        sum.forward(a.forward(x), y);
        a.backward(sum.backward());
        steps += per_example.example_done();
    }
    steps += per_example.flush();  // the 2 left over
    BOOST_TEST(steps == 3);

    dlc::GradientDescent<double> batch(b.parameters(), 0.5);
    dlc::SquaredLoss<double> mean(dlc::SquaredConvention::mean);
    for (std::size_t start : {0u, 5u, 10u}) {
        const std::size_t stop = std::min<std::size_t>(start + 5, 12);
        const Tensor<double> x = xt::view(X, xt::range(start, stop), xt::all());
        const Tensor<double> y = xt::view(Y, xt::range(start, stop), xt::all());
        batch.zero_grad();
        mean.forward(b.forward(x), y);
        b.backward(mean.backward());
        batch.step();
    }
    const auto pa = a.parameters(), pb = b.parameters();
    for (std::size_t k = 0; k < pa.size(); ++k)
        for (std::size_t j = 0; j < pa[k].value->size(); ++j)
            BOOST_TEST(pa[k].value->data()[j] == pb[k].value->data()[j], tt::tolerance(1e-12));
}

// ---------------------------------------------------------------- HW5 Q1: convergence and divergence

BOOST_AUTO_TEST_CASE(hw5_quadratic_converges_for_small_eta) {
    for (double eta : {0.02, 0.05}) {
        Point p(Tensor<double>{0.0, 0.0});
        dlc::GradientDescent<double> gd(p.params(), eta);
        dlc::DivergenceMonitor monitor("hw5_q1", "R(w)");
        for (int t = 1; t <= 500; ++t) {
            hw5_gradient(p.theta, p.grad);
            gd.step();
            monitor.check(hw5_risk(p.theta), "iteration " + std::to_string(t));
        }
        // The error contracts at least by 1 - eta lambda_min per step (lambda_min = 15 - sqrt(221) = 0.134,
        // the slow direction) from |w(0) - w*| = sqrt(10).
        const double dist = std::hypot(p.theta(0) - 1, p.theta(1) - 3);
        const double bound = std::sqrt(10.0) * std::pow(1 - eta * (15 - std::sqrt(221.0)), 500);
        BOOST_TEST_MESSAGE("eta " << eta << ": distance to (1, 3) after 500 steps " << dist << " <= " << bound);
        BOOST_TEST(dist <= bound * (1 + 1e-9));
        BOOST_TEST(dist > 0.5 * bound);  // and the slow direction does dominate
    }
}

BOOST_AUTO_TEST_CASE(hw5_quadratic_diverges_for_eta_0_1) {
    // lambda_max = 15 + sqrt(221) = 29.87 > 2 / 0.1: the iterates grow by |1 - 0.1 * 29.87| = 1.99
    // per step; the monitor stops it (R > 1e4 R(w(0)) after a few iterations) with a clear message.
    Point p(Tensor<double>{0.0, 0.0});
    dlc::GradientDescent<double> gd(p.params(), 0.1);
    dlc::DivergenceMonitor monitor("hw5_q1", "R(w)");
    monitor.check(hw5_risk(p.theta), "iteration 0");
    int stopped_at = -1;
    try {
        for (int t = 1; t <= 500; ++t) {
            hw5_gradient(p.theta, p.grad);
            gd.step();
            stopped_at = t;
            monitor.check(hw5_risk(p.theta), "iteration " + std::to_string(t));
        }
        BOOST_ERROR("eta = 0.1 should diverge");
    } catch (const dlc::DivergenceError& e) {
        const std::string what = e.what();
        BOOST_TEST_MESSAGE(what);
        BOOST_TEST(what.find("hw5_q1: diverged at iteration " + std::to_string(stopped_at)) == 0u);
        BOOST_TEST(what.find("R(w)") != std::string::npos);
        BOOST_TEST(stopped_at < 30);
    }
}

BOOST_AUTO_TEST_CASE(divergence_monitor_catches_nan_and_inf) {
    dlc::DivergenceMonitor m("train", "loss", 0.0);
    m.check(2.3, "epoch 1");
    m.check(1e30, "epoch 2");  // blow-up test off: only non-finite values count
    check_throws<dlc::DivergenceError>([&] { m.check(std::nan(""), "epoch 3, batch 17 of 938"); },
                                       {"train: diverged at epoch 3, batch 17 of 938", "loss is nan"});
    check_throws<dlc::DivergenceError>([&] { m.check(INFINITY, "epoch 4"); }, {"epoch 4", "inf"});
}

// ---------------------------------------------------------------- schedules and clipping

BOOST_AUTO_TEST_CASE(step_decay) {
    dlc::StepDecay s(0.5, 2);
    double eta = 1.0;
    std::vector<double> used;
    for (std::size_t e = 1; e <= 5; ++e) {
        used.push_back(eta);
        eta = s.after_epoch(e, 0.0, eta);
    }
    BOOST_TEST(used == (std::vector<double>{1.0, 1.0, 0.5, 0.5, 0.25}), tt::per_element());
}

BOOST_AUTO_TEST_CASE(decay_on_increase_is_the_homework_rule) {
    // eta <- 0.9 eta whenever the epoch's risk rose above the previous epoch's.
    const std::vector<double> risk{1.0, 0.8, 0.9, 0.85, 0.95, 1.0};
    dlc::DecayOnIncrease rule;
    double eta = 0.1;
    std::vector<double> after;
    for (std::size_t e = 1; e <= risk.size(); ++e) after.push_back(eta = rule.after_epoch(e, risk[e - 1], eta));
    const std::vector<double> expect{0.1, 0.1, 0.09, 0.09, 0.081, 0.0729};
    for (std::size_t i = 0; i < expect.size(); ++i) BOOST_TEST(after[i] == expect[i], tt::tolerance(1e-14));
    BOOST_TEST(rule.decays() == 3u);
    // Patience T = 2: only two consecutive increases (epochs 5 and 6) count.
    dlc::DecayOnIncrease patient(0.9, 2);
    eta = 0.1;
    for (std::size_t e = 1; e <= risk.size(); ++e) eta = patient.after_epoch(e, risk[e - 1], eta);
    BOOST_TEST(eta == 0.09, tt::tolerance(1e-14));
    BOOST_TEST(patient.decays() == 1u);
}

BOOST_AUTO_TEST_CASE(clip_by_global_norm) {
    Tensor<double> a{3.0}, ga{3.0}, b{0.0}, gb{4.0};
    std::vector<dlc::Parameter<double>> params{{"a", &a, &ga, false}, {"b", &b, &gb, false}};
    BOOST_TEST(dlc::gradient_norm(params) == 5.0);
    BOOST_TEST(dlc::clip_grad_norm(params, 1.0) == 5.0);
    BOOST_TEST(ga(0) == 0.6, tt::tolerance(1e-15));
    BOOST_TEST(gb(0) == 0.8, tt::tolerance(1e-15));
    BOOST_TEST(dlc::clip_grad_norm(params, 2.0) == 1.0, tt::tolerance(1e-15));  // below the bound: unchanged
    BOOST_TEST(ga(0) == 0.6, tt::tolerance(1e-15));
}

BOOST_AUTO_TEST_SUITE_END()
