#include "neuron/activation.hpp"

#include <cmath>

namespace dlc {

template <class T>
T heaviside(T v) {
    return v >= T(0) ? T(1) : T(0);
}

template <class T>
T signum(T v) {
    return v > T(0) ? T(1) : (v < T(0) ? T(-1) : T(0));
}

template <class T>
T logistic(T v, T a) {
    const T z = a * v;
    if (z >= T(0)) return T(1) / (T(1) + std::exp(-z));
    const T e = std::exp(z);  // z < 0: e^z / (1 + e^z) never overflows
    return e / (T(1) + e);
}

template <class T>
T logistic_derivative(T v, T a) {
    const T g = logistic(v, a);
    return a * g * (T(1) - g);
}

#define DLC_INSTANTIATE_ACTIVATION(T)        \
    template T heaviside<T>(T);              \
    template T signum<T>(T);                 \
    template T logistic<T>(T, T);            \
    template T logistic_derivative<T>(T, T);
DLC_INSTANTIATE_ACTIVATION(float)
DLC_INSTANTIATE_ACTIVATION(double)
#undef DLC_INSTANTIATE_ACTIVATION

}  // namespace dlc
