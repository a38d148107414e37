/// \file
/// \brief Per-step softmax cross-entropy over a batch of sequences, with padding masked out:
/// \f$ L = \frac{1}{N} \sum_{(t, n)\ \text{not padding}} -\log \mathrm{softmax}(v_{tn})_{k_{tn}} \f$.
///
/// Lectures: Bahng §5.1.1 ("we can average the loss functions individually so that equal weight is
/// placed on the prediction at each relevant timestep", \f$ L = \frac{1}{|T|} \sum_{t \in T} L_t \f$,
/// and teacher forcing); ECE/CS 559 L24 (the softmax over the next letter).
#pragma once

#include "nn/module.hpp"
#include "rnn/embedding.hpp"

#include <cstddef>
#include <limits>

namespace dlc {

/// \brief The target id that marks padding: positions holding it are not scored.
inline constexpr std::size_t no_token = std::numeric_limits<std::size_t>::max();

/// \brief Softmax cross-entropy at every step of every sequence, averaged over the N positions that
/// are not padding (Bahng §5.1.1's \f$ \frac{1}{|T|} \sum_t L_t \f$, pooled over the batch).
///
/// **Backward**: \f$ \partial L / \partial v_{tn} = (a_{tn} - \mathrm{onehot}(k_{tn})) / N \f$ at
/// scored positions, 0 at padding (so padded steps send no gradient into the network).
template <class T>
class SequenceCrossEntropy {
public:
    /// \brief Logits (T, B, V) or (T·B, V) and targets (T, B); a target equal to `no_token` is padding.
    /// Returns the mean over the scored positions (0 if none).
    /// \throws ShapeError if the shapes disagree; ValueError for a target id \f$ \ge V \f$.
    double forward(const Tensor<T>& logits, const Tokens& targets);
    /// \brief \f$ \partial L / \partial v \f$, shaped like the logits.
    const Tensor<T>& backward() const { return grad_; }
    /// \brief The summed loss \f$ \sum -\log a_{k} \f$ over the scored positions (nats).
    double total() const { return total_; }
    /// \brief N, the number of scored positions.
    std::size_t count() const { return count_; }
    /// \brief The probabilities \f$ a = \mathrm{softmax}(v) \f$ of the last forward (T·B, V).
    const Tensor<T>& probabilities() const { return prob_; }

private:
    Tensor<T> prob_, grad_;
    double total_ = 0;
    std::size_t count_ = 0;
};

}  // namespace dlc
