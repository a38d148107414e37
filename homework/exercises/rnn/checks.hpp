// RNN as code: the checks of the functions of exercise.hpp, the library's reference for them, and the self-test.
#pragma once

#include "common/check.hpp"
#include "rnn/exercise.hpp"

#include <functional>

namespace rnn_exercise {

/// The set's functions, as the checks call them: the student's (bind.cpp), the reference, or a wrong variant.
struct Functions {
    std::function<Tensor(const Params&, const Tensor&, const Tensor&)> rnn_step_forward;
    std::function<StepGradients(const Params&, const Tensor&, const Tensor&, const Tensor&, const Tensor&)>
        rnn_step_backward;
    std::function<Tensor(const Params&, const Tensor&, const Tensor&)> rnn_forward;
    std::function<Gradients(const Params&, const Tensor&, const Tensor&, const Tensor&, const Tensor&)> bptt;
};

/// The checks of every function, on two fixed layers (D = 3, H = 2 with a batch of 2; D = 2, H = 3 with one
/// sequence), one step and a sequence of 3 (resp. 2) steps each.
dlc::exercise::Set checks(const Functions& f);

/// The reference: the library's RNN (lib/rnn/rnn.hpp), its forward and BPTT, on a length-1 sequence for one step.
Functions reference();

/// The checks on the reference and on one wrong variant per typical mistake (tests/exercises/exercise_rnn.cpp).
dlc::exercise::SelfTest self_test();

}  // namespace rnn_exercise
