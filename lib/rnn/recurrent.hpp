/// \file
/// \brief What every recurrent layer shares: sequences laid out (T, B, features), an initial state
/// that can be set and differentiated, extra gradient on the final state, truncated BPTT, and the
/// three weight tensors \f$ U \f$ (input), \f$ W \f$ (recurrence) and \f$ b \f$ (bias).
///
/// Lectures: ECE/CS 559 L24 ("Simple RNN architecture": \f$ s_t = \tanh(U x_t + W s_{t-1}) \f$,
/// \f$ y_t = V s_t \f$; "Training RNNs": unroll and backpropagate, BPTT); NYU slides "Recurrent
/// neural networks" (\f$ h_t = \tanh(W h_{t-1} + U x_t) \f$); Bahng §5.1 (\f$ h_t = \sigma_h(W h_{t-1}
/// + U x_t + b_h) \f$, §5.1.2 BPTT, §5.3 truncated BPTT and gradient clipping).
///
/// **Layout.** A batch of B sequences of length T with D features per step is a tensor (T, B, D):
/// time is the outer axis, so step t is the contiguous (B, D) block `x[t]`. A layer maps it to its
/// states (T, B, H). All layers compute the inputs' contribution for every step at once, one GEMM
/// \f$ X U^\top \f$ over the (T·B, D) matrix, and only the recurrent product \f$ W s_{t-1} \f$ step
/// by step, into buffers allocated on the first call and reused while the shapes stay the same.
///
/// **Naming.** The library follows L24: \f$ x_t \f$ input, \f$ s_t \f$ state, \f$ U \f$ input weights
/// (the NYU slides' \f$ U \f$, PyTorch's `weight_ih`), \f$ W \f$ recurrent weights (the NYU slides'
/// and Bahng's \f$ W \f$, PyTorch's `weight_hh`), \f$ b \f$ the bias (PyTorch splits it in two,
/// `bias_ih + bias_hh`; only their sum matters except in the PyTorch GRU, see gru.hpp).
#pragma once

#include "core/rng.hpp"
#include "nn/module.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace dlc {

/// \brief Base of the recurrent layers (`RNN`, `LSTM`, `GRU`): a `Module` on sequences (T, B, D)
/// that returns every state (T, B, H).
///
/// Besides the module interface it carries the recurrent state across calls:
/// - `set_initial_state(s0)` fixes \f$ s_0 \f$ (B, H) for the following forwards (default zeros);
///   an LSTM also takes its cell \f$ c_0 \f$. After `backward`, `initial_state_grad()` holds
///   \f$ \partial L / \partial s_0 \f$ (a seq2seq encoder receives the decoder's through it).
/// - `add_final_state_grad(ds_T)` adds gradient arriving at the last state from elsewhere (a decoder
///   started from it); it is used by the next `backward` and then cleared.
/// - `set_truncation(k)` makes `backward` truncated BPTT: the gradient flowing back through the
///   recurrence is cut every k steps (the state is "detached" at t = k, 2k, ...), so no gradient
///   crosses a chunk boundary; k = 0 (the default) or k ≥ T is full BPTT.
template <class T>
class Recurrent : public Module<T> {
public:
    /// \brief Number of input features D.
    std::size_t input_size() const { return input_size_; }
    /// \brief Number of state units H.
    std::size_t hidden_size() const { return hidden_size_; }

    /// \brief Sets \f$ s_0 \f$ (B, H) for the following forward passes; an empty tensor restores zeros.
    /// \throws ShapeError if `s0` is not (B, H).
    virtual void set_initial_state(const Tensor<T>& s0);
    /// \brief Sets the LSTM's cell \f$ c_0 \f$ too (other layers throw `ValueError`).
    virtual void set_initial_cell(const Tensor<T>& c0);
    /// \brief Back to \f$ s_0 = 0 \f$ (and \f$ c_0 = 0 \f$).
    virtual void clear_initial_state();
    /// \brief \f$ \partial L / \partial s_0 \f$ (B, H) after `backward`.
    const Tensor<T>& initial_state_grad() const { return ds0_; }
    /// \brief \f$ \partial L / \partial c_0 \f$ (B, H) after an LSTM's `backward` (empty otherwise).
    const Tensor<T>& initial_cell_grad() const { return dc0_; }

    /// \brief Adds \f$ \partial L / \partial s_T \f$ (B, H) from outside the layer's outputs; the next
    /// `backward` uses it and clears it.
    /// \throws ShapeError if it is not (B, H) for the last forward's B.
    void add_final_state_grad(const Tensor<T>& ds_T);
    /// \brief The same for the LSTM's final cell \f$ c_T \f$ (other layers throw `ValueError`).
    virtual void add_final_cell_grad(const Tensor<T>& dc_T);

    /// \brief The last state \f$ s_T \f$ (B, H) of the last forward.
    Tensor<T> final_state() const;
    /// \brief The LSTM's last cell \f$ c_T \f$ (empty for the others).
    virtual Tensor<T> final_cell() const { return {}; }

    /// \brief Truncated BPTT with chunks of `k` steps (0 = full BPTT).
    void set_truncation(std::size_t k) { truncation_ = k; }
    /// \brief The truncation length (0 = none).
    std::size_t truncation() const { return truncation_; }

    /// \brief One step without caching, for generation and decoding: given \f$ x_t \f$ (B, D) and the
    /// state (B, H) (and an LSTM's cell), overwrites them with \f$ s_t \f$ (and \f$ c_t \f$).
    virtual void step(const Tensor<T>& x, Tensor<T>& state, Tensor<T>& cell) const = 0;

