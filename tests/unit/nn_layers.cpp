// Unit tests of lib/nn's modules: Linear, the activations, Dropout, BatchNorm, LayerNorm,
// Residual, Sequential — forward values by hand, every backward by the numerical gradient checker
// (relative error < 1e-6 in double), buffer reuse, and shape errors that name the layer and shapes.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"
#include "../nn_check.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"
#include "nn/activation.hpp"
#include "nn/batchnorm.hpp"
#include "nn/dropout.hpp"
#include "nn/gradcheck.hpp"
#include "nn/layernorm.hpp"
#include "nn/linear.hpp"
#include "nn/relu.hpp"
#include "nn/residual.hpp"
#include "nn/sequential.hpp"
#include "nn/sigmoid.hpp"
#include "nn/softmax.hpp"
#include "nn/step.hpp"

#include <cmath>
#include <memory>
#include <string>
#include <vector>

BOOST_AUTO_TEST_SUITE(nn_layers)

namespace {

namespace tt = boost::test_tools;
using dlc::Tensor;

using dlc_test::check_gradients;
using dlc_test::uniform;

// Inputs bounded away from 0 (the rectifiers' kink): |v| in [0.1, 2], random sign.
Tensor<double> away_from_zero(const dlc::Shape& shape, dlc::Rng& rng) {
    Tensor<double> t = Tensor<double>::from_shape(shape);
    for (std::size_t i = 0; i < t.size(); ++i) t.data()[i] = (rng.uniform() < 0.5 ? -1 : 1) * rng.uniform(0.1, 2.0);
    return t;
}

// A module with a deliberately wrong backward (twice the true input gradient), to show that the
// checker catches mistakes.
class WrongTanh : public dlc::Tanh<double> {
public:
    const Tensor<double>& backward(const Tensor<double>& g) override {
        dlc::Tanh<double>::backward(g);
        for (auto& v : this->grad_in_) v *= 2;
        return this->grad_in_;
    }
};

}  // namespace

using dlc_test::check_throws;

// ---------------------------------------------------------------- Linear

BOOST_AUTO_TEST_CASE(linear_forward_is_v_equals_W_x_plus_b) {
    // W (2, 3), b (2); two examples as rows. v_k = sum_j W_kj x_j + b_k.
    dlc::Linear<double> layer(Tensor<double>{{1, 2, 3}, {-1, 0, 1}}, Tensor<double>{0.5, -0.5});
    const Tensor<double> X{{1, 1, 1}, {2, 0, -1}};
    const auto& V = layer.forward(X);
    BOOST_TEST(V.shape(0) == 2u);
    BOOST_TEST(V.shape(1) == 2u);
    BOOST_TEST(V(0, 0) == 6.5);   // 1 + 2 + 3 + 0.5
    BOOST_TEST(V(0, 1) == -0.5);  // -1 + 0 + 1 - 0.5
    BOOST_TEST(V(1, 0) == -0.5);  // 2 + 0 - 3 + 0.5
    BOOST_TEST(V(1, 1) == -3.5);  // -2 + 0 - 1 - 0.5
    BOOST_TEST(layer.name() == "Linear(3 -> 2)");
    BOOST_TEST(layer.parameter_count() == 8u);
}

BOOST_AUTO_TEST_CASE(linear_backward_is_the_notes_formulas) {
    // grad_W = sum_n delta_n x_n^T, grad_b = sum_n delta_n, grad_x = W^T delta per example.
    dlc::Linear<double> layer(Tensor<double>{{1, 2, 3}, {-1, 0, 1}}, Tensor<double>{0, 0});
    const Tensor<double> X{{1, 1, 1}, {2, 0, -1}};
    layer.forward(X);
    const Tensor<double> delta{{1, 2}, {-1, 0.5}};
    const auto& gx = layer.backward(delta);
    for (std::size_t k = 0; k < 2; ++k)
        for (std::size_t j = 0; j < 3; ++j) {
            const double expect = delta(0, k) * X(0, j) + delta(1, k) * X(1, j);
            BOOST_TEST(layer.grad_W()(k, j) == expect, tt::tolerance(1e-15));
        }
    BOOST_TEST(layer.grad_b()(0) == 0.0);
    BOOST_TEST(layer.grad_b()(1) == 2.5);
    for (std::size_t n = 0; n < 2; ++n)
        for (std::size_t j = 0; j < 3; ++j) {
            const double expect = layer.W()(0, j) * delta(n, 0) + layer.W()(1, j) * delta(n, 1);
            BOOST_TEST(gx(n, j) == expect, tt::tolerance(1e-15));
        }
}

