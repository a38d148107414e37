// Bahng Example 8.3 computed: probabilistic PCA on seeded synthetic data (d = 5, k = 2, N = 20 000, noise variance 0.3).
// The closed-form MLE (sigma^2 = mean of the d - k smallest eigenvalues, W = U_k (Lambda_k - sigma^2 I)^(1/2) R) against
// EM for PPCA and against plain gradient ascent on the log-likelihood; the rotation invariance W -> W R; the sigma -> 0
// limit (E[h|x] becomes the orthogonal projection); factor analysis by EM on the same data and on data with unequal
// noise variances (where the FA subspace and the PCA subspace part). Every index and formula of the printed example is
// checked; contradictions are errata, notation is noted.
#include "cases.hpp"
#include "common.hpp"

#include "latent/factor_analysis.hpp"
#include "latent/pca.hpp"
#include "latent/ppca.hpp"
#include "latent/principal_angles.hpp"
#include "plot/figure.hpp"
#include "report/json.hpp"
#include "report/table.hpp"

#include <xtensor-blas/xlinalg.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace vae_lecture {

namespace {

dlc::Matrix<double> outer(const dlc::Matrix<double>& W) { return xt::linalg::dot(W, xt::transpose(W)); }

// N points of x = W h + b + eps, h ~ N(0, I_k), eps ~ N(0, diag(psi)).
dlc::Matrix<double> sample_factor_model(const dlc::Matrix<double>& W, const dlc::Vector<double>& b,
                                        const dlc::Vector<double>& psi, std::size_t n, dlc::Rng& rng) {
    const std::size_t d = W.shape(0), k = W.shape(1);
    dlc::Matrix<double> X = dlc::Matrix<double>::from_shape({n, d});
    std::vector<double> h(k);
    for (std::size_t i = 0; i < n; ++i) {
        for (auto& v : h) v = rng.normal();
        for (std::size_t j = 0; j < d; ++j) {
            double s = b(j) + rng.normal(0.0, std::sqrt(psi(j)));
            for (std::size_t a = 0; a < k; ++a) s += W(j, a) * h[a];
            X(i, j) = s;
        }
    }
    return X;
}

}  // namespace

