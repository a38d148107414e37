#include "neuron/gd_1d.hpp"

#include "core/check.hpp"
#include "report/table.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <ostream>
#include <unordered_map>

namespace dlc {

std::string outcome_name(Gd1dOutcome outcome) {
    switch (outcome) {
        case Gd1dOutcome::converged: return "converged";
        case Gd1dOutcome::diverged: return "diverged";
        case Gd1dOutcome::cycle: return "cycle";
        case Gd1dOutcome::max_iterations: return "max_iterations";
    }
    return "unknown";
}

std::ostream& operator<<(std::ostream& os, Gd1dOutcome outcome) { return os << outcome_name(outcome); }

Gd1dResult gradient_descent_1d(const std::function<double(double)>& R, const std::function<double(double)>& dR,
                               double w0, const Gd1dOptions& options) {
    const char* where = "gradient_descent_1d";
    require(std::isfinite(w0), where, "w0 must be finite, got " + fmt(w0));
    require(std::isfinite(options.eta) && options.eta > 0, where, "eta must be finite and > 0, got " + fmt(options.eta));
    require(options.max_iterations >= 1, where, "max_iterations must be at least 1, got 0");
    require(options.gradient_tolerance >= 0, where,
            "gradient_tolerance must be >= 0, got " + fmt(options.gradient_tolerance));
    require(options.blowup > 0, where, "blowup must be > 0, got " + fmt(options.blowup));

    Gd1dResult r;
    std::unordered_map<std::uint64_t, std::size_t> seen;  // bit pattern of w(t) -> t
    const auto key = [](double w) {
        if (w == 0) w = 0;  // -0 and +0 are the same point
        std::uint64_t k;
        std::memcpy(&k, &w, sizeof k);
        return k;
    };
    double w = w0;
    for (std::size_t t = 0;; ++t) {
        const double v = R(w), g = dR(w);
        if (!std::isfinite(v) || !std::isfinite(g)) {
            r.outcome = Gd1dOutcome::diverged;
            r.diagnosis = "diverged at step " + std::to_string(t) + ": R or R' is not finite at w = " + fmt(w);
            return r;
        }
        r.w.push_back(w);
        r.value.push_back(v);
        r.gradient.push_back(g);
        r.iterations = t;
        if (std::abs(g) <= options.gradient_tolerance) {
            r.outcome = Gd1dOutcome::converged;
            r.diagnosis = "converged after " + std::to_string(t) + " steps: |R'(w)| = " + fmt(std::abs(g)) +
                          " at w = " + fmt(w);
            return r;
        }
        if (options.detect_cycles) {
            const auto [it, fresh] = seen.emplace(key(w), t);
            if (!fresh) {
                r.outcome = Gd1dOutcome::cycle;
                r.cycle_start = it->second;
                r.cycle_period = t - it->second;
                r.diagnosis = "never converges: w(" + std::to_string(t) + ") = w(" + std::to_string(it->second) +
                              ") = " + fmt(w) + ", so the iterates repeat with period " +
                              std::to_string(r.cycle_period);
                return r;
            }
        }
        if (t == options.max_iterations) {
            r.outcome = Gd1dOutcome::max_iterations;
            r.diagnosis = "stopped after " + std::to_string(t) + " steps at w = " + fmt(w) + ", R'(w) = " + fmt(g);
            return r;
        }
        const double next = w - options.eta * g;  // w(t+1) = w(t) - eta R'(w(t))
        if (!std::isfinite(next) || std::abs(next) > options.blowup) {
            r.outcome = Gd1dOutcome::diverged;
            r.iterations = t + 1;
            r.diagnosis = "diverged at step " + std::to_string(t + 1) + ": |w| = " +
                          (std::isfinite(next) ? fmt(std::abs(next), 3) : std::string("inf")) + " exceeds " +
                          fmt(options.blowup, 3) + " with eta = " + fmt(options.eta);
            return r;
        }
        w = next;
    }
}

void require_converged(const Gd1dResult& result) {
    if (result.outcome != Gd1dOutcome::converged) throw DivergenceError("gradient_descent_1d", result.diagnosis);
}

}  // namespace dlc
