// HW7 as code (`./course exercise hw7`): the functions you write in my-work/hw7/hw7.cpp.
//
// Q1: k-means as a neural network (HW7 Q1; the neurons x C_i^T - 1/2 ||C_i||^2 of lecture 17/18). A batch X (b, d)
// holds one image per ROW (b images of d pixels; MNIST: d = 784); the centres C (k, d) hold centre C_i in row i
// (k = 10 in the homework). The forward pass:
//   V = X C^T - 1/2 1 (||C_1||^2, ..., ||C_k||^2)   (b, k): V(n, i) = x_n . C_i - 1/2 ||C_i||^2, the k neurons,
//   S = softmax(beta V), row by row                 (b, k): image n's soft assignment (HW7: "multiply the result by
//                                                           20 then pass it through a softmax": beta = 20),
//   R = S C                                         (b, d): the reconstruction ("multiplying the softmax output
//                                                           with the tensor C, from the right"),
//   E = R - X                                       (b, d): what the network returns, the error x - x_0,
//   L = 1/(b d) sum_{n,j} E(n, j)^2                 PyTorch's MSELoss() against zeros: the mean over all b d entries.
// Q2: the decoder's transposed convolutions and the size of their output.
// dlc::Tensor<double> is xt::xarray<double>: xt::linalg::dot(A, B) is the matrix product A B, xt::transpose(A) is
// A^T, `*` is the elementwise product; a scalar is a double.
#pragma once

#include "nn/module.hpp"  // dlc::Tensor

namespace hw7_exercise {

using Tensor = dlc::Tensor<double>;

/// Q1: the k neurons for every image of the batch, V (b, k):
///   V(n, i) = x_n . C_i - 1/2 ||C_i||^2,  i.e.  V = X C^T - 1/2 ||C||^2 (the norms broadcast along the rows).
/// X (b, d), C (k, d).
Tensor fields(const Tensor& X, const Tensor& C);

/// Q1: the soft assignments S (b, k): each ROW of V, times beta, through a softmax:
///   S(n, i) = exp(beta V(n, i)) / sum_i' exp(beta V(n, i')).   Every row of S sums to 1.
Tensor soft_assignments(const Tensor& V, double beta);

/// Q1: the reconstruction R = S C (b, d): image n's weighted average of the centres, sum_i S(n, i) C_i.
/// S (b, k), C (k, d).
Tensor reconstruction(const Tensor& S, const Tensor& C);

/// Q1: the loss of the error E = R - X (b, d): L = 1/(b d) sum_{n,j} E(n, j)^2 (MSELoss(), the mean over every entry).
double mse_loss(const Tensor& E);

/// Q1: the gradient of L with respect to the centres, dL/dC (k, d), for X (b, d), C (k, d) and beta: with V, S, R,
/// E as above (C enters twice: through R = S C and through V),
///   G_E = 2/(b d) E                                      (b, d)   dL/dE,
///   G_S = G_E C^T                                         (b, k)   dL/dS,
///   G_V = beta S * (G_S - rowsum(G_S * S))                (b, k)   the softmax's backward, times beta,
///   dL/dC = S^T G_E + G_V^T X - diag(colsum(G_V)) C       (k, d)   (dV(n, i)/dC_i = x_n - C_i),
/// where rowsum(M)(n) = sum_i M(n, i) (subtracted from every entry of row n) and colsum(G_V)(i) = sum_n G_V(n, i).
Tensor grad_centres(const Tensor& X, const Tensor& C, double beta);

/// Q2: the output size of a transposed convolution along one axis (PyTorch's ConvTranspose2d):
///   out = (in - 1) stride - 2 padding + kernel + output_padding.
/// HW7's decoder: 12 -> 27 (kernel 4, stride 2, output padding 1), then 27 -> 28 (kernel 4, stride 1, padding 1).
long conv_transpose_output_size(long in, long kernel, long stride, long padding, long output_padding);

}  // namespace hw7_exercise
