// The cases of the RNN lecture, one per file (case id = function name).
#pragma once

#include "app/program.hpp"

namespace rnn_lecture {

void lec24_hello(dlc::Case& c);
void bptt_by_hand(dlc::Case& c);
void vanishing_exploding(dlc::Case& c);
void lstm_gru_equations(dlc::Case& c);
void names(dlc::Case& c);
void beam_search_example(dlc::Case& c);
void g2p_seq2seq(dlc::Case& c);
void word_embeddings(dlc::Case& c);
void mockfinal_q6_transliteration(dlc::Case& c);
void bahng_recurrent_claims(dlc::Case& c);

}  // namespace rnn_lecture
