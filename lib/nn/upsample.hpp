/// \file
/// \brief Upsampling of feature maps by an integer factor \f$ s \f$: nearest neighbour (every pixel
/// becomes an \f$ s \times s \f$ block) or bicubic (Keys' cubic convolution, PyTorch's
/// `interpolate(mode='bicubic', align_corners=False)`), each with its backward pass.
///
/// Lectures: the CNN lecture (pooling shrinks feature maps; a decoder grows them back) and the
/// autoencoder lecture; HW7 Q2's decoder ("Perform bicubic upsampling by a factor of 2", 6×6 → 12×12,
/// before the transposed convolutions).
///
/// Both modes are linear maps \f$ y = U x \f$ applied to every (example, channel) plane, with no
/// parameters, so the backward pass is \f$ \nabla_x l = U^\top \nabla_y l \f$: every output pixel
/// sends its gradient back to the input pixels it was made from, with the same weights.
#pragma once

#include "nn/module.hpp"

#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace dlc {

/// \brief How `Upsample` fills the new pixels.
enum class UpsampleMode {
    /// \f$ y_{u,v} = x_{\lfloor u/s \rfloor, \lfloor v/s \rfloor} \f$: each pixel copied into an
    /// \f$ s \times s \f$ block.
    nearest,
    /// Separable cubic convolution over a 4 × 4 neighbourhood (Keys, \f$ a = -0.75 \f$), as PyTorch's
    /// `mode='bicubic', align_corners=False`.
    bicubic,
};

/// \brief The four weights of Keys' cubic convolution for a source point at fraction \f$ t \in [0, 1) \f$
/// past sample \f$ i_0 \f$: the weights of samples \f$ i_0 - 1, i_0, i_0 + 1, i_0 + 2 \f$,
/// \f$ (W(t + 1),\ W(t),\ W(1 - t),\ W(2 - t)) \f$, with the kernel
/// \f[ W(d) = \begin{cases} (a + 2)|d|^3 - (a + 3)|d|^2 + 1, & |d| \le 1,
///                       \\ a|d|^3 - 5a|d|^2 + 8a|d| - 4a, & 1 < |d| < 2,
///                       \\ 0, & \text{otherwise}. \end{cases} \f]
/// They sum to 1 for every \f$ t \f$ (constants are reproduced) and give \f$ (0, 1, 0, 0) \f$ at
/// \f$ t = 0 \f$ (samples are reproduced); only \f$ a = -1/2 \f$ also reproduces linear functions
/// (\f$ \sum_k k\, w_k = t \f$), PyTorch's \f$ a = -3/4 \f$ sharpens edges a little more.
/// \param t  the fractional position, \f$ 0 \le t < 1 \f$
/// \param a  the kernel's free parameter (PyTorch uses \f$ -0.75 \f$; Keys recommends \f$ -0.5 \f$)
std::array<double, 4> cubic_convolution_weights(double t, double a = -0.75);

/// \brief Upsampling by an integer factor: (N, C, H, W) → (N, C, sH, sW), no parameters.
///
/// **Nearest.** \f$ y_{u,v} = x_{\lfloor u/s \rfloor,\, \lfloor v/s \rfloor} \f$; backward sums each
/// block: \f$ (\nabla_x l)_{i,j} = \sum_{a,b=0}^{s-1} (\nabla_y l)_{i s + a,\, j s + b} \f$.
///
/// **Bicubic** (PyTorch's `align_corners=False` convention). Output row \f$ u \f$ samples the input
/// at the real coordinate
/// \f[ \xi_u = \frac{u + 1/2}{s} - \frac12 \f]
/// (pixel centres aligned, so the corners of the images coincide); with
/// \f$ i_u = \lfloor \xi_u \rfloor \f$, \f$ t_u = \xi_u - i_u \f$ and the weights
/// \f$ w_{u,k} = W(t_u - k) \f$, \f$ k = -1, \dots, 2 \f$ (`cubic_convolution_weights` at \f$ t_u \f$;
/// \f$ w'_{v,l} \f$ likewise along the columns),
/// \f[ y_{u,v} = \sum_{k=-1}^{2} \sum_{l=-1}^{2} w_{u,k}\, w'_{v,l}\;
///     x_{\mathrm{clamp}(i_u + k),\ \mathrm{clamp}(j_v + l)} , \f]
/// where \f$ \mathrm{clamp} \f$ clips an index to \f$ [0, H - 1] \f$ (resp. \f$ [0, W - 1] \f$): the
/// border pixels are repeated. Computed separably (along rows, then columns) from index/weight tables
/// built once per input size. The backward pass is the transpose: every
/// \f$ (\nabla_y l)_{u,v} \f$ is added to the same 16 input pixels with the same weights
/// \f$ w_{u,k} w'_{v,l} \f$ (clamped indices accumulate).
template <class T>
class Upsample : public Module<T> {
public:
    /// \brief Upsampling by `scale` \f$ = s \f$ in both spatial axes.
    /// \throws ValueError if `scale` is 0.
    explicit Upsample(std::size_t scale = 2, UpsampleMode mode = UpsampleMode::nearest);

    /// \brief \f$ y = U x \f$ for `x` (N, C, H, W); returns (N, C, sH, sW).
    /// \throws ShapeError if `x` is not of rank 4.
    const Tensor<T>& forward(const Tensor<T>& x) override;
    /// \brief Returns \f$ \nabla_x l = U^\top \nabla_y l \f$ (block sums for nearest, the weighted
    /// scatter for bicubic).
    const Tensor<T>& backward(const Tensor<T>& grad_output) override;
    /// \brief E.g. `"Upsample(x2, bicubic)"`.
    std::string name() const override;

    /// \brief The factor \f$ s \f$.
    std::size_t scale() const { return scale_; }
    /// \brief Nearest or bicubic.
    UpsampleMode interpolation() const { return interp_; }

private:
    // For each output index along one axis: the 4 clamped source indices and their weights.
    struct Taps {
        std::vector<std::size_t> index;
        std::vector<T> weight;
    };
    void build_taps(std::size_t n, Taps& taps) const;
    void bicubic_forward(const T* x, std::size_t H, std::size_t W, T* y);
    void bicubic_backward(const T* g, std::size_t H, std::size_t W, T* gx);

    std::size_t scale_;
    UpsampleMode interp_;
    Shape in_shape_;            // the shape of the last input (backward's output shape)
    Taps row_taps_, col_taps_;  // bicubic tables for the last H and W
    std::size_t taps_H_ = 0, taps_W_ = 0;
    std::vector<T> plane_;      // scratch (H, sW): one plane interpolated along its rows only
};

}  // namespace dlc