BOOST_AUTO_TEST_CASE(linear_gradients_accumulate_until_zero_grad) {
    dlc::Rng rng(3);
    dlc::Linear<double> layer(3, 2, rng, dlc::WeightInit::gaussian(1.0), dlc::WeightInit::gaussian(1.0));
    const Tensor<double> X = uniform({4, 3}, rng), delta = uniform({4, 2}, rng);
    layer.forward(X);
    layer.backward(delta);
    const Tensor<double> once = layer.grad_W();
    layer.backward(delta);
    for (std::size_t i = 0; i < once.size(); ++i)
        BOOST_TEST(layer.grad_W().data()[i] == 2 * once.data()[i], tt::tolerance(1e-14));
    layer.zero_grad();
    for (auto v : layer.grad_W()) BOOST_TEST(v == 0.0);
    for (auto v : layer.grad_b()) BOOST_TEST(v == 0.0);
}

BOOST_AUTO_TEST_CASE(linear_gradient_checks) {
    dlc::Rng rng(1);
    dlc::Linear<double> a(5, 3, rng, dlc::WeightInit::gaussian(1.0), dlc::WeightInit::gaussian(1.0));
    check_gradients(a, uniform({4, 5}, rng), "Linear(5 -> 3)");
    dlc::Linear<double> b(4, 2, rng, dlc::WeightInit::xavier(), dlc::WeightInit::zeros(), false);
    BOOST_TEST(b.parameters().size() == 1u);
    check_gradients(b, uniform({3, 4}, rng), "Linear without bias");
    dlc::Linear<double> c(1, 1, rng, dlc::WeightInit::gaussian(1.0), dlc::WeightInit::gaussian(1.0));
    check_gradients(c, uniform({1, 1}, rng), "Linear(1 -> 1)");
    // Large enough to go through BLAS rather than the small-product loop.
    dlc::Linear<double> d(40, 30, rng, dlc::WeightInit::normal_fan_in(), dlc::WeightInit::gaussian(0.1));
    check_gradients(d, uniform({8, 40}, rng), "Linear(40 -> 30)");
}

BOOST_AUTO_TEST_CASE(linear_skips_the_input_gradient_when_not_needed) {
    dlc::Rng rng(2);
    dlc::Linear<double> layer(3, 2, rng);
    layer.set_input_grad_needed(false);
    layer.forward(uniform({4, 3}, rng));
    const auto& gx = layer.backward(uniform({4, 2}, rng));
    BOOST_TEST(gx.size() == 0u);
    double s = 0;
    for (auto v : layer.grad_W()) s += std::abs(v);
    BOOST_TEST(s > 0.0);
}

BOOST_AUTO_TEST_CASE(buffers_are_reused_across_steps) {
    // Same batch shape, same memory: no allocation per training step.
    dlc::Rng rng(4);
    dlc::Linear<float> layer(20, 10, rng);
    dlc::ReLU<float> relu;
    Tensor<float> X = Tensor<float>::from_shape({8, 20});
    for (auto& v : X) v = static_cast<float>(rng.normal());
    const float* out1 = relu.forward(layer.forward(X)).data();
    const float* gx1 = layer.backward(relu.backward(relu.output())).data();
    for (int step = 0; step < 3; ++step) {
        const float* out = relu.forward(layer.forward(X)).data();
        const float* gx = layer.backward(relu.backward(relu.output())).data();
        BOOST_TEST(out == out1);
        BOOST_TEST(gx == gx1);
    }
}

