/// \file
/// \brief The gated recurrent unit in its two published forms: the NYU slide's (Cho et al. 2014: the
/// reset gate applied to the state *before* the matrix product, \f$ h_t = (1 - i_t) h_{t-1} + i_t
/// \tilde h_t \f$) and PyTorch's (reset applied *after* the product, update gate \f$ z = 1 - i \f$).
///
/// Lectures: NYU slides "Gated Recurrent Unit" (input gate \f$ i_t = \sigma(W_i[h_{t-1}, x_t] + b_i) \f$,
/// reset gate \f$ r_t = \sigma(W_r[h_{t-1}, x_t] + b_r) \f$, \f$ \tilde h_t = \tanh(W_h[r_t \odot h_{t-1},
/// x_t] + b_h) \f$, \f$ h_t = (1 - i_t) \odot h_{t-1} + i_t \odot \tilde h_t \f$); Bahng §5.4 (heading
/// only). PyTorch's `nn.GRU`: \f$ r = \sigma(\cdot) \f$, \f$ z = \sigma(\cdot) \f$,
/// \f$ n = \tanh(W_{in} x + b_{in} + r \odot (W_{hn} h + b_{hn})) \f$, \f$ h' = (1 - z) \odot n + z \odot h \f$.
#pragma once

#include "rnn/recurrent.hpp"

