// Attention as code: the self-test. The checks must pass on the reference and fail, with the right hint, on each of
// these deliberately wrong functions: the typical mistakes of attention's forward and backward pass written as a
// student would write them.
#include "attention/checks.hpp"
#include "attention/hints.hpp"

#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xmath.hpp>

#include <cmath>
#include <string>
#include <utility>

namespace attention_exercise {

namespace {

// The typical mistakes the versions below can make (none: they are right).
enum class Mistake {
    none,
    no_scale,           // forward: S = Q K^T
    softmax_columns,    // forward: the softmax of each column
    mask_after,         // forward: the softmax of the whole row, then A(i, j) = 0 for j > i
    dV_not_transposed,  // backward: dV = A dOut
    softmax_diagonal,   // backward: dS = A (1 - A) dA
    rowsum_as_row,      // backward: xt::sum(dA * A, {1}) broadcast as a row
    dK_not_transposed,  // backward: dK = dS Q / sqrt(d)
    no_scale_backward,  // backward: dQ = dS K, dK = dS^T Q
};

// The forward pass with loops; the softmax subtracts each row's (or column's) largest allowed score.
Forward loop_forward(const Tensor& Q, const Tensor& K, const Tensor& V, bool causal, Mistake m = Mistake::none) {
    const std::size_t n = Q.shape(0), keys = K.shape(0), d = Q.shape(1), dv = V.shape(1);
    const double scale = m == Mistake::no_scale ? 1.0 : 1.0 / std::sqrt(double(d));
    Forward fw;
    fw.S = xt::zeros<double>({n, keys});
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < keys; ++j)
            for (std::size_t l = 0; l < d; ++l) fw.S(i, j) += scale * Q(i, l) * K(j, l);
    auto allowed = [&](std::size_t i, std::size_t j) { return !causal || m == Mistake::mask_after || j <= i; };
    fw.A = xt::zeros<double>({n, keys});
    if (m == Mistake::softmax_columns) {
        for (std::size_t j = 0; j < keys; ++j) {
            double top = -INFINITY, z = 0;
            for (std::size_t i = 0; i < n; ++i)
                if (allowed(i, j)) top = std::max(top, fw.S(i, j));
            for (std::size_t i = 0; i < n; ++i)
                if (allowed(i, j)) z += std::exp(fw.S(i, j) - top);
            for (std::size_t i = 0; i < n; ++i)
                if (allowed(i, j)) fw.A(i, j) = std::exp(fw.S(i, j) - top) / z;
        }
    } else {
        for (std::size_t i = 0; i < n; ++i) {
            double top = -INFINITY, z = 0;
            for (std::size_t j = 0; j < keys; ++j)
                if (allowed(i, j)) top = std::max(top, fw.S(i, j));
            for (std::size_t j = 0; j < keys; ++j)
                if (allowed(i, j)) z += std::exp(fw.S(i, j) - top);
            for (std::size_t j = 0; j < keys; ++j)
                if (allowed(i, j)) fw.A(i, j) = std::exp(fw.S(i, j) - top) / z;
        }
    }
    if (m == Mistake::mask_after && causal)
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = i + 1; j < keys; ++j) fw.A(i, j) = 0.0;
    fw.out = xt::zeros<double>({n, dv});
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < keys; ++j)
            for (std::size_t l = 0; l < dv; ++l) fw.out(i, l) += fw.A(i, j) * V(j, l);
    return fw;
}

// The backward pass with loops (right).
Gradients loop_backward(const Tensor& Q, const Tensor& K, const Tensor& V, const Tensor& A, const Tensor& dOut) {
    const std::size_t n = Q.shape(0), keys = K.shape(0), d = Q.shape(1), dv = V.shape(1);
    const double scale = 1.0 / std::sqrt(double(d));
    Gradients g;
    g.dV = xt::zeros_like(V);
    g.dA = xt::zeros<double>({n, keys});
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < keys; ++j)
            for (std::size_t l = 0; l < dv; ++l) {
                g.dV(j, l) += A(i, j) * dOut(i, l);
                g.dA(i, j) += dOut(i, l) * V(j, l);
            }
    g.dS = xt::zeros_like(A);
    for (std::size_t i = 0; i < n; ++i) {
        double dot = 0;
        for (std::size_t j = 0; j < keys; ++j) dot += A(i, j) * g.dA(i, j);
        for (std::size_t j = 0; j < keys; ++j) g.dS(i, j) = A(i, j) * (g.dA(i, j) - dot);
    }
    g.dQ = xt::zeros_like(Q);
    g.dK = xt::zeros_like(K);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < keys; ++j)
            for (std::size_t l = 0; l < d; ++l) {
                g.dQ(i, l) += scale * g.dS(i, j) * K(j, l);
                g.dK(j, l) += scale * g.dS(i, j) * Q(i, l);
            }
    return g;
}

