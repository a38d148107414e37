/// \file
/// \brief A small vision transformer (Bahng §7.4 "Vision Transformers", a heading without text in the notes;
/// Dosovitskiy et al. 2021): an image cut into p × p patches, each patch flattened and projected to d features
/// (the patch embedding), a learned class token in front, learned positions, pre-LN transformer blocks, and
/// a linear classifier on the class token's final state.
///
/// A 28 × 28 MNIST digit with p = 7 gives 16 patches of 49 pixels: 17 tokens with the class token.
#pragma once

#include "attention/block.hpp"
#include "attention/token_linear.hpp"

#include <memory>
#include <string>
#include <vector>

namespace dlc {

/// \brief Patch embedding: images (N, C, H, W) → (N, P, d) with \f$ P = (H/p)(W/p) \f$ patches in row-major order
/// and \f$ e_i = W_E\, \mathrm{vec}(x_{\text{patch } i}) + b_E \f$ (\f$ W_E \f$ (d, C p²)); \f$ \mathrm{vec} \f$ orders
/// a patch by channel, then row, then column (a convolution with kernel and stride p, as PyTorch's
/// `Conv2d(C, d, p, stride=p)` computes it).
///
/// **Backward**: \f$ \nabla_{W_E}, \nabla_{b_E} \f$ as for any linear layer on the patch vectors, and
/// \f$ \partial L/\partial x \f$ by putting each patch's gradient \f$ W_E^\top \delta_i \f$ back in place (the patches
/// do not overlap).
template <class T>
class PatchEmbedding : public Module<T> {
public:
    /// \brief Patches of p × p pixels of C-channel H × W images, embedded in d features.
    /// \throws ValueError for a zero size or a patch size that does not divide H and W.
    PatchEmbedding(std::size_t channels, std::size_t height, std::size_t width, std::size_t patch, std::size_t d, Rng& rng);
    /// \brief (N, P, d) for images (N, C, H, W). \throws ShapeError for another image shape.
    const Tensor<T>& forward(const Tensor<T>& x) override;
    /// \brief Accumulates \f$ \nabla_{W_E}, \nabla_{b_E} \f$; returns \f$ \partial L/\partial x \f$ (N, C, H, W).
    const Tensor<T>& backward(const Tensor<T>& grad) override;
    /// \brief `"PatchEmbedding(1x28x28, 7x7 patches -> 64)"`.
    std::string name() const override;
    /// \brief `W`, `b`.
    std::vector<Parameter<T>> parameters() override;
    /// \brief Passes the flag on (the projection's input gradient is only needed for \f$ \partial L/\partial x \f$).
    void set_input_grad_needed(bool needed) override;
    /// \brief The number of patches P.
    std::size_t patches() const { return (h_ / p_) * (w_ / p_); }
    /// \brief The patch vectors (N, P, C p²) of the last forward.
    const Tensor<T>& patch_vectors() const { return cols_; }

private:
    std::size_t c_, h_, w_, p_;
    std::unique_ptr<TokenLinear<T>> proj_;
    Tensor<T> cols_;
};

/// \brief The sizes of a `VisionTransformer`.
struct ViTConfig {
    std::size_t channels = 1;  ///< image channels
    std::size_t height = 28;   ///< image height
    std::size_t width = 28;    ///< image width
    std::size_t patch = 7;     ///< patch side p
    std::size_t d = 64;        ///< model width
    std::size_t heads = 4;     ///< heads
    std::size_t layers = 4;    ///< blocks
    std::size_t d_ff = 128;    ///< feed-forward hidden width
    std::size_t classes = 10;  ///< outputs
};

/// \brief \f$ z_0 = [c; e_1; \dots; e_P] + P_{\text{pos}} \f$ (class token c, patch embeddings e), pre-LN blocks
/// without a mask, \f$ y = W_{\text{head}} \mathrm{LN}(z_L)_0 + b_{\text{head}} \f$: a `Module` from images (N, C, H, W)
/// to class logits (N, classes), so \f$ \partial L/\partial x \f$ is available (saliency, adversarial examples).
template <class T>
class VisionTransformer : public Module<T> {
public:
    /// \brief A model of the given sizes (GELU feed-forward, pre-LN).
    VisionTransformer(const ViTConfig& config, Rng& rng);
    /// \brief Logits (N, classes).
    const Tensor<T>& forward(const Tensor<T>& x) override;
    /// \brief Every parameter gradient; returns \f$ \partial L/\partial x \f$.
    const Tensor<T>& backward(const Tensor<T>& grad) override;
    /// \brief `"VisionTransformer(16 patches of 7x7, d = 64, 4 layers, 4 heads)"`.
    std::string name() const override;
    /// \brief `patch.*`, `cls`, `pos`, `block<l>.*`, `ln.*`, `head.*`.
    std::vector<Parameter<T>> parameters() override;
    /// \brief Passes the flag to the patch embedding.
    void set_input_grad_needed(bool needed) override;
    /// \brief Block l's attention weights (N, H, P+1, P+1) of the last forward; row 0 is the class token's.
    const Tensor<T>& attention_weights(std::size_t layer) const;
    /// \brief The logits of the last forward.
    const Tensor<T>& output() const override { return head_->output(); }
    /// \brief The sizes.
    const ViTConfig& config() const { return config_; }

private:
    ViTConfig config_;
    std::unique_ptr<PatchEmbedding<T>> patch_;
    Tensor<T> cls_, pos_, gcls_, gpos_;
    std::vector<std::unique_ptr<TransformerBlock<T>>> blocks_;
    std::unique_ptr<LayerNorm<T>> ln_;
    std::unique_ptr<TokenLinear<T>> head_;
    Tensor<T> z0_, first_, dfirst_, dz_, dpatch_;
};

}  // namespace dlc
