// The mock final as code: each function's checks against the library (lib/nn's Conv2d and Sigmoid for Q3, lib/gan's
// density1d and sampling for Q5, lib/attention's scores, masked softmax and multi-head attention for Q7), on the
// lecture examples of the mock final's questions, with the typical mistakes they diagnose. The wrong variants the
// self-test runs are in wrong.cpp.
#include "mockfinal/checks.hpp"

#include "attention/cases.hpp"   // attention_lecture::GraphAttentionQuestion (lectures/attention)
#include "attention/multihead.hpp"
#include "attention/score.hpp"
#include "attention/sdpa.hpp"
#include "cnn/cases.hpp"         // cnn_lecture::ConvQuestion (lectures/cnn)
#include "gan/cases.hpp"         // gan_lecture::LinearDensityQuestion (lectures/gan)
#include "gan/density1d.hpp"
#include "gan/sampling.hpp"
#include "mockfinal/hints.hpp"
#include "nn/conv2d.hpp"
#include "nn/linear.hpp"
#include "nn/sigmoid.hpp"

#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace mockfinal_exercise {

namespace {

using dlc::exercise::Checker;
using dlc::exercise::Mistake;
using dlc::exercise::show;

// ---- Q3 ----

// The CNN lecture's example (x, w, b, and dl/df = f - t of its loss l = 1/2 sum (f - t)^2), and other numbers.
struct ConvCase {
    Tensor x, w, b, dl_df;
    bool lecture = false;  // dl_df is f - t for the lecture's targets
};

// The library: Conv2d with K (2, 1, 1, 1) and bias (2), then Sigmoid; backward from dl/df.
struct ConvPass {
    Tensor v, f;
    ConvGradients g;
};

ConvPass library_conv(const Tensor& x, const Tensor& w, const Tensor& b, const Tensor* dl_df = nullptr) {
    Tensor K = Tensor::from_shape({2, 1, 1, 1});
    for (std::size_t k = 0; k < 2; ++k) K(k, 0, 0, 0) = w(k);
    dlc::Conv2d<double> conv(K, b);
    dlc::Sigmoid<double> g;
    const Tensor X = xt::reshape_view(x, {std::size_t(1), std::size_t(1), std::size_t(2), std::size_t(2)});
    ConvPass p;
    p.v = xt::view(conv.forward(X), 0);
    p.f = xt::view(g.forward(conv.forward(X)), 0);
    if (!dl_df) return p;
    const Tensor dF = xt::reshape_view(*dl_df, {std::size_t(1), std::size_t(2), std::size_t(2), std::size_t(2)});
    conv.backward(g.backward(dF));
    p.g.dl_dw = xt::flatten(conv.grad_K());
    p.g.dl_db = conv.grad_b();
    return p;
}

std::vector<ConvCase> conv_cases() {
    const cnn_lecture::ConvQuestion q;
    ConvCase lecture{Tensor(q.x), Tensor{q.w[0], q.w[1]}, Tensor{q.b[0], q.b[1]}, Tensor(), true};
    Tensor t = Tensor::from_shape({2, 2, 2});
    for (std::size_t c = 0; c < 2; ++c) xt::view(t, c) = q.target[c];
    lecture.dl_df = library_conv(lecture.x, lecture.w, lecture.b).f - t;  // l = 1/2 sum (f - t)^2
    return {lecture,
            {Tensor{{1.5, -0.5}, {0.25, -2.0}}, Tensor{-1.2, 0.4}, Tensor{0.5, -0.7},
             Tensor{{{0.3, -1.0}, {0.5, 0.2}}, {{-0.4, 0.8}, {1.0, -0.6}}}}};
}

std::string describe(const ConvCase& k) { return "x = " + show(k.x) + ", w = " + show(k.w) + ", b = " + show(k.b); }

Tensor sigmoid(const Tensor& v) { return 1.0 / (1.0 + xt::exp(-v)); }

// sum_ij of M(k, i, j) for each channel k.
Tensor per_channel(const Tensor& M) { return xt::sum(M, {1, 2}); }

void check_conv_forward(Checker& c, const Functions& f) {
    for (const ConvCase& k : conv_cases()) {
        c.input(describe(k));
        const ConvPass p = library_conv(k.x, k.w, k.b);
        const Tensor no_bias = p.v - xt::view(k.b, xt::all(), xt::newaxis(), xt::newaxis());
        c.close("f", p.f, f.conv_forward(k.x, k.w, k.b),
                {{hints::conv_no_bias, sigmoid(no_bias)}, {hints::conv_linear, p.v}}, hints::conv_other);
    }
}

void check_conv_backward(Checker& c, const Functions& f) {
    for (const ConvCase& k : conv_cases()) {
        const Tensor& dl_df = k.dl_df;
        c.input(describe(k) + ", dl/df = " + show(dl_df) + (k.lecture ? " (f - t for the CNN lecture's targets)" : ""));
        const ConvPass p = library_conv(k.x, k.w, k.b, &dl_df);
        const ConvGradients got = f.conv_backward(k.x, k.w, k.b, dl_df);
        const Tensor x = xt::view(k.x, xt::newaxis(), xt::all(), xt::all());  // broadcast over the channels
        const Tensor g_at_f = sigmoid(p.f) * (1.0 - sigmoid(p.f));
        c.close("dl/dw", p.g.dl_dw, got.dl_dw,
                {{hints::back_no_gprime, per_channel(dl_df * x)}, {hints::back_gprime_at_f, per_channel(dl_df * x * g_at_f)}},
                hints::back_dw_other);
        c.close("dl/db", p.g.dl_db, got.dl_db,
                {{hints::back_no_gprime, per_channel(dl_df)},
                 {hints::back_gprime_at_f, per_channel(dl_df * g_at_f)},
                 {hints::back_db_x, p.g.dl_dw}},
                hints::back_db_other);
    }
}

// ---- Q5 ----

// f_X(x) = a + (2 - 2a) x on [0, 1] with the exam's a = 2 (the GAN lecture's question): f_X(x) = 2 - 2x.
dlc::Density1d density_X() {
    const double a = gan_lecture::LinearDensityQuestion{}.a;
    return {"f_X", [a](double x) { return a + (2 - 2 * a) * x; }, 0.0, 1.0};
}

dlc::Density1d uniform() {
    return {"U(0, 1)", [](double) { return 1.0; }, 0.0, 1.0};
}

// F_X(x) = integral_0^x f_X by lib/gan's Simpson rule (2 intervals are exact for a polynomial of degree <= 3).
double cdf(double x) {
    if (x <= 0) return 0.0;
    return dlc::simpson(density_X().pdf, 0.0, std::min(x, 1.0), 2);
}

template <class F>
Tensor elementwise(const Tensor& x, F fn) {
    Tensor y = x;
    for (double& e : y) e = fn(e);
    return y;
}

void check_optimal_discriminator(Checker& c, const Functions& f) {
    const std::vector<std::pair<Tensor, Tensor>> inputs = {
        {Tensor{2.0, 1.5, 0.5, 0.0, 1.0}, Tensor{1.0, 1.0, 1.0, 1.0, 3.0}},
        {Tensor{{0.2, 3.0}, {1.0, 0.7}}, Tensor{{0.8, 1.0}, {1.0, 0.1}}}};
    for (const auto& [p, q] : inputs) {
        c.input("p_data = " + show(p) + ", p_g = " + show(q));
        Tensor want = p;
        for (std::size_t i = 0; i < p.size(); ++i) want.data()[i] = dlc::optimal_discriminator(p.data()[i], q.data()[i]);
        c.close("D*", want, f.optimal_discriminator(p, q), {{hints::disc_swapped, q / (p + q)}, {hints::disc_ratio, p / q}},
                hints::disc_other);
    }
}

void check_q5a_discriminator(Checker& c, const Functions& f) {
    for (const Tensor& x : {Tensor{0.0, 0.25, 0.5, 0.75, 0.9, 1.0}, Tensor{{0.1, 0.6}}}) {
        c.input("x = " + show(x));
        const std::vector<double> xs(x.begin(), x.end());
        const std::vector<double> d = dlc::optimal_discriminator(density_X(), uniform(), xs);
        Tensor want = x;
        std::copy(d.begin(), d.end(), want.begin());
        const Tensor fx = elementwise(x, density_X().pdf);
        c.close("D*(x)", want, f.q5a_discriminator(x),
                {{hints::q5a_swapped, 1.0 / (fx + 1.0)}, {hints::q5a_pg_is_x, fx / (fx + x)}, {hints::q5a_half, 0.5 + 0 * x}},
                hints::q5a_other);
    }
}

void check_q5b_cdf(Checker& c, const Functions& f) {
    for (const Tensor& x : {Tensor{0.0, 0.2, 0.5, 0.8, 1.0}, Tensor{{0.3, 0.9}, {0.05, 0.7}}}) {
        c.input("x = " + show(x));
        c.close("F_X(x)", elementwise(x, cdf), f.q5b_cdf(x),
                {{hints::cdf_literal, 2.0 * x}, {hints::cdf_density, elementwise(x, density_X().pdf)}}, hints::cdf_other);
    }
}

void check_q5b_generator(Checker& c, const Functions& f) {
    for (const Tensor& z : {Tensor{0.0, 0.1, 0.36, 0.5, 0.75, 0.99, 1.0}, Tensor{{0.2, 0.64}}}) {
        c.input("z = " + show(z));
        const Tensor want = elementwise(z, [](double u) { return dlc::inverse_cdf(cdf, u, 0.0, 1.0); });
        c.close("g(z)", want, f.q5b_generator(z),
                {{hints::gen_other_root, 2.0 - want},  // 1 + sqrt(1 - z): the mirror image of 1 - sqrt(1 - z) in 1
                 {hints::gen_not_inverted, elementwise(z, cdf)},
                 {hints::gen_literal, z / 2.0}},
                hints::gen_other);
    }
}

// ---- Q7 ----

// The attention lecture's example (the path 1-2-3-4: its adjacency without the self-loops) and a 3-node star with
// 3 features and non-symmetric projections.
struct GraphCase {
    Tensor x, WQ, WK, WV, A;
    std::vector<std::size_t> nodes;  // the nodes v checked
};

std::vector<GraphCase> graph_cases() {
    const attention_lecture::GraphAttentionQuestion q;
    Tensor A = xt::cast<double>(q.E);
    for (std::size_t v = 0; v < A.shape(0); ++v) A(v, v) = 0.0;
    return {{q.x, q.WQ, q.WK, q.WV, A, {0, 1, 3}},
            {Tensor{{0.5, -1.0, 0.2}, {1.0, 0.3, -0.4}, {-0.6, 0.8, 1.0}},
             Tensor{{0.5, -0.3, 0.8}, {0.2, 0.9, -0.5}, {-0.7, 0.1, 0.4}},
             Tensor{{0.3, 0.6, -0.2}, {-0.8, 0.4, 0.5}, {0.1, -0.5, 0.9}},
             Tensor{{1.0, 0.0, 0.5}, {-0.5, 1.0, 0.0}, {0.2, 0.3, 1.0}}, Tensor{{0, 1, 1}, {1, 0, 0}, {1, 0, 0}}, {0, 1}}};
}

std::string describe(const GraphCase& k, std::size_t v, bool values = true) {
    return "x = " + show(k.x) + ", W^Q = " + show(k.WQ) + ", W^K = " + show(k.WK) +
           (values ? ", W^V = " + show(k.WV) + ", A = " + show(k.A) : std::string()) + ", v = " + std::to_string(v);
}

// The library's scores of node v: Q = x W^Q^T and K = x W^K^T (Linear without bias), then the scaled dot score.
Tensor library_scores(const Tensor& x, const Tensor& WQ, const Tensor& WK, std::size_t v) {
    const std::size_t n = x.shape(0), k = WQ.shape(0);
    dlc::Linear<double> to_q(WQ, xt::zeros<double>({k})), to_k(WK, xt::zeros<double>({k}));
    const Tensor Q = xt::reshape_view(to_q.forward(x), {std::size_t(1), n, k});
    const Tensor K = xt::reshape_view(to_k.forward(x), {std::size_t(1), n, k});
    dlc::DotScore<double> score(k, true);
    return xt::view(score.forward(Q, K), 0, v, xt::all());
}

// The library's masked softmax of one row.
Tensor library_masked_softmax(const Tensor& s, const Tensor& mask_row) {
    const xt::xarray<bool> allowed = xt::not_equal(mask_row, 0.0);
    Tensor a = xt::zeros_like(s);
    dlc::MaskRow row;
    row.limit = s.size();
    row.allowed = allowed.data();
    dlc::masked_softmax_row<double>(s.data(), s.size(), row, a.data());
    return a;
}

// The adjacency with every self-loop.
Tensor with_self_loops(const Tensor& A) {
    Tensor M = xt::cast<double>(xt::not_equal(A, 0.0));
    for (std::size_t v = 0; v < M.shape(0); ++v) M(v, v) = 1.0;
    return M;
}

// The library's graph attention at v: MultiHeadAttention with one head, no biases, W^O = I, mask A + self-loops.
Tensor library_graph_attention(const Tensor& x, const Tensor& WQ, const Tensor& WK, const Tensor& WV, const Tensor& A,
                               std::size_t v) {
    const std::size_t n = x.shape(0), d = x.shape(1);
    dlc::Rng rng(0);
    dlc::MultiHeadAttention<double> mha(d, 1, rng, false);
    mha.WQ() = WQ;
    mha.WK() = WK;
    mha.WV() = WV;
    mha.WO() = xt::eye<double>(d);
    dlc::AttentionMask mask;
    mask.allowed = xt::not_equal(with_self_loops(A), 0.0);
    const Tensor X = xt::reshape_view(x, {std::size_t(1), n, d});
    return xt::view(mha.forward(X, mask), 0, v, xt::all());
}

// The same attention, written with xtensor, with one thing changed for a diagnosis: the mask, the scale or the values.
Tensor attend(const Tensor& x, const Tensor& WQ, const Tensor& WK, const Tensor& values, const Tensor& mask,
              std::size_t v, double scale) {
    const Tensor Q = xt::linalg::dot(x, xt::transpose(WQ)), K = xt::linalg::dot(x, xt::transpose(WK));
    const Tensor e = scale * xt::linalg::dot(K, xt::view(Q, v, xt::all()));
    const Tensor alpha = library_masked_softmax(e, xt::view(mask, v, xt::all()));
    return xt::linalg::dot(alpha, values);
}

void check_attention_scores(Checker& c, const Functions& f) {
    std::vector<GraphCase> inputs = graph_cases();
    // The lecture's nodes with projections to k = 3 features from d = 2.
    inputs.push_back({inputs[0].x, Tensor{{1.0, 0.5}, {-0.5, 1.0}, {0.3, 0.2}}, Tensor{{0.4, -1.0}, {1.0, 0.6}, {0.0, 0.7}},
                      Tensor(), Tensor(), {2}});
    for (const GraphCase& k : inputs)
        for (std::size_t v : k.nodes) {
            c.input(describe(k, v, false));
            const double root_k = std::sqrt(double(k.WQ.shape(0))), root_d = std::sqrt(double(k.x.shape(1)));
            const Tensor want = library_scores(k.x, k.WQ, k.WK, v);
            const Tensor xT = xt::transpose(k.x);
            Tensor transposed = Tensor::from_shape({k.x.shape(0)});
            if (k.WQ.shape(0) == k.WQ.shape(1)) {  // x_v^T W^Q: only defined for square projections
                const Tensor Qt = xt::linalg::dot(k.x, k.WQ), Kt = xt::linalg::dot(k.x, k.WK);
                transposed = xt::linalg::dot(Kt, xt::view(Qt, v, xt::all())) / root_k;
            }
            c.close("e", want, f.attention_scores(k.x, k.WQ, k.WK, v),
                    {{hints::scores_unscaled, root_k * want},
                     {hints::scores_over_k, want / root_k},
                     {hints::scores_sqrt_d, want * root_k / root_d},
                     {hints::scores_transposed, transposed},
                     {hints::scores_swapped, library_scores(k.x, k.WK, k.WQ, v)}},
                    hints::scores_other);
        }
}

void check_attention_mask(Checker& c, const Functions& f) {
    std::vector<Tensor> inputs;
    for (const GraphCase& k : graph_cases()) inputs.push_back(k.A);
    inputs.push_back(Tensor{{0, 1, 0, 0}, {1, 1, 1, 0}, {0, 1, 0, 0}, {0, 0, 0, 0}});  // a self-loop given at node 1
    for (const Tensor& A : inputs) {
        c.input("A = " + show(A));
        c.close("M", with_self_loops(A), f.attention_mask(A),
                {{hints::mask_no_self, A}, {hints::mask_added, A + xt::eye<double>(A.shape(0))}}, hints::mask_other);
    }
}

void check_masked_softmax(Checker& c, const Functions& f) {
    const std::vector<std::pair<Tensor, Tensor>> inputs = {{Tensor{0.5, -1.0, 2.0, 0.3}, Tensor{1, 1, 0, 1}},
                                                           {Tensor{1.2, 0.4, -0.3, 0.9, 0.0}, Tensor{0, 1, 1, 0, 1}}};
    for (const auto& [s, m] : inputs) {
        c.input("scores = " + show(s) + ", mask row = " + show(m));
        const Tensor soft = xt::exp(s) / xt::sum(xt::exp(s))();
        const Tensor soft_zero = xt::exp(s * m) / xt::sum(xt::exp(s * m))();
        c.close("alpha", library_masked_softmax(s, m), f.masked_softmax(s, m),
                {{hints::softmax_unmasked, soft}, {hints::softmax_not_renormalised, soft * m},
                 {hints::softmax_zero_score, soft_zero}},
                hints::softmax_other);
    }
}

void check_graph_attention(Checker& c, const Functions& f) {
    for (const GraphCase& k : graph_cases())
        for (std::size_t v : k.nodes) {
            c.input(describe(k, v));
            const double scale = 1.0 / std::sqrt(double(k.WQ.shape(0)));
            const Tensor M = with_self_loops(k.A), V = xt::linalg::dot(k.x, xt::transpose(k.WV));
            const Tensor all = xt::ones_like(k.A);
            c.close("S_v", library_graph_attention(k.x, k.WQ, k.WK, k.WV, k.A, v),
                    f.graph_attention(k.x, k.WQ, k.WK, k.WV, k.A, v),
                    {{hints::ga_values_x, attend(k.x, k.WQ, k.WK, k.x, M, v, scale)},
                     {hints::ga_no_self, attend(k.x, k.WQ, k.WK, V, k.A, v, scale)},
                     {hints::ga_unscaled, attend(k.x, k.WQ, k.WK, V, M, v, 1.0)},
                     {hints::ga_unmasked, attend(k.x, k.WQ, k.WK, V, all, v, scale)}},
                    hints::ga_other);
        }
}

}  // namespace

