#include "latent/factor_analysis.hpp"

#include "core/check.hpp"
#include "latent/ppca.hpp"
#include "latent/spd.hpp"

#include <xtensor-blas/xlinalg.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace dlc {

namespace {

void check_model(const char* where, const SampleMoments& m, const FactorAnalysis& model) {
    const long d = static_cast<long>(m.dim());
    check_shape(where, "mean", model.mean, {d});
    check_shape(where, "W", model.W, {d, any_extent});
    check_shape(where, "psi", model.psi, {d});
    for (std::size_t i = 0; i < model.psi.size(); ++i)
        require(model.psi(i) > 0 && std::isfinite(model.psi(i)), where,
                "every noise variance psi_i must be positive and finite, got psi_" + std::to_string(i + 1) + " = " +
                    std::to_string(model.psi(i)));
}

}  // namespace

Matrix<double> FactorAnalysis::covariance() const {
    Matrix<double> C = xt::linalg::dot(W, xt::transpose(W));
    for (std::size_t i = 0; i < psi.size(); ++i) C(i, i) += psi(i);
    return C;
}

double fa_log_likelihood(const SampleMoments& m, const FactorAnalysis& model) {
    check_model("fa_log_likelihood", m, model);
    return gaussian_log_likelihood(m, model.mean, model.covariance());
}

FactorAnalysis fa_em_step(const SampleMoments& m, const FactorAnalysis& model) {
    const char* where = "fa_em_step";
    check_model(where, m, model);
    const std::size_t d = m.dim(), k = model.W.shape(1);
    const Matrix<double>& S = m.covariance;
    const Matrix<double>& W = model.W;
    // E-step: G = (I + W^T Psi^-1 W)^-1, beta = G W^T Psi^-1.
    Matrix<double> PsiInvW = W;  // Psi^-1 W
    for (std::size_t i = 0; i < d; ++i)
        for (std::size_t a = 0; a < k; ++a) PsiInvW(i, a) /= model.psi(i);
    Matrix<double> Ginv = xt::linalg::dot(xt::transpose(W), PsiInvW);
    for (std::size_t a = 0; a < k; ++a) Ginv(a, a) += 1.0;
    const Matrix<double> G = spd_inverse(Ginv, where);
    const Matrix<double> beta = xt::linalg::dot(G, xt::transpose(PsiInvW));  // (k, d)
    // M-step: W' = S beta^T (G + beta S beta^T)^-1; Psi' = diag(S - W' beta S).
    const Matrix<double> SbetaT = xt::linalg::dot(S, xt::transpose(beta));  // (d, k)
    const Matrix<double> Ehh = G + xt::linalg::dot(beta, SbetaT);          // average E[h h^T | x]
    const Matrix<double> EhhInv = spd_inverse(Ehh, where);
    FactorAnalysis next;
    next.mean = m.mean;
    next.W = xt::linalg::dot(SbetaT, EhhInv);
    next.psi = Vector<double>::from_shape({d});
    for (std::size_t i = 0; i < d; ++i) {
        double s = 0;  // (W' beta S)_ii = sum_a W'_ia (S beta^T)_ia
        for (std::size_t a = 0; a < k; ++a) s += next.W(i, a) * SbetaT(i, a);
        next.psi(i) = std::max(S(i, i) - s, 1e-9 * S(i, i));
    }
    return next;
}

FactorAnalysisFit factor_analysis_em(const SampleMoments& m, std::size_t k, Rng& rng, std::size_t max_iterations,
                                     double tol) {
    const char* where = "factor_analysis_em";
    const std::size_t d = m.dim();
    require(k >= 1 && k < d, where, "k must satisfy 1 <= k < d = " + std::to_string(d) + ", got k = " + std::to_string(k));
    FactorAnalysis start;
    start.mean = m.mean;
    start.psi = Vector<double>::from_shape({d});
    double trace = 0;
    for (std::size_t i = 0; i < d; ++i) {
        require(m.covariance(i, i) > 0, where, "variable " + std::to_string(i + 1) + " has zero variance");
        start.psi(i) = m.covariance(i, i);
        trace += m.covariance(i, i);
    }
    start.W = Matrix<double>::from_shape({d, k});
    const double sd = std::sqrt(trace / static_cast<double>(d));
    for (auto& w : start.W) w = rng.normal(0.0, sd);

    FactorAnalysisFit fit;
    fit.model = start;
    fit.log_likelihood.push_back(fa_log_likelihood(m, fit.model));
    const double n = static_cast<double>(m.n);
    while (fit.iterations < max_iterations) {
        fit.model = fa_em_step(m, fit.model);
        ++fit.iterations;
        fit.log_likelihood.push_back(fa_log_likelihood(m, fit.model));
        if ((fit.log_likelihood.back() - fit.log_likelihood[fit.log_likelihood.size() - 2]) / n < tol) {
            fit.converged = true;
            break;
        }
    }
    return fit;
}

}  // namespace dlc
