// Attention as code: the checks of the functions of exercise.hpp, the library's reference for them, and the
// self-test.
#pragma once

#include "attention/exercise.hpp"
#include "common/check.hpp"

#include <functional>

namespace attention_exercise {

/// The set's functions, as the checks call them: the student's (bind.cpp), the reference, or a wrong variant.
struct Functions {
    std::function<Forward(const Tensor&, const Tensor&, const Tensor&, bool)> sdpa_forward;
    std::function<Gradients(const Tensor&, const Tensor&, const Tensor&, const Tensor&, const Tensor&)> sdpa_backward;
};

/// The checks of both functions, on three fixed inputs: 3 queries and 3 keys (d = 2), 2 queries and 4 keys (d = 3),
/// and 3 causal queries and keys (d = 4).
dlc::exercise::Set checks(const Functions& f);

/// The reference: the library's ScaledDotProductAttention (lib/attention/sdpa.hpp) with one head, its scaled
/// DotScore (score.hpp) for S, and its softmax_backward_row for dS.
Functions reference();

/// The checks on the reference and on one wrong variant per typical mistake (tests/exercises/exercise_attention.cpp).
dlc::exercise::SelfTest self_test();

}  // namespace attention_exercise
