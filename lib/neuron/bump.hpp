/// \file
/// \brief The universal-approximation building blocks made of sigmoids: a 1-D bump from two steep sigmoids,
/// a 2-D tower from four, and a staircase of bumps approximating a function.
///
/// Lecture: "Deep Learning" notes (Bahng), section 1.3, Examples 1.3–1.5 (bump functions in
/// \f$ \mathbb{R} \f$ and \f$ \mathbb{R}^2 \f$, tower functions in \f$ \mathbb{R}^2 \f$) and Theorem 1.1 (a
/// Lipschitz function approximated by towers on a \f$ K \times K \f$ checkerboard). Here
/// \f$ \sigma(v) = 1/(1 + e^{-v}) \f$, so \f$ \sigma(k(x - a)) \f$ is a step at \f$ a \f$ of steepness \f$ k \f$
/// (`logistic(x - a, k)`), i.e. one hidden sigmoid neuron with weight \f$ k \f$ and bias \f$ -k a \f$.
#pragma once

#include "core/tensor.hpp"

namespace dlc {

/// \brief The bump \f$ h\,[\sigma(k(x - a)) - \sigma(k(x - b))] \f$: two hidden sigmoid neurons and a linear
/// output, tending to \f$ h \f$ on \f$ (a, b) \f$, \f$ h/2 \f$ at the edges and 0 outside as \f$ k \to \infty \f$.
/// \throws ValueError unless \f$ a < b \f$ and \f$ k > 0 \f$ (all finite).
template <class T>
T bump(T x, T a, T b, T k, T height = T(1));

/// \brief The rectangle \f$ (a_1, b_1) \times (a_2, b_2) \f$ of a tower.
struct TowerBox {
    double a1 = 0;  ///< left edge \f$ a_1 \f$ in \f$ x_1 \f$
    double b1 = 1;  ///< right edge \f$ b_1 \f$ in \f$ x_1 \f$
    double a2 = 0;  ///< lower edge \f$ a_2 \f$ in \f$ x_2 \f$
    double b2 = 1;  ///< upper edge \f$ b_2 \f$ in \f$ x_2 \f$
};

/// \brief The tower \f$ \sigma\big(k_2\,[B_1(x_1) + B_2(x_2) - \theta]\big) \f$ with the bumps
/// \f$ B_j(x_j) = \sigma(k_1(x_j - a_j)) - \sigma(k_1(x_j - b_j)) \f$ (four hidden sigmoids, one sigmoid output).
///
/// The sum \f$ B_1 + B_2 \f$ is about 2 inside the box, 1 on the two strips through it (a "cross") and 0
/// elsewhere, so a threshold \f$ 1 < \theta < 2 \f$ (default \f$ \theta = 3/2 \f$) keeps only the box:
/// the tower tends to its indicator as \f$ k_1, k_2 \to \infty \f$.
/// \throws ValueError unless the box has \f$ a_j < b_j \f$ and \f$ k_1, k_2 > 0 \f$ (all finite).
template <class T>
T tower(T x1, T x2, const TowerBox& box, T k1, T k2, T threshold = T(1.5));

/// \brief A staircase of bumps \f$ \sum_j h_j [\sigma(k(x - e_j)) - \sigma(k(x - e_{j+1}))] \f$ over the cells
/// \f$ (e_j, e_{j+1}) \f$: with \f$ h_j = f(\text{cell centre}) \f$ it approximates \f$ f \f$ as the cells shrink and
/// \f$ k \f$ grows (the universal approximation argument).
/// \param x        the input
/// \param edges    \f$ e_0 < e_1 < \dots < e_m \f$ (m + 1)
/// \param heights  \f$ h_0, \dots, h_{m-1} \f$ (m)
/// \param k        the steepness of every sigmoid, \f$ > 0 \f$
/// \throws ShapeError unless there is one height per cell; ValueError unless the edges increase and \f$ k > 0 \f$.
template <class T>
T bump_sum(T x, const Vector<T>& edges, const Vector<T>& heights, T k);

}  // namespace dlc
