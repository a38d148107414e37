/// \file
/// \brief Hebb's rule \f$ w \leftarrow w + \eta\, x\, y \f$ (the activity product rule) with a sign or a linear
/// output, and the damped rule \f$ w \leftarrow \alpha w + \eta\, x\, y \f$ with \f$ \alpha < 1 \f$.
///
/// Lecture: ECE/CS 559 notes L17/18, section 2 ("Hebbian Learning": \f$ w_i(n+1) = w_i(n) + \eta x y_i(n) \f$,
/// the saturation example with \f$ y = \mathrm{sgn}(x^\top w) \f$, the damped update
/// \f$ w_i(n+1) = \alpha w_i(n) + \eta x y_i(n) \f$ with its limit \f$ 1/(1 - \alpha) \f$, and the example with
/// \f$ w(1) = (0.1, 0.1) \f$ and six points in two clusters), and the handwritten L17/18 notes
/// ("Original Hebb's rule: \f$ w_i \leftarrow w_i + \eta x \delta_i \f$"; "Fixes: ... \f$ w_i \leftarrow \alpha w_i
/// + \eta x \delta_i \f$, damping < 1"). One neuron without bias; no desired output is used.
#pragma once

#include "core/tensor.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace dlc {

/// \brief The neuron's output \f$ y \f$ in Hebb's rule.
enum class HebbOutput {
    /// \f$ y = \mathrm{sgn}(x^\top w) \in \{-1, 0, 1\} \f$ (the notes' examples).
    sign,
    /// \f$ y = x^\top w \f$ (identity activation).
    linear,
};

/// \brief Options of `hebb_learning`.
struct HebbOptions {
    /// \brief The learning rate \f$ \eta \f$ (finite; \f$ > 0 \f$).
    double eta = 1.0;
    /// \brief The damping \f$ \alpha \f$ of \f$ w \leftarrow \alpha w + \eta x y \f$; \f$ \alpha = 1 \f$ is Hebb's rule.
    double alpha = 1.0;
    /// \brief Sign or linear output.
    HebbOutput output = HebbOutput::sign;
    /// \brief Passes over the data in row order; \f$ \ge 1 \f$.
    std::size_t epochs = 1;
    /// \brief Keep a `HebbStep` per presented point.
    bool record_trace = true;
    /// \brief Stop and report divergence when some \f$ |w_l| \f$ exceeds this (or is NaN/Inf).
    double blowup = 1e12;
};

/// \brief One presented point: a line of the notes' walk-through.
template <class T>
struct HebbStep {
    /// \brief The epoch, 1-based.
    std::size_t epoch = 0;
    /// \brief The global step count, 1-based; the notes' weights before the step are \f$ w(n) \f$ with
    /// \f$ n \f$ = `iteration` when they start at \f$ w(1) \f$.
    std::size_t iteration = 0;
    /// \brief The row of `X` presented (0-based).
    std::size_t point = 0;
    /// \brief The weights before the step.
    Vector<T> weights_before;
    /// \brief The local field \f$ v = x^\top w \f$ with the weights before the step.
    T field = 0;
    /// \brief The output \f$ y = \mathrm{sgn}(v) \f$ or \f$ y = v \f$.
    T output = 0;
    /// \brief The weights after the step, \f$ \alpha w + \eta x y \f$.
    Vector<T> weights_after;
};

/// \brief The outcome of `hebb_learning`.
template <class T>
struct HebbResult {
    /// \brief The final weights (the last finite ones if the run diverged).
    Vector<T> weights;
    /// \brief One step per presented point (empty unless `record_trace`).
    std::vector<HebbStep<T>> trace;
    /// \brief The steps taken (fewer than epochs x n if the run diverged).
    std::size_t steps = 0;
    /// \brief Some weight exceeded `blowup` or became NaN/Inf; the run stopped there.
    bool diverged = false;
    /// \brief When diverged, what happened, e.g. `hebb_learning: |w| = 1.1e+12 exceeds 1e+12 at step 41`.
    std::string diagnosis;
};

/// \brief The output \f$ y = \mathrm{sgn}(x^\top w) \f$ or \f$ y = x^\top w \f$.
/// \throws ShapeError unless `w` and `x` have the same length.
template <class T>
T hebb_output(const Vector<T>& w, const Vector<T>& x, HebbOutput output);

/// \brief One step of the (damped) Hebbian rule, \f$ \alpha w + \eta\, x\, y \f$ (\f$ \alpha = 1 \f$: Hebb's rule).
/// \throws ShapeError unless `w` and `x` have the same length.
template <class T>
Vector<T> hebb_update(const Vector<T>& w, const Vector<T>& x, T y, T eta, T alpha = T(1));

/// \brief Hebbian learning: for each epoch, for each row \f$ x \f$ of `X` in order,
/// \f$ y = \mathrm{sgn}(x^\top w) \f$ (or \f$ x^\top w \f$) and \f$ w \leftarrow \alpha w + \eta\, x\, y \f$, using the
/// current weights. A run whose weights blow up stops and is reported (`HebbResult::diverged`), never
/// returning NaN.
///
/// \param X        inputs (n, d), one per row
/// \param initial  the initial weights (d), the notes' \f$ w(1) \f$
/// \param options  \f$ \eta \f$, \f$ \alpha \f$, the output, epochs, trace and blow-up threshold
/// \throws ShapeError if `X` is empty or the lengths differ; ValueError if an entry is NaN/Inf,
///         \f$ \eta \le 0 \f$, \f$ \alpha \f$ not finite, `epochs` is 0 or `blowup` not positive.
template <class T>
HebbResult<T> hebb_learning(const Matrix<T>& X, const Vector<T>& initial, const HebbOptions& options = {});

/// \brief The limit of the damped rule on the notes' saturation example (scalar \f$ x = 1 \f$, sign output,
/// \f$ w > 0 \f$ so \f$ y = 1 \f$): the fixed point of \f$ w \leftarrow \alpha w + \eta \f$,
/// \f$ w^* = \dfrac{\eta}{1 - \alpha} \f$ (the notes' \f$ 1/(1 - \alpha) \f$ for \f$ \eta = 1 \f$), reached for
/// \f$ |\alpha| < 1 \f$ since \f$ w(n) - w^* = \alpha^n (w(0) - w^*) \f$.
/// \throws ValueError unless \f$ |\alpha| < 1 \f$ and \f$ \eta \f$ is finite.
double damped_hebb_fixed_point(double alpha, double eta = 1.0);

}  // namespace dlc
