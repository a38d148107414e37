/// \file
/// \brief The multivariate normal density \f$ \mathcal{N}(x | \mu, \Sigma) \f$ in log form, through the
/// Cholesky factor of \f$ \Sigma \f$.
///
/// Lecture: "K-means, GMM, EM" slides, "Gaussian mixture model (GMM)" (\f$ x | z \sim \mathcal{N}(\mu_z, \Sigma_z) \f$);
/// UCSD "K-means and EM", the density under "Can't we just solve for the latent variables". For
/// \f$ x \in \mathbb{R}^d \f$,
/// \f[ \log \mathcal{N}(x | \mu, \Sigma) = -\tfrac12 \bigl( d \log 2\pi + \log|\Sigma| + (x - \mu)^\top \Sigma^{-1} (x - \mu) \bigr) \f]
/// with \f$ \Sigma = L L^\top \f$, \f$ \log|\Sigma| = 2\sum_j \log L_{jj} \f$ and the Mahalanobis term
/// \f$ \|L^{-1}(x - \mu)\|^2 \f$ (one forward substitution; never \f$ \Sigma^{-1} \f$ itself). For a
/// data block X (n, d) the n substitutions are one BLAS triangular solve `?trsm` (written out for \f$ d \le 4 \f$).
#pragma once

#include "core/rng.hpp"
#include "core/tensor.hpp"

#include <cstddef>

namespace dlc {

/// \brief Rows processed per block by `gaussian_log_density_into` and the E-step: about 256 KiB of d-wide rows,
/// between 64 and 2048.
std::size_t gaussian_block_rows(std::size_t d);

/// \brief The kernel of every batched log-density: for m contiguous rows \f$ x_i \f$ (m, d) at `X`, writes
/// \f$ c - \frac12 \|L^{-1}(x_i - \mu)\|^2 \f$ to `out[i * out_stride]`.
///
/// With \f$ c = -\frac12(d \log 2\pi + \log|\Sigma|) \f$ this is \f$ \log \mathcal{N}(x_i | \mu, \Sigma) \f$; the E-step adds
/// \f$ \log \pi_z \f$ to c. For \f$ d \le 4 \f$ the forward substitution \f$ y = L^{-1}(x_i - \mu) \f$ is written out per row
/// (a BLAS call on a block only 1 to 4 values wide costs more than the arithmetic); otherwise the block is
/// centred into `work` (at least m * d values) and solved in place with one BLAS `?trsm`. No argument checks.
/// \param X           first row, m rows of d contiguous values
/// \param m           number of rows
/// \param d           dimension
/// \param mean        \f$ \mu \f$, d values
/// \param L           lower Cholesky factor of \f$ \Sigma \f$, d * d values, row-major
/// \param constant    c
/// \param work        scratch, at least m * d values (unused for \f$ d \le 4 \f$)
/// \param out         first output value
/// \param out_stride  distance between consecutive outputs (k to fill column z of an (m, k) block)
template <class T>
void gaussian_log_density_rows(const T* X, std::size_t m, std::size_t d, const T* mean, const T* L, T constant, T* work,
                               T* out, std::size_t out_stride);

/// \brief \f$ \log \mathcal{N}(x_i | \mu, \Sigma) \f$ for every row \f$ x_i \f$ of X (n, d), written to
/// `out[i * out_stride]`, given the Cholesky factor L of \f$ \Sigma \f$ and \f$ \log|\Sigma| \f$.
///
/// Calls `gaussian_log_density_rows` on blocks of `gaussian_block_rows(d)` rows. `work` is resized to (block, d)
/// only if too small, so a caller that keeps it allocates nothing on later calls. No argument checks.
/// \param X           data (n, d)
/// \param mean        \f$ \mu \f$, d contiguous values
/// \param L           lower Cholesky factor of \f$ \Sigma \f$, (d, d)
/// \param log_det     \f$ \log|\Sigma| \f$
/// \param work        scratch buffer, reused across calls
/// \param out         first output value
/// \param out_stride  distance between consecutive outputs (k to fill column z of an (n, k) matrix)
template <class T>
void gaussian_log_density_into(const Matrix<T>& X, const T* mean, const Matrix<T>& L, T log_det, Matrix<T>& work,
                               T* out, std::size_t out_stride = 1);

/// \brief A multivariate normal \f$ \mathcal{N}(\mu, \Sigma) \f$ with \f$ \Sigma = L L^\top \f$ factorized once.
template <class T>
class Gaussian {
public:
    /// \brief \f$ \mathcal{N}(\mu, \Sigma) \f$; factorizes \f$ \Sigma \f$ (see `cholesky`).
    /// \throws ShapeError unless `mean` is (d) and `covariance` (d, d) with d > 0; ValueError if an
    ///         entry is NaN/Inf or \f$ \Sigma \f$ is not symmetric positive definite.
    Gaussian(Vector<T> mean, Matrix<T> covariance);

    /// \brief The dimension d.
    std::size_t dim() const { return mean_.size(); }
    /// \brief \f$ \mu \f$, (d).
    const Vector<T>& mean() const { return mean_; }
    /// \brief \f$ \Sigma \f$, (d, d).
    const Matrix<T>& covariance() const { return covariance_; }
    /// \brief L with \f$ \Sigma = L L^\top \f$, lower triangular with a positive diagonal, (d, d).
    const Matrix<T>& cholesky_factor() const { return L_; }
    /// \brief \f$ \log|\Sigma| = 2 \sum_j \log L_{jj} \f$.
    T log_det() const { return log_det_; }

    /// \brief The squared Mahalanobis distance \f$ (x - \mu)^\top \Sigma^{-1} (x - \mu) = \|L^{-1}(x - \mu)\|^2 \f$.
    /// \throws ShapeError unless x is (d).
    T mahalanobis_sq(const Vector<T>& x) const;

    /// \brief \f$ \log \mathcal{N}(x | \mu, \Sigma) = -\frac12(d \log 2\pi + \log|\Sigma| + \|L^{-1}(x - \mu)\|^2) \f$.
    /// \throws ShapeError unless x is (d).
    T log_density(const Vector<T>& x) const;

    /// \brief \f$ \log \mathcal{N}(x_i | \mu, \Sigma) \f$ for every row of X (n, d), shape (n); one `?trsm` per block
    /// of rows (`gaussian_log_density_into`).
    /// \throws ShapeError unless X is (n, d).
    Vector<T> log_density(const Matrix<T>& X) const;

    /// \brief n independent draws \f$ x = \mu + L \epsilon \f$, \f$ \epsilon \sim \mathcal{N}(0, I) \f$, one per row, (n, d).
    Matrix<T> sample(std::size_t n, Rng& rng) const;

private:
    Vector<T> mean_;
    Matrix<T> covariance_;
    Matrix<T> L_;
    T log_det_;
};

extern template class Gaussian<float>;
extern template class Gaussian<double>;

/// \brief \f$ \log \mathcal{N}(x | \mu, \Sigma) \f$ for one point: `Gaussian<T>(mean, covariance).log_density(x)`.
/// \throws as the `Gaussian` constructor and `Gaussian::log_density`.
template <class T>
T gaussian_log_density(const Vector<T>& x, const Vector<T>& mean, const Matrix<T>& covariance);

}  // namespace dlc
