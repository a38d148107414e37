/// \file
/// \brief Probabilistic PCA: \f$ x = W h + b + \epsilon \f$, \f$ h \sim N(0, I_k) \f$,
/// \f$ \epsilon \sim N(0, \sigma^2 I_d) \f$, so \f$ x \sim N(b, C) \f$ with \f$ C = W W^\top + \sigma^2 I \f$;
/// the closed-form maximum-likelihood fit, EM, and plain gradient ascent on the log-likelihood.
///
/// Lecture: Bahng §8.1, Example 8.3 (Tipping & Bishop, 1999). With the eigenvalues
/// \f$ \lambda_1 \ge \dots \ge \lambda_d \f$ of the biased sample covariance S and its top-k eigenvectors
/// \f$ U_k \f$, the MLE is
/// \f[ \hat b = \bar x, \qquad \hat\sigma^2 = \frac{1}{d-k} \sum_{j=k+1}^d \lambda_j, \qquad
///     \hat W = U_k (\Lambda_k - \hat\sigma^2 I_k)^{1/2} R \f]
/// for any orthogonal \f$ R \f$ (k, k): the likelihood depends on W only through \f$ W W^\top \f$.
/// The log-likelihood of N points with moments \f$ (\bar x, S) \f$ is
/// \f[ \ell(b, W, \sigma^2) = -\frac N2 \Bigl[ d \log 2\pi + \log|C| + \operatorname{tr}(C^{-1} S)
///     + (\bar x - b)^\top C^{-1} (\bar x - b) \Bigr] , \f]
/// evaluated through the Cholesky factor of C. EM (Tipping & Bishop's eqs. 29–30) with
/// \f$ M = W^\top W + \sigma^2 I_k \f$:
/// \f[ W' = S W (\sigma^2 I_k + M^{-1} W^\top S W)^{-1}, \qquad
///     \sigma'^2 = \tfrac1d \operatorname{tr}(S - S W M^{-1} W'^\top) . \f]
#pragma once

#include "core/rng.hpp"
#include "core/tensor.hpp"
#include "latent/pca.hpp"

#include <cstddef>
#include <vector>

namespace dlc {

/// \brief \f$ \ell(b, C) = -\frac N2 [d \log 2\pi + \log|C| + \operatorname{tr}(C^{-1}S) + (\bar x - b)^\top C^{-1}(\bar x - b)] \f$,
/// the Gaussian log-likelihood of data with the given moments, by the Cholesky factor of C.
/// \throws ShapeError on mismatched shapes; ValueError if C is not symmetric positive definite.
double gaussian_log_likelihood(const SampleMoments& moments, const Vector<double>& b, const Matrix<double>& C);

/// \brief A PPCA model \f$ x \sim N(b, W W^\top + \sigma^2 I) \f$.
struct Ppca {
    /// \brief \f$ b \f$, shape (d).
    Vector<double> mean;
    /// \brief \f$ W \f$, shape (d, k).
    Matrix<double> W;
    /// \brief \f$ \sigma^2 > 0 \f$.
    double sigma2 = 1.0;
    /// \brief \f$ C = W W^\top + \sigma^2 I \f$, shape (d, d).
    Matrix<double> covariance() const;
    /// \brief \f$ E[h \mid x] = M^{-1} W^\top (x - b) \f$ for every row of `X` (n, d), shape (n, k).
    Matrix<double> posterior_means(const Matrix<double>& X) const;
};

/// \brief The closed-form MLE of Example 8.3 (with R = I): \f$ \hat b = \bar x \f$,
/// \f$ \hat\sigma^2 \f$ the mean of the d - k smallest eigenvalues, \f$ \hat W = U_k (\Lambda_k - \hat\sigma^2 I)^{1/2} \f$.
/// \throws ValueError unless 1 <= k < d, or if \f$ \hat\sigma^2 \le 10^{-12} \lambda_1 \f$ (data in a k-dimensional
///         subspace: no noise left to estimate).
Ppca ppca_closed_form(const SampleMoments& moments, std::size_t k);

/// \brief \f$ \ell(b, W, \sigma^2) \f$ of the data with these moments.
/// \throws as `gaussian_log_likelihood`; ValueError if \f$ \sigma^2 \le 0 \f$.
double ppca_log_likelihood(const SampleMoments& moments, const Ppca& model);

/// \brief One EM step (Tipping & Bishop's eqs. 29–30), b set to \f$ \bar x \f$.
/// \throws ShapeError on mismatched shapes; ValueError if \f$ \sigma^2 \le 0 \f$.
Ppca ppca_em_step(const SampleMoments& moments, const Ppca& model);

/// \brief A fit by an iterative method: the model and the log-likelihood after each iteration.
struct PpcaFit {
    /// \brief The final model.
    Ppca model;
    /// \brief \f$ \ell \f$ at the start and after each iteration.
    std::vector<double> log_likelihood;
    /// \brief The number of iterations made.
    std::size_t iterations = 0;
    /// \brief Whether the stopping rule was met before `max_iterations`.
    bool converged = false;
};

/// \brief A random start: W with N(0, 1) entries scaled to the data's spread, \f$ \sigma^2 = \operatorname{tr}(S)/d \f$.
/// \throws ValueError unless 1 <= k < d.
Ppca ppca_random_start(const SampleMoments& moments, std::size_t k, Rng& rng);

/// \brief EM from `start` until the log-likelihood per point rises by less than `tol` (or `max_iterations`).
PpcaFit ppca_em(const SampleMoments& moments, const Ppca& start, std::size_t max_iterations = 1000, double tol = 1e-12);

/// \brief The gradient of \f$ \ell / N \f$ at b = \f$ \bar x \f$ in W and in \f$ s = \log\sigma^2 \f$: with
/// \f$ G = C^{-1} - C^{-1} S C^{-1} \f$, \f$ \partial(\ell/N)/\partial W = -G W \f$ and
/// \f$ \partial(\ell/N)/\partial s = -\frac12 \sigma^2 \operatorname{tr} G \f$.
void ppca_gradient(const SampleMoments& moments, const Ppca& model, Matrix<double>& grad_W, double& grad_log_sigma2);

/// \brief Numerical maximization of \f$ \ell \f$: gradient ascent in \f$ (W, \log\sigma^2) \f$ with a backtracking
/// step (halved until \f$ \ell \f$ rises enough, grown by 1.5 after a success), until the gradient norm is below
/// `tol` or `max_iterations`.
PpcaFit ppca_gradient_ascent(const SampleMoments& moments, const Ppca& start, std::size_t max_iterations = 5000,
                             double tol = 1e-9);

}  // namespace dlc
