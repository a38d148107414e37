/// \file
/// \brief The notes' "extended notation": a bias is a weight on a constant input 1,
/// \f$ \tilde x = (1, x) \f$ and \f$ \tilde w = (b, w) \f$, so \f$ v = w^\top x + b = \tilde w^\top \tilde x \f$.
///
/// Lecture: ECE/CS 559 notes L7 and L17/18 ("We may also use the extended notation").
/// The single-neuron rules of `lib/neuron` take inputs as given; a neuron with a bias is trained
/// on `with_bias_input(X)` and its weight vector's entry 0 is the bias.
#pragma once

#include "core/tensor.hpp"

namespace dlc {

/// \brief The extended input \f$ \tilde x = (1, x_1, \dots, x_d) \f$ of one point, length d + 1.
/// \throws ShapeError if `x` is empty.
template <class T>
Vector<T> extend(const Vector<T>& x);

/// \brief The data with a leading column of ones: row i is \f$ \tilde x_i = (1, x_i) \f$, shape (n, d + 1).
/// \throws ShapeError if `X` has no columns.
template <class T>
Matrix<T> with_bias_input(const Matrix<T>& X);

/// \brief The induced local field \f$ v = w^\top x \f$ of one neuron.
/// \throws ShapeError unless `w` and `x` have the same length.
template <class T>
T local_field(const Vector<T>& w, const Vector<T>& x);

}  // namespace dlc
