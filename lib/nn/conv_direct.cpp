#include "nn/conv_direct.hpp"

#include "core/check.hpp"

#include <algorithm>

namespace dlc {

template <class T>
void conv2d_direct_forward(const T* x, std::size_t batch, const ConvGeometry& g, const T* K, std::size_t filters,
                           const T* b, T* y) {
    const std::size_t C = g.channels, H = g.height, W = g.width, kh = g.kernel_h, kw = g.kernel_w;
    const std::size_t Ho = g.out_h, Wo = g.out_w, F = filters;
    const long s = static_cast<long>(g.stride), pad = static_cast<long>(g.padding);
    // Row-major indexing of X (N, C, H, W), K (F, C, kh, kw) and Y (N, F, Ho, Wo).
    auto X = [&](std::size_t n, std::size_t c, long u, long v) { return x[((n * C + c) * H + u) * W + v]; };
    auto Kf = [&](std::size_t f, std::size_t c, std::size_t p, std::size_t q) { return K[((f * C + c) * kh + p) * kw + q]; };
    auto inside = [&](long u, long v) { return u >= 0 && u < static_cast<long>(H) && v >= 0 && v < static_cast<long>(W); };

    for (std::size_t n = 0; n < batch; ++n)
        for (std::size_t f = 0; f < F; ++f)
            for (std::size_t i = 0; i < Ho; ++i)
                for (std::size_t j = 0; j < Wo; ++j) {
                    // Y_{n,f,i,j} = sum_c sum_{p,q} X_{n,c,si+p-pad,sj+q-pad} K_{f,c,p,q} + b_f
                    T sum = b ? b[f] : T(0);
                    for (std::size_t c = 0; c < C; ++c)
                        for (std::size_t p = 0; p < kh; ++p)
                            for (std::size_t q = 0; q < kw; ++q) {
                                const long u = s * static_cast<long>(i) + static_cast<long>(p) - pad;
                                const long v = s * static_cast<long>(j) + static_cast<long>(q) - pad;
                                if (inside(u, v)) sum += X(n, c, u, v) * Kf(f, c, p, q);  // zero padding
                            }
                    y[((n * F + f) * Ho + i) * Wo + j] = sum;
                }
}

template <class T>
void conv2d_direct_backward(const T* x, std::size_t batch, const ConvGeometry& g, const T* K, std::size_t filters,
                            const T* delta, T* grad_K, T* grad_b, T* grad_x) {
    const std::size_t C = g.channels, H = g.height, W = g.width, kh = g.kernel_h, kw = g.kernel_w;
    const std::size_t Ho = g.out_h, Wo = g.out_w, F = filters;
    const long s = static_cast<long>(g.stride), pad = static_cast<long>(g.padding);
    auto xi = [&](std::size_t n, std::size_t c, long u, long v) { return ((n * C + c) * H + u) * W + v; };
    auto ki = [&](std::size_t f, std::size_t c, std::size_t p, std::size_t q) { return ((f * C + c) * kh + p) * kw + q; };
    auto inside = [&](long u, long v) { return u >= 0 && u < static_cast<long>(H) && v >= 0 && v < static_cast<long>(W); };

    if (grad_x) std::fill(grad_x, grad_x + batch * g.in_size(), T(0));
    for (std::size_t n = 0; n < batch; ++n)
        for (std::size_t f = 0; f < F; ++f)
            for (std::size_t i = 0; i < Ho; ++i)
                for (std::size_t j = 0; j < Wo; ++j) {
                    const T d = delta[((n * F + f) * Ho + i) * Wo + j];  // delta_{n,f,i,j}
                    if (grad_b) grad_b[f] += d;                          // grad b_f += delta
                    // The window of output pixel (i, j): each weight K_{f,c,p,q} met input X_{n,c,u,v}.
                    for (std::size_t c = 0; c < C; ++c)
                        for (std::size_t p = 0; p < kh; ++p)
                            for (std::size_t q = 0; q < kw; ++q) {
                                const long u = s * static_cast<long>(i) + static_cast<long>(p) - pad;
                                const long v = s * static_cast<long>(j) + static_cast<long>(q) - pad;
                                if (!inside(u, v)) continue;  // padding: no input, no gradient
                                if (grad_K) grad_K[ki(f, c, p, q)] += d * x[xi(n, c, u, v)];  // delta * input
                                if (grad_x) grad_x[xi(n, c, u, v)] += d * K[ki(f, c, p, q)];  // delta * weight
                            }
                }
}

template <class T>
Tensor<T> conv2d_direct(const Tensor<T>& x, const Tensor<T>& K, const Tensor<T>& b, ConvOptions opt) {
    check_shape("conv2d_direct", "K", K, {any_extent, any_extent, any_extent, any_extent});
    const std::size_t F = K.shape(0), C = K.shape(1);
    check_shape("conv2d_direct", "x", x, {any_extent, static_cast<long>(C), any_extent, any_extent});
    if (b.size() != 0) check_shape("conv2d_direct", "b", b, {static_cast<long>(F)});
    ConvGeometry g;
    try {
        g = ConvGeometry::make(C, x.shape(2), x.shape(3), K.shape(2), K.shape(3), opt);
    } catch (const ShapeError&) {
        throw ShapeError("conv2d_direct", "kernel " + std::to_string(K.shape(2)) + "x" + std::to_string(K.shape(3)) +
                                              " of K " + shape_of(K) + " is larger than the input x " + shape_of(x) +
                                              " padded by " + std::to_string(opt.padding));
    }
    const std::size_t N = x.shape(0);
    Tensor<T> y = Tensor<T>::from_shape({N, F, g.out_h, g.out_w});
    conv2d_direct_forward(x.data(), N, g, K.data(), F, b.size() ? b.data() : nullptr, y.data());
    return y;
}

template Tensor<float> conv2d_direct<float>(const Tensor<float>&, const Tensor<float>&, const Tensor<float>&, ConvOptions);
template Tensor<double> conv2d_direct<double>(const Tensor<double>&, const Tensor<double>&, const Tensor<double>&,
                                              ConvOptions);
template void conv2d_direct_forward<float>(const float*, std::size_t, const ConvGeometry&, const float*, std::size_t,
                                           const float*, float*);
template void conv2d_direct_forward<double>(const double*, std::size_t, const ConvGeometry&, const double*, std::size_t,
                                            const double*, double*);
template void conv2d_direct_backward<float>(const float*, std::size_t, const ConvGeometry&, const float*, std::size_t,
                                            const float*, float*, float*, float*);
template void conv2d_direct_backward<double>(const double*, std::size_t, const ConvGeometry&, const double*,
                                             std::size_t, const double*, double*, double*, double*);

}  // namespace dlc
