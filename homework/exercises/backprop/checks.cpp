// Backpropagation as code: each function's checks against the library (lib/nn's Linear, Sigmoid and
// SoftmaxCrossEntropy), with the typical mistakes they diagnose, and each backward pass against central differences
// of the student's own forward pass (the gradient checker). The wrong variants the self-test runs are in wrong.cpp.
#include "backprop/checks.hpp"

#include "backprop/hints.hpp"
#include "nn/linear.hpp"
#include "nn/sigmoid.hpp"
#include "nn/softmax_cross_entropy.hpp"

#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xmath.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace backprop_exercise {

namespace {

using dlc::exercise::Checker;
using dlc::exercise::Mistake;
using dlc::exercise::numerical_gradient;
using dlc::exercise::show;

// The linear module's fixed batches: a square W (3, 3), where X W (a transposed W) has the right shape, and a
// (4, 2) W with N = 3, which catches a hard-coded shape.
struct LinearCase {
    Tensor X, W, b, dY;
};

std::vector<LinearCase> linear_cases() {
    return {{Tensor{{1.0, -2.0, 0.5}, {0.3, 0.8, -1.0}},
             Tensor{{0.2, -0.4, 0.1}, {0.5, 0.3, -0.6}, {-0.7, 0.2, 0.9}},
             Tensor{0.1, -0.3, 0.25},
             Tensor{{0.5, -1.0, 0.2}, {-0.3, 0.4, 0.7}}},
            {Tensor{{0.5, -1.0}, {2.0, 0.25}, {-1.5, 1.0}},
             Tensor{{0.3, -0.2}, {-0.5, 0.8}, {1.1, 0.4}, {0.0, -0.9}},
             Tensor{0.2, 0.0, -0.1, 0.4},
             Tensor{{0.1, -0.2, 0.3, 0.6}, {-0.5, 0.25, 0.0, 0.4}, {0.7, -0.1, -0.4, 0.2}}}};
}

// The sigmoid's inputs: a (2, 3) batch and a vector (elementwise: any shape), with the upstream gradients dZ.
struct SigmoidCase {
    Tensor V, dZ;
};

std::vector<SigmoidCase> sigmoid_cases() {
    return {{Tensor{{-2.0, -0.5, 0.0}, {0.3, 1.0, 2.5}}, Tensor{{0.4, -1.0, 0.3}, {2.0, -0.6, 0.5}}},
            {Tensor{4.0, -3.0, 0.7, -1.2}, Tensor{1.0, 0.5, -2.0, 0.25}}};
}

// Softmax cross-entropy's logits and labels: two ordinary batches, then large logits (exp(1000) overflows; the
// softmax of each row is the same as that of the row minus its maximum).
struct LogitCase {
    Tensor V;
    Labels labels;
    bool large;
};

std::vector<LogitCase> logit_cases() {
    return {{Tensor{{1.0, 2.0, 0.5}, {-1.0, 0.3, 0.8}}, Labels{1, 0}, false},
            {Tensor{{0.2, -0.5, 1.5, 0.0}, {2.0, 1.0, -1.0, 0.5}, {-0.3, -0.3, 0.4, 1.0}}, Labels{2, 3, 1}, false},
            {Tensor{{1000.0, 998.0, 996.0}, {-1000.0, -999.0, -1001.0}}, Labels{0, 2}, true}};
}

std::string describe(const Tensor& V, const Labels& labels) {
    return "V = " + show(V) + ", labels = " + show(xt::cast<double>(labels));
}

Tensor transpose(const Tensor& A) { return xt::transpose(A); }
Tensor dot(const Tensor& A, const Tensor& B) { return xt::linalg::dot(A, B); }

// Whether a student's forward runs and agrees with the library on this input: the gradient checker differentiates
// it numerically only then (a wrong forward is reported by its own checks).
template <class Call>
bool forward_right(const Call& call, const Tensor& expected) {
    try {
        const Tensor got = call();
        if (got.shape() != expected.shape()) return false;
        for (std::size_t i = 0; i < got.size(); ++i)
            if (!(std::abs(got.data()[i] - expected.data()[i]) <= 1e-8 + 1e-6 * std::abs(expected.data()[i])))
                return false;
        return true;
    } catch (...) {
        return false;
    }
}

// The library's linear module on one batch: V, and dX, dW, db for the deltas dY.
LinearGradients library_linear_backward(const LinearCase& k) {
    dlc::Linear<double> layer(k.W, k.b);
    layer.forward(k.X);
    LinearGradients g;
    g.dX = layer.backward(k.dY);
    g.dW = layer.grad_W();
    g.db = layer.grad_b();
    return g;
}

void check_linear_forward(Checker& c, const Functions& f) {
    for (const LinearCase& k : linear_cases()) {
        c.input("X = " + show(k.X) + ", W = " + show(k.W) + ", b = " + show(k.b));
        const Tensor no_bias = dot(k.X, transpose(k.W));
        std::vector<Mistake> mistakes = {{hints::linear_forward_bias, no_bias}};
        if (k.W.shape(0) == k.W.shape(1)) mistakes.push_back({hints::linear_forward_transposed, dot(k.X, k.W) + k.b});
        c.close("V", reference().linear_forward(k.X, k.W, k.b), f.linear_forward(k.X, k.W, k.b), mistakes,
                hints::linear_forward_other);
    }
}

void check_linear_backward(Checker& c, const Functions& f) {
    for (const LinearCase& k : linear_cases()) {
        c.input("X = " + show(k.X) + ", W = " + show(k.W) + ", dY = " + show(k.dY) + " (b = " + show(k.b) +
                " for the forward pass)");
        const LinearGradients want = library_linear_backward(k);
        const LinearGradients got = f.linear_backward(k.X, k.W, k.dY);
        const double N = static_cast<double>(k.X.shape(0));
        std::vector<Mistake> dX_mistakes;
        if (k.W.shape(0) == k.W.shape(1)) dX_mistakes.push_back({hints::linear_dX_transposed, dot(k.dY, transpose(k.W))});
        c.close("dX", want.dX, got.dX, dX_mistakes, hints::linear_dX);
        c.close("dW", want.dW, got.dW,
                {{hints::linear_dW_transposed, dot(transpose(k.X), k.dY)}, {hints::linear_dW_mean, want.dW / N}},
                hints::linear_dW);
        c.close("db", want.db, got.db, {{hints::linear_db_not_summed, k.dY}, {hints::linear_db_mean, want.db / N}},
                hints::linear_db);
        // The gradient checker: dX, dW, db are the derivatives of sum(dY * V) with V = the student's linear_forward.
        const Tensor V = reference().linear_forward(k.X, k.W, k.b);
        if (!forward_right([&] { return f.linear_forward(k.X, k.W, k.b); }, V)) continue;
        auto loss = [&](const Tensor& X, const Tensor& W, const Tensor& b) {
            return double(xt::sum(k.dY * f.linear_forward(X, W, b))());
        };
        c.gradient("dX", numerical_gradient([&](const Tensor& X) { return loss(X, k.W, k.b); }, k.X), got.dX,
                   hints::linear_gradient);
        c.gradient("dW", numerical_gradient([&](const Tensor& W) { return loss(k.X, W, k.b); }, k.W), got.dW,
                   hints::linear_gradient);
        c.gradient("db", numerical_gradient([&](const Tensor& b) { return loss(k.X, k.W, b); }, k.b), got.db,
                   hints::linear_gradient);
    }
}

void check_sigmoid_forward(Checker& c, const Functions& f) {
    for (const SigmoidCase& k : sigmoid_cases()) {
        c.input("V = " + show(k.V));
        c.close("Z", reference().sigmoid_forward(k.V), f.sigmoid_forward(k.V),
                {{hints::sigmoid_sign, 1.0 / (1.0 + xt::exp(k.V))}}, hints::sigmoid_other);
    }
}

void check_sigmoid_backward(Checker& c, const Functions& f) {
    for (const SigmoidCase& k : sigmoid_cases()) {
        c.input("V = " + show(k.V) + ", dZ = " + show(k.dZ));
        const Tensor got = f.sigmoid_backward(k.V, k.dZ);
        c.close("dV", reference().sigmoid_backward(k.V, k.dZ), got,
                {{hints::sigmoid_missing_g_prime, k.dZ}, {hints::sigmoid_g_prime_of_v, k.dZ * k.V * (1.0 - k.V)}},
                hints::sigmoid_backward_other);
        if (!forward_right([&] { return f.sigmoid_forward(k.V); }, reference().sigmoid_forward(k.V))) continue;
        c.gradient("dV",
                   numerical_gradient([&](const Tensor& V) { return double(xt::sum(k.dZ * f.sigmoid_forward(V))()); }, k.V),
                   got, hints::sigmoid_gradient);
    }
}

// The softmax of each row (axis 1), or, a typical mistake, of each column (axis 0: normalized over the batch). The
// reductions are evaluated first: xtensor 0.24 broadcasts an unevaluated keep_dims reduction wrongly.
Tensor softmax(const Tensor& V, std::size_t axis) {
    const Tensor m = xt::amax(V, {axis}, xt::keep_dims);
    const Tensor e = xt::exp(V - m);
    const Tensor z = xt::sum(e, {axis}, xt::keep_dims);
    return e / z;
}

Tensor one_hot(const Labels& labels, std::size_t K) {
    Tensor y = xt::zeros<double>({labels.size(), K});
    for (std::size_t n = 0; n < labels.size(); ++n) y(n, labels(n)) = 1.0;
    return y;
}

bool finite(const Tensor& t) {
    for (double e : t)
        if (!std::isfinite(e)) return false;
    return true;
}

void check_sce_forward(Checker& c, const Functions& f) {
    for (const LogitCase& k : logit_cases()) {
        c.input(describe(k.V, k.labels));
        const double want = reference().softmax_cross_entropy_forward(k.V, k.labels);
        const double got = f.softmax_cross_entropy_forward(k.V, k.labels);
        const double N = static_cast<double>(k.V.shape(0)), K = static_cast<double>(k.V.shape(1));
        std::vector<Mistake> mistakes = {{hints::sce_sum, Tensor(want * N)},
                                         {hints::sce_mean_over_entries, Tensor(want / K)},
                                         {hints::sce_sign, Tensor(-want)}};
        if (!k.large) {
            const Tensor by_column = softmax(k.V, 0);
            double l = 0;
            for (std::size_t n = 0; n < k.labels.size(); ++n) l -= std::log(by_column(n, k.labels(n)));
            mistakes.push_back({hints::sce_softmax_axis, Tensor(l / N)});
        }
        c.close("l", want, got, mistakes, std::isfinite(got) ? hints::sce_other : hints::sce_overflow);
    }
}

void check_sce_backward(Checker& c, const Functions& f) {
    for (const LogitCase& k : logit_cases()) {
        c.input(describe(k.V, k.labels));
        const Tensor want = reference().softmax_cross_entropy_backward(k.V, k.labels);
        const Tensor got = f.softmax_cross_entropy_backward(k.V, k.labels);
        const double N = static_cast<double>(k.V.shape(0));
        const Tensor y = one_hot(k.labels, k.V.shape(1));
        std::vector<Mistake> mistakes = {{hints::sce_backward_sum, want * N},
                                         {hints::sce_backward_sign, -want},
                                         {hints::sce_backward_no_onehot, softmax(k.V, 1) / N}};
        if (!k.large) mistakes.push_back({hints::sce_softmax_axis, (softmax(k.V, 0) - y) / N});
        c.close("dl/dV", want, got, mistakes, finite(got) ? hints::sce_backward_other : hints::sce_backward_overflow);
        const Tensor l(reference().softmax_cross_entropy_forward(k.V, k.labels));
        if (!forward_right([&] { return Tensor(f.softmax_cross_entropy_forward(k.V, k.labels)); }, l)) continue;
        c.gradient("dl/dV",
                   numerical_gradient([&](const Tensor& V) { return f.softmax_cross_entropy_forward(V, k.labels); }, k.V),
                   got, hints::sce_gradient);
    }
}

}  // namespace

