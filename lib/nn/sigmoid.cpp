#include "nn/sigmoid.hpp"

#include "core/check.hpp"

#include <cmath>
#include <sstream>

namespace dlc {

namespace {

template <class T>
T logistic(T v, T a) {
    return T(1) / (T(1) + std::exp(-a * v));  // exp overflows to inf for very negative a v: g = 0
}

}  // namespace

template <class T>
Sigmoid<T>::Sigmoid(T a) : a_(a) {
    require(std::isfinite(static_cast<double>(a)) && a > 0, "Sigmoid",
            "the slope a must be positive and finite, got " + std::to_string(static_cast<double>(a)));
}

template <class T>
std::string Sigmoid<T>::name() const {
    if (a_ == T(1)) return "Sigmoid";
    std::ostringstream s;
    s << "Sigmoid(a=" << a_ << ")";
    return s.str();
}

template <class T>
T Sigmoid<T>::value(T v) const {
    return logistic(v, a_);
}

template <class T>
T Sigmoid<T>::derivative(T v) const {
    const T g = logistic(v, a_);
    return a_ * g * (T(1) - g);
}

template <class T>
void Sigmoid<T>::apply(const T* v, T* z, std::size_t n) const {
    for (std::size_t i = 0; i < n; ++i) z[i] = logistic(v[i], a_);  // z = 1 / (1 + e^{-a v})
}

template <class T>
void Sigmoid<T>::delta(const T*, const T* z, const T* grad_z, T* delta, std::size_t n) const {
    for (std::size_t i = 0; i < n; ++i) delta[i] = grad_z[i] * a_ * z[i] * (T(1) - z[i]);  // g' = a g (1 - g)
}

template <class T>
T Tanh<T>::value(T v) const {
    return std::tanh(v);
}

template <class T>
T Tanh<T>::derivative(T v) const {
    const T t = std::tanh(v);
    return T(1) - t * t;
}

template <class T>
void Tanh<T>::apply(const T* v, T* z, std::size_t n) const {
    for (std::size_t i = 0; i < n; ++i) z[i] = std::tanh(v[i]);
}

template <class T>
void Tanh<T>::delta(const T*, const T* z, const T* grad_z, T* delta, std::size_t n) const {
    for (std::size_t i = 0; i < n; ++i) delta[i] = grad_z[i] * (T(1) - z[i] * z[i]);  // g' = 1 - tanh^2
}

template class Sigmoid<float>;
template class Sigmoid<double>;
template class Tanh<float>;
template class Tanh<double>;

}  // namespace dlc
