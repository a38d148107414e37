#include "nn/binary_cross_entropy.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace dlc {

namespace {

template <class T>
T clamp_epsilon() {
    return std::is_same<T, float>::value ? T(1e-7) : T(1e-12);
}

}  // namespace

template <class T>
std::string BinaryCrossEntropy<T>::name() const {
    return std::string("BinaryCrossEntropy(") + to_string(reduction_) + ", " +
           (input_ == BceInput::logits ? "logits" : "probabilities") + ")";
}

template <class T>
double BinaryCrossEntropy<T>::forward(const Tensor<T>& f, const Tensor<T>& y) {
    this->require_same_shape(f, y);
    copy_into(this->f_, f);
    copy_into(this->y_, y);
    const T eps = clamp_epsilon<T>();
    double s = 0;
    for (std::size_t i = 0; i < f.size(); ++i) {
        const double yi = y.data()[i];
        if (input_ == BceInput::logits) {
            const double v = f.data()[i];  // max(v,0) - v y + log(1 + e^{-|v|})
            s += std::max(v, 0.0) - v * yi + std::log1p(std::exp(-std::abs(v)));
        } else {
            const double fi = std::clamp(f.data()[i], eps, T(1) - eps);
            s -= yi * std::log(fi) + (1 - yi) * std::log(1 - fi);
        }
    }
    return reduction_ == Reduction::mean ? s / static_cast<double>(f.shape(0)) : s;
}

template <class T>
double BinaryCrossEntropy<T>::forward(const Tensor<T>& f, const Labels& labels) {
    if (f.dimension() == 0 || f.size() != f.shape(0))
        throw ShapeError(name() + "::forward",
                         "labels need one output per example, shape (N) or (N, 1), got " + shape_of(f));
    if (labels.size() != f.shape(0))
        throw ShapeError(name() + "::forward", "got " + std::to_string(labels.size()) + " labels for " +
                                                   std::to_string(f.shape(0)) + " examples");
    Tensor<T> y = Tensor<T>::from_shape(f.shape());
    for (std::size_t n = 0; n < labels.size(); ++n) {
        if (labels(n) > 1)
            throw ValueError(name() + "::forward", "label " + std::to_string(labels(n)) + " at row " +
                                                       std::to_string(n) + " is not 0 or 1");
        y.data()[n] = static_cast<T>(labels(n));
    }
    return forward(f, y);
}

template <class T>
const Tensor<T>& BinaryCrossEntropy<T>::backward() {
    this->require_forward();
    const Tensor<T>& f = this->f_;
    const Tensor<T>& y = this->y_;
    resize_like(this->grad_, f);
    T* g = this->grad_.data();
    const T scale = reduction_ == Reduction::mean ? T(1) / static_cast<T>(f.shape(0)) : T(1);
    const T eps = clamp_epsilon<T>();
    for (std::size_t i = 0; i < f.size(); ++i) {
        if (input_ == BceInput::logits) {
            const T sigma = T(1) / (T(1) + std::exp(-f.data()[i]));
            g[i] = scale * (sigma - y.data()[i]);  // sigma(v) - y
        } else {
            const T fi = std::clamp(f.data()[i], eps, T(1) - eps);
            g[i] = scale * (fi - y.data()[i]) / (fi * (T(1) - fi));  // (f - y) / (f (1 - f))
        }
    }
    return this->grad_;
}

template class BinaryCrossEntropy<float>;
template class BinaryCrossEntropy<double>;

}  // namespace dlc
