/// \file
/// \brief The conditional GAN's plumbing: labels as one-hot rows, appended to the inputs of both players.
///
/// Lecture: the handwritten GAN notes, "Conditional GANs" ("feed the class label (e.g. as a one-hot-encoded
/// vector) to the generator as well as the discriminator during training (and, of course, during
/// generation). The class label thus becomes an extra input to both D and G."); L22&23 "(3) Conditional
/// Generation". The generator sees \f$ [z, y] \f$, the discriminator \f$ [x, y] \f$; the gradient that reaches
/// the generator is the part of the discriminator's input gradient that belongs to \f$ x \f$.
#pragma once

#include "core/tensor.hpp"
#include "nn/module.hpp"

#include <cstddef>

namespace dlc {

/// \brief One-hot rows: row \f$ n \f$ of the (N, classes) result is \f$ e_{y_n} \f$.
/// \throws ValueError if `classes` is 0 or a label is \f$ \ge \f$ `classes`.
template <class T>
Tensor<T> one_hot(const Labels& labels, std::size_t classes);

/// \brief `out` = \f$ [A, B] \f$: the columns of `A` (N, a) followed by those of `B` (N, b), as (N, a + b).
/// An `A` of higher rank (e.g. images (N, C, H, W)) contributes its flattened rows.
/// \throws ShapeError unless both have the same N \f$ \ge 1 \f$ and `B` is (N, b).
template <class T>
void concat_label_columns(const Tensor<T>& A, const Tensor<T>& B, Tensor<T>& out);

/// \brief `out` (shaped like `like`) = the first \f$ |like|/N \f$ columns of `M` (N, c): the inverse of
/// `concat_label_columns` for the gradient, \f$ \nabla_A l \f$ from \f$ \nabla_{[A, B]} l \f$.
/// \throws ShapeError unless `M` is (N, c) with N rows like `like` and enough columns.
template <class T>
void take_columns(const Tensor<T>& M, const Tensor<T>& like, Tensor<T>& out);

}  // namespace dlc
