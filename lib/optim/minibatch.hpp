/// \file
/// \brief Minibatch SGD with averaged gradients, written as the notes write it: accumulate the
/// gradients of \f$ B \f$ examples, step with their average, zero, continue.
///
/// Lectures: ECE/CS 559 L13 "General form of SGD" (accumulate \f$ \Delta \f$ over the examples,
/// every \f$ B \f$ examples \f$ w \leftarrow w - \eta \Delta \f$ and \f$ \Delta = 0 \f$), HW5 Q2 (f) and
/// its solution ("we shouldn't simply accumulate the gradients, since their variance increases.
/// Instead, we need to average across the minibatch": `W = W - eta * grad_W/batch_size`).
#pragma once

#include "optim/optimizer.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace dlc {

/// \brief Minibatch SGD over per-example backward passes:
/// \f$ \theta \leftarrow \theta - \eta\, \frac1B \sum_{i=1}^{B} \nabla_\theta l_i \f$.
///
/// Use it when examples are run one at a time (as in HW5's loop): after each example's
/// `backward` (which adds \f$ \nabla l_i \f$ to the gradients) call `example_done()`; on every
/// \f$ B \f$-th call it steps with the average and zeroes the gradients. At the end of an epoch,
/// `flush()` steps with the average of the \f$ k < B \f$ examples left, if any.
/// This is the same update as `GradientDescent` on a batch of \f$ B \f$ rows with a mean-reduced
/// loss (the vectorized form `train` uses); the tests check that they agree.
template <class T>
class MinibatchSGD : public Optimizer<T> {
public:
    /// \brief Minibatch SGD with step size `learning_rate` and minibatch size `batch_size` \f$ B \ge 1 \f$.
    /// \throws ValueError if `batch_size` is 0.
    MinibatchSGD(std::vector<Parameter<T>> params, double learning_rate, std::size_t batch_size);
    /// \brief Counts one more accumulated example; after \f$ B \f$ of them applies `step()`.
    /// \return whether it stepped.
    bool example_done();
    /// \brief Steps with the \f$ k \f$ examples accumulated since the last step, if \f$ k > 0 \f$.
    /// \return whether it stepped.
    bool flush();
    /// \brief \f$ \theta \leftarrow \theta - \eta \frac1k \sum g \f$ with \f$ k \f$ = the examples accumulated
    /// (1 if none were counted), then zeroes the gradients.
    void step() override;
    /// \brief `"MinibatchSGD(lr=..., B=...)"`.
    std::string name() const override;
    /// \brief \f$ B \f$.
    std::size_t batch_size() const { return batch_size_; }
    /// \brief Examples accumulated since the last step.
    std::size_t pending() const { return pending_; }

private:
    std::size_t batch_size_;
    std::size_t pending_ = 0;
};

}  // namespace dlc
