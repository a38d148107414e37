#include "nn/pooling.hpp"

#include "core/check.hpp"

#include <algorithm>

namespace dlc {

namespace {

std::string window_name(const char* layer, std::size_t k, std::size_t s) {
    return std::string(layer) + "(" + std::to_string(k) + "x" + std::to_string(k) + ", stride " + std::to_string(s) + ")";
}

// Checks x (N, C, H, W) with H, W >= k; returns the output shape (N, C, Ho, Wo).
template <class T>
Shape pooled_shape(const Module<T>& layer, const Tensor<T>& x, std::size_t k, std::size_t s) {
    const std::string where = layer.name() + "::forward";
    check_shape(where.c_str(), "x", x, {any_extent, any_extent, any_extent, any_extent});
    const std::size_t H = x.shape(2), W = x.shape(3);
    if (k > H || k > W)
        throw ShapeError(where, "window " + std::to_string(k) + "x" + std::to_string(k) + " is larger than the image " +
                                    std::to_string(H) + "x" + std::to_string(W) + " of x " + shape_of(x));
    return {x.shape(0), x.shape(1), (H - k) / s + 1, (W - k) / s + 1};
}

// An empty input gradient (0, C, H, W) for a first layer that need not compute it.
template <class T>
const Tensor<T>& no_input_grad(Tensor<T>& grad_in, const Shape& in_shape) {
    resize_buffer(grad_in, {std::size_t{0}, in_shape[1], in_shape[2], in_shape[3]});
    return grad_in;
}

}  // namespace

// ---------------------------------------------------------------- MaxPool2d

template <class T>
MaxPool2d<T>::MaxPool2d(std::size_t kernel, std::size_t stride) : kernel_(kernel), stride_(stride ? stride : kernel) {
    require(kernel > 0, "MaxPool2d", "kernel must be positive, got 0");
}

template <class T>
std::string MaxPool2d<T>::name() const {
    return window_name("MaxPool2d", kernel_, stride_);
}

template <class T>
const Tensor<T>& MaxPool2d<T>::forward(const Tensor<T>& x) {
    const Shape out_shape = pooled_shape(*this, x, kernel_, stride_);
    in_shape_ = shape_of_tensor(x);
    resize_buffer(this->out_, out_shape);
    const std::size_t planes = out_shape[0] * out_shape[1], H = x.shape(2), W = x.shape(3);
    const std::size_t Ho = out_shape[2], Wo = out_shape[3], k = kernel_, s = stride_;
    argmax_.resize(this->out_.size());
    const T* xp = x.data();
    T* y = this->out_.data();
    std::size_t* am = argmax_.data();
    for (std::size_t pl = 0; pl < planes; ++pl) {  // one (n, c) feature map at a time
        const std::size_t base = pl * H * W;
        for (std::size_t i = 0; i < Ho; ++i)
            for (std::size_t j = 0; j < Wo; ++j) {
                // Y_{ij} = max over the window at (s i, s j); the first maximum wins ties
                std::size_t best = base + (s * i) * W + s * j;
                T m = xp[best];
                for (std::size_t p = 0; p < k; ++p) {
                    const std::size_t row = base + (s * i + p) * W + s * j;
                    for (std::size_t q = 0; q < k; ++q)
                        if (xp[row + q] > m) {
                            m = xp[row + q];
                            best = row + q;
                        }
                }
                const std::size_t o = (pl * Ho + i) * Wo + j;
                y[o] = m;
                am[o] = best;
            }
    }
    return this->out_;
}

template <class T>
const Tensor<T>& MaxPool2d<T>::backward(const Tensor<T>& grad_output) {
    this->require_output_shape(grad_output);
    if (!this->input_grad_needed_) return no_input_grad(this->grad_in_, in_shape_);
    Tensor<T>& gx = this->grad_in_;
    resize_buffer(gx, in_shape_);
    std::fill(gx.begin(), gx.end(), T(0));
    T* g = gx.data();
    const T* d = grad_output.data();
    // delta goes to the window's maximum only ("if s1 > s2" in the notes' graph)
    for (std::size_t o = 0; o < argmax_.size(); ++o) g[argmax_[o]] += d[o];
    return gx;
}

// ---------------------------------------------------------------- AvgPool2d

template <class T>
AvgPool2d<T>::AvgPool2d(std::size_t kernel, std::size_t stride) : kernel_(kernel), stride_(stride ? stride : kernel) {
    require(kernel > 0, "AvgPool2d", "kernel must be positive, got 0");
}

template <class T>
std::string AvgPool2d<T>::name() const {
    return window_name("AvgPool2d", kernel_, stride_);
}

template <class T>
const Tensor<T>& AvgPool2d<T>::forward(const Tensor<T>& x) {
    const Shape out_shape = pooled_shape(*this, x, kernel_, stride_);
    in_shape_ = shape_of_tensor(x);
    resize_buffer(this->out_, out_shape);
    const std::size_t planes = out_shape[0] * out_shape[1], H = x.shape(2), W = x.shape(3);
    const std::size_t Ho = out_shape[2], Wo = out_shape[3], k = kernel_, s = stride_;
    const T scale = T(1) / static_cast<T>(k * k);
    const T* xp = x.data();
    T* y = this->out_.data();
    for (std::size_t pl = 0; pl < planes; ++pl) {
        const T* xc = xp + pl * H * W;
        for (std::size_t i = 0; i < Ho; ++i)
            for (std::size_t j = 0; j < Wo; ++j) {
                T sum = 0;  // Y_{ij} = (1/k^2) sum over the window
                for (std::size_t p = 0; p < k; ++p)
                    for (std::size_t q = 0; q < k; ++q) sum += xc[(s * i + p) * W + s * j + q];
                y[(pl * Ho + i) * Wo + j] = sum * scale;
            }
    }
    return this->out_;
}

template <class T>
const Tensor<T>& AvgPool2d<T>::backward(const Tensor<T>& grad_output) {
    this->require_output_shape(grad_output);
    if (!this->input_grad_needed_) return no_input_grad(this->grad_in_, in_shape_);
    Tensor<T>& gx = this->grad_in_;
    resize_buffer(gx, in_shape_);
    std::fill(gx.begin(), gx.end(), T(0));
    const std::size_t planes = in_shape_[0] * in_shape_[1], H = in_shape_[2], W = in_shape_[3];
    const std::size_t Ho = grad_output.shape(2), Wo = grad_output.shape(3), k = kernel_, s = stride_;
    const T scale = T(1) / static_cast<T>(k * k);
    const T* d = grad_output.data();
    for (std::size_t pl = 0; pl < planes; ++pl) {
        T* gc = gx.data() + pl * H * W;
        for (std::size_t i = 0; i < Ho; ++i)
            for (std::size_t j = 0; j < Wo; ++j) {
                const T share = d[(pl * Ho + i) * Wo + j] * scale;  // delta / k^2 to every input of the window
                for (std::size_t p = 0; p < k; ++p)
                    for (std::size_t q = 0; q < k; ++q) gc[(s * i + p) * W + s * j + q] += share;
            }
    }
    return gx;
}

// ---------------------------------------------------------------- GlobalAvgPool2d

template <class T>
const Tensor<T>& GlobalAvgPool2d<T>::forward(const Tensor<T>& x) {
    this->require_shape("forward", "x", x, {any_extent, any_extent, any_extent, any_extent});
    if (x.shape(2) == 0 || x.shape(3) == 0)
        throw ShapeError(name() + "::forward", "x must have a non-empty image, got shape " + shape_of(x));
    in_shape_ = shape_of_tensor(x);
    const std::size_t planes = x.shape(0) * x.shape(1), HW = x.shape(2) * x.shape(3);
    resize_buffer(this->out_, {x.shape(0), x.shape(1)});
    const T* xp = x.data();
    T* y = this->out_.data();
    for (std::size_t pl = 0; pl < planes; ++pl) {
        T sum = 0;  // Y_{n,c} = (1/HW) sum_{u,v} X_{n,c,u,v}
        for (std::size_t t = 0; t < HW; ++t) sum += xp[pl * HW + t];
        y[pl] = sum / static_cast<T>(HW);
    }
    return this->out_;
}

template <class T>
const Tensor<T>& GlobalAvgPool2d<T>::backward(const Tensor<T>& grad_output) {
    this->require_output_shape(grad_output);
    if (!this->input_grad_needed_) return no_input_grad(this->grad_in_, in_shape_);
    Tensor<T>& gx = this->grad_in_;
    resize_buffer(gx, in_shape_);
    const std::size_t planes = in_shape_[0] * in_shape_[1], HW = in_shape_[2] * in_shape_[3];
    const T* d = grad_output.data();
    for (std::size_t pl = 0; pl < planes; ++pl)
        std::fill(gx.data() + pl * HW, gx.data() + (pl + 1) * HW, d[pl] / static_cast<T>(HW));  // delta / HW
    return gx;
}

template class MaxPool2d<float>;
template class MaxPool2d<double>;
template class AvgPool2d<float>;
template class AvgPool2d<double>;
template class GlobalAvgPool2d<float>;
template class GlobalAvgPool2d<double>;

}  // namespace dlc
