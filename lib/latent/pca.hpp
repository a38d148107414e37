/// \file
/// \brief Principal component analysis: the sample mean and covariance \f$ S \f$, its eigenvalues
/// \f$ \lambda_1 \ge \dots \ge \lambda_d \f$ and eigenvectors \f$ u_j \f$ (LAPACK through
/// xtensor-blas), the projection onto the top-k subspace and the reconstruction error.
///
/// Lectures: Bahng §6.1 (Theorem 6.1: the best k-dimensional subspace for
/// \f$ \sum_i \|x_i - U V x_i\|^2 \f$ is spanned by an orthonormal \f$ W \f$, \f$ x \mapsto W W^\top x \f$)
/// and §8.1 Example 8.3 (\f$ S = \frac1N \sum_i (x^{(i)} - \hat b)(x^{(i)} - \hat b)^\top \f$, the biased
/// MLE of the covariance; \f$ S = U \Sigma U^\top \f$). For centred data \f$ x_i \f$ and the top-k
/// eigenvectors \f$ W = (u_1, \dots, u_k) \f$ of \f$ S \f$,
/// \f[ \frac1N \sum_i \|x_i - W W^\top x_i\|^2 = \sum_{j > k} \lambda_j , \f]
/// the smallest value any rank-k linear autoencoder can reach (Eckart–Young).
#pragma once

#include "core/tensor.hpp"

#include <cstddef>

namespace dlc {

/// \brief The sufficient statistics of a Gaussian fit: \f$ N \f$, the mean \f$ \bar x \f$ and the
/// biased covariance \f$ S = \frac1N \sum_i (x_i - \bar x)(x_i - \bar x)^\top \f$ (Bahng's
/// \f$ \widehat{\mathrm{Var}}_{MLE} \f$), accumulated in double.
struct SampleMoments {
    /// \brief The number of data points \f$ N \f$.
    std::size_t n = 0;
    /// \brief \f$ \bar x = \frac1N \sum_i x_i \f$, shape (d).
    Vector<double> mean;
    /// \brief \f$ S \f$, shape (d, d), symmetric.
    Matrix<double> covariance;
    /// \brief The dimension d.
    std::size_t dim() const { return mean.size(); }
};

/// \brief \f$ N \f$, \f$ \bar x \f$ and \f$ S \f$ of the rows of `X` (n, d), in double (float data is
/// converted block by block: one GEMM \f$ X_c^\top X_c \f$ per block of rows, no double copy of the data).
/// \throws ShapeError if `X` is not a matrix with at least one row and column; ValueError on NaN/Inf.
template <class T>
SampleMoments sample_moments(const Matrix<T>& X);

/// \brief The same for n rows of d values stored contiguously, row after row, at `X` (e.g. the data of a
/// `Tensor<float>` of images as rows), without copying them into a `Matrix`.
/// \throws ShapeError if n or d is 0; ValueError on NaN/Inf.
template <class T>
SampleMoments sample_moments(const T* X, std::size_t n, std::size_t d);

/// \brief How `fit_pca` finds the principal directions (same subspace up to rounding).
enum class PcaMethod {
    /// The symmetric eigendecomposition of \f$ S \f$ (LAPACK `syevd`): \f$ O(n d^2 + d^3) \f$, memory \f$ d^2 \f$.
    eigh,
    /// The thin SVD of the centred data \f$ X_c = U \,\mathrm{diag}(s)\, V^\top \f$ (LAPACK `gesdd`),
    /// \f$ \lambda_j = s_j^2 / N \f$: more accurate for ill-conditioned data, but it holds an (n, d)
    /// double copy of the data (use it for small data sets).
    svd,
};

/// \brief A fitted PCA: the mean, all d eigenvalues of \f$ S \f$ and the top-k eigenvectors.
struct Pca {
    /// \brief \f$ \bar x \f$, shape (d).
    Vector<double> mean;
    /// \brief \f$ \lambda_1 \ge \dots \ge \lambda_d \f$ (every eigenvalue of \f$ S \f$, descending).
    Vector<double> eigenvalues;
    /// \brief \f$ W^\top \f$, shape (k, d): row j is the unit eigenvector \f$ u_{j+1} \f$, signed so
    /// that its entry of largest magnitude is positive (a deterministic choice of the sign).
    Matrix<double> components;
    /// \brief k, the number of components kept.
    std::size_t k() const { return components.shape(0); }
    /// \brief d, the data dimension.
    std::size_t dim() const { return mean.size(); }
    /// \brief \f$ \sum_{j > k} \lambda_j \f$: the mean squared reconstruction error of the top-k projection.
    double discarded_variance() const;
    /// \brief \f$ \sum_j \lambda_j = \operatorname{tr} S \f$, the total variance.
    double total_variance() const;
};

/// \brief PCA of the rows of `X` (n, d) keeping `k` components.
/// \throws ShapeError if `X` is empty; ValueError if k = 0 or k > d, or `X` has NaN/Inf.
template <class T>
Pca fit_pca(const Matrix<T>& X, std::size_t k, PcaMethod method = PcaMethod::eigh);

/// \brief PCA from the moments (eigendecomposition of \f$ S \f$).
/// \throws ValueError if k = 0 or k > d, or S is not finite.
Pca fit_pca(const SampleMoments& moments, std::size_t k);

/// \brief The codes \f$ z_i = W^\top (x_i - \bar x) \f$, shape (n, k).
/// \throws ShapeError if `X` does not have d columns.
template <class T>
Matrix<double> pca_encode(const Pca& pca, const Matrix<T>& X);

/// \brief The reconstructions \f$ \hat x_i = \bar x + W z_i \f$ of codes `Z` (n, k), shape (n, d).
/// \throws ShapeError if `Z` does not have k columns.
Matrix<double> pca_decode(const Pca& pca, const Matrix<double>& Z);

/// \brief \f$ \frac1n \sum_i \|x_i - \hat x_i\|^2 \f$ with \f$ \hat x_i = \bar x + W W^\top (x_i - \bar x) \f$,
/// computed from the data (a brute-force check of `Pca::discarded_variance`).
template <class T>
double pca_reconstruction_error(const Pca& pca, const Matrix<T>& X);

/// \brief The eigenvalues (descending) and unit eigenvectors (as columns, same order, each signed so
/// that its largest-magnitude entry is positive) of a symmetric matrix, by LAPACK `syevd`.
/// \throws ShapeError unless `A` is square and non-empty; ValueError if it has NaN/Inf.
void symmetric_eigen(const Matrix<double>& A, Vector<double>& values, Matrix<double>& vectors);

}  // namespace dlc
