// The mock final, worked: `./course homework mockfinal`.
// Seven questions (the actual exam has five), each answered in the order it asks, then the computation behind the
// answer (the lecture case that holds its topic), then the errata of the handout's solution. The answer checker
// (`./course check mockfinal FILE`) reads its right values from this program's --json results. `--variant N` draws a
// practice exam with new numbers (variants.hpp) and prints its questions and worked solutions.
#include "cases.hpp"
#include "variants.hpp"

int main(int argc, char** argv) {
    using namespace mockfinal;
    dlc::Program program("mockfinal", "Mock final (ECE/CS 559): the seven questions, computed");
    program.add_case("q1_kmeans", "Q1: Lloyd's algorithm for k = 2 on four points (Lecture 17)", q1_kmeans);
    program.add_case("q2_competitive", "Q2: competitive learning with rounded weights (Lecture 18)", q2_competitive);
    program.add_case("q3_cnn_backprop", "Q3: backpropagation through a 1x1-kernel CNN layer (Lecture 16)",
                     q3_cnn_backprop);
    program.add_case("q4_vae_learnable_sigma", "Q4: the ELBO with a learnable decoder covariance (Lectures 20-21)",
                     q4_vae_learnable_sigma);
    program.add_case("q5_gan", "Q5: the optimal discriminator and generator for a density on [0, 1] (Lectures 22-23)",
                     q5_gan);
    program.add_case("q6_seq2seq", "Q6: a sequence model from Arabizi to Arabic script (Lecture 24)", q6_seq2seq);
    program.add_case("q7_graph_attention", "Q7: graph self-attention and a graph classifier (Lectures 25-26)",
                     q7_graph_attention);
    program.number_option("--variant",
                          "a practice variant: new numbers for Q1, Q2, Q3, Q5 and Q7 drawn from N, with their worked "
                          "solutions; 0 is the exam",
                          mockfinal::max_variant);
    // Q6 reads a dictionary and Q7 draws graphs; none reads image data.
    program.data_option(dlc::DataOption::none);
    return program.run(argc, argv);
}
