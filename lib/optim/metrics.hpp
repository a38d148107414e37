/// \file
/// \brief Classification metrics of a batch of outputs: predicted classes, correct counts,
/// accuracy.
///
/// Lectures: the MNIST classifiers of the backprop and CNN lectures (test accuracy, the
/// confusion matrix); HW5 (the step network's 0/1 outputs).
#pragma once

#include "core/tensor.hpp"
#include "nn/module.hpp"

#include <cstddef>

namespace dlc {

/// \brief The predicted class of every row of `outputs` (N, K): \f$ \arg\max_k f_{nk} \f$ (lowest
/// index on ties); for a single output (K = 1, or shape (N)) the class is \f$ [f_n \ge 1/2] \f$
/// (outputs read as probabilities).
template <class T>
Labels predicted_classes(const Tensor<T>& outputs);

/// \brief How many rows of `outputs` predict their label (see `predicted_classes`).
/// \throws ShapeError if the counts differ.
template <class T>
std::size_t count_correct(const Tensor<T>& outputs, const Labels& labels);

/// \brief How many rows of `outputs` agree with tensor targets: \f$ \arg\max \f$ of both rows
/// (one-hot targets), or for a single output \f$ |f_n - y_n| < 1/2 \f$ (0/1 targets).
/// \throws ShapeError if the shapes differ.
template <class T>
std::size_t count_correct(const Tensor<T>& outputs, const Tensor<T>& targets);

}  // namespace dlc