dlc::exercise::Set checks(const Functions& f) {
    dlc::exercise::Set set;
    set.name = "backprop";
    set.title = "Backpropagation as code: linear, sigmoid and softmax cross-entropy as modules, forward and backward "
                "(Bahng §1.4, L9-L11)";
    set.functions = {
        {"linear_forward", "V = X W^T + 1 b^T, one example per row (Bahng §1.4, L9-L10)",
         [f](Checker& c) { check_linear_forward(c, f); }},
        {"linear_backward", "dX = dY W, dW = dY^T X, db = sum_n dY(n, :) (Bahng §1.4, L9-L10)",
         [f](Checker& c) { check_linear_backward(c, f); }},
        {"sigmoid_forward", "Z = 1 / (1 + exp(-V)), elementwise (Bahng §1.4 Example 1.6)",
         [f](Checker& c) { check_sigmoid_forward(c, f); }},
        {"sigmoid_backward", "dV = dZ * sigma(V) (1 - sigma(V)), elementwise (Bahng §1.4 Example 1.6, L9-L10)",
         [f](Checker& c) { check_sigmoid_backward(c, f); }},
        {"softmax_cross_entropy_forward",
         "l = (1/N) sum_n -log softmax(V_n)[c_n], each row's maximum subtracted first (Bahng §1.4)",
         [f](Checker& c) { check_sce_forward(c, f); }},
        {"softmax_cross_entropy_backward", "dl/dV = (softmax(V) - onehot(c)) / N (Bahng §1.4: delta = a - y)",
         [f](Checker& c) { check_sce_backward(c, f); }},
    };
    return set;
}

