/// \file
/// \brief The M-step: the weighted maximum-likelihood estimates \f$ n_z, \mu_z, \Sigma_z, \pi_z \f$ given
/// responsibilities, with scikit-learn's covariance regularization and collapse detection.
///
/// Lecture: "K-means, GMM, EM" slides, "M-step for GMM"; UCSD "K-means and EM", eqs. (9.24)–(9.27):
/// \f[ n_z = \sum_{i=1}^n \gamma_i^z, \quad \mu_z^{\text{new}} = \frac{1}{n_z} \sum_{i=1}^n \gamma_i^z x_i, \quad
///     \Sigma_z^{\text{new}} = \frac{1}{n_z} \sum_{i=1}^n \gamma_i^z (x_i - \mu_z^{\text{new}})(x_i - \mu_z^{\text{new}})^\top, \quad
///     \pi_z^{\text{new}} = \frac{n_z}{n} . \f]
/// With one-hot \f$ \gamma \f$ these are the observable case's (10)–(13) ("MLE in the observable case on data
/// weighted by \f$ p(z | x_i) \f$").
///
/// **Regularization** (`reg_covar` \f$ = r \ge 0 \f$, as scikit-learn's `GaussianMixture(reg_covar=1e-6)`): the
/// M-step returns \f$ \Sigma_z = S_z + r I \f$ where \f$ S_z \f$ is the formula above (for `diagonal`, the
/// diagonal of \f$ S_z \f$; for `spherical`, \f$ \frac{1}{d}\operatorname{tr}(S_z) \f$ times \f$ I \f$). It keeps every
/// \f$ \Sigma_z \f$ at least \f$ r I \f$, so a component that collapses onto one point (the singularity the UCSD
/// slides warn about: \f$ \Sigma_z \to 0 \f$ and the likelihood \f$ \to \infty \f$) stays finite instead of
/// stopping EM. The price: the M-step is then not the exact maximizer of
/// \f$ Q(\theta) = \sum_i \sum_z \gamma_i^z \log \pi_z \mathcal{N}(x_i | \mu_z, \Sigma_z) \f$; it falls short by
/// \f[ \Delta_z = \frac{n_z}{2} \bigl( \log|S_z + rI| - \log|S_z| + \operatorname{tr}((S_z + rI)^{-1} S_z) - d \bigr) \ge 0 , \f]
/// which `MStepStats::regularization_slack` reports (\f$ \sum_z \Delta_z \f$; about \f$ \frac{n_z}{4} r^2 \operatorname{tr}(S_z^{-2}) \f$):
/// EM's log-likelihood can then drop by at most that much in one iteration.
#pragma once

#include "core/tensor.hpp"
#include "latent/mixture.hpp"

namespace dlc {

/// \brief By-products of an M-step.
struct MStepStats {
    /// \brief \f$ n_z = \sum_i \gamma_i^z \f$, the effective number of points of each component, (k).
    Vector<double> counts;
    /// \brief \f$ \sum_z \Delta_z \f$: how far below \f$ \max_\theta Q \f$ the regularized M-step can leave \f$ Q \f$ (0 if
    /// \f$ r = 0 \f$; \f$ +\infty \f$ if some \f$ S_z \f$ is singular, when no bound exists). See the file comment.
    double regularization_slack = 0;
};

/// \brief The M-step into caller-owned storage: writes \f$ \theta^{\text{new}} \f$ into `theta` (resized if
/// needed) using `work` as scratch, so the EM loop allocates nothing after its first iteration.
///
/// For \f$ d > 4 \f$: \f$ n_z \f$ are column sums of \f$ \gamma \f$; the means are one GEMM \f$ \gamma^\top X \f$ divided by
/// \f$ n_z \f$; each full covariance is one symmetric rank-n update `?syrk` of the rows
/// \f$ \sqrt{\gamma_i^z}\,(x_i - \mu_z) \f$, in blocks of rows. For \f$ d \le 4 \f$ (where BLAS calls on 1 to 4 columns cost
/// more than the arithmetic) the same sums are written out in two passes over the rows for all components at
/// once: \f$ n_z \f$ and \f$ \sum_i \gamma_i^z x_i \f$, then \f$ \sum_i \gamma_i^z (x_i - \mu_z)(x_i - \mu_z)^\top \f$.
/// \f$ \pi_z = n_z / \sum_c n_c \f$ (\f$ = n_z / n \f$ when the rows of \f$ \gamma \f$ sum to 1). No argument checks beyond
/// the collapse test: see `m_step`.
///
/// **The plain reference**: `m_step_plain` (mstep_plain.hpp) computes the same four sums one component and one
/// point at a time, as the slide writes them; the tests check that both agree to rounding on every code path.
/// \param X               data (n, d)
/// \param resp            \f$ \gamma \f$, (n, k)
/// \param type            the covariance constraint
/// \param reg_covar       \f$ r \ge 0 \f$ added to every diagonal
/// \param collapse_scale  the data's variance scale s (e.g. the mean column variance): a covariance whose
///                        Cholesky pivot is \f$ \le d\,\varepsilon\,s \f$ counts as singular
/// \param theta           output \f$ \theta^{\text{new}} \f$
/// \param work            scratch buffer
/// \param stats           if not null, receives \f$ n_z \f$ and the regularization slack
/// \param where           the public function asking (named first in error messages)
/// \throws DivergenceError if a component collapsed: \f$ n_z \le n\,\varepsilon \f$ (no responsibility left), or
///         \f$ \Sigma_z \f$ (after regularization) is singular — the message names the component, \f$ n_z \f$ and the
///         pivot, and suggests `reg_covar` > 0 or another initialization.
void m_step_into(const Matrix<double>& X, const Matrix<double>& resp, CovarianceType type, double reg_covar,
                 double collapse_scale, GaussianMixture& theta, Matrix<double>& work, MStepStats* stats = nullptr,
                 const char* where = "m_step");

/// \brief The M-step of the slides (and UCSD (9.24)–(9.27)): \f$ \theta^{\text{new}} \f$ from data X (n, d) and
/// responsibilities \f$ \gamma \f$ (n, k), plus \f$ r I \f$ on each covariance (default \f$ r = 0 \f$: the slides' formulas).
/// \throws ShapeError if X is empty or \f$ \gamma \f$ is not (n, k) with k >= 1; ValueError if an entry is NaN/Inf,
///         a \f$ \gamma_i^z < 0 \f$, a row of \f$ \gamma \f$ does not sum to 1 (within \f$ 10^{-6} \f$) or \f$ r < 0 \f$;
///         DivergenceError if a component collapses (see `m_step_into`).
GaussianMixture m_step(const Matrix<double>& X, const Matrix<double>& resp, CovarianceType type = CovarianceType::full,
                       double reg_covar = 0.0, MStepStats* stats = nullptr);

/// \brief The mean column variance of X (n, d), \f$ s = \frac{1}{d} \sum_j \operatorname{Var}(x_{\cdot j}) \f$ (population
/// variance), or 1 if that is 0: the scale `m_step_into` judges singular covariances against.
double data_variance_scale(const Matrix<double>& X);

}  // namespace dlc
