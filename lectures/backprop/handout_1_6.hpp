// Bahng Example 1.6 as the handout writes it, coded separately from the library: the parameter vector
//   w = (b1, b2, w11, w12, w21, w31, w32, w1, w2)   (w_ij: input i -> hidden unit j; no x2 -> h2, no output bias),
// the explicit form y = f(x; w), the closed-form partial derivatives df/dw, and L(w) = 1/2 sum_n (f - y_n)^2
// with its gradient sum_n (f - y_n) grad f.
#pragma once

#include "core/tensor.hpp"
#include "nn/module.hpp"

#include <array>
#include <cstddef>

namespace backprop_lecture::handout_1_6 {

/// The number of parameters and their names, in the order of w.
constexpr std::size_t P = 9;
using Params = std::array<double, P>;
extern const std::array<const char*, P> names;
enum Index { b1, b2, w11, w12, w21, w31, w32, w1, w2 };

/// y = w1 sigma(w11 x1 + w21 x2 + w31 x3 + b1) + w2 tanh(w12 x1 + w32 x3 + b2) for x = (x1, x2, x3).
double f_explicit(const Params& w, const double* x);

/// The handout's df/dw at x, in the order of w (its "w_13" read as w_32).
Params partials(const Params& w, const double* x);

/// sum_n (f(x_n; w) - y_n) grad_w f(x_n) over the rows [first, last) of X (n, 3) and y (n, 1).
Params gradient(const Params& w, const dlc::Tensor<double>& X, const dlc::Tensor<double>& y, std::size_t first,
                std::size_t last);

/// L(w) = 1/2 sum_n (f(x_n; w) - y_n)^2 over the rows [first, last).
double loss(const Params& w, const dlc::Tensor<double>& X, const dlc::Tensor<double>& y, std::size_t first,
            std::size_t last);

}  // namespace backprop_lecture::handout_1_6
