/// \file
/// \brief LeNet-5 as the CNN lecture builds and trains it: one definition shared by the CNN lecture,
/// the trained-model store (`trained("lenet5_mnist")`) and the later lectures that use the network.
///
/// Lectures: Bahng §3.3 (the PyTorch listing: conv 6@5×5, pool, conv 16@5×5, pool, FC 400-120-84-10,
/// ReLU after every layer but the last), ECE/CS 559 L14 (LeNet-5), NYU slides "LeNet". Adapted to
/// 1×28×28 digits by padding the first convolution by 2 (28 + 4 − 5 + 1 = 28, the 32×32 of the
/// original): 28 → conv 28 → pool 14 → conv 10 → pool 5.
#pragma once

#include "core/rng.hpp"
#include "core/tensor.hpp"
#include "nn/init.hpp"
#include "nn/sequential.hpp"
#include "models/cosine_adam.hpp"

#include <cstddef>

namespace dlc {

/// \brief Positions of LeNet-5's modules in the `Sequential` built by `add_lenet5` (for feature
/// maps, filters and Grad-CAM's "last convolutional layer").
struct LeNet5Layers {
    static constexpr std::size_t conv1 = 0;    ///< Conv2d(1 → 6, 5×5, padding 2): (N, 6, 28, 28)
    static constexpr std::size_t relu1 = 1;    ///< ReLU
    static constexpr std::size_t pool1 = 2;    ///< MaxPool2d(2): (N, 6, 14, 14)
    static constexpr std::size_t conv2 = 3;    ///< Conv2d(6 → 16, 5×5): (N, 16, 10, 10)
    static constexpr std::size_t relu2 = 4;    ///< ReLU
    static constexpr std::size_t pool2 = 5;    ///< MaxPool2d(2): (N, 16, 5, 5)
    static constexpr std::size_t flatten = 6;  ///< Flatten: (N, 400)
    static constexpr std::size_t fc1 = 7;      ///< Linear(400 → 120)
    static constexpr std::size_t relu3 = 8;    ///< ReLU
    static constexpr std::size_t fc2 = 9;      ///< Linear(120 → 84)
    static constexpr std::size_t relu4 = 10;   ///< ReLU
    static constexpr std::size_t fc3 = 11;     ///< Linear(84 → 10): the logits (softmax is in the loss)
};

/// \brief Appends LeNet-5's 12 modules to `net`, weights drawn from `rng` with `init`, biases zero.
void add_lenet5(Sequential<float>& net, Rng& rng, const WeightInit& init);

/// \brief The CNN lecture's training recipe for LeNet-5 at its default settings (3 epochs in 10 slices,
/// Adam, batch 64, \f$ \alpha \f$ from \f$ 2 \cdot 10^{-3} \f$ to 0 along a cosine), or with `quick` its
/// `--quick` settings (one epoch in 4 slices, on a subsample the caller chooses).
CosineAdamRecipe lenet5_recipe(bool quick = false);

/// \brief Images (n, h, w) as a standardized batch (n, 1, h, w): \f$ (x - \mu) / \sigma \f$ with the
/// training set's pixel mean \f$ \mu \f$ and standard deviation \f$ \sigma \f$ (the input of LeNet-5 and of
/// the attention lecture's vision transformer).
Tensor<float> standardized_batch(const Tensor3<float>& images, double mean, double sd);

}  // namespace dlc
