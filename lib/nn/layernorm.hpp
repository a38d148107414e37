/// \file
/// \brief Layer normalization: normalize each example over its own features, then scale and
/// shift element-wise.
///
/// Lectures: NYU slides "BN Alternatives" ("alternatives consider the C channel dimension
/// instead of N batch dimension": no dependence on the batch, same computation at training and
/// test time), used by the transformers of the attention lecture.
#pragma once

#include "nn/module.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace dlc {

/// \brief Layer normalization over the trailing axes of the input whose extents multiply to
/// `features` \f$ = D \f$: (N, D) normalizes each row, (N, T, D) each of the N·T vectors of size
/// D, and (N, C, H, W) with \f$ D = CHW \f$ each example.
///
/// For each such vector \f$ x \in \mathbb{R}^D \f$:
/// \f[ \mu = \frac1D \sum_j x_j, \quad \sigma^2 = \frac1D \sum_j (x_j - \mu)^2, \quad
///     \hat x = \frac{x - \mu}{\sqrt{\sigma^2 + \epsilon}}, \quad y = \gamma \odot \hat x + \beta , \f]
/// with learned \f$ \gamma, \beta \in \mathbb{R}^D \f$ (initially 1 and 0). Backward, with
/// \f$ g = \gamma \odot \nabla_y l \f$:
/// \f[ \nabla_\gamma l \mathrel{+}= \nabla_y l \odot \hat x, \quad \nabla_\beta l \mathrel{+}= \nabla_y l,
///     \quad \nabla_x l = \frac{1}{D\sqrt{\sigma^2+\epsilon}}\Bigl(D\, g - \sum_j g_j - \hat x \sum_j g_j \hat x_j\Bigr) \f]
/// (summed over the vectors for \f$ \gamma, \beta \f$). Training and evaluation behave alike.
template <class T>
class LayerNorm : public Module<T> {
public:
    /// \brief Normalizes vectors of `features` \f$ = D \f$ elements (the input's trailing axes).
    /// \throws ValueError if `features` is 0 or `eps` is not positive.
    explicit LayerNorm(std::size_t features, double eps = 1e-5);
    /// \brief \f$ y = \gamma \odot \hat x + \beta \f$ for every trailing vector.
    /// \throws ShapeError unless the input's trailing extents multiply to exactly `features()`.
    const Tensor<T>& forward(const Tensor<T>& x) override;
    /// \brief The backward pass of the class comment.
    const Tensor<T>& backward(const Tensor<T>& grad_y) override;
    /// \brief `"LayerNorm(D)"`.
    std::string name() const override;
    /// \brief `gamma` and `beta` (marked `is_bias`).
    std::vector<Parameter<T>> parameters() override;

    /// \brief \f$ D \f$.
    std::size_t features() const { return gamma_.size(); }
    /// \brief \f$ \epsilon \f$, added to the variance before the square root.
    double eps() const { return eps_; }
    /// \brief The scale \f$ \gamma \f$ (D).
    Tensor<T>& gamma() { return gamma_; }
    /// \brief The shift \f$ \beta \f$ (D).
    Tensor<T>& beta() { return beta_; }

private:
    double eps_;
    Tensor<T> gamma_, beta_, grad_gamma_, grad_beta_;
    Tensor<T> x_hat_, inv_std_;  // of the last forward: normalized input, 1/sqrt(sigma^2+eps) per vector
};

}  // namespace dlc
