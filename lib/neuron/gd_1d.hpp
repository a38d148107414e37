/// \file
/// \brief Gradient descent on a function of one variable, \f$ w(t) = w(t-1) - \eta R'(w(t-1)) \f$, with every
/// iterate recorded and the outcome diagnosed: converged, diverged, trapped in a cycle, or out of iterations.
///
/// Lecture: ECE/CS 559 notes L8 ("1-D Example: \f$ R(w) = w^4 \f$, \f$ dR/dw = 4w^3 \f$, \f$ \eta = 1/8 \f$",
/// \f$ w(0) = 1 \f$; "\f$ w(t) \leftarrow [1 - 4\eta\, w(t-1)^2]\, w(t-1) \f$"; "What if \f$ \eta \f$ is too big?
/// Try \f$ \eta = 1/2 \f$ with \f$ w(0) = 1 \f$"). A diverging run is reported in the result (never NaN);
/// `require_converged` turns a failed run into a `DivergenceError`.
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace dlc {

/// \brief How a 1-D gradient descent run ended.
enum class Gd1dOutcome {
    /// \f$ |R'(w(t))| \le \f$ `gradient_tolerance`: a stationary point.
    converged,
    /// \f$ |w(t)| \f$ exceeded `blowup`, or \f$ w \f$, \f$ R \f$ or \f$ R' \f$ became NaN/Inf.
    diverged,
    /// \f$ w(t) = w(s) \f$ exactly for some \f$ s < t \f$ while not stationary: the iteration map repeats the
    /// period forever and never converges.
    cycle,
    /// None of the above within `max_iterations` steps.
    max_iterations,
};

/// \brief The outcome's name: `converged`, `diverged`, `cycle` or `max_iterations`.
std::string outcome_name(Gd1dOutcome outcome);

/// \brief Writes `outcome_name(outcome)` (for logs and test messages).
std::ostream& operator<<(std::ostream& os, Gd1dOutcome outcome);

/// \brief Options of `gradient_descent_1d`.
struct Gd1dOptions {
    /// \brief The step size \f$ \eta > 0 \f$.
    double eta = 0.1;
    /// \brief The most steps; \f$ \ge 1 \f$.
    std::size_t max_iterations = 100;
    /// \brief Stop as converged when \f$ |R'(w)| \le \f$ this (\f$ \ge 0 \f$).
    double gradient_tolerance = 1e-10;
    /// \brief Stop as diverged when \f$ |w| \f$ exceeds this.
    double blowup = 1e100;
    /// \brief Stop when an iterate repeats exactly (a cycle).
    bool detect_cycles = true;
};

/// \brief The iterates of `gradient_descent_1d` and how the run ended.
struct Gd1dResult {
    /// \brief \f$ w(0), w(1), \dots \f$: the finite iterates (the blown-up one is not stored).
    std::vector<double> w;
    /// \brief \f$ R(w(t)) \f$ for each stored iterate.
    std::vector<double> value;
    /// \brief \f$ R'(w(t)) \f$ for each stored iterate.
    std::vector<double> gradient;
    /// \brief How the run ended.
    Gd1dOutcome outcome = Gd1dOutcome::max_iterations;
    /// \brief The steps taken (\f$ w(t) \f$ for \f$ t \le \f$ `iterations` were computed).
    std::size_t iterations = 0;
    /// \brief For `cycle`: the period \f$ t - s \f$ of the repetition; for `cycle`, also `w[cycle_start]` is the
    /// first repeated iterate.
    std::size_t cycle_period = 0;
    /// \brief For `cycle`: the first index \f$ s \f$ of the repeated iterate.
    std::size_t cycle_start = 0;
    /// \brief One sentence on how the run ended, e.g. `diverged at step 4: |w| = 3.1e+101 exceeds 1e+100`.
    std::string diagnosis;
};

/// \brief Gradient descent \f$ w(t) = w(t-1) - \eta R'(w(t-1)) \f$ from \f$ w(0) \f$, stopping at a stationary point,
/// a blow-up, an exact cycle, or after `max_iterations` steps.
/// \param R   the function \f$ R(w) \f$ (recorded for plots; not used by the step)
/// \param dR  its derivative \f$ R'(w) \f$
/// \param w0  the starting point, finite
/// \param options  step size, stopping rules
/// \throws ValueError if \f$ w(0) \f$ or \f$ \eta \f$ is not finite, \f$ \eta \le 0 \f$, `max_iterations` is 0,
///         or a tolerance is negative.
Gd1dResult gradient_descent_1d(const std::function<double(double)>& R, const std::function<double(double)>& dR,
                               double w0, const Gd1dOptions& options);

/// \brief Throws `DivergenceError("gradient_descent_1d: <diagnosis>")` unless the run converged.
void require_converged(const Gd1dResult& result);

}  // namespace dlc
