// Backpropagation as code: the self-test. The checks must pass on the reference and on loop versions, and fail,
// with the right hint, on each of these deliberately wrong functions: the typical mistakes of the backprop lecture
// written as a student would write them.
#include "backprop/checks.hpp"
#include "backprop/hints.hpp"

#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xmath.hpp>

#include <algorithm>
#include <cmath>
#include <utility>

namespace backprop_exercise {

namespace {

// The right modules written with loops over the batch; a `Mistake` selects one typical error.
enum class Mistake { none, db_not_summed, dW_transposed, dX_transposed, sum_reduction, no_max, sign, softmax_axis };

Tensor loop_linear_forward(const Tensor& X, const Tensor& W, const Tensor& b, bool bias = true) {
    const std::size_t N = X.shape(0), in = W.shape(1), out = W.shape(0);
    Tensor V = xt::zeros<double>({N, out});
    for (std::size_t n = 0; n < N; ++n)
        for (std::size_t k = 0; k < out; ++k) {
            V(n, k) = bias ? b(k) : 0.0;
            for (std::size_t j = 0; j < in; ++j) V(n, k) += X(n, j) * W(k, j);
        }
    return V;
}

LinearGradients loop_linear_backward(const Tensor& X, const Tensor& W, const Tensor& dY, Mistake mistake) {
    const std::size_t N = X.shape(0), in = W.shape(1), out = W.shape(0);
    LinearGradients g;
    if (mistake == Mistake::dX_transposed) {
        g.dX = xt::linalg::dot(dY, xt::transpose(W));  // per example W^T delta, "so" dY W^T
    } else {
        g.dX = xt::zeros<double>({N, in});
        for (std::size_t n = 0; n < N; ++n)
            for (std::size_t j = 0; j < in; ++j)
                for (std::size_t k = 0; k < out; ++k) g.dX(n, j) += dY(n, k) * W(k, j);
    }
    if (mistake == Mistake::dW_transposed) {
        g.dW = xt::zeros<double>({in, out});
        for (std::size_t n = 0; n < N; ++n)
            for (std::size_t j = 0; j < in; ++j)
                for (std::size_t k = 0; k < out; ++k) g.dW(j, k) += X(n, j) * dY(n, k);
    } else {
        g.dW = xt::zeros<double>({out, in});
        for (std::size_t n = 0; n < N; ++n)
            for (std::size_t k = 0; k < out; ++k)
                for (std::size_t j = 0; j < in; ++j) g.dW(k, j) += dY(n, k) * X(n, j);
    }
    if (mistake == Mistake::db_not_summed) {
        g.db = dY;  // grad_b = delta, as for one example
    } else {
        g.db = xt::zeros<double>({out});
        for (std::size_t n = 0; n < N; ++n)
            for (std::size_t k = 0; k < out; ++k) g.db(k) += dY(n, k);
    }
    return g;
}

double sigma(double v, double sign = -1.0) { return 1.0 / (1.0 + std::exp(sign * v)); }

Tensor loop_sigmoid_forward(const Tensor& V, double sign = -1.0) {
    Tensor Z = V;
    for (double& z : Z) z = sigma(z, sign);
    return Z;
}

enum class GPrime { right, missing, of_input };

Tensor loop_sigmoid_backward(const Tensor& V, const Tensor& dZ, GPrime g) {
    Tensor dV = dZ;
    for (std::size_t i = 0; i < dV.size(); ++i) {
        const double v = V.data()[i], s = sigma(v);
        if (g == GPrime::right) dV.data()[i] *= s * (1.0 - s);
        if (g == GPrime::of_input) dV.data()[i] *= v * (1.0 - v);
    }
    return dV;
}

// The softmax of row n, with or without subtracting the row's maximum.
std::vector<double> row_softmax(const Tensor& V, std::size_t n, bool subtract_max) {
    const std::size_t K = V.shape(1);
    double m = V(n, 0);
    for (std::size_t k = 1; k < K; ++k) m = std::max(m, V(n, k));
    if (!subtract_max) m = 0.0;
    std::vector<double> a(K);
    double s = 0;
    for (std::size_t k = 0; k < K; ++k) s += (a[k] = std::exp(V(n, k) - m));
    for (double& e : a) e /= s;
    return a;
}

double loop_sce_forward(const Tensor& V, const Labels& labels, Mistake mistake) {
    const std::size_t N = V.shape(0), K = V.shape(1);
    double l = 0;
    for (std::size_t n = 0; n < N; ++n) {
        if (mistake == Mistake::no_max) {
            l -= std::log(row_softmax(V, n, false)[labels(n)]);
            continue;
        }
        if (mistake == Mistake::softmax_axis) {  // normalized over the batch: column c_n's sum
            double column = 0;
            for (std::size_t m = 0; m < N; ++m) column += std::exp(V(m, labels(n)));
            l -= std::log(std::exp(V(n, labels(n))) / column);
            continue;
        }
        double m = V(n, 0);
        for (std::size_t k = 1; k < K; ++k) m = std::max(m, V(n, k));
        double s = 0;
        for (std::size_t k = 0; k < K; ++k) s += std::exp(V(n, k) - m);
        l += m + std::log(s) - V(n, labels(n));  // -log a_nc = log sum_j exp(V_nj) - V_nc
    }
    return mistake == Mistake::sum_reduction ? l : l / static_cast<double>(N);
}

Tensor loop_sce_backward(const Tensor& V, const Labels& labels, Mistake mistake) {
    const std::size_t N = V.shape(0), K = V.shape(1);
    Tensor d = xt::zeros<double>({N, K});
    for (std::size_t n = 0; n < N; ++n) {
        const std::vector<double> a = row_softmax(V, n, mistake != Mistake::no_max);
        for (std::size_t k = 0; k < K; ++k) {
            const double y = k == labels(n) ? 1.0 : 0.0;
            d(n, k) = mistake == Mistake::sign ? y - a[k] : a[k] - y;
            if (mistake != Mistake::sum_reduction) d(n, k) /= static_cast<double>(N);
        }
    }
    return d;
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
    Functions loops;
    loops.linear_forward = [](const Tensor& X, const Tensor& W, const Tensor& b) { return loop_linear_forward(X, W, b); };
    loops.linear_backward = [](const Tensor& X, const Tensor& W, const Tensor& dY) {
        return loop_linear_backward(X, W, dY, Mistake::none);
    };
    loops.sigmoid_forward = [](const Tensor& V) { return loop_sigmoid_forward(V); };
    loops.sigmoid_backward = [](const Tensor& V, const Tensor& dZ) { return loop_sigmoid_backward(V, dZ, GPrime::right); };
    loops.softmax_cross_entropy_forward = [](const Tensor& V, const Labels& c) {
        return loop_sce_forward(V, c, Mistake::none);
    };
    loops.softmax_cross_entropy_backward = [](const Tensor& V, const Labels& c) {
        return loop_sce_backward(V, c, Mistake::none);
    };
    t.also_right.push_back(checks(loops));

    Functions f = ref;
    f.linear_forward = [](const Tensor& X, const Tensor& W, const Tensor& b) {
        return Tensor(xt::linalg::dot(X, W) + b);  // X W: W read as (in, out)
    };
    t.wrong.push_back(variant("V = X W + b (W transposed)", "linear_forward", hints::linear_forward_transposed, f));
    f = ref;
    f.linear_forward = [](const Tensor& X, const Tensor& W, const Tensor& b) { return loop_linear_forward(X, W, b, false); };
    t.wrong.push_back(variant("no bias", "linear_forward", hints::linear_forward_bias, f));
    const std::pair<Mistake, std::pair<const char*, const char*>> linear_mistakes[] = {
        {Mistake::dW_transposed, {"dW = X^T dY", hints::linear_dW_transposed}},
        {Mistake::db_not_summed, {"db = dY (not summed over the batch)", hints::linear_db_not_summed}},
        {Mistake::dX_transposed, {"dX = dY W^T", hints::linear_dX_transposed}},
    };
    for (const auto& [mistake, text] : linear_mistakes) {
        f = ref;
        f.linear_backward = [mistake = mistake](const Tensor& X, const Tensor& W, const Tensor& dY) {
            return loop_linear_backward(X, W, dY, mistake);
        };
        t.wrong.push_back(variant(text.first, "linear_backward", text.second, f));
    }
    f = ref;
    f.sigmoid_forward = [](const Tensor& V) { return loop_sigmoid_forward(V, +1.0); };
    t.wrong.push_back(variant("exp(+v)", "sigmoid_forward", hints::sigmoid_sign, f));
    f = ref;
    f.sigmoid_backward = [](const Tensor& V, const Tensor& dZ) { return loop_sigmoid_backward(V, dZ, GPrime::missing); };
    t.wrong.push_back(variant("dV = dZ (g' missing)", "sigmoid_backward", hints::sigmoid_missing_g_prime, f));
    f = ref;
    f.sigmoid_backward = [](const Tensor& V, const Tensor& dZ) { return loop_sigmoid_backward(V, dZ, GPrime::of_input); };
    t.wrong.push_back(variant("dV = dZ * V (1 - V)", "sigmoid_backward", hints::sigmoid_g_prime_of_v, f));
    f = ref;
    f.softmax_cross_entropy_forward = [](const Tensor& V, const Labels& c) {
        return loop_sce_forward(V, c, Mistake::sum_reduction);
    };
    t.wrong.push_back(variant("loss summed over the batch", "softmax_cross_entropy_forward", hints::sce_sum, f));
    f = ref;
    f.softmax_cross_entropy_forward = [](const Tensor& V, const Labels& c) { return loop_sce_forward(V, c, Mistake::no_max); };
    t.wrong.push_back(variant("softmax without the max subtracted", "softmax_cross_entropy_forward", hints::sce_overflow, f));
    f = ref;
    f.softmax_cross_entropy_forward = [](const Tensor& V, const Labels& c) {
        return loop_sce_forward(V, c, Mistake::softmax_axis);
    };
    t.wrong.push_back(variant("softmax over the batch axis", "softmax_cross_entropy_forward", hints::sce_softmax_axis, f));
    const std::pair<Mistake, std::pair<const char*, const char*>> sce_mistakes[] = {
        {Mistake::sum_reduction, {"a - y without the 1/N", hints::sce_backward_sum}},
        {Mistake::sign, {"(y - a) / N", hints::sce_backward_sign}},
        {Mistake::no_max, {"softmax without the max subtracted", hints::sce_backward_overflow}},
    };
    for (const auto& [mistake, text] : sce_mistakes) {
        f = ref;
        f.softmax_cross_entropy_backward = [mistake = mistake](const Tensor& V, const Labels& c) {
            return loop_sce_backward(V, c, mistake);
        };
        t.wrong.push_back(variant(text.first, "softmax_cross_entropy_backward", text.second, f));
    }
    return t;
}

}  // namespace backprop_exercise
