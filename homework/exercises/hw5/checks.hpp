// HW5 as code: the checks of the functions of exercise.hpp, the library's reference for them, and the self-test.
#pragma once

#include "common/check.hpp"
#include "hw5/exercise.hpp"

#include <functional>

namespace hw5_exercise {

/// The set's functions, as the checks call them: the student's (bind.cpp), the reference, or a wrong variant.
struct Functions {
    std::function<Tensor(const Tensor&)> gradient_R;
    std::function<Tensor(const Tensor&, double)> phi;
    std::function<Tensor(const Tensor&, double)> phi_prime;
    std::function<Forward(const Params&, const Tensor&)> forward;
    std::function<Gradients(const Params&, const Tensor&, double, const Forward&)> backward;
    std::function<void(Params&, const Gradients&, double)> sgd_step;
};

/// The checks of every function, on fixed weights and points (h = 3, a = 5 as in the homework, and h = 2, a = 1.5).
dlc::exercise::Set checks(const Functions& f);

/// The reference: the library's Linear and Sigmoid modules and squared loss (lib/nn), R's gradient as A w + b.
Functions reference();

/// The checks on the reference and on one wrong variant per typical mistake (tests/unit/exercises.cpp).
dlc::exercise::SelfTest self_test();

}  // namespace hw5_exercise
