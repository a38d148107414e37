// The cases of the CNN lecture, one per file (case id = function name).
#pragma once

#include "app/program.hpp"
#include "core/tensor.hpp"

#include <array>

namespace cnn_lecture {

/// Mock final Q3's numbers: a 2x2 image, two 1x1 kernels w_k with biases b_k, f^k_ij = sigmoid(w_k x_ij + b_k), and
/// the targets t^k of the loss l = 1/2 sum (f - t)^2 that the derivatives are evaluated on. The defaults are the
/// example the CNN lecture chose for the exam question (the exam itself has no numbers); a practice variant
/// (homework/mockfinal/variants.cpp) draws others.
struct ConvQuestion {
    dlc::Matrix<double> x = {{0.5, -1.0}, {2.0, 0.0}};  ///< the image
    std::array<double, 2> w = {0.8, -0.6}, b = {0.1, 0.3};  ///< the kernels and biases
    std::array<dlc::Matrix<double>, 2> target = {dlc::Matrix<double>{{1, 0}, {1, 0}},
                                                 dlc::Matrix<double>{{0, 1}, {0, 1}}};  ///< t^1, t^2
    bool exam = true;  ///< the exam's question: its handout's solution is checked
};

/// Mock final Q3 (b) on the numbers `q`: the four derivatives by hand, by the library, by finite differences.
void conv_backprop_1x1(dlc::Case& c, const ConvQuestion& q);

void notes_conv_5x5(dlc::Case& c);
void notes_conv_3channel(dlc::Case& c);
void bahng_example_3_1(dlc::Case& c);
void bahng_example_3_2(dlc::Case& c);
void kernel_gallery(dlc::Case& c);
void parameter_counts(dlc::Case& c);
void mockfinal_q3(dlc::Case& c);
void lenet5(dlc::Case& c);
void pooling_backward(dlc::Case& c);
void object_detection(dlc::Case& c);
void resnet_degradation(dlc::Case& c);

}  // namespace cnn_lecture
