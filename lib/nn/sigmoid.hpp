/// \file
/// \brief The saturating activations: the sigmoid with slope \f$ a \f$,
/// \f$ g(v) = 1/(1 + e^{-a v}) \f$, and the hyperbolic tangent.
///
/// Lectures: ECE/CS 559 L8 ("Example g(·)": \f$ g(v) = \frac{1}{1+e^{-av}} \f$,
/// \f$ g'(v) = a\, g(v)(1 - g(v)) \f$), HW5 Q2 (a) (\f$ \varphi \f$ with \f$ a = 5 \f$; \f$ a = 10 \f$ in
/// the (f) hacks); Bahng §1.4 Example 1.6 (\f$ \sigma' = \sigma(1-\sigma) \f$,
/// \f$ \tanh' = 1 - \tanh^2 \f$) and §1.7 Examples 1.8–1.9 (both saturate and "kill" gradients).
#pragma once

#include "nn/activation.hpp"

#include <string>

namespace dlc {

/// \brief The logistic sigmoid with slope \f$ a \f$: \f$ g(v) = \frac{1}{1 + e^{-a v}} \f$,
/// \f$ g'(v) = a\, g(v)\,(1 - g(v)) \f$ (L8 notes).
///
/// \f$ a = 1 \f$ is the usual \f$ \sigma \f$; as \f$ a \to \infty \f$ it tends to the step function
/// (the perceptron's), which is why HW5 trains a sigmoid network to imitate a step network.
/// Backward: \f$ \delta = \nabla_z l \odot a\, z (1 - z) \f$ with the cached output \f$ z = g(v) \f$.
template <class T>
class Sigmoid : public Activation<T> {
public:
    /// \brief \f$ g(v) = 1/(1+e^{-a v}) \f$ with slope `a` (\f$ a > 0 \f$).
    /// \throws ValueError if `a` is not positive and finite.
    explicit Sigmoid(T a = T(1));
    /// \brief The slope \f$ a \f$.
    T slope() const { return a_; }
    /// \brief \f$ g(v) = 1/(1 + e^{-a v}) \f$.
    T value(T v) const override;
    /// \brief \f$ g'(v) = a\, g(v)(1 - g(v)) \f$.
    T derivative(T v) const override;
    /// \brief `"Sigmoid(a=5)"`, or `"Sigmoid"` for \f$ a = 1 \f$.
    std::string name() const override;

protected:
    /// \brief \f$ z_i = 1/(1 + e^{-a v_i}) \f$.
    void apply(const T* v, T* z, std::size_t n) const override;
    /// \brief \f$ \delta_i = (\nabla_z l)_i \; a\, z_i (1 - z_i) \f$.
    void delta(const T* v, const T* z, const T* grad_z, T* delta, std::size_t n) const override;

private:
    T a_;
};

/// \brief The hyperbolic tangent \f$ g(v) = \tanh v = \frac{e^v - e^{-v}}{e^v + e^{-v}} \f$,
/// \f$ g'(v) = 1 - \tanh^2 v \f$ (Bahng Example 1.6's second hidden unit).
template <class T>
class Tanh : public Activation<T> {
public:
    /// \brief \f$ g(v) = \tanh v \f$.
    T value(T v) const override;
    /// \brief \f$ g'(v) = 1 - \tanh^2 v \f$.
    T derivative(T v) const override;
    /// \brief `"Tanh"`.
    std::string name() const override { return "Tanh"; }

protected:
    /// \brief \f$ z_i = \tanh v_i \f$.
    void apply(const T* v, T* z, std::size_t n) const override;
    /// \brief \f$ \delta_i = (\nabla_z l)_i\, (1 - z_i^2) \f$.
    void delta(const T* v, const T* z, const T* grad_z, T* delta, std::size_t n) const override;
};

}  // namespace dlc
