/// \file
/// \brief A fully connected layer applied to every token of a sequence: \f$ v_t = W x_t + b \f$ for each
/// position t (and batch row), the same weights at every position ("the weights don't change by position",
/// ECE/CS 559 L25).
#pragma once

#include "core/rng.hpp"
#include "nn/init.hpp"
#include "nn/module.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace dlc {

/// \brief \f$ v_t = W x_t + b \f$ on the last axis of an input of any rank ≥ 2, e.g. (B, T, in) → (B, T, out);
/// `nn/linear.hpp`'s `Linear` is the same layer on (batch, in) matrices.
///
/// Batched over the N rows of all leading axes: \f$ V = X W^\top + \mathbf{1} b^\top \f$; backward
/// \f$ \nabla_W \mathrel{+}= \Delta^\top X \f$, \f$ \nabla_b \mathrel{+}= \Delta^\top \mathbf{1} \f$,
/// \f$ \nabla_X = \Delta W \f$ (one GEMM each).
template <class T>
class TokenLinear : public Module<T> {
public:
    /// \brief W (out, in) drawn from `init` (default Xavier normal), b = 0 (none if `bias` is false).
    /// \throws ValueError if in or out is 0.
    TokenLinear(std::size_t in, std::size_t out, Rng& rng, bool bias = true, const WeightInit& init = WeightInit::xavier());
    /// \brief \f$ v_t = W x_t + b \f$ for every token.
    /// \throws ShapeError unless the input has rank ≥ 2 and its last axis is `in`.
    const Tensor<T>& forward(const Tensor<T>& x) override;
    /// \brief Accumulates \f$ \nabla_W, \nabla_b \f$ and returns \f$ \nabla_X \f$.
    const Tensor<T>& backward(const Tensor<T>& delta) override;
    /// \brief `"TokenLinear(in -> out)"`.
    std::string name() const override;
    /// \brief `W` and `b`.
    std::vector<Parameter<T>> parameters() override;
    /// \brief \f$ W \f$ (out, in).
    Tensor<T>& W() { return W_; }
    /// \brief \f$ b \f$ (out), empty without bias.
    Tensor<T>& b() { return b_; }

private:
    bool has_bias_;
    Tensor<T> W_, b_, grad_W_, grad_b_, x_;
};

/// \brief \f$ Y = X W^\top + \mathbf{1} b^\top \f$ on raw row-major buffers: X (n, in), W (out, in), b (out) or
/// null, Y (n, out). Shared by the attention modules' projections.
template <class T>
void project_rows(const T* X, std::size_t n, std::size_t in, const T* W, const T* b, std::size_t out, T* Y);

/// \brief The backward of `project_rows` given \f$ \Delta \f$ (n, out): \f$ \nabla_W \mathrel{+}= \Delta^\top X \f$,
/// \f$ \nabla_b \mathrel{+}= \Delta^\top \mathbf{1} \f$ (if `grad_b`), and, if `grad_X`, \f$ \nabla_X = \Delta W \f$
/// (added to its contents when `accumulate`).
template <class T>
void project_rows_backward(const T* delta, std::size_t n, std::size_t out, const T* X, std::size_t in, const T* W,
                           T* grad_W, T* grad_b, T* grad_X, bool accumulate = false);

}  // namespace dlc
