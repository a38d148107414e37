// The mock final as code (`./course exercise mockfinal`): the functions you write in my-work/mockfinal/mockfinal.cpp.
//
// Q3: a single-layer CNN takes a 2x2 image x and produces two 2x2 channels with kernels of width 1 (one number w_k
//     each) and biases b_k:  f^k_ij = g(w_k x_ij + b_k), k = 1, 2, with g the sigmoid (the CNN lecture's choice).
//     Here the channels are numbered 0 and 1: f(k, i, j) is the question's f^{k+1}_ij; x (2, 2), w (2), b (2).
// Q5: a GAN for X on [0, 1] with density f_X(x) = 2 - 2x, noise Z ~ U(0, 1), the idealized loss
//     E[-log D(X) - log(1 - D(G(Z)))] (lectures 22/23).
// Q7: graph self-attention (lectures 25/26). n nodes; x (n, d) holds node v's input x_v in ROW v; the projections
//     W^Q, W^K, W^V are (k, d): Q_v = W^Q x_v, K_v = W^K x_v, V_v = W^V x_v (columns in the notes, so Q = x W^Q^T holds
//     Q_v in row v). The adjacency A (n, n) has A(v, u) = 1 when (v, u) is an edge and 0 otherwise. Nodes are
//     numbered from 0.
// dlc::Tensor<double> is xt::xarray<double>: xt::linalg::dot(A, B) is the matrix product, xt::transpose(A) is A^T,
// `*` the elementwise product; xt::exp, xt::sqrt work elementwise.
#pragma once

#include "nn/module.hpp"  // dlc::Tensor

#include <cstddef>

namespace mockfinal_exercise {

using Tensor = dlc::Tensor<double>;

/// Q3: the CNN's output f (2, 2, 2): f(k, i, j) = g(w_k x_ij + b_k), g(v) = 1 / (1 + exp(-v)).
Tensor conv_forward(const Tensor& x, const Tensor& w, const Tensor& b);

/// Q3(b): the four derivatives the question asks for, given dl/df (2, 2, 2) (any loss l):
///   dl/dw_k = sum_ij dl/df(k, i, j) x_ij g'(w_k x_ij + b_k),   dl/db_k = sum_ij dl/df(k, i, j) g'(w_k x_ij + b_k),
/// with g'(v) = g(v) (1 - g(v)).
struct ConvGradients {
    Tensor dl_dw;  ///< (2): (dl/dw_1, dl/dw_2)
    Tensor dl_db;  ///< (2): (dl/db_1, dl/db_2)
};
ConvGradients conv_backward(const Tensor& x, const Tensor& w, const Tensor& b, const Tensor& dl_df);

/// Q5(a): the optimal discriminator at points where the data density is p_data and the generator's density p_g
/// (same shapes, elementwise): D*(x) = p_data / (p_data + p_g), the probability that x is real.
Tensor optimal_discriminator(const Tensor& p_data, const Tensor& p_g);

/// Q5(a): D*(x) at the points x (any shape, in [0, 1]) for the initial generator G(z) = z.
Tensor q5a_discriminator(const Tensor& x);

/// Q5(b): the CDF of X, F_X(x) = P(X <= x) = integral_0^x f_X(t) dt, at the points x (any shape, in [0, 1]).
Tensor q5b_cdf(const Tensor& x);

/// Q5(b): the optimal (monotonically increasing) generator g(z) at the points z (any shape, in [0, 1]): the g with
/// g(Z) distributed as X, i.e. F_X(g(z)) = z.
Tensor q5b_generator(const Tensor& z);

/// Q7(a): the attention scores of node v against every node u (n): e(u) = Q_v . K_u / sqrt(k), with k the number of
/// rows of W^Q and W^K (the scores of all nodes; the mask comes next).
Tensor attention_scores(const Tensor& x, const Tensor& WQ, const Tensor& WK, std::size_t v);

/// Q7(a): the mask (n, n) of 0s and 1s: M(v, u) = 1 when (v, u) is an edge of A or u = v (a self-loop: every node
/// attends at least to itself), 0 otherwise.
Tensor attention_mask(const Tensor& A);

/// Q7(a): the attention weights of one node (n), from its scores (n) and its row of the mask (n):
///   alpha(u) = exp(e(u)) / sum_{u' : mask(u') = 1} exp(e(u'))  where mask(u) = 1,  alpha(u) = 0 where mask(u) = 0.
Tensor masked_softmax(const Tensor& scores, const Tensor& mask_row);

/// Q7: the graph self-attention's output at node v (k): S_v = sum_u alpha_{v,u} V_u, with the scores of v, the mask
/// of A with self-loops and the masked softmax above. x (n, d), W^Q, W^K, W^V (k, d), A (n, n).
Tensor graph_attention(const Tensor& x, const Tensor& WQ, const Tensor& WK, const Tensor& WV, const Tensor& A,
                       std::size_t v);

}  // namespace mockfinal_exercise
