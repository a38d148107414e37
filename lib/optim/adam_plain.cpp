#include "optim/adam_plain.hpp"

#include "core/check.hpp"

#include <cmath>
#include <sstream>

namespace dlc {

template <class T>
AdamPlain<T>::AdamPlain(std::vector<Parameter<T>> params, double learning_rate, double beta1, double beta2,
                        double eps)
    : Optimizer<T>(std::move(params), learning_rate), beta1_(beta1), beta2_(beta2), eps_(eps) {
    require(beta1 >= 0.0 && beta1 < 1.0, "AdamPlain", "beta1 must be in [0, 1), got " + std::to_string(beta1));
    require(beta2 >= 0.0 && beta2 < 1.0, "AdamPlain", "beta2 must be in [0, 1), got " + std::to_string(beta2));
    require(eps >= 0.0, "AdamPlain", "eps must be >= 0, got " + std::to_string(eps));
    m_ = this->zeros_like_parameters();
    v_ = this->zeros_like_parameters();
}

template <class T>
void AdamPlain<T>::step() {
    const double t = static_cast<double>(++this->t_);
    const T alpha = T(this->lr_), b1 = T(beta1_), b2 = T(beta2_), eps = T(eps_);
    const T bias1 = T(1.0 - std::pow(beta1_, t)), bias2 = T(1.0 - std::pow(beta2_, t));
    for (std::size_t i = 0; i < this->params_.size(); ++i) {
        Tensor<T>& theta = *this->params_[i].value;
        const Tensor<T>& g = *this->params_[i].grad;
        Tensor<T>& m = m_[i];
        Tensor<T>& v = v_[i];
        m = b1 * m + (T(1) - b1) * g;      // m <- beta1 m + (1 - beta1) g
        v = b2 * v + (T(1) - b2) * g * g;  // v <- beta2 v + (1 - beta2) g^2
        const Tensor<T> m_hat = m / bias1;  // m_hat = m / (1 - beta1^t)
        const Tensor<T> v_hat = v / bias2;  // v_hat = v / (1 - beta2^t)
        theta -= alpha * m_hat / (xt::sqrt(v_hat) + eps);  // theta <- theta - alpha m_hat / (sqrt(v_hat) + eps)
    }
}

template <class T>
std::string AdamPlain<T>::name() const {
    std::ostringstream s;
    s << "Adam, plain (lr=" << this->lr_ << ")";
    return s.str();
}

template class AdamPlain<float>;
template class AdamPlain<double>;

}  // namespace dlc
