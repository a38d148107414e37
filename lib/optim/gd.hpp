/// \file
/// \brief Gradient descent \f$ \theta \leftarrow \theta - \eta\, g \f$: full-batch gradient
/// descent, per-sample SGD or minibatch SGD, depending on which gradient \f$ g \f$ it is given.
///
/// Lectures: ECE/CS 559 L8 ("Each step: change \f$ w \f$ by \f$ \Delta w \propto -\nabla R \f$:
/// \f$ w' \leftarrow w - \eta \nabla R(w) \f$"; the 1-D example \f$ R(w) = w^4 \f$), L9&10 (LMS,
/// "1 data point at a time"), L13 ("Stochastic Gradient Descent": the gradient of one example or
/// of a minibatch is an unbiased estimate of \f$ \nabla R \f$); HW5 Q1 (gradient descent on a
/// quadratic) and Q2 (d) (`W = W - eta * grad_W` after every example).
#pragma once

#include "optim/optimizer.hpp"

#include <string>
#include <vector>

namespace dlc {

/// \brief The plain update \f$ \theta \leftarrow \theta - \eta\, g \f$ with \f$ g \f$ = the
/// parameter's accumulated gradient.
///
/// Which algorithm this is depends only on the gradient that was accumulated before `step()`:
/// - **gradient descent**: \f$ g = \nabla R \f$ over the whole data set (one step per epoch;
///   `TrainOptions::batch_size` = 0);
/// - **per-sample SGD** (HW5 (d)): \f$ g = \nabla l(y_i, f(x_i)) \f$ of one example (batch size 1);
/// - **minibatch SGD with averaged gradients** (HW5 (f), L13):
///   \f$ g = \frac1B \sum_{i \in \mathcal{B}} \nabla l_i \f$ — a batch of \f$ B \f$ rows with a
///   loss whose `Reduction` is the mean, or per-example backward passes with `MinibatchSGD`.
template <class T>
class GradientDescent : public Optimizer<T> {
public:
    /// \brief Gradient descent on `params` with step size `learning_rate` \f$ \eta \f$.
    GradientDescent(std::vector<Parameter<T>> params, double learning_rate)
        : Optimizer<T>(std::move(params), learning_rate) {}
    /// \brief \f$ \theta \leftarrow \theta - \eta\, g \f$ for every parameter.
    void step() override;
    /// \brief `"GradientDescent(lr=...)"`.
    std::string name() const override;
};

}  // namespace dlc
