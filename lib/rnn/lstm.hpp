/// \file
/// \brief The LSTM of L24 (gates from \f$ x_t \f$ and \f$ y_{t-1} \f$, state \f$ s_t \f$, output
/// \f$ y_t = \tanh(s_t) \odot o_t \f$), optionally with peephole connections, and its BPTT.
///
/// Lectures: ECE/CS 559 L24 "Long-Short Term Memory" (forget, input and output gates, candidate
/// \f$ g \f$, \f$ s_t = s_{t-1} \odot f_t + g \odot i_t \f$, \f$ y_t = \tanh(s_t) \odot o_t \f$;
/// "Peephole LSTMs include a trainable weight × previous state to the induced local fields";
/// stacked LSTMs); NYU slides "Gating functions in LSTM" (the same cell on the concatenation
/// \f$ [h_{t-1}, x_t] \f$: \f$ W_i [h_{t-1}, x_t] = W^i h_{t-1} + U^i x_t \f$, with L24's \f$ y \f$
/// = NYU's \f$ h \f$ and L24's \f$ s \f$ = NYU's \f$ c \f$); Bahng §5.3 (\f$ \tilde c_t \f$ = L24's
/// \f$ g \f$). PyTorch's `nn.LSTM` computes exactly this cell (gate order i, f, g, o).
#pragma once

#include "rnn/recurrent.hpp"

namespace dlc {

/// \brief The LSTM layer on (T, B, D) → outputs \f$ y_1..y_T \f$ (T, B, H).
///
/// Gates stacked in PyTorch's order \f$ (i, f, g, o) \f$ in \f$ U \f$ (4H, D), \f$ W \f$ (4H, H),
/// \f$ b \f$ (4H). **Forward**, per step:
/// \f[ i_t = \sigma(U^i x_t + W^i y_{t-1} + b^i [+ p^i \odot s_{t-1}]), \quad
///     f_t = \sigma(U^f x_t + W^f y_{t-1} + b^f [+ p^f \odot s_{t-1}]), \f]
/// \f[ o_t = \sigma(U^o x_t + W^o y_{t-1} + b^o [+ p^o \odot s_{t-1}]), \quad
///     g_t = \tanh(U^g x_t + W^g y_{t-1} + b^g), \f]
/// \f[ s_t = s_{t-1} \odot f_t + g_t \odot i_t, \qquad y_t = \tanh(s_t) \odot o_t , \f]
/// the bracketed peephole terms only with `peephole` (diagonal weights \f$ p \f$ on the previous
/// state, as L24 describes them; Gers & Schmidhuber's output gate looks at \f$ s_t \f$ instead).
///
/// **Backward (BPTT)**, for \f$ t = T, \dots, 1 \f$, with \f$ \partial L/\partial y_t = g^{\text{out}}_t
/// + W^\top \delta_{t+1} \f$ and the cell gradient carried in \f$ \partial L / \partial s_t \f$:
/// \f[ \frac{\partial L}{\partial s_t} \mathrel{+}= \frac{\partial L}{\partial y_t} \odot o_t \odot (1 - \tanh^2 s_t), \f]
/// \f[ \delta^o = \tfrac{\partial L}{\partial y_t} \odot \tanh s_t \odot o_t (1 - o_t), \quad
///     \delta^i = \tfrac{\partial L}{\partial s_t} \odot g_t \odot i_t (1 - i_t), \quad
///     \delta^f = \tfrac{\partial L}{\partial s_t} \odot s_{t-1} \odot f_t (1 - f_t), \quad
///     \delta^g = \tfrac{\partial L}{\partial s_t} \odot i_t \odot (1 - g_t^2), \f]
/// \f[ \frac{\partial L}{\partial s_{t-1}} = \frac{\partial L}{\partial s_t} \odot f_t
///     [+ p^i \odot \delta^i + p^f \odot \delta^f + p^o \odot \delta^o], \f]
/// and the weight gradients \f$ \sum_t \delta_t x_t^\top \f$, \f$ \sum_t \delta_t y_{t-1}^\top \f$ as GEMMs
/// after the loop.
template <class T>
class LSTM : public Recurrent<T> {
public:
    /// \brief D inputs, H units; with `peephole` also \f$ p^i, p^f, p^o \f$ (H each, start at 0).
    LSTM(std::size_t input_size, std::size_t hidden_size, Rng& rng, bool peephole = false);
    /// \brief The outputs \f$ y_1..y_T \f$ (T, B, H).
    const Tensor<T>& forward(const Tensor<T>& x) override;
    /// \brief BPTT (class comment); returns \f$ \partial L / \partial x \f$.
    const Tensor<T>& backward(const Tensor<T>& grad_outputs) override;
    /// \brief `"LSTM(D -> H)"` or `"LSTM(D -> H, peephole)"`.
    std::string name() const override;
    /// \brief U, W, b and, with peepholes, `p` (3, H): rows \f$ p^i, p^f, p^o \f$.
    std::vector<Parameter<T>> parameters() override;
    /// \brief One step: (y, s) ← the cell applied to x.
    void step(const Tensor<T>& x, Tensor<T>& state, Tensor<T>& cell) const override;
    /// \brief True.
    bool has_cell() const override { return true; }
    /// \brief Sets \f$ s_0 \f$ (L24's cell state; NYU's \f$ c_0 \f$), (B, H); empty = zeros.
    void set_initial_cell(const Tensor<T>& c0) override;
    /// \brief Back to zero output and cell.
    void clear_initial_state() override;
    /// \brief Adds \f$ \partial L / \partial s_T \f$ for the cell.
    void add_final_cell_grad(const Tensor<T>& dc_T) override;
    /// \brief The last cell state \f$ s_T \f$ (B, H).
    Tensor<T> final_cell() const override;
    /// \brief The cell states \f$ s_1..s_T \f$ (T, B, H) of the last forward.
    const Tensor<T>& cells() const { return C_; }
    /// \brief The peephole weights (3, H) (empty without peepholes).
    Tensor<T>& peepholes() { return P_; }
    /// \brief Whether the layer has peepholes.
    bool peephole() const { return peephole_; }

private:
    const Tensor<T>& initial_cell(std::size_t batch);
    bool peephole_;
    Tensor<T> P_, dP_;
    Tensor<T> C_, TC_;  // s_t and tanh(s_t), (T, B, H)
    Tensor<T> c0_set_, c0_zero_, dc_final_;
    bool dc_final_pending_ = false;
    bool has_c0_ = false;
    Tensor<T> carry_y_, carry_c_;  // dL/dy_{t}, dL/ds_{t} carried back one step
};

}  // namespace dlc
