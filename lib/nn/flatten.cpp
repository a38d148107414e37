#include "nn/flatten.hpp"

#include "core/check.hpp"

#include <algorithm>

namespace dlc {

template <class T>
const Tensor<T>& Flatten<T>::forward(const Tensor<T>& x) {
    if (x.dimension() < 2)
        throw ShapeError(name() + "::forward", "x must have shape (N, ...) of rank at least 2, got " + shape_of(x));
    in_shape_ = shape_of_tensor(x);
    const std::size_t N = x.shape(0), features = N ? x.size() / N : 0;
    resize_buffer(this->out_, {N, features});
    std::copy(x.data(), x.data() + x.size(), this->out_.data());
    return this->out_;
}

template <class T>
const Tensor<T>& Flatten<T>::backward(const Tensor<T>& grad_output) {
    this->require_output_shape(grad_output);
    if (!this->input_grad_needed_) {
        Shape empty = in_shape_;
        empty[0] = 0;
        resize_buffer(this->grad_in_, empty);
        return this->grad_in_;
    }
    resize_buffer(this->grad_in_, in_shape_);
    std::copy(grad_output.data(), grad_output.data() + grad_output.size(), this->grad_in_.data());
    return this->grad_in_;
}

template <class T>
Unflatten<T>::Unflatten(Shape per_example) : per_example_(std::move(per_example)) {
    if (per_example_.empty()) throw ShapeError("Unflatten", "per_example must have at least one axis, got ()");
    for (std::size_t d : per_example_) features_ *= d;
}

template <class T>
std::string Unflatten<T>::name() const {
    return "Unflatten(" + std::to_string(features_) + " -> " + shape_str(per_example_) + ")";
}

template <class T>
const Tensor<T>& Unflatten<T>::forward(const Tensor<T>& x) {
    this->require_shape("forward", "x", x, {any_extent, static_cast<long>(features_)});
    Shape out{x.shape(0)};
    out.insert(out.end(), per_example_.begin(), per_example_.end());
    resize_buffer(this->out_, out);
    std::copy(x.data(), x.data() + x.size(), this->out_.data());
    return this->out_;
}

template <class T>
const Tensor<T>& Unflatten<T>::backward(const Tensor<T>& grad_output) {
    this->require_output_shape(grad_output);
    const std::size_t N = this->input_grad_needed_ ? grad_output.shape(0) : 0;
    resize_buffer(this->grad_in_, {N, features_});
    if (N) std::copy(grad_output.data(), grad_output.data() + grad_output.size(), this->grad_in_.data());
    return this->grad_in_;
}

template class Flatten<float>;
template class Flatten<double>;
template class Unflatten<float>;
template class Unflatten<double>;

}  // namespace dlc
