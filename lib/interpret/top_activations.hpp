/// \file
/// \brief The data-set examples that activate a unit most (Zeiler & Fergus), and the receptive field of a
/// convolutional unit, to crop the part of the image it sees.
///
/// Lectures: NYU slides "Feature Visualization" ("pick the images in the training set which activate a
/// unit most strongly"; "can't tell what the unit is actually responding to in the image").
#pragma once

#include "core/tensor.hpp"
#include "nn/sequential.hpp"

#include <cstddef>
#include <vector>

namespace dlc {

/// \brief The input pixels a unit of a convolutional layer sees: output position \f$ (i, j) \f$ sees rows
/// \f$ [\text{first} + i \cdot \text{jump},\ \text{first} + i \cdot \text{jump} + \text{size}) \f$ (likewise
/// columns), some of which may lie in the zero padding outside the image.
struct ReceptiveField {
    std::size_t size = 1;  ///< side \f$ r \f$ of the square field
    std::size_t jump = 1;  ///< input pixels between neighbouring output positions (product of the strides)
    long first = 0;        ///< first input row/column of position 0 (negative: in the padding)
};

/// \brief The receptive field of module `layer`'s output, composed through the modules before it:
/// a convolution or pooling with kernel \f$ k \f$, stride \f$ s \f$, padding \f$ p \f$ maps
/// \f$ (r, j, f) \f$ to \f$ (r + (k - 1) j,\ j s,\ f - p j) \f$; element-wise modules keep it.
/// \throws ValueError if a module on the way mixes all positions (Flatten, Linear, global pooling) or is
///         of an unknown kind.
template <class T>
ReceptiveField receptive_field(Sequential<T>& net, std::size_t layer);

/// \brief One example's activation of a unit.
struct UnitActivation {
    std::size_t example = 0;  ///< row of the data set
    double value = 0.0;       ///< the activation (the largest over positions for a feature map)
    std::size_t row = 0;      ///< where that maximum is (feature maps; 0 otherwise)
    std::size_t col = 0;      ///< where that maximum is (feature maps; 0 otherwise)
};

/// \brief For every unit of module `layer` (a column of an (N, K) output or a channel of an
/// (N, K, h, w) one), the `k` examples of `X` with the largest activation (for a channel: its largest value
/// over the positions), largest first; ties keep the earlier example. Runs `X` in batches of `batch`.
/// Returns one list per unit.
/// \throws ValueError if `k` is 0 or `layer` is outside `net`.
template <class T>
std::vector<std::vector<UnitActivation>> top_activations(Sequential<T>& net, const Tensor<T>& X, std::size_t layer,
                                                         std::size_t k, std::size_t batch = 500);

}  // namespace dlc
