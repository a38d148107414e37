/// \file
/// \brief The fully connected (affine) layer \f$ v = W x + b \f$ and its backward pass
/// \f$ \nabla_W = \delta x^\top,\ \nabla_b = \delta,\ \nabla_x = W^\top \delta \f$.
///
/// Lectures: ECE/CS 559 L9&10 ("Gradient of w = forward signal × backward signal",
/// "biases are like dead-ends on the backward path") and L11; HW5 Q2 (b)–(c)
/// (`v_z = W x + b`, `grad_W = delta_z x^T`, `grad_b = delta_z`, `dloss_dz = U^T delta_f`);
/// Bahng §1.4 (\f$ \partial E_n / \partial W^{[l]} = \delta^{[l]} (a^{[l-1]})^\top \f$).
#pragma once

#include "core/rng.hpp"
#include "nn/init.hpp"
#include "nn/module.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace dlc {

/// \brief A fully connected layer: \f$ v = W x + b \f$ with \f$ W \f$ of shape (out, in).
///
/// **Forward**, per example (the notes' column vectors): \f$ v = W x + b \f$. On a batch
/// \f$ X \f$ (batch, in), one example per row: \f$ V = X W^\top + \mathbf{1} b^\top \f$, one GEMM
/// into the layer's output buffer (batch, out). The input is copied into a cache for the backward
/// pass.
///
/// **Backward**: the gradient arriving from above, \f$ \delta = \nabla_v l \f$ (batch, out), is
/// already the notes' \f$ \delta \f$ — the activation that follows this layer has multiplied by
/// \f$ g'(v) \f$. Per example
/// \f[ \nabla_W l \mathrel{+}= \delta\, x^\top, \qquad \nabla_b l \mathrel{+}= \delta, \qquad
///     \nabla_x l = W^\top \delta , \f]
/// batched: \f$ \nabla_W l \mathrel{+}= \Delta^\top X \f$ (the sum over the batch of the outer
/// products), \f$ \nabla_b l \mathrel{+}= \Delta^\top \mathbf{1} \f$ (column sums),
/// \f$ \nabla_X l = \Delta W \f$. Two GEMMs (one if `input_grad_needed()` is false) into buffers
/// owned by the layer.
template <class T>
class Linear : public Module<T> {
public:
    /// \brief A layer from `in` inputs to `out` outputs, \f$ W \f$ and \f$ b \f$ drawn with
    /// `weight_init` and `bias_init` (fans: \f$ n_{\text{in}} = \f$ `in`, \f$ n_{\text{out}} = \f$ `out`).
    ///
    /// The default is Kaiming for \f$ W \f$ (for ReLU networks) and zeros for \f$ b \f$.
    /// \param in           number of inputs (columns of \f$ W \f$)
    /// \param out          number of outputs (rows of \f$ W \f$)
    /// \param rng          the generator the initial weights are drawn from
    /// \param weight_init  the scheme of \f$ W \f$
    /// \param bias_init    the scheme of \f$ b \f$
    /// \param bias         false for \f$ v = W x \f$ (no \f$ b \f$ parameter)
    /// \throws ValueError if `in` or `out` is 0.
    Linear(std::size_t in, std::size_t out, Rng& rng, const WeightInit& weight_init = WeightInit::kaiming(),
           const WeightInit& bias_init = WeightInit::zeros(), bool bias = true);

    /// \brief A layer with the given \f$ W \f$ (out, in) and \f$ b \f$ (out), e.g. a worked
    /// example's weight table. An empty `b` (size 0) means no bias.
    /// \throws ShapeError if `W` is not a non-empty matrix or `b` does not have `out` entries.
    Linear(Tensor<T> W, Tensor<T> b);

    /// \brief \f$ V = X W^\top + \mathbf{1} b^\top \f$ for `x` of shape (batch, in).
    const Tensor<T>& forward(const Tensor<T>& x) override;
    /// \brief Given \f$ \Delta = \nabla_V l \f$ (batch, out): \f$ \nabla_W \mathrel{+}= \Delta^\top X \f$,
    /// \f$ \nabla_b \mathrel{+}= \Delta^\top \mathbf{1} \f$; returns \f$ \nabla_X l = \Delta W \f$.
    const Tensor<T>& backward(const Tensor<T>& delta) override;
    /// \brief `"Linear(in -> out)"`.
    std::string name() const override;
    /// \brief `W` and (if present) `b`.
    std::vector<Parameter<T>> parameters() override;

    /// \brief The weights \f$ W \f$, shape (out, in): \f$ W_{kj} \f$ connects input \f$ j \f$ to output \f$ k \f$.
    Tensor<T>& W() { return W_; }
    /// \brief The weights \f$ W \f$ (read-only).
    const Tensor<T>& W() const { return W_; }
    /// \brief The biases \f$ b \f$, shape (out) (size 0 without bias).
    Tensor<T>& b() { return b_; }
    /// \brief The biases \f$ b \f$ (read-only).
    const Tensor<T>& b() const { return b_; }
    /// \brief \f$ \nabla_W l \f$, accumulated by `backward`.
    const Tensor<T>& grad_W() const { return grad_W_; }
    /// \brief \f$ \nabla_b l \f$, accumulated by `backward`.
    const Tensor<T>& grad_b() const { return grad_b_; }
    /// \brief Number of inputs (columns of \f$ W \f$).
    std::size_t in_features() const { return W_.shape(1); }
    /// \brief Number of outputs (rows of \f$ W \f$).
    std::size_t out_features() const { return W_.shape(0); }
    /// \brief Whether the layer has a bias \f$ b \f$.
    bool has_bias() const { return has_bias_; }

private:
    Tensor<T> W_, b_, grad_W_, grad_b_;
    Tensor<T> x_;  // the cached input X of the last forward (batch, in)
    bool has_bias_ = true;
};

}  // namespace dlc
