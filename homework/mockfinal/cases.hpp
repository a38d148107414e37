// The cases of the mock final (ECE/CS 559, December 2024), one per question (case id = function name). Each runs
// the case of the lecture that holds the question's topic (`collect`, lib/app/program.hpp) and prints the answer
// first, then that computation, then the errata of the handout's solution (solution.hpp).
#pragma once

#include "app/program.hpp"

namespace mockfinal {

void q1_kmeans(dlc::Case& c);
void q2_competitive(dlc::Case& c);
void q3_cnn_backprop(dlc::Case& c);
void q4_vae_learnable_sigma(dlc::Case& c);
void q5_gan(dlc::Case& c);
void q6_seq2seq(dlc::Case& c);
void q7_graph_attention(dlc::Case& c);

}  // namespace mockfinal
