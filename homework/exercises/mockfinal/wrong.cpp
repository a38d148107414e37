// The mock final as code: the self-test. The checks must pass on the reference and on plain loop versions, and
// fail, with the right hint, on each of these deliberately wrong functions: the typical mistakes of the mock
// final's Q3, Q5 and Q7 written as a student would write them.
#include "mockfinal/checks.hpp"
#include "mockfinal/hints.hpp"

#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xview.hpp>

#include <cmath>
#include <utility>

namespace mockfinal_exercise {

namespace {

enum class Mistake { none, no_bias, no_g, no_g_prime, g_prime_at_f, db_times_x, unscaled, transposed, no_self_loops,
                     self_loops_added, unmasked, not_renormalised, values_are_x };

double g(double v) { return 1.0 / (1.0 + std::exp(-v)); }

// Q3 with loops over the channels k and pixels ij.
Tensor loop_conv_forward(const Tensor& x, const Tensor& w, const Tensor& b, Mistake m = Mistake::none) {
    Tensor f = Tensor::from_shape({2, 2, 2});
    for (std::size_t k = 0; k < 2; ++k)
        for (std::size_t i = 0; i < 2; ++i)
            for (std::size_t j = 0; j < 2; ++j) {
                const double v = w(k) * x(i, j) + (m == Mistake::no_bias ? 0.0 : b(k));
                f(k, i, j) = m == Mistake::no_g ? v : g(v);
            }
    return f;
}

ConvGradients loop_conv_backward(const Tensor& x, const Tensor& w, const Tensor& b, const Tensor& dl_df,
                                 Mistake m = Mistake::none) {
    ConvGradients r{Tensor{0.0, 0.0}, Tensor{0.0, 0.0}};
    for (std::size_t k = 0; k < 2; ++k)
        for (std::size_t i = 0; i < 2; ++i)
            for (std::size_t j = 0; j < 2; ++j) {
                const double v = w(k) * x(i, j) + b(k), at = m == Mistake::g_prime_at_f ? g(v) : v;
                const double slope = m == Mistake::no_g_prime ? 1.0 : g(at) * (1.0 - g(at));
                r.dl_dw(k) += dl_df(k, i, j) * x(i, j) * slope;
                r.dl_db(k) += dl_df(k, i, j) * (m == Mistake::db_times_x ? x(i, j) : 1.0) * slope;
            }
    return r;
}

// Q7 with loops over the nodes and features.
Tensor loop_scores(const Tensor& x, const Tensor& WQ, const Tensor& WK, std::size_t v, Mistake m = Mistake::none) {
    const std::size_t n = x.shape(0), d = x.shape(1), k = WQ.shape(0);
    Tensor Q = xt::zeros<double>({k}), e = xt::zeros<double>({n});
    for (std::size_t a = 0; a < k; ++a)
        for (std::size_t j = 0; j < d; ++j) Q(a) += WQ(a, j) * x(v, j);
    for (std::size_t u = 0; u < n; ++u) {
        for (std::size_t a = 0; a < k; ++a) {
            double K_ua = 0;
            for (std::size_t j = 0; j < d; ++j) K_ua += WK(a, j) * x(u, j);
            e(u) += Q(a) * K_ua;
        }
        if (m != Mistake::unscaled) e(u) /= std::sqrt(double(k));
    }
    return e;
}

Tensor loop_mask(const Tensor& A, Mistake m = Mistake::none) {
    Tensor M = A;
    for (std::size_t v = 0; v < A.shape(0); ++v) {
        if (m == Mistake::self_loops_added) M(v, v) += 1.0;
        else if (m != Mistake::no_self_loops) M(v, v) = 1.0;
    }
    return M;
}

Tensor loop_softmax(const Tensor& s, const Tensor& mask, Mistake m = Mistake::none) {
    Tensor a = xt::zeros_like(s);
    double z = 0;
    for (std::size_t u = 0; u < s.size(); ++u)
        if (mask(u) != 0 || m == Mistake::unmasked || m == Mistake::not_renormalised) z += std::exp(s(u));
    for (std::size_t u = 0; u < s.size(); ++u)
        if (mask(u) != 0 || m == Mistake::unmasked) a(u) = std::exp(s(u)) / z;
    return a;
}

Tensor loop_graph_attention(const Tensor& x, const Tensor& WQ, const Tensor& WK, const Tensor& WV, const Tensor& A,
                            std::size_t v, Mistake m = Mistake::none) {
    const std::size_t n = x.shape(0), d = x.shape(1), k = WV.shape(0);
    const Tensor e = loop_scores(x, WQ, WK, v, m == Mistake::unscaled ? m : Mistake::none);
    const Tensor M = loop_mask(A, m == Mistake::no_self_loops ? m : Mistake::none);
    const Tensor alpha = loop_softmax(e, xt::view(M, v, xt::all()));
    Tensor S = xt::zeros<double>({k});
    for (std::size_t u = 0; u < n; ++u)
        for (std::size_t a = 0; a < k; ++a) {
            double V_ua = 0;
            for (std::size_t j = 0; j < d; ++j) V_ua += WV(a, j) * x(u, j);
            S(a) += alpha(u) * (m == Mistake::values_are_x ? x(u, a) : V_ua);
        }
    return S;
}

template <class F>
Tensor each(const Tensor& t, F fn) {
    Tensor r = t;
    for (double& e : r) e = fn(e);
    return r;
}

dlc::exercise::WrongVariant variant(std::string name, std::string function, std::string hint, Functions f) {
    return {std::move(name), std::move(function), std::move(hint), checks(f)};
}

}  // namespace

dlc::exercise::SelfTest self_test() {
    dlc::exercise::SelfTest t;
    const Functions ref = reference();
    t.reference = checks(ref);
    // The loop versions (and Q5's closed forms) are right: a variant differs from them in its one mistake only.
    Functions loops;
    loops.conv_forward = [](const Tensor& x, const Tensor& w, const Tensor& b) { return loop_conv_forward(x, w, b); };
    loops.conv_backward = [](const Tensor& x, const Tensor& w, const Tensor& b, const Tensor& dl_df) {
        return loop_conv_backward(x, w, b, dl_df);
    };
    loops.optimal_discriminator = [](const Tensor& p, const Tensor& q) {
        Tensor d = p;
        for (std::size_t i = 0; i < p.size(); ++i) d.data()[i] = p.data()[i] / (p.data()[i] + q.data()[i]);
        return d;
    };
    loops.q5a_discriminator = [](const Tensor& x) { return each(x, [](double e) { return (2 - 2 * e) / (3 - 2 * e); }); };
    loops.q5b_cdf = [](const Tensor& x) { return each(x, [](double e) { return 2 * e - e * e; }); };
    loops.q5b_generator = [](const Tensor& z) { return each(z, [](double e) { return 1 - std::sqrt(1 - e); }); };
    loops.attention_scores = [](const Tensor& x, const Tensor& WQ, const Tensor& WK, std::size_t v) {
        return loop_scores(x, WQ, WK, v);
    };
    loops.attention_mask = [](const Tensor& A) { return loop_mask(A); };
    loops.masked_softmax = [](const Tensor& s, const Tensor& m) { return loop_softmax(s, m); };
    loops.graph_attention = [](const Tensor& x, const Tensor& WQ, const Tensor& WK, const Tensor& WV, const Tensor& A,
                               std::size_t v) { return loop_graph_attention(x, WQ, WK, WV, A, v); };
    t.also_right.push_back(checks(loops));

    Functions f = ref;
    f.conv_forward = [](const Tensor& x, const Tensor& w, const Tensor& b) {
        return loop_conv_forward(x, w, b, Mistake::no_bias);
    };
    t.wrong.push_back(variant("f = g(w_k x_ij)", "conv_forward", hints::conv_no_bias, f));
    f = ref;
    f.conv_forward = [](const Tensor& x, const Tensor& w, const Tensor& b) { return loop_conv_forward(x, w, b, Mistake::no_g); };
    t.wrong.push_back(variant("f = w_k x_ij + b_k (no sigmoid)", "conv_forward", hints::conv_linear, f));
    const std::pair<Mistake, std::pair<const char*, const char*>> conv_mistakes[] = {
        {Mistake::no_g_prime, {"chain rule without g'", hints::back_no_gprime}},
        {Mistake::g_prime_at_f, {"g'(f) instead of g'(v)", hints::back_gprime_at_f}},
        {Mistake::db_times_x, {"dl/db_k with x_ij", hints::back_db_x}},
    };
    for (const auto& [mistake, text] : conv_mistakes) {
        f = ref;
        f.conv_backward = [mistake = mistake](const Tensor& x, const Tensor& w, const Tensor& b, const Tensor& dl_df) {
            return loop_conv_backward(x, w, b, dl_df, mistake);
        };
        t.wrong.push_back(variant(text.first, "conv_backward", text.second, f));
    }

    f = ref;
    f.optimal_discriminator = [](const Tensor& p, const Tensor& q) { return Tensor(q / (p + q)); };
    t.wrong.push_back(variant("D = p_g / (p_data + p_g)", "optimal_discriminator", hints::disc_swapped, f));
    f = ref;
    f.optimal_discriminator = [](const Tensor& p, const Tensor& q) { return Tensor(p / q); };
    t.wrong.push_back(variant("D = p_data / p_g", "optimal_discriminator", hints::disc_ratio, f));
    f = ref;
    f.q5a_discriminator = [](const Tensor& x) { return each(x, [](double e) { return 1 / (3 - 2 * e); }); };
    t.wrong.push_back(variant("D = 1 / (3 - 2x)", "q5a_discriminator", hints::q5a_swapped, f));
    f = ref;
    f.q5a_discriminator = [](const Tensor& x) { return each(x, [](double e) { return (2 - 2 * e) / (2 - 2 * e + e); }); };
    t.wrong.push_back(variant("p_g(x) = G(x) = x", "q5a_discriminator", hints::q5a_pg_is_x, f));
    f = ref;
    f.q5b_cdf = [](const Tensor& x) { return Tensor(2.0 * x); };
    t.wrong.push_back(variant("F_X = [2t - x^2]_0^x read literally", "q5b_cdf", hints::cdf_literal, f));
    f = ref;
    f.q5b_generator = [](const Tensor& z) { return each(z, [](double e) { return 1 + std::sqrt(1 - e); }); };
    t.wrong.push_back(variant("the root 1 + sqrt(1 - z)", "q5b_generator", hints::gen_other_root, f));
    f = ref;
    f.q5b_generator = [](const Tensor& z) { return each(z, [](double e) { return 2 * e - e * e; }); };
    t.wrong.push_back(variant("g = F_X", "q5b_generator", hints::gen_not_inverted, f));

    f = ref;
    f.attention_scores = [](const Tensor& x, const Tensor& WQ, const Tensor& WK, std::size_t v) {
        return loop_scores(x, WQ, WK, v, Mistake::unscaled);
    };
    t.wrong.push_back(variant("Q_v . K_u without 1/sqrt(k)", "attention_scores", hints::scores_unscaled, f));
    f = ref;
    f.attention_scores = [](const Tensor& x, const Tensor& WQ, const Tensor& WK, std::size_t v) {
        const Tensor Q_v = xt::linalg::dot(xt::view(x, v, xt::all()), WQ);  // x_v^T W^Q
        const Tensor K = xt::linalg::dot(x, WK);
        return Tensor(xt::linalg::dot(K, Q_v) / std::sqrt(double(WQ.shape(0))));
    };
    t.wrong.push_back(variant("Q = x W^Q (the projections transposed)", "attention_scores", hints::scores_transposed, f));
    f = ref;
    f.attention_mask = [](const Tensor& A) { return loop_mask(A, Mistake::no_self_loops); };
    t.wrong.push_back(variant("mask = A", "attention_mask", hints::mask_no_self, f));
    f = ref;
    f.attention_mask = [](const Tensor& A) { return loop_mask(A, Mistake::self_loops_added); };
    t.wrong.push_back(variant("mask = A + I", "attention_mask", hints::mask_added, f));
    f = ref;
    f.masked_softmax = [](const Tensor& s, const Tensor& m) { return loop_softmax(s, m, Mistake::unmasked); };
    t.wrong.push_back(variant("softmax over every node", "masked_softmax", hints::softmax_unmasked, f));
    f = ref;
    f.masked_softmax = [](const Tensor& s, const Tensor& m) { return loop_softmax(s, m, Mistake::not_renormalised); };
    t.wrong.push_back(variant("softmax, then the masked weights set to 0", "masked_softmax", hints::softmax_not_renormalised, f));
    const std::pair<Mistake, std::pair<const char*, const char*>> attention_mistakes[] = {
        {Mistake::values_are_x, {"S_v = sum alpha x_u", hints::ga_values_x}},
        {Mistake::no_self_loops, {"the mask without self-loops", hints::ga_no_self}},
        {Mistake::unscaled, {"the handout's case formula (no 1/sqrt(k))", hints::ga_unscaled}},
    };
    for (const auto& [mistake, text] : attention_mistakes) {
        f = ref;
        f.graph_attention = [mistake = mistake](const Tensor& x, const Tensor& WQ, const Tensor& WK, const Tensor& WV,
                                                const Tensor& A, std::size_t v) {
            return loop_graph_attention(x, WQ, WK, WV, A, v, mistake);
        };
        t.wrong.push_back(variant(text.first, "graph_attention", text.second, f));
    }
    return t;
}

}  // namespace mockfinal_exercise
