#include "optim/masked_optimizer.hpp"

#include "core/check.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace dlc {

template <class T>
MaskedOptimizer<T>::MaskedOptimizer(Optimizer<T>& inner, const PruneMask<T>& mask)
    : Optimizer<T>(inner.parameters(), inner.learning_rate()), inner_(inner), mask_(mask) {
    for (const auto& p : mask.params) {
        const auto& own = inner.parameters();
        const bool found = std::any_of(own.begin(), own.end(), [&](const Parameter<T>& q) { return q.value == p.value; });
        require(found, "MaskedOptimizer", "the masked tensor '" + p.name + "' is not a parameter of " + inner.name());
    }
}

template <class T>
void MaskedOptimizer<T>::step() {
    inner_.set_learning_rate(this->lr_);  // a schedule sets this optimizer's rate
    mask_gradients(mask_);                // grad <- m (.) grad: the pruned network's gradient
    inner_.step();
    apply_mask(mask_);                    // theta <- m (.) theta: pruned weights stay 0
    ++this->t_;
}

template <class T>
std::string MaskedOptimizer<T>::name() const {
    std::ostringstream s;
    s << "Masked(" << inner_.name() << ", " << std::round(1000 * mask_.sparsity()) / 10 << "% pruned)";
    return s.str();
}

template class MaskedOptimizer<float>;
template class MaskedOptimizer<double>;

}  // namespace dlc
