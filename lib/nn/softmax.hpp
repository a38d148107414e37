/// \file
/// \brief The softmax activation \f$ a_k = e^{v_k} / \sum_j e^{v_j} \f$ over the last axis, and
/// its backward pass through the full Jacobian.
///
/// Lectures: Bahng §1.4 (the softmax output layer of a GLM; its cross-entropy gradient
/// "\f$ \delta = a - y \f$" is `SoftmaxCrossEntropy`'s shortcut); NYU slides (classification head,
/// attention weights).
#pragma once

#include "nn/module.hpp"

#include <string>

namespace dlc {

/// \brief Softmax over the last axis: for each row \f$ v \f$ (e.g. the K logits of one example),
/// \f$ a_k = \frac{e^{v_k}}{\sum_j e^{v_j}} \f$ (computed as \f$ e^{v_k - \max_j v_j} / \sum_j e^{v_j - \max v} \f$,
/// which cannot overflow).
///
/// **Backward.** Softmax is not element-wise: \f$ \partial a_k / \partial v_j = a_k([k = j] - a_j) \f$,
/// so per row
/// \f[ \delta_j = \sum_k (\nabla_a l)_k\, a_k([k=j] - a_j) = a_j \Bigl((\nabla_a l)_j - \sum_k (\nabla_a l)_k a_k\Bigr). \f]
/// For training a classifier prefer `SoftmaxCrossEntropy` on the logits, whose gradient is the
/// simpler and more accurate \f$ a - y \f$.
template <class T>
class Softmax : public Module<T> {
public:
    /// \brief \f$ a = \mathrm{softmax}(v) \f$ along the last axis of `v` (rank \f$ \ge 1 \f$).
    const Tensor<T>& forward(const Tensor<T>& v) override;
    /// \brief \f$ \delta_j = a_j\bigl(g_j - \sum_k g_k a_k\bigr) \f$ for each row, \f$ g = \nabla_a l \f$.
    const Tensor<T>& backward(const Tensor<T>& grad_a) override;
    /// \brief `"Softmax"`.
    std::string name() const override { return "Softmax"; }
};

/// \brief Softmax of each row of `v` (viewed as (size / K, K), K = last extent), into `a`
/// (resized like `v`). Used by `Softmax` and `SoftmaxCrossEntropy`.
template <class T>
void softmax_last_axis(const Tensor<T>& v, Tensor<T>& a);

}  // namespace dlc
