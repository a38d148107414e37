// The cases of the attention lecture, one per file (case id = function name).
#pragma once

#include "app/program.hpp"

namespace attention_lecture {

void nyu_attention_small(dlc::Case& c);
void positional_encoding(dlc::Case& c);
void permutation_equivariance(dlc::Case& c);
void layernorm_l25(dlc::Case& c);
void score_functions(dlc::Case& c);
void char_transformer(dlc::Case& c);
void g2p_transformer(dlc::Case& c);
void graph_attention_q7(dlc::Case& c);
void vit_mnist(dlc::Case& c);

}  // namespace attention_lecture
