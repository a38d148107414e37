// Backpropagation as code: the checks of the functions of exercise.hpp, the library's reference for them, and the
// self-test.
#pragma once

#include "backprop/exercise.hpp"
#include "common/check.hpp"

#include <functional>

namespace backprop_exercise {

/// The set's functions, as the checks call them: the student's (bind.cpp), the reference, or a wrong variant.
struct Functions {
    std::function<Tensor(const Tensor&, const Tensor&, const Tensor&)> linear_forward;
    std::function<LinearGradients(const Tensor&, const Tensor&, const Tensor&)> linear_backward;
    std::function<Tensor(const Tensor&)> sigmoid_forward;
    std::function<Tensor(const Tensor&, const Tensor&)> sigmoid_backward;
    std::function<double(const Tensor&, const Labels&)> softmax_cross_entropy_forward;
    std::function<Tensor(const Tensor&, const Labels&)> softmax_cross_entropy_backward;
};

/// The checks of every function, on fixed batches (a square W, where a transposed W shows, and a 4 x 2 one; logits
/// of two sizes and large logits, where exp overflows). Each backward pass is also compared with central
/// differences of the same Functions' forward pass, when that forward is right on the input.
dlc::exercise::Set checks(const Functions& f);

/// The reference: the library's Linear, Sigmoid and SoftmaxCrossEntropy (mean) modules (lib/nn).
Functions reference();

/// The checks on the reference and on one wrong variant per typical mistake (tests/exercises/exercise_backprop.cpp).
dlc::exercise::SelfTest self_test();

}  // namespace backprop_exercise