dlc::exercise::Set checks(const Functions& f) {
    dlc::exercise::Set set;
    set.name = "mockfinal";
    set.title = "The mock final as code: Q3's 1x1 CNN and its four derivatives, Q5's optimal discriminator and "
                "generator, Q7's graph self-attention";
    set.functions = {
        {"conv_forward", "f^k_ij = g(w_k x_ij + b_k), g the sigmoid (mock final Q3)",
         [f](Checker& c) { check_conv_forward(c, f); }},
        {"conv_backward",
         "dl/dw_k = sum_ij dl/df^k_ij x_ij g'(w_k x_ij + b_k), dl/db_k = sum_ij dl/df^k_ij g'(w_k x_ij + b_k) "
         "(mock final Q3(b))",
         [f](Checker& c) { check_conv_backward(c, f); }},
        {"optimal_discriminator", "D*(x) = p_data / (p_data + p_g) (mock final Q5(a))",
         [f](Checker& c) { check_optimal_discriminator(c, f); }},
        {"q5a_discriminator", "D*(x) = f_X / (f_X + p_g) for f_X(x) = 2 - 2x and G(z) = z (mock final Q5(a))",
         [f](Checker& c) { check_q5a_discriminator(c, f); }},
        {"q5b_cdf", "F_X(x) = integral_0^x (2 - 2t) dt (mock final Q5(b))", [f](Checker& c) { check_q5b_cdf(c, f); }},
        {"q5b_generator", "g(z) = F_X^{-1}(z), the root of F_X(g) = z in [0, 1] (mock final Q5(b))",
         [f](Checker& c) { check_q5b_generator(c, f); }},
        {"attention_scores", "e(u) = Q_v . K_u / sqrt(k), Q_v = W^Q x_v, K_u = W^K x_u (mock final Q7(a))",
         [f](Checker& c) { check_attention_scores(c, f); }},
        {"attention_mask", "M(v, u) = 1 if (v, u) is an edge or u = v, else 0 (mock final Q7(a))",
         [f](Checker& c) { check_attention_mask(c, f); }},
        {"masked_softmax", "alpha(u) = exp(e(u)) / sum_{allowed u'} exp(e(u')), 0 where masked (mock final Q7(a))",
         [f](Checker& c) { check_masked_softmax(c, f); }},
        {"graph_attention", "S_v = sum_u alpha_{v,u} W^V x_u over v's neighbours and v (mock final Q7)",
         [f](Checker& c) { check_graph_attention(c, f); }},
    };
    return set;
}

