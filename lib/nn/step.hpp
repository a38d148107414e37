/// \file
/// \brief The step (threshold) activation of the perceptron: forward only.
///
/// Lectures: ECE/CS 559 perceptron lectures and HW2/HW5 (the "friend's network" of step
/// neurons that generates HW5's data; HW5 (a): "you can't use a step function to do the
/// training", hence the sigmoid with slope \f$ a \f$); L17/18 Hebbian learning (\f$ y = \mathrm{sgn}(x^\top w) \f$);
/// Bahng §1.7 (a piecewise constant activation has zero gradient almost everywhere and "would
/// kill the gradient of the entire network").
#pragma once

#include "nn/activation.hpp"

#include <string>

namespace dlc {

/// \brief The step activation \f$ g(v) = \text{high} \f$ if \f$ v \ge 0 \f$, else \f$ \text{low} \f$.
///
/// With the defaults (0, 1) it is the perceptron's unit step \f$ u(v) \f$; `Step::sign()` gives
/// \f$ \pm 1 \f$ (\f$ \mathrm{sgn} \f$ with \f$ \mathrm{sgn}(0) = +1 \f$). Use it to run step networks
/// (the perceptron, HW5's data generator), not to train them: \f$ g'(v) = 0 \f$ for every
/// \f$ v \ne 0 \f$ (and is undefined at 0), so gradient descent would never move. `backward`
/// therefore throws instead of silently returning zeros; train with `Sigmoid` and a large slope
/// \f$ a \f$ (which tends to the step as \f$ a \to \infty \f$).
template <class T>
class Step : public Activation<T> {
public:
    /// \brief \f$ g(v) = \f$ `high` for \f$ v \ge 0 \f$, `low` otherwise.
    explicit Step(T low = T(0), T high = T(1)) : low_(low), high_(high) {}
    /// \brief The sign activation: \f$ -1 \f$ for \f$ v < 0 \f$, \f$ +1 \f$ for \f$ v \ge 0 \f$.
    static Step sign() { return Step(T(-1), T(1)); }
    /// \brief The value for \f$ v < 0 \f$.
    T low() const { return low_; }
    /// \brief The value for \f$ v \ge 0 \f$.
    T high() const { return high_; }
    /// \brief `high` for \f$ v \ge 0 \f$, else `low`.
    T value(T v) const override { return v >= T(0) ? high_ : low_; }
    /// \brief 0 (the derivative away from the jump; `backward` refuses to use it).
    T derivative(T) const override { return T(0); }
    /// \brief Not available: throws `dlc::Error` explaining why (see the class comment).
    const Tensor<T>& backward(const Tensor<T>& grad_z) override;
    /// \brief `"Step(0, 1)"`.
    std::string name() const override;

protected:
    /// \brief \f$ z_i = \f$ `high` if \f$ v_i \ge 0 \f$ else `low`.
    void apply(const T* v, T* z, std::size_t n) const override;
    /// \brief Not used (`backward` throws).
    void delta(const T* v, const T* z, const T* grad_z, T* delta, std::size_t n) const override;

private:
    T low_, high_;
};

}  // namespace dlc
