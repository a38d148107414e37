/// \file
/// \brief The 2-D convolutional layer \f$ Y = X * K + b \f$ (N, C, H, W) → (N, F, Ho, Wo), computed
/// either by its definition (sliding-window loops) or by im2col and one matrix product (GEMM).
///
/// Lectures: ECE/CS 559 L14 notes (convolutional layers: local receptive fields, weight sharing,
/// stride, zero padding, the output size, the backward pass), Bahng §3 "Convolutional Neural
/// Networks" (§3.1 the convolution operation, padding and stride), NYU slides on convolutional
/// layers and LeNet-5 (conv 6@5×5 with padding 2 on 28×28 digits, pooling, conv 16@5×5, then
/// fully connected 400-120-84-10).
#pragma once

#include "core/rng.hpp"
#include "nn/conv_direct.hpp"
#include "nn/conv_geometry.hpp"
#include "nn/init.hpp"
#include "nn/module.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace dlc {

/// \brief How `Conv2d` computes its forward and backward passes (same results up to rounding).
enum class ConvAlgorithm {
    /// im2col + GEMM (the default, fast): each image's receptive fields become the columns of a
    /// \f$ (C k_h k_w, H_o W_o) \f$ matrix and the layer is one matrix product with the
    /// \f$ (F, C k_h k_w) \f$ kernel matrix (see `im2col.hpp`).
    im2col_gemm,
    /// The definition, as sliding-window loops (see `conv_direct.hpp`): slow, but reads like the
    /// notes.
    direct,
};

/// \brief A convolutional layer: F kernels of shape (C, kh, kw), one bias per kernel.
///
/// **Forward** (ECE/CS 559 L14, Bahng §3.1): for an input batch \f$ X \f$ (N, C, H, W), the
/// output (N, F, Ho, Wo) is the cross-correlation of deep-learning layers (kernel not flipped)
/// \f[ Y_{n,f,i,j} = \sum_{c=0}^{C-1} \sum_{p=0}^{k_h-1} \sum_{q=0}^{k_w-1}
///     X_{n,\,c,\,s i + p - \mathrm{pad},\,s j + q - \mathrm{pad}}\, K_{f,c,p,q} + b_f , \f]
/// \f$ X \f$ being 0 in the padding, with \f$ H_o = \lfloor (H + 2\,\mathrm{pad} - k_h)/s \rfloor + 1 \f$
/// (likewise \f$ W_o \f$; see `conv_output_size`). Each output channel \f$ f \f$ is one feature map:
/// the same kernel (shared weights) slides over every position.
///
/// **im2col + GEMM** (the default algorithm): for each image, `im2col` copies the receptive field
/// of every output pixel into a column, giving \f$ \mathrm{cols} \f$ of shape
/// \f$ (C k_h k_w,\ H_o W_o) \f$; with the kernels as the rows of \f$ K_{\text{mat}} \f$
/// (F, \f$ C k_h k_w \f$) the whole layer is one matrix product,
/// \f[ Y_{\text{mat}} = K_{\text{mat}}\, \mathrm{cols} + b\,\mathbf{1}^\top \qquad (F,\ H_o W_o), \f]
/// i.e. a fully connected layer applied to every receptive field. **Backward**, given
/// \f$ \delta = \nabla_Y l \f$ as \f$ \delta_{\text{mat}} \f$ (F, \f$ H_o W_o \f$) per image:
/// \f[ \nabla_{K_{\text{mat}}} l \mathrel{+}= \delta_{\text{mat}}\, \mathrm{cols}^\top, \qquad
///     \nabla_{b} l \mathrel{+}= \delta_{\text{mat}} \mathbf{1}, \qquad
///     \nabla_{\mathrm{cols}} l = K_{\text{mat}}^\top\, \delta_{\text{mat}} , \f]
/// the notes' \f$ \nabla_W = \delta x^\top \f$, \f$ \nabla_x = W^\top \delta \f$ once more; then
/// `col2im` scatter-adds \f$ \nabla_{\mathrm{cols}} l \f$ back onto the pixels (a pixel in several
/// receptive fields receives the sum of their gradients), giving \f$ \nabla_X l \f$.
///
/// *Implementation.* One image at a time: its columns are written and multiplied at once, while
/// they are in cache (measured faster than one column matrix and one GEMM for the whole batch on
/// LeNet-5's layers), and kept for the backward pass, which therefore needs no copy of \f$ X \f$
/// (memory: \f$ N C k_h k_w H_o W_o \f$ numbers, 5 MB for LeNet-5's first layer at batch 64). The
/// products go through `dlc::gemm` (OpenBLAS) into buffers the layer owns, so a training step with
/// a repeated input shape allocates nothing; \f$ \nabla_X l \f$ (one GEMM and col2im per image) is
/// skipped when `input_grad_needed()` is false (the network's first layer). `bench/conv_bench.cpp`
/// times LeNet-5's layers against PyTorch (`bench/conv_torch.py`).
///
/// **Direct** (`set_algorithm(ConvAlgorithm::direct)`): the same two passes written as the
/// sliding-window loops of the definition, \f$ \nabla_{K_{f,c,p,q}} l = \sum_{n,i,j} \delta_{n,f,i,j}
/// X_{n,c,si+p-\mathrm{pad},sj+q-\mathrm{pad}} \f$ and \f$ \nabla_X l \f$ by sending each
/// \f$ \delta_{n,f,i,j} K_{f,c,p,q} \f$ back to the pixel it came from (see `conv_direct.hpp`).
///
/// ```
/// dlc::Conv2d<float> conv1(1, 6, 5, 5, rng, {1, 2});   // LeNet-5's first layer: 6@5x5, padding 2
/// const auto& Y = conv1.forward(X);                   // X (64, 1, 28, 28) -> Y (64, 6, 28, 28)
/// ```
template <class T>
class Conv2d : public Module<T> {
public:
    /// \brief F = `out_channels` kernels of shape (C = `in_channels`, `kernel_h`, `kernel_w`), drawn
    /// with `weight_init`; biases with `bias_init` (fans \f$ n_{\text{in}} = C k_h k_w \f$,
    /// \f$ n_{\text{out}} = F k_h k_w \f$). Default: Kaiming kernels, zero biases.
    /// \param in_channels   C, the input's channels
    /// \param out_channels  F, the number of kernels (output channels)
    /// \param kernel_h      \f$ k_h \f$
    /// \param kernel_w      \f$ k_w \f$
    /// \param rng           the generator of the initial weights
    /// \param opt           stride and zero padding
    /// \param weight_init   the scheme of \f$ K \f$
    /// \param bias_init     the scheme of \f$ b \f$
    /// \param bias          false for no \f$ b \f$
    /// \throws ValueError if a size or the stride is 0.
    Conv2d(std::size_t in_channels, std::size_t out_channels, std::size_t kernel_h, std::size_t kernel_w, Rng& rng,
           ConvOptions opt = {}, const WeightInit& weight_init = WeightInit::kaiming(),
           const WeightInit& bias_init = WeightInit::zeros(), bool bias = true);

