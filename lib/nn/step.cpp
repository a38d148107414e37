#include "nn/step.hpp"

#include "core/error.hpp"

#include <sstream>

namespace dlc {

template <class T>
std::string Step<T>::name() const {
    std::ostringstream s;
    s << "Step(" << low_ << ", " << high_ << ")";
    return s.str();
}

template <class T>
void Step<T>::apply(const T* v, T* z, std::size_t n) const {
    for (std::size_t i = 0; i < n; ++i) z[i] = v[i] >= T(0) ? high_ : low_;
}

template <class T>
void Step<T>::delta(const T*, const T*, const T*, T* delta, std::size_t n) const {
    for (std::size_t i = 0; i < n; ++i) delta[i] = T(0);
}

template <class T>
const Tensor<T>& Step<T>::backward(const Tensor<T>&) {
    throw Error(name() + "::backward",
                "the step activation has no usable derivative (g'(v) = 0 for v != 0, undefined at 0), so "
                "backpropagation through it cannot train anything; use it forward only (perceptron, data "
                "generation) and train with Sigmoid(a) for a large slope a instead");
}

template class Step<float>;
template class Step<double>;

}  // namespace dlc
