/// \file
/// \brief Expectation over transformation (Athalye et al. 2018): a perturbation optimised through random
/// shifts, rotations and noise, so that it survives them — the digits' version of the slides' printed
/// photo and 3-D turtle.
///
/// Plain PGD maximises \f$ J(x + \delta, y) \f$ for the image as it is; EOT maximises the expected loss
/// under the transformations \f$ t \f$ the example will meet,
/// \f[ \max_{\|\delta\|_\infty \le \varepsilon} \; \mathbb{E}_{t}\, J\bigl(t(x + \delta), y\bigr), \qquad
///     \nabla_\delta \approx \frac{1}{S} \sum_{s=1}^{S} A_{t_s}^\top\, \nabla J\bigl(t_s(x + \delta), y\bigr), \f]
/// with \f$ S \f$ fresh transformations per step, \f$ t(x) = A_t x + n \f$ a warp (`transformations.hpp`) plus
/// Gaussian noise. The step is PGD's (`attacks.hpp`) with this averaged gradient.
#pragma once

#include "adversarial/attacks.hpp"
#include "adversarial/transformations.hpp"

#include <cstddef>
#include <vector>

namespace dlc {

/// \brief Settings of `eot_pgd`.
struct EotOptions {
    PgdOptions pgd;          ///< the ball, step, steps, norm and range (from \f$ x \f$ itself: `random_start`, restarts and `stop_on_success` are not used)
    TransformRange range;    ///< where the transformations are drawn from
    std::size_t samples = 16;  ///< transformations \f$ S \f$ averaged per step
};

/// \brief PGD on the expected loss under random transformations (see the file comment); `predicted` and
/// `success` are those of the untransformed \f$ x_{\text{adv}} \f$.
/// \throws ValueError as `pgd`, or for zero samples or a negative range.
template <class T>
AttackResult<T> eot_pgd(PixelClassifier<T>& clf, const Tensor3<T>& x, const Labels& y, const EotOptions& options, Rng& rng);

/// \brief For each image of `x` (N, H, W), the fraction of `draws` random transformations from `range`
/// under which the attack still succeeds (class \f$ \ne y \f$, or \f$ = y \f$ when `targeted`).
/// \throws ValueError for zero draws or a negative range; ShapeError if the labels do not match.
template <class T>
std::vector<double> success_under_transformations(PixelClassifier<T>& clf, const Tensor3<T>& x, const Labels& y,
                                                  const TransformRange& range, std::size_t draws, bool targeted, Rng& rng);

}  // namespace dlc
