/// \file
/// \brief The Fréchet distance between two sets of feature vectors: the 2-Wasserstein distance of the
/// Gaussians fitted to them (the "FID" of GAN papers when the features come from a trained classifier).
///
/// For Gaussians \f$ \mathcal N(\mu_1, \Sigma_1) \f$ and \f$ \mathcal N(\mu_2, \Sigma_2) \f$,
/// \f[ d^2 = \|\mu_1 - \mu_2\|^2 + \operatorname{tr}\Bigl(\Sigma_1 + \Sigma_2
///     - 2\,\bigl(\Sigma_1^{1/2} \Sigma_2 \Sigma_1^{1/2}\bigr)^{1/2}\Bigr) , \f]
/// (the trace of \f$ (\Sigma_1 \Sigma_2)^{1/2} \f$ equals that of the symmetric
/// \f$ (\Sigma_1^{1/2} \Sigma_2 \Sigma_1^{1/2})^{1/2} \f$, computed here by two symmetric eigendecompositions).
/// The GAN lecture measures generated digits in the feature space of the CNN lecture's LeNet-5; the course
/// itself has no sample-quality measure (Bahng §11 and the notes judge samples by eye).
#pragma once

#include "core/tensor.hpp"

namespace dlc {

/// \brief The mean and covariance of a set of feature vectors.
struct GaussianFit {
    /// \brief \f$ \mu = \frac1n \sum_i f_i \f$ (d).
    Vector<double> mean;
    /// \brief \f$ \Sigma = \frac1{n-1} \sum_i (f_i - \mu)(f_i - \mu)^\top \f$ (d, d).
    Matrix<double> cov;
};

/// \brief The fit of the rows of `features` (n, d), n \f$ \ge \f$ 2, in double.
/// \throws ShapeError if `features` is not a matrix with at least 2 rows and 1 column; ValueError if an entry
///         is not finite.
template <class T>
GaussianFit fit_gaussian(const Matrix<T>& features);

/// \brief \f$ d^2 \f$ of the file comment between two fits (negative round-off clamped to 0).
/// \throws ShapeError if the dimensions differ.
double frechet_distance(const GaussianFit& a, const GaussianFit& b);

/// \brief \f$ d^2 \f$ between the Gaussians fitted to two feature sets (n_a, d) and (n_b, d).
/// \throws as `fit_gaussian` and `frechet_distance`.
template <class T>
double frechet_distance(const Matrix<T>& features_a, const Matrix<T>& features_b);

}  // namespace dlc