Functions reference() {
    Functions r;
    r.linear_forward = [](const Tensor& X, const Tensor& W, const Tensor& b) {
        dlc::Linear<double> layer(W, b);
        return Tensor(layer.forward(X));
    };
    r.linear_backward = [](const Tensor& X, const Tensor& W, const Tensor& dY) {
        return library_linear_backward({X, W, xt::zeros<double>({W.shape(0)}), dY});
    };
    r.sigmoid_forward = [](const Tensor& V) {
        dlc::Sigmoid<double> s;
        return Tensor(s.forward(V));
    };
    r.sigmoid_backward = [](const Tensor& V, const Tensor& dZ) {
        dlc::Sigmoid<double> s;
        s.forward(V);
        return Tensor(s.backward(dZ));
    };
    r.softmax_cross_entropy_forward = [](const Tensor& V, const Labels& labels) {
        dlc::SoftmaxCrossEntropy<double> loss(dlc::Reduction::mean);
        return loss.forward(V, labels);
    };
    r.softmax_cross_entropy_backward = [](const Tensor& V, const Labels& labels) {
        dlc::SoftmaxCrossEntropy<double> loss(dlc::Reduction::mean);
        loss.forward(V, labels);
        return Tensor(loss.backward());
    };
    return r;
}

}  // namespace backprop_exercise
