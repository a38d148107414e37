/// \file
/// \brief Competitive (winner-take-all) learning: the winner \f$ i = \arg\max_i w_i^\top x \f$ moves toward
/// \f$ x \f$, the other neurons do not change.
///
/// Lecture: ECE/CS 559 notes L17/18, section 3 ("Competitive learning", the rule
/// \f$ w_i(n+1) = w_i(n) + \eta (x - w_i(n)) \f$ and its worked example with
/// \f$ \eta = 0.5 \f$), the handwritten L17/18 notes ("Competitive (winner-takes-all) learning rule:
/// \f$ w_i \leftarrow w_i + \eta \delta_i (x - w_i) \f$"), and the mock final Q2 (the rule with the
/// winner's output \f$ \tilde y = w_i^\top x \f$, weights rounded to integers after every update).
/// A layer of m neurons without bias and with identity activation: the weight matrix
/// \f$ W \f$ is (m, d), row \f$ i \f$ is \f$ w_i \f$, and the induced local fields are \f$ v = W x \f$.
/// Indices are 0-based in code: the notes' neuron 1 is row 0.
#pragma once

#include "core/tensor.hpp"

#include <cstddef>
#include <vector>

namespace dlc {

/// \brief Which competitive-learning update the winner \f$ i \f$ makes.
enum class CompetitiveRule {
    /// Notes L17/18, section 3: \f$ w_i \leftarrow w_i + \eta (x - w_i) \f$.
    plain,
    /// Mock final Q2(a): \f$ w_i \leftarrow w_i + \eta \tilde y (x - w_i) = (1 - \eta \tilde y) w_i + \eta \tilde y x \f$,
    /// with \f$ \tilde y = w_i^\top x \f$ the winner's output (before the update).
    output_scaled,
};

/// \brief How a value is rounded to an integer (mock final Q2(b): "round weights to the nearest
/// integer"); the modes differ only on halves \f$ z + \tfrac12 \f$.
enum class Rounding {
    /// No rounding.
    none,
    /// Halves to the even neighbour: \f$ 0.5 \to 0,\ 1.5 \to 2,\ -0.5 \to 0 \f$ (IEEE default, `std::nearbyint`).
    half_to_even,
    /// Halves away from zero: \f$ 0.5 \to 1,\ -0.5 \to -1 \f$ (`std::round`).
    half_away_from_zero,
    /// Halves toward zero: \f$ 0.5 \to 0,\ -0.5 \to 0,\ 1.5 \to 1 \f$.
    half_toward_zero,
    /// Halves up: \f$ \lfloor z + \tfrac12 \rfloor \f$, so \f$ 0.5 \to 1,\ -0.5 \to 0 \f$.
    half_up,
};

/// \brief Which neuron wins when several local fields equal the maximum (the mock final's
/// "tie, break either way"; the notes: "according to some tie-breaking rule").
enum class TieBreak {
    /// The lowest index among the tied neurons.
    lowest_index,
    /// The highest index among the tied neurons.
    highest_index,
};

/// \brief Options of `competitive_learning`.
struct CompetitiveOptions {
    /// \brief The learning rate \f$ \eta > 0 \f$.
    double eta = 0.5;
    /// \brief The update rule.
    CompetitiveRule rule = CompetitiveRule::plain;
    /// \brief Rounding applied to every entry of the winner's new weights after each update.
    Rounding rounding = Rounding::none;
    /// \brief Winner among equal maximal fields (exact equality of the computed \f$ v_i \f$).
    TieBreak tie_break = TieBreak::lowest_index;
    /// \brief Passes over the data, each in the given row order; \f$ \ge 1 \f$.
    std::size_t epochs = 1;
    /// \brief Keep a `CompetitiveStep` per presented point.
    bool record_trace = true;
};

/// \brief One presentation of a data point: a row of the mock final's table.
template <class T>
struct CompetitiveStep {
    /// \brief The epoch, 1-based ("Ep 1").
    std::size_t epoch = 0;
    /// \brief The global step count over all epochs, 1-based ("It 5" is the first point of epoch 2).
    std::size_t iteration = 0;
    /// \brief The row of `X` presented (0-based).
    std::size_t point = 0;
    /// \brief The input \f$ x \f$, (d).
    Vector<T> x;
    /// \brief All induced local fields \f$ v = W x \f$, \f$ v_i = w_i^\top x \f$, with the weights before the step, (m).
    Vector<T> fields;
    /// \brief The winner \f$ i = \arg\max_i v_i \f$ (0-based), after `TieBreak`.
    std::size_t winner = 0;
    /// \brief Whether two or more neurons shared the maximal field.
    bool tie = false;
    /// \brief The winner's output \f$ \tilde y = v_i = w_i^\top x \f$.
    T output = 0;
    /// \brief \f$ W \f$ before the step, (m, d).
    Matrix<T> weights_before;
    /// \brief The winner's new weights before rounding, e.g. \f$ w_i + \eta \tilde y (x - w_i) \f$, (d).
    Vector<T> update;
    /// \brief \f$ W \f$ after the step (the winner's row rounded as the options say), (m, d).
    Matrix<T> weights_after;
};

/// \brief The outcome of `competitive_learning`.
template <class T>
struct CompetitiveResult {
    /// \brief The final weights \f$ W \f$, (m, d).
    Matrix<T> weights;
    /// \brief One step per presented point, in order (empty unless `record_trace`).
    std::vector<CompetitiveStep<T>> trace;
};

/// \brief Rounds `value` to an integer with the given convention (`Rounding::none` returns it unchanged).
template <class T>
T round_to_integer(T value, Rounding mode);

/// \brief The induced local fields of the competitive layer, \f$ v = W x \f$, i.e. \f$ v_i = w_i^\top x \f$.
/// \param weights  \f$ W \f$, (m, d)
/// \param x        the input, (d)
/// \throws ShapeError if the lengths differ.
template <class T>
Vector<T> competitive_fields(const Matrix<T>& weights, const Vector<T>& x);

/// \brief The winning neuron \f$ i = \arg\max_i v_i \f$ with the given tie-break; sets `*tie` (if not null)
/// to whether the maximum is attained more than once.
/// \throws ShapeError if `fields` is empty.
template <class T>
std::size_t competitive_winner(const Vector<T>& fields, TieBreak tie_break, bool* tie = nullptr);

/// \brief Competitive learning: for each epoch, for each row \f$ x \f$ of `X` in order, the winner
/// \f$ i = \arg\max_i w_i^\top x \f$ is updated by the chosen rule (only the winner), then its weights are
/// rounded as the options say.
///
/// \param X                data (n, d), one point per row
/// \param initial_weights  \f$ W \f$, (m, d), one neuron per row
/// \param options          learning rate, rule, rounding, tie-break, epochs, trace
/// \throws ShapeError if `X` or the weights are empty or their d differ; ValueError if an entry is
///         NaN/Inf, \f$ \eta \le 0 \f$ or not finite, or `epochs` is 0.
template <class T>
CompetitiveResult<T> competitive_learning(const Matrix<T>& X, const Matrix<T>& initial_weights,
                                          const CompetitiveOptions& options = {});

}  // namespace dlc
