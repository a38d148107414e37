#include "optim/divergence.hpp"

#include "core/check.hpp"
#include "core/error.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace dlc {

DivergenceMonitor::DivergenceMonitor(std::string where, std::string what, double blowup_factor, double floor)
    : where_(std::move(where)), what_(std::move(what)), factor_(blowup_factor), floor_(floor),
      first_(std::numeric_limits<double>::quiet_NaN()) {
    require(blowup_factor == 0.0 || blowup_factor > 1.0, "DivergenceMonitor",
            "the blow-up factor must be 0 (off) or above 1, got " + std::to_string(blowup_factor));
    require(floor > 0.0, "DivergenceMonitor", "the floor must be positive");
}

void DivergenceMonitor::reset() {
    has_first_ = false;
    first_ = std::numeric_limits<double>::quiet_NaN();
}

void DivergenceMonitor::check(double value, const std::string& step) {
    if (!std::isfinite(value)) {
        std::ostringstream s;
        s << "diverged at " << step << ": the " << what_ << " is " << value
          << (has_first_ ? " (it started at " + std::to_string(first_) + ")" : std::string())
          << "; the learning rate is probably too large for this problem";
        throw DivergenceError(where_, s.str());
    }
    if (!has_first_) {
        first_ = value;
        has_first_ = true;
        return;
    }
    const double ref = std::max(std::abs(first_), floor_);
    if (factor_ > 0 && std::abs(value) > factor_ * ref) {
        std::ostringstream s;
        s << "diverged at " << step << ": the " << what_ << " " << value << " exceeds " << factor_
          << " times its first value " << first_ << "; the learning rate is probably too large for this problem";
        throw DivergenceError(where_, s.str());
    }
}

}  // namespace dlc
