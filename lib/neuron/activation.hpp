/// \file
/// \brief The activations of a single neuron in the perceptron lecture: the step \f$ u(v) \f$, the sign
/// \f$ \mathrm{sgn}(v) \f$, and the sigmoid with slope \f$ a \f$ and its derivative.
///
/// Lecture: ECE/CS 559 notes L7–L9 (perceptron with a step activation; the delta rule's
/// "Example \f$ g(\cdot) \f$: Sigmoid \f$ g(v) = 1/(1 + e^{-av}) \f$, \f$ g'(v) = a g(v)(1 - g(v)) \f$")
/// and L17/18 (Hebb's rule with the output \f$ y = \mathrm{sgn}(x^\top w) \f$).
/// Scalar functions, instantiated for float and double.
#pragma once

namespace dlc {

/// \brief The perceptron's step (Heaviside) activation \f$ u(v) = 1 \f$ if \f$ v \ge 0 \f$, else \f$ 0 \f$.
template <class T>
T heaviside(T v);

/// \brief The sign output of L17/18, \f$ \mathrm{sgn}(v) = 1 \f$ for \f$ v > 0 \f$, \f$ -1 \f$ for
/// \f$ v < 0 \f$ and \f$ 0 \f$ at \f$ v = 0 \f$ (so a Hebbian step on a zero field changes nothing).
template <class T>
T signum(T v);

/// \brief The sigmoid with slope \f$ a \f$ (L8/L9 notes): \f$ g(v) = \dfrac{1}{1 + e^{-a v}} \f$.
///
/// Computed without overflow for any finite \f$ a v \f$ (as \f$ e^{a v} / (1 + e^{a v}) \f$ when
/// \f$ a v < 0 \f$). With \f$ a = k \f$ it is the bump functions' \f$ \sigma(k x) \f$.
template <class T>
T logistic(T v, T a = T(1));

/// \brief The derivative of the sigmoid with slope \f$ a \f$: \f$ g'(v) = a\, g(v)\,(1 - g(v)) \f$
/// (L8 notes: \f$ g'(v) = \dfrac{a e^{-av}}{(1 + e^{-av})^2} = a g(v)(1 - g(v)) \f$).
template <class T>
T logistic_derivative(T v, T a = T(1));

}  // namespace dlc
