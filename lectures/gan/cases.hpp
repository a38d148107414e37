// The cases of the GAN lecture, one per file (case id = function name).
#pragma once

#include "app/program.hpp"

namespace gan_lecture {

/// Mock final Q5's density: X on [0, 1] with f_X(x) = a + (2 - 2a) x, a in [0, 2] (so that f_X >= 0 and integrates to
/// 1). The default is the exam's f_X(x) = 2 - 2x; a practice variant (homework/mockfinal/variants.cpp) draws another a.
struct LinearDensityQuestion {
    double a = 2.0;    ///< f_X(0); the slope is 2 - 2a
    bool exam = true;  ///< the exam's density: its handout's solution is checked
};

/// Mock final Q5 on the density of `q`: (a) the optimal discriminator for G(z) = z, (b) the optimal generator.
void gan_linear_density(dlc::Case& c, const LinearDensityQuestion& q);

void mockfinal_q5(dlc::Case& c);
void lec23_jsd_direction(dlc::Case& c);
void generator_gradient(dlc::Case& c);
void gan_1d_training(dlc::Case& c);
void mode_collapse_2d(dlc::Case& c);
void mnist_gan(dlc::Case& c);
void conditional_gan(dlc::Case& c);

}  // namespace gan_lecture
