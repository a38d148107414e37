// HW5 as code: the checks bound to the functions of the student's my-work/hw5/hw5.cpp (for the driver).
#include "common/bind.hpp"
#include "hw5/checks.hpp"

namespace dlc::exercise {

Set exercise_set() {
    using namespace hw5_exercise;
    Functions f;
    f.gradient_R = gradient_R;
    f.phi = phi;
    f.phi_prime = phi_prime;
    f.forward = forward;
    f.backward = backward;
    f.sgd_step = sgd_step;
    return checks(f);
}

}  // namespace dlc::exercise
