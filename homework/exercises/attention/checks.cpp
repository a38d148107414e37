// Attention as code: each function's checks against the library (lib/attention's ScaledDotProductAttention with one
// head, the scaled DotScore, softmax_backward_row), with the typical mistakes they diagnose, and a gradient check of
// the backward pass against central differences of the student's own forward pass. The wrong variants the
// self-test runs are in wrong.cpp.
#include "attention/checks.hpp"

#include "attention/hints.hpp"
#include "attention/mask.hpp"
#include "attention/score.hpp"
#include "attention/sdpa.hpp"

#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

#include <cmath>
#include <exception>
#include <string>
#include <vector>

namespace attention_exercise {

namespace {

using dlc::exercise::Checker;
using dlc::exercise::Mistake;
using dlc::exercise::numerical_gradient;
using dlc::exercise::show;

// The fixed inputs: 3 queries and keys with d = 2; 2 queries and 4 keys with d = 3 (n != m catches a transposed
// product or a softmax over the wrong axis by its shape); 3 causal queries and keys with d = 4.
struct Case {
    Tensor Q, K, V, dOut;
    bool causal;
};

std::vector<Case> cases() {
    Case square{Tensor{{1.0, 0.2}, {-0.5, 0.8}, {0.3, -1.1}}, Tensor{{0.6, -0.4}, {-0.2, 0.9}, {1.2, 0.5}},
                Tensor{{1.0, -0.5}, {0.3, 0.8}, {-0.7, 0.2}}, Tensor{{0.4, -0.9}, {1.1, 0.3}, {-0.6, 0.5}}, false};
    Case wide{Tensor{{0.5, -1.0, 0.4}, {1.3, 0.2, -0.6}},
              Tensor{{0.2, 0.7, -0.3}, {-0.8, 0.1, 0.5}, {0.4, -0.6, 1.0}, {1.1, 0.3, 0.2}},
              Tensor{{0.5, 1.0, -0.2}, {-1.0, 0.4, 0.6}, {0.2, -0.3, 0.9}, {0.7, 0.1, -0.5}},
              Tensor{{0.3, -0.2, 0.8}, {-0.5, 0.9, 0.1}}, false};
    Case causal{Tensor{{0.3, -0.6, 1.0, 0.2}, {0.9, 0.4, -0.2, -0.7}, {-0.5, 0.8, 0.1, 0.6}},
                Tensor{{1.0, 0.1, -0.4, 0.3}, {-0.3, 0.7, 0.5, -0.1}, {0.2, -0.9, 0.6, 0.8}},
                Tensor{{0.6, -1.0}, {-0.4, 0.5}, {1.2, 0.3}}, Tensor{{0.7, 0.2}, {-0.3, 0.8}, {0.5, -0.6}}, true};
    return {square, wide, causal};
}

std::string describe(const Case& k) {
    return "Q = " + show(k.Q) + ", K = " + show(k.K) + ", V = " + show(k.V) + (k.causal ? ", causal" : ", not causal");
}

// The library works on batches (B, T, features): a batch of one, and back.
Tensor batched(const Tensor& x) {
    Tensor b = x;
    b.reshape({std::size_t(1), x.shape(0), x.shape(1)});
    return b;
}
Tensor unbatched(const Tensor& b) {
    Tensor x = b;
    x.reshape({b.shape(b.dimension() - 2), b.shape(b.dimension() - 1)});
    return x;
}

// The mask "query i attends to keys j >= i" (the causal mask reversed), as the library's boolean mask.
dlc::AttentionMask reversed_causal(std::size_t n) {
    dlc::AttentionMask mask;
    mask.allowed = xt::xarray<bool>::from_shape({n, n});
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) mask.allowed(i, j) = j >= i;
    return mask;
}

// The library's forward (and, with dOut, backward) pass with one head.
struct Pass {
    Forward fw;
    Gradients g;
};
Pass library_pass(const Tensor& Q, const Tensor& K, const Tensor& V, const dlc::AttentionMask& mask,
                  const Tensor* dOut = nullptr) {
    dlc::ScaledDotProductAttention<double> sdpa(1);
    dlc::DotScore<double> score(Q.shape(1), true);
    Pass r;
    r.fw.S = unbatched(score.forward(batched(Q), batched(K)));
    r.fw.out = unbatched(sdpa.forward(batched(Q), batched(K), batched(V), mask));
    r.fw.A = unbatched(sdpa.weights());
    if (!dOut) return r;
    sdpa.backward(batched(*dOut));
    r.g.dV = unbatched(sdpa.grad_values());
    r.g.dA = xt::linalg::dot(*dOut, xt::transpose(V));
    r.g.dS = r.g.dA;
    const std::size_t n = r.fw.A.shape(0), m = r.fw.A.shape(1);
    for (std::size_t i = 0; i < n; ++i) dlc::softmax_backward_row(r.fw.A.data() + i * m, m, r.g.dS.data() + i * m);
    r.g.dQ = unbatched(sdpa.grad_queries());
    r.g.dK = unbatched(sdpa.grad_keys());
    return r;
}
dlc::AttentionMask mask_of(const Case& k) { return k.causal ? dlc::causal_mask() : dlc::AttentionMask{}; }

// The softmax of each COLUMN of S over the allowed entries (the wrong axis), with the library's softmax row.
Tensor column_softmax(const Tensor& S, bool causal) {
    const std::size_t n = S.shape(0), m = S.shape(1);
    Tensor A = xt::zeros_like(S), column = Tensor::from_shape({n}), a = Tensor::from_shape({n});
    xt::xarray<bool> allowed = xt::xarray<bool>::from_shape({n});
    for (std::size_t j = 0; j < m; ++j) {
        for (std::size_t i = 0; i < n; ++i) column(i) = S(i, j), allowed(i) = !causal || j <= i;
        dlc::masked_softmax_row(column.data(), n, dlc::MaskRow{n, allowed.data()}, a.data());
        for (std::size_t i = 0; i < n; ++i) A(i, j) = a(i);
    }
    return A;
}

// Whether the student's forward gives the library's values here (the gradient check differentiates it only then).
bool agrees(const Functions& f, const Case& k, const Forward& want) {
    auto same = [](const Tensor& a, const Tensor& b) { return a.shape() == b.shape() && xt::allclose(a, b, 1e-6, 1e-8); };
    try {
        const Forward got = f.sdpa_forward(k.Q, k.K, k.V, k.causal);
        return same(got.S, want.S) && same(got.A, want.A) && same(got.out, want.out);
    } catch (const std::exception&) {
        return false;
    }
}

void check_forward(Checker& c, const Functions& f) {
    for (const Case& k : cases()) {
        c.input(describe(k));
        const Forward want = library_pass(k.Q, k.K, k.V, mask_of(k)).fw;
        const Forward got = f.sdpa_forward(k.Q, k.K, k.V, k.causal);
        const double root_d = std::sqrt(double(k.Q.shape(1)));
        dlc::DotScore<double> dot(k.Q.shape(1), false);
        c.close("S", want.S, got.S,
                {{hints::S_scale_missing, unbatched(dot.forward(batched(k.Q), batched(k.K)))},
                 {hints::S_scale_by_d, want.S / root_d},
                 {hints::S_transposed, xt::transpose(want.S)}},
                hints::S_other);
        std::vector<Mistake> A_mistakes = {
            {hints::A_columns, column_softmax(want.S, k.causal)},
            {hints::A_unscaled, library_pass(k.Q * root_d, k.K, k.V, mask_of(k)).fw.A}};
        if (k.causal) {
            const Tensor unmasked = library_pass(k.Q, k.K, k.V, {}).fw.A;
            A_mistakes.push_back({hints::A_mask_missing, unmasked});
            A_mistakes.push_back({hints::A_mask_after, unmasked * xt::tril(xt::ones_like(unmasked))});
            A_mistakes.push_back({hints::A_mask_reversed, library_pass(k.Q, k.K, k.V, reversed_causal(k.Q.shape(0))).fw.A});
        }
        c.close("A", want.A, got.A, A_mistakes, hints::A_other);
        c.close("out", want.out, got.out, {}, hints::out_other);
    }
}

void check_backward(Checker& c, const Functions& f) {
    for (const Case& k : cases()) {
        const Pass want = library_pass(k.Q, k.K, k.V, mask_of(k), &k.dOut);
        const Tensor& A = want.fw.A;
        c.input(describe(k) + ", A = " + show(A) + " (right: computed by the library), dOut = " + show(k.dOut));
        const Gradients got = f.sdpa_backward(k.Q, k.K, k.V, A, k.dOut);
        const Gradients& g = want.g;
        const bool square = A.shape(0) == A.shape(1);  // where A dOut and dS Q have a value at all
        const double root_d = std::sqrt(double(k.Q.shape(1)));
        std::vector<Mistake> dV_mistakes, dS_mistakes = {{hints::dS_diagonal, A * (1.0 - A) * g.dA},
                                                          {hints::dS_skipped, g.dA}};
        std::vector<Mistake> dK_mistakes = {{hints::dK_missing, xt::zeros_like(g.dK)}};
        if (square) {
            dV_mistakes.push_back({hints::dV_not_transposed, xt::linalg::dot(A, k.dOut)});
            const Tensor rowsum = xt::sum(g.dA * A, {1});
            dS_mistakes.push_back({hints::dS_rowsum_as_row, A * (g.dA - xt::view(rowsum, xt::newaxis(), xt::all()))});
            dK_mistakes.push_back({hints::dK_not_transposed, xt::linalg::dot(g.dS, k.Q) / root_d});
        }
        // Without the scale: the library's unscaled dot score's backward for the right dS.
        dlc::DotScore<double> dot(k.Q.shape(1), false);
        dot.forward(batched(k.Q), batched(k.K));
        dot.backward(batched(g.dS));
        dK_mistakes.push_back({hints::dK_scale_missing, unbatched(dot.grad_keys())});
        c.close("dV", g.dV, got.dV, dV_mistakes, hints::dV_other);
        c.close("dA", g.dA, got.dA, {}, hints::dA_other);
        c.close("dS", g.dS, got.dS, dS_mistakes, hints::dS_other);
        c.close("dQ", g.dQ, got.dQ, {{hints::dQ_scale_missing, unbatched(dot.grad_queries())}}, hints::dQ_other);
        c.close("dK", g.dK, got.dK, dK_mistakes, hints::dK_other);
        // Central differences of L = sum(dOut * out) through the student's own forward, once it is right here.
        if (!agrees(f, k, want.fw)) continue;
        auto loss = [&](const Tensor& Q, const Tensor& K, const Tensor& V) {
            return double(xt::sum(k.dOut * f.sdpa_forward(Q, K, V, k.causal).out)());
        };
        c.gradient("dQ", numerical_gradient([&](const Tensor& Q) { return loss(Q, k.K, k.V); }, k.Q), got.dQ,
                   hints::gradcheck);
        c.gradient("dK", numerical_gradient([&](const Tensor& K) { return loss(k.Q, K, k.V); }, k.K), got.dK,
                   hints::gradcheck);
        c.gradient("dV", numerical_gradient([&](const Tensor& V) { return loss(k.Q, k.K, V); }, k.V), got.dV,
                   hints::gradcheck);
    }
}

}  // namespace