BOOST_AUTO_TEST_CASE(linear_shape_errors_name_the_layer_and_shapes) {
    dlc::Rng rng(5);
    dlc::Linear<double> layer(3, 2, rng);
    check_throws<dlc::ShapeError>([&] { layer.forward(Tensor<double>::from_shape({4, 5})); },
                                  {"Linear(3 -> 2)::forward", "(*, 3)", "(4, 5)"});
    check_throws<dlc::ShapeError>([&] { layer.forward(Tensor<double>::from_shape({2, 3, 1})); },
                                  {"Linear(3 -> 2)", "(2, 3, 1)"});
    layer.forward(Tensor<double>::from_shape({4, 3}));
    check_throws<dlc::ShapeError>([&] { layer.backward(Tensor<double>::from_shape({4, 3})); },
                                  {"Linear(3 -> 2)::backward", "(4, 2)", "(4, 3)"});
    check_throws<dlc::ShapeError>([&] { dlc::Linear<double>(Tensor<double>{{1, 2}}, Tensor<double>{1, 2}); },
                                  {"Linear", "(1, 2)", "(2)"});
    check_throws<dlc::ValueError>([&] { dlc::Linear<double>(0, 2, rng); }, {"Linear", "in = 0"});
}

BOOST_AUTO_TEST_CASE(backward_before_forward_is_an_error) {
    dlc::Rng rng(6);
    dlc::Linear<double> layer(3, 2, rng);
    check_throws<dlc::ShapeError>([&] { layer.backward(Tensor<double>::from_shape({1, 2})); },
                                  {"Linear(3 -> 2)::backward", "before forward"});
}

// ---------------------------------------------------------------- activations

BOOST_AUTO_TEST_CASE(sigmoid_with_slope_matches_the_notes) {
    // g(v) = 1 / (1 + e^{-a v}), g'(v) = a g (1 - g)  (L8 notes, HW5 a = 5)
    dlc::Sigmoid<double> s5(5.0);
    for (double v : {-1.0, -0.1, 0.0, 0.3, 2.0}) {
        const double g = 1.0 / (1.0 + std::exp(-5.0 * v));
        BOOST_TEST(s5.value(v) == g, tt::tolerance(1e-15));
        BOOST_TEST(s5.derivative(v) == 5.0 * g * (1 - g), tt::tolerance(1e-14));
    }
    BOOST_TEST(s5.value(0.0) == 0.5);
    BOOST_TEST(s5.name() == "Sigmoid(a=5)");
    BOOST_TEST(dlc::Sigmoid<double>().name() == "Sigmoid");
    BOOST_TEST(s5.value(-1000.0) == 0.0);  // no NaN far in the tails
    BOOST_TEST(s5.value(1000.0) == 1.0);
    check_throws<dlc::ValueError>([] { dlc::Sigmoid<double> bad(0.0); }, {"Sigmoid", "slope"});
}

