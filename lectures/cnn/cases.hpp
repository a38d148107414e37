// The cases of the CNN lecture, one per file (case id = function name).
#pragma once

#include "app/program.hpp"

namespace cnn_lecture {

void notes_conv_5x5(dlc::Case& c);
void notes_conv_3channel(dlc::Case& c);
void bahng_example_3_1(dlc::Case& c);
void bahng_example_3_2(dlc::Case& c);
void kernel_gallery(dlc::Case& c);
void parameter_counts(dlc::Case& c);
void mockfinal_q3(dlc::Case& c);
void lenet5(dlc::Case& c);
void pooling_backward(dlc::Case& c);

}  // namespace cnn_lecture
