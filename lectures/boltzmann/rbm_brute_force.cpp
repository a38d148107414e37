// Bahng Lemmas 9.2-9.3, Theorem 9.4 and contrastive divergence on an RBM with 3 visible and 2 hidden units (seeded
// parameters), everything by enumeration of the 32 joint states: the two naming conventions, the conditionals, the
// free energy, the gradient of -log p(x) three ways, each printed sign and index, the expected CD-k update against the
// exact gradient, and a small training run with the exact gradient, CD-1 and PCD.
#include "cases.hpp"
#include "common.hpp"

#include "core/progress.hpp"
#include "graphical/binary_states.hpp"
#include "graphical/cd.hpp"
#include "graphical/rbm.hpp"
#include "graphical/rbm_exact.hpp"
#include "plot/figure.hpp"
#include "report/json.hpp"
#include "report/table.hpp"

#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xadapt.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace boltzmann_lecture {

namespace {

using dlc::Matrix;
using dlc::Rbm;
using dlc::Vector;


// -log p(x) of one visible vector, exactly.
double nll(const Rbm<double>& rbm, const Vector<double>& x) {
    Matrix<double> X = xt::zeros<double>({std::size_t(1), x.size()});
    xt::row(X, 0) = x;
    return -dlc::mean_log_likelihood_exact(rbm, X);
}

// The gradient of -log p(x) by central differences of the exact value (step 1e-5).
dlc::RbmGradient<double> nll_central_differences(Rbm<double> rbm, const Vector<double>& x) {
    const double h = 1e-5;
    dlc::RbmGradient<double> g{xt::zeros_like(rbm.W), xt::zeros_like(rbm.b), xt::zeros_like(rbm.c)};
    auto diff = [&](double& param) {
        const double keep = param;
        param = keep + h;
        const double up = nll(rbm, x);
        param = keep - h;
        const double down = nll(rbm, x);
        param = keep;
        return (up - down) / (2 * h);
    };
    for (std::size_t i = 0; i < rbm.W.size(); ++i) g.W.data()[i] = diff(rbm.W.data()[i]);
    for (std::size_t j = 0; j < rbm.b.size(); ++j) g.b(j) = diff(rbm.b(j));
    for (std::size_t k = 0; k < rbm.c.size(); ++k) g.c(k) = diff(rbm.c(k));
    return g;
}

double max_diff(const dlc::RbmGradient<double>& a, const dlc::RbmGradient<double>& b) {
    return std::max({max_abs_diff(a.W, b.W), max_abs_diff(a.b, b.b), max_abs_diff(a.c, b.c)});
}

}  // namespace

