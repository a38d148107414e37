/// \file
/// \brief Attention score functions \f$ e_{ij} = \mathrm{score}(q_i, k_j) \f$ between queries and keys —
/// dot, scaled dot, general (bilinear), reduced-rank and additive (Bahdanau) — each with its backward.
///
/// Lectures: Bahng §7.1 "Seq2Seq with Attention" (the dot score \f$ s_{t'} \cdot h_t \f$; general
/// \f$ s^\top W_a h \f$; reduced-rank \f$ (U_a s)^\top (V_a h) \f$; additive
/// \f$ v_a^\top \tanh(W_a h_t + V_a s_{t'}) \f$); NYU slides "Attention Mechanisms" (Bahdanau et al.
/// 2014: \f$ a(s_{t-1}, h_k) = v_a^\top \tanh(W_a [s_{t-1}, h_k]) \f$, the same additive score with
/// \f$ W_a = [W_q \mid W_k] \f$) and "Transformers" (\f$ QK^\top / \sqrt{d_k} \f$).
///
/// **Layout.** Batch first: queries Q (B, Tq, dq), keys K (B, Tk, dk), scores E (B, Tq, Tk) with
/// \f$ E_{b i j} = \mathrm{score}(Q_{b i}, K_{b j}) \f$. The notes' query \f$ s_{t'} \f$ (decoder state)
/// is a row of Q, their \f$ h_t \f$ (encoder state) a row of K.
///
/// **Backward.** Given \f$ \partial L / \partial E \f$, `backward` returns \f$ \partial L / \partial Q \f$
/// and \f$ \partial L / \partial K \f$ and accumulates the score's parameter gradients (the
/// softmax and weighted sum that usually follow are in attention.hpp).
#pragma once

#include "core/rng.hpp"
#include "nn/module.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace dlc {

/// \brief Base of the score functions: forward caches what backward needs.
template <class T>
class AttentionScore {
public:
    virtual ~AttentionScore() = default;
    /// \brief E (B, Tq, Tk) for Q (B, Tq, dq) and K (B, Tk, dk).
    /// \throws ShapeError naming the score if the batch sizes or feature sizes do not fit.
    virtual const Tensor<T>& forward(const Tensor<T>& Q, const Tensor<T>& K) = 0;
    /// \brief Given \f$ \partial L/\partial E \f$: fills \f$ \partial L/\partial Q \f$, \f$ \partial L/\partial K \f$
    /// (returned through `grad_queries()`/`grad_keys()`) and adds the parameter gradients.
    virtual void backward(const Tensor<T>& dE) = 0;
    /// \brief `"additive(r = 64)"` etc.
    virtual std::string name() const = 0;
    /// \brief The trainable parameters (none for dot and scaled dot).
    virtual std::vector<Parameter<T>> parameters() { return {}; }
    /// \brief \f$ \partial L / \partial Q \f$ after `backward`.
    const Tensor<T>& grad_queries() const { return dQ_; }
    /// \brief \f$ \partial L / \partial K \f$ after `backward`.
    const Tensor<T>& grad_keys() const { return dK_; }
    /// \brief The last scores E.
    const Tensor<T>& scores() const { return E_; }
    /// \brief Sets every parameter gradient to 0.
    void zero_grad();

protected:
    /// \brief Checks Q (B, Tq, dq) and K (B, Tk, dk) against the score's sizes (0 = any), caches them,
    /// sizes E; returns {B, Tq, Tk}.
    std::vector<std::size_t> begin(const Tensor<T>& Q, const Tensor<T>& K, std::size_t dq, std::size_t dk);
    /// \brief Throws unless dE has the shape of E.
    void check_grad(const Tensor<T>& dE) const;
    Tensor<T> Q_;   ///< the cached queries (B, Tq, dq)
    Tensor<T> K_;   ///< the cached keys (B, Tk, dk)
    Tensor<T> E_;   ///< the scores (B, Tq, Tk)
    Tensor<T> dQ_;  ///< \f$ \partial L / \partial Q \f$
    Tensor<T> dK_;  ///< \f$ \partial L / \partial K \f$
};

