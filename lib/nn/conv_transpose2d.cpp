#include "nn/conv_transpose2d.hpp"

#include "nn/gemm.hpp"

#include <algorithm>
#include <sstream>
#include <utility>

namespace dlc {

namespace {

std::string options_str(const ConvTransposeOptions& opt) {
    return "stride " + std::to_string(opt.stride) + ", padding " + std::to_string(opt.padding) + ", output_padding " +
           std::to_string(opt.output_padding);
}

void check_conv_transpose_options(const std::string& where, const ConvTransposeOptions& opt) {
    if (opt.stride == 0) throw ValueError(where, "stride must be at least 1, got stride = 0");
    if (opt.output_padding >= opt.stride)
        throw ValueError(where, "output_padding must be smaller than stride, got output_padding = " +
                                    std::to_string(opt.output_padding) + ", stride = " + std::to_string(opt.stride));
}

// Whether an input of H x W pixels gives an output with at least one pixel (cheap: no strings built).
bool output_is_nonempty(std::size_t H, std::size_t W, std::size_t kh, std::size_t kw, const ConvTransposeOptions& opt) {
    return H > 0 && W > 0 && conv_transpose2d_output_size(H, kh, opt) > 0 && conv_transpose2d_output_size(W, kw, opt) > 0;
}

// The ShapeError for an input whose output would be empty, naming the sizes and the options.
[[noreturn]] void throw_empty_output(const std::string& where, std::size_t H, std::size_t W, std::size_t kh,
                                     std::size_t kw, const ConvTransposeOptions& opt) {
    if (H == 0 || W == 0)
        throw ShapeError(where, "x must have at least one pixel, got H = " + std::to_string(H) +
                                    ", W = " + std::to_string(W));
    std::ostringstream msg;
    msg << "output size (H - 1) stride - 2 padding + k + output_padding is " << conv_transpose2d_output_size(H, kh, opt)
        << " x " << conv_transpose2d_output_size(W, kw, opt) << " (must be positive) for input " << H << " x " << W
        << ", kernel " << kh << " x " << kw << ", " << options_str(opt);
    throw ShapeError(where, msg.str());
}

// The input indices i in [0, n_in) whose position i s + d lands inside [0, n_out): [lo, hi).
// (d = a - p is the kernel row's offset; the loops below then need no bounds test.)
std::pair<long, long> inside_range(long n_in, long n_out, long s, long d) {
    const long lo = d >= 0 ? 0 : (-d + s - 1) / s;
    const long hi = n_out - d <= 0 ? 0 : std::min(n_in, (n_out - d + s - 1) / s);
    return {lo, std::max(lo, hi)};
}

// col2im for one example: y[o, i s - p + a, j s - p + c] += cols[(o, a, c), (i, j)] for the positions
// that are inside y (C_out, Ho, Wo).
template <class T>
void col2im_add(const T* cols, std::size_t C_out, std::size_t kh, std::size_t kw, std::size_t H, std::size_t W,
                std::size_t Ho, std::size_t Wo, const ConvTransposeOptions& opt, T* y) {
    const long s = static_cast<long>(opt.stride), p = static_cast<long>(opt.padding);
    for (std::size_t o = 0; o < C_out; ++o) {
        T* y_o = y + o * Ho * Wo;
        for (std::size_t a = 0; a < kh; ++a) {
            const long da = static_cast<long>(a) - p;
            const auto [i0, i1] = inside_range(static_cast<long>(H), static_cast<long>(Ho), s, da);
            for (std::size_t c = 0; c < kw; ++c) {
                const long dc = static_cast<long>(c) - p;
                const auto [j0, j1] = inside_range(static_cast<long>(W), static_cast<long>(Wo), s, dc);
                const T* row = cols + ((o * kh + a) * kw + c) * H * W;
                for (long i = i0; i < i1; ++i) {
                    T* y_row = y_o + (i * s + da) * static_cast<long>(Wo);
                    const T* r = row + i * static_cast<long>(W);
                    for (long j = j0; j < j1; ++j) y_row[j * s + dc] += r[j];
                }
            }
        }
    }
}

// im2col for one example: cols[(o, a, c), (i, j)] = g[o, i s - p + a, j s - p + c], 0 outside g (C_out, Ho, Wo).
template <class T>
void im2col(const T* g, std::size_t C_out, std::size_t kh, std::size_t kw, std::size_t H, std::size_t W,
            std::size_t Ho, std::size_t Wo, const ConvTransposeOptions& opt, T* cols) {
    const long s = static_cast<long>(opt.stride), p = static_cast<long>(opt.padding);
    for (std::size_t o = 0; o < C_out; ++o) {
        const T* g_o = g + o * Ho * Wo;
        for (std::size_t a = 0; a < kh; ++a) {
            const long da = static_cast<long>(a) - p;
            const auto [i0, i1] = inside_range(static_cast<long>(H), static_cast<long>(Ho), s, da);
            for (std::size_t c = 0; c < kw; ++c) {
                const long dc = static_cast<long>(c) - p;
                const auto [j0, j1] = inside_range(static_cast<long>(W), static_cast<long>(Wo), s, dc);
                T* row = cols + ((o * kh + a) * kw + c) * H * W;
                std::fill(row, row + H * W, T(0));
                for (long i = i0; i < i1; ++i) {
                    const T* g_row = g_o + (i * s + da) * static_cast<long>(Wo);
                    T* r = row + i * static_cast<long>(W);
                    for (long j = j0; j < j1; ++j) r[j] = g_row[j * s + dc];
                }
            }
        }
    }
}

}  // namespace

long conv_transpose2d_output_size(std::size_t n, std::size_t kernel, const ConvTransposeOptions& opt) {
    return (static_cast<long>(n) - 1) * static_cast<long>(opt.stride) - 2 * static_cast<long>(opt.padding) +
           static_cast<long>(kernel) + static_cast<long>(opt.output_padding);
}

template <class T>
Tensor<T> conv_transpose2d_direct(const Tensor<T>& x, const Tensor<T>& K, const Tensor<T>& b,
                                  const ConvTransposeOptions& opt) {
    const std::string where = "conv_transpose2d_direct";
    check_conv_transpose_options(where, opt);
    check_shape(where.c_str(), "K", K, {any_extent, any_extent, any_extent, any_extent});
    const std::size_t C_in = K.shape(0), C_out = K.shape(1), kh = K.shape(2), kw = K.shape(3);
    check_shape(where.c_str(), "x", x, {any_extent, static_cast<long>(C_in), any_extent, any_extent});
    if (b.size() > 0) check_shape(where.c_str(), "b", b, {static_cast<long>(C_out)});
    const std::size_t N = x.shape(0), H = x.shape(2), W = x.shape(3);
    if (!output_is_nonempty(H, W, kh, kw, opt)) throw_empty_output(where, H, W, kh, kw, opt);
    const auto Ho = static_cast<std::size_t>(conv_transpose2d_output_size(H, kh, opt));
    const auto Wo = static_cast<std::size_t>(conv_transpose2d_output_size(W, kw, opt));
    const long s = static_cast<long>(opt.stride), p = static_cast<long>(opt.padding);

    Tensor<T> y = Tensor<T>::from_shape({N, C_out, Ho, Wo});
    for (std::size_t n = 0; n < N; ++n)
        for (std::size_t o = 0; o < C_out; ++o)
            for (std::size_t u = 0; u < Ho; ++u)
                for (std::size_t v = 0; v < Wo; ++v) y(n, o, u, v) = b.size() > 0 ? b(o) : T(0);

    // Every input pixel (i, j) of channel c adds x[n, c, i, j] K[c, o, ., .] with its corner at (i s - p, j s - p).
    for (std::size_t n = 0; n < N; ++n)
        for (std::size_t c = 0; c < C_in; ++c)
            for (std::size_t i = 0; i < H; ++i)
                for (std::size_t j = 0; j < W; ++j)
                    for (std::size_t o = 0; o < C_out; ++o)
                        for (std::size_t a = 0; a < kh; ++a)
                            for (std::size_t e = 0; e < kw; ++e) {
                                const long u = static_cast<long>(i) * s - p + static_cast<long>(a);
                                const long v = static_cast<long>(j) * s - p + static_cast<long>(e);
                                if (u < 0 || v < 0 || u >= static_cast<long>(Ho) || v >= static_cast<long>(Wo)) continue;
                                y(n, o, static_cast<std::size_t>(u), static_cast<std::size_t>(v)) +=
                                    x(n, c, i, j) * K(c, o, a, e);
                            }
    return y;
}

template <class T>
ConvTranspose2d<T>::ConvTranspose2d(std::size_t in_channels, std::size_t out_channels, std::size_t kernel_h,
                                    std::size_t kernel_w, Rng& rng, ConvTransposeOptions opt,
                                    const WeightInit& weight_init, const WeightInit& bias_init, bool bias)
    : opt_(opt), has_bias_(bias) {
    require(in_channels > 0 && out_channels > 0 && kernel_h > 0 && kernel_w > 0, "ConvTranspose2d",
            "channel counts and kernel extents must be positive, got in_channels = " + std::to_string(in_channels) +
                ", out_channels = " + std::to_string(out_channels) + ", kernel " + std::to_string(kernel_h) + " x " +
                std::to_string(kernel_w));
    check_options();
    const std::size_t n_in = in_channels * kernel_h * kernel_w, n_out = out_channels * kernel_h * kernel_w;
    K_ = Tensor<T>::from_shape({in_channels, out_channels, kernel_h, kernel_w});
    initialize(K_, weight_init, rng, n_in, n_out);
    b_ = Tensor<T>::from_shape({bias ? out_channels : std::size_t{0}});
    if (bias) initialize(b_, bias_init, rng, n_in, n_out);
    grad_K_ = xt::zeros<T>(K_.shape());
    grad_b_ = xt::zeros<T>(b_.shape());
}

template <class T>
ConvTranspose2d<T>::ConvTranspose2d(Tensor<T> K, Tensor<T> b, ConvTransposeOptions opt)
    : K_(std::move(K)), b_(std::move(b)), opt_(opt) {
    if (K_.dimension() != 4 || K_.size() == 0)
        throw ShapeError("ConvTranspose2d", "K must be a non-empty (C_in, C_out, kh, kw) tensor, got shape " +
                                                shape_of(K_));
    check_options();
    has_bias_ = b_.size() > 0;
    if (has_bias_ && (b_.dimension() != 1 || b_.shape(0) != K_.shape(1)))
        throw ShapeError("ConvTranspose2d", "b must have shape (" + std::to_string(K_.shape(1)) + ") to match K " +
                                                shape_of(K_) + ", got " + shape_of(b_));
    if (!has_bias_) b_ = Tensor<T>::from_shape({std::size_t{0}});
    grad_K_ = xt::zeros<T>(K_.shape());
    grad_b_ = xt::zeros<T>(b_.shape());
}

template <class T>
void ConvTranspose2d<T>::check_options() const {
    check_conv_transpose_options("ConvTranspose2d", opt_);
}

template <class T>
std::string ConvTranspose2d<T>::name() const {
    return "ConvTranspose2d(" + std::to_string(in_channels()) + " -> " + std::to_string(out_channels()) + ", " +
           std::to_string(K_.shape(2)) + "x" + std::to_string(K_.shape(3)) + ", " + options_str(opt_) + ")";
}

template <class T>
std::vector<Parameter<T>> ConvTranspose2d<T>::parameters() {
    std::vector<Parameter<T>> p{{"K", &K_, &grad_K_, false}};
    if (has_bias_) p.push_back({"b", &b_, &grad_b_, true});
    return p;
}

template <class T>
const Tensor<T>& ConvTranspose2d<T>::forward(const Tensor<T>& x) {
    const std::size_t C_in = in_channels(), C_out = out_channels(), kh = K_.shape(2), kw = K_.shape(3);
    this->require_shape("forward", "x", x, {any_extent, static_cast<long>(C_in), any_extent, any_extent});
    const std::size_t N = x.shape(0), H = x.shape(2), W = x.shape(3);
    if (!output_is_nonempty(H, W, kh, kw, opt_)) throw_empty_output(name() + "::forward", H, W, kh, kw, opt_);
    const auto Ho = static_cast<std::size_t>(conv_transpose2d_output_size(H, kh, opt_));
    const auto Wo = static_cast<std::size_t>(conv_transpose2d_output_size(W, kw, opt_));
    copy_into(x_, x);  // backward needs X for grad_K = X cols^T

    Tensor<T>& y = this->out_;
    resize_buffer(y, {N, C_out, Ho, Wo});
    resize_buffer(cols_, {C_out * kh * kw, H * W});
    const std::size_t rows = C_out * kh * kw, HW = H * W, out_size = C_out * Ho * Wo;
    for (std::size_t n = 0; n < N; ++n) {
        T* y_n = y.data() + n * out_size;
        // y starts at the bias b_o in every pixel of channel o.
        for (std::size_t o = 0; o < C_out; ++o)
            std::fill(y_n + o * Ho * Wo, y_n + (o + 1) * Ho * Wo, has_bias_ ? b_(o) : T(0));
        // cols = K^T X: column (i, j) is the kernel block input pixel (i, j) scatters (all channels summed).
        gemm<T>(true, false, rows, HW, C_in, T(1), K_.data(), x_.data() + n * C_in * HW, T(0), cols_.data());
        // col2im: add each block at stride spacing, cropping the padding.
        col2im_add(cols_.data(), C_out, kh, kw, H, W, Ho, Wo, opt_, y_n);
    }
    return y;
}

template <class T>
const Tensor<T>& ConvTranspose2d<T>::backward(const Tensor<T>& grad_output) {
    this->require_output_shape(grad_output);
    const std::size_t C_in = in_channels(), C_out = out_channels(), kh = K_.shape(2), kw = K_.shape(3);
    const std::size_t N = x_.shape(0), H = x_.shape(2), W = x_.shape(3);
    const std::size_t Ho = grad_output.shape(2), Wo = grad_output.shape(3);
    const std::size_t rows = C_out * kh * kw, HW = H * W, out_size = C_out * Ho * Wo;

    // grad_b_o += sum over the batch and the pixels of G[n, o, ., .]
    if (has_bias_) {
        for (std::size_t n = 0; n < N; ++n)
            for (std::size_t o = 0; o < C_out; ++o) {
                const T* g = grad_output.data() + n * out_size + o * Ho * Wo;
                T s = 0;
                for (std::size_t q = 0; q < Ho * Wo; ++q) s += g[q];
                grad_b_(o) += s;
            }
    }

    Tensor<T>& grad_x = this->grad_in_;
    if (this->input_grad_needed_)
        resize_buffer(grad_x, {N, C_in, H, W});
    else
        resize_buffer(grad_x, {std::size_t{0}, C_in, H, W});
    resize_buffer(cols_, {rows, HW});
    for (std::size_t n = 0; n < N; ++n) {
        // im2col: cols[(o, a, c), (i, j)] = G[n, o, i s - p + a, j s - p + c], what pixel (i, j)'s block touched.
        im2col(grad_output.data() + n * out_size, C_out, kh, kw, H, W, Ho, Wo, opt_, cols_.data());
        // grad_K += X cols^T   (C_in, C_out kh kw)
        gemm<T>(false, true, C_in, rows, HW, T(1), x_.data() + n * C_in * HW, cols_.data(), T(1), grad_K_.data());
        // grad_X = K cols      (C_in, H W): a strided convolution of G with K
        if (this->input_grad_needed_)
            gemm<T>(false, false, C_in, HW, rows, T(1), K_.data(), cols_.data(), T(0), grad_x.data() + n * C_in * HW);
    }
    return grad_x;
}

template Tensor<float> conv_transpose2d_direct<float>(const Tensor<float>&, const Tensor<float>&,
                                                      const Tensor<float>&, const ConvTransposeOptions&);
template Tensor<double> conv_transpose2d_direct<double>(const Tensor<double>&, const Tensor<double>&,
                                                        const Tensor<double>&, const ConvTransposeOptions&);
template class ConvTranspose2d<float>;
template class ConvTranspose2d<double>;

}  // namespace dlc
