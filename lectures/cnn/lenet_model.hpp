// LeNet-5 as in the PyTorch listing of Bahng §3.3 (conv 6@5x5, pool, conv 16@5x5, pool, FC 400-120-84-10,
// ReLU after every layer but the last), adapted to 1x28x28 digits by padding the first convolution by 2
// (28 + 4 - 5 + 1 = 28, the 32x32 of the original): 28 -> conv 28 -> pool 14 -> conv 10 -> pool 5.
#pragma once

#include "core/rng.hpp"
#include "nn/init.hpp"
#include "nn/sequential.hpp"

#include <cstddef>

namespace cnn_lecture {

/// Positions of the layers in the Sequential built by add_lenet5 (for feature maps and filters).
struct LeNetLayers {
    static constexpr std::size_t conv1 = 0, relu1 = 1, pool1 = 2, conv2 = 3, relu2 = 4, pool2 = 5, flatten = 6;
};

/// Appends LeNet-5's 12 modules to `net`, weights drawn from `rng` with `init` (biases zero).
void add_lenet5(dlc::Sequential<float>& net, dlc::Rng& rng, const dlc::WeightInit& init);

}  // namespace cnn_lecture
