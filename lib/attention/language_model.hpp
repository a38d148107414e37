/// \file
/// \brief A decoder-only (causal) transformer language model: token embedding + positions, a stack of blocks
/// with causal self-attention, a final LayerNorm (pre-LN), and an output layer whose softmax predicts the next
/// token; trained with the per-position cross-entropy, sampled with a temperature.
///
/// ECE/CS 559 L25 ①, ④(a): maximize \f$ \sum_t \log P(x_t \mid x_1, \dots, x_{t-1}) \f$, "we let \f$ y_t \f$ be
/// logits", \f$ P(x_{t+1} = i \mid x_{1..t}) = e^{y_{t+1}[i]} / \sum_{i'} e^{y_{t+1}[i']} \f$; "decoder-only
/// architecture: after the prompt, we put outputs as inputs; attention restricted to past outputs". NYU
/// slides "Causal Attention": "mask the attention so that each token can only attend to tokens prior to
/// itself".
#pragma once

#include "attention/block.hpp"
#include "attention/positional.hpp"
#include "rnn/embedding.hpp"
#include "rnn/sequence_loss.hpp"

#include <memory>
#include <string>
#include <vector>

namespace dlc {

/// \brief The sizes of a `TransformerLM`.
struct LMConfig {
    std::size_t vocabulary = 0;  ///< V
    std::size_t d = 128;         ///< model width
    std::size_t heads = 4;       ///< heads per attention
    std::size_t layers = 4;      ///< blocks
    std::size_t d_ff = 512;      ///< feed-forward hidden width
    std::size_t context = 128;   ///< the longest sequence (positions)
    NormOrder norm = NormOrder::pre;  ///< block order (pre-LN adds a final LayerNorm)
    bool learned_positions = true;    ///< learned position table, else sinusoidal
};

/// \brief Next-token model: \f$ h^{(0)}_t = A^\top \mathrm{onehot}(x_t) + P_t \f$, \f$ h^{(l)} = \mathrm{Block}_l(h^{(l-1)}) \f$
/// (causal), \f$ y_t = W_{\text{out}} \mathrm{LN}(h^{(L)}_t) + b_{\text{out}} \f$, loss
/// \f$ \frac1N \sum_t -\log \mathrm{softmax}(y_t)_{x_{t+1}} \f$.
///
/// Token batches are (B, T): row b is one sequence (the opposite of the RNN lecture's (T, B); `Embedding`
/// and `SequenceCrossEntropy` work on either, since they only see positions).
template <class T>
class TransformerLM {
public:
    /// \brief A model of the given sizes.
    /// \throws ValueError for a zero size or heads not dividing d.
    TransformerLM(const LMConfig& config, Rng& rng);
    /// \brief Mean cross-entropy of `targets` (B, T) given `inputs` (B, T), T ≤ context; a target equal to
    /// `no_token` is not scored. Caches for `backward`.
    /// \throws ShapeError for mismatched shapes or T > context; ValueError for an id ≥ V.
    double forward(const Tokens& inputs, const Tokens& targets);
    /// \brief Backpropagates the last forward's loss into every parameter gradient.
    void backward();
    /// \brief The logits (B, T, V) of the last forward.
    const Tensor<T>& logits() const { return out_->output(); }
    /// \brief The sequence loss of the last forward.
    const SequenceCrossEntropy<T>& loss() const { return loss_; }
    /// \brief Every parameter: `emb.A`, `pos.P` (if learned), `block<l>.*`, `ln.*` (pre-LN), `out.W`, `out.b`.
    std::vector<Parameter<T>> parameters();
    /// \brief Sets every gradient to 0.
    void zero_grad();
    /// \brief The number of trainable numbers.
    std::size_t parameter_count();
    /// \brief The next-token distribution after `prefix` (its last `context` tokens).
    /// \throws ValueError if `prefix` is empty.
    std::vector<double> next_probabilities(const std::vector<std::size_t>& prefix);
    /// \brief `count` tokens drawn one at a time from \f$ \mathrm{softmax}(y/\tau) \f$ after `prompt` (which must not be
    /// empty), each fed back as input ("after the prompt, we put outputs as inputs").
    std::vector<std::size_t> sample(const std::vector<std::size_t>& prompt, std::size_t count, double temperature, Rng& rng);
    /// \brief Block l's attention weights (B, H, T, T) of the last forward.
    const Tensor<T>& attention_weights(std::size_t layer) const;
    /// \brief The sizes.
    const LMConfig& config() const { return config_; }

private:
    LMConfig config_;
    std::unique_ptr<Embedding<T>> emb_;
    std::unique_ptr<PositionalEncoding<T>> pos_;
    std::vector<std::unique_ptr<TransformerBlock<T>>> blocks_;
    std::unique_ptr<LayerNorm<T>> ln_;
    std::unique_ptr<TokenLinear<T>> out_;
    SequenceCrossEntropy<T> loss_;
};

}  // namespace dlc
