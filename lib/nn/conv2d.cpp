#include "nn/conv2d.hpp"

#include "core/check.hpp"
#include "nn/gemm.hpp"
#include "nn/im2col.hpp"

#include <algorithm>

namespace dlc {

namespace {

std::string dims(std::size_t a, std::size_t b) { return std::to_string(a) + "x" + std::to_string(b); }

}  // namespace

template <class T>
Conv2d<T>::Conv2d(std::size_t in_channels, std::size_t out_channels, std::size_t kernel_h, std::size_t kernel_w,
                  Rng& rng, ConvOptions opt, const WeightInit& weight_init, const WeightInit& bias_init, bool bias)
    : opt_(opt), has_bias_(bias) {
    require(in_channels > 0 && out_channels > 0 && kernel_h > 0 && kernel_w > 0, "Conv2d",
            "channels and kernel sizes must be positive, got in_channels = " + std::to_string(in_channels) +
                ", out_channels = " + std::to_string(out_channels) + ", kernel " + dims(kernel_h, kernel_w));
    require(opt.stride > 0, "Conv2d", "stride must be at least 1, got 0");
    const std::size_t fan_in = in_channels * kernel_h * kernel_w, fan_out = out_channels * kernel_h * kernel_w;
    K_ = Tensor<T>::from_shape({out_channels, in_channels, kernel_h, kernel_w});
    initialize(K_, weight_init, rng, fan_in, fan_out);
    b_ = Tensor<T>::from_shape({bias ? out_channels : std::size_t{0}});
    if (bias) initialize(b_, bias_init, rng, fan_in, fan_out);
    grad_K_ = xt::zeros<T>(K_.shape());
    grad_b_ = xt::zeros<T>(b_.shape());
}

template <class T>
Conv2d<T>::Conv2d(Tensor<T> K, Tensor<T> b, ConvOptions opt) : K_(std::move(K)), b_(std::move(b)), opt_(opt) {
    if (K_.dimension() != 4 || K_.size() == 0)
        throw ShapeError("Conv2d", "K must be a non-empty (F, C, kh, kw) tensor, got shape " + shape_of(K_));
    require(opt.stride > 0, "Conv2d", "stride must be at least 1, got 0");
    has_bias_ = b_.size() > 0;
    if (has_bias_ && (b_.dimension() != 1 || b_.shape(0) != K_.shape(0)))
        throw ShapeError("Conv2d", "b must have shape (" + std::to_string(K_.shape(0)) + ") to match K " + shape_of(K_) +
                                       ", got " + shape_of(b_));
    if (!has_bias_) b_ = Tensor<T>::from_shape({std::size_t{0}});
    grad_K_ = xt::zeros<T>(K_.shape());
    grad_b_ = xt::zeros<T>(b_.shape());
}

template <class T>
std::string Conv2d<T>::name() const {
    return "Conv2d(" + std::to_string(in_channels()) + " -> " + std::to_string(out_channels()) + ", " +
           dims(kernel_h(), kernel_w()) + ", stride " + std::to_string(opt_.stride) + ", padding " +
           std::to_string(opt_.padding) + ")";
}

template <class T>
std::vector<Parameter<T>> Conv2d<T>::parameters() {
    std::vector<Parameter<T>> p{{"K", &K_, &grad_K_, false}};
    if (has_bias_) p.push_back({"b", &b_, &grad_b_, true});
    return p;
}

template <class T>
ConvGeometry Conv2d<T>::geometry_for(const Tensor<T>& x, const char* method) const {
    this->require_shape(method, "x", x, {any_extent, static_cast<long>(in_channels()), any_extent, any_extent});
    const std::size_t H = x.shape(2), W = x.shape(3), p = opt_.padding;
    if (kernel_h() > H + 2 * p || kernel_w() > W + 2 * p)
        throw ShapeError(name() + "::" + method,
                         "kernel " + dims(kernel_h(), kernel_w()) + " is larger than the padded input " +
                             dims(H + 2 * p, W + 2 * p) + " of x " + shape_of(x) + " (padding " + std::to_string(p) + ")");
    return ConvGeometry::make(in_channels(), H, W, kernel_h(), kernel_w(), opt_);
}

template <class T>
const Tensor<T>& Conv2d<T>::forward(const Tensor<T>& x) {
    geom_ = geometry_for(x, "forward");
    const std::size_t N = x.shape(0), F = out_channels();
    batch_ = N;
    forward_algorithm_ = algorithm_;  // backward follows the algorithm of its forward pass
    resize_buffer(this->out_, {N, F, geom_.out_h, geom_.out_w});
    if (algorithm_ == ConvAlgorithm::direct) {
        copy_into(x_, x);  // backward needs X: grad_K = sum delta X
        conv2d_direct_forward(x_.data(), N, geom_, K_.data(), F, has_bias_ ? b_.data() : nullptr, this->out_.data());
    } else {
        forward_im2col(x.data(), N);  // the columns keep what backward needs of X
    }
    return this->out_;
}

template <class T>
void Conv2d<T>::forward_im2col(const T* x, std::size_t N) {
    const ConvGeometry& g = geom_;
    const std::size_t F = out_channels(), rows = g.patch_size(), pix = g.out_pixels(), in = g.in_size();
    T* y = this->out_.data();
    const T* k = K_.data();
    // The columns of every image are kept for the backward pass (grad_K = delta_mat cols^T), one
    // (C kh kw, Ho Wo) block per image; each block is multiplied right after it is written, while
    // it is still in cache.
    resize_buffer(cols_, {N * rows * pix});
    for (std::size_t n = 0; n < N; ++n) {
        T* cols = cols_.data() + n * rows * pix;
        // cols = im2col(X_n), (C kh kw, Ho Wo)
        im2col(x + n * in, g, cols, pix);
        // Y_n = K_mat cols + b 1^T, (F, Ho Wo)
        T* yn = y + n * F * pix;
        if (has_bias_)
            for (std::size_t f = 0; f < F; ++f) std::fill(yn + f * pix, yn + (f + 1) * pix, b_.data()[f]);
        gemm<T>(false, false, F, pix, rows, T(1), k, cols, has_bias_ ? T(1) : T(0), yn);
    }
}

template <class T>
const Tensor<T>& Conv2d<T>::backward(const Tensor<T>& grad_output) {
    this->require_output_shape(grad_output);
    const std::size_t N = batch_, F = out_channels();
    Tensor<T>& grad_x = this->grad_in_;
    T* gx = nullptr;
    if (this->input_grad_needed_) {
        resize_buffer(grad_x, {N, geom_.channels, geom_.height, geom_.width});
        gx = grad_x.data();
    } else {
        resize_buffer(grad_x, {std::size_t{0}, geom_.channels, geom_.height, geom_.width});
    }
    if (forward_algorithm_ == ConvAlgorithm::direct)
        conv2d_direct_backward(x_.data(), N, geom_, K_.data(), F, grad_output.data(), grad_K_.data(),
                               has_bias_ ? grad_b_.data() : nullptr, gx);
    else
        backward_im2col(grad_output.data(), N, gx);
    return grad_x;
}

template <class T>
void Conv2d<T>::backward_im2col(const T* delta, std::size_t N, T* gx) {
    const ConvGeometry& g = geom_;
    const std::size_t F = out_channels(), rows = g.patch_size(), pix = g.out_pixels(), in = g.in_size();
    const T* k = K_.data();
    T* gk = grad_K_.data();
    // grad_b += delta_mat 1 (sum over the batch and the pixels)
    if (has_bias_) {
        T* gb = grad_b_.data();
        for (std::size_t n = 0; n < N; ++n)
            for (std::size_t f = 0; f < F; ++f) {
                const T* d = delta + (n * F + f) * pix;
                T s = 0;
                for (std::size_t j = 0; j < pix; ++j) s += d[j];
                gb[f] += s;
            }
    }
    if (gx) {
        std::fill(gx, gx + N * in, T(0));
        resize_buffer(dcols_, {rows * pix});
    }
    // grad_K_mat^T (C kh kw, F) is accumulated over the batch, then added to grad_K: with few
    // kernels F this orientation of the product is the faster one for BLAS.
    resize_buffer(grad_K_t_, {rows * F});
    T* gkt = grad_K_t_.data();
    std::fill(gkt, gkt + rows * F, T(0));
    for (std::size_t n = 0; n < N; ++n) {
        const T* dn = delta + n * F * pix;              // delta_mat of image n, (F, Ho Wo)
        const T* cols = cols_.data() + n * rows * pix;  // its columns, from the forward pass
        // grad_K_mat += delta_mat cols^T, as grad_K_mat^T += cols delta_mat^T
        gemm<T>(false, true, rows, F, pix, T(1), cols, dn, T(1), gkt);
        if (!gx) continue;
        // grad_cols = K_mat^T delta_mat, then scatter-add onto the pixels
        gemm<T>(true, false, rows, pix, F, T(1), k, dn, T(0), dcols_.data());
        col2im(dcols_.data(), g, gx + n * in, pix);
    }
    for (std::size_t f = 0; f < F; ++f)
        for (std::size_t r = 0; r < rows; ++r) gk[f * rows + r] += gkt[r * F + f];
}

template class Conv2d<float>;
template class Conv2d<double>;

}  // namespace dlc
