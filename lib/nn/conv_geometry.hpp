/// \file
/// \brief The geometry of a 2-D convolution: stride, padding, and the output size
/// \f$ H_o = \lfloor (H + 2\,\mathrm{pad} - k_h) / s \rfloor + 1 \f$.
///
/// Lectures: ECE/CS 559 L14 (convolutional layers: the sliding window, "stride" and "zero
/// padding", output size \f$ (n + 2p - k)/s + 1 \f$); Bahng §3 (convolution, padding and stride);
/// NYU slides on convolutional layers (LeNet-5: 28×28 input, 5×5 kernels, padding 2 keeps 28×28).
#pragma once

#include <cstddef>

namespace dlc {

/// \brief Stride \f$ s \f$ and zero padding of a convolution (the same along both image axes).
struct ConvOptions {
    /// \brief The step \f$ s \f$ of the sliding window (at least 1).
    std::size_t stride = 1;
    /// \brief The number of zero rows/columns added on each side of the input.
    std::size_t padding = 0;
};

/// \brief The output extent of a convolution along one axis,
/// \f$ \lfloor (\text{in} + 2\,\text{padding} - \text{kernel}) / \text{stride} \rfloor + 1 \f$.
/// \throws ShapeError if `kernel` is larger than the padded input `in + 2 padding` (or is 0);
///         ValueError if `stride` is 0.
std::size_t conv_output_size(std::size_t in, std::size_t kernel, std::size_t stride, std::size_t padding);

/// \brief Everything the convolution loops need about one image and its kernels:
/// input (C, H, W), kernels \f$ k_h \times k_w \f$, stride, padding and output (Ho, Wo).
///
/// Indices follow the notes: output pixel \f$ (i, j) \f$ sees the input pixels
/// \f$ (s\,i + p - \mathrm{pad},\ s\,j + q - \mathrm{pad}) \f$ for \f$ 0 \le p < k_h \f$,
/// \f$ 0 \le q < k_w \f$ (zero outside the image).
struct ConvGeometry {
    /// \brief Input channels \f$ C \f$.
    std::size_t channels = 0;
    /// \brief Input height \f$ H \f$.
    std::size_t height = 0;
    /// \brief Input width \f$ W \f$.
    std::size_t width = 0;
    /// \brief Kernel height \f$ k_h \f$.
    std::size_t kernel_h = 0;
    /// \brief Kernel width \f$ k_w \f$.
    std::size_t kernel_w = 0;
    /// \brief Stride \f$ s \f$.
    std::size_t stride = 1;
    /// \brief Zero padding on each side.
    std::size_t padding = 0;
    /// \brief Output height \f$ H_o \f$.
    std::size_t out_h = 0;
    /// \brief Output width \f$ W_o \f$.
    std::size_t out_w = 0;

    /// \brief The geometry of a (C, H, W) input with \f$ k_h \times k_w \f$ kernels.
    /// \throws ShapeError / ValueError as `conv_output_size`.
    static ConvGeometry make(std::size_t channels, std::size_t height, std::size_t width, std::size_t kernel_h,
                             std::size_t kernel_w, const ConvOptions& opt);

    /// \brief \f$ C k_h k_w \f$: the length of one receptive field (rows of the im2col matrix).
    std::size_t patch_size() const { return channels * kernel_h * kernel_w; }
    /// \brief \f$ H_o W_o \f$: output pixels per channel (columns of the im2col matrix).
    std::size_t out_pixels() const { return out_h * out_w; }
    /// \brief \f$ C H W \f$: the size of one input image.
    std::size_t in_size() const { return channels * height * width; }
};

}  // namespace dlc
