/// \file
/// \brief The transposed ("fractionally strided") convolution: every input pixel scatters a copy of
/// the kernel, scaled by its value, into the output at stride spacing — the layer a convolutional
/// decoder uses to go from small feature maps back to an image.
///
/// Lectures: the CNN lecture (convolution as a sparse matrix product \f$ y = C x \f$, its backward
/// pass \f$ \nabla_x l = C^\top \nabla_y l \f$) and the autoencoder/VAE lectures; HW7 Q2's decoder
/// ("a (transpose) convolutional layer with 20 output channels, 4×4 filters, stride 2, and 1 output
/// padding", then one with "stride 1, input padding 1", giving 12 → 27 → 28 pixels).
///
/// **Scatter.** With a kernel \f$ K \f$ of shape (C_in, C_out, kh, kw) (PyTorch's layout), stride
/// \f$ s \f$ and padding \f$ p \f$, input pixel \f$ x_{c,i,j} \f$ adds the block
/// \f$ x_{c,i,j}\, K_{c,o,\cdot,\cdot} \f$ to output channel \f$ o \f$ with its top-left corner at
/// \f$ (i s - p,\ j s - p) \f$:
/// \f[ y_{o,\,i s - p + a,\; j s - p + c'} \mathrel{+}= \sum_{c} x_{c,i,j}\, K_{c,o,a,c'}, \qquad
///     y_{o,u,v} \text{ starts at } b_o . \f]
/// Positions that fall outside the output are dropped (that is what "padding" removes here).
///
/// **Why "transposed".** A strided convolution with the same kernel, read as a map from C_out
/// channels to C_in channels, gathers \f$ z_{c,i,j} = \sum_{o,a,c'} K_{c,o,a,c'}\,
/// u_{o,\,i s - p + a,\; j s - p + c'} \f$: it is a matrix \f$ C \f$ with \f$ z = C u \f$. The
/// scatter above is exactly \f$ y = C^\top x + b \f$ — the convolution's backward pass with respect to
/// its input, run as a forward pass. Hence \f$ \langle C u, x \rangle = \langle u, C^\top x \rangle \f$,
/// and the backward pass of this layer is a plain (strided) convolution.
///
/// **Output size** (as PyTorch):
/// \f[ H_o = (H - 1)\, s - 2 p + k_h + \text{output\_padding}, \qquad
///     W_o = (W - 1)\, s - 2 p + k_w + \text{output\_padding}. \f]
/// A strided convolution maps several input sizes to the same output size (it floors); the
/// `output_padding` \f$ < s \f$ picks the larger one by adding rows/columns at the bottom/right.
#pragma once

#include "core/rng.hpp"
#include "nn/init.hpp"
#include "nn/module.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace dlc {

/// \brief Hyper-parameters of a transposed convolution (the same in both spatial axes).
struct ConvTransposeOptions {
    /// \brief \f$ s \f$: the spacing, in output pixels, between the kernel copies of neighbouring
    /// input pixels (\f$ s \ge 1 \f$; \f$ s = 2 \f$ roughly doubles the size).
    std::size_t stride = 1;
    /// \brief \f$ p \f$: rows/columns cropped from each border of the full scatter result (the
    /// padding of the convolution this layer is the transpose of).
    std::size_t padding = 0;
    /// \brief Extra rows/columns at the bottom/right of the output, \f$ 0 \le \cdot < s \f$.
    std::size_t output_padding = 0;
};

/// \brief The output extent of a transposed convolution along one axis:
/// \f$ (n - 1)\, s - 2 p + k + \text{output\_padding} \f$ (negative when the padding crops
/// everything).
/// \param n       the input extent (\f$ n \ge 1 \f$)
/// \param kernel  the kernel extent \f$ k \f$
/// \param opt     stride, padding and output padding
long conv_transpose2d_output_size(std::size_t n, std::size_t kernel, const ConvTransposeOptions& opt);

/// \brief The transposed convolution written as the loops of its definition, for tests and for
/// reading: for every example, input channel \f$ c \f$ and pixel \f$ (i, j) \f$, add
/// \f$ x_{c,i,j}\, K_{c,o,a,c'} \f$ to \f$ y_{o,\, i s - p + a,\, j s - p + c'} \f$ (when inside),
/// starting from \f$ y_{o,u,v} = b_o \f$.
/// \param x    input (N, C_in, H, W)
/// \param K    kernel (C_in, C_out, kh, kw)
/// \param b    bias (C_out), or empty for none
/// \param opt  stride, padding, output padding
/// \return     (N, C_out, H_o, W_o)
/// \throws ShapeError for inconsistent shapes or \f$ H_o \le 0 \f$; ValueError for a zero stride or
///         output_padding \f$ \ge \f$ stride.
template <class T>
Tensor<T> conv_transpose2d_direct(const Tensor<T>& x, const Tensor<T>& K, const Tensor<T>& b,
                                  const ConvTransposeOptions& opt = {});

