/// \file
/// \brief The small-variance limit: EM with every \f$ \Sigma_z = \varepsilon I \f$ and the weights \f$ \pi \f$ fixed, which becomes
/// Lloyd's k-means algorithm as \f$ \varepsilon \to 0 \f$.
///
/// Lecture: UCSD "K-means and EM", "Kmeans and EM (9.3.2)": with \f$ \Sigma_k = \varepsilon I \f$,
/// \f[ p(x | \mu_k, \Sigma_k) = \frac{1}{(2\pi\varepsilon)^{D/2}} \exp\Bigl\{ -\frac{1}{2\varepsilon} \|x - \mu_k\|^2 \Bigr\} \quad (9.41) \f]
/// (the slide prints the exponent \f$ 1/2 \f$; it is \f$ D/2 \f$ in \f$ \mathbb{R}^D \f$, and it cancels in (9.42)), the
/// responsibilities are
/// \f[ \gamma(z_{nk}) = \frac{\pi_k \exp\{-\|x_n - \mu_k\|^2 / 2\varepsilon\}}{\sum_j \pi_j \exp\{-\|x_n - \mu_j\|^2 / 2\varepsilon\}} \quad (9.42) \f]
/// and as \f$ \varepsilon \to 0 \f$ the largest exponent wins: \f$ \gamma(z_{nk}) \to 1 \f$ for the nearest \f$ \mu_k \f$ and 0 otherwise
/// ("becomes delta functions"), so the mean update \f$ \mu_k = \frac{1}{N_k} \sum_n \gamma(z_{nk}) x_n \f$ (9.17) becomes the
/// k-means update. "K-means is a special case of EM for GMM with hard assignments" (NYU slides).
#pragma once

#include "core/tensor.hpp"

#include <cstddef>

namespace dlc {

/// \brief Options of `small_variance_em`.
struct SmallVarianceOptions {
    /// \brief At most this many iterations (each an E-step and a mean update); \f$ \ge 1 \f$.
    std::size_t max_iterations = 500;
    /// \brief Converged when no mean coordinate moves by more than this in an iteration.
    double tolerance = 1e-12;
};

/// \brief The outcome of `small_variance_em`.
struct SmallVarianceResult {
    /// \brief The final means \f$ \mu_k \f$, (k, d).
    Matrix<double> means;
    /// \brief The responsibilities (9.42) at the final means, (n, k).
    Matrix<double> responsibilities;
    /// \brief \f$ \arg\max_k \gamma(z_{nk}) \f$ of every point (lowest k on ties), (n).
    Labels hard_assignments;
    /// \brief \f$ \min_n \max_k \gamma(z_{nk}) \f$: 1 when every assignment is hard, \f$ 1/K \f$ at its softest.
    double min_max_responsibility = 0;
    /// \brief The number of iterations performed.
    std::size_t iterations = 0;
    /// \brief Whether the means stopped moving (by `tolerance`) within `max_iterations`.
    bool converged = false;
};

/// \brief EM for a mixture with fixed \f$ \Sigma_k = \varepsilon I \f$ and fixed \f$ \pi \f$ from the means \f$ \mu^{(0)} \f$ (k, d): E-step (9.42) by
/// log-sum-exp, M-step (9.17) for the means only. A component with \f$ N_k = \sum_n \gamma(z_{nk}) = 0 \f$ keeps its
/// mean (as k-means' `EmptyClusterRule::keep`).
/// \param X              data (n, d)
/// \param initial_means  \f$ \mu^{(0)} \f$, (k, d) with \f$ 1 \le k \le n \f$
/// \param epsilon        \f$ \varepsilon > 0 \f$
/// \param weights        \f$ \pi \f$, (k); empty for \f$ \pi_k = 1/k \f$
/// \param options        iteration limit and tolerance
/// \throws ShapeError if X is empty or the shapes differ; ValueError if an entry is NaN/Inf, \f$ \varepsilon \le 0 \f$,
///         \f$ k > n \f$, the weights are not a distribution, or `max_iterations` is 0.
SmallVarianceResult small_variance_em(const Matrix<double>& X, const Matrix<double>& initial_means, double epsilon,
                                      const Vector<double>& weights = {}, const SmallVarianceOptions& options = {});

}  // namespace dlc
