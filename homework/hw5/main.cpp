// Homework 5 (ECE/CS 559): `./course homework hw5`.
// Q1: gradient descent on a 2-D quadratic, the exact optimum, and why eta = 0.1 diverges.
// Q2: backpropagation by hand-written modules: a sigmoid network trained with per-sample SGD to imitate a
// "friend's" step network (HW2 Q2, reconstructed), its decision surface, and the (f) hacks.
// Check your answers with `./course check hw5 my-answers.toml` (homework/check/).
#include "cases.hpp"

int main(int argc, char** argv) {
    dlc::Program program("hw5", "Homework 5: gradient descent on a quadratic; backprop SGD on the friend's network");
    program.data_option(dlc::DataOption::none);  // no case reads image data: --data is refused
    program.add_case("hw5_q1", "Q1: gradient descent on R(w) = 13 w1^2 - 10 w1 w2 + 4 w1 + 2 w2^2 - 2 w2 + 1",
                     hw5::hw5_q1);
    program.add_case("hw5_q2", "Q2: backpropagation and SGD on the friend's network's 1 000 points", hw5::hw5_q2);
    return program.run(argc, argv);
}
