// Helpers shared by the RNN lecture's cases: training a seq2seq model on (source, target) id sequences
// bucketed by source length, greedy decoding of many sequences, and printing vectors.
#pragma once

#include "core/rng.hpp"
#include "rnn/seq2seq.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace rnn_lecture {

/// A source and a target sequence of ids (the target without START and END).
struct Example {
    std::vector<std::size_t> source, target;
};

/// Settings of `train_seq2seq`.
struct Seq2SeqTraining {
    std::size_t epochs = 10;
    std::size_t batch = 64;
    double learning_rate = 2e-3;
    double clip = 5.0;             // gradient-norm clipping
    std::size_t start = 0, end = 1;  // START and END ids of the target vocabulary
    std::string label = "seq2seq";   // progress-bar label
};

/// One epoch's mean training loss (nats per target token) and seconds.
struct EpochLog {
    double loss = 0, seconds = 0;
};

/// Trains `model` with teacher forcing and Adam: each epoch the examples are grouped by source length,
/// shuffled within the groups, cut into batches, and the batches shuffled. The learning rate decays
/// linearly to a tenth over the run. Returns one log per epoch.
std::vector<EpochLog> train_seq2seq(dlc::Seq2Seq<float>& model, const std::vector<Example>& data,
                                    const Seq2SeqTraining& opt, dlc::Rng& rng);

/// Greedy outputs for every example's source (batched by source length), in the examples' order.
std::vector<std::vector<std::size_t>> greedy_all(dlc::Seq2Seq<float>& model, const std::vector<Example>& data,
                                                 std::size_t start, std::size_t end, std::size_t max_length);

/// A vector as "(0.1, 0.2)" with `digits` significant digits.
std::string vec(const std::vector<double>& v, int digits = 4);

}  // namespace rnn_lecture
