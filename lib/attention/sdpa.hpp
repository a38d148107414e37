/// \file
/// \brief Scaled dot-product attention for several heads at once, with masks, forward and visible backward:
/// \f$ \mathrm{Attention}(Q, K, V) = \mathrm{Softmax}(QK^\top/\sqrt{d_k})\, V \f$ (NYU slides "Multi-headed
/// attention"), \f$ \alpha_{t} = \mathrm{softmax}(\frac{1}{\sqrt k} Q_t^\top K_{t'}) \f$, \f$ \sum_{t'} \alpha_{t,t'}
/// V_{t'} \f$ (ECE/CS 559 L25).
///
/// **Layout.** Batch first, heads side by side in the last axis: Q (B, Tq, H·dk), K (B, Tk, H·dk),
/// V (B, Tk, H·dv); head h is columns [h·dk, (h+1)·dk). The output O (B, Tq, H·dv) holds head h's
/// \f$ \sum_{t'} \alpha_{h,t,t'} V_{h,t'} \f$ in its columns [h·dv, (h+1)·dv): it *is* L25's \f$ \mathrm{concat}_h \f$,
/// ready for \f$ W^O \f$.
///
/// **Forward**, per batch row b and head h (one GEMM, the fused softmax, one GEMM):
/// \f[ S = \lambda\, Q_{bh} K_{bh}^\top \ (\lambda = 1/\sqrt{d_k}), \qquad
///     \alpha_{ij} = \frac{\mathbb{1}[j \in A_i]\, e^{S_{ij} - m_i}}{\sum_{j' \in A_i} e^{S_{ij'} - m_i}}, \qquad
///     O_{bh} = \alpha V_{bh} , \f]
/// \f$ m_i = \max_{j \in A_i} S_{ij} \f$ for stability, \f$ A_i \f$ the keys the mask allows (mask.hpp).
/// **Backward**, given \f$ \partial L/\partial O \f$:
/// \f[ \frac{\partial L}{\partial \alpha} = \frac{\partial L}{\partial O_{bh}} V_{bh}^\top, \quad
///     \frac{\partial L}{\partial V_{bh}} = \alpha^\top \frac{\partial L}{\partial O_{bh}}, \quad
///     \frac{\partial L}{\partial S_{ij}} = \alpha_{ij}\Bigl(\frac{\partial L}{\partial \alpha_{ij}} - \sum_{j'} \alpha_{ij'}
///     \frac{\partial L}{\partial \alpha_{ij'}}\Bigr), \f]
/// \f[ \frac{\partial L}{\partial Q_{bh}} = \lambda\, \frac{\partial L}{\partial S} K_{bh}, \qquad
///     \frac{\partial L}{\partial K_{bh}} = \lambda\, \Bigl(\frac{\partial L}{\partial S}\Bigr)^\top Q_{bh} . \f]
/// The third is the softmax's Jacobian \f$ \mathrm{diag}(\alpha) - \alpha\alpha^\top \f$ times the incoming
/// gradient; masked keys get 0 (their \f$ \alpha \f$ is 0). The products run on the heads' blocks in place
/// (strided_gemm.hpp) into buffers reused from step to step. `attention_reference` is the same computation
/// written as plain loops over the formula, for tests.
#pragma once

#include "attention/mask.hpp"
#include "nn/module.hpp"

#include <cstddef>
#include <vector>

namespace dlc {

/// \brief Multi-head scaled dot-product attention with masks; see the file comment.
template <class T>
class ScaledDotProductAttention {
public:
    /// \brief Attention with `heads` heads (the last axes of Q, K, V are split into that many blocks).
    /// \throws ValueError if `heads` is 0.
    explicit ScaledDotProductAttention(std::size_t heads = 1);
    /// \brief O (B, Tq, H·dv) for Q (B, Tq, H·dk), K (B, Tk, H·dk), V (B, Tk, H·dv); caches Q, K, V and α.
    /// \throws ShapeError if the shapes do not fit (mismatched d_k, batch sizes, key counts, a last axis not
    ///         divisible by the heads, a mask of the wrong shape); ValueError if a query has every key masked.
    const Tensor<T>& forward(const Tensor<T>& Q, const Tensor<T>& K, const Tensor<T>& V, const AttentionMask& mask = {});
    /// \brief Given \f$ \partial L/\partial O \f$, fills \f$ \partial L/\partial Q \f$, \f$ \partial L/\partial K \f$,
    /// \f$ \partial L/\partial V \f$ (the accessors below).
    /// \throws ShapeError if `dO` does not have the output's shape or no forward was made.
    void backward(const Tensor<T>& dO);
    /// \brief The attention weights α (B, H, Tq, Tk) of the last forward (rows sum to 1, masked keys 0).
    const Tensor<T>& weights() const { return alpha_; }
    /// \brief The output of the last forward.
    const Tensor<T>& output() const { return O_; }
    /// \brief \f$ \partial L/\partial Q \f$ after `backward`.
    const Tensor<T>& grad_queries() const { return dQ_; }
    /// \brief \f$ \partial L/\partial K \f$ after `backward`.
    const Tensor<T>& grad_keys() const { return dK_; }
    /// \brief \f$ \partial L/\partial V \f$ after `backward`.
    const Tensor<T>& grad_values() const { return dV_; }
    /// \brief H.
    std::size_t heads() const { return heads_; }

private:
    std::size_t heads_;
    Tensor<T> Q_, K_, V_, alpha_, O_, dQ_, dK_, dV_, dalpha_;
};

/// \brief The masked softmax of one row of scores, fused with nothing else: `a[j]` \f$ = \mathbb{1}[j \in A]
/// e^{s_j - m} / \sum_{j' \in A} e^{s_{j'} - m} \f$ for the keys `row` allows, 0 for the others; returns false
/// (and leaves `a` unspecified) if `row` allows no key.
template <class T>
bool masked_softmax_row(const T* s, std::size_t Tk, const MaskRow& row, T* a);

/// \brief The softmax's backward on one row, in place: `g[j]` \f$ \leftarrow \alpha_j (g_j - \sum_{j'} \alpha_{j'}
/// g_{j'}) \f$ (Jacobian-vector product \f$ (\mathrm{diag}(\alpha) - \alpha\alpha^\top) g \f$).
template <class T>
void softmax_backward_row(const T* alpha, std::size_t Tk, T* g);

/// \brief The same attention written as the formula, with plain loops (no BLAS, no fusion), for tests:
/// returns O and sets `alpha` (B, H, Tq, Tk); with `dO` non-null also the three input gradients.
/// \throws as `ScaledDotProductAttention::forward`.
template <class T>
Tensor<T> attention_reference(const Tensor<T>& Q, const Tensor<T>& K, const Tensor<T>& V, std::size_t heads,
                              const AttentionMask& mask, Tensor<T>& alpha, const Tensor<T>* dO = nullptr,
                              Tensor<T>* dQ = nullptr, Tensor<T>* dK = nullptr, Tensor<T>* dV = nullptr);

}  // namespace dlc