/// \brief \f$ e_{ij} = \lambda\, q_i^\top k_j \f$ with \f$ \lambda = 1 \f$ (Bahng's dot score) or
/// \f$ \lambda = 1/\sqrt{d} \f$ (the transformer's scaled dot product); needs dq = dk = d.
///
/// Per batch: \f$ E = \lambda Q K^\top \f$; backward \f$ \partial L/\partial Q = \lambda\, \Delta K \f$,
/// \f$ \partial L/\partial K = \lambda\, \Delta^\top Q \f$ with \f$ \Delta = \partial L / \partial E \f$.
template <class T>
class DotScore : public AttentionScore<T> {
public:
    /// \brief The dot score on d features, scaled by \f$ 1/\sqrt d \f$ when `scaled`.
    explicit DotScore(std::size_t d, bool scaled = false);
    /// \brief \f$ E = \lambda Q K^\top \f$.
    const Tensor<T>& forward(const Tensor<T>& Q, const Tensor<T>& K) override;
    /// \brief \f$ \lambda \Delta K \f$ and \f$ \lambda \Delta^\top Q \f$.
    void backward(const Tensor<T>& dE) override;
    /// \brief `"dot"` or `"scaled dot (1/sqrt(d))"`.
    std::string name() const override;
    /// \brief \f$ \lambda \f$.
    double scale() const { return scale_; }

private:
    std::size_t d_;
    bool scaled_;
    double scale_;
};

/// \brief The general (bilinear) score \f$ e_{ij} = q_i^\top W k_j \f$, \f$ W \f$ (dq, dk) (Bahng §7.1 item 1).
///
/// \f$ P = Q W \f$ (one GEMM over all B·Tq queries), \f$ E = P K^\top \f$ per batch; backward:
/// \f$ \partial L/\partial P = \Delta K \f$, \f$ \partial L/\partial K = \Delta^\top P \f$,
/// \f$ \partial L/\partial Q = (\partial L/\partial P) W^\top \f$,
/// \f$ \nabla_W L = Q^\top (\partial L/\partial P) \f$.
template <class T>
class GeneralScore : public AttentionScore<T> {
public:
    /// \brief dq × dk weights drawn \f$ U(-1/\sqrt{dk}, 1/\sqrt{dk}) \f$.
    GeneralScore(std::size_t dq, std::size_t dk, Rng& rng);
    /// \brief \f$ E_b = Q_b W K_b^\top \f$.
    const Tensor<T>& forward(const Tensor<T>& Q, const Tensor<T>& K) override;
    /// \brief See the class comment.
    void backward(const Tensor<T>& dE) override;
    /// \brief `"general"`.
    std::string name() const override;
    /// \brief `W`.
    std::vector<Parameter<T>> parameters() override;
    /// \brief \f$ W \f$ (dq, dk).
    Tensor<T>& W() { return W_; }

private:
    Tensor<T> W_, dW_, P_, dP_;
};

/// \brief The reduced-rank multiplicative score \f$ e_{ij} = (U q_i)^\top (V k_j) \f$, \f$ U \f$ (r, dq),
/// \f$ V \f$ (r, dk): \f$ r(dq + dk) \f$ parameters instead of \f$ dq\,dk \f$ (Bahng §7.1 item 2).
template <class T>
class ReducedRankScore : public AttentionScore<T> {
public:
    /// \brief Rank r; weights \f$ U(-1/\sqrt{d}, 1/\sqrt{d}) \f$ with d the fan-in.
    ReducedRankScore(std::size_t dq, std::size_t dk, std::size_t rank, Rng& rng);
    /// \brief \f$ E_b = (Q_b U^\top)(K_b V^\top)^\top \f$.
    const Tensor<T>& forward(const Tensor<T>& Q, const Tensor<T>& K) override;
    /// \brief Through the two projections.
    void backward(const Tensor<T>& dE) override;
    /// \brief `"reduced rank (r = ...)"`.
    std::string name() const override;
    /// \brief `U`, `V`.
    std::vector<Parameter<T>> parameters() override;

private:
    Tensor<T> U_, V_, dU_, dV_, PQ_, PK_, dPQ_, dPK_;
};

