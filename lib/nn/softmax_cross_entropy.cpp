#include "nn/softmax_cross_entropy.hpp"

#include "core/error.hpp"
#include "nn/softmax.hpp"

#include <algorithm>
#include <cmath>

namespace dlc {

template <class T>
std::string SoftmaxCrossEntropy<T>::name() const {
    return std::string("SoftmaxCrossEntropy(") + to_string(reduction_) + ")";
}

template <class T>
double SoftmaxCrossEntropy<T>::finish(const Tensor<T>& v) {
    const std::size_t N = v.shape(0), K = v.shape(1);
    softmax_last_axis(v, a_);
    double s = 0;
    for (std::size_t n = 0; n < N; ++n) {
        const T* vn = v.data() + n * K;
        const T* yn = this->y_.data() + n * K;
        const double m = *std::max_element(vn, vn + K);
        double z = 0;
        for (std::size_t k = 0; k < K; ++k) z += std::exp(static_cast<double>(vn[k]) - m);
        const double log_z = m + std::log(z);
        for (std::size_t k = 0; k < K; ++k)
            if (yn[k] != T(0)) s -= static_cast<double>(yn[k]) * (static_cast<double>(vn[k]) - log_z);  // -y log a
    }
    return reduction_ == Reduction::mean ? s / static_cast<double>(N) : s;
}

template <class T>
double SoftmaxCrossEntropy<T>::forward(const Tensor<T>& v, const Tensor<T>& y) {
    this->require_same_shape(v, y);
    if (v.dimension() != 2)
        throw ShapeError(name() + "::forward", "the logits must be a (N, K) matrix, got " + shape_of(v));
    copy_into(this->f_, v);
    copy_into(this->y_, y);
    return finish(v);
}

template <class T>
double SoftmaxCrossEntropy<T>::forward(const Tensor<T>& v, const Labels& labels) {
    if (v.dimension() != 2 || v.shape(0) == 0)
        throw ShapeError(name() + "::forward", "the logits must be a (N, K) matrix with N >= 1, got " + shape_of(v));
    const std::size_t N = v.shape(0), K = v.shape(1);
    if (labels.size() != N)
        throw ShapeError(name() + "::forward",
                         "got " + std::to_string(labels.size()) + " labels for " + std::to_string(N) + " rows of logits");
    copy_into(this->f_, v);
    resize_like(this->y_, v);  // one-hot targets
    std::fill(this->y_.data(), this->y_.data() + this->y_.size(), T(0));
    for (std::size_t n = 0; n < N; ++n) {
        if (labels(n) >= K)
            throw ValueError(name() + "::forward", "label " + std::to_string(labels(n)) + " at row " +
                                                       std::to_string(n) + " is not below K = " + std::to_string(K));
        this->y_.data()[n * K + labels(n)] = T(1);
    }
    return finish(v);
}

template <class T>
const Tensor<T>& SoftmaxCrossEntropy<T>::backward() {
    this->require_forward();
    resize_like(this->grad_, a_);
    const T scale = reduction_ == Reduction::mean ? T(1) / static_cast<T>(a_.shape(0)) : T(1);
    const T* a = a_.data();
    const T* y = this->y_.data();
    T* g = this->grad_.data();
    for (std::size_t i = 0; i < a_.size(); ++i) g[i] = scale * (a[i] - y[i]);  // delta = a - y
    return this->grad_;
}

template class SoftmaxCrossEntropy<float>;
template class SoftmaxCrossEntropy<double>;

}  // namespace dlc
