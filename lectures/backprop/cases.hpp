// The cases of the backprop lecture, one per file (case id = function name).
#pragma once

#include "app/program.hpp"

namespace backprop_lecture {

void bahng_example_1_6(dlc::Case& c);
void bahng_example_1_7(dlc::Case& c);
void kaiming_depth(dlc::Case& c);
void optimizers(dlc::Case& c);
void mnist_mlp(dlc::Case& c);

}  // namespace backprop_lecture
