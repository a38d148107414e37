#include "gan/pack.hpp"

#include "core/check.hpp"

#include <algorithm>

namespace dlc {

template <class T>
Pack<T>::Pack(std::size_t m) : m_(m) {
    require(m > 0, "Pack", "expected packs of m >= 1 samples, got m = 0");
}

template <class T>
const Tensor<T>& Pack<T>::forward(const Tensor<T>& x) {
    this->require_shape("forward", "x", x, {any_extent, any_extent});
    const std::size_t N = x.shape(0), d = x.shape(1);
    if (N == 0 || N % m_ != 0)
        throw ShapeError(name() + "::forward", "the batch size must be a positive multiple of " + std::to_string(m_) +
                                                   ", got x of shape " + shape_of(x));
    in_shape_ = {N, d};
    resize_buffer(this->out_, {N / m_, m_ * d});
    std::copy(x.data(), x.data() + x.size(), this->out_.data());  // row-major: m rows side by side = one row
    return this->out_;
}

template <class T>
const Tensor<T>& Pack<T>::backward(const Tensor<T>& grad_output) {
    this->require_output_shape(grad_output);
    resize_buffer(this->grad_in_, in_shape_);
    std::copy(grad_output.data(), grad_output.data() + grad_output.size(), this->grad_in_.data());
    return this->grad_in_;
}

template <class T>
std::string Pack<T>::name() const {
    return "Pack(" + std::to_string(m_) + ")";
}

template class Pack<float>;
template class Pack<double>;

}  // namespace dlc
