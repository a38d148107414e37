/// \file
/// \brief Sparse coding of one input with a fixed dictionary by ISTA (proximal gradient descent):
/// a gradient step on the reconstruction error, then soft-thresholding.
///
/// Lecture: Bahng §8.4. For a dictionary \f$ D \f$ (d, K) and an input \f$ x \f$ the code minimizes
/// \f[ F(h) = \tfrac12 \|x - D h\|_2^2 + \lambda \|h\|_1 . \f]
/// ISTA iterates
/// \f[ h \leftarrow h - \alpha D^\top (D h - x), \qquad h \leftarrow \mathrm{shrink}(h, \alpha\lambda), \qquad
///     \mathrm{shrink}(a, b)_i = \mathrm{sign}(a_i) \max(|a_i| - b, 0) . \f]
/// With \f$ L = \lambda_{\max}(D^\top D) \f$ (the Lipschitz constant of the smooth part's gradient),
/// \f$ F \f$ decreases at every step when \f$ \alpha \le 1/L \f$ (Beck & Teboulle, 2009), the condition Bahng
/// prints ("converge if \f$ 1/\alpha \f$ is bigger than the largest eigenvalue of \f$ D^\top D \f$"); the
/// iterates still converge for \f$ \alpha < 2/L \f$ (the step is then an averaged operator), and diverge
/// in general beyond.
#pragma once

#include "core/tensor.hpp"

#include <cstddef>
#include <vector>

namespace dlc {

/// \brief \f$ \mathrm{shrink}(a, t)_i = \mathrm{sign}(a_i) \max(|a_i| - t, 0) \f$, the proximal map of \f$ t\|\cdot\|_1 \f$.
/// \throws ValueError if t is negative or not finite.
Vector<double> soft_threshold(const Vector<double>& a, double t);

/// \brief \f$ F(h) = \frac12 \|x - D h\|^2 + \lambda \|h\|_1 \f$.
/// \throws ShapeError if D is not (d, K) with x (d) and h (K).
double sparse_coding_objective(const Matrix<double>& D, const Vector<double>& x, const Vector<double>& h,
                               double lambda);

/// \brief \f$ L = \lambda_{\max}(D^\top D) \f$ (the square of D's largest singular value).
/// \throws ShapeError if D is empty; ValueError on NaN/Inf.
double ista_lipschitz(const Matrix<double>& D);

/// \brief What `ista` returns.
struct IstaResult {
    /// \brief The last iterate \f$ h \f$.
    Vector<double> h;
    /// \brief \f$ F(h) \f$ at the start and after each iteration.
    std::vector<double> objective;
    /// \brief Iterations made.
    std::size_t iterations = 0;
    /// \brief Whether \f$ F \f$ never increased (up to \f$ 10^{-12} \f$ relative).
    bool monotone = true;
    /// \brief Whether the iterates blew up (\f$ F > 10^{12} F(h_0) \f$ or NaN); iteration then stops.
    bool diverged = false;
};

/// \brief `iterations` ISTA steps with step size \f$ \alpha \f$ = `step` from \f$ h_0 = 0 \f$ (or `h0`).
/// \throws ShapeError on mismatched shapes; ValueError if \f$ \lambda < 0 \f$, the step is not positive, or an
///         input has NaN/Inf.
IstaResult ista(const Matrix<double>& D, const Vector<double>& x, double lambda, double step, std::size_t iterations,
                const Vector<double>& h0 = {});

}  // namespace dlc
