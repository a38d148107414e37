// HW5 as code: the self-test. The checks must pass on the reference and fail, with the right hint, on each of
// these deliberately wrong functions: the typical mistakes of HW5 written as a student would write them.
#include "hw5/checks.hpp"
#include "hw5/hints.hpp"

#include <cmath>
#include <utility>

namespace hw5_exercise {

namespace {

// The right forward pass written with loops, which the wrong variants change in one place.
Tensor sigmoid(const Tensor& v, double a, double sign = -1.0) {
    Tensor z = v;
    for (double& e : z) e = 1.0 / (1.0 + std::exp(sign * a * e));
    return z;
}

Forward loop_forward(const Params& p, const Tensor& x, bool hidden_bias = true, bool output_phi = true) {
    const std::size_t h = p.W.shape(0);
    Forward fw;
    fw.v_z = Tensor::from_shape({h});
    for (std::size_t k = 0; k < h; ++k) fw.v_z(k) = p.W(k, 0) * x(0) + p.W(k, 1) * x(1) + (hidden_bias ? p.b(k) : 0.0);
    fw.z = sigmoid(fw.v_z, p.a);
    fw.v_f = Tensor{p.c(0)};
    for (std::size_t k = 0; k < h; ++k) fw.v_f(0) += p.U(0, k) * fw.z(k);
    fw.f = output_phi ? sigmoid(fw.v_f, p.a) : fw.v_f;
    return fw;
}

// The right backward pass with loops; `mistake` selects one typical error.
enum class Mistake { none, missing_g_prime_z, grad_W_transposed, grad_f_sign, loss_halved };

Gradients loop_backward(const Params& p, const Tensor& x, double y, const Forward& fw, Mistake mistake) {
    const std::size_t h = p.W.shape(0);
    const double a = p.a;
    auto dphi = [a](double v) {
        const double s = 1.0 / (1.0 + std::exp(-a * v));
        return a * s * (1.0 - s);
    };
    Gradients g;
    double grad_f = 2.0 * (fw.f(0) - y);
    if (mistake == Mistake::grad_f_sign) grad_f = -grad_f;
    if (mistake == Mistake::loss_halved) grad_f = fw.f(0) - y;
    g.grad_f = Tensor{grad_f};
    g.delta_f = Tensor{grad_f * dphi(fw.v_f(0))};
    g.delta_z = Tensor::from_shape({h});
    for (std::size_t k = 0; k < h; ++k)
        g.delta_z(k) = p.U(0, k) * g.delta_f(0) * (mistake == Mistake::missing_g_prime_z ? 1.0 : dphi(fw.v_z(k)));
    g.delta_x = Tensor{0.0, 0.0};
    for (std::size_t k = 0; k < h; ++k)
        for (std::size_t j = 0; j < 2; ++j) g.delta_x(j) += p.W(k, j) * g.delta_z(k);
    if (mistake == Mistake::grad_W_transposed) {
        g.grad_W = Tensor::from_shape({2, h});
        for (std::size_t j = 0; j < 2; ++j)
            for (std::size_t k = 0; k < h; ++k) g.grad_W(j, k) = x(j) * g.delta_z(k);
    } else {
        g.grad_W = Tensor::from_shape({h, 2});
        for (std::size_t k = 0; k < h; ++k)
            for (std::size_t j = 0; j < 2; ++j) g.grad_W(k, j) = g.delta_z(k) * x(j);
    }
    g.grad_b = g.delta_z;
    g.grad_U = Tensor::from_shape({1, h});
    for (std::size_t k = 0; k < h; ++k) g.grad_U(0, k) = g.delta_f(0) * fw.z(k);
    g.grad_c = g.delta_f;
    return g;
}

dlc::exercise::WrongVariant variant(std::string name, std::string function, std::string hint, Functions f) {
    return {std::move(name), std::move(function), std::move(hint), checks(f)};
}

}  // namespace

dlc::exercise::SelfTest self_test() {
    dlc::exercise::SelfTest t;
    const Functions ref = reference();
    t.reference = checks(ref);
    // The loop versions are right: a variant differs from them in its one mistake only.
    Functions loops = ref;
    loops.forward = [](const Params& p, const Tensor& x) { return loop_forward(p, x); };
    loops.backward = [](const Params& p, const Tensor& x, double y, const Forward& fw) {
        return loop_backward(p, x, y, fw, Mistake::none);
    };
    t.also_right.push_back(checks(loops));

    Functions f = ref;
    f.gradient_R = [](const Tensor& w) { return Tensor{26 * w(0) - 5 * w(1) + 4, -5 * w(0) + 4 * w(1) - 2}; };
    t.wrong.push_back(variant("cross term halved", "gradient_R", hints::gradient_R_cross, f));
    f = ref;
    f.gradient_R = [](const Tensor& w) { return Tensor{13 * w(0) - 10 * w(1) + 4, -10 * w(0) + 2 * w(1) - 2}; };
    t.wrong.push_back(variant("power rule's 2 forgotten", "gradient_R", hints::gradient_R_square, f));
    f = ref;
    f.phi = [](const Tensor& v, double a) { return sigmoid(v, a, +1.0); };
    t.wrong.push_back(variant("exp(+a v)", "phi", hints::phi_sign, f));
    f = ref;
    f.phi = [](const Tensor& v, double) { return sigmoid(v, 1.0); };
    t.wrong.push_back(variant("slope a ignored", "phi", hints::phi_slope, f));
    f = ref;
    f.phi_prime = [](const Tensor& v, double a) {
        const Tensor s = sigmoid(v, a);
        return Tensor(s * (1.0 - s));
    };
    t.wrong.push_back(variant("phi' without the factor a", "phi_prime", hints::phi_prime_slope, f));
    f = ref;
    f.forward = [](const Params& p, const Tensor& x) { return loop_forward(p, x, false); };
    t.wrong.push_back(variant("no hidden bias", "forward", hints::forward_bias, f));
    f = ref;
    f.forward = [](const Params& p, const Tensor& x) { return loop_forward(p, x, true, false); };
    t.wrong.push_back(variant("linear output", "forward", hints::forward_f_linear, f));
    const std::pair<Mistake, std::pair<const char*, const char*>> backward_mistakes[] = {
        {Mistake::missing_g_prime_z, {"delta_z without phi'(v_z)", hints::backward_delta_z_g}},
        {Mistake::grad_W_transposed, {"grad_W = x delta_z^T", hints::backward_grad_W_transposed}},
        {Mistake::grad_f_sign, {"grad_f = 2 (y - f)", hints::backward_grad_f_sign}},
        {Mistake::loss_halved, {"grad_f = f - y (the loss halved)", hints::backward_grad_f_factor}},
    };
    for (const auto& [mistake, text] : backward_mistakes) {
        f = ref;
        f.backward = [mistake = mistake](const Params& p, const Tensor& x, double y, const Forward& fw) {
            return loop_backward(p, x, y, fw, mistake);
        };
        t.wrong.push_back(variant(text.first, "backward", text.second, f));
    }
    f = ref;
    f.sgd_step = [](Params& p, const Gradients& g, double eta) {
        p.W += eta * g.grad_W;
        p.b += eta * g.grad_b;
        p.U += eta * g.grad_U;
        p.c += eta * g.grad_c;
    };
    t.wrong.push_back(variant("gradient ascent", "sgd_step", hints::sgd_sign, f));
    f = ref;
    f.sgd_step = [](Params& p, const Gradients& g, double eta) {
        p.W -= eta * g.grad_W;
        p.U -= eta * g.grad_U;
    };
    t.wrong.push_back(variant("biases not updated", "sgd_step", hints::sgd_not_updated, f));
    return t;
}

}  // namespace hw5_exercise
