#include "nn/activation.hpp"

namespace dlc {

template <class T>
const Tensor<T>& Activation<T>::forward(const Tensor<T>& v) {
    copy_into(v_, v);  // cache v: backward needs g'(v)
    Tensor<T>& z = this->out_;
    resize_like(z, v);
    apply(v_.data(), z.data(), v_.size());  // z = g(v)
    return z;
}

template <class T>
const Tensor<T>& Activation<T>::backward(const Tensor<T>& grad_z) {
    this->require_output_shape(grad_z);
    Tensor<T>& d = this->grad_in_;
    resize_like(d, grad_z);
    delta(v_.data(), this->out_.data(), grad_z.data(), d.data(), d.size());  // delta = grad_z ⊙ g'(v)
    return d;
}

template class Activation<float>;
template class Activation<double>;

}  // namespace dlc
