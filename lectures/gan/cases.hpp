// The cases of the GAN lecture, one per file (case id = function name).
#pragma once

#include "app/program.hpp"

namespace gan_lecture {

void mockfinal_q5(dlc::Case& c);
void lec23_jsd_direction(dlc::Case& c);
void generator_gradient(dlc::Case& c);
void gan_1d_training(dlc::Case& c);
void mode_collapse_2d(dlc::Case& c);
void mnist_gan(dlc::Case& c);
void conditional_gan(dlc::Case& c);

}  // namespace gan_lecture
