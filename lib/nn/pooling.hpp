/// \file
/// \brief Pooling layers: max pooling, average pooling and global average pooling over the
/// spatial axes of (N, C, H, W) feature maps.
///
/// Lectures: ECE/CS 559 L14 notes (pooling: summarize each \f$ k \times k \f$ window, which makes
/// the features insensitive to small shifts and shrinks the maps; the backward pass of
/// \f$ \max(s_1, s_2) \f$ is the graph "if \f$ s_1 > s_2 \f$ the gradient goes to \f$ s_1 \f$, else to
/// \f$ s_2 \f$"), Bahng §3 (pooling layers), NYU slides on LeNet-5 (2×2 pooling after each
/// convolution: 28×28 → 14×14, 10×10 → 5×5) and on global average pooling.
///
/// Pooling acts on every channel separately and has no parameters. With window \f$ k \f$ and
/// stride \f$ s \f$ (no padding), output pixel \f$ (i, j) \f$ summarizes the window
/// \f$ W_{ij} = \{ (s i + p,\ s j + q) : 0 \le p, q < k \} \f$ and
/// \f$ H_o = \lfloor (H - k)/s \rfloor + 1 \f$ (likewise \f$ W_o \f$).
#pragma once

#include "nn/module.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace dlc {

/// \brief Max pooling: \f$ Y_{n,c,i,j} = \max_{(u,v) \in W_{ij}} X_{n,c,u,v} \f$.
///
/// **Backward**: the maximum is the only input of the window that the output depends on (locally),
/// so \f$ \delta_{n,c,i,j} \f$ is routed to it and the other inputs of the window get 0 — the
/// notes' graph of \f$ \max(s_1, s_2) \f$. Overlapping windows (\f$ s < k \f$) add their
/// contributions.
template <class T>
class MaxPool2d : public Module<T> {
public:
    /// \brief Pooling over \f$ k \times k \f$ windows with stride \f$ s \f$.
    /// \param kernel  the window size \f$ k \f$ (e.g. 2 in LeNet-5)
    /// \param stride  the step \f$ s \f$; 0 means \f$ s = k \f$ (non-overlapping windows)
    /// \throws ValueError if `kernel` is 0.
    explicit MaxPool2d(std::size_t kernel, std::size_t stride = 0);

    /// \brief \f$ Y_{n,c,i,j} = \max_{W_{ij}} X_{n,c} \f$ for `x` (N, C, H, W); records `argmax()`.
    /// \throws ShapeError if `x` is not rank 4 or the window is larger than the image.
    const Tensor<T>& forward(const Tensor<T>& x) override;
    /// \brief Routes each \f$ \delta_{n,c,i,j} \f$ to the input at `argmax()`; returns \f$ \nabla_X l \f$.
    const Tensor<T>& backward(const Tensor<T>& grad_output) override;
    /// \brief E.g. `"MaxPool2d(2x2, stride 2)"`.
    std::string name() const override;

    /// \brief For each output element (row-major (N, C, Ho, Wo) order), the flat index into the input
    /// (N, C, H, W) of its window's maximum (ties: the first in row-major window order); backward
    /// routes \f$ \delta \f$ there only (the notes' "if \f$ s_1 > s_2 \f$" graph).
    const std::vector<std::size_t>& argmax() const { return argmax_; }
    /// \brief The window size \f$ k \f$.
    std::size_t kernel() const { return kernel_; }
    /// \brief The stride \f$ s \f$.
    std::size_t stride() const { return stride_; }

private:
    std::size_t kernel_, stride_;
    Shape in_shape_;
    std::vector<std::size_t> argmax_;
};

/// \brief Average pooling: \f$ Y_{n,c,i,j} = \frac{1}{k^2} \sum_{(u,v) \in W_{ij}} X_{n,c,u,v} \f$.
///
/// **Backward**: every input of the window receives \f$ \delta_{n,c,i,j} / k^2 \f$ (overlapping
/// windows add).
template <class T>
class AvgPool2d : public Module<T> {
public:
    /// \brief Averaging over \f$ k \times k \f$ windows with stride \f$ s \f$ (0 means \f$ s = k \f$).
    /// \throws ValueError if `kernel` is 0.
    explicit AvgPool2d(std::size_t kernel, std::size_t stride = 0);

    /// \brief The window means of `x` (N, C, H, W) → (N, C, Ho, Wo).
    /// \throws ShapeError if `x` is not rank 4 or the window is larger than the image.
    const Tensor<T>& forward(const Tensor<T>& x) override;
    /// \brief Spreads \f$ \delta_{n,c,i,j} / k^2 \f$ over each window; returns \f$ \nabla_X l \f$.
    const Tensor<T>& backward(const Tensor<T>& grad_output) override;
    /// \brief E.g. `"AvgPool2d(2x2, stride 2)"`.
    std::string name() const override;
    /// \brief The window size \f$ k \f$.
    std::size_t kernel() const { return kernel_; }
    /// \brief The stride \f$ s \f$.
    std::size_t stride() const { return stride_; }

private:
    std::size_t kernel_, stride_;
    Shape in_shape_;
};

/// \brief Global average pooling: one number per channel,
/// \f$ Y_{n,c} = \frac{1}{H W} \sum_{u,v} X_{n,c,u,v} \f$, (N, C, H, W) → (N, C).
///
/// Replaces flatten + fully connected layers at the end of modern CNNs (NYU slides). **Backward**:
/// \f$ \nabla_{X_{n,c,u,v}} l = \delta_{n,c} / (H W) \f$.
template <class T>
class GlobalAvgPool2d : public Module<T> {
public:
    GlobalAvgPool2d() = default;
    /// \brief The channel means of `x` (N, C, H, W) → (N, C).
    /// \throws ShapeError if `x` is not rank 4 or has an empty image.
    const Tensor<T>& forward(const Tensor<T>& x) override;
    /// \brief \f$ \nabla_X l = \delta / (H W) \f$ broadcast over each channel's pixels.
    const Tensor<T>& backward(const Tensor<T>& grad_output) override;
    /// \brief `"GlobalAvgPool2d"`.
    std::string name() const override { return "GlobalAvgPool2d"; }

private:
    Shape in_shape_;
};

}  // namespace dlc
