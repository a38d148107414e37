#include "nn/penalty.hpp"

#include "core/check.hpp"

#include <cmath>
#include <sstream>

namespace dlc {

template <class T>
Penalty<T>::Penalty(double lambda, bool include_biases) : lambda_(lambda), include_biases_(include_biases) {
    require(std::isfinite(lambda) && lambda >= 0, "Penalty",
            "lambda must be finite and >= 0, got " + std::to_string(lambda));
}

template <class T>
double L2Penalty<T>::value(const std::vector<Parameter<T>>& params) const {
    double s = 0;
    for (const auto& p : params) {
        if (!this->applies_to(p)) continue;
        const T* w = p.value->data();
        for (std::size_t j = 0; j < p.value->size(); ++j) s += static_cast<double>(w[j]) * w[j];
    }
    return this->lambda_ * s;  // lambda ||w||^2
}

template <class T>
void L2Penalty<T>::add_gradient(const std::vector<Parameter<T>>& params) const {
    const T two_lambda = static_cast<T>(2 * this->lambda_);
    for (const auto& p : params) {
        if (!this->applies_to(p)) continue;
        const T* w = p.value->data();
        T* g = p.grad->data();
        for (std::size_t j = 0; j < p.value->size(); ++j) g[j] += two_lambda * w[j];  // grad R + 2 lambda w
    }
}

template <class T>
std::string L2Penalty<T>::name() const {
    std::ostringstream s;
    s << "L2(" << this->lambda_ << ")";
    return s.str();
}

template <class T>
double L1Penalty<T>::value(const std::vector<Parameter<T>>& params) const {
    double s = 0;
    for (const auto& p : params) {
        if (!this->applies_to(p)) continue;
        const T* w = p.value->data();
        for (std::size_t j = 0; j < p.value->size(); ++j) s += std::abs(static_cast<double>(w[j]));
    }
    return this->lambda_ * s;  // lambda ||w||_1
}

template <class T>
void L1Penalty<T>::add_gradient(const std::vector<Parameter<T>>& params) const {
    const T lambda = static_cast<T>(this->lambda_);
    for (const auto& p : params) {
        if (!this->applies_to(p)) continue;
        const T* w = p.value->data();
        T* g = p.grad->data();
        for (std::size_t j = 0; j < p.value->size(); ++j)
            g[j] += lambda * static_cast<T>((w[j] > 0) - (w[j] < 0));  // grad R + lambda sign(w)
    }
}

template <class T>
std::string L1Penalty<T>::name() const {
    std::ostringstream s;
    s << "L1(" << this->lambda_ << ")";
    return s.str();
}

template class Penalty<float>;
template class Penalty<double>;
template class L2Penalty<float>;
template class L2Penalty<double>;
template class L1Penalty<float>;
template class L1Penalty<double>;

}  // namespace dlc
