/// \file
/// \brief Attention as the notes build it: scores, their softmax over the keys (with a mask), and the
/// weighted sum of the values — \f$ \alpha = \mathrm{softmax}(e) \f$, \f$ c = \sum_j \alpha_j v_j \f$ — with
/// the backward pass written out (the softmax's Jacobian-vector product is visible).
///
/// Lectures: Bahng §7.1 (\f$ e^{t'} = [\mathrm{score}(s_{t'}, h_1), \dots] \f$, \f$ \alpha^{t'} =
/// \mathrm{softmax}(e^{t'}) \f$, \f$ a_{t'} = \sum_t \alpha^{t'}_t h_t \f$); NYU slides "Attention Mechanisms"
/// (\f$ c_t = \sum_\tau \alpha_{t,\tau} h_\tau \f$, \f$ \alpha_{t,\tau} = \exp(a(s_{t-1}, h_\tau)) / \sum_k
/// \exp(a(s_{t-1}, h_k)) \f$).
#pragma once

#include "attention/score.hpp"

#include <memory>
#include <vector>

namespace dlc {

/// \brief Row-wise softmax of scores E (B, Tq, Tk) over the keys, keys \f$ j \ge \f$ `key_lengths[b]`
/// masked out (weight exactly 0): \f$ \alpha_{bij} = e^{E_{bij} - m} / \sum_{j' < n_b} e^{E_{bij'} - m} \f$.
/// An empty `key_lengths` means every key is valid.
/// \throws ShapeError if `key_lengths` has not B entries; ValueError if a length is 0 (a row with every
///         key masked) or exceeds Tk.
template <class T>
void masked_softmax(const Tensor<T>& E, const std::vector<std::size_t>& key_lengths, Tensor<T>& alpha);

/// \brief The softmax's backward, row by row: \f$ \partial L/\partial e_j = \alpha_j
/// (\partial L/\partial \alpha_j - \sum_{j'} \alpha_{j'} \partial L/\partial \alpha_{j'}) \f$ (the
/// Jacobian \f$ \mathrm{diag}(\alpha) - \alpha\alpha^\top \f$ times the incoming gradient); masked keys
/// get 0 because their \f$ \alpha \f$ is 0.
template <class T>
void softmax_backward(const Tensor<T>& alpha, const Tensor<T>& dalpha, Tensor<T>& dE);

/// \brief Attention with a given score: \f$ C_{bi} = \sum_j \alpha_{bij} V_{bj} \f$,
/// \f$ \alpha_{bi\cdot} = \mathrm{softmax}_j(\mathrm{score}(Q_{bi}, K_{bj})) \f$.
///
/// **Backward**, given \f$ \partial L/\partial C \f$: per batch \f$ \partial L/\partial \alpha_b =
/// (\partial L/\partial C_b) V_b^\top \f$, \f$ \partial L/\partial V_b = \alpha_b^\top (\partial L/\partial C_b) \f$,
/// then `softmax_backward` and the score's backward for Q and K. When keys and values are the same
/// tensor (a seq2seq's encoder states), add `grad_keys()` and `grad_values()`.
template <class T>
class Attention {
public:
    /// \brief Attention with the given score function (owned).
    explicit Attention(std::unique_ptr<AttentionScore<T>> score);
    /// \brief C (B, Tq, dv) for Q (B, Tq, dq), K (B, Tk, dk), V (B, Tk, dv), keys \f$ j \ge \f$
    /// `key_lengths[b]` masked (empty: none).
    const Tensor<T>& forward(const Tensor<T>& Q, const Tensor<T>& K, const Tensor<T>& V,
                             const std::vector<std::size_t>& key_lengths = {});
    /// \brief Backward from \f$ \partial L/\partial C \f$; fills the three input gradients and adds the
    /// score's parameter gradients.
    void backward(const Tensor<T>& dC);
    /// \brief The attention weights \f$ \alpha \f$ (B, Tq, Tk) of the last forward (heat maps).
    const Tensor<T>& weights() const { return alpha_; }
    /// \brief \f$ \partial L/\partial Q \f$.
    const Tensor<T>& grad_queries() const { return score_->grad_queries(); }
    /// \brief \f$ \partial L/\partial K \f$ (through the scores).
    const Tensor<T>& grad_keys() const { return score_->grad_keys(); }
    /// \brief \f$ \partial L/\partial V \f$.
    const Tensor<T>& grad_values() const { return dV_; }
    /// \brief The score function.
    AttentionScore<T>& score() { return *score_; }
    /// \brief The score's parameters.
    std::vector<Parameter<T>> parameters() { return score_->parameters(); }

private:
    std::unique_ptr<AttentionScore<T>> score_;
    Tensor<T> V_, alpha_, C_, dalpha_, dE_, dV_;
};

}  // namespace dlc
