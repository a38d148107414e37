/// \file
/// \brief The optimizer interface: an update rule \f$ \theta \leftarrow \theta - \eta\,(\dots) \f$
/// applied to every parameter from its accumulated gradient.
///
/// Lectures: ECE/CS 559 L8 (gradient descent, \f$ w' \leftarrow w - \eta \nabla R(w) \f$), L13
/// (SGD, minibatches, the choice of \f$ \eta \f$); NYU slides "SGD Learning Rate", "RMSprop and
/// Adam". The rules: `GradientDescent` (gd.hpp), `MinibatchSGD` (minibatch.hpp), `Momentum`
/// (momentum.hpp), `RMSprop` (rmsprop.hpp), `Adam` (adam.hpp).
#pragma once

#include "nn/module.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace dlc {

/// \brief Base of the update rules. It holds the parameters (from `Module::parameters()`), the
/// learning rate \f$ \eta \f$ and the step count \f$ t \f$; any per-parameter state (velocities,
/// moment estimates) is allocated once, at construction.
///
/// A training step is: `zero_grad()`, forward, loss, backward (gradients accumulate into the
/// parameters' `grad`), optionally a penalty's `add_gradient` and `clip_grad_norm`, then `step()`.
/// The optimizer keeps pointers into the model: build it after the model, and keep the model
/// alive (and in place) while it is used.
template <class T>
class Optimizer {
public:
    /// \brief An optimizer of `params` with learning rate `learning_rate` \f$ \eta > 0 \f$.
    /// \throws ValueError if \f$ \eta \f$ is not positive and finite, or a parameter's gradient
    ///         does not have its shape.
    Optimizer(std::vector<Parameter<T>> params, double learning_rate);
    virtual ~Optimizer() = default;
    Optimizer(const Optimizer&) = delete;
    Optimizer& operator=(const Optimizer&) = delete;

    /// \brief Applies one update to every parameter, using its current gradient; \f$ t \leftarrow t + 1 \f$.
    virtual void step() = 0;
    /// \brief `"Adam(lr=0.001)"` etc.
    virtual std::string name() const = 0;

    /// \brief Sets every parameter gradient to 0.
    void zero_grad();
    /// \brief The learning rate \f$ \eta \f$.
    double learning_rate() const { return lr_; }
    /// \brief Changes \f$ \eta \f$ (learning-rate schedules).
    /// \throws ValueError if it is not positive and finite.
    void set_learning_rate(double learning_rate);
    /// \brief The parameters being optimized.
    const std::vector<Parameter<T>>& parameters() const { return params_; }
    /// \brief \f$ t \f$, the number of `step()` calls so far.
    std::size_t steps() const { return t_; }

protected:
    /// \brief One state tensor per parameter, zero, shaped like it (momentum's \f$ v \f$, Adam's
    /// \f$ m \f$ and \f$ v \f$).
    std::vector<Tensor<T>> zeros_like_parameters() const;

    /// \brief The parameters and their gradients.
    std::vector<Parameter<T>> params_;
    /// \brief \f$ \eta \f$.
    double lr_;
    /// \brief \f$ t \f$.
    std::size_t t_ = 0;
};

}  // namespace dlc
