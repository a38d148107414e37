#include "nn/per_unit_activation.hpp"

#include "core/check.hpp"

namespace dlc {

template <class T>
const Tensor<T>& PerUnitActivation<T>::forward(const Tensor<T>& v) {
    require(!units_.empty(), "PerUnitActivation::forward", "no unit activation was added");
    this->require_shape("forward", "v", v, {any_extent, static_cast<long>(units_.size())});
    copy_into(v_, v);  // cache v: backward needs g_j'(v_j)
    Tensor<T>& z = this->out_;
    resize_like(z, v);
    const std::size_t batch = v.shape(0), units = units_.size();
    for (std::size_t n = 0; n < batch; ++n)
        for (std::size_t j = 0; j < units; ++j) z(n, j) = units_[j]->value(v_(n, j));  // z_j = g_j(v_j)
    return z;
}

template <class T>
const Tensor<T>& PerUnitActivation<T>::backward(const Tensor<T>& grad_z) {
    this->require_output_shape(grad_z);
    Tensor<T>& d = this->grad_in_;
    resize_like(d, grad_z);
    const std::size_t batch = grad_z.shape(0), units = units_.size();
    for (std::size_t n = 0; n < batch; ++n)
        for (std::size_t j = 0; j < units; ++j)
            d(n, j) = grad_z(n, j) * units_[j]->derivative(v_(n, j));  // delta_j = grad_j g_j'(v_j)
    return d;
}

template <class T>
std::string PerUnitActivation<T>::name() const {
    std::string s = "PerUnit(";
    for (std::size_t j = 0; j < units_.size(); ++j) s += (j ? ", " : "") + units_[j]->name();
    return s + ")";
}

template class PerUnitActivation<float>;
template class PerUnitActivation<double>;

}  // namespace dlc