dlc::exercise::Set checks(const Functions& f) {
    dlc::exercise::Set set;
    set.name = "attention";
    set.title = "Attention as code: scaled dot-product attention, forward and backward (NYU \"Multi-headed attention\", "
                "\"Causal Attention\"; L25)";
    set.functions = {
        {"sdpa_forward",
         "S = Q K^T / sqrt(d), A = row-wise softmax of S (keys j <= i when causal), out = A V (NYU \"Multi-headed "
         "attention\", \"Causal Attention\")",
         [f](Checker& c) { check_forward(c, f); }},
        {"sdpa_backward",
         "dV = A^T dOut, dA = dOut V^T, dS = A * (dA - rowsum(dA * A)), dQ = dS K / sqrt(d), dK = dS^T Q / sqrt(d) "
         "(NYU \"Multi-headed attention\")",
         [f](Checker& c) { check_backward(c, f); }},
    };
    return set;
}

Functions reference() {
    Functions r;
    r.sdpa_forward = [](const Tensor& Q, const Tensor& K, const Tensor& V, bool causal) {
        return library_pass(Q, K, V, causal ? dlc::causal_mask() : dlc::AttentionMask{}).fw;
    };
    // The weights A given decide the mask: the library's pass with the keys allowed where A is not 0.
    r.sdpa_backward = [](const Tensor& Q, const Tensor& K, const Tensor& V, const Tensor& A, const Tensor& dOut) {
        dlc::AttentionMask mask;
        mask.allowed = xt::not_equal(A, 0.0);
        return library_pass(Q, K, V, mask, &dOut).g;
    };
    return r;
}

}  // namespace attention_exercise
