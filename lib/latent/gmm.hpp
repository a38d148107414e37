/// \file
/// \brief EM for Gaussian mixtures: E-step, M-step, the log-likelihood after every iteration (checked never to
/// decrease), convergence, and the generalized-EM variant.
///
/// Lecture: "K-means, GMM, EM" slides, "The expectation-maximization (EM) algorithm", "M-step for GMM",
/// "EM for GMM" (Bishop's Figure 9.8 on Old Faithful), "EM: Coordinate Ascent on Lower Bound" (Bishop's Figure
/// 9.14) and "Generalized EM"; UCSD "K-means and EM", "EM Gauss Mix" steps 1–4, eqs. (9.23)–(9.28).
/// Starting from \f$ \theta^{(0)} \f$, iteration \f$ t = 1, 2, \dots \f$ is
/// 1. **E-step** at \f$ \theta^{(t-1)} \f$: \f$ \gamma_i^z = p(z | x_i; \theta^{(t-1)}) \f$ (`MixtureDensity`), which makes the
///    lower bound tight: \f$ \mathcal{L}(\gamma, \theta^{(t-1)}) = \log p(x; \theta^{(t-1)}) \f$;
/// 2. **M-step**: \f$ \theta^{(t)} \f$ from `m_step_into` (or one `gem_step`), which raises \f$ \mathcal{L}(\gamma, \cdot) \f$;
/// 3. the log-likelihood \f$ \ell_t = \log p(x; \theta^{(t)}) = \sum_i \log \sum_z \pi_z \mathcal{N}(x_i | \mu_z, \Sigma_z) \f$
///    (computed by the next E-step, which it shares).
///
/// Since \f$ \ell_t \ge \mathcal{L}(\gamma, \theta^{(t)}) \ge \mathcal{L}(\gamma, \theta^{(t-1)}) = \ell_{t-1} \f$, \f$ \ell_t \f$ never decreases
/// ("EM monotonically improves the likelihood"). `fit_gmm` checks this at every iteration: a decrease larger
/// than the rounding tolerance plus the regularization slack of `mstep.hpp` is a bug and stops the fit with
/// `DivergenceError`.
#pragma once

#include "core/tensor.hpp"
#include "latent/mixture.hpp"

#include <cstddef>
#include <functional>
#include <vector>

