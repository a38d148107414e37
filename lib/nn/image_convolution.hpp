/// \file
/// \brief Image-processing convolution \f$ g = \omega \star f \f$ (kernel flipped) and its
/// cross-correlation counterpart (kernel not flipped) for a single-channel image, same-size
/// output with zero padding.
///
/// Lectures: the UCSD slides on spatial filtering (\f$ g(x, y) = \sum_{s=-a}^{a} \sum_{t=-b}^{b}
/// \omega(s, t)\, f(x - s, y - t) \f$: box and Gaussian smoothing, Sobel derivatives), ECE/CS 559
/// L14 and Bahng §3.1 (the "convolution" of CNNs is the cross-correlation).
///
/// **Convolution versus cross-correlation.** For a kernel \f$ \omega \f$ of odd size
/// \f$ (2a+1) \times (2b+1) \f$, indexed \f$ \omega(s, t) \f$ with \f$ -a \le s \le a \f$,
/// \f$ -b \le t \le b \f$ (centre \f$ (0, 0) \f$, stored at `w(a + s, b + t)`):
/// \f[ \text{convolution:}\quad (\omega \star f)(x, y) = \sum_{s=-a}^{a} \sum_{t=-b}^{b} \omega(s, t)\, f(x - s,\ y - t), \f]
/// \f[ \text{cross-correlation:}\quad (\omega \otimes f)(x, y) = \sum_{s=-a}^{a} \sum_{t=-b}^{b} \omega(s, t)\, f(x + s,\ y + t). \f]
/// They differ only by flipping the kernel (rotating it by 180°):
/// \f$ \omega \star f = \tilde\omega \otimes f \f$ with \f$ \tilde\omega(s, t) = \omega(-s, -t) \f$.
/// For symmetric kernels (\f$ \omega(-s,-t) = \omega(s,t) \f$: box filter, Gaussian, Laplacian)
/// the two are identical; for antisymmetric ones such as the Sobel derivative kernels the flip
/// changes the sign of the response (an edge's gradient direction is reported reversed).
/// Convolution is commutative and associative (filters compose by convolving them), which is why
/// signal processing uses it. **Deep-learning layers (`Conv2d`, `conv2d_direct`) compute the
/// cross-correlation**: the kernels are learned, so whether they are flipped makes no difference
/// to what a network can represent, and skipping the flip is simpler.
#pragma once

#include "core/tensor.hpp"

namespace dlc {

/// \brief The image-processing convolution \f$ g(x, y) = \sum_{s,t} \omega(s, t)\, f(x - s, y - t) \f$
/// of the image `f` (H, W) with the odd-sized kernel `w` (centre \f$ (0, 0) \f$ at `w(a, b)`);
/// output (H, W), \f$ f \f$ read as 0 outside the image (zero padding).
/// \throws ShapeError if `w` is empty or has an even extent.
template <class T>
Matrix<T> convolve2d(const Matrix<T>& f, const Matrix<T>& w);

/// \brief The cross-correlation \f$ g(x, y) = \sum_{s,t} \omega(s, t)\, f(x + s, y + t) \f$ (no flip;
/// what CNN layers compute), same size as `f`, zero padding.
/// \throws ShapeError if `w` is empty or has an even extent.
template <class T>
Matrix<T> correlate2d(const Matrix<T>& f, const Matrix<T>& w);

}  // namespace dlc
