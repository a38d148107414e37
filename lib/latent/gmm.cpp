#include "latent/gmm.hpp"

#include "core/check.hpp"
#include "latent/estep.hpp"
#include "latent/gem.hpp"
#include "latent/mstep.hpp"

#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <utility>

namespace dlc {

EmResult fit_gmm(const Matrix<double>& X, const GaussianMixture& initial, const EmOptions& options) {
    const char* where = "fit_gmm";
    check_mixture(where, initial);
    const std::size_t n = check_mixture_data(where, X, initial);
    const std::size_t d = X.shape(1), k = initial.components();
    require(k <= n, where, "k = " + std::to_string(k) + " exceeds the number of points n = " + std::to_string(n) +
                               ", expected k <= n");
    require(options.max_iterations >= 1, where, "max_iterations must be at least 1, got 0");
    require(std::isfinite(options.reg_covar) && options.reg_covar >= 0, where,
            "reg_covar must be finite and >= 0, got " + std::to_string(options.reg_covar));
    require(std::isfinite(options.tolerance) && options.tolerance >= 0, where,
            "tolerance must be finite and >= 0, got " + std::to_string(options.tolerance));
    require(std::isfinite(options.rounding_tolerance) && options.rounding_tolerance >= 0, where,
            "rounding_tolerance must be finite and >= 0, got " + std::to_string(options.rounding_tolerance));
    if (options.m_step == MStepMethod::gradient)
        require(std::isfinite(options.learning_rate) && options.learning_rate > 0, where,
                "learning_rate must be finite and > 0, got " + std::to_string(options.learning_rate));

    // Buffers for the whole loop: the E-step's (n, k) matrices live in `density`, the M-step's scratch in `work`.
    MixtureDensity density(X);
    const double scale = data_variance_scale(X);
    GaussianMixture theta = initial;
    GaussianMixture next = initial;
    Matrix<double> work;
    MStepStats stats;

    EmResult r;
    r.smallest_increase = std::numeric_limits<double>::infinity();
    double ll = density.evaluate(theta, nullptr, where);
    if (!std::isfinite(ll))
        throw DivergenceError(where, "the log-likelihood at the initial parameters is " + std::to_string(ll) +
                                         ", expected a finite value");
    r.log_likelihood.push_back(ll);
    if (options.record_trace) r.trace.push_back({0, theta, density.responsibilities(), ll});

    for (std::size_t t = 1; t <= options.max_iterations; ++t) {
        // M-step from gamma(theta^(t-1)).
        double slack = 0;
        if (options.m_step == MStepMethod::exact) {
            m_step_into(X, density.responsibilities(), theta.type, options.reg_covar, scale, next, work, &stats, where);
            slack = stats.regularization_slack;
        } else {
            next = gem_step(X, density.responsibilities(), theta, options.learning_rate).theta;
        }
        std::swap(theta, next);

        // E-step at theta^(t): the evidence l_t, and the bound L(gamma(theta^(t-1)), theta^(t)) on the way.
        double bound = 0;
        const double prev = ll;
        ll = density.evaluate(theta, &bound, where);
        if (std::isnan(ll))
            throw DivergenceError(where, "the log-likelihood became NaN at iteration " + std::to_string(t));
        r.log_likelihood.push_back(ll);
        r.lower_bound.push_back(bound);
        r.regularization_slack.push_back(slack);
        r.iterations = t;
        const double change = ll - prev;
        r.smallest_increase = std::min(r.smallest_increase, change);
        if (options.check_monotone) {
            const double rounding =
                options.rounding_tolerance * (double(n) * double(d) + density.abs_log_evidence_sum());
            if (change < -(slack + rounding)) {
                std::ostringstream msg;
                msg.precision(17);
                msg << "the log-likelihood decreased at iteration " << t << ": from " << prev << " to " << ll
                    << " (change " << change << "), expected a change >= -(" << slack << " + " << rounding
                    << ") (regularization slack + rounding tolerance): EM never decreases the likelihood, this is a bug";
                throw DivergenceError(where, msg.str());
            }
        }
        if (options.record_trace) r.trace.push_back({t, theta, density.responsibilities(), ll});
        if (options.on_iteration) options.on_iteration(t, ll);
        if (std::abs(change) / double(n) < options.tolerance) {
            r.converged = true;
            break;
        }
    }
    r.theta = std::move(theta);
    r.responsibilities = density.responsibilities();
    return r;
}

}  // namespace dlc
