#include "nn/relu.hpp"

#include "core/check.hpp"

#include <cmath>
#include <sstream>

namespace dlc {

// ---------------------------------------------------------------- ReLU

template <class T>
T ReLU<T>::value(T v) const {
    return v >= T(0) ? v : T(0);
}

template <class T>
T ReLU<T>::derivative(T v) const {
    return v >= T(0) ? T(1) : T(0);
}

template <class T>
void ReLU<T>::apply(const T* v, T* z, std::size_t n) const {
    for (std::size_t i = 0; i < n; ++i) z[i] = v[i] >= T(0) ? v[i] : T(0);  // z = max(0, v)
}

const char* relu_backward_name(ReLUBackward rule) {
    switch (rule) {
        case ReLUBackward::plain: return "plain";
        case ReLUBackward::guided: return "guided";
        case ReLUBackward::deconvnet: return "deconvnet";
    }
    return "?";
}

template <class T>
void ReLU<T>::delta(const T* v, const T*, const T* grad_z, T* delta, std::size_t n) const {
    switch (rule_) {
        case ReLUBackward::plain:
            for (std::size_t i = 0; i < n; ++i) {
                const T g = grad_z[i];  // read unconditionally: the loop then vectorizes
                delta[i] = v[i] >= T(0) ? g : T(0);  // g'(v) = step(v)
            }
            break;
        case ReLUBackward::guided:  // z̄ = ȳ if z >= 0 and ȳ > 0, else 0
            for (std::size_t i = 0; i < n; ++i) {
                const T g = grad_z[i];
                delta[i] = v[i] >= T(0) && g > T(0) ? g : T(0);
            }
            break;
        case ReLUBackward::deconvnet:  // z̄ = max(ȳ, 0): the forward mask is ignored
            for (std::size_t i = 0; i < n; ++i) delta[i] = grad_z[i] > T(0) ? grad_z[i] : T(0);
            break;
    }
}

// ---------------------------------------------------------------- leaky ReLU

template <class T>
LeakyReLU<T>::LeakyReLU(T alpha) : alpha_(alpha) {
    require(std::isfinite(static_cast<double>(alpha)), "LeakyReLU", "alpha must be finite");
}

template <class T>
std::string LeakyReLU<T>::name() const {
    std::ostringstream s;
    s << "LeakyReLU(" << alpha_ << ")";
    return s.str();
}

template <class T>
T LeakyReLU<T>::value(T v) const {
    return v >= T(0) ? v : alpha_ * v;
}

template <class T>
T LeakyReLU<T>::derivative(T v) const {
    return v >= T(0) ? T(1) : alpha_;
}

template <class T>
void LeakyReLU<T>::apply(const T* v, T* z, std::size_t n) const {
    for (std::size_t i = 0; i < n; ++i) z[i] = v[i] >= T(0) ? v[i] : alpha_ * v[i];
}

template <class T>
void LeakyReLU<T>::delta(const T* v, const T*, const T* grad_z, T* delta, std::size_t n) const {
    for (std::size_t i = 0; i < n; ++i) {
        const T g = grad_z[i];
        delta[i] = v[i] >= T(0) ? g : alpha_ * g;  // g'(v) = 1 or alpha
    }
}

// ---------------------------------------------------------------- ELU

template <class T>
ELU<T>::ELU(T alpha) : alpha_(alpha) {
    require(std::isfinite(static_cast<double>(alpha)), "ELU", "alpha must be finite");
}

template <class T>
std::string ELU<T>::name() const {
    std::ostringstream s;
    s << "ELU(" << alpha_ << ")";
    return s.str();
}

template <class T>
T ELU<T>::value(T v) const {
    return v > T(0) ? v : alpha_ * std::expm1(v);
}

template <class T>
T ELU<T>::derivative(T v) const {
    return v > T(0) ? T(1) : alpha_ * std::exp(v);
}

template <class T>
void ELU<T>::apply(const T* v, T* z, std::size_t n) const {
    for (std::size_t i = 0; i < n; ++i) z[i] = v[i] > T(0) ? v[i] : alpha_ * std::expm1(v[i]);  // alpha (e^v - 1)
}

template <class T>
void ELU<T>::delta(const T* v, const T* z, const T* grad_z, T* delta, std::size_t n) const {
    // g'(v) = 1 for v > 0, alpha e^v = g(v) + alpha otherwise
    for (std::size_t i = 0; i < n; ++i) {
        const T g = grad_z[i];
        delta[i] = v[i] > T(0) ? g : g * (z[i] + alpha_);
    }
}

// ---------------------------------------------------------------- GELU

namespace {

template <class T>
T normal_cdf(T v) {  // Phi(v)
    return T(0.5) * (T(1) + std::erf(v * T(0.70710678118654752440)));
}

template <class T>
T normal_pdf(T v) {  // phi(v)
    return T(0.39894228040143267794) * std::exp(T(-0.5) * v * v);
}

}  // namespace

template <class T>
T GELU<T>::value(T v) const {
    return v * normal_cdf(v);
}

template <class T>
T GELU<T>::derivative(T v) const {
    return normal_cdf(v) + v * normal_pdf(v);
}

template <class T>
void GELU<T>::apply(const T* v, T* z, std::size_t n) const {
    for (std::size_t i = 0; i < n; ++i) z[i] = v[i] * normal_cdf(v[i]);  // v Phi(v)
}

template <class T>
void GELU<T>::delta(const T* v, const T*, const T* grad_z, T* delta, std::size_t n) const {
    for (std::size_t i = 0; i < n; ++i) delta[i] = grad_z[i] * (normal_cdf(v[i]) + v[i] * normal_pdf(v[i]));
}

template class ReLU<float>;
template class ReLU<double>;
template class LeakyReLU<float>;
template class LeakyReLU<double>;
template class ELU<float>;
template class ELU<double>;
template class GELU<float>;
template class GELU<double>;

}  // namespace dlc
