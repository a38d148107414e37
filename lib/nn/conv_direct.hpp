/// \file
/// \brief The convolution of a convolutional layer by its definition: plain sliding-window
/// loops, forward and backward — the reference every faster algorithm is tested against.
///
/// Lectures: ECE/CS 559 L14 notes (the convolutional layer, stride, zero padding, its backward
/// pass); Bahng §3 "Convolutional Neural Networks"; NYU slides on convolutional layers and LeNet.
/// Deep-learning layers compute the cross-correlation (the kernel is not flipped; see
/// `image_convolution.hpp` for the image-processing convolution that flips it):
/// \f[ (X * K)_{n,f,i,j} = \sum_{c} \sum_{p,q} X_{n,\,c,\,s i + p - \mathrm{pad},\,s j + q - \mathrm{pad}}\, K_{f,c,p,q} + b_f , \f]
/// with \f$ X \f$ read as 0 outside the image. Its backward pass, given \f$ \delta = \nabla_Y l \f$,
/// follows from \f$ \partial Y_{n,f,i,j} / \partial K_{f,c,p,q} = X_{n,c,si+p-\mathrm{pad},sj+q-\mathrm{pad}} \f$
/// and \f$ \partial Y_{n,f,i,j} / \partial X_{n,c,si+p-\mathrm{pad},sj+q-\mathrm{pad}} = K_{f,c,p,q} \f$:
/// \f[ \nabla_{K_{f,c,p,q}} l = \sum_{n,i,j} \delta_{n,f,i,j}\, X_{n,c,si+p-\mathrm{pad},sj+q-\mathrm{pad}}, \qquad
///     \nabla_{b_f} l = \sum_{n,i,j} \delta_{n,f,i,j}, \f]
/// \f[ \nabla_{X_{n,c,u,v}} l = \sum_{f} \sum_{(i,j,p,q):\ si+p-\mathrm{pad} = u,\ sj+q-\mathrm{pad} = v} \delta_{n,f,i,j}\, K_{f,c,p,q} \f]
/// (every output pixel sends its \f$ \delta \f$ back through the weights of its window).
#pragma once

#include "nn/conv_geometry.hpp"
#include "nn/module.hpp"

#include <cstddef>

namespace dlc {

/// \brief The definition of the convolutional layer, for one batch: `x` (N, C, H, W), kernels `K`
/// (F, C, kh, kw), biases `b` (F) or size 0 (no bias) → (N, F, Ho, Wo).
///
/// \f$ (X * K)_{n,f,i,j} = \sum_c \sum_{p,q} X_{n,c,\,s i+p-\mathrm{pad},\,s j+q-\mathrm{pad}}\, K_{f,c,p,q} + b_f \f$
/// (zero outside the image), computed by plain loops that read like the notes; `Conv2d` with
/// `ConvAlgorithm::direct` uses the same loops. \f$ H_o = \lfloor (H + 2\,\mathrm{pad} - k_h)/s \rfloor + 1 \f$.
/// \throws ShapeError if `x` or `K` is not rank 4, their channel counts differ, `b` has neither
///         F entries nor 0, or the kernel is larger than the padded input; ValueError if the
///         stride is 0.
template <class T>
Tensor<T> conv2d_direct(const Tensor<T>& x, const Tensor<T>& K, const Tensor<T>& b, ConvOptions opt = {});

/// \brief The sliding-window forward pass on raw row-major arrays: `y` (N, F, Ho, Wo) \f$ = \f$
/// `x` (N, C, H, W) \f$ * \f$ `K` (F, C, kh, kw) \f$ + \f$ `b` (F; `nullptr` for no bias).
template <class T>
void conv2d_direct_forward(const T* x, std::size_t batch, const ConvGeometry& g, const T* K, std::size_t filters,
                           const T* b, T* y);

/// \brief The sliding-window backward pass on raw arrays, given \f$ \delta \f$ = `delta` (N, F, Ho, Wo):
/// **adds** \f$ \nabla_K l \f$ to `grad_K` and \f$ \nabla_b l \f$ to `grad_b` (unless `nullptr`), and
/// **overwrites** `grad_x` (N, C, H, W) with \f$ \nabla_X l \f$ (unless `nullptr`).
template <class T>
void conv2d_direct_backward(const T* x, std::size_t batch, const ConvGeometry& g, const T* K, std::size_t filters,
                            const T* delta, T* grad_K, T* grad_b, T* grad_x);

}  // namespace dlc