BOOST_AUTO_TEST_CASE(activation_values) {
    dlc::Tanh<double> tanh_;
    dlc::ReLU<double> relu;
    dlc::LeakyReLU<double> leaky(0.1);
    dlc::ELU<double> elu(2.0);
    dlc::GELU<double> gelu;
    BOOST_TEST(tanh_.derivative(0.5) == 1 - std::tanh(0.5) * std::tanh(0.5), tt::tolerance(1e-15));
    BOOST_TEST(relu.value(-2.0) == 0.0);
    BOOST_TEST(relu.value(3.0) == 3.0);
    BOOST_TEST(relu.derivative(0.0) == 1.0);  // the L8 notes: g'(v) = step(v), step(0) = 1
    BOOST_TEST(relu.derivative(-1e-9) == 0.0);
    BOOST_TEST(leaky.value(-2.0) == -0.2, tt::tolerance(1e-15));
    BOOST_TEST(leaky.derivative(-2.0) == 0.1);
    BOOST_TEST(elu.value(-1.0) == 2.0 * (std::exp(-1.0) - 1), tt::tolerance(1e-15));
    BOOST_TEST(elu.derivative(-1.0) == 2.0 * std::exp(-1.0), tt::tolerance(1e-15));
    BOOST_TEST(gelu.value(1.0) == 0.8413447460685429, tt::tolerance(1e-14));  // 1 * Phi(1)
    BOOST_TEST(gelu.value(0.0) == 0.0);
    BOOST_TEST(gelu.derivative(0.0) == 0.5, tt::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(activation_gradient_checks) {
    dlc::Rng rng(7);
    const auto x = uniform({3, 4}, rng, -2, 2);
    const auto x_kinks = away_from_zero({3, 4}, rng);
    dlc::Sigmoid<double> s1;
    check_gradients(s1, x, "Sigmoid");
    dlc::Sigmoid<double> s5(5.0);
    check_gradients(s5, x, "Sigmoid(a=5)");
    dlc::Tanh<double> th;
    check_gradients(th, x, "Tanh");
    dlc::ReLU<double> relu;
    check_gradients(relu, x_kinks, "ReLU");
    dlc::LeakyReLU<double> leaky(0.05);
    check_gradients(leaky, x_kinks, "LeakyReLU");
    dlc::ELU<double> elu(1.5);
    check_gradients(elu, x_kinks, "ELU");
    dlc::GELU<double> gelu;
    check_gradients(gelu, x, "GELU");
    dlc::Softmax<double> softmax;
    check_gradients(softmax, x, "Softmax");
}

BOOST_AUTO_TEST_CASE(activations_take_any_rank) {
    // (N, C, H, W) feature maps pass through element-wise activations unchanged in shape.
    dlc::Rng rng(8);
    const auto x = away_from_zero({2, 3, 4, 4}, rng);
    dlc::ReLU<double> relu;
    const auto& z = relu.forward(x);
    BOOST_TEST(z.dimension() == 4u);
    for (std::size_t i = 0; i < x.size(); ++i) BOOST_TEST(z.data()[i] == std::max(0.0, x.data()[i]));
    check_gradients(relu, x, "ReLU on (2, 3, 4, 4)");
    dlc::Sigmoid<double> s;
    check_gradients(s, x, "Sigmoid on (2, 3, 4, 4)");
}

BOOST_AUTO_TEST_CASE(softmax_rows_sum_to_one) {
    dlc::Softmax<double> softmax;
    const auto& a = softmax.forward(Tensor<double>{{1, 2, 3}, {1000, 1000, 1000}});
    BOOST_TEST(a(0, 0) + a(0, 1) + a(0, 2) == 1.0, tt::tolerance(1e-15));
    BOOST_TEST(a(0, 2) == std::exp(3.0) / (std::exp(1.0) + std::exp(2.0) + std::exp(3.0)), tt::tolerance(1e-15));
    BOOST_TEST(a(1, 0) == 1.0 / 3, tt::tolerance(1e-15));  // no overflow
}

BOOST_AUTO_TEST_CASE(step_is_forward_only) {
    dlc::Step<double> step;
    const auto& z = step.forward(Tensor<double>{{-1, 0, 2}});
    BOOST_TEST(z(0, 0) == 0.0);
    BOOST_TEST(z(0, 1) == 1.0);
    BOOST_TEST(z(0, 2) == 1.0);
    auto sign = dlc::Step<double>::sign();
    BOOST_TEST(sign.value(-0.5) == -1.0);
    BOOST_TEST(sign.value(0.5) == 1.0);
    check_throws<dlc::Error>([&] { step.backward(Tensor<double>{{1, 1, 1}}); },
                             {"Step(0, 1)::backward", "Sigmoid"});
}

// ---------------------------------------------------------------- the checker itself

BOOST_AUTO_TEST_CASE(gradcheck_catches_a_wrong_backward) {
    dlc::Rng rng(9);
    WrongTanh wrong;
    const auto r = dlc::gradcheck(wrong, uniform({2, 3}, rng));
    BOOST_TEST_MESSAGE("wrong backward: " << r.str());
    BOOST_TEST(r.max_relative_error > 0.3);
    BOOST_TEST(r.worst_entry.find("input[") == 0u);
}

BOOST_AUTO_TEST_CASE(gradcheck_can_sample_entries) {
    dlc::Rng rng(10);
    dlc::Linear<double> layer(30, 20, rng, dlc::WeightInit::gaussian(1.0), dlc::WeightInit::gaussian(1.0));
    dlc::GradCheckOptions opt;
    opt.max_entries_per_tensor = 25;
    const auto r = dlc::gradcheck(layer, uniform({5, 30}, rng), opt);
    BOOST_TEST(r.entries == 25u + 25u + 20u);  // input (150 -> 25), W (600 -> 25), b (20)
    BOOST_TEST(r.max_relative_error < dlc_test::gradcheck_tolerance);
}

// ---------------------------------------------------------------- dropout

BOOST_AUTO_TEST_CASE(dropout_is_inverted_and_identity_at_test_time) {
    dlc::Rng rng(11);
    dlc::Dropout<double> drop(0.25, rng);
    BOOST_TEST(drop.keep_probability() == 0.75);
    const Tensor<double> x = xt::ones<double>({200, 50});
    const auto& z = drop.forward(x);
    std::size_t kept = 0;
    double sum = 0;
    for (std::size_t i = 0; i < z.size(); ++i) {
        BOOST_TEST((z.data()[i] == 0.0 || std::abs(z.data()[i] - 1 / 0.75) < 1e-12));
        kept += z.data()[i] != 0.0;
        sum += z.data()[i];
    }
    // 10 000 Bernoulli(0.75) draws: the kept fraction is within 5 standard deviations (0.0217) of 0.75,
    // and the mean of the scaled outputs (E = 1 by the 1/p scaling) correspondingly near 1.
    BOOST_TEST(std::abs(kept / 10000.0 - 0.75) < 0.022);
    BOOST_TEST(std::abs(sum / 10000.0 - 1.0) < 0.03);
    // Backward uses the same mask.
    const auto& g = drop.backward(xt::ones<double>({200, 50}));
    for (std::size_t i = 0; i < g.size(); ++i) BOOST_TEST(g.data()[i] == z.data()[i]);
    drop.eval();
    const auto& ze = drop.forward(x);
    for (auto v : ze) BOOST_TEST(v == 1.0);
    check_throws<dlc::ValueError>([&] { dlc::Dropout<double>(1.0, rng); }, {"Dropout", "[0, 1)"});
}

BOOST_AUTO_TEST_CASE(dropout_gradient_checks) {
    dlc::Rng rng(12);
    dlc::Dropout<double> drop(0.5, rng);
    const auto x = uniform({4, 6}, rng);
    drop.forward(x);
    drop.hold_mask(true);  // the same thinned network for every forward of the check
    check_gradients(drop, x, "Dropout(0.5), train, held mask");
    drop.eval();
    check_gradients(drop, x, "Dropout(0.5), eval");
}

BOOST_AUTO_TEST_CASE(dropout_same_seed_same_mask) {
    dlc::Rng a(13), b(13);
    dlc::Dropout<float> da(0.5, a), db(0.5, b);
    const Tensor<float> x = xt::ones<float>({3, 7});
    const Tensor<float> za = da.forward(x);
    const auto& zb = db.forward(x);
    for (std::size_t i = 0; i < za.size(); ++i) BOOST_TEST(za.data()[i] == zb.data()[i]);
}

// ---------------------------------------------------------------- batch norm

BOOST_AUTO_TEST_CASE(batchnorm_normalizes_each_channel) {
    dlc::Rng rng(14);
    dlc::BatchNorm<double> bn(3);
    Tensor<double> x = uniform({8, 3}, rng);
    for (std::size_t n = 0; n < 8; ++n) x(n, 2) = 10 + 5 * x(n, 2);  // a channel far from N(0, 1)
    const auto& y = bn.forward(x);
    for (std::size_t c = 0; c < 3; ++c) {
        double m = 0, v = 0;
        for (std::size_t n = 0; n < 8; ++n) m += y(n, c) / 8;
        for (std::size_t n = 0; n < 8; ++n) v += (y(n, c) - m) * (y(n, c) - m) / 8;
        BOOST_TEST(m == 0.0, tt::tolerance(1e-12));
        BOOST_TEST(std::abs(v - 1.0) < 1e-3);  // sigma^2 / (sigma^2 + eps)
    }
    // Running statistics: 0.9 * 0 + 0.1 * mu and 0.9 * 1 + 0.1 * unbiased variance.
    const double mu2 = bn.batch_mean()(2), var2 = bn.batch_var()(2);
    BOOST_TEST(bn.running_mean()(2) == 0.1 * mu2, tt::tolerance(1e-12));
    BOOST_TEST(bn.running_var()(2) == 0.9 + 0.1 * var2 * 8 / 7, tt::tolerance(1e-12));
    // Evaluation mode uses the running statistics.
    bn.eval();
    const auto& ye = bn.forward(x);
    BOOST_TEST(ye(0, 2) == (x(0, 2) - bn.running_mean()(2)) / std::sqrt(bn.running_var()(2) + 1e-5),
               tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(batchnorm_momentum_zero_averages_every_batch) {
    dlc::Rng rng(15);
    dlc::BatchNorm<double> bn(1, 0.0);
    double sum = 0;
    for (int b = 0; b < 4; ++b) {
        bn.forward(uniform({5, 1}, rng, b, b + 1));
        sum += bn.batch_mean()(0);
    }
    BOOST_TEST(bn.running_mean()(0) == sum / 4, tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(batchnorm_gradient_checks) {
    dlc::Rng rng(16);
    dlc::BatchNorm<double> bn(3);
    bn.gamma() = Tensor<double>{1.5, -0.5, 2.0};
    bn.beta() = Tensor<double>{0.1, 0.2, -0.3};
    check_gradients(bn, uniform({5, 3}, rng), "BatchNorm(3), train, (5, 3)");
    dlc::BatchNorm<double> bn4(2);
    bn4.gamma() = Tensor<double>{0.7, 1.3};
    check_gradients(bn4, uniform({3, 2, 3, 2}, rng), "BatchNorm(2), train, (3, 2, 3, 2)");
    bn4.eval();
    check_gradients(bn4, uniform({3, 2, 3, 2}, rng), "BatchNorm(2), eval");
}

BOOST_AUTO_TEST_CASE(batchnorm_errors) {
    dlc::BatchNorm<double> bn(3);
    check_throws<dlc::ShapeError>([&] { bn.forward(Tensor<double>::from_shape({4, 2, 5, 5})); },
                                  {"BatchNorm(3)::forward", "(N, 3, ...)", "(4, 2, 5, 5)"});
    check_throws<dlc::ValueError>([&] { bn.forward(Tensor<double>::from_shape({1, 3})); },
                                  {"BatchNorm(3)", "more than one value"});
}

// ---------------------------------------------------------------- layer norm

BOOST_AUTO_TEST_CASE(layernorm_normalizes_each_example) {
    dlc::LayerNorm<double> ln(4);
    const auto& y = ln.forward(Tensor<double>{{1, 2, 3, 4}, {-10, 0, 0, 10}});
    for (std::size_t n = 0; n < 2; ++n) {
        double m = 0;
        for (std::size_t j = 0; j < 4; ++j) m += y(n, j) / 4;
        BOOST_TEST(m == 0.0, tt::tolerance(1e-12));
    }
    // (1 - 2.5) / sqrt(1.25 + eps)
    BOOST_TEST(y(0, 0) == -1.5 / std::sqrt(1.25 + 1e-5), tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(layernorm_gradient_checks) {
    dlc::Rng rng(17);
    dlc::LayerNorm<double> ln(5);
    ln.gamma() = uniform({5}, rng, 0.5, 1.5);
    ln.beta() = uniform({5}, rng);
    check_gradients(ln, uniform({3, 5}, rng), "LayerNorm(5) on (3, 5)");
    check_gradients(ln, uniform({2, 3, 5}, rng), "LayerNorm(5) on (2, 3, 5)");
    dlc::LayerNorm<double> ln4(2 * 3 * 3);
    ln4.gamma() = uniform({18}, rng, 0.5, 1.5);
    check_gradients(ln4, uniform({2, 2, 3, 3}, rng), "LayerNorm(18) on (2, 2, 3, 3)");
    check_throws<dlc::ShapeError>([&] { ln.forward(Tensor<double>::from_shape({3, 4})); },
                                  {"LayerNorm(5)::forward", "(3, 4)"});
}

// ---------------------------------------------------------------- containers

BOOST_AUTO_TEST_CASE(sequential_mlp_gradient_check) {
    dlc::Rng rng(18);
    dlc::Sequential<double> mlp;
    mlp.add<dlc::Linear<double>>(4, 5, rng, dlc::WeightInit::gaussian(0.5), dlc::WeightInit::gaussian(0.5));
    mlp.add<dlc::Sigmoid<double>>(2.0);
    mlp.add<dlc::Linear<double>>(5, 3, rng, dlc::WeightInit::gaussian(0.5), dlc::WeightInit::gaussian(0.5));
    mlp.add<dlc::Tanh<double>>();
    mlp.add<dlc::Linear<double>>(3, 2, rng, dlc::WeightInit::gaussian(0.5), dlc::WeightInit::gaussian(0.5));
    check_gradients(mlp, uniform({6, 4}, rng), "Linear-Sigmoid-Linear-Tanh-Linear");
    const auto params = mlp.parameters();
    BOOST_TEST(params.size() == 6u);
    BOOST_TEST(params[0].name == "0.W");
    BOOST_TEST(params[3].name == "2.b");
    BOOST_TEST(params[1].is_bias);
    BOOST_TEST(!params[4].is_bias);
    BOOST_TEST(mlp.parameter_count() == 4u * 5 + 5 + 5 * 3 + 3 + 3 * 2 + 2);
    BOOST_TEST(mlp.summary().find("Linear(4 -> 5)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(sequential_propagates_the_mode) {
    dlc::Rng rng(19);
    dlc::Sequential<double> net;
    auto& drop = net.add<dlc::Dropout<double>>(0.5, rng);
    auto& bn = net.add<dlc::BatchNorm<double>>(3);
    net.eval();
    BOOST_TEST(!drop.training());
    BOOST_TEST(!bn.training());
    net.train();
    BOOST_TEST(drop.training());
    BOOST_TEST(net.buffers().size() == 2u);
    BOOST_TEST(net.buffers()[0].name == "1.running_mean");
}

BOOST_AUTO_TEST_CASE(sequential_shape_errors_name_the_position) {
    dlc::Rng rng(20);
    dlc::Sequential<double> mlp;
    mlp.add<dlc::Linear<double>>(4, 5, rng);
    mlp.add<dlc::ReLU<double>>();
    mlp.add<dlc::Linear<double>>(6, 2, rng);  // wrong: 5 outputs feed 6 inputs
    check_throws<dlc::ShapeError>([&] { mlp.forward(Tensor<double>::from_shape({3, 4})); },
                                  {"Sequential layer 2", "Linear(6 -> 2)::forward", "(*, 6)", "(3, 5)"});
}

BOOST_AUTO_TEST_CASE(residual_gradient_check) {
    dlc::Rng rng(21);
    auto body = std::make_unique<dlc::Sequential<double>>();
    body->add<dlc::Linear<double>>(4, 6, rng, dlc::WeightInit::gaussian(0.5), dlc::WeightInit::gaussian(0.5));
    body->add<dlc::Tanh<double>>();
    body->add<dlc::Linear<double>>(6, 4, rng, dlc::WeightInit::gaussian(0.5), dlc::WeightInit::gaussian(0.5));
    dlc::Residual<double> block(std::move(body));
    const auto x = uniform({3, 4}, rng);
    // z = x + F(x)
    const Tensor<double> z = block.forward(x);
    const auto& f = block.body().output();
    for (std::size_t i = 0; i < x.size(); ++i) BOOST_TEST(z.data()[i] == x.data()[i] + f.data()[i]);
    check_gradients(block, x, "Residual(Linear-Tanh-Linear)");
    BOOST_TEST(block.parameters()[0].name == "body.0.W");
}

BOOST_AUTO_TEST_CASE(residual_shape_error) {
    dlc::Rng rng(22);
    dlc::Residual<double> block(std::make_unique<dlc::Linear<double>>(4, 3, rng));
    check_throws<dlc::ShapeError>([&] { block.forward(Tensor<double>::from_shape({2, 4})); },
                                  {"Residual", "(2, 3)", "(2, 4)"});
}

BOOST_AUTO_TEST_CASE(float_and_double_agree) {
    // The float instantiation computes the same network as the double one, to float precision.
    dlc::Rng r1(23), r2(23);
    dlc::Sequential<double> md;
    md.add<dlc::Linear<double>>(6, 4, r1);
    md.add<dlc::GELU<double>>();
    md.add<dlc::Linear<double>>(4, 3, r1);
    dlc::Sequential<float> mf;
    mf.add<dlc::Linear<float>>(6, 4, r2);
    mf.add<dlc::GELU<float>>();
    mf.add<dlc::Linear<float>>(4, 3, r2);
    dlc::Rng rx(24);
    const auto xd = uniform({5, 6}, rx);
    Tensor<float> xf = xt::cast<float>(xd);
    const auto& yd = md.forward(xd);
    const auto& yf = mf.forward(xf);
    for (std::size_t i = 0; i < yd.size(); ++i) BOOST_TEST(yf.data()[i] == yd.data()[i], tt::tolerance(1e-4));
}

BOOST_AUTO_TEST_SUITE_END()
