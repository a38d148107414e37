/// \file
/// \brief An encoder–decoder transformer: "the outputs of an encoder transformer become the inputs of a
/// decoder transformer, usually in a sandwiched layer" (ECE/CS 559 L25 ④(b)) — the decoder's blocks
/// cross-attend to the encoder's output. Used by the attention lecture for grapheme-to-phoneme conversion,
/// the RNN lecture's seq2seq task.
///
/// Source tokens (B, Ts) padded past each `source_lengths[b]`: the padding is masked out as keys in the
/// encoder's self-attention and in every cross-attention. Target inputs (B, Tt) start with a start token,
/// targets are the inputs shifted by one (teacher forcing); padded targets (`no_token`) are not scored and,
/// since they come last, the causal self-attention keeps them away from the scored positions.
#pragma once

#include "attention/block.hpp"
#include "attention/positional.hpp"
#include "rnn/embedding.hpp"
#include "rnn/sequence_loss.hpp"

#include <memory>
#include <string>
#include <vector>

namespace dlc {

/// \brief The sizes of a `TransformerSeq2Seq`.
struct EncoderDecoderConfig {
    std::size_t source_vocabulary = 0;  ///< source symbols (padding uses id 0, masked)
    std::size_t target_vocabulary = 0;  ///< target symbols, start and end included
    std::size_t d = 128;                ///< model width
    std::size_t heads = 4;              ///< heads
    std::size_t encoder_layers = 2;     ///< encoder blocks
    std::size_t decoder_layers = 2;     ///< decoder blocks
    std::size_t d_ff = 512;             ///< feed-forward hidden width
    std::size_t max_length = 64;        ///< the longest source or target sequence
    NormOrder norm = NormOrder::pre;    ///< block order (pre-LN adds a final LayerNorm to each stack)
};

/// \brief Encoder: \f$ M = \mathrm{Enc}_L \circ \dots \circ \mathrm{Enc}_1(E_s x + P) \f$; decoder:
/// \f$ h = \mathrm{Dec}_L(\dots \mathrm{Dec}_1(E_t y + P, M) \dots, M) \f$, logits \f$ W_{\text{out}} h + b \f$.
template <class T>
class TransformerSeq2Seq {
public:
    /// \brief A model of the given sizes. \throws ValueError for a zero size or heads not dividing d.
    TransformerSeq2Seq(const EncoderDecoderConfig& config, Rng& rng);
    /// \brief Teacher-forced mean cross-entropy of `targets` (B, Tt) given `source` (B, Ts) with its lengths and the
    /// decoder inputs (B, Tt). Caches for `backward`.
    /// \throws ShapeError for mismatched shapes or sequences longer than `max_length`; ValueError for bad ids or
    ///         lengths (0 or above Ts).
    double forward(const Tokens& source, const std::vector<std::size_t>& source_lengths, const Tokens& decoder_inputs,
                   const Tokens& targets);
    /// \brief Backpropagates the last loss into every parameter gradient (through the decoder, the cross-attentions
    /// and the encoder).
    void backward();
    /// \brief The encoder output M (B, Ts, d) of `source` (also cached for `decode_step`).
    const Tensor<T>& encode(const Tokens& source, const std::vector<std::size_t>& source_lengths);
    /// \brief Greedy decoding of a batch: from `start`, the most probable next token until `end` or `max_length`
    /// tokens; returns each sequence without start and end.
    std::vector<std::vector<std::size_t>> greedy(const Tokens& source, const std::vector<std::size_t>& source_lengths,
                                                 std::size_t start, std::size_t end, std::size_t max_length);
    /// \brief The sequence loss of the last forward.
    const SequenceCrossEntropy<T>& loss() const { return loss_; }
    /// \brief Every parameter (`src_emb.A`, `tgt_emb.A`, `enc<l>.*`, `dec<l>.*`, the final norms, `out.*`).
    std::vector<Parameter<T>> parameters();
    /// \brief Sets every gradient to 0.
    void zero_grad();
    /// \brief The number of trainable numbers.
    std::size_t parameter_count();
    /// \brief The last decoder block's cross-attention weights (B, H, Tt, Ts) of the last forward or decoding step.
    const Tensor<T>& cross_attention_weights() const;
    /// \brief The sizes.
    const EncoderDecoderConfig& config() const { return config_; }

private:
    const Tensor<T>& decode(const Tokens& decoder_inputs);
    EncoderDecoderConfig config_;
    std::unique_ptr<Embedding<T>> src_emb_, tgt_emb_;
    std::unique_ptr<PositionalEncoding<T>> src_pos_, tgt_pos_;
    std::vector<std::unique_ptr<TransformerBlock<T>>> encoder_;
    std::vector<std::unique_ptr<DecoderBlock<T>>> decoder_;
    std::unique_ptr<LayerNorm<T>> enc_ln_, dec_ln_;
    std::unique_ptr<TokenLinear<T>> out_;
    SequenceCrossEntropy<T> loss_;
    std::vector<std::size_t> lengths_;
    const Tensor<T>* memory_ = nullptr;
    Tensor<T> grad_memory_;
};

}  // namespace dlc
