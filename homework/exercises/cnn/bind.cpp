// The convolutional layer as code: the checks bound to the functions of the student's my-work/cnn/cnn.cpp (for the
// driver).
#include "cnn/checks.hpp"
#include "common/bind.hpp"

namespace dlc::exercise {

Set exercise_set() {
    using namespace cnn_exercise;
    Functions f;
    f.conv_output_size = conv_output_size;
    f.conv2d_forward = conv2d_forward;
    f.conv2d_backward = conv2d_backward;
    return checks(f);
}

}  // namespace dlc::exercise
