// The convolutional layer as code: the checks of the functions of exercise.hpp, the library's reference for them, and
// the self-test.
#pragma once

#include "cnn/exercise.hpp"
#include "common/check.hpp"

#include <cstddef>
#include <functional>

namespace cnn_exercise {

/// The set's functions, as the checks call them: the student's (bind.cpp), the reference, or a wrong variant.
struct Functions {
    std::function<std::size_t(std::size_t, std::size_t, std::size_t, std::size_t)> conv_output_size;
    std::function<Tensor(const Tensor&, const Tensor&, const Tensor&, std::size_t, std::size_t)> conv2d_forward;
    std::function<ConvGradients(const Tensor&, const Tensor&, const Tensor&, std::size_t, std::size_t)> conv2d_backward;
};

/// The checks of every function, on fixed inputs: a 1x2x4x4 image with 3 kernels 2x3x3 (stride 1 and 2, padding 0
/// and 1) and a batch of two 1x5x5 images with 2 kernels 1x3x3 (stride 2, padding 1). The backward pass is also
/// compared with central differences of the same Functions' forward pass, when that forward is right on the input.
dlc::exercise::Set checks(const Functions& f);

/// The reference: the library's conv_output_size, conv2d_direct and Conv2d (direct algorithm) backward (lib/nn).
Functions reference();

/// The checks on the reference and on one wrong variant per typical mistake (tests/exercises/exercise_cnn.cpp).
dlc::exercise::SelfTest self_test();

}  // namespace cnn_exercise
