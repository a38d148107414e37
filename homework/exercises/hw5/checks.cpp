// HW5 as code: each function's checks against the library (lib/nn's Linear, Sigmoid and squared loss), with the
// typical mistakes they diagnose. The wrong variants the self-test runs are in wrong.cpp.
#include "hw5/checks.hpp"

#include "hw5/hints.hpp"
#include "nn/linear.hpp"
#include "nn/sigmoid.hpp"
#include "nn/squared_loss.hpp"
#include "report/table.hpp"

#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xmath.hpp>

#include <string>
#include <vector>

namespace hw5_exercise {

namespace {

using dlc::exercise::Checker;
using dlc::exercise::Mistake;
using dlc::exercise::show;

// The fixed inputs: the homework's a = 5 with h = 3, and a second network (h = 2, a = 1.5) that catches a
// hard-coded slope or width.
struct Point {
    Tensor x;
    double y;
};
struct Case {
    Params p;
    std::vector<Point> points;
};

std::vector<Case> cases() {
    Case homework;
    homework.p.W = Tensor{{0.3, -0.5}, {0.8, 0.2}, {-0.4, 0.6}};
    homework.p.b = Tensor{0.1, -0.2, 0.05};
    homework.p.U = Tensor{{0.7, -0.3, 0.5}};
    homework.p.c = Tensor{-0.1};
    homework.p.a = 5.0;
    homework.points = {{Tensor{0.5, -1.0}, 1.0}, {Tensor{-1.2, 0.4}, 0.0}};
    Case other;
    other.p.W = Tensor{{-0.6, 0.9}, {0.25, -0.7}};
    other.p.b = Tensor{0.3, 0.15};
    other.p.U = Tensor{{-1.1, 0.4}};
    other.p.c = Tensor{0.2};
    other.p.a = 1.5;
    other.points = {{Tensor{1.0, 0.5}, 0.0}};
    return {homework, other};
}

std::string describe(const Params& p) {
    return "W = " + show(p.W) + ", b = " + show(p.b) + ", U = " + show(p.U) + ", c = " + show(p.c) +
           ", a = " + dlc::fmt(p.a);
}
std::string describe(const Params& p, const Point& pt) {
    return "x = " + show(pt.x) + ", y = " + dlc::fmt(pt.y) + ", " + describe(p);
}

// The library's forward and backward pass for one point: Linear(2 -> h), Sigmoid(a), Linear(h -> 1), Sigmoid(a),
// and the squared loss (f - y)^2, each module's backward giving the next delta.
struct Pass {
    Forward fw;
    Gradients g;
};
Pass library_pass(const Params& p, const Tensor& x, double y) {
    dlc::Linear<double> hidden(p.W, p.b), output(p.U, p.c);
    dlc::Sigmoid<double> phi_z(p.a), phi_f(p.a);
    dlc::SquaredLoss<double> loss;
    const Tensor X = xt::reshape_view(x, {std::size_t(1), x.size()});
    Pass r;
    r.fw.v_z = xt::flatten(hidden.forward(X));
    r.fw.z = xt::flatten(phi_z.forward(hidden.forward(X)));
    r.fw.v_f = xt::flatten(output.forward(phi_z.forward(hidden.forward(X))));
    const Tensor F = phi_f.forward(output.forward(phi_z.forward(hidden.forward(X))));
    r.fw.f = xt::flatten(F);
    Tensor Y = xt::zeros<double>({1, 1});
    Y(0, 0) = y;
    loss.forward(F, Y);
    r.g.grad_f = xt::flatten(loss.backward());
    const Tensor delta_f = phi_f.backward(loss.backward());
    r.g.delta_f = xt::flatten(delta_f);
    const Tensor grad_z = output.backward(delta_f);
    const Tensor delta_z = phi_z.backward(grad_z);
    r.g.delta_z = xt::flatten(delta_z);
    r.g.delta_x = xt::flatten(hidden.backward(delta_z));
    r.g.grad_W = hidden.grad_W();
    r.g.grad_b = hidden.grad_b();
    r.g.grad_U = output.grad_W();
    r.g.grad_c = output.grad_b();
    return r;
}

Tensor outer(const Tensor& u, const Tensor& v) {
    return xt::linalg::outer(u, v);
}

void check_gradient_R(Checker& c, const Functions& f) {
    for (const Tensor& w : {Tensor{0.0, 0.0}, Tensor{1.0, 3.0}, Tensor{-0.5, 2.0}}) {
        c.input("w = " + show(w));
        const double w1 = w(0), w2 = w(1);
        const Tensor expected = reference().gradient_R(w);
        c.close("grad R(w)", expected, f.gradient_R(w),
                {{hints::gradient_R_square, Tensor{13 * w1 - 10 * w2 + 4, -10 * w1 + 2 * w2 - 2}},
                 {hints::gradient_R_cross, Tensor{26 * w1 - 5 * w2 + 4, -5 * w1 + 4 * w2 - 2}},
                 {hints::gradient_R_constants, Tensor{26 * w1 - 10 * w2 - 4, -10 * w1 + 4 * w2 + 2}}},
                hints::gradient_R_other);
    }
}

void check_phi(Checker& c, const Functions& f) {
    const Tensor v{-1.0, -0.2, 0.0, 0.3, 2.0};
    for (double a : {5.0, 1.5}) {
        c.input("v = " + show(v) + ", a = " + dlc::fmt(a));
        c.close("phi(v)", reference().phi(v, a), f.phi(v, a),
                {{hints::phi_sign, 1.0 / (1.0 + xt::exp(a * v))}, {hints::phi_slope, 1.0 / (1.0 + xt::exp(-v))}},
                hints::phi_other);
    }
}

void check_phi_prime(Checker& c, const Functions& f) {
    const Tensor v{-1.0, -0.2, 0.0, 0.3, 2.0};
    for (double a : {5.0, 1.5}) {
        c.input("v = " + show(v) + ", a = " + dlc::fmt(a));
        const Tensor p = reference().phi(v, a);
        c.close("phi'(v)", reference().phi_prime(v, a), f.phi_prime(v, a),
                {{hints::phi_prime_slope, p * (1.0 - p)}, {hints::phi_prime_sign, -a * p * (1.0 - p)}},
                hints::phi_prime_other);
    }
}

void check_forward(Checker& c, const Functions& f) {
    for (const Case& k : cases())
        for (const Point& pt : k.points) {
            c.input(describe(k.p, pt));
            const Params& p = k.p;
            const Forward want = library_pass(p, pt.x, pt.y).fw;
            const Forward got = f.forward(p, pt.x);
            const Tensor v_z_no_bias = xt::linalg::dot(p.W, pt.x);
            c.close("v_z", want.v_z, got.v_z, {{hints::forward_bias, v_z_no_bias}}, hints::forward_v_z);
            c.close("z", want.z, got.z, {{hints::forward_z_linear, want.v_z}}, hints::forward_z);
            const Tensor v_f_no_bias = xt::linalg::dot(p.U, want.z);
            c.close("v_f", want.v_f, got.v_f, {{hints::forward_bias, v_f_no_bias}}, hints::forward_v_f);
            c.close("f", want.f, got.f, {{hints::forward_f_linear, want.v_f}}, hints::forward_f);
        }
}

void check_backward(Checker& c, const Functions& f) {
    for (const Case& k : cases())
        for (const Point& pt : k.points) {
            const Params& p = k.p;
            c.input(describe(p, pt) + ", and the forward pass of these (right: computed by the library)");
            const Pass want = library_pass(p, pt.x, pt.y);
            const Gradients got = f.backward(p, pt.x, pt.y, want.fw);
            const Gradients& g = want.g;
            const Tensor back_z = xt::linalg::dot(xt::transpose(p.U), g.delta_f);
            c.close("grad_f", g.grad_f, got.grad_f,
                    {{hints::backward_grad_f_sign, -g.grad_f}, {hints::backward_grad_f_factor, 0.5 * g.grad_f}},
                    hints::backward_grad_f);
            c.close("delta_f", g.delta_f, got.delta_f,
                    {{hints::backward_delta_f_g, g.grad_f},
                     {hints::backward_g_at_output, g.grad_f * reference().phi_prime(want.fw.f, p.a)}},
                    hints::backward_delta_f);
            c.close("delta_z", g.delta_z, got.delta_z,
                    {{hints::backward_delta_z_g, back_z},
                     {hints::backward_g_at_output, back_z * reference().phi_prime(want.fw.z, p.a)}},
                    hints::backward_delta_z);
            c.close("delta_x", g.delta_x, got.delta_x, {}, hints::backward_delta_x);
            c.close("grad_W", g.grad_W, got.grad_W, {{hints::backward_grad_W_transposed, outer(pt.x, g.delta_z)}},
                    hints::backward_grad_W);
            c.close("grad_b", g.grad_b, got.grad_b, {}, hints::backward_grad_b);
            c.close("grad_U", g.grad_U, got.grad_U,
                    {{hints::backward_grad_U_transposed, outer(want.fw.z, g.delta_f)},
                     {hints::backward_grad_U_v_z, outer(g.delta_f, want.fw.v_z)}},
                    hints::backward_grad_U);
            c.close("grad_c", g.grad_c, got.grad_c, {}, hints::backward_grad_c);
        }
}

void check_sgd_step(Checker& c, const Functions& f) {
    for (const Case& k : cases()) {
        const Point& pt = k.points.front();
        const double eta = 0.25;
        const Gradients g = library_pass(k.p, pt.x, pt.y).g;
        c.input(describe(k.p) + ", eta = " + dlc::fmt(eta) + ", the gradients of the point x = " + show(pt.x) +
                ", y = " + dlc::fmt(pt.y));
        Params got = k.p;
        f.sgd_step(got, g, eta);
        const std::vector<std::pair<const char*, std::pair<const Tensor*, const Tensor*>>> pairs = {
            {"W", {&k.p.W, &g.grad_W}}, {"b", {&k.p.b, &g.grad_b}}, {"U", {&k.p.U, &g.grad_U}}, {"c", {&k.p.c, &g.grad_c}}};
        const Tensor* updated[] = {&got.W, &got.b, &got.U, &got.c};
        for (std::size_t i = 0; i < pairs.size(); ++i) {
            const Tensor& before = *pairs[i].second.first;
            const Tensor& grad = *pairs[i].second.second;
            c.close(std::string(pairs[i].first) + " after the step", before - eta * grad, *updated[i],
                    {{hints::sgd_sign, before + eta * grad}, {hints::sgd_not_updated, before}}, hints::sgd_other);
        }
        c.close("a after the step", k.p.a, got.a, {}, hints::sgd_slope);
    }
}

}  // namespace

dlc::exercise::Set checks(const Functions& f) {
    dlc::exercise::Set set;
    set.name = "hw5";
    set.title = "HW5 as code: gradient descent on R (Q1) and backpropagation in the friend-imitating network (Q2)";
    set.functions = {
        {"gradient_R", "grad R(w) = (26 w1 - 10 w2 + 4, -10 w1 + 4 w2 - 2) (HW5 Q1(a))",
         [f](Checker& c) { check_gradient_R(c, f); }},
        {"phi", "phi(v) = 1 / (1 + exp(-a v)), elementwise (HW5 Q2(a))", [f](Checker& c) { check_phi(c, f); }},
        {"phi_prime", "phi'(v) = a phi(v) (1 - phi(v)), elementwise (HW5 Q2(a))",
         [f](Checker& c) { check_phi_prime(c, f); }},
        {"forward", "v_z = W x + b, z = phi(v_z), v_f = U z + c, f = phi(v_f) (HW5 Q2(b))",
         [f](Checker& c) { check_forward(c, f); }},
        {"backward",
         "grad_f = 2 (f - y), delta_f = grad_f * phi'(v_f), delta_z = (U^T delta_f) * phi'(v_z), delta_x = W^T delta_z, "
         "grad_W = delta_z x^T, grad_b = delta_z, grad_U = delta_f z^T, grad_c = delta_f (HW5 Q2(c))",
         [f](Checker& c) { check_backward(c, f); }},
        {"sgd_step", "W <- W - eta grad_W, b <- b - eta grad_b, U <- U - eta grad_U, c <- c - eta grad_c (HW5 Q2(d))",
         [f](Checker& c) { check_sgd_step(c, f); }},
    };
    return set;
}

Functions reference() {
    Functions r;
    // R(w) = 1/2 w^T A w + g^T w + 1 with A = [[26, -10], [-10, 4]], g = (4, -2): grad R = A w + g.
    r.gradient_R = [](const Tensor& w) {
        const Tensor A{{26.0, -10.0}, {-10.0, 4.0}};
        return Tensor(xt::linalg::dot(A, w) + Tensor{4.0, -2.0});
    };
    r.phi = [](const Tensor& v, double a) {
        const dlc::Sigmoid<double> s(a);
        Tensor z = v;
        for (double& e : z) e = s.value(e);
        return z;
    };
    r.phi_prime = [](const Tensor& v, double a) {
        const dlc::Sigmoid<double> s(a);
        Tensor d = v;
        for (double& e : d) e = s.derivative(e);
        return d;
    };
    r.forward = [](const Params& p, const Tensor& x) { return library_pass(p, x, 0.0).fw; };
    r.backward = [](const Params& p, const Tensor& x, double y, const Forward&) { return library_pass(p, x, y).g; };
    r.sgd_step = [](Params& p, const Gradients& g, double eta) {
        p.W -= eta * g.grad_W;
        p.b -= eta * g.grad_b;
        p.U -= eta * g.grad_U;
        p.c -= eta * g.grad_c;
    };
    return r;
}

}  // namespace hw5_exercise
