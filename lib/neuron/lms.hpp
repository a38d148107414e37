/// \file
/// \brief Fitting one neuron to data with the squared loss: the Widrow–Hoff LMS algorithm (linear neuron),
/// the delta rule (sigmoid neuron with slope \f$ a \f$), and the closed-form linear regression
/// \f$ W = Y X^\top (X X^\top)^{-1} \f$.
///
/// Lecture: ECE/CS 559 notes L7 ("Linear Regression with Squared Loss": \f$ \nabla_W R = -2 Y X^\top + 2 W X X^\top
/// = 0 \Rightarrow W = Y X^\top (X X^\top)^{-1} \f$, the Moore–Penrose pseudo-inverse), L8 ("Delta Rule":
/// \f$ w \leftarrow w + \eta (y - g(w^\top x)) g'(w^\top x) x \f$ one point at a time) and L8–L10
/// ("Widrow–Hoff LMS Algorithm": \f$ w \leftarrow w + 2\eta \sum_i (y_i - w^\top x_i) x_i \f$, or one point
/// at a time \f$ w \leftarrow w + \eta (y_i - w^\top x_i) x_i \f$). The risk is the notes' sum
/// \f$ R(w) = \sum_i (y_i - f(x_i; w))^2 \f$ (not a mean).
///
/// Data are one example per row: `X` is (n, d), so the notes' \f$ X \f$ (one example per column) is
/// \f$ X^\top \f$ here, and the closed form reads \f$ W = Y^\top X (X^\top X)^{-1} \f$ in row layout.
/// Use `with_bias_input(X)` for a neuron with bias.
#pragma once

#include "core/rng.hpp"
#include "core/tensor.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace dlc {

/// \brief Options of `lms`, `lms_batch` and `delta_rule`.
struct LmsOptions {
    /// \brief The learning rate \f$ \eta > 0 \f$.
    double eta = 0.01;
    /// \brief Passes over the data; \f$ \ge 1 \f$.
    std::size_t epochs = 50;
    /// \brief Per-sample rules: present each epoch's points in a fresh random order (needs an `Rng`).
    bool shuffle = false;
    /// \brief Stop and report divergence when the risk exceeds `blowup` times \f$ (1 + R(w(0))) \f$, or a
    /// weight becomes NaN/Inf.
    double blowup = 1e6;
};

/// \brief The outcome of an iterative fit.
template <class T>
struct LmsResult {
    /// \brief The final weights (the last finite ones if the run diverged).
    Vector<T> weights;
    /// \brief The weights after each epoch; entry 0 is \f$ w(0) \f$.
    std::vector<Vector<T>> epoch_weights;
    /// \brief The risk \f$ R(w) = \sum_i (y_i - f(x_i; w))^2 \f$ after each epoch; entry 0 is \f$ R(w(0)) \f$.
    std::vector<double> risk;
    /// \brief The epochs completed.
    std::size_t epochs = 0;
    /// \brief The risk blew up or a weight became NaN/Inf; the run stopped there.
    bool diverged = false;
    /// \brief When diverged, what happened, e.g. `lms: the risk 3.2e+09 exceeds ... at epoch 4 (eta = 0.5)`.
    std::string diagnosis;
};

/// \brief The squared risk of a linear neuron, \f$ R(w) = \sum_i (y_i - w^\top x_i)^2 \f$.
/// \throws ShapeError on mismatched shapes.
template <class T>
double squared_risk(const Matrix<T>& X, const Vector<T>& y, const Vector<T>& w);

/// \brief The squared risk of a sigmoid neuron, \f$ R(w) = \sum_i (y_i - g(w^\top x_i))^2 \f$ with
/// \f$ g(v) = 1/(1 + e^{-a v}) \f$.
/// \throws ShapeError on mismatched shapes.
template <class T>
double sigmoid_risk(const Matrix<T>& X, const Vector<T>& y, const Vector<T>& w, T a);

