#include "optim/early_stopping.hpp"

#include "core/check.hpp"
#include "core/error.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <utility>

namespace dlc {

EarlyStopping::EarlyStopping(std::size_t patience, double min_delta)
    : patience_(patience), min_delta_(min_delta), best_loss_(std::numeric_limits<double>::quiet_NaN()) {
    require(patience >= 1, "EarlyStopping", "the patience must be at least 1 epoch, got 0");
    require(std::isfinite(min_delta) && min_delta >= 0, "EarlyStopping",
            "the smallest improvement min_delta must be >= 0 and finite, got " + std::to_string(min_delta));
}

bool EarlyStopping::observe(double validation_loss) {
    if (stop()) {
        std::ostringstream msg;
        msg << "the rule already said stop after epoch " << epochs_ << " (best epoch " << best_epoch_ << ", patience "
            << patience_ << "); a new epoch cannot be observed";
        throw ValueError("EarlyStopping::observe", msg.str());
    }
    if (!std::isfinite(validation_loss)) {
        std::ostringstream msg;
        msg << "the validation loss of epoch " << epochs_ + 1 << " is " << validation_loss << ", not a finite number";
        throw ValueError("EarlyStopping::observe", msg.str());
    }
    ++epochs_;
    // Bahng §2.1 / L13: epoch t improves if L_t < L_b - Delta (the first epoch always does)
    if (best_epoch_ == 0 || validation_loss < best_loss_ - min_delta_) {
        best_epoch_ = epochs_;
        best_loss_ = validation_loss;
        return true;
    }
    return false;
}

template <class T>
void snapshot_state(Module<T>& module, std::vector<Tensor<T>>& state) {
    const auto params = module.parameters();
    const auto buffers = module.buffers();
    state.resize(params.size() + buffers.size());
    std::size_t k = 0;
    for (const auto& p : params) copy_into(state[k++], *p.value);
    for (const auto& b : buffers) copy_into(state[k++], *b.value);
}

template <class T>
void restore_state(Module<T>& module, const std::vector<Tensor<T>>& state) {
    const char* where = "restore_state";
    const auto params = module.parameters();
    const auto buffers = module.buffers();
    if (state.size() != params.size() + buffers.size())
        throw ShapeError(where, "expected " + std::to_string(params.size() + buffers.size()) +
                                    " tensors (parameters and buffers of " + module.name() + "), got " +
                                    std::to_string(state.size()));
    std::vector<std::pair<std::string, Tensor<T>*>> targets;
    for (const auto& p : params) targets.emplace_back(p.name, p.value);
    for (const auto& b : buffers) targets.emplace_back(b.name, b.value);
    for (std::size_t k = 0; k < targets.size(); ++k)  // check every shape before changing anything
        if (!same_shape(state[k], *targets[k].second))
            throw ShapeError(where, "'" + targets[k].first + "' has shape " + shape_of(*targets[k].second) +
                                        ", the saved tensor " + shape_of(state[k]));
    for (std::size_t k = 0; k < targets.size(); ++k)
        std::copy(state[k].begin(), state[k].end(), targets[k].second->begin());
}

template void snapshot_state(Module<float>&, std::vector<Tensor<float>>&);
template void snapshot_state(Module<double>&, std::vector<Tensor<double>>&);
template void restore_state(Module<float>&, const std::vector<Tensor<float>>&);
template void restore_state(Module<double>&, const std::vector<Tensor<double>>&);

}  // namespace dlc