/// \brief A transposed 2-D convolution layer (PyTorch's `nn.ConvTranspose2d`), kernel
/// \f$ K \f$ (C_in, C_out, kh, kw) and bias \f$ b \f$ (C_out).
///
/// **Forward** (see the file comment for the scatter formula). Per example, with the input as a
/// matrix \f$ X \f$ (C_in, H W) and the kernel as \f$ K \f$ (C_in, C_out kh kw):
/// \f[ \text{cols} = K^\top X \quad (C_{out} k_h k_w,\ H W), \f]
/// column \f$ (i, j) \f$ of which is the kernel block pixel \f$ (i, j) \f$ scatters; a "col2im"
/// step then adds each entry \f$ \text{cols}_{(o,a,c'),(i,j)} \f$ to
/// \f$ y_{o,\, i s - p + a,\, j s - p + c'} \f$. One GEMM per example into a reused buffer.
///
/// **Backward**, given \f$ G = \nabla_y l \f$: the "im2col" of \f$ G \f$ gathers, for each input
/// pixel, the output values its kernel copy touched, \f$ \text{cols}_{(o,a,c'),(i,j)} =
/// G_{o,\, i s - p + a,\, j s - p + c'} \f$ (0 outside), and then
/// \f[ \nabla_X l = K\, \text{cols}, \qquad \nabla_K l \mathrel{+}= X\, \text{cols}^\top, \qquad
///     \nabla_{b_o} l \mathrel{+}= \sum_{n,u,v} G_{n,o,u,v} : \f]
/// the input gradient is an ordinary strided convolution of \f$ G \f$ with \f$ K \f$.
///
/// **Initialization.** Each output pixel of a stride-1 layer sums \f$ C_{in} k_h k_w \f$ products,
/// so the fans passed to `initialize` are \f$ n_{\text{in}} = C_{in} k_h k_w \f$ and
/// \f$ n_{\text{out}} = C_{out} k_h k_w \f$ (PyTorch's default draws from the weight's second axis,
/// \f$ C_{out} k_h k_w \f$).
template <class T>
class ConvTranspose2d : public Module<T> {
public:
    /// \brief A layer with a kernel drawn with `weight_init` and a bias drawn with `bias_init`.
    /// \param in_channels   \f$ C_{in} \f$, the channels of the input
    /// \param out_channels  \f$ C_{out} \f$, the channels of the output
    /// \param kernel_h      \f$ k_h \f$
    /// \param kernel_w      \f$ k_w \f$
    /// \param rng           the generator the initial weights are drawn from
    /// \param opt           stride, padding, output padding
    /// \param weight_init   the scheme of \f$ K \f$ (default Kaiming)
    /// \param bias_init     the scheme of \f$ b \f$ (default zeros)
    /// \param bias          false for no bias
    /// \throws ValueError if a channel count, a kernel extent or the stride is 0, or if
    ///         output_padding \f$ \ge \f$ stride.
    ConvTranspose2d(std::size_t in_channels, std::size_t out_channels, std::size_t kernel_h, std::size_t kernel_w,
                    Rng& rng, ConvTransposeOptions opt = {}, const WeightInit& weight_init = WeightInit::kaiming(),
                    const WeightInit& bias_init = WeightInit::zeros(), bool bias = true);

    /// \brief A layer with the given kernel \f$ K \f$ (C_in, C_out, kh, kw) and bias \f$ b \f$ (C_out);
    /// an empty `b` means no bias.
    /// \throws ShapeError if `K` is not a non-empty rank-4 tensor or `b` does not have C_out
    ///         entries; ValueError as for the other constructor.
    ConvTranspose2d(Tensor<T> K, Tensor<T> b, ConvTransposeOptions opt = {});

    /// \brief \f$ y = C^\top x + b \f$ for `x` (N, C_in, H, W); returns (N, C_out, H_o, W_o).
    /// \throws ShapeError if `x` is not (N, C_in, H, W) with \f$ H, W \ge 1 \f$, or if
    ///         \f$ H_o \le 0 \f$ or \f$ W_o \le 0 \f$.
    const Tensor<T>& forward(const Tensor<T>& x) override;
    /// \brief Given \f$ \nabla_y l \f$: accumulates \f$ \nabla_K l \f$ and \f$ \nabla_b l \f$ and
    /// returns \f$ \nabla_x l \f$ (a strided convolution of \f$ \nabla_y l \f$ with \f$ K \f$).
    const Tensor<T>& backward(const Tensor<T>& grad_output) override;
    /// \brief E.g. `"ConvTranspose2d(20 -> 20, 4x4, stride 2, padding 0, output_padding 1)"`.
    std::string name() const override;
    /// \brief `K` and (if present) `b`.
    std::vector<Parameter<T>> parameters() override;

    /// \brief The kernel \f$ K \f$, shape (C_in, C_out, kh, kw).
    Tensor<T>& K() { return K_; }
    /// \brief The kernel \f$ K \f$ (read-only).
    const Tensor<T>& K() const { return K_; }
    /// \brief The bias \f$ b \f$, shape (C_out) (size 0 without bias).
    Tensor<T>& b() { return b_; }
    /// \brief The bias \f$ b \f$ (read-only).
    const Tensor<T>& b() const { return b_; }
    /// \brief \f$ \nabla_K l \f$, accumulated by `backward`.
    const Tensor<T>& grad_K() const { return grad_K_; }
    /// \brief \f$ \nabla_b l \f$, accumulated by `backward`.
    const Tensor<T>& grad_b() const { return grad_b_; }
    /// \brief \f$ C_{in} \f$.
    std::size_t in_channels() const { return K_.shape(0); }
    /// \brief \f$ C_{out} \f$.
    std::size_t out_channels() const { return K_.shape(1); }
    /// \brief Stride, padding and output padding.
    const ConvTransposeOptions& options() const { return opt_; }
    /// \brief Whether the layer has a bias \f$ b \f$.
    bool has_bias() const { return has_bias_; }

private:
    void check_options() const;
    Tensor<T> K_, b_, grad_K_, grad_b_;
    Tensor<T> x_;     // the cached input of the last forward (N, C_in, H, W)
    Tensor<T> cols_;  // scratch (C_out kh kw, H W): the scattered blocks / the gathered gradients
    ConvTransposeOptions opt_;
    bool has_bias_ = true;
};

}  // namespace dlc