    /// \brief Whether the layer keeps a cell state besides \f$ s_t \f$ (the LSTM).
    virtual bool has_cell() const { return false; }

    /// \brief \f$ U \f$ (G·H, D): the input weights of the G gates stacked (G = 1, 4, 3).
    Tensor<T>& U() { return U_; }
    /// \brief \f$ W \f$ (G·H, H): the recurrent weights of the gates stacked.
    Tensor<T>& W() { return W_; }
    /// \brief \f$ b \f$ (G·H).
    Tensor<T>& b() { return b_; }
    /// \brief \f$ \nabla_U L \f$.
    const Tensor<T>& grad_U() const { return dU_; }
    /// \brief \f$ \nabla_W L \f$.
    const Tensor<T>& grad_W() const { return dW_; }
    /// \brief \f$ \nabla_b L \f$.
    const Tensor<T>& grad_b() const { return db_; }

    /// \brief `U`, `W`, `b` (and the layer's extra parameters).
    std::vector<Parameter<T>> parameters() override;

protected:
    /// \brief A layer with G gates: \f$ U \f$ (G·H, D), \f$ W \f$ (G·H, H), \f$ b \f$ (G·H), drawn
    /// i.i.d. from \f$ U(-1/\sqrt{H}, 1/\sqrt{H}) \f$ (PyTorch's default for its recurrent layers).
    /// \throws ValueError if D or H is 0.
    Recurrent(const char* kind, std::size_t input_size, std::size_t hidden_size, std::size_t gates, Rng& rng);

    /// \brief Checks x (T, B, D) with T, B ≥ 1 and sizes the per-call buffers; returns {T, B}.
    std::pair<std::size_t, std::size_t> begin_forward(const Tensor<T>& x);
    /// \brief \f$ A = X U^\top + \mathbf{1} b^\top \f$ for all T·B rows at once (one GEMM), into `A_`.
    void project_inputs(const Tensor<T>& x);
    /// \brief After the backward time loop: \f$ \nabla_U \mathrel{+}= \Delta^\top X \f$,
    /// \f$ \nabla_b \mathrel{+}= \Delta^\top \mathbf{1} \f$ and, if needed, \f$ \nabla_X = \Delta U \f$
    /// for the stacked pre-activation gradients \f$ \Delta \f$ (T·B, G·H) in `dA_`.
    const Tensor<T>& finish_input_grads();
    /// \brief \f$ \nabla_W \mathrel{+}= \sum_t \delta_t^\top s_{t-1} \f$ for rows [row0, row0 + rows)
    /// of \f$ W \f$, \f$ \delta \f$ (T·B, rows) given with its row stride `ld` (= G·H or rows), and the
    /// previous states \f$ [s_0; s_1; \dots; s_{T-1}] \f$ taken from `s0` and `S` (T, B, H).
    void accumulate_recurrent_grad(const T* delta, std::size_t ld, std::size_t row0, std::size_t rows,
                                   const T* s0, const T* S);
    /// \brief s0 for this batch: the one set, else zeros (sized B, H).
    const Tensor<T>& initial_state(std::size_t batch);
    /// \brief Whether the recurrent gradient must be cut between steps t-1 and t (0-based t ≥ 1).
    bool cut_before(std::size_t t) const { return truncation_ && t % truncation_ == 0; }
    /// \brief The final-state gradient added from outside, or zeros (B, H); clears the pending flag.
    void take_final_state_grad(Tensor<T>& ds, std::size_t batch);

    std::string kind_;               ///< "RNN", "LSTM" or "GRU" (for messages)
    std::size_t input_size_;         ///< D
    std::size_t hidden_size_;        ///< H
    std::size_t gates_;              ///< G: 1, 4 or 3 blocks of H rows in U, W, b
    Tensor<T> U_;                    ///< \f$ U \f$ (G·H, D)
    Tensor<T> W_;                    ///< \f$ W \f$ (G·H, H)
    Tensor<T> b_;                    ///< \f$ b \f$ (G·H)
    Tensor<T> dU_;                   ///< \f$ \nabla_U L \f$
    Tensor<T> dW_;                   ///< \f$ \nabla_W L \f$
    Tensor<T> db_;                   ///< \f$ \nabla_b L \f$
    Tensor<T> x_;                    ///< the cached input (T, B, D)
    Tensor<T> A_;                    ///< pre-activations of all steps (T·B, G·H), overwritten by the gates' values
    Tensor<T> dA_;                   ///< their gradients (T·B, G·H)
    Tensor<T> s0_set_;               ///< the initial state given by set_initial_state (if has_s0_)
    bool has_s0_ = false;            ///< whether an initial state was set
    Tensor<T> s0_zero_;              ///< the zero initial state (B, H) otherwise
    Tensor<T> ds0_;                  ///< \f$ \partial L / \partial s_0 \f$ after backward
    Tensor<T> dc0_;                  ///< \f$ \partial L / \partial c_0 \f$ after an LSTM's backward
    Tensor<T> ds_final_;             ///< gradient added at \f$ s_T \f$ from outside
    bool ds_final_pending_ = false;  ///< whether ds_final_ is to be used by the next backward
    std::size_t truncation_ = 0;     ///< truncated BPTT chunk length (0 = full)
    std::size_t T_ = 0;              ///< steps of the last forward
    std::size_t B_ = 0;              ///< sequences of the last forward
};

/// \brief Reverses the time axis of a (T, B, F) tensor into `out` (used by `Bidirectional`).
template <class T>
void reverse_time(const Tensor<T>& x, Tensor<T>& out);

}  // namespace dlc
