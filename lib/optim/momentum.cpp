#include "optim/momentum.hpp"

#include "core/check.hpp"

#include <sstream>

namespace dlc {

template <class T>
Momentum<T>::Momentum(std::vector<Parameter<T>> params, double learning_rate, double mu)
    : Optimizer<T>(std::move(params), learning_rate), mu_(mu) {
    require(mu >= 0.0 && mu < 1.0, "Momentum", "mu must be in [0, 1), got " + std::to_string(mu));
    v_ = this->zeros_like_parameters();
}

template <class T>
void Momentum<T>::step() {
    const T eta = static_cast<T>(this->lr_), mu = static_cast<T>(mu_);
    for (std::size_t i = 0; i < this->params_.size(); ++i) {
        T* theta = this->params_[i].value->data();
        const T* g = this->params_[i].grad->data();
        T* v = v_[i].data();
        for (std::size_t j = 0; j < v_[i].size(); ++j) {
            v[j] = mu * v[j] - eta * g[j];  // v <- mu v - eta g
            theta[j] += v[j];               // theta <- theta + v
        }
    }
    ++this->t_;
}

template <class T>
std::string Momentum<T>::name() const {
    std::ostringstream s;
    s << "Momentum(lr=" << this->lr_ << ", mu=" << mu_ << ")";
    return s.str();
}

template class Momentum<float>;
template class Momentum<double>;

}  // namespace dlc
