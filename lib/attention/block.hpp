/// \file
/// \brief Transformer blocks: multi-head attention, add & norm, the 2-layer feed-forward network, add & norm —
/// in the post-LN order of ECE/CS 559 L25 and in the pre-LN order; the decoder block adds cross-attention.
///
/// L25 ③ ("attention only tells us where the relevant information is; we still need to act on it"):
/// (a) add and normalize \f$ S' = \mathrm{LayerNorm}(S + X) \f$, (b) \f$ X' = W^2 \mathrm{ReLU}(W^1 S' + b^1) + b^2 \f$,
/// (c) add and normalize again \f$ X'' = \mathrm{LayerNorm}(S' + X') \f$. LayerNorm normalizes each token over
/// its d features (nn/layernorm.hpp); the notes' printed formula averages over positions instead — the
/// attention lecture's `layernorm_l25` case shows the difference.
///
/// | order | forward |
/// |---|---|
/// | post-LN (L25; Vaswani et al.; PyTorch `norm_first=False`) | \f$ S' = \mathrm{LN}_1(X + \mathrm{MHA}(X)) \f$, \f$ Y = \mathrm{LN}_2(S' + \mathrm{FFN}(S')) \f$ |
/// | pre-LN (PyTorch `norm_first=True`; GPT-2, ViT) | \f$ A = X + \mathrm{MHA}(\mathrm{LN}_1(X)) \f$, \f$ Y = A + \mathrm{FFN}(\mathrm{LN}_2(A)) \f$ |
///
/// Pre-LN keeps an identity path from every block's output to its input (\f$ \partial Y/\partial X = I + \dots \f$),
/// which trains deep stacks without a learning-rate warm-up; post-LN normalizes that path. The backward
/// passes run the same steps in reverse, adding the residual's gradient where the forward added its input.
#pragma once

#include "attention/feed_forward.hpp"
#include "attention/multihead.hpp"
#include "nn/layernorm.hpp"

#include <memory>
#include <string>
#include <vector>

