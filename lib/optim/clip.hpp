/// \file
/// \brief Gradient clipping by norm: if \f$ \|g\| > c \f$, rescale \f$ g \leftarrow g\, c / \|g\| \f$.
///
/// Lectures: ECE/CS 559 L13 ④ "Controlling instability" ("gradients are repeatedly multiplied
/// during backpropagation ... they could vanish or explode. Solution: normalize gradients,
/// clip gradients"); NYU slides "Optimization challenges" (exploding gradients).
#pragma once

#include "nn/module.hpp"

#include <vector>

namespace dlc {

/// \brief The global gradient norm \f$ \|g\| = \sqrt{\sum_\theta \sum_j g_{\theta j}^2} \f$ over all
/// the parameters (accumulated in double).
template <class T>
double gradient_norm(const std::vector<Parameter<T>>& params);

/// \brief Clips the gradients by their global norm: if \f$ \|g\| > c \f$ (= `max_norm`) every
/// gradient is multiplied by \f$ c / \|g\| \f$, so the step keeps its direction but its length is at
/// most \f$ c \f$ times the learning rate. Non-finite norms are left alone (divergence detection
/// reports them).
/// \return the norm before clipping.
/// \throws ValueError if `max_norm` is not positive.
template <class T>
double clip_grad_norm(const std::vector<Parameter<T>>& params, double max_norm);

}  // namespace dlc