namespace dlc {

/// \brief How the M-step chooses \f$ \theta^{(t)} \f$.
enum class MStepMethod {
    /// The exact maximizer of the M-step objective (the slides' formulas, `m_step_into`).
    exact,
    /// Generalized EM: one backtracking gradient-ascent step on the M-step objective (`gem_step`).
    gradient,
};

/// \brief Options of `fit_gmm`.
struct EmOptions {
    /// \brief \f$ r \ge 0 \f$ added to the diagonal of every \f$ \Sigma_z \f$ by the exact M-step (scikit-learn's
    /// `reg_covar`, same default \f$ 10^{-6} \f$); see `mstep.hpp`. 0 gives the slides' formulas exactly.
    double reg_covar = 1e-6;
    /// \brief At most this many iterations (M-steps); \f$ \ge 1 \f$.
    std::size_t max_iterations = 100;
    /// \brief Converged when the mean log-likelihood per point changes by less than this:
    /// \f$ |\ell_t - \ell_{t-1}| / n < \f$ `tolerance` (scikit-learn's `tol`, there \f$ 10^{-3} \f$). 0: always run
    /// `max_iterations`.
    double tolerance = 1e-6;
    /// \brief Exact M-step or generalized EM.
    MStepMethod m_step = MStepMethod::exact;
    /// \brief Generalized EM's initial step size \f$ \eta \f$ on \f$ J / n \f$ (halved until J increases).
    double learning_rate = 0.5;
    /// \brief Check \f$ \ell_t \ge \ell_{t-1} - (\text{slack}_t + \text{rounding}_t) \f$ after every iteration and throw if it fails.
    bool check_monotone = true;
    /// \brief The rounding tolerance is `rounding_tolerance` \f$ \times (n d + \sum_i |\log p(x_i; \theta^{(t)})|) \f$:
    /// a relative error per term, with the scale of every term that enters \f$ \ell_t \f$.
    double rounding_tolerance = 1e-12;
    /// \brief Keep \f$ \theta^{(t)} \f$ and \f$ \gamma(\theta^{(t)}) \f$ of every iteration in `EmResult::trace`.
    bool record_trace = false;
    /// \brief If set, called after every iteration with t and \f$ \ell_t \f$ (progress bars, timing).
    std::function<void(std::size_t iteration, double log_likelihood)> on_iteration;
};

/// \brief The parameters and responsibilities after one iteration (for step-by-step figures).
struct EmSnapshot {
    /// \brief t (0 = the initial parameters).
    std::size_t iteration = 0;
    /// \brief \f$ \theta^{(t)} \f$.
    GaussianMixture theta;
    /// \brief \f$ \gamma_i^z = p(z | x_i; \theta^{(t)}) \f$, (n, k).
    Matrix<double> responsibilities;
    /// \brief \f$ \ell_t = \log p(x; \theta^{(t)}) \f$.
    double log_likelihood = 0;
};

/// \brief The outcome of `fit_gmm`.
struct EmResult {
    /// \brief The last parameters \f$ \theta^{(T)} \f$.
    GaussianMixture theta;
    /// \brief \f$ \gamma(\theta^{(T)}) \f$, (n, k).
    Matrix<double> responsibilities;
    /// \brief \f$ \ell_t = \log p(x; \theta^{(t)}) \f$ for \f$ t = 0, \dots, T \f$ (T + 1 entries, non-decreasing).
    std::vector<double> log_likelihood;
    /// \brief \f$ \mathcal{L}(\gamma(\theta^{(t-1)}), \theta^{(t)}) \f$ for \f$ t = 1, \dots, T \f$: the lower bound after the M-step, between
    /// \f$ \ell_{t-1} \f$ (the bound before it) and \f$ \ell_t \f$ (the evidence); the E-step closes the gap
    /// \f$ \ell_t - \mathcal{L} = \mathrm{KL}(\gamma(\theta^{(t-1)}) \| \gamma(\theta^{(t)})) \f$.
    std::vector<double> lower_bound;
    /// \brief The regularization slack of every M-step, \f$ t = 1, \dots, T \f$ (0 without regularization or with GEM).
    std::vector<double> regularization_slack;
    /// \brief \f$ T \f$, the number of iterations (M-steps) performed.
    std::size_t iterations = 0;
    /// \brief Whether \f$ |\ell_T - \ell_{T-1}| / n < \f$ `tolerance` within `max_iterations`.
    bool converged = false;
    /// \brief \f$ \min_t (\ell_t - \ell_{t-1}) \f$ (\f$ +\infty \f$ if T = 0): the smallest increase; negative only within the tolerance.
    double smallest_increase = 0;
    /// \brief With `record_trace`, `trace[t]` for \f$ t = 0, \dots, T \f$.
    std::vector<EmSnapshot> trace;
};

/// \brief EM for a Gaussian mixture on X (n, d) from \f$ \theta^{(0)} \f$ = `initial` (see the file comment).
///
/// The covariance type is `initial.type`. Each iteration is one M-step (exact, or GEM's gradient step) and one
/// E-step, in buffers allocated before the loop. Stops when the mean log-likelihood changes by less than
/// `tolerance` or after `max_iterations`.
/// \throws ShapeError/ValueError as `check_mixture` and `check_mixture_data`, or for bad options (`max_iterations`
///         = 0, negative or non-finite `reg_covar`, `tolerance`, `learning_rate`); DivergenceError if a component
///         collapses (see `m_step_into`), if the log-likelihood becomes NaN, or if it decreases beyond the
///         tolerance (a bug: the message gives both values, the slack and the tolerance).
EmResult fit_gmm(const Matrix<double>& X, const GaussianMixture& initial, const EmOptions& options = {});

}  // namespace dlc