void ppca_fa(dlc::Case& c) {
    auto& out = c.out();
    const std::size_t d = 5, k = 2, N = c.quick() ? 5000 : 20000;
    const double noise = 0.3;
    dlc::Matrix<double> Wtrue = dlc::Matrix<double>::from_shape({d, k});
    for (auto& w : Wtrue) w = c.rng().normal();
    dlc::Vector<double> btrue = dlc::Vector<double>::from_shape({d});
    for (auto& v : btrue) v = c.rng().uniform(-2, 2);
    const dlc::Matrix<double> X = sample_factor_model(Wtrue, btrue, xt::ones<double>({d}) * noise, N, c.rng());
    const dlc::SampleMoments m = dlc::sample_moments(X);
    out << "Data: N = " << N << " points of x = W h + b + eps in R^" << d << ", h ~ N(0, I_" << k << "), eps ~ N(0, " << noise
        << " I), W and b drawn once from the seed.\n";

    // ---------------------------------------------------------------- the closed form
    const dlc::Pca pca = dlc::fit_pca(m, k);
    const dlc::Ppca closed = dlc::ppca_closed_form(m, k);
    const double l_closed = dlc::ppca_log_likelihood(m, closed);
    double tail = 0;
    for (std::size_t j = k; j < d; ++j) tail += pca.eigenvalues(j);
    out << "Eigenvalues of S (descending): " << dlc::fmt_vec(pca.eigenvalues, 6) << ".\n"
        << "Closed form (Tipping & Bishop; Bahng Ex. 8.3): sigma^2 = (1/(d-k)) sum_{j=k+1}^d lambda_j = " << dlc::fmt(tail, 6)
        << " / " << d - k << " = " << dlc::fmt(closed.sigma2, 6) << " (true " << noise << ");\n"
        << "  W = U_k (Lambda_k - sigma^2 I_k)^(1/2) = diag-scaled top eigenvectors, column norms "
        << dlc::fmt(std::sqrt(pca.eigenvalues(0) - closed.sigma2), 5) << ", " << dlc::fmt(std::sqrt(pca.eigenvalues(1) - closed.sigma2), 5)
        << ";\n  log-likelihood l = " << dlc::fmt(l_closed, 10) << " (" << dlc::fmt(l_closed / double(N), 8) << " per point).\n";
    const double true_ww_err = frobenius(outer(closed.W) - outer(Wtrue)) / frobenius(outer(Wtrue));
    out << "  ||W W^T - W_true W_true^T||_F / ||W_true W_true^T||_F = " << dlc::fmt(true_ww_err, 3) << " (sampling error).\n";
    c.set("eigenvalues", dlc::to_json_value(pca.eigenvalues));
    c.set("closed_form", {{"sigma2", closed.sigma2}, {"W", matrix_json(closed.W)}, {"log_likelihood", l_closed},
                          {"relative_error_WWt_vs_truth", true_ww_err}});

    // The covariance C = W W^T + sigma^2 I of the fit: its d - k smallest eigenvalues all equal sigma^2.
    dlc::Vector<double> cev;
    dlc::Matrix<double> cvec;
    dlc::symmetric_eigen(closed.covariance(), cev, cvec);
    double dev = 0;
    for (std::size_t j = k; j < d; ++j) dev = std::max(dev, std::abs(cev(j) - closed.sigma2));
    out << "Eigenvalues of the fitted C = W W^T + sigma^2 I: " << dlc::fmt_vec(cev, 6) << ": the " << d - k
        << " smallest equal sigma^2 (max deviation " << dlc::fmt(dev, 3) << "), the top k equal lambda_1, lambda_2 of S.\n";
    c.agrees("Bahng Ex. 8.3: the d - k smallest eigenvalues of C = W W^T + sigma^2 I all equal sigma^2", dev);
    c.agrees("Bahng Ex. 8.3: sigma^2_MLE = (1/(d-k)) sum_{j=k+1}^d lambda_j", closed.sigma2);

    // ---------------------------------------------------------------- EM and gradient ascent
    const dlc::Ppca start = dlc::ppca_random_start(m, k, c.rng());
    const auto em = dlc::ppca_em(m, start, 5000, 1e-13);
    const auto ga = dlc::ppca_gradient_ascent(m, start, c.quick() ? 3000 : 20000, 1e-9);
    dlc::TextTable table({"method", "iterations", "sigma^2", "l / N", "l - l_closed", "||WW^T - WW^T_closed||_F"});
    table.row({"closed form", "-", dlc::fmt(closed.sigma2, 8), dlc::fmt(l_closed / double(N), 10), "0", "0"});
    auto row = [&](const char* name, const dlc::PpcaFit& fit) {
        const double l = fit.log_likelihood.back();
        table.row({name, std::to_string(fit.iterations), dlc::fmt(fit.model.sigma2, 8), dlc::fmt(l / double(N), 10),
                   dlc::fmt(l - l_closed, 3), dlc::fmt(frobenius(outer(fit.model.W) - outer(closed.W)), 3)});
        return nlohmann::json{{"iterations", fit.iterations}, {"converged", fit.converged}, {"sigma2", fit.model.sigma2},
                              {"log_likelihood", l}, {"log_likelihood_minus_closed", l - l_closed},
                              {"WWt_distance", frobenius(outer(fit.model.W) - outer(closed.W))}};
    };
    c.set("em", row("EM (Tipping & Bishop)", em));
    c.set("gradient_ascent", row("gradient ascent on l", ga));
    out << "From the same random start:\n" << table.str();
    bool em_monotone = true;
    for (std::size_t i = 1; i < em.log_likelihood.size(); ++i)
        em_monotone &= em.log_likelihood[i] >= em.log_likelihood[i - 1] - 1e-9 * std::abs(em.log_likelihood[i]);
    c.set("em_monotone", em_monotone);
    out << "EM's log-likelihood never decreased: " << (em_monotone ? "yes" : "NO") << ". Both iterative fits stop at the closed "
        << "form (same sigma^2 and W W^T; W itself only up to a rotation).\n";
    {
        dlc::plot::Figure f("ppca_em_convergence");
        std::vector<double> it_em, gap_em, it_ga, gap_ga;
        for (std::size_t i = 0; i < em.log_likelihood.size(); ++i)
            it_em.push_back(double(i)), gap_em.push_back(std::max((l_closed - em.log_likelihood[i]) / double(N), 1e-16));
        for (std::size_t i = 0; i < ga.log_likelihood.size(); ++i)
            it_ga.push_back(double(i)), gap_ga.push_back(std::max((l_closed - ga.log_likelihood[i]) / double(N), 1e-16));
        f.title("PPCA (d = 5, k = 2): EM and gradient ascent reach the closed-form maximum").xlabel("iteration")
            .ylabel("(l_closed - l) / N").log_y().lines(it_em, gap_em, "EM").lines(it_ga, gap_ga, "gradient ascent (backtracking)");
        c.figure(f, "Both climb to the closed-form log-likelihood; EM in far fewer iterations");
    }

    // ---------------------------------------------------------------- rotation invariance, sigma -> 0
    const double th = 0.7;
    const dlc::Matrix<double> R = {{std::cos(th), -std::sin(th)}, {std::sin(th), std::cos(th)}};
    dlc::Ppca rotated = closed;
    rotated.W = xt::linalg::dot(closed.W, R);
    const double l_rot = dlc::ppca_log_likelihood(m, rotated);
    out << "Rotation invariance: W R with R the rotation by 0.7 rad has l(W R) - l(W) = " << dlc::fmt(l_rot - l_closed, 3)
        << " though ||W R - W||_F = " << dlc::fmt(frobenius(rotated.W - closed.W), 4) << ": the MLE is not unique.\n";
    c.set("rotation", {{"angle", th}, {"log_likelihood_change", l_rot - l_closed}, {"W_change", frobenius(rotated.W - closed.W)}});
    c.agrees("Bahng Ex. 8.3: W* and W* U give the same likelihood for orthogonal U (the MLE is not unique)", l_rot - l_closed);

    dlc::Ppca sharp = closed;
    sharp.sigma2 = 1e-8;
    const dlc::Matrix<double> probe = xt::view(X, xt::range(0, 200), xt::all());
    const dlc::Matrix<double> Eh = sharp.posterior_means(probe);
    // The orthogonal projection's coordinates: (W^T W)^-1 W^T (x - b).
    dlc::Matrix<double> Xc = probe;
    for (std::size_t i = 0; i < Xc.shape(0); ++i)
        for (std::size_t j = 0; j < d; ++j) Xc(i, j) -= closed.mean(j);
    const dlc::Matrix<double> WtW = xt::linalg::dot(xt::transpose(closed.W), closed.W);
    const dlc::Matrix<double> proj = xt::transpose(xt::linalg::solve(WtW, xt::transpose(xt::linalg::dot(Xc, closed.W))));
    const double proj_err = xt::amax(xt::abs(Eh - proj))();
    out << "sigma^2 -> 0: with sigma^2 = 1e-8, E[h|x] = M^-1 W^T (x - b) differs from the projection coordinates "
           "(W^T W)^-1 W^T (x - b) by at most "
        << dlc::fmt(proj_err, 3) << " over 200 points: the orthogonal projection onto span(W), as printed.\n";
    c.set("sigma_to_zero_projection_error", proj_err);
    c.agrees("Bahng Ex. 8.3: as sigma -> 0, E[h|x] becomes the orthogonal projection of x - b onto span(W)", proj_err);

    // ---------------------------------------------------------------- the printed example's indices and formulas
    {
        // W_ML = U_q (Lambda_d - sigma^2 I_d)^(1/2) R as printed: Lambda_d - sigma^2 I_d has negative entries.
        std::vector<double> diag;
        std::size_t negative = 0;
        for (std::size_t j = 0; j < d; ++j) {
            diag.push_back(pca.eigenvalues(j) - closed.sigma2);
            negative += diag.back() < 0;
        }
        out << "Printed W_ML = U_q (Lambda_d - sigma^2 I_d)^(1/2) R: with all d eigenvalues, Lambda_d - sigma^2 I_d = diag"
            << dlc::fmt_vec(diag, 4) << " has " << negative
            << " negative entries (no real square root), and U_q (d x q) cannot multiply a (d x d) matrix unless q = d. The "
               "formula needs the top k: U_k (Lambda_k - sigma^2 I_k)^(1/2) R.\n";
        c.set("printed_Lambda_d_minus_sigma2", diag);
        c.erratum("Bahng Ex. 8.3, W_ML = U_q (Lambda_d - sigma^2 I_d)^(1/2) R", "Lambda_d - sigma^2 I_d (all d eigenvalues)",
                  "Lambda_k - sigma^2 I_k with U_k (d x k): the d - k discarded eigenvalues minus their mean sigma^2 include "
                  "negative numbers (" + std::to_string(negative) + " of " + std::to_string(d - k) + " here)",
                  "the square root exists and the shapes conform only with the top-k block");
    }
    c.erratum("Bahng Ex. 8.3, 'sigma_1 = ... = sigma_k = sigma'", "sigma_1 = ... = sigma_k",
              "sigma_1 = ... = sigma_d",
              "the noise has d components; the example's own next line, x ~ N(b, W W^T + sigma^2 I), ties all d variances");
    {
        // As sigma -> 0 the density concentrates on a k-dimensional subspace: C has rank k in the limit.
        std::size_t big = 0;  // eigenvalues of C strictly above sigma^2: the rank of W W^T
        for (std::size_t j = 0; j < d; ++j) big += cev(j) - closed.sigma2 > 1e-9 * cev(0);
        c.erratum("Bahng Ex. 8.3, 'sharp around these d dimensions spanned by the columns of W'", "d dimensions",
                  std::to_string(k) + " dimensions",
                  "W has k columns: W W^T has rank k (here " + std::to_string(big) +
                      " eigenvalues of C stand above sigma^2), so as sigma -> 0 the Gaussian collapses onto a k-dimensional "
                      "subspace");
    }
    c.note("Bahng Ex. 8.1 / 8.3 notation",
           "Example 8.1 writes eps ~ N(0, sigma^2) but derives Var[x] = W W^T + diag(sigma_1^2, ..., sigma_d^2): the noise is "
           "N(0, diag(sigma_1^2, ..., sigma_d^2)). 'Unitary U in R^{k x k}' means a real orthogonal matrix. The "
           "sentence 'We define.' is cut off.");

    // ---------------------------------------------------------------- factor analysis
    const auto fa = dlc::factor_analysis_em(m, k, c.rng(), 20000, 1e-13);
    const double fa_angle = degrees_per_radian * xt::amax(dlc::principal_angles(fa.model.W, xt::transpose(pca.components)))();
    out << "Factor analysis by EM on the same data (" << fa.iterations << " iterations): psi = " << dlc::fmt_vec(fa.model.psi, 4)
        << " (all near the common " << noise << "), l - l_PPCA = " << dlc::fmt(fa.log_likelihood.back() - l_closed, 4)
        << " (FA has d - 1 more parameters), largest angle between the FA and PCA subspaces " << dlc::fmt(fa_angle, 3)
        << " deg.\n";
    c.set("factor_analysis", {{"iterations", fa.iterations}, {"psi", dlc::to_json_value(fa.model.psi)},
                              {"log_likelihood", fa.log_likelihood.back()}, {"gain_over_ppca", fa.log_likelihood.back() - l_closed},
                              {"max_angle_to_pca_deg", fa_angle}});

    // Unequal noise variances: FA recovers span(W_true), PCA is pulled towards the noisiest coordinates.
    const dlc::Vector<double> psi_true = {0.05, 0.1, 3.0, 0.3, 1.5};
    const dlc::Matrix<double> X2 = sample_factor_model(Wtrue, btrue, psi_true, N, c.rng());
    const dlc::SampleMoments m2 = dlc::sample_moments(X2);
    const auto fa2 = dlc::factor_analysis_em(m2, k, c.rng(), 20000, 1e-13);
    const dlc::Pca pca2 = dlc::fit_pca(m2, k);
    const double fa_true = degrees_per_radian * xt::amax(dlc::principal_angles(fa2.model.W, Wtrue))();
    const double pca_true = degrees_per_radian * xt::amax(dlc::principal_angles(xt::transpose(pca2.components), Wtrue))();
    const double l_ppca2 = dlc::ppca_log_likelihood(m2, dlc::ppca_closed_form(m2, k));
    out << "With unequal noise variances psi = " << dlc::fmt_vec(psi_true, 3) << ": FA estimates psi = "
        << dlc::fmt_vec(fa2.model.psi, 3) << "; the largest angle to span(W_true) is " << dlc::fmt(fa_true, 3)
        << " deg for FA but " << dlc::fmt(pca_true, 3) << " deg for PCA/PPCA, and FA's log-likelihood per point beats PPCA's by "
        << dlc::fmt((fa2.log_likelihood.back() - l_ppca2) / double(N), 4)
        << ": the FA subspace need not be the principal subspace (Bahng 8.1).\n";
    c.set("unequal_noise", {{"psi_true", dlc::to_json_value(psi_true)}, {"psi_fa", dlc::to_json_value(fa2.model.psi)},
                            {"fa_max_angle_to_truth_deg", fa_true}, {"pca_max_angle_to_truth_deg", pca_true},
                            {"fa_gain_per_point_over_ppca", (fa2.log_likelihood.back() - l_ppca2) / double(N)}});
    c.agrees("Bahng 8.1: the subspace of the FA estimate of W need not be the principal subspace", fa_true - pca_true);
    c.erratum("Bahng 8.1, 'we do not assume that the variances of the h_i's are the same'", "the h_i's variances differ",
              "the noise variances psi_i differ; h ~ N(0, I) has equal unit variances",
              "the model printed two lines above fixes h ~ N(0, I); what FA leaves free are the d noise variances (here FA "
              "estimates psi = " + dlc::fmt_vec(fa2.model.psi, 3) + ")");
    {
        dlc::plot::Figure f("fa_vs_ppca_noise");
        std::vector<double> j, tr, est;
        for (std::size_t i = 0; i < d; ++i) j.push_back(double(i + 1)), tr.push_back(psi_true(i)), est.push_back(fa2.model.psi(i));
        std::vector<double> sig(d, dlc::ppca_closed_form(m2, k).sigma2);
        dlc::plot::LineStyle a, b, s;
        a.points = b.points = true;
        b.dashed = s.dashed = true;
        f.title("Unequal noise: factor analysis estimates each psi_i, PPCA one sigma^2").xlabel("coordinate i")
            .ylabel("noise variance").lines(j, tr, "true psi_i", a).lines(j, est, "factor analysis psi_i", b)
            .lines(j, sig, "PPCA sigma^2 (shared)", s);
        c.figure(f, "Factor analysis recovers the per-coordinate noise variances; PPCA averages them");
    }
}

}  // namespace vae_lecture
