/// \file
/// \brief Multi-head self- and cross-attention with \f$ W^Q, W^K, W^V, W^O \f$ in the notes' shapes.
///
/// ECE/CS 559 L25: \f$ Q_{t,h} = W^Q_h x_t \f$, \f$ K_{t,h} = W^K_h x_t \f$, \f$ V_{t,h} = W^V_h x_t \f$,
/// \f$ \alpha_{t,t',h} = \mathrm{softmax}_{t'}(\frac{1}{\sqrt{k}} Q_{t,h}^\top K_{t',h}) \f$ and
/// \f$ S_t = W^O \mathrm{concat}_h \sum_{t'} \alpha_{t,t',h} V_{t',h} \f$, "each head is given by the triple
/// \f$ (W^Q, W^K, W^V) \f$", "usually dimensions are maintained, #heads × d = k, \f$ W^Q \f$ square". NYU
/// slides: \f$ H_i = \mathrm{Attention}(QW_i^Q, KW_i^K, VW_i^V) \f$, \f$ \mathrm{MultiHead} = [H_1, \dots, H_n] W^O \f$.
///
/// **Shapes.** Model width d, H heads of \f$ d_k = d/H \f$ features. The heads' matrices are stacked:
/// \f$ W^Q \f$ (d, d) holds \f$ W^Q_h \f$ (d_k, d) in rows [h·d_k, (h+1)·d_k) — exactly PyTorch's
/// `in_proj_weight[0:d]` — and likewise \f$ W^K, W^V \f$ (d, d_kv); \f$ W^O \f$ is (d, d), acting on the
/// concatenation. Optional biases \f$ b^Q, b^K, b^V, b^O \f$ (PyTorch has them; the notes do not).
///
/// **Forward** (self-attention: \f$ X_q = X_{kv} = X \f$; cross-attention: queries from a decoder, keys and
/// values from an encoder's output):
/// \f[ Q = X_q W^{Q\top} + b^Q,\quad K = X_{kv} W^{K\top} + b^K,\quad V = X_{kv} W^{V\top} + b^V,\quad
///     O = \mathrm{concat}_h \alpha_h V_h,\quad Y = O W^{O\top} + b^O \f]
/// (scaled_dot_product attention in sdpa.hpp). **Backward**, given \f$ \partial L/\partial Y \f$:
/// \f$ \partial L/\partial O = (\partial L/\partial Y) W^O \f$, \f$ \nabla_{W^O} \mathrel{+}= (\partial L/\partial Y)^\top O \f$,
/// then the attention's backward gives \f$ \partial L/\partial Q, \partial L/\partial K, \partial L/\partial V \f$, and
/// \f$ \nabla_{W^Q} \mathrel{+}= (\partial L/\partial Q)^\top X_q \f$, \f$ \partial L/\partial X_q = (\partial L/\partial Q) W^Q \f$,
/// \f$ \partial L/\partial X_{kv} = (\partial L/\partial K) W^K + (\partial L/\partial V) W^V \f$ (summed into
/// \f$ \partial L/\partial X \f$ for self-attention).
#pragma once

#include "attention/sdpa.hpp"
#include "core/rng.hpp"
#include "nn/module.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace dlc {

/// \brief Multi-head attention; as a `Module` it is self-attention under the mask set by `set_mask`.
template <class T>
class MultiHeadAttention : public Module<T> {
public:
    /// \brief Width d, `heads` heads, keys and values computed from inputs of `d_kv` features (0: d);
    /// weights Xavier normal, biases 0 (none if `bias` is false).
    /// \throws ValueError if d or heads is 0 or `heads` does not divide d.
    MultiHeadAttention(std::size_t d, std::size_t heads, Rng& rng, bool bias = true, std::size_t d_kv = 0);

    /// \brief Self-attention Y (B, T, d) of X (B, T, d) under the mask of `set_mask`.
    /// \throws ShapeError for a wrong shape or mask; ValueError if a query has every key masked.
    const Tensor<T>& forward(const Tensor<T>& X) override;
    /// \brief Self-attention under `mask` (also stored as the module's mask).
    const Tensor<T>& forward(const Tensor<T>& X, const AttentionMask& mask);
    /// \brief Cross-attention: queries from Xq (B, Tq, d), keys and values from Xkv (B, Tk, d_kv).
    const Tensor<T>& forward(const Tensor<T>& Xq, const Tensor<T>& Xkv, const AttentionMask& mask);
    /// \brief Backward from \f$ \partial L/\partial Y \f$: accumulates every parameter gradient and returns
    /// \f$ \partial L/\partial X \f$ (self-attention) or \f$ \partial L/\partial X_q \f$ (cross-attention, with
    /// \f$ \partial L/\partial X_{kv} \f$ in `grad_memory()`).
    const Tensor<T>& backward(const Tensor<T>& dY) override;
    /// \brief \f$ \partial L/\partial X_{kv} \f$ after a cross-attention backward.
    const Tensor<T>& grad_memory() const { return grad_kv_; }
    /// \brief `"MultiHeadAttention(d = 64, heads = 4)"`.
    std::string name() const override;
    /// \brief `WQ, bQ, WK, bK, WV, bV, WO, bO` (biases only if present).
    std::vector<Parameter<T>> parameters() override;
    /// \brief The mask used by `forward(X)`.
    void set_mask(AttentionMask mask) { mask_ = std::move(mask); }
    /// \brief The attention weights α (B, H, Tq, Tk) of the last forward.
    const Tensor<T>& weights() const { return attention_.weights(); }
    /// \brief The concatenated head outputs O (B, Tq, d) of the last forward.
    const Tensor<T>& heads_output() const { return attention_.output(); }
    /// \brief \f$ W^Q \f$ (d, d): head h is rows [h·d_k, (h+1)·d_k).
    Tensor<T>& WQ() { return WQ_; }
    /// \brief \f$ W^K \f$ (d, d_kv).
    Tensor<T>& WK() { return WK_; }
    /// \brief \f$ W^V \f$ (d, d_kv).
    Tensor<T>& WV() { return WV_; }
    /// \brief \f$ W^O \f$ (d, d).
    Tensor<T>& WO() { return WO_; }
    /// \brief \f$ b^Q \f$ (d), empty without biases.
    Tensor<T>& bQ() { return bQ_; }
    /// \brief \f$ b^K \f$ (d).
    Tensor<T>& bK() { return bK_; }
    /// \brief \f$ b^V \f$ (d).
    Tensor<T>& bV() { return bV_; }
    /// \brief \f$ b^O \f$ (d).
    Tensor<T>& bO() { return bO_; }
    /// \brief d.
    std::size_t width() const { return WQ_.shape(0); }
    /// \brief H.
    std::size_t heads() const { return attention_.heads(); }

private:
    const Tensor<T>& run(const Tensor<T>& Xq, const Tensor<T>* Xkv, const AttentionMask& mask);
    bool bias_, self_ = true;
    AttentionMask mask_;
    ScaledDotProductAttention<T> attention_;
    Tensor<T> WQ_, WK_, WV_, WO_, bQ_, bK_, bV_, bO_;
    Tensor<T> gWQ_, gWK_, gWV_, gWO_, gbQ_, gbK_, gbV_, gbO_;
    Tensor<T> Xq_, Xkv_, Q_, K_, V_, dO_, grad_kv_;
};

}  // namespace dlc
