// The perceptron lecture: `./course lecture perceptron`.
// Single neurons learning: the perceptron learning algorithm (separable data and XOR), Hebb's rule
// (the L17/18 example and the saturation example, the damped rule), Oja's rule and the first principal
// component, Widrow-Hoff LMS and the delta rule against closed-form regression, gradient descent on
// R(w) = w^4 (L8), the squared loss's gradients and activation derivatives (L7-L8), maximum likelihood for the
// Gumbel distribution (Bahng 1.1), and the bump and tower functions behind universal approximation (Bahng 1.3).
#include "cases.hpp"

int main(int argc, char** argv) {
    using namespace perceptron_lecture;
    dlc::Program program("perceptron", "Lecture: the perceptron, Hebbian learning, LMS and gradient descent");
    program.data_option(dlc::DataOption::none);  // no case reads image data: --data is refused
    program.add_case("perceptron_learning", "The perceptron learning algorithm: a separable set and XOR",
                     perceptron_learning);
    program.add_case("notes_hebb_example", "L17/18 notes: Hebb's rule on six points in two clusters",
                     notes_hebb_example);
    program.add_case("hebb_saturation", "L17/18 notes: Hebb's rule saturates; the damped rule and 1/(1 - alpha)",
                     hebb_saturation);
    program.add_case("oja_rule", "Oja's rule finds the first principal component", oja_rule);
    program.add_case("linear_regression_gradient",
                     "L7 notes: the squared loss's gradients (one point, all data) and the normal equations",
                     linear_regression_gradient);
    program.add_case("lms", "Widrow-Hoff LMS, the delta rule, and closed-form linear regression", lms);
    program.add_case("activation_derivatives", "L8 notes: the sigmoid with slope a and ReLU, and their derivatives",
                     activation_derivatives);
    program.add_case("notes_gd_w4", "L8 notes: gradient descent on R(w) = w^4 with eta = 1/8 and 1/2", notes_gd_w4);
    program.add_case("gumbel_mle", "Bahng Example 1.1: the Gumbel negative log-likelihood, its gradient and the MLE",
                     gumbel_mle);
    program.add_case("bump_functions", "Universal approximation: bumps and towers from sigmoids", bump_functions);
    program.add_case("checkerboard_towers", "Bahng Theorem 1.1: how many checkerboard towers for accuracy eps",
                     checkerboard_towers);
    return program.run(argc, argv);
}