/// \brief Widrow–Hoff LMS, one point at a time: \f$ w \leftarrow w + \eta\,(y_i - w^\top x_i)\, x_i \f$ — the
/// per-sample gradient step on \f$ (y_i - w^\top x_i)^2 \f$ with the factor 2 absorbed into \f$ \eta \f$.
/// \param X        inputs (n, d)
/// \param y        targets (n)
/// \param initial  \f$ w(0) \f$ (d)
/// \param options  \f$ \eta \f$, epochs, shuffling, blow-up threshold
/// \param rng      the generator for `shuffle` (may be null otherwise)
/// \throws ShapeError / ValueError on bad shapes, NaN/Inf entries, \f$ \eta \le 0 \f$, 0 epochs, or
///         `shuffle` without an `rng`. A diverging run is reported in the result, not thrown.
template <class T>
LmsResult<T> lms(const Matrix<T>& X, const Vector<T>& y, const Vector<T>& initial, const LmsOptions& options = {},
                 Rng* rng = nullptr);

/// \brief Batch gradient descent on the sum risk (the notes' LMS over all data):
/// \f$ w \leftarrow w - \eta \nabla R(w) = w + 2\eta \sum_i (y_i - w^\top x_i)\, x_i \f$, one step per epoch.
/// It converges iff \f$ 0 < \eta < 1/\lambda_{\max}(X^\top X) \f$.
/// \throws as `lms`.
template <class T>
LmsResult<T> lms_batch(const Matrix<T>& X, const Vector<T>& y, const Vector<T>& initial,
                       const LmsOptions& options = {});

/// \brief The delta rule for a sigmoid neuron, one point at a time:
/// \f$ w \leftarrow w + \eta\,(y_i - g(v_i))\, g'(v_i)\, x_i \f$ with \f$ v_i = w^\top x_i \f$,
/// \f$ g(v) = 1/(1 + e^{-a v}) \f$, \f$ g'(v) = a g(v)(1 - g(v)) \f$. The recorded risk is `sigmoid_risk`.
/// \param X        inputs (n, d)
/// \param y        targets (n), normally in (0, 1)
/// \param initial  \f$ w(0) \f$ (d)
/// \param a        the sigmoid's slope, finite and \f$ > 0 \f$
/// \param options  \f$ \eta \f$, epochs, shuffling, blow-up threshold
/// \param rng      the generator for `shuffle` (may be null otherwise)
/// \throws as `lms`, and ValueError for a bad slope.
template <class T>
LmsResult<T> delta_rule(const Matrix<T>& X, const Vector<T>& y, const Vector<T>& initial, T a,
                        const LmsOptions& options = {}, Rng* rng = nullptr);

/// \brief The least-squares weights in closed form, \f$ W = Y X^\top (X X^\top)^{-1} \f$ in the notes' column
/// layout, i.e. \f$ W^\top = (X^\top X)^{-1} X^\top Y \f$ for row data, solved with LAPACK's `gesv`
/// (xtensor-blas `solve`) on the normal equations.
/// \param X  inputs (n, d), one per row (use `with_bias_input` for a bias)
/// \param Y  targets (n, m), one per row
/// \return \f$ W \f$ (m, d), so that \f$ f(x) = W x \f$
/// \throws ShapeError if the row counts differ or `X` is empty; ValueError if \f$ X^\top X \f$ is singular
///         or numerically so (the inputs are linearly dependent, e.g. fewer points than d): use
///         `linear_regression_pinv`.
template <class T>
Matrix<T> linear_regression(const Matrix<T>& X, const Matrix<T>& Y);

/// \brief The least-squares weights with the Moore–Penrose pseudo-inverse, \f$ W = Y X^{+} \f$ in the notes'
/// layout (\f$ W^\top = X^{+} Y \f$ for row data; xtensor-blas `pinv`, an SVD): equal to `linear_regression`
/// when \f$ X^\top X \f$ is invertible, and the minimum-norm solution when it is not.
/// \return \f$ W \f$ (m, d)
/// \throws ShapeError if the row counts differ or `X` is empty; ValueError on NaN/Inf entries.
template <class T>
Matrix<T> linear_regression_pinv(const Matrix<T>& X, const Matrix<T>& Y);

}  // namespace dlc
