// The attention lecture: `./course lecture attention`.
// The NYU slide's attention by hand, positional encodings, permutation equivariance, L25's add & norm against
// LayerNorm, the score functions and why sqrt(d_k), a character transformer on the fortunes quotations against
// n-gram models and an LSTM, grapheme-to-phoneme conversion with an encoder-decoder transformer, graph attention
// (mock final Q7), and a small vision transformer on MNIST.
#include "cases.hpp"

int main(int argc, char** argv) {
    using namespace attention_lecture;
    dlc::Program program("attention", "Lecture: attention and transformers");
    program.add_case("nyu_attention_small", "NYU slides: softmax(QK^T/sqrt(d_k))V by hand, causal, multi-head",
                     nyu_attention_small);
    program.add_case("positional_encoding", "Sinusoidal positional encodings: the table, rotations, dot products",
                     positional_encoding);
    program.add_case("permutation_equivariance", "Self-attention is permutation-equivariant without positions",
                     permutation_equivariance);
    program.add_case("layernorm_l25", "L25's add & normalize as printed against LayerNorm and PyTorch", layernorm_l25);
    program.add_case("score_functions", "Score functions on the same data; why divide by sqrt(d_k)", score_functions);
    program.add_case("char_transformer", "A character transformer on the fortunes quotations vs n-grams and an LSTM",
                     char_transformer);
    program.add_case("g2p_transformer", "Grapheme to phoneme with an encoder-decoder transformer", g2p_transformer);
    program.add_case("graph_attention_q7", "Mock final Q7: graph self-attention by hand, depth and receptive field",
                     graph_attention_q7);
    program.add_case("vit_mnist", "A small vision transformer on MNIST: 7x7 patches and a class token", vit_mnist);
    return program.run(argc, argv);
}
