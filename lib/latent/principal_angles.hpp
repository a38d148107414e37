/// \file
/// \brief Principal angles between two subspaces of \f$ \mathbb{R}^d \f$: how far the subspace a
/// linear autoencoder found is from the PCA subspace.
///
/// Lecture: Bahng §6.1, Theorem 6.1 (the range \f$ R \f$ of \f$ x \mapsto U V x \f$ is a k-dimensional
/// subspace; at the optimum it is the principal subspace). For subspaces spanned by the columns of
/// \f$ A \f$ (d, p) and \f$ B \f$ (d, q), with orthonormal bases \f$ Q_A, Q_B \f$ (thin QR), the cosines
/// of the principal angles \f$ 0 \le \theta_1 \le \dots \le \theta_{\min(p,q)} \le \pi/2 \f$ are the
/// singular values of \f$ Q_A^\top Q_B \f$ (Björck & Golub):
/// \f[ \cos\theta_j = \sigma_j(Q_A^\top Q_B) . \f]
/// Equal subspaces have every \f$ \theta_j = 0 \f$; \f$ \sin\theta_{\max} = \|Q_A Q_A^\top - Q_B Q_B^\top\|_2 \f$
/// (for p = q).
#pragma once

#include "core/tensor.hpp"

namespace dlc {

/// \brief The principal angles (radians, ascending) between the column spaces of `A` (d, p) and `B` (d, q);
/// \f$ \min(p, q) \f$ of them.
///
/// Small angles are computed from the sines (the singular values of \f$ (I - Q_A Q_A^\top) Q_B \f$), which
/// keeps angles near 0 accurate (an arccos of a cosine near 1 loses half the digits).
/// \throws ShapeError if the row counts differ or a matrix is empty; ValueError if a matrix has NaN/Inf or
///         does not have full column rank (relative tolerance \f$ 10^{-12} \f$).
Vector<double> principal_angles(const Matrix<double>& A, const Matrix<double>& B);

/// \brief An orthonormal basis (d, p) of the column space of `A` (d, p) by the thin QR factorization.
/// \throws ValueError if `A` does not have full column rank (a diagonal entry of R below
///         \f$ 10^{-12} \max_j |R_{jj}| \f$).
Matrix<double> orthonormal_basis(const Matrix<double>& A);

}  // namespace dlc