namespace dlc {

/// \brief Which GRU: where the reset gate acts, and which way the update gate points.
enum class GRUForm {
    /// NYU slide / Cho et al. (2014): \f$ \tilde h = \tanh(U^h x + W^h (r \odot h) + b^h) \f$,
    /// \f$ h' = (1 - i) \odot h + i \odot \tilde h \f$ (\f$ i \f$ = "input"/update gate).
    cho,
    /// PyTorch (and cuDNN): \f$ n = \tanh(U^n x + b^n + r \odot (W^n h + c^n)) \f$,
    /// \f$ h' = (1 - z) \odot n + z \odot h \f$: the reset gate scales the *product* \f$ W^n h + c^n \f$,
    /// and \f$ z \f$ keeps the old state where the slide's \f$ i \f$ takes the new one (\f$ z = 1 - i \f$).
    pytorch,
};

/// \brief The GRU layer on (T, B, D) → states (T, B, H), in either form.
///
/// Gates stacked as PyTorch does, \f$ (r, z, n) \f$: \f$ U \f$ (3H, D), \f$ W \f$ (3H, H), the input-side
/// bias \f$ b \f$ (3H) and a recurrent-side bias \f$ c \f$ (3H). Writing \f$ a^r, a^z, a^n \f$ for
/// \f$ U x_t + b \f$ and \f$ W^r, W^z, W^n \f$ for the blocks of \f$ W \f$:
///
/// **PyTorch form**:
/// \f[ r = \sigma(a^r + W^r h + c^r),\ z = \sigma(a^z + W^z h + c^z), \quad
///     n = \tanh(a^n + r \odot (W^n h + c^n)),\ h' = (1 - z) \odot n + z \odot h . \f]
/// **Cho (slide) form**, slot z holding the slide's update gate \f$ i \f$:
/// \f[ r = \sigma(a^r + W^r h + c^r),\ i = \sigma(a^z + W^z h + c^z), \quad
///     \tilde h = \tanh(a^n + W^n (r \odot h) + c^n),\ h' = (1 - i) \odot h + i \odot \tilde h . \f]
/// With the same parameters the two differ in two places: \f$ i \f$ vs \f$ 1 - z \f$ (negate the
/// z rows of \f$ U, W, b, c \f$ to map one onto the other, since \f$ 1 - \sigma(a) = \sigma(-a) \f$), and
/// \f$ W^n (r \odot h) \f$ vs \f$ r \odot (W^n h) \f$, which no change of parameters reconciles.
/// (In the Cho form \f$ c \f$ only adds to \f$ b \f$; it is kept so both forms have the same parameters.)
///
/// **Backward (BPTT)**, for \f$ t = T, \dots, 1 \f$, given \f$ \partial L / \partial h_t \f$ (from
/// above plus the recurrence), PyTorch form:
/// \f[ \delta^n = \tfrac{\partial L}{\partial h_t} \odot (1 - z) \odot (1 - n^2),\quad
///     \delta^z = \tfrac{\partial L}{\partial h_t} \odot (h_{t-1} - n) \odot z(1 - z),\quad
///     \delta^r = \delta^n \odot (W^n h_{t-1} + c^n) \odot r(1 - r), \f]
/// \f[ \frac{\partial L}{\partial h_{t-1}} = \tfrac{\partial L}{\partial h_t} \odot z + W^{r\top} \delta^r
///     + W^{z\top} \delta^z + W^{n\top} (r \odot \delta^n) ; \f]
/// Cho form (with \f$ q = r \odot h_{t-1} \f$):
/// \f[ \delta^n = \tfrac{\partial L}{\partial h_t} \odot i \odot (1 - \tilde h^2),\quad
///     \delta^i = \tfrac{\partial L}{\partial h_t} \odot (\tilde h - h_{t-1}) \odot i(1 - i),\quad
///     \delta^r = (W^{n\top} \delta^n) \odot h_{t-1} \odot r(1 - r), \f]
/// \f[ \frac{\partial L}{\partial h_{t-1}} = \tfrac{\partial L}{\partial h_t} \odot (1 - i)
///     + (W^{n\top} \delta^n) \odot r + W^{r\top} \delta^r + W^{z\top} \delta^i . \f]
template <class T>
class GRU : public Recurrent<T> {
public:
    /// \brief D inputs, H units, the given form; parameters \f$ U(-1/\sqrt H, 1/\sqrt H) \f$.
    GRU(std::size_t input_size, std::size_t hidden_size, Rng& rng, GRUForm form = GRUForm::pytorch);
    /// \brief The states \f$ h_1..h_T \f$ (T, B, H).
    const Tensor<T>& forward(const Tensor<T>& x) override;
    /// \brief BPTT (class comment); returns \f$ \partial L / \partial x \f$.
    const Tensor<T>& backward(const Tensor<T>& grad_states) override;
    /// \brief `"GRU(D -> H, pytorch)"` or `"GRU(D -> H, cho)"`.
    std::string name() const override;
    /// \brief U, W, b and the recurrent bias `c`.
    std::vector<Parameter<T>> parameters() override;
    /// \brief One step h ← GRU(x, h) (the cell argument is unused).
    void step(const Tensor<T>& x, Tensor<T>& state, Tensor<T>& cell) const override;
    /// \brief The recurrent-side bias \f$ c \f$ (3H) (PyTorch's `bias_hh`).
    Tensor<T>& c() { return c_; }
    /// \brief \f$ \nabla_c L \f$.
    const Tensor<T>& grad_c() const { return dc_; }
    /// \brief The form.
    GRUForm form() const { return form_; }

private:
    // One step for rows of a batch: gates from ax (B, 3H) (= U x + b), previous h; writes r, z|i, n into
    // ax, the state into h_out, W^n h + c^n (PyTorch) or q = r ⊙ h (Cho) into aux (B, H).
    void cell(std::size_t B, T* ax, const T* h_prev, T* h_out, T* aux, T* rz) const;
    GRUForm form_;
    Tensor<T> c_, dc_;
    Tensor<T> AUX_;         // (T·B, H): W^n h_{t-1} + c^n (PyTorch) or q_t = r_t ⊙ h_{t-1} (Cho)
    Tensor<T> rz_;          // (B, 2H) scratch for W^{r,z} h + c^{r,z}
    Tensor<T> dRZ_, dN_;    // (T·B, 2H), (T·B, H): gradients of the recurrent-side pre-activations
    Tensor<T> carry_, dq_;  // (B, H)
};

}  // namespace dlc
