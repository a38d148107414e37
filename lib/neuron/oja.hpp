/// \file
/// \brief Oja's rule \f$ w \leftarrow w + \eta\, y\,(x - y\, w) \f$ with \f$ y = w^\top x \f$, which extracts the first
/// principal component, and the principal direction it is compared with.
///
/// Lecture: ECE/CS 559 handwritten notes L17/18, "(4) Oja's rule": \f$ w_i \leftarrow w_i + \eta \delta_i
/// (x - w_i \delta_i) \f$; "Claim, for small \f$ \eta \f$, \f$ w + \eta \delta (x - w \delta) \approx
/// (w + \eta x \delta) / \|w + \eta x \delta\| \f$"; "Extracts principal component:
/// \f$ \arg\max_{w : \|w\| = 1} \sum_{x \in \mathrm{data}} (w^\top x)^2 \f$". With the linear output
/// \f$ y = w^\top x \f$ the rule is Hebb's \f$ \eta y x \f$ plus a decay \f$ -\eta y^2 w \f$ that keeps
/// \f$ \|w\| \to 1 \f$; its stable fixed points are \f$ \pm \f$ the unit top eigenvector of
/// \f$ C = \frac1n \sum_i x_i x_i^\top \f$ (the covariance for centred data).
#pragma once

#include "core/rng.hpp"
#include "core/tensor.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace dlc {

/// \brief Options of `oja_learning`.
struct OjaOptions {
    /// \brief The learning rate \f$ \eta > 0 \f$.
    double eta = 0.01;
    /// \brief Passes over the data; \f$ \ge 1 \f$.
    std::size_t epochs = 20;
    /// \brief Present the points of each epoch in a fresh random order (needs an `Rng`), else in row order.
    bool shuffle = true;
    /// \brief Keep the weights after every step (`OjaResult::step_weights`) for trajectory plots.
    bool record_steps = false;
    /// \brief Stop and report divergence when \f$ \|w\| \f$ exceeds this (or is NaN/Inf): too large an
    /// \f$ \eta \f$ makes the decay term overshoot.
    double blowup = 1e6;
};

/// \brief The outcome of `oja_learning`.
template <class T>
struct OjaResult {
    /// \brief The final weights (the last finite ones if the run diverged).
    Vector<T> weights;
    /// \brief The weights after each epoch; entry 0 is the initial \f$ w \f$.
    std::vector<Vector<T>> epoch_weights;
    /// \brief The weights after every step, entry 0 the initial ones (empty unless `record_steps`).
    std::vector<Vector<T>> step_weights;
    /// \brief The number of steps taken.
    std::size_t steps = 0;
    /// \brief \f$ \|w\| \f$ exceeded `blowup` or became NaN/Inf; the run stopped there.
    bool diverged = false;
    /// \brief When diverged, what happened and at which step.
    std::string diagnosis;
};

/// \brief One step of Oja's rule: \f$ y = w^\top x \f$, \f$ w + \eta\, y\,(x - y\, w) \f$.
/// \throws ShapeError unless `w` and `x` have the same length.
template <class T>
Vector<T> oja_update(const Vector<T>& w, const Vector<T>& x, T eta);

/// \brief One step of Hebb's rule followed by normalization, \f$ \dfrac{w + \eta\, y\, x}{\|w + \eta\, y\, x\|} \f$,
/// \f$ y = w^\top x \f$: for \f$ \|w\| = 1 \f$ it equals `oja_update` up to \f$ O(\eta^2) \f$ (the notes' claim).
/// \throws ShapeError unless the lengths agree; ValueError if the new vector is zero.
template <class T>
Vector<T> normalized_hebb_update(const Vector<T>& w, const Vector<T>& x, T eta);

/// \brief Oja's rule over the data: for each epoch, for each point \f$ x \f$ (in row order or shuffled),
/// \f$ w \leftarrow w + \eta\, y\,(x - y\, w) \f$ with \f$ y = w^\top x \f$. A blow-up is reported, not returned as NaN.
///
/// \param X        data (n, d), one point per row (centre it to find the covariance's component)
/// \param initial  \f$ w(0) \f$ (d), non-zero
/// \param options  \f$ \eta \f$, epochs, shuffling, step recording, blow-up threshold
/// \param rng      the generator for shuffling (required when `options.shuffle`)
/// \throws ShapeError if `X` is empty or the lengths differ; ValueError if an entry is NaN/Inf, `initial`
///         is zero, \f$ \eta \le 0 \f$, `epochs` is 0, or `shuffle` is set without an `rng`.
template <class T>
OjaResult<T> oja_learning(const Matrix<T>& X, const Vector<T>& initial, const OjaOptions& options = {},
                          Rng* rng = nullptr);

/// \brief The second-moment matrix \f$ C = \frac1n \sum_i x_i x_i^\top = \frac1n X^\top X \f$ (d, d) of the rows of `X`.
/// \throws ShapeError if `X` is empty.
template <class T>
Matrix<T> second_moment(const Matrix<T>& X);

/// \brief The data minus their mean, \f$ x_i - \bar x \f$ (n, d).
/// \throws ShapeError if `X` is empty.
template <class T>
Matrix<T> centred(const Matrix<T>& X);

/// \brief The top eigenpair of a symmetric matrix.
template <class T>
struct PrincipalComponent {
    /// \brief The unit eigenvector \f$ u_1 \f$ of the largest eigenvalue, signed so that its entry of largest
    /// magnitude is positive.
    Vector<T> direction;
    /// \brief The largest eigenvalue \f$ \lambda_1 = \max_{\|w\| = 1} w^\top C w \f$.
    T eigenvalue = 0;
    /// \brief The second largest eigenvalue (0 for a 1 x 1 matrix); the gap \f$ \lambda_1 - \lambda_2 \f$
    /// sets how fast Oja's rule converges.
    T second_eigenvalue = 0;
};

/// \brief The top eigenvector of the symmetric matrix `C` (d, d), by LAPACK's `syevd` (xtensor-blas `eigh`).
/// \throws ShapeError unless `C` is square and non-empty; ValueError if it has NaN/Inf entries.
template <class T>
PrincipalComponent<T> top_eigenvector(const Matrix<T>& C);

/// \brief The angle in degrees, in [0, 90], between the lines spanned by `a` and `b`:
/// \f$ \arccos \dfrac{|a^\top b|}{\|a\| \|b\|} \f$ (Oja's rule may end at \f$ -u_1 \f$, the same component).
/// \throws ShapeError unless the lengths agree; ValueError if either is zero.
template <class T>
double direction_angle_degrees(const Vector<T>& a, const Vector<T>& b);

}  // namespace dlc
