// The backprop lecture: `./course lecture backprop`.
// Backpropagation by hand and by the library: Bahng's Example 1.6 (ECE 685 midterm: a sigmoid and a
// tanh hidden unit) and Example 1.7 (a 2-2-2 ReLU network, one gradient-descent step); activation
// variance through 20 ReLU layers under four initializations (NYU slides, Kaiming); SGD, momentum,
// RMSprop and Adam on the HW5 quadratic and on Rosenbrock's valley; and a 784-512-512-10 MLP with
// dropout trained by Adam on MNIST; the output deltas, regularization gradients, whitening, initialization,
// dropout, GELU and batch norm of L11-L13, Bahng and the NYU slides, and every number Bahng's notes state; and the
// rest of Bahng's chapter 2 on the small-data MLP: early stopping, data augmentation, and pruning of the trained MLP.
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
    program.add_case("softmax_ce_delta",
                     "Bahng 1.4: delta = a - y for softmax with cross-entropy and for the identity with squared error",
                     softmax_ce_delta);
    program.add_case("regularization_gradient", "L11, L13: the gradients of R + lambda ||w||_2^2 and R + lambda ||w||_1",
                     regularization_gradient);
    program.add_case("whitening", "L13 (5): whitening x_new = D^{-1/2} U^T (x - mu) on 50 000 correlated points",
                     whitening);
    program.add_case("init_variance", "L13 (6): initializing the weights so that E[W W^T] = I, by simulation",
                     init_variance);
    program.add_case("kaiming_depth", "Activation variance through 20 ReLU layers: std 0.01, N(0, 1/n), Xavier, Kaiming",
                     kaiming_depth);
    program.add_case("dropout_expectation", "Bahng 2.3: the expectation argument of dropout, the test-time rule, PyTorch's p",
                     dropout_expectation);
    program.add_case("gelu", "NYU slide: GELU = x Phi(x) = E[x m], m ~ Bernoulli(Phi(x))", gelu);
    program.add_case("batch_norm", "NYU slide: batch normalization over (N, H, W), and test-time statistics", batch_norm);
    program.add_case("slide_optimizer_iterates",
                     "NYU slides: five RMSprop and Adam steps on theta_0^2 + 10 theta_1^2, slide's and PyTorch's forms",
                     slide_optimizer_iterates);
    program.add_case("optimizers", "SGD, momentum, RMSprop and Adam on the HW5 quadratic and Rosenbrock's valley",
                     optimizers);
    program.add_case("bahng_numeric_claims",
                     "Bahng 2.6, 3.1, 3.3, 5.2.1, 9.1: every number stated, recomputed", bahng_numeric_claims);
    program.add_case("mnist_mlp", "A 784-512-512-10 MLP with ReLU and dropout, trained by Adam on MNIST", mnist_mlp);
    program.add_case("early_stopping",
                     "Bahng 2.1, L13: the MLP on 2 000 digits overfits; early stopping on 1 000 validation digits",
                     early_stopping);
    program.add_case("data_augmentation",
                     "Bahng 2.4, NYU slides: the same 2 000 digits with random shifts, rotations and noise",
                     data_augmentation);
    program.add_case("pruning", "Bahng 2.5: magnitude pruning of the trained MLP at 50-99%, with masked fine-tuning",
                     pruning);
    return program.run(argc, argv);
}
