// The backprop lecture: `./course lecture backprop`.
// Backpropagation by hand and by the library: Bahng's Example 1.6 (ECE 685 midterm: a sigmoid and a
// tanh hidden unit) and Example 1.7 (a 2-2-2 ReLU network, one gradient-descent step); activation
// variance through 20 ReLU layers under four initializations (NYU slides, Kaiming); SGD, momentum,
// RMSprop and Adam on the HW5 quadratic and on Rosenbrock's valley; and a 784-512-512-10 MLP with
// dropout trained by Adam on MNIST.
#include "cases.hpp"

int main(int argc, char** argv) {
    using namespace backprop_lecture;
    dlc::Program program("backprop", "Lecture: backpropagation, initialization and optimizers");
    program.add_case("bahng_example_1_6",
                     "Bahng Example 1.6 (ECE 685 midterm): gradients by backprop, by the handout's formulas, "
                     "by finite differences; one SGD step",
                     bahng_example_1_6);
    program.add_case("bahng_example_1_7", "Bahng Example 1.7: a 2-2-2 ReLU network, its MSE and one GD step",
                     bahng_example_1_7);
    program.add_case("kaiming_depth", "Activation variance through 20 ReLU layers: std 0.01, N(0, 1/n), Xavier, Kaiming",
                     kaiming_depth);
    program.add_case("optimizers", "SGD, momentum, RMSprop and Adam on the HW5 quadratic and Rosenbrock's valley",
                     optimizers);
    program.add_case("mnist_mlp", "A 784-512-512-10 MLP with ReLU and dropout, trained by Adam on MNIST", mnist_mlp);
    return program.run(argc, argv);
}
