#include "optim/minibatch.hpp"

#include "core/check.hpp"

#include <algorithm>
#include <sstream>

namespace dlc {

template <class T>
MinibatchSGD<T>::MinibatchSGD(std::vector<Parameter<T>> params, double learning_rate, std::size_t batch_size)
    : Optimizer<T>(std::move(params), learning_rate), batch_size_(batch_size) {
    require(batch_size > 0, "MinibatchSGD", "the batch size must be at least 1");
}

template <class T>
bool MinibatchSGD<T>::example_done() {
    if (++pending_ < batch_size_) return false;
    step();
    return true;
}

template <class T>
bool MinibatchSGD<T>::flush() {
    if (pending_ == 0) return false;
    step();
    return true;
}

template <class T>
void MinibatchSGD<T>::step() {
    const std::size_t k = std::max<std::size_t>(pending_, 1);
    const T eta_over_k = static_cast<T>(this->lr_ / static_cast<double>(k));
    for (auto& p : this->params_) {
        T* theta = p.value->data();
        T* g = p.grad->data();
        for (std::size_t j = 0; j < p.value->size(); ++j) {
            theta[j] -= eta_over_k * g[j];  // theta <- theta - eta * (sum of k gradients) / k
            g[j] = T(0);                    // zero out the gradients
        }
    }
    pending_ = 0;
    ++this->t_;
}

template <class T>
std::string MinibatchSGD<T>::name() const {
    std::ostringstream s;
    s << "MinibatchSGD(lr=" << this->lr_ << ", B=" << batch_size_ << ")";
    return s.str();
}

template class MinibatchSGD<float>;
template class MinibatchSGD<double>;

}  // namespace dlc
