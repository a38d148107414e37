/// \file
/// \brief Turning a model's next-token distributions into sequences: greedy choice, sampling with a
/// temperature and top-k, and beam search with the length-normalised score.
///
/// Lectures: Bahng §6.2.1 "Decoding Schemes" (greedy decoding "may not be ideal since we may be
/// giving up long term benefits for short term ones"; beam search keeps the k most probable partial
/// outputs; finished hypotheses are set aside; the average log-probability "corresponds to the
/// geometric mean of the probabilities"); ECE/CS 559 L24 (sampling words letter by letter).
#pragma once

#include "core/rng.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace dlc {

/// \brief \f$ \arg\max_k v_k \f$ of `logits` (the first on ties). \throws ValueError if empty.
std::size_t greedy_token(const std::vector<double>& logits);

/// \brief A draw from \f$ \mathrm{softmax}(v / \tau) \f$ restricted to the `top_k` largest logits
/// (0 = all): \f$ \tau < 1 \f$ sharpens the distribution towards the greedy choice, \f$ \tau > 1 \f$
/// flattens it.
/// \throws ValueError if \f$ \tau \le 0 \f$ or not finite, if `logits` is empty or contains NaN.
std::size_t sample_token(const std::vector<double>& logits, double temperature, std::size_t top_k, Rng& rng);

/// \brief The log-softmax \f$ \log \mathrm{softmax}(v)_k = v_k - \log \sum_j e^{v_j} \f$.
std::vector<double> log_softmax(const std::vector<double>& logits);

/// \brief A model as beam search sees it: it keeps one recurrent state per live hypothesis.
class BeamSource {
public:
    virtual ~BeamSource() = default;
    /// \brief Starts over with a single hypothesis in the initial state.
    virtual void start() = 0;
    /// \brief Moves to the next step: new hypothesis j continues old hypothesis `parents[j]` with token
    /// `tokens[j]`; returns, for each new hypothesis, \f$ \log P(\cdot \mid \text{its prefix}) \f$ over
    /// the vocabulary.
    virtual std::vector<std::vector<double>> advance(const std::vector<std::size_t>& parents,
                                                     const std::vector<std::size_t>& tokens) = 0;
};

/// \brief A partial or finished output sequence in the beam.
struct Hypothesis {
    /// \brief The generated tokens (without the start token; with the end token if finished).
    std::vector<std::size_t> tokens;
    /// \brief \f$ \log P(y_1, \dots, y_n \mid x) = \sum_k \log P(y_k \mid y_{<k}, x) \f$.
    double log_prob = 0;
    /// \brief Whether it ended with the end token.
    bool finished = false;
    /// \brief The length-normalised score \f$ \frac{1}{n} \log P(y_1..y_n \mid x) \f$ (Bahng §6.2.1's
    /// average log-probability, the log of the geometric mean of the per-step probabilities).
    double score() const { return tokens.empty() ? 0.0 : log_prob / double(tokens.size()); }
};

/// \brief Settings of `beam_search`.
struct BeamOptions {
    /// \brief k, the number of hypotheses kept (1 = greedy decoding). Must be ≥ 1.
    std::size_t width = 3;
    /// \brief The longest output (tokens, the end token included). Must be ≥ 1.
    std::size_t max_length = 50;
    /// \brief The token the model emits to stop.
    std::size_t end_token = 0;
    /// \brief The token fed at the first step ("START").
    std::size_t start_token = 0;
    /// \brief Stop once this many hypotheses have finished (0 = the width).
    std::size_t finished_wanted = 0;
    /// \brief Choose the final output by the length-normalised score (true) or by \f$ \log P \f$.
    bool length_normalise = true;
};

/// \brief What beam search found, and what it kept at each step (for the walk-through).
struct BeamResult {
    /// \brief The chosen output.
    Hypothesis best;
    /// \brief Every finished hypothesis (and, if none finished, the live ones at the end).
    std::vector<Hypothesis> candidates;
    /// \brief The beam after each step, best first.
    std::vector<std::vector<Hypothesis>> steps;
};

/// \brief Beam search (Bahng §6.2.1): keep the k most probable partial outputs; at each step extend
/// each by every token, keep the k best of the k·V extensions by \f$ \log P \f$; an extension ending
/// in the end token is set aside as finished (it no longer occupies the beam); stop when
/// `finished_wanted` hypotheses have finished, when none is live, or at `max_length`; return the
/// finished hypothesis with the best score (length-normalised unless told otherwise).
/// \throws ValueError if the width or `max_length` is 0, or the source returns a wrong number of
///         distributions.
BeamResult beam_search(BeamSource& source, const BeamOptions& options);

/// \brief The Levenshtein distance between two sequences: the fewest insertions, deletions and
/// substitutions turning `a` into `b` (dynamic programming, \f$ O(|a||b|) \f$ time, \f$ O(|b|) \f$ memory).
std::size_t edit_distance(const std::vector<std::size_t>& a, const std::vector<std::size_t>& b);

}  // namespace dlc
