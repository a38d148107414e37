/// \file
/// \brief Sequence to sequence: an encoder RNN reads the source, a decoder RNN started from its last
/// state writes the target one token at a time (fed the previous target token: teacher forcing in
/// training), optionally attending to every encoder state.
///
/// Lectures: Bahng §6.2 (encoder \f$ h_t = f(x_t, h_{t-1}) \f$, context \f$ C = h_T \f$, decoder
/// \f$ s_{t'+1} = g(s_{t'}, \hat y_{t'}, C) \f$ started from C, a START token, teacher forcing,
/// end-to-end training), §6.2.1 (decoding), §7.1 (attention: \f$ e^{t'} = [\mathrm{score}(s_{t'}, h_t)]_t \f$,
/// \f$ \alpha^{t'} = \mathrm{softmax}(e^{t'}) \f$, \f$ a_{t'} = \sum_t \alpha^{t'}_t h_t \f$ "which acts as our
/// context vector"); NYU slides "Attention Mechanisms" (Bahdanau's additive score); mock final Q6 (b)
/// (input embedding \f$ A x_t \f$, input units \f$ s_t = \varphi(N x_t + W s_{t-1} + b) \f$, output units
/// fed the previous output \f$ x'_t \f$, softmax output).
///
/// **Where the context enters.** Bahdanau et al. feed \f$ c_t \f$ (computed from \f$ s_{t-1} \f$) into the
/// decoder's recurrence; this model computes it from the decoder's new state \f$ s_{t'} \f$ and combines
/// the two before the output layer (Luong et al., 2015), Bahng §7.1's reading ("score(\f$ s_{t'}, h_t \f$)"):
/// \f[ o_{t'} = \tanh(W_c [s_{t'} ; a_{t'}] + b_c), \qquad v_{t'} = V o_{t'} + b_V , \f]
/// so the decoder's recurrence is an ordinary layer run over all target steps at once (fast), and the
/// attention is one batched call over all (t', t) pairs. Without attention \f$ v_{t'} = V s_{t'} + b_V \f$.
#pragma once

#include "attention/attention.hpp"
#include "nn/linear.hpp"
#include "rnn/decoding.hpp"
#include "rnn/embedding.hpp"
#include "rnn/sequence_loss.hpp"
#include "rnn/stacked.hpp"

#include <memory>
#include <string>
#include <vector>

namespace dlc {

/// \brief The sizes and options of a `Seq2Seq` model.
struct Seq2SeqConfig {
    std::size_t source_vocabulary = 0;  ///< number of source symbols (ids below it)
    std::size_t target_vocabulary = 0;  ///< number of target symbols, START and END included
    std::size_t embedding = 64;         ///< embedding dimension of both sides
    std::size_t hidden = 128;           ///< state units of encoder and decoder
    CellKind cell = CellKind::gru;      ///< the recurrent cell of both
    bool attention = true;              ///< attend to the encoder states
    ScoreKind score = ScoreKind::additive;  ///< the attention score
    std::size_t attention_dim = 128;    ///< the additive score's r
};

/// \brief An encoder–decoder RNN with optional attention (file comment), trained with teacher forcing.
///
/// Sources in one batch must have the same length (the programs bucket words by length), so the
/// encoder's last state is every sequence's own last state and no key is masked.
template <class T>
class Seq2Seq {
public:
    /// \brief A model with the given sizes, parameters drawn from `rng`.
    /// \throws ValueError if a vocabulary or size is 0.
    Seq2Seq(const Seq2SeqConfig& config, Rng& rng);

    /// \brief Teacher-forced loss: encodes `source` (Ts, B), decodes `decoder_inputs` (Tt, B) (START then
    /// the target shifted), scores `targets` (Tt, B) (`no_token` = padding). Returns the mean
    /// cross-entropy per scored token; caches for `backward`.
    /// \throws ShapeError for mismatched batches or empty sequences; ValueError for ids out of range.
    double forward(const Tokens& source, const Tokens& decoder_inputs, const Tokens& targets);
    /// \brief Backpropagates the last `forward`'s loss into every parameter gradient (accumulated).
    void backward();
    /// \brief Every parameter: `enc_emb.A`, `encoder.U`, ..., `dec_emb.A`, `decoder.U`, ..., `attn.*`,
    /// `combine.W`, `combine.b`, `out.W`, `out.b`.
    std::vector<Parameter<T>> parameters();
    /// \brief Sets every gradient to 0.
    void zero_grad();
    /// \brief The summed loss and token count of the last forward.
    const SequenceCrossEntropy<T>& loss() const { return loss_; }

    /// \brief Greedy decoding of a batch of equal-length sources (Ts, B): at every step the most probable
    /// token is fed back, until END or `max_length`. Returns each output without START and END; if
    /// `weights` is given, it receives each sequence's attention weights (output steps × Ts).
    std::vector<std::vector<std::size_t>> greedy(const Tokens& source, std::size_t start, std::size_t end,
                                                 std::size_t max_length,
                                                 std::vector<std::vector<std::vector<double>>>* weights = nullptr);
    /// \brief Beam search (`dlc::beam_search`) for one source sequence.
    BeamResult beam(const std::vector<std::size_t>& source, const BeamOptions& options);

    /// \brief The configuration.
    const Seq2SeqConfig& config() const { return config_; }
    /// \brief A one-line description with the parameter count.
    std::string summary();

    /// \brief Encodes `source` (Ts, B) (no caching for backward): the encoder states (B, Ts, H) and
    /// the decoder's initial state (and cell). Used by decoding.
    void encode(const Tokens& source, Tensor<T>& keys, Tensor<T>& state, Tensor<T>& cell);
    /// \brief One decoding step for a batch: feeds `tokens`, updates `state`/`cell`, writes the
    /// next-token logits (B, V) and, with attention, the weights (B, Ts) against `keys` (B, Ts, H).
    void decode_step(const std::vector<std::size_t>& tokens, const Tensor<T>& keys, Tensor<T>& state,
                     Tensor<T>& cell, Tensor<T>& logits, Tensor<T>* weights);

private:
    Seq2SeqConfig config_;
    Embedding<T> enc_emb_, dec_emb_;
    std::unique_ptr<Recurrent<T>> encoder_, decoder_;
    std::unique_ptr<Attention<T>> attention_;
    std::unique_ptr<Linear<T>> combine_;  // W_c [s; a] + b_c (attention only)
    std::unique_ptr<Linear<T>> out_;      // V o + b_V
    SequenceCrossEntropy<T> loss_;
    // caches
    std::size_t Ts_ = 0, Tt_ = 0, B_ = 0;
    Tensor<T> Kb_, Qb_, Z_, O_, S2_, dS_, dH_, dZ_, dC_;
};

}  // namespace dlc
