#include "optim/optimizer.hpp"

#include "core/check.hpp"

#include <algorithm>
#include <cmath>

namespace dlc {

template <class T>
Optimizer<T>::Optimizer(std::vector<Parameter<T>> params, double learning_rate) : params_(std::move(params)) {
    set_learning_rate(learning_rate);
    for (const auto& p : params_) {
        require(p.value != nullptr && p.grad != nullptr, "Optimizer", "parameter '" + p.name + "' is null");
        if (!same_shape(*p.value, *p.grad))
            throw ShapeError("Optimizer", "the gradient of '" + p.name + "' has shape " + shape_of(*p.grad) +
                                              ", the parameter " + shape_of(*p.value));
    }
}

template <class T>
void Optimizer<T>::set_learning_rate(double learning_rate) {
    require(std::isfinite(learning_rate) && learning_rate > 0, "Optimizer::set_learning_rate",
            "the learning rate must be positive and finite, got " + std::to_string(learning_rate));
    lr_ = learning_rate;
}

template <class T>
void Optimizer<T>::zero_grad() {
    for (auto& p : params_) std::fill(p.grad->data(), p.grad->data() + p.grad->size(), T(0));
}

template <class T>
std::vector<Tensor<T>> Optimizer<T>::zeros_like_parameters() const {
    std::vector<Tensor<T>> s;
    s.reserve(params_.size());
    for (const auto& p : params_) s.push_back(xt::zeros<T>(p.value->shape()));
    return s;
}

template class Optimizer<float>;
template class Optimizer<double>;

}  // namespace dlc
