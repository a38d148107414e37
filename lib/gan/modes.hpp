/// \file
/// \brief Mode collapse made measurable: a mixture of Gaussians on a ring, and how many of its modes a
/// generator's samples cover.
///
/// The course names the failure only implicitly (Bahng §11: the generator may do "better than the
/// discriminator"; the notes' theorem assumes enough capacity and an optimal \f$ D \f$). The 2-D ring of
/// \f$ K \f$ Gaussians is the standard test of Metz et al. (unrolled GANs) and Srivastava et al. (VEEGAN):
/// a sample is of *high quality* when it lies within \f$ 3\sigma \f$ of a mode's centre, and a mode is
/// *covered* when it holds at least a given share of the samples.
#pragma once

#include "core/rng.hpp"
#include "core/tensor.hpp"

#include <cstddef>
#include <vector>

namespace dlc {

/// \brief \f$ K \f$ centres \f$ \mu_k = r(\cos\frac{2\pi k}{K}, \sin\frac{2\pi k}{K}) \f$ on a circle of radius \f$ r \f$, (K, 2).
/// \throws ValueError if \f$ K = 0 \f$ or \f$ r \f$ is not positive.
Matrix<double> ring_centres(std::size_t modes, double radius);

/// \brief \f$ n \f$ samples (n, 2) of the equal-weight mixture \f$ \frac1K \sum_k \mathcal N(\mu_k, \sigma^2 I) \f$.
/// \throws ValueError if \f$ \sigma \f$ is not positive or the centres are not (K, 2) with \f$ K \ge 1 \f$.
template <class T>
Matrix<T> sample_gaussian_mixture(const Matrix<double>& centres, double sigma, std::size_t n, Rng& rng);

/// \brief How a set of samples covers the modes.
struct ModeCoverage {
    /// \brief The number of samples within \f$ 3\sigma \f$ of the nearest centre, per mode.
    std::vector<std::size_t> counts;
    /// \brief The share of all samples within \f$ 3\sigma \f$ of some centre ("high quality").
    double high_quality_share = 0;
    /// \brief The number of modes holding at least `min_share` of the samples.
    std::size_t covered = 0;
};

/// \brief Assigns every sample (n, 2) to its nearest centre and counts it if it lies within \f$ 3\sigma \f$.
/// \param min_share  a mode is covered when its count is at least `min_share` \f$ \cdot n \f$
/// \throws ShapeError if the samples are empty or not (n, 2); ValueError if \f$ \sigma \le 0 \f$ or
///         `min_share` is not in (0, 1].
template <class T>
ModeCoverage mode_coverage(const Matrix<T>& samples, const Matrix<double>& centres, double sigma, double min_share);

}  // namespace dlc
