#include "attention/token_linear.hpp"

#include "nn/gemm.hpp"

#include <algorithm>

namespace dlc {

template <class T>
void project_rows(const T* X, std::size_t n, std::size_t in, const T* W, const T* b, std::size_t out, T* Y) {
    if (b)
        for (std::size_t r = 0; r < n; ++r) std::copy(b, b + out, Y + r * out);
    gemm<T>(false, true, n, out, in, T(1), X, W, b ? T(1) : T(0), Y);  // Y = X W^T + 1 b^T
}

template <class T>
void project_rows_backward(const T* delta, std::size_t n, std::size_t out, const T* X, std::size_t in, const T* W,
                           T* grad_W, T* grad_b, T* grad_X, bool accumulate) {
    gemm<T>(true, false, out, in, n, T(1), delta, X, T(1), grad_W);  // grad_W += Delta^T X
    if (grad_b)
        for (std::size_t r = 0; r < n; ++r)
            for (std::size_t k = 0; k < out; ++k) grad_b[k] += delta[r * out + k];  // grad_b += Delta^T 1
    if (grad_X) gemm<T>(false, false, n, in, out, T(1), delta, W, accumulate ? T(1) : T(0), grad_X);  // grad_X = Delta W
}

template <class T>
TokenLinear<T>::TokenLinear(std::size_t in, std::size_t out, Rng& rng, bool bias, const WeightInit& init) : has_bias_(bias) {
    require(in > 0 && out > 0, "TokenLinear", "in and out must be positive, got in = " + std::to_string(in) +
                                                  ", out = " + std::to_string(out));
    W_ = Tensor<T>::from_shape({out, in});
    initialize(W_, init, rng, in, out);
    b_ = xt::zeros<T>({bias ? out : std::size_t{0}});
    grad_W_ = xt::zeros<T>(W_.shape());
    grad_b_ = xt::zeros<T>(b_.shape());
}

template <class T>
std::string TokenLinear<T>::name() const {
    return "TokenLinear(" + std::to_string(W_.shape(1)) + " -> " + std::to_string(W_.shape(0)) + ")";
}

template <class T>
std::vector<Parameter<T>> TokenLinear<T>::parameters() {
    std::vector<Parameter<T>> p{{"W", &W_, &grad_W_, false}};
    if (has_bias_) p.push_back({"b", &b_, &grad_b_, true});
    return p;
}

template <class T>
const Tensor<T>& TokenLinear<T>::forward(const Tensor<T>& x) {
    const std::size_t in = W_.shape(1), out = W_.shape(0);
    if (x.dimension() < 2 || x.shape(x.dimension() - 1) != in)
        throw ShapeError(name() + "::forward", "x must be (..., " + std::to_string(in) + ") of rank 2 or more, got " + shape_of(x));
    copy_into(x_, x);
    Shape s = shape_of_tensor(x);
    s.back() = out;
    resize_buffer(this->out_, s);
    project_rows(x.data(), x.size() / in, in, W_.data(), has_bias_ ? b_.data() : nullptr, out, this->out_.data());
    return this->out_;
}

template <class T>
const Tensor<T>& TokenLinear<T>::backward(const Tensor<T>& delta) {
    this->require_output_shape(delta);
    const std::size_t in = W_.shape(1), out = W_.shape(0), n = delta.size() / out;
    T* gx = nullptr;
    if (this->input_grad_needed_) {
        resize_like(this->grad_in_, x_);
        gx = this->grad_in_.data();
    } else {
        resize_buffer(this->grad_in_, {std::size_t{0}});
    }
    project_rows_backward(delta.data(), n, out, x_.data(), in, W_.data(), grad_W_.data(),
                          has_bias_ ? grad_b_.data() : nullptr, gx);
    return this->grad_in_;
}

template void project_rows<float>(const float*, std::size_t, std::size_t, const float*, const float*, std::size_t, float*);
template void project_rows<double>(const double*, std::size_t, std::size_t, const double*, const double*, std::size_t,
                                   double*);
template void project_rows_backward<float>(const float*, std::size_t, std::size_t, const float*, std::size_t,
                                           const float*, float*, float*, float*, bool);
template void project_rows_backward<double>(const double*, std::size_t, std::size_t, const double*, std::size_t,
                                            const double*, double*, double*, double*, bool);
template class TokenLinear<float>;
template class TokenLinear<double>;

}  // namespace dlc
