// Attention as code (`./course exercise attention`): the functions you write in my-work/attention/attention.cpp.
//
// Scaled dot-product attention with one head (NYU slides "Multi-headed attention": Attention(Q, K, V) =
// Softmax(QK^T / sqrt(d_k)) V; L25 "(Self) Attention": alpha = softmax(Q^T K / sqrt(k))), for n queries and m keys,
// ONE TOKEN PER ROW (as lib/attention/sdpa.hpp, there with a batch axis in front):
//   Q (n, d): row i is query q_i;   K (m, d): row j is key k_j;   V (m, dv): row j is value v_j;
//   S = Q K^T / sqrt(d)     (n, m): S(i, j) = q_i . k_j / sqrt(d), d the queries' and keys' size;
//   A = softmax of each ROW of S (n, m): A(i, j) = exp(S(i, j)) / sum_j' exp(S(i, j')): query i's weights over
//       the keys, each row sums to 1;
//   out = A V               (n, dv): row i is sum_j A(i, j) v_j.
// Causal attention (NYU slides "Causal Attention": each token attends only to tokens prior to itself; n = m): query
// i attends to the keys j <= i only. The softmax of row i runs over j <= i, and A(i, j) = 0 for j > i (e.g. set
// S(i, j) to -infinity there BEFORE the softmax); S itself is returned unmasked.
// dlc::Tensor<double> is xt::xarray<double>: xt::linalg::dot(A, B) is the matrix product, xt::transpose(A) is A^T,
// `*` is the elementwise product, xt::sum(A, {1}) sums each row (shape (n,): a row vector when broadcast, so use
// xt::sum(A, {1}, xt::keep_dims) or xt::view(r, xt::all(), xt::newaxis()) for a column). Store such a reduction in
// a Tensor before broadcasting it, `const Tensor r = xt::sum(A, {1}, xt::keep_dims);` then `A / r`: the xtensor
// used here (0.24) computes an unevaluated keep_dims reduction inside a broadcast wrongly.
#pragma once

#include "nn/module.hpp"  // dlc::Tensor

namespace attention_exercise {

using Tensor = dlc::Tensor<double>;

/// What the forward pass computes.
struct Forward {
    Tensor S;    ///< (n, m): Q K^T / sqrt(d), unmasked
    Tensor A;    ///< (n, m): the row-wise softmax of S (over the allowed keys when causal)
    Tensor out;  ///< (n, dv): A V
};

/// The forward pass (NYU "Multi-headed attention", L25; NYU "Causal Attention" when `causal`, which needs n = m):
///   S = Q K^T / sqrt(d),  A(i, j) = exp(S(i, j)) / sum_j' exp(S(i, j')) over the allowed j, j' (all, or j <= i),
///   out = A V.
Forward sdpa_forward(const Tensor& Q, const Tensor& K, const Tensor& V, bool causal);

/// The backward pass's gradients; every gradient has the shape of what it differentiates.
struct Gradients {
    Tensor dV;  ///< (m, dv): A^T dOut
    Tensor dA;  ///< (n, m): dOut V^T
    Tensor dS;  ///< (n, m): A * (dA - rowsum(dA * A))
    Tensor dQ;  ///< (n, d): dS K / sqrt(d)
    Tensor dK;  ///< (m, d): dS^T Q / sqrt(d)
};

/// The backward pass (backpropagation through Softmax(QK^T / sqrt(d_k)) V, NYU "Multi-headed attention"), given the
/// inputs, the forward's weights A (n, m) (masked entries are 0, so they get no gradient) and dOut = dL/dout (n, dv):
///   dV = A^T dOut,  dA = dOut V^T,
///   dS(i, j) = A(i, j) (dA(i, j) - sum_j' A(i, j') dA(i, j'))   (row i times the softmax's Jacobian
///              diag(a_i) - a_i a_i^T, a_i = row i of A: the whole Jacobian, not only its diagonal),
///   dQ = dS K / sqrt(d),  dK = dS^T Q / sqrt(d).
Gradients sdpa_backward(const Tensor& Q, const Tensor& K, const Tensor& V, const Tensor& A, const Tensor& dOut);

}  // namespace attention_exercise
