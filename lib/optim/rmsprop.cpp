#include "optim/rmsprop.hpp"

#include "core/check.hpp"
#include "optim/vector_sqrt.hpp"

#include <algorithm>

#include <cmath>
#include <sstream>

namespace dlc {

template <class T>
RMSprop<T>::RMSprop(std::vector<Parameter<T>> params, double learning_rate, double gamma, double eps)
    : Optimizer<T>(std::move(params), learning_rate), gamma_(gamma), eps_(eps) {
    require(gamma > 0.0 && gamma <= 1.0, "RMSprop", "gamma must be in (0, 1], got " + std::to_string(gamma));
    require(eps >= 0.0, "RMSprop", "eps must be >= 0, got " + std::to_string(eps));
    s_ = this->zeros_like_parameters();
}

template <class T>
void RMSprop<T>::step() {
    const T alpha = static_cast<T>(this->lr_), gamma = static_cast<T>(gamma_), eps = static_cast<T>(eps_);
    // Blocks of `chunk` coordinates, the square roots through a small buffer (see vector_sqrt.hpp).
    constexpr std::size_t chunk = 512;
    T root[chunk];
    for (std::size_t i = 0; i < this->params_.size(); ++i) {
        const std::size_t size = s_[i].size();
        for (std::size_t start = 0; start < size; start += chunk) {
            const std::size_t len = std::min(chunk, size - start);
            T* theta = this->params_[i].value->data() + start;
            const T* g = this->params_[i].grad->data() + start;
            T* s = s_[i].data() + start;
            for (std::size_t j = 0; j < len; ++j) {
                s[j] = (T(1) - gamma) * s[j] + gamma * g[j] * g[j];  // s <- (1 - gamma) s + gamma g^2
                root[j] = s[j] + eps;
            }
            sqrt_in_place(root, len);  // sqrt(s + eps)
            for (std::size_t j = 0; j < len; ++j) theta[j] -= alpha / root[j] * g[j];  // theta - alpha g / sqrt(s + eps)
        }
    }
    ++this->t_;
}

template <class T>
std::string RMSprop<T>::name() const {
    std::ostringstream s;
    s << "RMSprop(lr=" << this->lr_ << ", gamma=" << gamma_ << ")";
    return s.str();
}

template class RMSprop<float>;
template class RMSprop<double>;

}  // namespace dlc
