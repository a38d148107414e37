/// \file
/// \brief The loss interface: \f$ l(f, y) \f$ of a batch of outputs \f$ f \f$ and targets \f$ y \f$,
/// with an explicit `backward` returning \f$ \nabla_f l \f$, where backpropagation starts.
///
/// Lectures: ECE/CS 559 L7 (loss and empirical risk), L9&10 ("Start at the last layer:
/// \f$ \nabla_f l \f$ depends on the choice of \f$ l \f$; e.g. if \f$ l = \|f - y\|^2 \f$ then
/// \f$ \nabla_f l = 2(f - y) \f$"), HW5 Q2 (c) (`dloss_df = -2*(y-f)`); Bahng §1.4 (squared loss,
/// binary cross-entropy and cross-entropy give the "cute" output deltas).
/// The losses: `SquaredLoss` (squared_loss.hpp), `BinaryCrossEntropy`
/// (binary_cross_entropy.hpp), `SoftmaxCrossEntropy` (softmax_cross_entropy.hpp).
#pragma once

#include "core/tensor.hpp"
#include "nn/module.hpp"

#include <string>

namespace dlc {

/// \brief How per-example losses \f$ l_n \f$ of a batch of \f$ N \f$ examples are combined.
enum class Reduction {
    /// \f$ l = \sum_{n=1}^N l_n \f$: the notes' risk \f$ R(w) = \sum_{(x, y)} l(y, f(x; w)) \f$;
    /// the gradient is the sum of the per-example gradients.
    sum,
    /// \f$ l = \frac1N \sum_{n=1}^N l_n \f$: the empirical risk of L7 and HW5's MSE; the gradient is
    /// the average of the per-example gradients ("minibatch SGD with averaged gradients").
    mean,
};

/// \brief A loss function of a batch: `forward(f, y)` returns \f$ l \f$ and caches what
/// `backward` needs; `backward()` returns \f$ \nabla_f l \f$ (shape of \f$ f \f$), the gradient
/// that the network's last module's `backward` receives.
///
/// Per-example losses of a batch are combined by a `Reduction` (mean = over the \f$ N \f$
/// examples, i.e. rows, not over every element as some libraries do). Values are accumulated
/// and returned in double.
template <class T>
class Loss {
public:
    virtual ~Loss() = default;
    /// \brief \f$ l(f, y) \f$ for outputs `f` and targets `y` of the same shape (batch, ...).
    /// \throws ShapeError naming the loss and both shapes if they differ.
    virtual double forward(const Tensor<T>& f, const Tensor<T>& y) = 0;
    /// \brief \f$ l(f, y) \f$ with the targets given as class labels, one per row of `f`.
    ///
    /// Only classification losses accept labels; the default throws `ValueError`.
    virtual double forward(const Tensor<T>& f, const Labels& labels);
    /// \brief \f$ \nabla_f l \f$ at the last `forward`, same shape as `f`.
    /// \throws Error if `forward` has not been called.
    virtual const Tensor<T>& backward() = 0;
    /// \brief A short description, e.g. `"SquaredLoss(sum)"`.
    virtual std::string name() const = 0;
    /// \brief Whether the value is an average over the batch's examples (a mean reduction) rather
    /// than a sum; training loops use it to report per-example epoch losses.
    virtual bool averages_over_batch() const = 0;

protected:
    /// \brief Throws `ShapeError` (`"<name()>::forward: ..."`) unless `f` and `y` have the same
    /// shape with at least one row.
    void require_same_shape(const Tensor<T>& f, const Tensor<T>& y) const;
    /// \brief Throws `Error` unless `forward` has run (`f_` holds a batch).
    void require_forward() const;

    /// \brief The cached outputs \f$ f \f$ of the last forward.
    Tensor<T> f_;
    /// \brief The cached targets \f$ y \f$ of the last forward.
    Tensor<T> y_;
    /// \brief The gradient buffer `backward` fills and returns.
    Tensor<T> grad_;
};

/// \brief `"sum"` or `"mean"`.
const char* to_string(Reduction r);

}  // namespace dlc
