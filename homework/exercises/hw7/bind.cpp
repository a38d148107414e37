// HW7 as code: the checks bound to the functions of the student's my-work/hw7/hw7.cpp (for the driver).
#include "common/bind.hpp"
#include "hw7/checks.hpp"

namespace dlc::exercise {

Set exercise_set() {
    using namespace hw7_exercise;
    Functions f;
    f.fields = fields;
    f.soft_assignments = soft_assignments;
    f.reconstruction = reconstruction;
    f.mse_loss = mse_loss;
    f.grad_centres = grad_centres;
    f.conv_transpose_output_size = conv_transpose_output_size;
    return checks(f);
}

}  // namespace dlc::exercise
