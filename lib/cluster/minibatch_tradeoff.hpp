/// \file
/// \brief The bias–variance argument for the step of minibatch k-means (ECE/CS 559 HW7, its last page): why
/// \f$ \eta = 4.5 \f$ suits batches of 64, and how the step should change with the batch size.
///
/// One minibatch step is \f$ C(t) = (1 - \alpha) C(t-1) + \alpha\, m(t) \f$ with \f$ \alpha = \eta / 5 \f$, so after
/// \f$ T \f$ steps \f$ C(T) \approx \sum_{s \ge 0} \alpha (1 - \alpha)^s m(T - s) \f$. The page models a cell mean
/// \f$ s \f$ batches old as \f$ m = M + a s + a Z / \sqrt b \f$ (a drift of \f$ a \f$ per batch, \f$ a \approx 0.23 \f$
/// the mean pixel, \f$ Z \sim N(0, 1) \f$), which gives, as \f$ T \to \infty \f$,
/// \f[ \mathrm{Bias} = a \frac{1 - \alpha}{\alpha}, \qquad
///     \mathrm{Variance} = \frac{a^2}{b} \frac{\alpha^2}{1 - (1 - \alpha)^2} = \frac{a^2}{b} \frac{\alpha}{2 - \alpha} . \f]
/// Both carry \f$ a^2 \f$ (in the squared bias), so the balance \f$ \mathrm{Bias}^2 = \mathrm{Variance} \f$ and the
/// minimiser of \f$ \mathrm{Bias}^2 + \mathrm{Variance} \f$ do not depend on \f$ a \f$: the functions here take
/// \f$ a = 1 \f$.
#pragma once

#include "core/rng.hpp"
#include "core/tensor.hpp"

#include <cstddef>

namespace dlc {

/// \brief \f$ \mathrm{Bias}(\alpha) / a = (1 - \alpha) / \alpha \f$ for \f$ \alpha \in (0, 1] \f$.
double tradeoff_bias(double alpha);

/// \brief \f$ \mathrm{Variance}(\alpha) / a^2 = \frac1b \frac{\alpha^2}{1 - (1 - \alpha)^2} \f$ for batches of `b`.
double tradeoff_variance(double alpha, double b);

/// \brief The \f$ \eta = 5\alpha \f$ where \f$ \mathrm{Bias}^2 = \mathrm{Variance} \f$ (the curves of the page
/// touch; \f$ \mathrm{Bias}^2 - \mathrm{Variance} \f$ falls from \f$ +\infty \f$ at \f$ \alpha \to 0 \f$ to
/// \f$ -1/b \f$ at \f$ \alpha = 1 \f$, so the root is unique), by bisection to \f$ 10^{-12} \f$.
/// \throws ValueError unless \f$ b \ge 1 \f$.
double balance_eta(double b);

/// \brief The \f$ \eta = 5\alpha \f$ minimising \f$ \mathrm{Bias}^2 + \mathrm{Variance} \f$ (a convex function of
/// \f$ \alpha \f$ on \f$ (0, 1] \f$: its derivative changes sign once), by bisection on the derivative.
/// \throws ValueError unless \f$ b \ge 1 \f$.
double best_eta(double b);

/// \brief One epoch of minibatch k-means as the page writes it: a fresh shuffle from `rng`, batches of `batch` rows
/// (the last may be smaller); in each batch every centre with a non-empty cell moves to
/// \f$ C_i \leftarrow (1 - \alpha) C_i + \alpha\, m_i \f$, \f$ m_i \f$ the mean of the batch's points nearest to
/// \f$ C_i \f$ (a centre whose cell is empty in the batch stays). \f$ \alpha = 1 \f$ with one batch of all the data
/// is Lloyd's update.
/// \throws ValueError unless \f$ 0 < \alpha \le 1 \f$ and `batch` > 0; ShapeError if the widths differ.
template <class T>
void minibatch_kmeans_epoch(Matrix<T>& C, const Matrix<T>& X, std::size_t batch, double alpha, Rng& rng);

}  // namespace dlc
