// Backpropagation as code (`./course exercise backprop`): the functions you write in my-work/backprop/backprop.cpp.
//
// Three modules of a network, each a forward pass and a backward pass (Bahng §1.4; ECE/CS 559 L9-L11):
//   linear:   V = X W^T + 1 b^T                  (per example v = W x + b)
//   sigmoid:  Z = sigma(V),  sigma(v) = 1 / (1 + exp(-v)),  elementwise
//   softmax cross-entropy on logits:  l = (1/N) sum_n -log softmax(V_n)[c_n]   (the mean over the batch)
// A backward pass receives the gradient of the loss with respect to the module's output (dY, dZ) and returns the
// gradients with respect to its input and its parameters; every gradient has the shape of what it differentiates.
// Batches: one example per ROW. X (N, in) holds N examples; W (out, in): W(k, j) connects input j to output k (the
// notes' W, as in v = W x + b); b (out); V, dY (N, out). Labels: one class index per row, 0 <= c_n < K.
// dlc::Tensor<double> is xt::xarray<double>: xt::linalg::dot(A, B) is the matrix product A B, xt::transpose(A) is
// A^T, `*` is the elementwise (Hadamard) product, xt::sum(A, {0}) sums over the batch (the rows).
// The checks compare each function with the library (lib/nn/linear.hpp, sigmoid.hpp, softmax_cross_entropy.hpp) and
// each backward pass with central differences of YOUR forward pass (the gradient checker).
#pragma once

#include "core/tensor.hpp"  // dlc::Labels
#include "nn/module.hpp"  // dlc::Tensor

namespace backprop_exercise {

using Tensor = dlc::Tensor<double>;
using Labels = dlc::Labels;  ///< xt::xtensor<std::size_t, 1>: one class index per example

/// The linear module's forward pass on a batch X (N, in), W (out, in), b (out):
///   V = X W^T + 1 b^T,  i.e. V(n, k) = sum_j X(n, j) W(k, j) + b(k);  shape (N, out)   (Bahng §1.4, L9-L10).
Tensor linear_forward(const Tensor& X, const Tensor& W, const Tensor& b);

/// The linear module's gradients; each has the shape of what it differentiates.
struct LinearGradients {
    Tensor dX;  ///< (N, in): dl/dX = dY W
    Tensor dW;  ///< (out, in): dl/dW = dY^T X = sum over the batch of delta_n x_n^T
    Tensor db;  ///< (out): dl/db = dY^T 1 = sum over the batch of delta_n
};

/// The linear module's backward pass, given dY = dl/dV (N, out), the deltas of the batch (one row per example):
///   dX = dY W,  dW = dY^T X (sum_n delta_n x_n^T: "forward signal times backward signal"),
///   db = sum over the batch of dY's rows   (Bahng §1.4: dE/dW = delta a^T, dE/db = delta; L9-L10).
LinearGradients linear_backward(const Tensor& X, const Tensor& W, const Tensor& dY);

/// The sigmoid module's forward pass: Z = sigma(V), sigma(v) = 1 / (1 + exp(-v)), elementwise (any shape)
/// (Bahng §1.4 Example 1.6, L8).
Tensor sigmoid_forward(const Tensor& V);

/// The sigmoid module's backward pass, given its input V and dZ = dl/dZ (same shape):
///   dV = dZ * sigma'(V),  sigma'(v) = sigma(v) (1 - sigma(v)),  elementwise (the delta: delta = grad * g'(v))
/// (Bahng §1.4 Example 1.6, L9-L10).
Tensor sigmoid_backward(const Tensor& V, const Tensor& dZ);

/// Softmax cross-entropy's forward pass on logits V (N, K) and class labels c (N):
///   a_n = softmax(V_n), a_nk = exp(V_nk) / sum_j exp(V_nj);   l = (1/N) sum_n -log a_{n c_n}   (mean over the batch).
/// Compute log a_nk = V_nk - m_n - log sum_j exp(V_nj - m_n) with m_n = max_j V_nj: exp of a large logit overflows
/// (Bahng §1.4, softmax regression; the library's SoftmaxCrossEntropy, mean reduction).
double softmax_cross_entropy_forward(const Tensor& V, const Labels& labels);

/// Softmax cross-entropy's backward pass: dl/dV = (a - y) / N, with a = softmax of each row (shape (N, K)) and
/// y the one-hot rows of the labels (y_nk = 1 if k = c_n, else 0); the 1/N is the mean's (Bahng §1.4: delta = a - y).
Tensor softmax_cross_entropy_backward(const Tensor& V, const Labels& labels);

}  // namespace backprop_exercise
