// Bahng Example 9.4 on x1 -> x2, x1 -> x3, x2 -> x3 with w21 = 0.8, w31 = -0.5, w32 = 1.5, b = (1, -2, 0.5),
// v = (1, 0.5, 2): the means and covariances by the notes' recursions, in closed form through (I - W)^{-1}, and from
// ancestral samples; the printed conditional's indices checked against the samples; the claims about unconnected and
// fully connected graphs; the same Gaussian as an MRF (Example 9.9).
#include "cases.hpp"
#include "common.hpp"

#include "core/progress.hpp"
#include "graphical/dag.hpp"
#include "graphical/linear_gaussian.hpp"
#include "plot/figure.hpp"
#include "report/json.hpp"
#include "report/table.hpp"

#include <xtensor-blas/xlinalg.hpp>

#include <chrono>
#include <cmath>
#include <string>
#include <vector>

namespace boltzmann_lecture {

namespace {

// Least squares of column y of X on the columns `on` and a constant: (coefficients..., intercept), residual variance.
std::pair<std::vector<double>, double> regress(const dlc::Matrix<double>& X, std::size_t y, const std::vector<std::size_t>& on) {
    const std::size_t p = on.size() + 1, n = X.shape(0);
    dlc::Matrix<double> A = xt::zeros<double>({p, p});
    dlc::Vector<double> r = xt::zeros<double>({p});
    std::vector<double> z(p);
    for (std::size_t t = 0; t < n; ++t) {
        for (std::size_t a = 0; a < on.size(); ++a) z[a] = X(t, on[a]);
        z[p - 1] = 1.0;
        for (std::size_t a = 0; a < p; ++a) {
            r(a) += z[a] * X(t, y);
            for (std::size_t b = 0; b < p; ++b) A(a, b) += z[a] * z[b];
        }
    }
    const dlc::Vector<double> beta = xt::linalg::solve(A, r);
    double rss = 0.0;
    for (std::size_t t = 0; t < n; ++t) {
        double f = beta(p - 1);
        for (std::size_t a = 0; a < on.size(); ++a) f += beta(a) * X(t, on[a]);
        rss += (X(t, y) - f) * (X(t, y) - f);
    }
    return {std::vector<double>(beta.begin(), beta.end()), rss / static_cast<double>(n - p)};
}

}  // namespace

void linear_gaussian_dag(dlc::Case& c) {
    auto& out = c.out();
    dlc::Matrix<double> W = xt::zeros<double>({3, 3});
    W(1, 0) = 0.8;   // w21: x1 -> x2
    W(2, 0) = -0.5;  // w31: x1 -> x3
    W(2, 1) = 1.5;   // w32: x2 -> x3
    const dlc::Vector<double> b{1.0, -2.0, 0.5}, v{1.0, 0.5, 2.0};
    const auto dag = dlc::make_linear_gaussian(W, b, v);
    out << "The graph x1 -> x2, x1 -> x3, x2 -> x3; x_i = sum_{j in pa_i} w_ij x_j + b_i + sqrt(v_i) eps_i with\n"
        << "w21 = 0.8, w31 = -0.5, w32 = 1.5, b = (1, -2, 0.5), v = (1, 0.5, 2). W (W_ij = w_ij, row = child):\n"
        << matrix_str(W) << "Topological order: x" << dag.order[0] + 1 << ", x" << dag.order[1] + 1 << ", x"
        << dag.order[2] + 1 << ".\n";

    // 1. The mean recursion E[x_i] = sum_{j in pa_i} w_ij E[x_j] + b_i, top of the graph first.
    const dlc::Vector<double> mu = dlc::mean_by_recursion(dag);
    dlc::TextTable means({"i", "pa_i", "E[x_i] = sum w_ij E[x_j] + b_i", "E[x_i]"});
    for (std::size_t i : dag.order) {
        std::string pa, terms;
        for (std::size_t j : dlc::dag_parents(W, i)) {
            pa += (pa.empty() ? "x" : ", x") + std::to_string(j + 1);
            terms += dlc::fmt(W(i, j)) + " * " + dlc::fmt(mu(j)) + " + ";
        }
        means.row({std::to_string(i + 1), pa.empty() ? "-" : pa, terms + dlc::fmt(b(i)), dlc::fmt(mu(i), 10)});
    }
    out << "\n1. Means by the recursion:\n" << means.str();

    // 2. The covariance recursion Sigma_ij = sum_{k in pa_j} w_jk Sigma_ik + I_ij v_j, j in order, i placed before j.
    const dlc::Matrix<double> S = dlc::covariance_by_recursion(dag);
    dlc::TextTable cov({"(i, j)", "sum_{k in pa_j} w_jk Sigma_ik + I_ij v_j", "Sigma_ij"});
    for (std::size_t pj = 0; pj < 3; ++pj)
        for (std::size_t pi = 0; pi <= pj; ++pi) {
            const std::size_t i = dag.order[pi], j = dag.order[pj];
            std::string terms;
            for (std::size_t k : dlc::dag_parents(W, j))
                terms += dlc::fmt(W(j, k)) + " * " + dlc::fmt(S(i, k)) + " + ";
            terms += (i == j) ? dlc::fmt(v(j)) : "0";
            cov.row({"(" + std::to_string(i + 1) + ", " + std::to_string(j + 1) + ")", terms, dlc::fmt(S(i, j), 10)});
        }
    out << "\n2. Covariances by the recursion (then Sigma_ji = Sigma_ij):\n" << cov.str() << "Sigma =\n" << matrix_str(S);

    // 3. Closed form: x = (I - W)^{-1} (b + V^{1/2} eps).
    const dlc::Vector<double> mu_cf = dlc::mean_closed_form(dag);
    const dlc::Matrix<double> S_cf = dlc::covariance_closed_form(dag);
    const double d_mu = max_abs_diff(mu, mu_cf), d_S = max_abs_diff(S, S_cf);
    out << "\n3. Closed form mu = (I - W)^{-1} b = " << dlc::fmt_vec(mu_cf, 10)
        << ", Sigma = (I - W)^{-1} diag(v) (I - W)^{-T}:\n" << matrix_str(S_cf, 10)
        << "   max |recursion - closed form|: means " << dlc::fmt(d_mu, 3) << ", covariances " << dlc::fmt(d_S, 3) << ".\n";
    if (d_mu < 1e-12) c.agrees("Example 9.4: E[x_i] = sum_{j in pa_i} w_ij E[x_j] + b_i (equals (I - W)^{-1} b)", dlc::to_json_value(mu));
    else c.erratum("Example 9.4, the mean recursion", "E[x_i] = sum w_ij E[x_j] + b_i", dlc::to_json_value(mu_cf), "closed form");

    // The recursion's order condition: applied to every pair it misses x_i's dependence on eps_j when x_i is a
    // descendant of x_j.
    const dlc::Matrix<double> R = dlc::covariance_recursion_unordered(dag);
    out << "   Applied literally to every (i, j), the recursion gives Sigma_31 = " << dlc::fmt(R(2, 0))
        << " (pa_1 is empty, I_31 = 0) but Sigma_13 = " << dlc::fmt(R(0, 2)) << ".\n";
    if (d_S < 1e-12) c.agrees("Example 9.4: the covariance recursion, taken in topological order (j after i)", matrix_json(S));
    c.note("Example 9.4, the covariance recursion",
           "The step E[(x_i - E x_i) eps_j] = I_ij holds only when x_i is not a descendant of x_j; the recursion is "
           "to be run with j in topological order and i not after j, and Sigma symmetrized. Applied to every pair it "
           "gives Sigma_31 = " + dlc::fmt(R(2, 0)) + " instead of " + dlc::fmt(S(2, 0)) + ".");

    // 4. Ancestral sampling (Definition 9.2).
    const std::size_t n = c.quick() ? 20000 : 200000;
    const auto t0 = std::chrono::steady_clock::now();
    const dlc::Matrix<double> X = dlc::ancestral_sample(dag, n, c.rng());
    c.timing("ancestral_sampling_seconds", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    const dlc::Vector<double> m_hat = xt::mean(X, {0});
    const dlc::Matrix<double> Xc = X - m_hat;
    const dlc::Matrix<double> S_hat = xt::linalg::dot(xt::transpose(Xc), Xc) / static_cast<double>(n - 1);
    out << "\n4. " << n << " ancestral samples (x1, then x2 | x1, then x3 | x1, x2): mean " << dlc::fmt_vec(m_hat, 5)
        << ", covariance\n" << matrix_str(S_hat, 5) << "   max |sample - exact|: means " << dlc::fmt(max_abs_diff(m_hat, mu_cf), 3)
        << " (standard error of E[x3]: " << dlc::fmt(std::sqrt(S_cf(2, 2) / n), 3) << "), covariances "
        << dlc::fmt(max_abs_diff(S_hat, S_cf), 3) << ".\n";

    // 5. The printed conditional p(x_i | pa_i) = N(x_i | w_ij x_j + b_j, v_i): regress each child on its parents.
    const auto [beta2, var2] = regress(X, 1, {0});
    const auto [beta3, var3] = regress(X, 2, {0, 1});
    const auto [beta3_one, var3_one] = regress(X, 2, {1});
    out << "\n5. The conditionals, read off the samples by least squares:\n"
        << "   x2 on x1:       x2 ~ " << dlc::fmt(beta2[0], 4) << " x1 + " << dlc::fmt(beta2[1], 4)
        << ", residual variance " << dlc::fmt(var2, 4) << "   (w21 = 0.8, b2 = -2, v2 = 0.5)\n"
        << "   x3 on x1, x2:   x3 ~ " << dlc::fmt(beta3[0], 4) << " x1 + " << dlc::fmt(beta3[1], 4) << " x2 + "
        << dlc::fmt(beta3[2], 4) << ", residual variance " << dlc::fmt(var3, 4) << "   (w31 = -0.5, w32 = 1.5, b3 = 0.5, v3 = 2)\n"
        << "   x3 on x2 alone: residual variance " << dlc::fmt(var3_one, 4) << " > v3: one parent term is not enough.\n"
        << "   The printed N(x_i | w_ij x_j + b_j, v_i) would give x2 an intercept b_1 = 1; the data say b_2 = -2.\n";
    const bool intercept_is_b_i = std::abs(beta2[1] - b(1)) < 0.05 && std::abs(beta2[1] - b(0)) > 1.0;
    if (intercept_is_b_i)
        c.erratum("Example 9.4, the conditional p(x_i | pa_i)", "N(x_i | w_ij x_j + b_j, v_i)",
                  "N(x_i | sum_{j in pa_i} w_ij x_j + b_i, v_i)",
                  "the bias carries the child's index and the parents' terms are summed: regressing the samples of x2 on "
                  "x1 gives intercept " + dlc::fmt(beta2[1], 4) + " = b_2 (not b_1 = 1), and x3 needs both parents "
                  "(residual variance " + dlc::fmt(var3, 4) + " with x1 and x2, " + dlc::fmt(var3_one, 4) +
                  " with x2 alone; v_3 = 2). The log-density on the next line has it right.");

    // 6. The log-density line: sum_i ln N(x_i | sum_j w_ij x_j + b_i, v_i) against the joint Gaussian.
    const dlc::Matrix<double> P = xt::linalg::inv(S_cf);
    const double logdet = std::log(xt::linalg::det(S_cf));
    double worst = 0.0;
    for (std::size_t t = 0; t < 5; ++t) {
        const dlc::Vector<double> x = xt::row(X, t), r = x - mu_cf;
        const double joint = -0.5 * (3 * std::log(2 * M_PI) + logdet + xt::linalg::dot(r, xt::linalg::dot(P, r))());
        worst = std::max(worst, std::abs(joint - dlc::log_density(dag, x)));
    }
    out << "\n6. ln p(x) = sum_i ln N(x_i | sum_j w_ij x_j + b_i, v_i) equals ln N(x | mu, Sigma) on 5 samples to "
        << dlc::fmt(worst, 3) << ".\n";
    if (worst < 1e-10)
        c.agrees("Example 9.4: ln p(x) = -sum_i (x_i - sum_j w_ij x_j - b_i)^2 / (2 v_i) + const", worst);

    // 7. "No links: E[x] = b, diagonal covariance" and "fully connected: D + D(D-1)/2 parameters".
    const auto empty = dlc::make_linear_gaussian(xt::zeros<double>({3, 3}), b, v);
    const dlc::Matrix<double> S0 = dlc::covariance_closed_form(empty);
    const bool no_links_ok = max_abs_diff(dlc::mean_closed_form(empty), b) < 1e-15 &&
                             max_abs_diff(S0, dlc::Matrix<double>(xt::diag(v))) < 1e-15;
    out << "\n7. Without links: mean " << dlc::fmt_vec(dlc::mean_closed_form(empty)) << " = b, covariance diag(v).\n";
    if (no_links_ok) c.agrees("Example 9.4: with no links E[x] = (b_1, ..., b_D) and Sigma is diagonal", true);
    // Any covariance is a fully connected DAG: Sigma = L diag(d) L^T (L unit lower triangular) gives W = I - L^{-1}, v = d.
    const dlc::Matrix<double> target{{2.0, 0.6, -0.4}, {0.6, 1.5, 0.9}, {-0.4, 0.9, 3.0}};
    const dlc::Matrix<double> C = xt::linalg::cholesky(target);
    dlc::Matrix<double> L = C;
    dlc::Vector<double> d = xt::zeros<double>({3});
    for (std::size_t i = 0; i < 3; ++i) {
        d(i) = C(i, i) * C(i, i);
        for (std::size_t r = 0; r < 3; ++r) L(r, i) = C(r, i) / C(i, i);
    }
    const dlc::Matrix<double> Wfull = xt::eye<double>(3) - xt::linalg::inv(L);
    const auto full = dlc::make_linear_gaussian(Wfull, xt::zeros<double>({3}), d);
    const double d_full = max_abs_diff(dlc::covariance_closed_form(full), target);
    std::size_t weights = 0;
    for (auto w : Wfull) weights += std::abs(w) > 1e-14;
    out << "   A fully connected DAG: the symmetric matrix\n" << matrix_str(target) << "   is reproduced (to "
        << dlc::fmt(d_full, 3) << ") by " << weights << " weights\n" << matrix_str(Wfull) << "   and 3 variances "
        << dlc::fmt_vec(d) << ": " << weights + 3 << " = D + D(D-1)/2 parameters = the free entries of a 3 x 3 covariance.\n";
    if (d_full < 1e-12 && weights == 3)
        c.agrees("Example 9.4: a fully connected graph has D + D(D - 1)/2 parameters, a general symmetric covariance",
                 weights + 3);

    // 8. Example 9.9: the same Gaussian as a pairwise MRF, p(x) ~ exp(-x^T J x / 2 + g^T x).
    const auto gm = dlc::gaussian_mrf_form(dag);
    const dlc::Vector<double> mu_mrf = xt::linalg::solve(gm.J, gm.g);
    const double d_J = max_abs_diff(dlc::Matrix<double>(xt::linalg::dot(gm.J, S_cf)), dlc::Matrix<double>(xt::eye<double>(3)));
    out << "\n8. As a Gaussian MRF (Example 9.9): J = (I - W)^T diag(v)^{-1} (I - W) =\n" << matrix_str(gm.J)
        << "   g = " << dlc::fmt_vec(gm.g) << "; J Sigma = I to " << dlc::fmt(d_J, 3) << ", J^{-1} g = "
        << dlc::fmt_vec(mu_mrf) << " = mu. J_13 = " << dlc::fmt(gm.J(0, 2))
        << " != 0: x1 and x3 are joined in the MRF (they share the factor p(x3 | x1, x2)).\n";
    if (d_J < 1e-12 && max_abs_diff(mu_mrf, mu_cf) < 1e-12)
        c.agrees("Example 9.9: J = Sigma^{-1} and mu = J^{-1} g", matrix_json(gm.J));

    c.set("mean_recursion", dlc::to_json_value(mu));
    c.set("mean_closed_form", dlc::to_json_value(mu_cf));
    c.set("mean_samples", dlc::to_json_value(m_hat));
    c.set("covariance_recursion", matrix_json(S));
    c.set("covariance_closed_form", matrix_json(S_cf));
    c.set("covariance_samples", matrix_json(S_hat));
    c.set("samples", n);
    c.set("max_abs_diff_recursion_closed_form", std::max(d_mu, d_S));
    c.set("max_abs_diff_samples_mean", max_abs_diff(m_hat, mu_cf));
    c.set("max_abs_diff_samples_covariance", max_abs_diff(S_hat, S_cf));
    c.set("regression_x2_on_x1", beta2);
    c.set("regression_x3_on_x1_x2", beta3);
    c.set("residual_variances", {var2, var3, var3_one});
    c.set("sigma_31_unordered_recursion", R(2, 0));
    c.set("precision_J", matrix_json(gm.J));
    c.set("g", dlc::to_json_value(gm.g));

    // Figures: samples with the exact 1- and 2-sd ellipses.
    const std::size_t shown = std::min<std::size_t>(n, 3000);
    for (auto [a, bb] : {std::pair<std::size_t, std::size_t>{0, 1}, {1, 2}}) {
        dlc::Matrix<double> pts = xt::zeros<double>({shown, std::size_t(2)});
        for (std::size_t t = 0; t < shown; ++t) {
            pts(t, 0) = X(t, a);
            pts(t, 1) = X(t, bb);
        }
        const dlc::Matrix<double> sub{{S_cf(a, a), S_cf(a, bb)}, {S_cf(bb, a), S_cf(bb, bb)}};
        const std::string xa = "x" + std::to_string(a + 1), xb = "x" + std::to_string(bb + 1);
        dlc::plot::Figure fig("dag_" + xa + "_" + xb);
        fig.title("Example 9.4: " + std::to_string(shown) + " ancestral samples of (" + xa + ", " + xb + ")")
            .xlabel(xa).ylabel(xb)
            .scatter(pts, "samples", dlc::plot::PointStyle::dot(0.4))
            .ellipse({mu_cf(a), mu_cf(bb)}, sub, 1.0, "1 sd (exact)")
            .ellipse({mu_cf(a), mu_cf(bb)}, sub, 2.0, "2 sd (exact)");
        c.figure(fig, "Ancestral samples of (" + xa + ", " + xb + ") and the exact covariance ellipses from (I - W)^{-1}");
    }
}

}  // namespace boltzmann_lecture
