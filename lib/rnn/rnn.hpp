/// \file
/// \brief The vanilla (Elman) recurrent layer of L24, \f$ s_t = \tanh(U x_t + W s_{t-1} + b) \f$, with
/// backpropagation through time written out as a loop over \f$ t = T, \dots, 1 \f$.
///
/// Lectures: ECE/CS 559 L24 ("Simple RNN architecture", the {h, e, l, o, ␣} example, "Training
/// RNNs": BPTT); NYU slides "Recurrent neural networks" and "Gradient vanishing"; Bahng §5.1, §5.1.2.
///
/// **Symbols.** L24: \f$ s_t = \tanh(U x_t + W s_{t-1}) \f$, \f$ y_t = V s_t \f$ (the output map
/// \f$ V \f$ is a separate `Linear`). NYU: \f$ h_t = \tanh(W h_{t-1} + U x_t) \f$,
/// \f$ y_t = \mathrm{Softmax}(V h_t) \f$ — the same with \f$ h \leftrightarrow s \f$. Bahng §5.1:
/// \f$ h_t = \sigma_h(W h_{t-1} + U x_t + b_h) \f$, \f$ \hat y_t = \sigma_y(V h_t + b_y) \f$ — the same
/// with \f$ \sigma_h = \tanh \f$. PyTorch's `nn.RNN`: `weight_ih` = \f$ U \f$, `weight_hh` = \f$ W \f$,
/// `bias_ih + bias_hh` = \f$ b \f$.
#pragma once

#include "rnn/recurrent.hpp"

namespace dlc {

/// \brief \f$ s_t = \tanh(U x_t + W s_{t-1} + b) \f$ for t = 1..T on a batch (T, B, D) → (T, B, H).
///
/// **Forward.** \f$ A = X U^\top + \mathbf 1 b^\top \f$ for all steps in one GEMM; then for each t,
/// \f$ s_t = \tanh(a_t + W s_{t-1}) \f$ (one (B, H) × (H, H) product per step).
///
/// **Backward (BPTT).** With \f$ g_t = \partial L / \partial s_t \f$ arriving from above (the outputs
/// \f$ y_t = V s_t \f$ and their losses) and \f$ \partial L / \partial s_T \f$ from outside, for
/// \f$ t = T, \dots, 1 \f$:
/// \f[ \frac{\partial L}{\partial s_t} = g_t + W^\top \delta_{t+1}, \qquad
///     \delta_t = \frac{\partial L}{\partial s_t} \odot (1 - s_t^2) , \f]
/// then \f$ \nabla_W L = \sum_t \delta_t s_{t-1}^\top \f$, \f$ \nabla_U L = \sum_t \delta_t x_t^\top \f$,
/// \f$ \nabla_b L = \sum_t \delta_t \f$, \f$ \partial L / \partial x_t = U^\top \delta_t \f$,
/// \f$ \partial L / \partial s_0 = W^\top \delta_1 \f$. The sums over t are single GEMMs after the
/// loop; the loop itself only carries \f$ W^\top \delta_t \f$ back one step.
template <class T>
class RNN : public Recurrent<T> {
public:
    /// \brief D inputs, H state units; weights \f$ U(-1/\sqrt H, 1/\sqrt H) \f$.
    RNN(std::size_t input_size, std::size_t hidden_size, Rng& rng);
    /// \brief The states \f$ s_1..s_T \f$ (T, B, H) of x (T, B, D).
    const Tensor<T>& forward(const Tensor<T>& x) override;
    /// \brief BPTT (class comment): accumulates the gradients, returns \f$ \partial L / \partial x \f$ (T, B, D).
    const Tensor<T>& backward(const Tensor<T>& grad_states) override;
    /// \brief `"RNN(D -> H)"`.
    std::string name() const override;
    /// \brief \f$ s \leftarrow \tanh(U x + W s + b) \f$ (the cell argument is unused).
    void step(const Tensor<T>& x, Tensor<T>& state, Tensor<T>& cell) const override;

private:
    Tensor<T> carry_;  // dL/ds_t carried back from step t+1: W^T delta_{t+1}
};

}  // namespace dlc