namespace dlc {

/// \brief Where the layer normalizations sit.
enum class NormOrder {
    post,  ///< after each residual addition (L25)
    pre,   ///< before each sub-layer, inside the residual branch
};

/// \brief The sizes of a transformer block.
struct BlockConfig {
    std::size_t d = 64;        ///< model width
    std::size_t heads = 4;     ///< attention heads (must divide d)
    std::size_t d_ff = 256;    ///< the feed-forward network's hidden width
    NormOrder norm = NormOrder::post;  ///< post-LN (L25) or pre-LN
    FeedForwardActivation activation = FeedForwardActivation::relu;  ///< the feed-forward activation
    double eps = 1e-5;         ///< LayerNorm's \f$ \epsilon \f$
};

/// \brief An encoder block (self-attention + feed-forward), a `Module` on (B, T, d); the attention mask is set
/// with `set_mask` (causal for a decoder-only language model, an adjacency for graph attention).
///
/// **Post-LN backward**: \f$ g_{A_2} = \mathrm{LN}_2^\top(\partial L/\partial Y) \f$,
/// \f$ g_{S'} = g_{A_2} + \mathrm{FFN}^\top(g_{A_2}) \f$, \f$ g_{A_1} = \mathrm{LN}_1^\top(g_{S'}) \f$,
/// \f$ \partial L/\partial X = g_{A_1} + \mathrm{MHA}^\top(g_{A_1}) \f$. **Pre-LN backward**:
/// \f$ g_A = \partial L/\partial Y + \mathrm{LN}_2^\top(\mathrm{FFN}^\top(\partial L/\partial Y)) \f$,
/// \f$ \partial L/\partial X = g_A + \mathrm{LN}_1^\top(\mathrm{MHA}^\top(g_A)) \f$ (\f$ M^\top(g) \f$: module M's backward).
template <class T>
class TransformerBlock : public Module<T> {
public:
    /// \brief A block of the given sizes.
    /// \throws ValueError if `heads` does not divide d or a size is 0.
    TransformerBlock(const BlockConfig& config, Rng& rng);
    /// \brief Y (B, T, d) for X (B, T, d).
    const Tensor<T>& forward(const Tensor<T>& X) override;
    /// \brief Accumulates every parameter gradient and returns \f$ \partial L/\partial X \f$.
    const Tensor<T>& backward(const Tensor<T>& dY) override;
    /// \brief `"TransformerBlock(post-LN, d = 64, heads = 4, d_ff = 256)"`.
    std::string name() const override;
    /// \brief `attn.*`, `ln1.*`, `ffn.*`, `ln2.*`.
    std::vector<Parameter<T>> parameters() override;
    /// \brief The attention mask of the next forwards.
    void set_mask(AttentionMask mask) { attention_->set_mask(std::move(mask)); }
    /// \brief The output of the last forward.
    const Tensor<T>& output() const override { return *y_; }
    /// \brief The self-attention.
    MultiHeadAttention<T>& attention() { return *attention_; }
    /// \brief The first LayerNorm.
    LayerNorm<T>& norm1() { return *ln1_; }
    /// \brief The second LayerNorm.
    LayerNorm<T>& norm2() { return *ln2_; }
    /// \brief The feed-forward network.
    FeedForward<T>& feed_forward() { return *ffn_; }
    /// \brief The sizes.
    const BlockConfig& config() const { return config_; }

private:
    BlockConfig config_;
    std::unique_ptr<MultiHeadAttention<T>> attention_;
    std::unique_ptr<LayerNorm<T>> ln1_, ln2_;
    std::unique_ptr<FeedForward<T>> ffn_;
    Tensor<T> a1_, a2_, g_;
    const Tensor<T>* y_ = nullptr;
};

/// \brief A decoder block of an encoder–decoder transformer: causal self-attention, cross-attention to the
/// encoder's output M (the "sandwiched" layer of L25 ④(b)), feed-forward, each with add & norm.
///
/// Post-LN: \f$ H_1 = \mathrm{LN}_1(X + \mathrm{SA}(X)) \f$, \f$ H_2 = \mathrm{LN}_2(H_1 + \mathrm{CA}(H_1, M)) \f$,
/// \f$ Y = \mathrm{LN}_3(H_2 + \mathrm{FFN}(H_2)) \f$. Pre-LN: \f$ A_1 = X + \mathrm{SA}(\mathrm{LN}_1 X) \f$,
/// \f$ A_2 = A_1 + \mathrm{CA}(\mathrm{LN}_2 A_1, M) \f$, \f$ Y = A_2 + \mathrm{FFN}(\mathrm{LN}_3 A_2) \f$
/// (PyTorch's `TransformerDecoderLayer`). The self-attention is causal; the cross-attention masks the
/// encoder's padding.
template <class T>
class DecoderBlock {
public:
    /// \brief A block of the given sizes.
    DecoderBlock(const BlockConfig& config, Rng& rng);
    /// \brief Y (B, T, d) for X (B, T, d) and the encoder output M (B, Ts, d) whose keys past `memory_lengths[b]`
    /// are padding (empty: none).
    const Tensor<T>& forward(const Tensor<T>& X, const Tensor<T>& M, const std::vector<std::size_t>& memory_lengths = {});
    /// \brief Accumulates the parameter gradients, returns \f$ \partial L/\partial X \f$ and adds
    /// \f$ \partial L/\partial M \f$ into `grad_memory` (resized and zeroed by the caller).
    const Tensor<T>& backward(const Tensor<T>& dY, Tensor<T>& grad_memory);
    /// \brief `self.*`, `cross.*`, `ln1.*`, `ln2.*`, `ln3.*`, `ffn.*`.
    std::vector<Parameter<T>> parameters();
    /// \brief The causal self-attention.
    MultiHeadAttention<T>& self_attention() { return *self_; }
    /// \brief The cross-attention.
    MultiHeadAttention<T>& cross_attention() { return *cross_; }
    /// \brief The LayerNorm of the self-attention sub-layer.
    LayerNorm<T>& norm1() { return *ln1_; }
    /// \brief The LayerNorm of the cross-attention sub-layer.
    LayerNorm<T>& norm2() { return *ln2_; }
    /// \brief The LayerNorm of the feed-forward sub-layer.
    LayerNorm<T>& norm3() { return *ln3_; }
    /// \brief The feed-forward network.
    FeedForward<T>& feed_forward() { return *ffn_; }

private:
    BlockConfig config_;
    std::unique_ptr<MultiHeadAttention<T>> self_, cross_;
    std::unique_ptr<LayerNorm<T>> ln1_, ln2_, ln3_;
    std::unique_ptr<FeedForward<T>> ffn_;
    Tensor<T> a1_, a2_, a3_, g1_, g2_, dX_;
    const Tensor<T>* y_ = nullptr;
};

}  // namespace dlc