/// \brief The additive (Bahdanau) score \f$ e_{ij} = v^\top \tanh(W_q q_i + W_k k_j) \f$ with
/// \f$ W_q \f$ (r, dq), \f$ W_k \f$ (r, dk), \f$ v \f$ (r): Bahng's \f$ v_a^\top \tanh(W_a h_t + V_a s_{t'}) \f$
/// (\f$ W_k = W_a \f$, \f$ W_q = V_a \f$), the NYU slide's \f$ v_a^\top \tanh(W_a [s_{t-1}, h_k]) \f$.
///
/// **Forward**: \f$ P = Q W_q^\top \f$, \f$ R = K W_k^\top \f$ (two GEMMs), then for every (b, i, j)
/// \f$ u_{bij} = \tanh(P_{bi} + R_{bj}) \f$ (kept, r numbers) and \f$ e_{bij} = v^\top u_{bij} \f$.
/// **Backward**, with \f$ \gamma_{bij} = \partial L / \partial e_{bij} \f$:
/// \f$ \nabla_v L = \sum \gamma_{bij} u_{bij} \f$,
/// \f$ \rho_{bij} = \gamma_{bij}\, v \odot (1 - u_{bij}^2) \f$,
/// \f$ \partial L/\partial P_{bi} = \sum_j \rho_{bij} \f$, \f$ \partial L/\partial R_{bj} = \sum_i \rho_{bij} \f$,
/// then through the two projections (GEMMs).
template <class T>
class AdditiveScore : public AttentionScore<T> {
public:
    /// \brief Attention dimension r; \f$ W_q, W_k \f$ drawn \f$ U(-1/\sqrt{d}, 1/\sqrt{d}) \f$ (d the fan-in),
    /// \f$ v \sim U(-1/\sqrt r, 1/\sqrt r) \f$.
    AdditiveScore(std::size_t dq, std::size_t dk, std::size_t r, Rng& rng);
    /// \brief \f$ e_{bij} = v^\top \tanh(W_q q_{bi} + W_k k_{bj}) \f$.
    const Tensor<T>& forward(const Tensor<T>& Q, const Tensor<T>& K) override;
    /// \brief See the class comment.
    void backward(const Tensor<T>& dE) override;
    /// \brief `"additive (r = ...)"`.
    std::string name() const override;
    /// \brief `Wq`, `Wk`, `v`.
    std::vector<Parameter<T>> parameters() override;
    /// \brief \f$ W_q \f$ (r, dq).
    Tensor<T>& Wq() { return Wq_; }
    /// \brief \f$ W_k \f$ (r, dk).
    Tensor<T>& Wk() { return Wk_; }
    /// \brief \f$ v \f$ (r).
    Tensor<T>& v() { return v_; }

private:
    Tensor<T> Wq_, Wk_, v_, dWq_, dWk_, dv_, P_, R_, U_, dP_, dR_;
};

/// \brief The score functions by name, for programs and tests.
enum class ScoreKind {
    dot,           ///< `DotScore`
    scaled_dot,    ///< `DotScore` with \f$ 1/\sqrt d \f$
    general,       ///< `GeneralScore`
    reduced_rank,  ///< `ReducedRankScore`
    additive,      ///< `AdditiveScore` (Bahdanau)
};

/// \brief A new score of the given kind for queries of dq and keys of dk features; `r` is the
/// additive score's attention dimension and the reduced rank.
/// \throws ValueError if dot scores get dq ≠ dk, or a size is 0.
template <class T>
std::unique_ptr<AttentionScore<T>> make_score(ScoreKind kind, std::size_t dq, std::size_t dk, std::size_t r, Rng& rng);

/// \brief `"dot"`, `"scaled_dot"`, `"general"`, `"reduced_rank"`, `"additive"`.
std::string score_kind_name(ScoreKind kind);

}  // namespace dlc
