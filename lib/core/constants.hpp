/// \file
/// \brief Numerical constants shared by the library's formulas.
#pragma once

namespace dlc {

/// \brief \f$ \log 2\pi \f$, the constant of every Gaussian log-density:
/// \f$ \log \mathcal N(x; \mu, \sigma^2) = -\tfrac12 (\log 2\pi + \log \sigma^2 + (x - \mu)^2 / \sigma^2) \f$.
inline constexpr double log_two_pi = 1.8378770664093454835606594728112;

}  // namespace dlc
