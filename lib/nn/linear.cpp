#include "nn/linear.hpp"

#include "nn/gemm.hpp"

#include <algorithm>

namespace dlc {

template <class T>
Linear<T>::Linear(std::size_t in, std::size_t out, Rng& rng, const WeightInit& weight_init, const WeightInit& bias_init,
                  bool bias)
    : has_bias_(bias) {
    require(in > 0 && out > 0, "Linear", "in and out must be positive, got in = " + std::to_string(in) +
                                             ", out = " + std::to_string(out));
    W_ = Tensor<T>::from_shape({out, in});
    initialize(W_, weight_init, rng, in, out);
    b_ = Tensor<T>::from_shape({bias ? out : std::size_t{0}});
    if (bias) initialize(b_, bias_init, rng, in, out);
    grad_W_ = xt::zeros<T>(W_.shape());
    grad_b_ = xt::zeros<T>(b_.shape());
}

template <class T>
Linear<T>::Linear(Tensor<T> W, Tensor<T> b) : W_(std::move(W)), b_(std::move(b)) {
    if (W_.dimension() != 2 || W_.size() == 0)
        throw ShapeError("Linear", "W must be a non-empty (out, in) matrix, got shape " + shape_of(W_));
    has_bias_ = b_.size() > 0;
    if (has_bias_ && (b_.dimension() != 1 || b_.shape(0) != W_.shape(0)))
        throw ShapeError("Linear", "b must have shape (" + std::to_string(W_.shape(0)) +
                                       ") to match W " + shape_of(W_) + ", got " + shape_of(b_));
    if (!has_bias_) b_ = Tensor<T>::from_shape({std::size_t{0}});
    grad_W_ = xt::zeros<T>(W_.shape());
    grad_b_ = xt::zeros<T>(b_.shape());
}

template <class T>
std::string Linear<T>::name() const {
    return "Linear(" + std::to_string(in_features()) + " -> " + std::to_string(out_features()) + ")";
}

template <class T>
std::vector<Parameter<T>> Linear<T>::parameters() {
    std::vector<Parameter<T>> p{{"W", &W_, &grad_W_, false}};
    if (has_bias_) p.push_back({"b", &b_, &grad_b_, true});
    return p;
}

template <class T>
const Tensor<T>& Linear<T>::forward(const Tensor<T>& x) {
    const std::size_t in = in_features(), out = out_features();
    this->require_shape("forward", "x", x, {any_extent, static_cast<long>(in)});
    const std::size_t batch = x.shape(0);
    copy_into(x_, x);  // cache X: backward needs it for grad_W = delta x^T

    // V = X W^T + 1 b^T   (per example: v = W x + b)
    Tensor<T>& V = this->out_;
    resize_buffer(V, {batch, out});
    T* v = V.data();
    if (has_bias_) {
        for (std::size_t n = 0; n < batch; ++n) std::copy(b_.data(), b_.data() + out, v + n * out);
    }
    gemm<T>(false, true, batch, out, in, T(1), x_.data(), W_.data(), has_bias_ ? T(1) : T(0), v);
    return V;
}

template <class T>
const Tensor<T>& Linear<T>::backward(const Tensor<T>& delta) {
    this->require_output_shape(delta);
    const std::size_t in = in_features(), out = out_features(), batch = delta.shape(0);
    const T* d = delta.data();

    // grad_W += Delta^T X   (per example: grad_W = delta x^T)
    gemm<T>(true, false, out, in, batch, T(1), d, x_.data(), T(1), grad_W_.data());

    // grad_b += Delta^T 1   (per example: grad_b = delta)
    if (has_bias_) {
        T* gb = grad_b_.data();
        for (std::size_t n = 0; n < batch; ++n)
            for (std::size_t k = 0; k < out; ++k) gb[k] += d[n * out + k];
    }

    // grad_X = Delta W      (per example: grad_x = W^T delta)
    Tensor<T>& grad_x = this->grad_in_;
    if (!this->input_grad_needed_) {
        resize_buffer(grad_x, {std::size_t{0}, in});
        return grad_x;
    }
    resize_buffer(grad_x, {batch, in});
    gemm<T>(false, false, batch, in, out, T(1), d, W_.data(), T(0), grad_x.data());
    return grad_x;
}

template class Linear<float>;
template class Linear<double>;

}  // namespace dlc
