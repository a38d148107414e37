#include "optim/rmsprop_plain.hpp"

#include "core/check.hpp"

#include <sstream>

namespace dlc {

template <class T>
RMSpropPlain<T>::RMSpropPlain(std::vector<Parameter<T>> params, double learning_rate, double gamma, double eps)
    : Optimizer<T>(std::move(params), learning_rate), gamma_(gamma), eps_(eps) {
    require(gamma > 0.0 && gamma <= 1.0, "RMSpropPlain", "gamma must be in (0, 1], got " + std::to_string(gamma));
    require(eps >= 0.0, "RMSpropPlain", "eps must be >= 0, got " + std::to_string(eps));
    s_ = this->zeros_like_parameters();
}

template <class T>
void RMSpropPlain<T>::step() {
    const T alpha = T(this->lr_), gamma = T(gamma_), eps = T(eps_);
    for (std::size_t i = 0; i < this->params_.size(); ++i) {
        Tensor<T>& theta = *this->params_[i].value;
        const Tensor<T>& g = *this->params_[i].grad;
        Tensor<T>& s = s_[i];
        s = (T(1) - gamma) * s + gamma * g * g;      // s <- (1 - gamma) s + gamma g^2
        theta -= alpha / xt::sqrt(s + eps) * g;      // theta <- theta - alpha g / sqrt(s + eps)
    }
    ++this->t_;
}

template <class T>
std::string RMSpropPlain<T>::name() const {
    std::ostringstream s;
    s << "RMSprop, plain (lr=" << this->lr_ << ", gamma=" << gamma_ << ")";
    return s.str();
}

template class RMSpropPlain<float>;
template class RMSpropPlain<double>;

}  // namespace dlc