// The backward pass as a student writes it with xtensor, with one typical mistake.
Gradients xtensor_backward(const Tensor& Q, const Tensor& K, const Tensor& V, const Tensor& A, const Tensor& dOut,
                           Mistake m) {
    const double root_d = std::sqrt(double(Q.shape(1)));
    const double scale = m == Mistake::no_scale_backward ? 1.0 : 1.0 / root_d;
    Gradients g;
    g.dV = m == Mistake::dV_not_transposed ? xt::linalg::dot(A, dOut) : xt::linalg::dot(xt::transpose(A), dOut);
    g.dA = xt::linalg::dot(dOut, xt::transpose(V));
    if (m == Mistake::softmax_diagonal)
        g.dS = A * (1.0 - A) * g.dA;
    else if (m == Mistake::rowsum_as_row)
        g.dS = A * (g.dA - xt::sum(g.dA * A, {1}));
    else {
        const Tensor rowsum = xt::sum(g.dA * A, {1}, xt::keep_dims);
        g.dS = A * (g.dA - rowsum);
    }
    g.dQ = scale * xt::linalg::dot(g.dS, K);
    g.dK = m == Mistake::dK_not_transposed ? Tensor(xt::linalg::dot(g.dS, Q) / root_d)
                                           : Tensor(scale * xt::linalg::dot(xt::transpose(g.dS), Q));
    return g;
}

}  // namespace

dlc::exercise::SelfTest self_test() {
    dlc::exercise::SelfTest t;
    const Functions ref = reference();
    t.reference = checks(ref);
    // The loop versions are right: a variant differs from them in its one mistake only.
    Functions loops;
    loops.sdpa_forward = [](const Tensor& Q, const Tensor& K, const Tensor& V, bool causal) {
        return loop_forward(Q, K, V, causal);
    };
    loops.sdpa_backward = loop_backward;
    t.also_right.push_back(checks(loops));
    Functions xtensor = ref;  // and so is the xtensor version without a mistake
    xtensor.sdpa_backward = [](const Tensor& Q, const Tensor& K, const Tensor& V, const Tensor& A, const Tensor& dOut) {
        return xtensor_backward(Q, K, V, A, dOut, Mistake::none);
    };
    t.also_right.push_back(checks(xtensor));

    const std::pair<Mistake, std::pair<const char*, const char*>> forward_mistakes[] = {
        {Mistake::no_scale, {"S = Q K^T without 1/sqrt(d)", hints::S_scale_missing}},
        {Mistake::softmax_columns, {"softmax over the columns", hints::A_columns}},
        {Mistake::mask_after, {"causal mask applied after the softmax", hints::A_mask_after}},
    };
    for (const auto& [mistake, text] : forward_mistakes) {
        Functions f = ref;
        f.sdpa_forward = [mistake = mistake](const Tensor& Q, const Tensor& K, const Tensor& V, bool causal) {
            return loop_forward(Q, K, V, causal, mistake);
        };
        t.wrong.push_back({text.first, "sdpa_forward", text.second, checks(f)});
    }
    const std::pair<Mistake, std::pair<const char*, const char*>> backward_mistakes[] = {
        {Mistake::dV_not_transposed, {"dV = A dOut", hints::dV_not_transposed}},
        {Mistake::softmax_diagonal, {"softmax backward as A (1 - A) dA", hints::dS_diagonal}},
        {Mistake::rowsum_as_row, {"rowsum without keep_dims, broadcast as a row", hints::dS_rowsum_as_row}},
        {Mistake::dK_not_transposed, {"dK = dS Q / sqrt(d)", hints::dK_not_transposed}},
        {Mistake::no_scale_backward, {"no 1/sqrt(d) in dQ and dK", hints::dQ_scale_missing}},
    };
    for (const auto& [mistake, text] : backward_mistakes) {
        Functions f = ref;
        f.sdpa_backward = [mistake = mistake](const Tensor& Q, const Tensor& K, const Tensor& V, const Tensor& A,
                                              const Tensor& dOut) { return xtensor_backward(Q, K, V, A, dOut, mistake); };
        t.wrong.push_back({text.first, "sdpa_backward", text.second, checks(f)});
    }
    return t;
}

}  // namespace attention_exercise
