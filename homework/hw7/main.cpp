// Homework 7 (ECE/CS 559): `./course homework hw7`.
// Q1: k-means as a neural network on MNIST: the network, part (a)'s update computed, (b) the cheat start, (c) random
// starts and mode collapse, and the last page's bias-variance argument for eta, computed and measured.
// Q2: the convolutional autoencoder: shapes, training, generation, and improvements scored by LeNet-5.
// Check your answers with `./course check hw7 my-answers.toml` (homework/check/).
#include "cases.hpp"

int main(int argc, char** argv) {
    dlc::Program program("hw7", "Homework 7: k-means as a neural network; a convolutional autoencoder");
    program.add_case("hw7_q1_network", "Q1: the k-means network (C, x C^T - 1/2 ||C||^2, x20, softmax, s C, x - x0)",
                     hw7::hw7_q1_network);
    program.add_case("hw7_q1a_update", "Q1 (a): one SGD step against C <- (1 - eta/5) C + (eta/5) m", hw7::hw7_q1a_update);
    program.add_case("hw7_q1b_cheat", "Q1 (b): centres started at one image of each digit, 10 epochs", hw7::hw7_q1b_cheat);
    program.add_case("hw7_q1c_random", "Q1 (c): uniform random centres and mode collapse; k-means++", hw7::hw7_q1c_random);
    program.add_case("hw7_bias_variance", "The last page: bias and variance of the minibatch step, eta = 4.5",
                     hw7::hw7_bias_variance);
    program.add_case("hw7_q2a_shapes", "Q2 (a): the tensor shape after every module (no training)", hw7::hw7_q2a_shapes);
    program.add_case("hw7_q2_autoencoder", "Q2 (a, b): the autoencoder's shapes, training and 20 generated digits",
                     hw7::hw7_q2_autoencoder);
    program.add_case("hw7_q2c_improvements", "Q2 (c): improvements scored by LeNet-5", hw7::hw7_q2c_improvements);
    return program.run(argc, argv);
}
