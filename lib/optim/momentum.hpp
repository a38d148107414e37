/// \file
/// \brief Gradient descent with (heavy-ball) momentum: \f$ v \leftarrow \mu v - \eta g \f$,
/// \f$ \theta \leftarrow \theta + v \f$.
///
/// Lectures: NYU slides "RMSprop and Adam" ("Adam = RMSprop + momentum": an exponential moving
/// average of the gradient smooths the steps), "SGD Learning Rate" (fluctuations of stochastic
/// gradients); the optimizer comparison of the backprop lecture.
#pragma once

#include "optim/optimizer.hpp"

#include <string>
#include <vector>

namespace dlc {

/// \brief Momentum: per coordinate, \f$ v \leftarrow \mu v - \eta g \f$ and
/// \f$ \theta \leftarrow \theta + v \f$, with the velocity \f$ v \f$ starting at 0.
///
/// The velocity accumulates past gradients with decay \f$ \mu \f$, so consistent directions speed
/// up (by up to \f$ 1/(1-\mu) \f$) and oscillating ones cancel. PyTorch writes the same update as
/// \f$ b \leftarrow \mu b + g \f$, \f$ \theta \leftarrow \theta - \eta b \f$ (\f$ b = -v/\eta \f$); the two
/// agree while \f$ \eta \f$ is constant.
template <class T>
class Momentum : public Optimizer<T> {
public:
    /// \brief Momentum with step size \f$ \eta \f$ = `learning_rate` and decay \f$ \mu \f$ = `mu`.
    /// \throws ValueError if \f$ \mu \notin [0, 1) \f$.
    Momentum(std::vector<Parameter<T>> params, double learning_rate, double mu = 0.9);
    /// \brief \f$ v \leftarrow \mu v - \eta g \f$, \f$ \theta \leftarrow \theta + v \f$.
    void step() override;
    /// \brief `"Momentum(lr=..., mu=...)"`.
    std::string name() const override;
    /// \brief The velocities \f$ v \f$, one per parameter.
    const std::vector<Tensor<T>>& velocities() const { return v_; }

private:
    double mu_;
    std::vector<Tensor<T>> v_;
};

}  // namespace dlc