Functions reference() {
    Functions r;
    r.conv_forward = [](const Tensor& x, const Tensor& w, const Tensor& b) { return library_conv(x, w, b).f; };
    r.conv_backward = [](const Tensor& x, const Tensor& w, const Tensor& b, const Tensor& dl_df) {
        return library_conv(x, w, b, &dl_df).g;
    };
    r.optimal_discriminator = [](const Tensor& p, const Tensor& q) {
        Tensor d = p;
        for (std::size_t i = 0; i < p.size(); ++i) d.data()[i] = dlc::optimal_discriminator(p.data()[i], q.data()[i]);
        return d;
    };
    r.q5a_discriminator = [](const Tensor& x) {
        return elementwise(x, [](double e) { return dlc::optimal_discriminator(density_X()(e), uniform()(e)); });
    };
    r.q5b_cdf = [](const Tensor& x) { return elementwise(x, cdf); };
    r.q5b_generator = [](const Tensor& z) {
        return elementwise(z, [](double u) { return dlc::inverse_cdf(cdf, u, 0.0, 1.0); });
    };
    r.attention_scores = library_scores;
    r.attention_mask = with_self_loops;
    r.masked_softmax = library_masked_softmax;
    r.graph_attention = library_graph_attention;
    return r;
}

}  // namespace mockfinal_exercise