    /// \brief A layer with the given kernels `K` (F, C, kh, kw) and biases `b` (F), or no bias if
    /// `b` has size 0 (e.g. a worked example's edge detector).
    /// \throws ShapeError if `K` is not a non-empty rank-4 tensor or `b` has neither F entries nor 0;
    ///         ValueError if the stride is 0.
    Conv2d(Tensor<T> K, Tensor<T> b, ConvOptions opt = {});

    /// \brief \f$ Y = X * K + b \f$ for `x` of shape (N, C, H, W); returns (N, F, Ho, Wo).
    /// \throws ShapeError naming the layer if `x` is not (N, C, H, W) with this C, or the kernel is
    ///         larger than the padded input.
    const Tensor<T>& forward(const Tensor<T>& x) override;
    /// \brief Given \f$ \delta = \nabla_Y l \f$ (N, F, Ho, Wo): adds \f$ \nabla_K l \f$ and
    /// \f$ \nabla_b l \f$ to `grad_K()`, `grad_b()`; returns \f$ \nabla_X l \f$ (N, C, H, W)
    /// (an empty (0, C, H, W) tensor if `input_grad_needed()` is false).
    /// \throws ShapeError if `grad_output` does not have the shape of the last output.
    const Tensor<T>& backward(const Tensor<T>& grad_output) override;
    /// \brief E.g. `"Conv2d(1 -> 6, 5x5, stride 1, padding 2)"`.
    std::string name() const override;
    /// \brief `"K"` and (if present) `"b"`.
    std::vector<Parameter<T>> parameters() override;

    /// \brief The kernels \f$ K \f$, shape (F, C, kh, kw).
    Tensor<T>& K() { return K_; }
    /// \brief The kernels \f$ K \f$ (read-only).
    const Tensor<T>& K() const { return K_; }
    /// \brief The biases \f$ b \f$, shape (F) (size 0 without bias).
    Tensor<T>& b() { return b_; }
    /// \brief The biases \f$ b \f$ (read-only).
    const Tensor<T>& b() const { return b_; }
    /// \brief \f$ \nabla_K l \f$, accumulated by `backward`.
    const Tensor<T>& grad_K() const { return grad_K_; }
    /// \brief \f$ \nabla_b l \f$, accumulated by `backward`.
    const Tensor<T>& grad_b() const { return grad_b_; }

    /// \brief Selects the algorithm of the following passes (default `ConvAlgorithm::im2col_gemm`).
    void set_algorithm(ConvAlgorithm a) { algorithm_ = a; }
    /// \brief The algorithm in use.
    ConvAlgorithm algorithm() const { return algorithm_; }

    /// \brief C, the input channels.
    std::size_t in_channels() const { return K_.shape(1); }
    /// \brief F, the output channels (number of kernels).
    std::size_t out_channels() const { return K_.shape(0); }
    /// \brief \f$ k_h \f$.
    std::size_t kernel_h() const { return K_.shape(2); }
    /// \brief \f$ k_w \f$.
    std::size_t kernel_w() const { return K_.shape(3); }
    /// \brief Stride and padding.
    const ConvOptions& options() const { return opt_; }
    /// \brief Whether the layer has biases \f$ b \f$.
    bool has_bias() const { return has_bias_; }

private:
    ConvGeometry geometry_for(const Tensor<T>& x, const char* method) const;
    void forward_im2col(const T* x, std::size_t N);
    void backward_im2col(const T* delta, std::size_t N, T* grad_x);

    Tensor<T> K_, b_, grad_K_, grad_b_;
    ConvOptions opt_;
    ConvAlgorithm algorithm_ = ConvAlgorithm::im2col_gemm;
    bool has_bias_ = true;
    ConvAlgorithm forward_algorithm_ = ConvAlgorithm::im2col_gemm;  // of the last forward
    ConvGeometry geom_;     // of the last forward
    std::size_t batch_ = 0;  // N of the last forward
    Tensor<T> x_;           // direct algorithm: the cached input of the last forward (N, C, H, W)
    Tensor<T> cols_;        // im2col: the columns of every image, N blocks (C kh kw, Ho Wo)
    Tensor<T> dcols_;       // the gradient of one image's columns, (C kh kw, Ho Wo)
    Tensor<T> grad_K_t_;    // grad_K_mat^T of one backward pass, (C kh kw, F)
};

}  // namespace dlc
