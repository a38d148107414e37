// The cases of the perceptron lecture, one per file (case id = function name).
#pragma once

#include "app/program.hpp"

namespace perceptron_lecture {

void perceptron_learning(dlc::Case& c);
void notes_hebb_example(dlc::Case& c);
void hebb_saturation(dlc::Case& c);
void oja_rule(dlc::Case& c);
void lms(dlc::Case& c);
void notes_gd_w4(dlc::Case& c);
void bump_functions(dlc::Case& c);
void linear_regression_gradient(dlc::Case& c);
void activation_derivatives(dlc::Case& c);
void gumbel_mle(dlc::Case& c);
void checkerboard_towers(dlc::Case& c);

}  // namespace perceptron_lecture
