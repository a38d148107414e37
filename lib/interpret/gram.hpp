/// \file
/// \brief Gram matrices of feature maps and the style loss \f$ E_l \f$ of the UCSD slides "Neural Texture
/// Synthesis" (Gatys et al. 2015), with the two normalisations in use named.
///
/// A layer's features (C, H, W) are reshaped to \f$ F \f$ (\f$ N \times M \f$), \f$ N = C \f$ filters,
/// \f$ M = H W \f$ positions ("reshape features from C × H × W to C × HW"). Then
/// \f[ G_{ij} = \sum_k F_{ik} F_{jk}, \quad G = F F^\top \quad (N \times N), \qquad
///     E_l = \frac{1}{4 N^2 M^2} \sum_{i,j} (G_{ij} - \hat G_{ij})^2 , \f]
/// \f$ \hat G \f$ being the Gram matrix of the target texture. The slide's text also says "average over
/// all HW pairs of vectors", i.e. \f$ G / M \f$; both are here:
/// - `GramNormalization::sum`: \f$ G = F F^\top \f$ (the slide's formula, Gatys');
/// - `GramNormalization::mean_over_positions`: \f$ G = F F^\top / M \f$ (the slide's words; Johnson's
///   and PyTorch's tutorial divide by \f$ M \f$ or \f$ N M \f$).
/// `style_layer_loss` gives the slide's \f$ E_l \f$ for either: with averaged Grams the factor becomes
/// \f$ 1/(4N^2) \f$, and the value is the same number.
#pragma once

#include "core/tensor.hpp"
#include "nn/module.hpp"

#include <cstddef>

namespace dlc {

/// \brief How a Gram matrix is normalised (see the file comment).
enum class GramNormalization {
    sum,                  ///< \f$ G = F F^\top \f$
    mean_over_positions,  ///< \f$ G = F F^\top / M \f$, the average over the \f$ M = HW \f$ positions
};

/// \brief `"G = F F^T"` or `"G = F F^T / M (average over HW)"`.
const char* gram_normalization_name(GramNormalization norm);

/// \brief The Gram matrix of `F` (N, M): \f$ F F^\top \f$, divided by \f$ M \f$ for `mean_over_positions`
/// (one SYRK-like GEMM).
/// \throws ShapeError if `F` is not a non-empty matrix.
template <class T>
Matrix<T> gram_matrix(const Matrix<T>& F, GramNormalization norm = GramNormalization::sum);

/// \brief The features of one image (C, H, W) or of image 0 of a batch (1, C, H, W) as \f$ F \f$ (C, HW).
/// \throws ShapeError for other shapes.
template <class T>
Matrix<T> feature_matrix(const Tensor<T>& maps);

/// \brief The slide's \f$ E_l = \frac{1}{4N^2M^2} \sum_{ij} (G_{ij} - \hat G_{ij})^2 \f$ for Grams with
/// normalisation `norm` (for averaged Grams \f$ \frac{1}{4N^2} \sum_{ij} (G_{ij} - \hat G_{ij})^2 \f$, the same value).
/// \throws ShapeError unless both are \f$ N \times N \f$.
template <class T>
double style_layer_loss(const Matrix<T>& G, const Matrix<T>& G_target, std::size_t M,
                        GramNormalization norm = GramNormalization::sum);

/// \brief \f$ \partial E_l / \partial F = \frac{1}{N^2 M^2} (G - \hat G) F \f$ (with \f$ G = F F^\top \f$
/// unnormalised; the averaged form gives the same derivative), shape (N, M).
template <class T>
Matrix<T> style_layer_gradient(const Matrix<T>& F, const Matrix<T>& G_target, GramNormalization norm = GramNormalization::sum);

}  // namespace dlc
