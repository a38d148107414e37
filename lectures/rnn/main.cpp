// The RNN lecture: `./course lecture rnn`.
// L24's {h, e, l, o, ␣} network, BPTT by hand, vanishing and exploding gradients, the LSTM and the two GRUs
// against their equations, character models of real first names, Bahng's beam-search example, grapheme-to-
// phoneme conversion on the CMU dictionary with seq2seq and attention, the embeddings those models learned, and the
// mock final Q6 transliteration.
#include "cases.hpp"

int main(int argc, char** argv) {
    using namespace rnn_lecture;
    dlc::Program program("rnn", "Lecture: recurrent networks, BPTT, LSTM and GRU, seq2seq with attention");
    program.data_option(dlc::DataOption::none);  // no case reads image data: --data is refused
    program.add_case("lec24_hello", "L24: an RNN over {h, e, l, o, ␣} trained on hello, hell, eel", lec24_hello);
    program.add_case("bptt_by_hand", "BPTT by hand: a 3-step RNN, every gradient term", bptt_by_hand);
    program.add_case("vanishing_exploding", "Vanishing and exploding gradients: RNN vs LSTM, clipping",
                     vanishing_exploding);
    program.add_case("lstm_gru_equations", "The LSTM and the two GRUs: NYU slides, L24 and PyTorch", lstm_gru_equations);
    program.add_case("bahng_recurrent_claims", "Bahng 5.1.3, 5.3.1 and 6.2: the stacked, multilayer and encoder equations",
                     bahng_recurrent_claims);
    program.add_case("names", "Character models of 8,800 first names: RNN vs LSTM vs GRU vs bigram", names);
    program.add_case("beam_search_example", "Bahng 6.2.1: beam search with k = 2, step by step", beam_search_example);
    program.add_case("g2p_seq2seq", "Grapheme to phoneme on the CMU dictionary: seq2seq with and without attention",
                     g2p_seq2seq);
    program.add_case("word_embeddings",
                     "Word embeddings: the letters and phonemes the lecture's models learned, projected, with neighbours",
                     word_embeddings);
    program.add_case("mockfinal_q6_transliteration", "Mock final Q6: Latin-script Arabic to Arabic script",
                     mockfinal_q6_transliteration);
    return program.run(argc, argv);
}
