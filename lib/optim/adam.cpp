#include "optim/adam.hpp"

#include "core/check.hpp"
#include "optim/vector_sqrt.hpp"

#include <algorithm>

#include <cmath>
#include <sstream>

namespace dlc {

template <class T>
Adam<T>::Adam(std::vector<Parameter<T>> params, double learning_rate, double beta1, double beta2, double eps)
    : Optimizer<T>(std::move(params), learning_rate), beta1_(beta1), beta2_(beta2), eps_(eps) {
    require(beta1 >= 0.0 && beta1 < 1.0, "Adam", "beta1 must be in [0, 1), got " + std::to_string(beta1));
    require(beta2 >= 0.0 && beta2 < 1.0, "Adam", "beta2 must be in [0, 1), got " + std::to_string(beta2));
    require(eps >= 0.0, "Adam", "eps must be >= 0, got " + std::to_string(eps));
    m_ = this->zeros_like_parameters();
    v_ = this->zeros_like_parameters();
}

template <class T>
void Adam<T>::step() {
    const std::size_t t = ++this->t_;
    const T alpha = static_cast<T>(this->lr_), eps = static_cast<T>(eps_);
    const T b1 = static_cast<T>(beta1_), b2 = static_cast<T>(beta2_);
    // Bias corrections 1 / (1 - beta^t), computed in double once per step.
    const T inv_bias1 = static_cast<T>(1.0 / (1.0 - std::pow(beta1_, static_cast<double>(t))));
    const T inv_bias2 = static_cast<T>(1.0 / (1.0 - std::pow(beta2_, static_cast<double>(t))));
    // Blocks of `chunk` coordinates: the square roots go through a small buffer so that both loops
    // vectorize (see vector_sqrt.hpp).
    constexpr std::size_t chunk = 512;
    T root[chunk];
    for (std::size_t i = 0; i < this->params_.size(); ++i) {
        const std::size_t size = m_[i].size();
        for (std::size_t start = 0; start < size; start += chunk) {
            const std::size_t len = std::min(chunk, size - start);
            T* theta = this->params_[i].value->data() + start;
            const T* g = this->params_[i].grad->data() + start;
            T* m = m_[i].data() + start;
            T* v = v_[i].data() + start;
            for (std::size_t j = 0; j < len; ++j) {
                m[j] = b1 * m[j] + (T(1) - b1) * g[j];         // m <- beta1 m + (1 - beta1) g
                v[j] = b2 * v[j] + (T(1) - b2) * g[j] * g[j];  // v <- beta2 v + (1 - beta2) g^2
                root[j] = v[j] * inv_bias2;                    // v_hat = v / (1 - beta2^t)
            }
            sqrt_in_place(root, len);  // sqrt(v_hat)
            for (std::size_t j = 0; j < len; ++j) {
                const T m_hat = m[j] * inv_bias1;  // m_hat = m / (1 - beta1^t)
                theta[j] -= alpha * m_hat / (root[j] + eps);
            }
        }
    }
}

template <class T>
std::string Adam<T>::name() const {
    std::ostringstream s;
    s << "Adam(lr=" << this->lr_ << ")";
    return s.str();
}

template class Adam<float>;
template class Adam<double>;

}  // namespace dlc
