// The cases of the adversarial lecture, one per file (case id = function name).
#pragma once

#include "app/program.hpp"

namespace adversarial_lecture {

void fgsm_panda(dlc::Case& c);
void accuracy_vs_epsilon(dlc::Case& c);
void targeted(dlc::Case& c);
void transferability(dlc::Case& c);
void adversarial_training(dlc::Case& c);
void eot_physical(dlc::Case& c);
void lipschitz_bound(dlc::Case& c);

}  // namespace adversarial_lecture
