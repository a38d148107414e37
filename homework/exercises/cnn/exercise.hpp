// The convolutional layer as code (`./course exercise cnn`): the functions you write in my-work/cnn/cnn.cpp.
//
// A convolutional layer (ECE/CS 559 L14 notes; Bahng §3.1-3.2) slides F kernels over a batch of images:
//   X (N, C, H, W): N images of C channels, H x W pixels;  W (F, C, KH, KW): F kernels, each spanning all C channels;
//   b (F): one bias per kernel;  Y (N, F, Ho, Wo): one feature map per kernel.
//   Y(n, f, i, j) = b(f) + sum_c sum_{p < KH} sum_{q < KW} X(n, c, s i + p - pad, s j + q - pad) W(f, c, p, q),
// with stride s, zero padding pad (X read as 0 outside the image). The kernel is NOT flipped: a deep-learning
// "convolution" is the cross-correlation, as in the notes' worked examples (the L14 5x5 example, Bahng Example 3.1).
// dlc::Tensor<double> is xt::xarray<double>; X(n, c, u, v) reads an entry, Tensor::from_shape({N, F, Ho, Wo}) or
// xt::zeros<double>({N, F, Ho, Wo}) makes the output. The checks compare with the library's lib/nn/conv_direct.hpp
// (the plain loops) and each backward gradient with central differences of YOUR forward pass.
#pragma once

#include "nn/module.hpp"  // dlc::Tensor

#include <cstddef>

namespace cnn_exercise {

using Tensor = dlc::Tensor<double>;

/// The output extent along one axis of an input of `in` pixels, a kernel of `kernel` pixels, stride s, padding pad:
///   out = floor((in + 2 pad - kernel) / s) + 1   (L14: zero padding adds pad pixels on EACH side; Bahng §3.1).
std::size_t conv_output_size(std::size_t in, std::size_t kernel, std::size_t stride, std::size_t padding);

/// The forward pass of the layer: X (N, C, H, W), W (F, C, KH, KW), b (F) -> Y (N, F, Ho, Wo),
///   Y(n, f, i, j) = b(f) + sum_{c, p, q} X(n, c, s i + p - pad, s j + q - pad) W(f, c, p, q)   (X = 0 outside),
///   Ho = conv_output_size(H, KH, s, pad), Wo = conv_output_size(W, KW, s, pad)   (L14; Bahng Example 3.1).
Tensor conv2d_forward(const Tensor& X, const Tensor& W, const Tensor& b, std::size_t stride, std::size_t padding);

/// The layer's gradients; each has the shape of what it differentiates.
struct ConvGradients {
    Tensor dX;  ///< (N, C, H, W)
    Tensor dW;  ///< (F, C, KH, KW)
    Tensor db;  ///< (F)
};

/// The backward pass, given dY = dl/dY (N, F, Ho, Wo): every output pixel (n, f, i, j) sends dY(n, f, i, j) back
/// through its window, u = s i + p - pad, v = s j + q - pad (skip (u, v) outside the image):
///   dW(f, c, p, q) = sum_{n, i, j} dY(n, f, i, j) X(n, c, u, v)     (forward signal times backward signal),
///   dX(n, c, u, v) = sum of dY(n, f, i, j) W(f, c, p, q) over f and the windows that cover (u, v),
///   db(f)          = sum_{n, i, j} dY(n, f, i, j)                   (over the batch AND the positions)
/// (L14, the convolutional layer's backward pass; Bahng §3.2: a convolution is a linear map, backpropagated as one).
ConvGradients conv2d_backward(const Tensor& X, const Tensor& W, const Tensor& dY, std::size_t stride,
                              std::size_t padding);

}  // namespace cnn_exercise
