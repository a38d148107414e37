/// \file
/// \brief Factor analysis: \f$ x = W h + b + \epsilon \f$, \f$ h \sim N(0, I_k) \f$,
/// \f$ \epsilon \sim N(0, \Psi) \f$ with \f$ \Psi = \mathrm{diag}(\psi_1, \dots, \psi_d) \f$, fitted by EM.
///
/// Lecture: Bahng §8.1, Example 8.1: \f$ \mathrm{Var}[x] = W W^\top + \mathrm{diag}(\sigma_1^2, \dots, \sigma_d^2) \f$
/// ("no closed form exists, so iterative methods are commonly applied"). EM (Rubin & Thayer 1982;
/// Ghahramani & Hinton 1996) on the moments \f$ (\bar x, S) \f$: the E-step's posterior
/// \f$ h \mid x \sim N(\beta (x - \bar x), G) \f$ with
/// \f[ G = (I_k + W^\top \Psi^{-1} W)^{-1}, \qquad \beta = G W^\top \Psi^{-1} , \f]
/// and the M-step
/// \f[ W' = S \beta^\top (G + \beta S \beta^\top)^{-1}, \qquad \Psi' = \mathrm{diag}(S - W' \beta S) . \f]
/// PPCA (ppca.hpp) is the special case \f$ \Psi = \sigma^2 I \f$; unlike PPCA's, the FA subspace need not be
/// the principal subspace when the noise variances differ.
#pragma once

#include "core/rng.hpp"
#include "core/tensor.hpp"
#include "latent/pca.hpp"

#include <cstddef>
#include <vector>

namespace dlc {

/// \brief A factor analysis model \f$ x \sim N(b, W W^\top + \Psi) \f$.
struct FactorAnalysis {
    /// \brief \f$ b \f$, shape (d).
    Vector<double> mean;
    /// \brief The loadings \f$ W \f$, shape (d, k).
    Matrix<double> W;
    /// \brief The noise variances \f$ \psi_i > 0 \f$, shape (d).
    Vector<double> psi;
    /// \brief \f$ C = W W^\top + \mathrm{diag}(\psi) \f$, shape (d, d).
    Matrix<double> covariance() const;
};

/// \brief The Gaussian log-likelihood of the data with these moments under the model.
/// \throws ShapeError on mismatched shapes; ValueError if some \f$ \psi_i \le 0 \f$.
double fa_log_likelihood(const SampleMoments& moments, const FactorAnalysis& model);

/// \brief One EM step (the file comment's E- and M-step), b set to \f$ \bar x \f$; each \f$ \psi_i \f$ is kept
/// at least \f$ 10^{-9} S_{ii} \f$ (a Heywood case otherwise drives it to 0).
/// \throws ShapeError on mismatched shapes; ValueError if some \f$ \psi_i \le 0 \f$.
FactorAnalysis fa_em_step(const SampleMoments& moments, const FactorAnalysis& model);

/// \brief What `factor_analysis_em` returns.
struct FactorAnalysisFit {
    /// \brief The final model.
    FactorAnalysis model;
    /// \brief \f$ \ell \f$ at the start and after each iteration (never decreasing: EM).
    std::vector<double> log_likelihood;
    /// \brief The number of EM iterations.
    std::size_t iterations = 0;
    /// \brief Whether the per-point gain fell below `tol` before `max_iterations`.
    bool converged = false;
};

/// \brief EM from a random start (W with \f$ N(0, \operatorname{tr}(S)/d) \f$ entries, \f$ \Psi = \mathrm{diag}(S) \f$)
/// until the log-likelihood per point rises by less than `tol`.
/// \throws ValueError unless 1 <= k < d, or if a variance \f$ S_{ii} \f$ is 0.
FactorAnalysisFit factor_analysis_em(const SampleMoments& moments, std::size_t k, Rng& rng,
                                     std::size_t max_iterations = 5000, double tol = 1e-12);

}  // namespace dlc
