/// \file
/// \brief im2col and col2im: a convolution as one matrix product.
///
/// Lectures: ECE/CS 559 L14 (a convolutional layer is a fully connected layer with shared,
/// sparse weights), Bahng §3; NYU slides on convolutional layers. The receptive field of output
/// pixel \f$ (i, j) \f$ — the \f$ C k_h k_w \f$ input values
/// \f$ X_{c,\, s i + p - \mathrm{pad},\, s j + q - \mathrm{pad}} \f$ (zero outside the image) — is
/// written as column \f$ i W_o + j \f$ of a matrix \f$ \mathrm{cols} \f$ of shape
/// \f$ (C k_h k_w,\ H_o W_o) \f$, row \f$ (c k_h + p) k_w + q \f$. The convolution of one image is then
/// \f[ Y = K_{\text{mat}}\, \mathrm{cols} + b\, \mathbf{1}^\top , \f]
/// with \f$ K_{\text{mat}} \f$ the kernels as an \f$ (F, C k_h k_w) \f$ matrix (each kernel one row):
/// \f$ Y \f$ is the (F, Ho, Wo) output, one channel per row. col2im is the adjoint: it adds every
/// column entry back onto the input pixel it was copied from (pixels that appear in several
/// receptive fields receive the sum), which is how \f$ \nabla_{\mathrm{cols}} \f$ becomes \f$ \nabla_X \f$.
#pragma once

#include "nn/conv_geometry.hpp"

#include <cstddef>

namespace dlc {

/// \brief Copies the receptive fields of one image `x` (C, H, W) into the columns of `cols`.
///
/// `cols` is row-major with \f$ C k_h k_w \f$ rows, row stride `ld` (\f$ \ge H_o W_o \f$: columns of
/// several images can share one matrix), and \f$ H_o W_o \f$ columns written:
/// \f$ \mathrm{cols}_{(c k_h + p) k_w + q,\ i W_o + j} = X_{c,\, s i + p - \mathrm{pad},\, s j + q - \mathrm{pad}} \f$,
/// 0 where the index falls into the padding.
template <class T>
void im2col(const T* x, const ConvGeometry& g, T* cols, std::size_t ld);

/// \brief The adjoint of `im2col`: adds every entry of `cols` onto the pixel of `x` (C, H, W) it
/// came from (padding entries are dropped).
///
/// \f$ X_{c,\, s i + p - \mathrm{pad},\, s j + q - \mathrm{pad}} \mathrel{+}= \mathrm{cols}_{(c k_h + p) k_w + q,\ i W_o + j} \f$;
/// `x` is not cleared first (zero it for \f$ \nabla_X \f$ of one pass).
template <class T>
void col2im(const T* cols, const ConvGeometry& g, T* x, std::size_t ld);

}  // namespace dlc
