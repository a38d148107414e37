// The cases of the EM lecture, one per file (case id = function name).
#pragma once

#include "app/program.hpp"

namespace em_lecture {

void old_faithful_gmm(dlc::Case& c);
void em_monotone(dlc::Case& c);
void elbo_gap(dlc::Case& c);
void jensen_kl(dlc::Case& c);
void kmeans_limit(dlc::Case& c);
void gmm_vs_kmeans(dlc::Case& c);
void observable_mle(dlc::Case& c);
void gem(dlc::Case& c);

}  // namespace em_lecture
