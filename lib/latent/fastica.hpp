/// \file
/// \brief Independent component analysis by FastICA: whitening, then a fixed-point search for the
/// directions along which the data are least Gaussian.
///
/// Lecture: Bahng §8.2. The model is \f$ x = W h \f$ with independent, non-Gaussian components of
/// \f$ h \f$ (a Gaussian \f$ h \f$ cannot be unmixed: \f$ x = W R^{-1} R h \f$ for any rotation R); the
/// components are found up to scale, sign and order by making \f$ A x \f$ "far from Gaussian". Here
/// (Hyvärinen & Oja, 2000):
/// 1. **Whitening**: \f$ z = S^{-1/2}(x - \bar x) \f$ (S the sample covariance), so \f$ \mathrm{Cov}(z) = I \f$ and
///    the unmixing matrix that remains is orthogonal;
/// 2. **Fixed point** for all rows \f$ w_j \f$ of \f$ B \f$ at once (the symmetric variant), with a nonlinearity g:
///    \f[ w_j \leftarrow \mathbb{E}[z\, g(w_j^\top z)] - \mathbb{E}[g'(w_j^\top z)]\, w_j, \qquad
///        B \leftarrow (B B^\top)^{-1/2} B , \f]
///    a Newton step on the negentropy approximation \f$ (\mathbb{E}\,G(w^\top z) - \mathbb{E}\,G(\nu))^2 \f$
///    (\f$ \nu \sim N(0, 1) \f$, \f$ G' = g \f$);
/// 3. the sources are \f$ \hat h = B z = B S^{-1/2} (x - \bar x) \f$, with unit variance.
#pragma once

#include "core/rng.hpp"
#include "core/tensor.hpp"

#include <cstddef>

namespace dlc {

/// \brief The nonlinearity g of FastICA.
enum class IcaNonlinearity {
    /// \f$ G(y) = \log\cosh y \f$, \f$ g(y) = \tanh y \f$, \f$ g'(y) = 1 - \tanh^2 y \f$: robust, the default.
    logcosh,
    /// \f$ G(y) = y^4/4 \f$, \f$ g(y) = y^3 \f$, \f$ g'(y) = 3y^2 \f$: the kurtosis Bahng names
    /// (the fixed point then maximizes \f$ |\mathrm{kurt}(w^\top z)| \f$).
    cube,
};

/// \brief The symmetric whitening \f$ z = K (x - \bar x) \f$ with \f$ K = S^{-1/2} \f$.
struct Whitening {
    /// \brief \f$ \bar x \f$, shape (d).
    Vector<double> mean;
    /// \brief \f$ K = S^{-1/2} \f$, shape (d, d).
    Matrix<double> K;
};

/// \brief The whitening of the rows of `X` (n, d).
/// \throws ShapeError if X has fewer than 2 rows; ValueError on NaN/Inf or a singular covariance.
Whitening fit_whitening(const Matrix<double>& X);

/// \brief \f$ z_i = K (x_i - \bar x) \f$ for every row, shape (n, d).
Matrix<double> whiten(const Whitening& w, const Matrix<double>& X);

/// \brief What `fastica` returns.
struct IcaResult {
    /// \brief The whitening used.
    Whitening whitening;
    /// \brief \f$ B \f$ (d, d), orthogonal: the unmixing of the whitened data.
    Matrix<double> rotation;
    /// \brief \f$ B K \f$ (d, d): \f$ \hat h = B K (x - \bar x) \f$.
    Matrix<double> unmixing;
    /// \brief The recovered sources \f$ \hat h_i \f$, one row per data point (n, d), each column of unit variance.
    Matrix<double> sources;
    /// \brief Fixed-point iterations made.
    std::size_t iterations = 0;
    /// \brief Whether \f$ \max_j |1 - |w_j^{\text{new}} \cdot w_j^{\text{old}}|| \f$ fell below the tolerance.
    bool converged = false;
};

/// \brief FastICA (symmetric) of the rows of `X` (n, d), from a random orthogonal start drawn from `rng`.
/// \throws ShapeError if X has fewer than 2 rows; ValueError on NaN/Inf, a singular covariance, or bad options.
IcaResult fastica(const Matrix<double>& X, Rng& rng, IcaNonlinearity g = IcaNonlinearity::logcosh,
                  std::size_t max_iterations = 500, double tol = 1e-10);

/// \brief The sample excess kurtosis \f$ \frac{m_4}{m_2^2} - 3 \f$ of a sequence (0 for a Gaussian).
/// \throws ShapeError if `v` has fewer than 2 entries; ValueError if its variance is 0.
double excess_kurtosis(const Vector<double>& v);

}  // namespace dlc
