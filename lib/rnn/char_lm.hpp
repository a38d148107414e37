/// \file
/// \brief A character-level language model: embedding (or one-hot input), one recurrent layer, and an
/// output layer \f$ y_t = V s_t + c \f$ whose softmax predicts the next character; trained with the
/// per-step cross-entropy and BPTT, sampled with a temperature.
///
/// Lectures: ECE/CS 559 L24 (the RNN "trained to generate words over the alphabet {h, e, l, o, ␣}",
/// one-hot inputs, \f$ y_t = f(V s_t) \f$, ␣ "to indicate end of word"); the NYU slides on
/// autoregressive models (\f$ p(x_i \mid x_{1:i-1}) \f$: "RNN is naturally autoregressive"); Bahng §5.1.1
/// (teacher forcing).
#pragma once

#include "nn/linear.hpp"
#include "rnn/embedding.hpp"
#include "rnn/sequence_loss.hpp"
#include "rnn/stacked.hpp"

#include <memory>
#include <string>
#include <vector>

namespace dlc {

/// \brief Next-character model: \f$ x_t \f$ (one-hot or embedded) → recurrent layer → \f$ v_t = V s_t + c \f$
/// → softmax; the loss is `SequenceCrossEntropy` of \f$ v_t \f$ against the next character.
template <class T>
class CharLM {
public:
    /// \brief V symbols, embedding dimension E (0: one-hot inputs, as L24), H state units; `output_bias`
    /// false for L24's \f$ y_t = V s_t \f$.
    CharLM(CellKind cell, std::size_t vocabulary, std::size_t embedding, std::size_t hidden, Rng& rng,
           bool output_bias = true);
    /// \brief Teacher-forced mean cross-entropy of `targets` (T, B) given `inputs` (T, B); caches for `backward`.
    double forward(const Tokens& inputs, const Tokens& targets);
    /// \brief The logits (T·B, V) of the last forward.
    const Tensor<T>& logits() const { return out_->output(); }
    /// \brief BPTT of the last forward's loss into every parameter gradient.
    void backward();
    /// \brief Every parameter (`emb.A` unless one-hot, `rnn.*`, `out.W`, `out.b`).
    std::vector<Parameter<T>> parameters();
    /// \brief Sets every gradient to 0.
    void zero_grad();
    /// \brief The number of trainable numbers.
    std::size_t parameter_count();
    /// \brief The next-symbol probabilities after reading `prefix` (from the zero state).
    std::vector<double> next_probabilities(const std::vector<std::size_t>& prefix);
    /// \brief A sample: starts from `start`, draws from \f$ \mathrm{softmax}(v / \tau) \f$ until `end`
    /// or `max_length` symbols; returns them without `start` and `end`.
    std::vector<std::size_t> sample(std::size_t start, std::size_t end, std::size_t max_length, double temperature,
                                    Rng& rng);
    /// \brief The recurrent layer.
    Recurrent<T>& rnn() { return *rnn_; }
    /// \brief The output layer \f$ V, c \f$.
    Linear<T>& output_layer() { return *out_; }
    /// \brief The sequence loss (its `total()` and `count()` give nats per symbol).
    const SequenceCrossEntropy<T>& loss() const { return loss_; }
    /// \brief V.
    std::size_t vocabulary() const { return vocabulary_; }

private:
    std::size_t vocabulary_;
    std::unique_ptr<Embedding<T>> emb_;
    std::unique_ptr<Recurrent<T>> rnn_;
    std::unique_ptr<Linear<T>> out_;
    SequenceCrossEntropy<T> loss_;
    Tensor<T> x_, S2_;
};

}  // namespace dlc
