#include "latent/ppca.hpp"

#include "core/check.hpp"
#include "core/constants.hpp"
#include "latent/cholesky.hpp"
#include "latent/spd.hpp"

#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xview.hpp>

#include <cmath>
#include <string>

namespace dlc {

namespace {


void check_model(const char* where, const SampleMoments& m, const Ppca& model) {
    const long d = static_cast<long>(m.dim());
    check_shape(where, "mean", model.mean, {d});
    check_shape(where, "W", model.W, {d, any_extent});
    require(model.sigma2 > 0 && std::isfinite(model.sigma2), where,
            "sigma^2 must be positive and finite, got " + std::to_string(model.sigma2));
}

void check_latent_dim(const char* where, std::size_t k, std::size_t d) {
    require(k >= 1 && k < d, where,
            "k must satisfy 1 <= k < d = " + std::to_string(d) + ", got k = " + std::to_string(k));
}

}  // namespace

double gaussian_log_likelihood(const SampleMoments& m, const Vector<double>& b, const Matrix<double>& C) {
    const char* where = "gaussian_log_likelihood";
    const long d = static_cast<long>(m.dim());
    check_shape(where, "b", b, {d});
    check_shape(where, "C", C, {d, d});
    const Matrix<double> L = cholesky(C, where);
    // tr(C^-1 S) = sum_j e_j^T L^-T L^-1 S e_j: solve with each column of S.
    double trace = 0;
    std::vector<double> col(static_cast<std::size_t>(d));
    for (long j = 0; j < d; ++j) {
        for (long i = 0; i < d; ++i) col[i] = m.covariance(i, j);
        solve_lower_in_place(L, col.data());
        solve_lower_transposed_in_place(L, col.data());
        trace += col[j];
    }
    // (xbar - b)^T C^-1 (xbar - b) = ||L^-1 (xbar - b)||^2
    for (long i = 0; i < d; ++i) col[i] = m.mean(i) - b(i);
    solve_lower_in_place(L, col.data());
    double quad = 0;
    for (long i = 0; i < d; ++i) quad += col[i] * col[i];
    return -0.5 * static_cast<double>(m.n) *
           (static_cast<double>(d) * log_two_pi + log_det_from_cholesky(L) + trace + quad);
}

Matrix<double> Ppca::covariance() const {
    const std::size_t d = W.shape(0);
    Matrix<double> C = xt::linalg::dot(W, xt::transpose(W));
    for (std::size_t i = 0; i < d; ++i) C(i, i) += sigma2;
    return C;
}

Matrix<double> Ppca::posterior_means(const Matrix<double>& X) const {
    const char* where = "Ppca::posterior_means";
    const std::size_t d = W.shape(0), k = W.shape(1);
    check_shape(where, "X", X, {any_extent, static_cast<long>(d)});
    Matrix<double> M = xt::linalg::dot(xt::transpose(W), W);  // M = W^T W + sigma^2 I
    for (std::size_t a = 0; a < k; ++a) M(a, a) += sigma2;
    Matrix<double> Xc = X;
    for (std::size_t i = 0; i < X.shape(0); ++i)
        for (std::size_t j = 0; j < d; ++j) Xc(i, j) -= mean(j);
    // E[h | x] = M^-1 W^T (x - b): rows are (x - b)^T W M^-1 (M symmetric).
    const Matrix<double> XW = xt::linalg::dot(Xc, W);
    return xt::transpose(xt::linalg::solve(M, xt::transpose(XW)));
}

Ppca ppca_closed_form(const SampleMoments& m, std::size_t k) {
    const char* where = "ppca_closed_form";
    const std::size_t d = m.dim();
    check_latent_dim(where, k, d);
    const Pca pca = fit_pca(m, k);
    Ppca model;
    model.mean = m.mean;
    // sigma^2 = (1 / (d - k)) sum_{j = k+1}^d lambda_j
    model.sigma2 = pca.discarded_variance() / static_cast<double>(d - k);
    require(model.sigma2 > 1e-12 * pca.eigenvalues(0), where,
            "the d - k smallest eigenvalues of S are all 0 (the data lie in a k-dimensional subspace): sigma^2 = 0");
    // W = U_k (Lambda_k - sigma^2 I_k)^(1/2)   (R = I)
    model.W = Matrix<double>::from_shape({d, k});
    for (std::size_t j = 0; j < k; ++j) {
        const double scale = std::sqrt(std::max(0.0, pca.eigenvalues(j) - model.sigma2));
        for (std::size_t i = 0; i < d; ++i) model.W(i, j) = pca.components(j, i) * scale;
    }
    return model;
}

double ppca_log_likelihood(const SampleMoments& m, const Ppca& model) {
    check_model("ppca_log_likelihood", m, model);
    return gaussian_log_likelihood(m, model.mean, model.covariance());
}

Ppca ppca_em_step(const SampleMoments& m, const Ppca& model) {
    const char* where = "ppca_em_step";
    check_model(where, m, model);
    const std::size_t d = m.dim(), k = model.W.shape(1);
    const Matrix<double>& S = m.covariance;
    const Matrix<double>& W = model.W;
    const double s2 = model.sigma2;
    Matrix<double> M = xt::linalg::dot(xt::transpose(W), W);  // M = W^T W + sigma^2 I
    for (std::size_t a = 0; a < k; ++a) M(a, a) += s2;
    const Matrix<double> SW = xt::linalg::dot(S, W);                                // S W  (d, k)
    const Matrix<double> MinvWtSW = xt::linalg::solve(M, xt::linalg::dot(xt::transpose(W), SW));  // M^-1 W^T S W
    Matrix<double> A = MinvWtSW;                                                    // sigma^2 I + M^-1 W^T S W
    for (std::size_t a = 0; a < k; ++a) A(a, a) += s2;
    Ppca next;
    next.mean = m.mean;
    // W' = S W A^-1, i.e. W'^T = A^-T (S W)^T
    next.W = xt::transpose(xt::linalg::solve(xt::transpose(A), xt::transpose(SW)));
    // sigma'^2 = tr(S - S W M^-1 W'^T) / d
    const Matrix<double> MinvWnewT = xt::linalg::solve(M, xt::transpose(next.W));  // M^-1 W'^T  (k, d)
    double trace = 0;
    for (std::size_t i = 0; i < d; ++i) {
        double s = 0;
        for (std::size_t a = 0; a < k; ++a) s += SW(i, a) * MinvWnewT(a, i);
        trace += S(i, i) - s;
    }
    next.sigma2 = trace / static_cast<double>(d);
    require(next.sigma2 > 0 && std::isfinite(next.sigma2), where,
            "the updated sigma^2 is not positive (" + std::to_string(next.sigma2) + ")");
    return next;
}

Ppca ppca_random_start(const SampleMoments& m, std::size_t k, Rng& rng) {
    const std::size_t d = m.dim();
    check_latent_dim("ppca_random_start", k, d);
    double trace = 0;
    for (std::size_t i = 0; i < d; ++i) trace += m.covariance(i, i);
    Ppca model;
    model.mean = m.mean;
    model.sigma2 = trace / static_cast<double>(d);
    model.W = Matrix<double>::from_shape({d, k});
    const double sd = std::sqrt(model.sigma2);
    for (auto& w : model.W) w = rng.normal(0.0, sd);
    return model;
}

PpcaFit ppca_em(const SampleMoments& m, const Ppca& start, std::size_t max_iterations, double tol) {
    check_model("ppca_em", m, start);
    PpcaFit fit;
    fit.model = start;
    fit.model.mean = m.mean;
    fit.log_likelihood.push_back(ppca_log_likelihood(m, fit.model));
    const double n = static_cast<double>(m.n);
    while (fit.iterations < max_iterations) {
        fit.model = ppca_em_step(m, fit.model);
        ++fit.iterations;
        fit.log_likelihood.push_back(ppca_log_likelihood(m, fit.model));
        const double gain = (fit.log_likelihood.back() - fit.log_likelihood[fit.log_likelihood.size() - 2]) / n;
        if (gain < tol) {
            fit.converged = true;
            break;
        }
    }
    return fit;
}

void ppca_gradient(const SampleMoments& m, const Ppca& model, Matrix<double>& grad_W, double& grad_log_sigma2) {
    check_model("ppca_gradient", m, model);
    const std::size_t d = m.dim();
    const Matrix<double> Cinv = spd_inverse(model.covariance(), "ppca_gradient");
    // G = C^-1 - C^-1 S C^-1
    const Matrix<double> G = Cinv - xt::linalg::dot(Cinv, xt::linalg::dot(m.covariance, Cinv));
    grad_W = -xt::linalg::dot(G, model.W);
    double trace = 0;
    for (std::size_t i = 0; i < d; ++i) trace += G(i, i);
    grad_log_sigma2 = -0.5 * model.sigma2 * trace;
}

PpcaFit ppca_gradient_ascent(const SampleMoments& m, const Ppca& start, std::size_t max_iterations, double tol) {
    check_model("ppca_gradient_ascent", m, start);
    PpcaFit fit;
    fit.model = start;
    fit.model.mean = m.mean;
    const double n = static_cast<double>(m.n);
    double l = ppca_log_likelihood(m, fit.model) / n;
    fit.log_likelihood.push_back(l * n);
    double eta = 1e-2;
    Matrix<double> gW;
    double gs = 0;
    while (fit.iterations < max_iterations) {
        ppca_gradient(m, fit.model, gW, gs);
        const double norm2 = xt::sum(gW * gW)() + gs * gs;
        if (std::sqrt(norm2) < tol) {
            fit.converged = true;
            break;
        }
        // Backtracking: theta + eta g must raise l/N by at least eta ||g||^2 / 4 (Armijo).
        for (int tries = 0;; ++tries) {
            Ppca trial = fit.model;
            trial.W += eta * gW;
            trial.sigma2 = std::exp(std::log(fit.model.sigma2) + eta * gs);
            const double lt = ppca_log_likelihood(m, trial) / n;
            if (lt >= l + 0.25 * eta * norm2) {
                fit.model = trial;
                l = lt;
                eta *= 1.5;
                break;
            }
            eta *= 0.5;
            if (tries > 60) {  // no ascent possible at machine precision: a maximum
                fit.converged = true;
                return fit;
            }
        }
        ++fit.iterations;
        fit.log_likelihood.push_back(l * n);
    }
    return fit;
}

}  // namespace dlc
