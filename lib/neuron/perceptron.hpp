/// \file
/// \brief The perceptron learning algorithm with a step activation, per-epoch weights and mistakes,
/// convergence (or a proof of non-convergence by a weight cycle), and the margin of a separable set.
///
/// Lecture: ECE/CS 559 notes L6/L7 (Rosenblatt's perceptron, "Perceptron Learning Example") and
/// L17/18 ("if the desired output were given for all patterns, we could have used the perceptron
/// training algorithm"). One neuron in the extended notation (see extended.hpp): the output is
/// \f$ y = u(w^\top x) \f$ with \f$ u(v) = 1 \f$ for \f$ v \ge 0 \f$ and 0 otherwise, the desired
/// output is \f$ d \in \{0, 1\} \f$, and each presented point updates
/// \f[ w \leftarrow w + \eta\,(d - y)\,x , \f]
/// which changes \f$ w \f$ only on a mistake (\f$ y \ne d \f$): by \f$ +\eta x \f$ for a missed class-1
/// point and by \f$ -\eta x \f$ for a class-0 point on the wrong side.
#pragma once

#include "core/tensor.hpp"

#include <cstddef>
#include <vector>

namespace dlc {

/// \brief Options of `perceptron_learning`.
struct PerceptronOptions {
    /// \brief The learning rate \f$ \eta > 0 \f$.
    double eta = 1.0;
    /// \brief The most epochs (passes over the data in row order) before giving up; \f$ \ge 1 \f$.
    std::size_t max_epochs = 100;
    /// \brief Stop as soon as the weights after an epoch equal (exactly) the weights after an earlier
    /// epoch that had mistakes: the epochs then repeat forever, a proof that the algorithm never converges.
    bool detect_cycles = true;
    /// \brief Keep a `PerceptronStep` per presented point.
    bool record_trace = true;
};

/// \brief One presented point: a row of the walk-through.
template <class T>
struct PerceptronStep {
    /// \brief The epoch, 1-based.
    std::size_t epoch = 0;
    /// \brief The global step count over all epochs, 1-based.
    std::size_t iteration = 0;
    /// \brief The row of `X` presented (0-based).
    std::size_t point = 0;
    /// \brief The desired output \f$ d \in \{0, 1\} \f$.
    T desired = 0;
    /// \brief The induced local field \f$ v = w^\top x \f$ with the weights before the step.
    T field = 0;
    /// \brief The output \f$ y = u(v) \f$.
    T output = 0;
    /// \brief Whether \f$ y \ne d \f$ (the weights changed).
    bool mistake = false;
    /// \brief The weights after the step, \f$ w + \eta (d - y) x \f$.
    Vector<T> weights_after;
};

/// \brief The outcome of `perceptron_learning`.
template <class T>
struct PerceptronResult {
    /// \brief The final weights \f$ w \f$ (in the extended notation: entry 0 is the bias).
    Vector<T> weights;
    /// \brief The weights after each epoch; entry 0 is the initial \f$ w(0) \f$, entry \f$ e \f$ follows epoch \f$ e \f$.
    std::vector<Vector<T>> epoch_weights;
    /// \brief The mistakes (updates) in each epoch; entry \f$ e - 1 \f$ is epoch \f$ e \f$.
    std::vector<std::size_t> mistakes;
    /// \brief The number of epochs run (including the final mistake-free one when `converged`).
    std::size_t epochs = 0;
    /// \brief An epoch made no mistake: \f$ u(w^\top x_i) = d_i \f$ for every point.
    bool converged = false;
    /// \brief The weights after epoch `cycle_start + cycle_length` equal those after epoch `cycle_start`
    /// (with mistakes in between): the run repeats forever and never converges.
    bool cycle = false;
    /// \brief The epoch \f$ e_0 \f$ whose end weights recur (0: the initial weights); meaningful if `cycle`.
    std::size_t cycle_start = 0;
    /// \brief The period of the cycle in epochs; meaningful if `cycle`.
    std::size_t cycle_length = 0;
    /// \brief One step per presented point (empty unless `record_trace`).
    std::vector<PerceptronStep<T>> trace;
};

/// \brief The perceptron learning algorithm: epochs over the rows of `X` in order, each point updating
/// \f$ w \leftarrow w + \eta (d - u(w^\top x)) x \f$, until an epoch without mistakes, a weight cycle, or
/// `max_epochs`.
///
/// \param X        inputs (n, d) as the neuron sees them; pass `with_bias_input(X)` for a neuron with bias
/// \param desired  the desired outputs \f$ d_i \in \{0, 1\} \f$ (n)
/// \param initial  \f$ w(0) \f$ (d)
/// \param options  \f$ \eta \f$, the epoch budget, cycle detection, trace
/// \throws ShapeError if `X` is empty or the lengths differ; ValueError if a label is not 0 or 1, an
///         entry is NaN/Inf, \f$ \eta \le 0 \f$ or `max_epochs` is 0.
template <class T>
PerceptronResult<T> perceptron_learning(const Matrix<T>& X, const Labels& desired, const Vector<T>& initial,
                                        const PerceptronOptions& options = {});

/// \brief The outputs \f$ y_i = u(w^\top x_i) \f$ of the neuron for every row of `X` (n, d).
/// \throws ShapeError unless `w` has d entries.
template <class T>
Labels perceptron_predict(const Matrix<T>& X, const Vector<T>& w);

/// \brief The geometric margin of the separator \f$ b + w^\top x = 0 \f$ on labelled points,
/// \f$ \gamma = \min_i s_i \dfrac{b + w^\top x_i}{\|w\|} \f$ with \f$ s_i = 2 d_i - 1 \in \{-1, +1\} \f$:
/// the distance from the line to the closest point, negative if some point is on the wrong side.
///
/// \param X          points (n, d), without the bias input
/// \param desired    labels \f$ d_i \in \{0, 1\} \f$ (n)
/// \param extended_w \f$ \tilde w = (b, w) \f$, length d + 1
/// \throws ShapeError on mismatched lengths; ValueError if \f$ w = 0 \f$ or a label is not 0/1.
template <class T>
T separator_margin(const Matrix<T>& X, const Labels& desired, const Vector<T>& extended_w);

/// \brief The maximal margin of a labelled set in the plane and the line achieving it.
struct MaxMargin2d {
    /// \brief The convex hulls of the two classes are disjoint (the set is linearly separable).
    bool separable = false;
    /// \brief \f$ \gamma^* = \max_{\|w\| = 1, b} \min_i s_i (b + w^\top x_i) \f$: half the distance between the
    /// classes' convex hulls (0 if they intersect).
    double margin = 0;
    /// \brief The max-margin line \f$ \tilde w = (b, w_1, w_2) \f$ with \f$ \|w\| = 1 \f$, class 1 on its positive
    /// side (zero if not separable): the perpendicular bisector of `closest_class1` and `closest_class0`.
    Vector<double> extended_w;
    /// \brief The point of class 1's hull closest to class 0's hull.
    Vector<double> closest_class1;
    /// \brief The point of class 0's hull closest to class 1's hull.
    Vector<double> closest_class0;
};

/// \brief The maximal margin of a 2-D labelled set, exactly: the distance between the convex hulls
/// (Andrew's monotone chain) of the two classes, \f$ 2\gamma^* = \min \|p - q\| \f$ over \f$ p \in
/// \mathrm{conv}(C_1) \f$, \f$ q \in \mathrm{conv}(C_0) \f$, computed from segment-to-segment distances.
/// \param X        points (n, 2)
/// \param desired  labels \f$ d_i \in \{0, 1\} \f$ (n); both classes must be present
/// \throws ShapeError unless X is (n, 2) with n labels; ValueError if a class is empty or a label is not 0/1.
MaxMargin2d max_margin_2d(const Matrix<double>& X, const Labels& desired);

/// \brief Novikoff's perceptron convergence bound for a separable set.
struct NovikoffBound {
    /// \brief \f$ R = \max_i \|x_i\| \f$ over the inputs as the neuron sees them (extended).
    double radius = 0;
    /// \brief \f$ \gamma = \min_i s_i \dfrac{w_*^\top x_i}{\|w_*\|} \f$ for the given separator \f$ w_* \f$
    /// (through the origin of the extended space).
    double margin = 0;
    /// \brief \f$ (R / \gamma)^2 \f$: started from \f$ w(0) = 0 \f$ the perceptron makes at most this many
    /// updates (any \f$ \eta > 0 \f$); infinite if \f$ \gamma \le 0 \f$.
    double mistake_bound = 0;
};

/// \brief Novikoff's bound \f$ (R/\gamma)^2 \f$ on the number of perceptron updates, for any separator \f$ w_* \f$
/// of the (extended) data; the best separator gives the smallest bound.
/// \param X        inputs (n, d) as the neuron sees them (e.g. `with_bias_input(X)`)
/// \param desired  labels \f$ d_i \in \{0, 1\} \f$ (n)
/// \param w_star   a separating weight vector (d)
/// \throws ShapeError on mismatched lengths; ValueError if \f$ w_* = 0 \f$ or a label is not 0/1.
NovikoffBound novikoff_bound(const Matrix<double>& X, const Labels& desired, const Vector<double>& w_star);

}  // namespace dlc
