#include "nn/softmax.hpp"

#include <algorithm>
#include <cmath>

namespace dlc {

template <class T>
void softmax_last_axis(const Tensor<T>& v, Tensor<T>& a) {
    resize_like(a, v);
    const std::size_t K = v.shape().back(), rows = K ? v.size() / K : 0;
    for (std::size_t r = 0; r < rows; ++r) {
        const T* vr = v.data() + r * K;
        T* ar = a.data() + r * K;
        const T m = *std::max_element(vr, vr + K);
        T sum = 0;
        for (std::size_t k = 0; k < K; ++k) sum += (ar[k] = std::exp(vr[k] - m));  // e^{v_k - max}
        for (std::size_t k = 0; k < K; ++k) ar[k] /= sum;
    }
}

template <class T>
const Tensor<T>& Softmax<T>::forward(const Tensor<T>& v) {
    if (v.dimension() == 0) this->require_shape("forward", "v", v, {any_extent});
    softmax_last_axis(v, this->out_);  // a = softmax(v); backward needs only a
    return this->out_;
}

template <class T>
const Tensor<T>& Softmax<T>::backward(const Tensor<T>& grad_a) {
    this->require_output_shape(grad_a);
    const Tensor<T>& a = this->out_;
    Tensor<T>& d = this->grad_in_;
    resize_like(d, grad_a);
    const std::size_t K = a.shape().back(), rows = K ? a.size() / K : 0;
    for (std::size_t r = 0; r < rows; ++r) {
        const T* ar = a.data() + r * K;
        const T* gr = grad_a.data() + r * K;
        T* dr = d.data() + r * K;
        T dot = 0;  // sum_k g_k a_k
        for (std::size_t k = 0; k < K; ++k) dot += gr[k] * ar[k];
        for (std::size_t j = 0; j < K; ++j) dr[j] = ar[j] * (gr[j] - dot);  // delta_j = a_j (g_j - g . a)
    }
    return d;
}

template void softmax_last_axis<float>(const Tensor<float>&, Tensor<float>&);
template void softmax_last_axis<double>(const Tensor<double>&, Tensor<double>&);
template class Softmax<float>;
template class Softmax<double>;

}  // namespace dlc
