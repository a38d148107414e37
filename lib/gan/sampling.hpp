/// \file
/// \brief Inverse-CDF sampling and the Kolmogorov–Smirnov distance of samples to a CDF: how the mock
/// final's optimal generator is found, and how a generator's samples are checked against \f$ F_X \f$.
///
/// Lectures: mock final Q5 (b) (a monotone \f$ g \f$ with \f$ g(Z) \sim X \f$ solves
/// \f$ F_Z(z) = F_X(g(z)) \f$, i.e. \f$ g = F_X^{-1} \circ F_Z \f$; for \f$ Z \sim U(0, 1) \f$,
/// \f$ g = F_X^{-1} \f$), L19 "derived distributions"; Bahng §11 ("Gaussian with inverse CDF").
#pragma once

#include "core/rng.hpp"

#include <cstddef>
#include <functional>
#include <vector>

namespace dlc {

/// \brief \f$ F^{-1}(u) = \min\{x : F(x) \ge u\} \f$ of a continuous non-decreasing CDF on
/// \f$ [\text{lo}, \text{hi}] \f$, by bisection to \f$ 10^{-15} \f$ of the interval (about 50 halvings).
/// \throws ValueError if \f$ u \notin [0, 1] \f$ or the interval is empty or not finite.
double inverse_cdf(const std::function<double(double)>& F, double u, double lo, double hi);

/// \brief \f$ n \f$ samples \f$ x_i = g(u_i) \f$ with \f$ u_i \sim U(0, 1) \f$ i.i.d. from `rng`: for
/// \f$ g = F^{-1} \f$ the samples have CDF \f$ F \f$ (\f$ P(g(U) \le x) = P(U \le F(x)) = F(x) \f$).
/// \throws ValueError if `g` is empty.
std::vector<double> sample_inverse_cdf(const std::function<double(double)>& g, std::size_t n, Rng& rng);

/// \brief The Kolmogorov–Smirnov distance \f$ D_n = \sup_x |F_n(x) - F(x)| \f$ of the empirical CDF
/// \f$ F_n \f$ of `samples` to a continuous CDF \f$ F \f$, exactly: with the samples sorted,
/// \f$ D_n = \max_i \max\bigl(\tfrac{i}{n} - F(x_{(i)}),\ F(x_{(i)}) - \tfrac{i-1}{n}\bigr) \f$.
/// \throws ShapeError if `samples` is empty; ValueError if a sample is not finite or \f$ F \f$ leaves [0, 1].
double ks_distance(std::vector<double> samples, const std::function<double(double)>& F);

/// \brief The asymptotic p-value of \f$ D_n \f$ under the hypothesis that the samples come from \f$ F \f$:
/// \f$ Q(\lambda) = 2 \sum_{k \ge 1} (-1)^{k-1} e^{-2 k^2 \lambda^2} \f$ with Stephens' correction
/// \f$ \lambda = (\sqrt n + 0.12 + 0.11/\sqrt n)\, D_n \f$ (1 for \f$ \lambda < 0.2 \f$).
/// \throws ValueError if \f$ n = 0 \f$ or \f$ D_n \notin [0, 1] \f$.
double ks_p_value(double distance, std::size_t n);

}  // namespace dlc
