/// \file
/// \brief Maximum likelihood for the Gumbel distribution: the negative log-likelihood, its gradient, and the MLE.
///
/// Lecture: Bahng §1.1, Example 1.1 (Tarokh, ECE685 2021 Midterm 1). The CDF
/// \f$ F(x) = \exp(-\exp(-(x - \mu)/\beta)) \f$ (location \f$ \mu \f$, scale \f$ \beta > 0 \f$) has density
/// \f$ f(x; \mu, \beta) = \frac1\beta \exp\{-(z + e^{-z})\} \f$ with \f$ z = (x - \mu)/\beta \f$, so the cost whose
/// minimum is the MLE is
/// \f[ \ell(\mu, \beta \mid \mathcal D) = -\ln L = N \ln\beta + \frac{\sum_i x_i - N\mu}{\beta}
///     + \sum_{i=1}^N e^{-(x_i - \mu)/\beta} , \f]
/// \f[ \frac{\partial \ell}{\partial \mu} = -\frac N\beta + \frac1\beta \sum_i e^{-(x_i - \mu)/\beta}, \qquad
///     \frac{\partial \ell}{\partial \beta} = \frac N\beta - \frac{\sum_i x_i - N\mu}{\beta^2}
///     + \frac1{\beta^2} \sum_i (x_i - \mu)\, e^{-(x_i - \mu)/\beta} . \f]
#pragma once

#include "core/rng.hpp"
#include "core/tensor.hpp"

#include <cstddef>

namespace dlc {

/// \brief \f$ \ell(\mu, \beta \mid \mathcal D) \f$ of the file comment for the samples `x` (N).
/// \throws ShapeError if x is empty; ValueError if \f$ \beta \le 0 \f$ or an entry is not finite.
double gumbel_nll(const Vector<double>& x, double mu, double beta);

/// \brief The gradient \f$ (\partial\ell/\partial\mu, \partial\ell/\partial\beta) \f$ of the file comment, (2).
/// \throws as `gumbel_nll`.
Vector<double> gumbel_nll_gradient(const Vector<double>& x, double mu, double beta);

/// \brief The maximum-likelihood estimate \f$ (\hat\mu, \hat\beta) \f$, (2): the solution of the file comment's
/// two equations \f$ \partial\ell/\partial\mu = \partial\ell/\partial\beta = 0 \f$.
///
/// The first gives \f$ \hat\mu = -\beta \ln\bigl(\frac1N \sum_i e^{-x_i/\beta}\bigr) \f$; put into the second, it leaves
/// one equation in \f$ \beta \f$, \f$ \beta = \bar x - \sum_i x_i e^{-x_i/\beta} / \sum_i e^{-x_i/\beta} \f$, whose left
/// side minus right side goes from \f$ \min_i x_i - \bar x < 0 \f$ (as \f$ \beta \to 0 \f$) to \f$ +\infty \f$: it is
/// solved by bisection to machine precision (exponentials shifted by \f$ \min_i x_i \f$, so nothing overflows).
/// \throws ShapeError if x has fewer than 2 entries; ValueError if they are all equal (no finite MLE) or not finite.
Vector<double> gumbel_mle(const Vector<double>& x);

/// \brief n draws from the Gumbel distribution by inverting F: \f$ x = \mu - \beta \ln(-\ln U) \f$, \f$ U \sim U(0, 1) \f$.
/// \throws ValueError if \f$ \beta \le 0 \f$.
Vector<double> gumbel_sample(std::size_t n, double mu, double beta, Rng& rng);

}  // namespace dlc
