// HW5 as code (`./course exercise hw5`): the functions you write in my-work/hw5/hw5.cpp.
//
// Q1: gradient descent on R(w) = 13 w1^2 - 10 w1 w2 + 4 w1 + 2 w2^2 - 2 w2 + 1.
// Q2: the network that imitates the friend's (HW2 Q2), for one data point x (2 inputs) and label y in {0, 1}:
//   v_z = W x + b,  z = phi(v_z),  v_f = U z + c,  f = phi(v_f),  loss l(y, f) = (f - y)^2,
// with phi(v) = 1 / (1 + exp(-a v)), a = 5, and h hidden neurons (3 in the homework):
//   W (h, 2), b (h), U (1, h), c (1); v_z, z (h); v_f, f (1).
// Vectors are 1-D tensors (shape (n,)), matrices 2-D (rows, columns); dlc::Tensor<double> is xt::xarray<double>:
// xt::linalg::dot(W, x) is W x, xt::transpose(U) is U^T, `*` is the elementwise (Hadamard) product.
#pragma once

#include "nn/module.hpp"  // dlc::Tensor

namespace hw5_exercise {

using Tensor = dlc::Tensor<double>;

/// Q1(a): the gradient of R at w (shape (2,)):
///   dR/dw1 = 26 w1 - 10 w2 + 4,   dR/dw2 = -10 w1 + 4 w2 - 2.
Tensor gradient_R(const Tensor& w);

/// Q2(a): phi(v) = 1 / (1 + exp(-a v)), elementwise (any shape).
Tensor phi(const Tensor& v, double a);

/// Q2(a): phi'(v) = a phi(v) (1 - phi(v)), elementwise (any shape).
Tensor phi_prime(const Tensor& v, double a);

/// Q2(b): the weights and biases, and the slope a of phi.
struct Params {
    Tensor W;        ///< (h, 2): W(k, j) connects input j to hidden neuron k
    Tensor b;        ///< (h)
    Tensor U;        ///< (1, h)
    Tensor c;        ///< (1)
    double a = 5.0;  ///< phi's slope
};

/// Q2(b): what the forward pass computes for one point.
struct Forward {
    Tensor v_z;  ///< (h): W x + b
    Tensor z;    ///< (h): phi(v_z)
    Tensor v_f;  ///< (1): U z + c
    Tensor f;    ///< (1): phi(v_f)
};

/// Q2(b): the forward pass for one point x (shape (2,)):
///   v_z = W x + b,  z = phi(v_z),  v_f = U z + c,  f = phi(v_f).
Forward forward(const Params& p, const Tensor& x);

/// Q2(c): what the backward pass computes for one point; every gradient has the shape of what it differentiates.
struct Gradients {
    Tensor grad_f;   ///< (1): dl/df = 2 (f - y)
    Tensor delta_f;  ///< (1): dl/dv_f = grad_f * phi'(v_f)
    Tensor delta_z;  ///< (h): dl/dv_z = (U^T delta_f) * phi'(v_z)
    Tensor delta_x;  ///< (2): dl/dx = W^T delta_z
    Tensor grad_W;   ///< (h, 2): delta_z x^T
    Tensor grad_b;   ///< (h): delta_z
    Tensor grad_U;   ///< (1, h): delta_f z^T
    Tensor grad_c;   ///< (1): delta_f
};

/// Q2(c): the backward pass for one point (x, y), given its forward pass fw = forward(p, x):
///   grad_f = 2 (f - y),  delta_f = grad_f * phi'(v_f),  delta_z = (U^T delta_f) * phi'(v_z),  delta_x = W^T delta_z,
///   grad_W = delta_z x^T,  grad_b = delta_z,  grad_U = delta_f z^T,  grad_c = delta_f.
Gradients backward(const Params& p, const Tensor& x, double y, const Forward& fw);

/// Q2(d): one step of gradient descent with the gradients of one point (SGD):
///   W <- W - eta grad_W,  b <- b - eta grad_b,  U <- U - eta grad_U,  c <- c - eta grad_c  (a unchanged).
void sgd_step(Params& p, const Gradients& g, double eta);

}  // namespace hw5_exercise
