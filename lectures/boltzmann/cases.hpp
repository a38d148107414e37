// The cases of the graphical-models lecture, one per file (case id = function name).
#pragma once

#include "app/program.hpp"

namespace boltzmann_lecture {

void linear_gaussian_dag(dlc::Case& c);
void colds_cliques(dlc::Case& c);
void pairwise_mrf_conditional(dlc::Case& c);
void rbm_brute_force(dlc::Case& c);
void gaussian_bernoulli_rbm(dlc::Case& c);
void rbm_mnist(dlc::Case& c);

}  // namespace boltzmann_lecture