void rbm_brute_force(dlc::Case& c) {
    auto& out = c.out();
    auto& rng = c.rng();
    const std::size_t D = 3, H = 2;
    Rbm<double> rbm{xt::zeros<double>({H, D}), xt::zeros<double>({H}), xt::zeros<double>({D})};
    for (auto& w : rbm.W) w = round2(rng.normal(0.0, 1.0));
    for (auto& v : rbm.b) v = round2(rng.normal(0.0, 0.5));
    for (auto& v : rbm.c) v = round2(rng.normal(0.0, 0.5));
    dlc::check_rbm("rbm_brute_force", rbm);

    // 1. The two conventions.
    const Matrix<double> W_def = xt::transpose(rbm.W);
    out << "Convention used here (Lemmas 9.2-9.3, Theorem 9.4): E(x, h) = -h^T W x - c^T x - b^T h, W (H x D) = (2 x 3),\n"
        << "b hidden biases, c visible biases (seeded, two decimals):\n  W =\n" << matrix_str(rbm.W, 4) << "  b = "
        << dlc::fmt_vec(rbm.b) << "   c = " << dlc::fmt_vec(rbm.c) << "\n"
        << "Definition 9.11 writes the same model E(v, h) = -v^T W' h - b'^T v - a'^T h with W' = W^T (D x F = 3 x 2),\n"
        << "b' = c (visible) and a' = b (hidden):\n  W' =\n" << matrix_str(W_def, 4) << "  b' = " << dlc::fmt_vec(rbm.c)
        << "   a' = " << dlc::fmt_vec(rbm.b) << "\n";
    const auto same = dlc::rbm_from_definition_9_11(W_def, rbm.c, rbm.b);
    double conv_diff = 0;
    for (std::size_t xs = 0; xs < 8; ++xs)
        for (std::size_t hs = 0; hs < 4; ++hs) {
            const auto x = dlc::binary_state<double>(xs, D);
            const auto h = dlc::binary_state<double>(hs, H);
            const double e_def = -xt::linalg::dot(x, xt::linalg::dot(W_def, h))() - xt::linalg::dot(rbm.c, x)() -
                                 xt::linalg::dot(rbm.b, h)();
            conv_diff = std::max({conv_diff, std::abs(e_def - dlc::rbm_energy(rbm, x, h)),
                                  std::abs(dlc::rbm_energy(same, x, h) - dlc::rbm_energy(rbm, x, h))});
        }
    out << "Both energies agree on all 32 states to " << dlc::fmt(conv_diff, 3) << ".\n";
    c.note("Definition 9.11 vs Lemmas 9.2-9.3: names of W and the biases",
           "Definition 9.11 has W' of shape (D, F) coupling v_i and h_j, visible biases b' and hidden biases a'; "
           "Lemmas 9.2-9.3, Theorem 9.4 and the CD updates use W of shape (H, D) (row j = hidden unit j), hidden biases "
           "b and visible biases c, i.e. W = W'^T, b = a', c = b'. Read with Definition 9.11's names, Lemma 9.2's "
           "sigma(b_j + W_{j,:} x) would add a visible bias to a row of length F = 2 times x of length D = 3. The "
           "library and this lecture use the lemmas' names.");
    c.note("Definition 9.11 / Lemma 9.3: the letters F and H",
           "The number of hidden units is F in Definition 9.11 (h in {0,1}^F) and H in Lemma 9.3's sum, while F(x) is "
           "also the free energy; the visible vector is v in Definition 9.11 and x elsewhere.");

    // 2. The joint table.
    const auto joint = dlc::rbm_joint_table(rbm);
    const double logZ_brute = dlc::log_partition_brute_force(rbm), logZ = dlc::log_partition_exact(rbm);
    dlc::TextTable jt({"x", "h", "E(x, h)", "p(x, h)"});
    for (std::size_t s = 0; s < 32; ++s) {
        const auto x = dlc::binary_state<double>(s >> H, D);
        const auto h = dlc::binary_state<double>(s & 3, H);
        jt.row({dlc::state_str(s >> H, D), dlc::state_str(s & 3, H), dlc::fmt(dlc::rbm_energy(rbm, x, h), 6),
                dlc::fmt(joint[s], 6)});
    }
    out << "\nAll 32 joint states; log Z = " << dlc::fmt(logZ_brute, 12) << " (sum over (x, h)) = " << dlc::fmt(logZ, 12)
        << " (h summed out):\n" << jt.str();

    // 3. Lemma 9.2.
    Matrix<double> allx = xt::zeros<double>({std::size_t(8), D}), allh = xt::zeros<double>({std::size_t(4), H});
    for (std::size_t s = 0; s < 8; ++s) xt::row(allx, s) = dlc::binary_state<double>(s, D);
    for (std::size_t s = 0; s < 4; ++s) xt::row(allh, s) = dlc::binary_state<double>(s, H);
    const Matrix<double> PH = dlc::hidden_probabilities(rbm, allx), PX = dlc::visible_probabilities(rbm, allh);
    double d_ph = 0, d_px = 0;
    dlc::TextTable ht({"x", "p(h_1=1|x) enum.", "sigma(b_1 + W_1: x)", "p(h_2=1|x) enum.", "sigma(b_2 + W_2: x)"});
    for (std::size_t xs = 0; xs < 8; ++xs) {
        std::vector<std::string> row{dlc::state_str(xs, D)};
        for (std::size_t j = 0; j < H; ++j) {
            double num = 0, den = 0;
            for (std::size_t hs = 0; hs < 4; ++hs) {
                den += joint[(xs << H) | hs];
                if (dlc::state_bit(hs, H, j)) num += joint[(xs << H) | hs];
            }
            d_ph = std::max(d_ph, std::abs(num / den - PH(xs, j)));
            row.push_back(dlc::fmt(num / den, 8));
            row.push_back(dlc::fmt(PH(xs, j), 8));
        }
        ht.row(row);
    }
    for (std::size_t hs = 0; hs < 4; ++hs)
        for (std::size_t k = 0; k < D; ++k) {
            double num = 0, den = 0;
            for (std::size_t xs = 0; xs < 8; ++xs) {
                den += joint[(xs << H) | hs];
                if (dlc::state_bit(xs, D, k)) num += joint[(xs << H) | hs];
            }
            d_px = std::max(d_px, std::abs(num / den - PX(hs, k)));
        }
    out << "\nLemma 9.2, p(h_j = 1 | x) = sigma(b_j + W_{j,:} x) against sum_{h: h_j = 1} p(x, h) / p(x):\n" << ht.str()
        << "max difference " << dlc::fmt(d_ph, 3) << "; p(x_k = 1 | h) = sigma(c_k + h^T W_{:,k}) over the 4 h and 3 k: "
        << dlc::fmt(d_px, 3) << ".\n";
    if (d_ph < 1e-12 && d_px < 1e-12)
        c.agrees("Lemma 9.2: p(h_j = 1 | x) = sigma(b_j + W_{j,:} x) and p(x_k = 1 | h) = sigma(c_k + h^T W_{:,k})",
                 std::max(d_ph, d_px));

    // 4. Lemma 9.3.
    double d_f = 0;
    dlc::TextTable ft({"x", "-log sum_h exp(-E(x, h))", "F(x) = -c^T x - sum softplus", "p(x)"});
    const auto px = dlc::visible_distribution(rbm);
    for (std::size_t xs = 0; xs < 8; ++xs) {
        const auto x = dlc::binary_state<double>(xs, D);
        double s = 0;
        for (std::size_t hs = 0; hs < 4; ++hs) s += std::exp(-dlc::rbm_energy(rbm, x, dlc::binary_state<double>(hs, H)));
        const double F = dlc::free_energy(rbm, x);
        d_f = std::max(d_f, std::abs(F + std::log(s)));
        ft.row({dlc::state_str(xs, D), dlc::fmt(-std::log(s), 10), dlc::fmt(F, 10), dlc::fmt(px[xs], 6)});
    }
    out << "\nLemma 9.3, the free energy:\n" << ft.str() << "max difference " << dlc::fmt(d_f, 3) << ".\n";
    if (d_f < 1e-12)
        c.agrees("Lemma 9.3: p(x) = exp(c^T x + sum_j softplus(b_j + W_{j,:} x)) / Z (a product of experts)", d_f);

    // 5. The average negative log-likelihood's derivative as printed: d/dtheta (1/T) sum -log p = (1/T) sum -log p.
    Matrix<double> X = xt::zeros<double>({std::size_t(4), D});
    for (auto& v : X) v = rng.uniform() < 0.5 ? 1.0 : 0.0;
    const auto gX = dlc::nll_gradient_exact(rbm, X);
    const double value = -dlc::mean_log_likelihood_exact(rbm, X);
    out << "\nThe training objective on T = 4 seeded vectors: (1/T) sum_t -log p(x_t) = " << dlc::fmt(value, 8)
        << ", while its derivative in W_11 is " << dlc::fmt(gX.W(0, 0), 8) << ".\n";
    if (std::abs(gX.W(0, 0) - value) > 1e-6)
        c.erratum("Section 9.2.1, the derivative of the average negative log-likelihood",
                  "d/dtheta (1/T) sum_t -log p(x^(t)) = (1/T) sum_t -log p(x^(t))",
                  "d/dtheta (1/T) sum_t -log p(x^(t)) = (1/T) sum_t d/dtheta -log p(x^(t))",
                  "the right-hand side lost its d/dtheta: on T = 4 seeded vectors the left side in W_11 is " +
                      dlc::fmt(gX.W(0, 0), 6) + " and the printed right side is the objective itself, " + dlc::fmt(value, 6));

    // 6. Theorem 9.4 for one x: three ways.
    const Vector<double> xt_ = xt::row(X, 0);
    Matrix<double> X1 = xt::zeros<double>({std::size_t(1), D});
    xt::row(X1, 0) = xt_;
    const auto g_fd = nll_central_differences(rbm, xt_);
    const auto g_thm = dlc::theorem_9_4_gradient(rbm, xt_);
    const auto g_closed = dlc::nll_gradient_exact(rbm, X1);
    dlc::TextTable gt({"theta", "central difference", "Theorem 9.4 (all (x,h))", "-h(x)x^T + E[h x^T] (closed)"});
    for (std::size_t j = 0; j < H; ++j)
        for (std::size_t k = 0; k < D; ++k)
            gt.row({"W_" + std::to_string(j + 1) + std::to_string(k + 1), dlc::fmt(g_fd.W(j, k), 9),
                    dlc::fmt(g_thm.W(j, k), 12), dlc::fmt(g_closed.W(j, k), 12)});
    for (std::size_t j = 0; j < H; ++j)
        gt.row({"b_" + std::to_string(j + 1), dlc::fmt(g_fd.b(j), 9), dlc::fmt(g_thm.b(j), 12), dlc::fmt(g_closed.b(j), 12)});
    for (std::size_t k = 0; k < D; ++k)
        gt.row({"c_" + std::to_string(k + 1), dlc::fmt(g_fd.c(k), 9), dlc::fmt(g_thm.c(k), 12), dlc::fmt(g_closed.c(k), 12)});
    const double d_thm_fd = max_diff(g_thm, g_fd), d_thm_closed = max_diff(g_thm, g_closed);
    out << "\nTheorem 9.4 at x^(t) = " << dlc::state_str(dlc::state_index(xt_), D) << ": d(-log p(x))/dtheta\n" << gt.str()
        << "max |Theorem 9.4 - central difference| = " << dlc::fmt(d_thm_fd, 3) << ", max |Theorem 9.4 - closed form| = "
        << dlc::fmt(d_thm_closed, 3) << ".\n";
    if (d_thm_fd < 1e-8 && d_thm_closed < 1e-12)
        c.agrees("Theorem 9.4: d(-log p(x))/dtheta = E_h[dE(x,h)/dtheta | x] - E_{x,h}[dE(x,h)/dtheta] (and its proof)",
                 d_thm_fd);

    // 7. The printed partial dE/dW_jk = h_j x_k, at a state with h_1 x_1 = 1.
    const auto x1 = dlc::binary_state<double>(0b111, D);
    const auto h1 = dlc::binary_state<double>(0b11, H);
    Rbm<double> probe = rbm;
    const double step = 1e-6;
    probe.W(0, 0) += step;
    const double up = dlc::rbm_energy(probe, x1, h1);
    probe.W(0, 0) -= 2 * step;
    const double dE = (up - dlc::rbm_energy(probe, x1, h1)) / (2 * step);
    out << "\ndE(x, h)/dW_11 at x = 111, h = 11 (h_1 x_1 = 1), by central difference: " << dlc::fmt(dE, 10)
        << "; the printed h_j x_k gives +1.\n";
    if (std::abs(dE + 1.0) < 1e-8)
        c.erratum("Section 9.2.1: dE(x, h)/dW_jk", "h_j x_k", "-h_j x_k",
                  "E = -sum W_jk h_j x_k - ..., so the derivative carries the minus sign: at x = 111, h = 11 the central "
                  "difference is " + dlc::fmt(dE, 8) + "; the next line, E_h[-h_j x_k | x], has it right");
    // E_h[dE/dW_jk | x] = -x_k p(h_j = 1 | x).
    double d_cond = 0;
    for (std::size_t xs = 0; xs < 8; ++xs)
        for (std::size_t j = 0; j < H; ++j)
            for (std::size_t k = 0; k < D; ++k) {
                double e = 0, den = 0;
                for (std::size_t hs = 0; hs < 4; ++hs) {
                    const double w = joint[(xs << H) | hs];
                    den += w;
                    e += w * (-dlc::state_bit(hs, H, j) * dlc::state_bit(xs, D, k));
                }
                d_cond = std::max(d_cond, std::abs(e / den - (-dlc::state_bit(xs, D, k) * PH(xs, j))));
            }
    if (d_cond < 1e-12)
        c.agrees("Section 9.2.1: E_h[dE/dW_jk | x] = -x_k p(h_j = 1 | x), i.e. E_h[grad_W E | x] = -h(x) x^T", d_cond);

    // 8. The printed model term E_{x,h}[dE/dtheta] = sum_{x,h} h(x) x^T p(x, h), for W.
    Matrix<double> model = xt::zeros<double>({H, D}), printed_term = xt::zeros<double>({H, D});
    for (std::size_t s = 0; s < 32; ++s)
        for (std::size_t j = 0; j < H; ++j)
            for (std::size_t k = 0; k < D; ++k) {
                const std::size_t xs = s >> H, hs = s & 3;
                model(j, k) += joint[s] * (-dlc::state_bit(hs, H, j) * dlc::state_bit(xs, D, k));  // E[dE/dW_jk]
                printed_term(j, k) += joint[s] * PH(xs, j) * dlc::state_bit(xs, D, k);             // sum h(x) x^T p(x, h)
            }
    out << "\nThe model term E_{x,h}[dE/dW] by enumeration:\n" << matrix_str(model, 8)
        << "and the printed sum_{x,h} h(x) x^T p(x, h):\n" << matrix_str(printed_term, 8);
    if (max_abs_diff(model, -printed_term) < 1e-12 && max_abs_diff(model, printed_term) > 1e-6)
        c.erratum("Section 9.2.1: the model term E_{x,h}[dE(x,h)/dtheta] for W", "sum_{x,h} h(x) x^T p(x, h)",
                  "-sum_{x,h} h(x) x^T p(x, h) = -E_{x,h}[h x^T]",
                  "dE/dW = -h x^T, so the expectation is negative; by enumeration the printed sum is exactly minus "
                  "E_{x,h}[dE/dW] (max entry " + dlc::fmt(xt::amax(xt::abs(printed_term))(), 6) + "). The CD update "
                  "that follows uses the right sign");

    // 9. Contrastive divergence: the expected CD-k update against the exact ascent direction -grad.
    const Matrix<double> K = dlc::visible_transition_matrix(rbm);
    const Vector<double> pvec = xt::adapt(px, {px.size()});
    const double stationarity = max_abs_diff(xt::linalg::dot(pvec, K), pvec);
    const std::size_t x0 = dlc::state_index(xt_);
    const Matrix<double> exact_ascent = -g_closed.W;  // h(x_t) x_t^T - E_model[h x^T]
    const Matrix<double> positive = xt::linalg::outer(xt::row(PH, x0), xt_);
    Matrix<double> Kk = xt::eye<double>(8);
    std::vector<double> ks, biases;
    dlc::TextTable cdt({"k", "max |E[CD-k update]/alpha - (-grad_W)|"});
    double bias1 = 0, bias_last = 0;
    for (std::size_t k = 1; k <= 100; ++k) {
        Kk = xt::linalg::dot(Kk, K);
        Matrix<double> neg = xt::zeros<double>({H, D});  // E[h(x_bar) x_bar^T], x_bar ~ K^k(x_t, .)
        for (std::size_t ys = 0; ys < 8; ++ys)
            for (std::size_t j = 0; j < H; ++j)
                for (std::size_t kk = 0; kk < D; ++kk) neg(j, kk) += Kk(x0, ys) * PH(ys, j) * allx(ys, kk);
        const double bias = max_abs_diff(Matrix<double>(positive - neg), exact_ascent);
        ks.push_back(double(k));
        biases.push_back(std::max(bias, 1e-17));
        if (k == 1) bias1 = bias;
        bias_last = bias;
        if (k <= 5 || k == 10 || k == 20 || k == 50 || k == 100) cdt.row({std::to_string(k), dlc::fmt(bias, 4)});
    }
    out << "\nContrastive divergence from x^(t) = " << dlc::state_str(x0, D)
        << ". One Gibbs sweep moves x by K(x, x') = sum_h p(h|x) p(x'|h); p K = p to " << dlc::fmt(stationarity, 3)
        << ". The CD-k update W += alpha (h(x^(t)) x^(t)T - h(x_bar) x_bar^T), averaged over x_bar ~ K^k(x^(t), .),\n"
        << "against the exact ascent direction -d(-log p)/dW:\n" << cdt.str();
    if (bias_last < 1e-8 && bias_last < bias1)
        c.agrees("Section 9.2.1: the bigger k, the less biased CD-k (its expected update tends to the exact gradient)",
                 bias1);
    c.note("Section 9.2.1, the update of c", "The CD update of the visible biases writes x-hat; it is the same negative "
                                             "sample x-bar as in the updates of W and b.");
    // One sampled CD-1 step by the per-example loop and by the trainer, with the same random numbers.
    const double alpha = 0.1;
    std::vector<double> U(D + H);
    for (auto& u : U) u = rng.uniform();
    Rbm<double> plain = rbm, fast = rbm;
    Matrix<double> start = X1;
    dlc::cd_step_plain(plain, X1, start, U, 1, alpha);
    dlc::CdOptions opt;
    opt.learning_rate = alpha;
    opt.batch_size = 1;
    dlc::CdTrainer<double> trainer(fast, opt);
    trainer.step_with_uniforms(X1.data(), 1, U.data());
    const Vector<double> xbar = xt::row(start, 0);
    out << "One sampled CD-1 step (alpha = " << alpha << "): x^(t) = " << dlc::state_str(x0, D) << ", x_bar = "
        << dlc::state_str(dlc::state_index(xbar), D) << ";\n  Delta W =\n" << matrix_str(plain.W - rbm.W, 6)
        << "  Delta b = " << dlc::fmt_vec(Vector<double>(plain.b - rbm.b)) << ", Delta c = "
        << dlc::fmt_vec(Vector<double>(plain.c - rbm.c)) << " (x^(t) - x_bar, times alpha); the GEMM trainer agrees to "
        << dlc::fmt(max_abs_diff(plain.W, fast.W), 3) << ".\n";

    // 10. Training on a small data set: exact gradient, CD-1, PCD-1; the exact log-likelihood after every epoch.
    const std::vector<double> target{0.3, 0.02, 0.02, 0.16, 0.02, 0.16, 0.02, 0.3};  // p over 000 .. 111
    const std::size_t T = 200;
    Matrix<double> data = xt::zeros<double>({T, D});
    for (std::size_t t = 0; t < T; ++t) xt::row(data, t) = dlc::binary_state<double>(rng.categorical(target), D);
    std::vector<double> counts(8, 0.0);
    for (std::size_t t = 0; t < T; ++t) counts[dlc::state_index(Vector<double>(xt::row(data, t)))] += 1;
    double best_ll = 0;  // the empirical distribution's own log-likelihood: no model does better
    for (double n : counts)
        if (n > 0) best_ll += n / T * std::log(n / T);
    const std::size_t epochs = c.quick() ? 100 : 400;
    Rbm<double> start_model = dlc::make_rbm<double>(D, H, rng, 0.1);
    Rbm<double> m_exact = start_model, m_cd = start_model, m_pcd = start_model;
    dlc::CdOptions cd_opt;
    cd_opt.learning_rate = 0.1;
    cd_opt.batch_size = 10;
    dlc::CdOptions pcd_opt = cd_opt;
    pcd_opt.persistent = true;
    dlc::CdTrainer<double> cd(m_cd, cd_opt), pcd(m_pcd, pcd_opt);
    std::vector<double> ep, ll_exact, ll_cd, ll_pcd;
    dlc::Progress bar("3 x 2 RBM: exact, CD-1, PCD-1", epochs);
    for (std::size_t e = 0; e <= epochs; ++e) {
        if (e > 0) {
            for (std::size_t q = 0; q < T / 10; ++q) {  // the exact gradient on the same minibatches' sizes
                const auto g = dlc::nll_gradient_exact(m_exact, Matrix<double>(xt::view(data, xt::range(q * 10, q * 10 + 10), xt::all())));
                m_exact.W -= 0.1 * g.W;
                m_exact.b -= 0.1 * g.b;
                m_exact.c -= 0.1 * g.c;
            }
            cd.epoch(data, rng);
            pcd.epoch(data, rng);
            bar.tick(1);
        }
        ep.push_back(double(e));
        ll_exact.push_back(dlc::mean_log_likelihood_exact(m_exact, data));
        ll_cd.push_back(dlc::mean_log_likelihood_exact(m_cd, data));
        ll_pcd.push_back(dlc::mean_log_likelihood_exact(m_pcd, data));
    }
    bar.done();
    out << "\nTraining on " << T << " draws from p = (0.3, 0.02, 0.02, 0.16, 0.02, 0.16, 0.02, 0.3) over 000..111, "
        << "minibatches of 10, alpha = 0.1, " << epochs << " epochs:\n  exact gradient " << dlc::fmt(ll_exact.back(), 6)
        << ", CD-1 " << dlc::fmt(ll_cd.back(), 6) << ", PCD-1 " << dlc::fmt(ll_pcd.back(), 6)
        << " nats per vector; the data's own entropy bound is " << dlc::fmt(best_ll, 6) << ".\n";

    c.set("W", matrix_json(rbm.W));
    c.set("b", dlc::to_json_value(rbm.b));
    c.set("c", dlc::to_json_value(rbm.c));
    c.set("log_Z", logZ);
    c.set("log_Z_brute_force", logZ_brute);
    c.set("p_x", px);
    c.set("max_abs_lemma_9_2", std::max(d_ph, d_px));
    c.set("max_abs_lemma_9_3", d_f);
    c.set("x_t", dlc::state_str(x0, D));
    c.set("gradient_theorem_9_4_W", matrix_json(g_thm.W));
    c.set("gradient_theorem_9_4_b", dlc::to_json_value(g_thm.b));
    c.set("gradient_theorem_9_4_c", dlc::to_json_value(g_thm.c));
    c.set("max_abs_theorem_minus_central_difference", d_thm_fd);
    c.set("max_abs_theorem_minus_closed_form", d_thm_closed);
    c.set("dE_dW11_central_difference", dE);
    c.set("model_term_W", matrix_json(model));
    c.set("stationarity_pK_minus_p", stationarity);
    c.set("cd_k_bias", biases);
    c.set("train_log_likelihood_exact", ll_exact.back());
    c.set("train_log_likelihood_cd1", ll_cd.back());
    c.set("train_log_likelihood_pcd1", ll_pcd.back());
    c.set("train_log_likelihood_bound", best_ll);

    dlc::plot::Figure bias_fig("rbm_cd_bias");
    bias_fig.title("CD-k on the 3 x 2 RBM: bias of the expected W update").xlabel("k (Gibbs sweeps)")
        .ylabel("max |E[update]/alpha - exact|").log_y().lines(ks, biases, "from x^(t) = " + dlc::state_str(x0, D))
        .legend(dlc::plot::Legend::top_right);
    c.figure(bias_fig, "The expected CD-k update approaches the exact gradient geometrically in k (computed exactly)");
    dlc::plot::Figure train_fig("rbm_small_training");
    train_fig.title("3 x 2 RBM on 200 vectors: exact log-likelihood per epoch").xlabel("epoch")
        .ylabel("(1/T) sum log p(x_t)")
        .lines(ep, ll_exact, "exact gradient").lines(ep, ll_cd, "CD-1").lines(ep, ll_pcd, "PCD-1")
        .lines({0.0, double(epochs)}, {best_ll, best_ll}, "empirical entropy bound", dlc::plot::LineStyle{1.0, "#999999", true})
        .legend(dlc::plot::Legend::bottom_right);
    c.figure(train_fig, "Exact-gradient ascent, CD-1 and PCD-1 on the same minibatches, scored by the exact likelihood");
}

}  // namespace boltzmann_lecture
