/// \file
/// \brief A small convolutional network that ends in global average pooling and one linear layer:
/// the architecture class activation maps (CAM) are defined for.
///
/// Lectures: NYU slides "Class activation map (CAM)" ("classification networks typically use global
/// avg pooling before the final layer"); Zhou et al., *Learning deep features for discriminative
/// localization*, CVPR 2016. For 1×28×28 images:
/// conv 8@5×5 (padding 2) → ReLU → max-pool 2 → conv 16@3×3 (padding 1) → ReLU → max-pool 2 →
/// conv 32@3×3 (padding 1) → ReLU → global average pooling → Linear(32 → 10).
#pragma once

#include "core/rng.hpp"
#include "nn/init.hpp"
#include "nn/sequential.hpp"

#include <cstddef>

namespace dlc {

/// \brief Positions of the modules in the `Sequential` built by `add_gap_cnn`.
struct GapCnnLayers {
    static constexpr std::size_t conv1 = 0;  ///< Conv2d(1 → 8, 5×5, padding 2): (N, 8, 28, 28)
    static constexpr std::size_t relu1 = 1;  ///< ReLU
    static constexpr std::size_t pool1 = 2;  ///< MaxPool2d(2): (N, 8, 14, 14)
    static constexpr std::size_t conv2 = 3;  ///< Conv2d(8 → 16, 3×3, padding 1): (N, 16, 14, 14)
    static constexpr std::size_t relu2 = 4;  ///< ReLU
    static constexpr std::size_t pool2 = 5;  ///< MaxPool2d(2): (N, 16, 7, 7)
    static constexpr std::size_t conv3 = 6;  ///< Conv2d(16 → 32, 3×3, padding 1): (N, 32, 7, 7)
    static constexpr std::size_t relu3 = 7;  ///< ReLU: the feature maps \f$ A^k \f$ CAM weighs
    static constexpr std::size_t gap = 8;    ///< GlobalAvgPool2d: (N, 32)
    static constexpr std::size_t fc = 9;     ///< Linear(32 → 10): the class scores, weights \f$ w^c_k \f$
};

/// \brief Appends the network's 10 modules to `net`, weights drawn from `rng` with `init`, biases zero.
void add_gap_cnn(Sequential<float>& net, Rng& rng, const WeightInit& init);

}  // namespace dlc
