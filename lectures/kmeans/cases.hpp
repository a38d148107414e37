// The cases of the k-means lecture, one per file (case id = function name).
#pragma once

#include "app/program.hpp"

namespace kmeans_lecture {

void mockfinal_q1(dlc::Case& c);
void mockfinal_q2(dlc::Case& c);
void notes_competitive_example(dlc::Case& c);
void repeated_input(dlc::Case& c);
void gd_equals_lloyd(dlc::Case& c);
void kmeans_objective(dlc::Case& c);
void kmeanspp_probabilities(dlc::Case& c);
void old_faithful(dlc::Case& c);
void old_faithful_description(dlc::Case& c);
void kmeans_local_minimum(dlc::Case& c);
void vq_compression(dlc::Case& c);
void mnist_centres(dlc::Case& c);

}  // namespace kmeans_lecture
