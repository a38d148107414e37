/// \file
/// \brief Densities on an interval of the real line and the exact quantities of a 1-D GAN: the
/// optimal discriminator \f$ D^* = p_{\text{data}} / (p_{\text{data}} + p_g) \f$, the value of the
/// game, and the Kullback–Leibler and Jensen–Shannon divergences by numerical integration.
///
/// Lectures: ECE/CS 559 L22&23 "(2) Analyzing GANs" (the discriminator's cross-entropy is smallest at
/// the posterior \f$ P(S = +1 \mid x) \f$, and there it is \f$ \log 2 - \mathrm{JSD} \f$), mock final
/// Q5 (\f$ f_X(x) = 2 - 2x \f$ on [0, 1] against a uniform generator), Bahng §11 Theorem 11.1
/// (\f$ D_G^*(x) = \frac{p(x \mid \text{real})}{p(x \mid \text{real}) + p(x \mid \text{synthesized})} \f$).
///
/// All integrals run over the union of the two supports, split at the support ends (a density may
/// jump there), each piece by the composite Simpson rule with the convention \f$ 0 \log 0 = 0 \f$
/// (a term whose weight is 0 counts 0).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace dlc {

/// \brief A probability density \f$ f \f$ on \f$ [\text{lo}, \text{hi}] \f$ (0 outside).
struct Density1d {
    /// \brief A label for tables and plots, e.g. `"f_X(x) = 2 - 2x"`.
    std::string name;
    /// \brief \f$ f(x) \f$ for \f$ x \in [\text{lo}, \text{hi}] \f$ (never called outside).
    std::function<double(double)> pdf;
    /// \brief The left end of the support.
    double lo = 0.0;
    /// \brief The right end of the support.
    double hi = 1.0;

    /// \brief \f$ f(x) \f$, and 0 outside \f$ [\text{lo}, \text{hi}] \f$.
    double operator()(double x) const { return x < lo || x > hi ? 0.0 : pdf(x); }
};

/// \brief The default number of Simpson intervals of the integrals below (\f$ 2^{16} \f$ per piece).
inline constexpr std::size_t default_integration_intervals = std::size_t{1} << 16;

/// \brief \f$ \int_a^b f(x)\, dx \f$ by the composite Simpson rule with `intervals` (even) sub-intervals:
/// \f$ \frac{h}{3} [f_0 + 4 f_1 + 2 f_2 + \dots + 4 f_{n-1} + f_n] \f$, \f$ h = (b - a)/n \f$.
/// \throws ValueError if \f$ a \ge b \f$, either end is not finite, or `intervals` is odd or below 2.
double simpson(const std::function<double(double)>& f, double a, double b,
               std::size_t intervals = default_integration_intervals);

/// \brief Checks that `d` is a density: a finite support with lo < hi, \f$ f \ge 0 \f$ and finite at
/// every point of a grid of `intervals` + 1 points, and \f$ |\int f - 1| \le \f$ `tolerance`.
/// \param where the public function doing the check (first in the message)
/// \throws ValueError naming `d.name`, the offending point or the integral.
void check_density(const Density1d& d, const char* where, double tolerance = 1e-6,
                   std::size_t intervals = default_integration_intervals);

/// \brief The optimal discriminator at one point, \f$ D^*(x) = \frac{p_{\text{data}}(x)}{p_{\text{data}}(x) + p_g(x)} \f$:
/// the \f$ D \in [0, 1] \f$ that maximises the pointwise integrand \f$ p \log D + q \log(1 - D) \f$ of the value
/// \f$ V(D, G) \f$ (Bahng's proof of Theorem 11.1). Where both densities are 0 every \f$ D \f$ is optimal; ½ is returned.
/// \throws ValueError if a density value is negative or not finite.
double optimal_discriminator(double p_data, double p_g);

/// \brief \f$ D^* \f$ of two densities on the points `x`.
/// \throws ValueError as the scalar version.
std::vector<double> optimal_discriminator(const Density1d& p_data, const Density1d& p_g, const std::vector<double>& x);

/// \brief The value of the game for a discriminator \f$ D \f$ (Bahng §11, Goodfellow et al.):
/// \f[ V(D, G) = \mathbb{E}_{x \sim p_{\text{data}}} \log D(x) + \mathbb{E}_{x \sim p_g} \log(1 - D(x))
///     = \int p_{\text{data}} \log D + p_g \log(1 - D) \, dx . \f]
/// The mock final's "idealized GAN loss" \f$ \mathbb{E}[-\log D(X) - \log(1 - D(G(Z)))] \f$ is \f$ -V \f$; the
/// L22&23 notes' cross-entropy \f$ R \f$ (with the ½ of the fair coin \f$ S \f$) is \f$ -V/2 \f$.
/// A point where \f$ D \f$ is 0 (or 1) under positive data (generator) density gives \f$ -\infty \f$.
/// \throws ValueError if either density fails `check_density`, or \f$ D(x) \notin [0, 1] \f$ somewhere.
double gan_value(const Density1d& p_data, const Density1d& p_g, const std::function<double(double)>& D,
                 std::size_t intervals = default_integration_intervals);

/// \brief \f$ \mathrm{KL}(p \| q) = \int p \log \frac{p}{q}\, dx \f$ (nats), over the union of the supports;
/// \f$ +\infty \f$ if \f$ p > 0 = q \f$ at a grid point.
/// \throws ValueError if either density fails `check_density`.
double kl_divergence(const Density1d& p, const Density1d& q, std::size_t intervals = default_integration_intervals);

/// \brief The Jensen–Shannon divergence (nats) with the mixture \f$ m = \tfrac12 (p + q) \f$:
/// \f[ \mathrm{JSD}(p, q) = \tfrac12 \mathrm{KL}(p \| m) + \tfrac12 \mathrm{KL}(q \| m)
///     = \int \tfrac12 p \log \frac{2p}{p + q} + \tfrac12 q \log \frac{2q}{p + q}\, dx \in [0, \log 2] . \f]
/// At the optimal discriminator, \f$ V(D^*, G) = -\log 4 + 2\, \mathrm{JSD}(p_{\text{data}}, p_g) \f$.
/// \throws ValueError if either density fails `check_density`.
double js_divergence(const Density1d& p, const Density1d& q, std::size_t intervals = default_integration_intervals);

}  // namespace dlc
