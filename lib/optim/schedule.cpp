#include "optim/schedule.hpp"

#include "core/check.hpp"

#include <cmath>
#include <sstream>

namespace dlc {

StepDecay::StepDecay(double factor, std::size_t every) : factor_(factor), every_(every) {
    require(factor > 0.0 && factor <= 1.0, "StepDecay", "the factor must be in (0, 1], got " + std::to_string(factor));
    require(every > 0, "StepDecay", "the period must be at least 1 epoch");
}

double StepDecay::after_epoch(std::size_t epoch, double, double learning_rate) {
    return epoch % every_ == 0 ? factor_ * learning_rate : learning_rate;
}

std::string StepDecay::name() const {
    std::ostringstream s;
    s << "StepDecay(x" << factor_ << " every " << every_ << " epoch" << (every_ == 1 ? "" : "s") << ")";
    return s.str();
}

DecayOnIncrease::DecayOnIncrease(double factor, std::size_t patience) : factor_(factor), patience_(patience) {
    require(factor > 0.0 && factor <= 1.0, "DecayOnIncrease",
            "the factor must be in (0, 1], got " + std::to_string(factor));
    require(patience > 0, "DecayOnIncrease", "the patience must be at least 1 epoch");
}

double DecayOnIncrease::after_epoch(std::size_t, double risk, double learning_rate) {
    const bool increased = !std::isnan(previous_) && risk > previous_;
    previous_ = risk;
    increases_ = increased ? increases_ + 1 : 0;
    if (increases_ >= patience_) {
        increases_ = 0;
        ++decays_;
        return factor_ * learning_rate;  // eta <- 0.9 eta
    }
    return learning_rate;
}

std::string DecayOnIncrease::name() const {
    std::ostringstream s;
    s << "DecayOnIncrease(x" << factor_ << " after " << patience_ << " increase" << (patience_ == 1 ? "" : "s")
      << ")";
    return s.str();
}

void DecayOnIncrease::reset() {
    previous_ = std::numeric_limits<double>::quiet_NaN();
    increases_ = 0;
    decays_ = 0;
}

}  // namespace dlc
