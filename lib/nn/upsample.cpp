#include "nn/upsample.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace dlc {

std::array<double, 4> cubic_convolution_weights(double t, double a) {
    // Keys' kernel W(d) on its two pieces, for |d| <= 1 and 1 < |d| < 2.
    const auto inner = [a](double d) { return ((a + 2) * d - (a + 3)) * d * d + 1; };
    const auto outer = [a](double d) { return ((a * d - 5 * a) * d + 8 * a) * d - 4 * a; };
    return {outer(t + 1), inner(t), inner(1 - t), outer(2 - t)};
}

template <class T>
Upsample<T>::Upsample(std::size_t scale, UpsampleMode mode) : scale_(scale), interp_(mode) {
    require(scale > 0, "Upsample", "scale must be at least 1, got scale = " + std::to_string(scale));
}

template <class T>
std::string Upsample<T>::name() const {
    return "Upsample(x" + std::to_string(scale_) + ", " + (interp_ == UpsampleMode::nearest ? "nearest" : "bicubic") +
           ")";
}

template <class T>
void Upsample<T>::build_taps(std::size_t n, Taps& taps) const {
    const std::size_t out = n * scale_;
    taps.index.resize(4 * out);
    taps.weight.resize(4 * out);
    const long last = static_cast<long>(n) - 1;
    for (std::size_t u = 0; u < out; ++u) {
        // xi_u = (u + 1/2) / s - 1/2, i_u = floor(xi_u), t_u = xi_u - i_u  (align_corners = False)
        const double xi = (static_cast<double>(u) + 0.5) / static_cast<double>(scale_) - 0.5;
        const double i0 = std::floor(xi);
        const auto w = cubic_convolution_weights(xi - i0);
        for (long k = -1; k <= 2; ++k) {
            const long i = std::clamp(static_cast<long>(i0) + k, 0L, last);  // border pixels repeated
            taps.index[4 * u + static_cast<std::size_t>(k + 1)] = static_cast<std::size_t>(i);
            taps.weight[4 * u + static_cast<std::size_t>(k + 1)] = static_cast<T>(w[static_cast<std::size_t>(k + 1)]);
        }
    }
}

template <class T>
void Upsample<T>::bicubic_forward(const T* x, std::size_t H, std::size_t W, T* y) {
    const std::size_t Wo = W * scale_, Ho = H * scale_;
    // Along the rows: plane[r, v] = sum_l w'_{v,l} x[r, clamp(j_v + l)]   (H, Wo)
    for (std::size_t r = 0; r < H; ++r) {
        const T* x_r = x + r * W;
        T* p_r = plane_.data() + r * Wo;
        for (std::size_t v = 0; v < Wo; ++v) {
            const std::size_t* idx = &col_taps_.index[4 * v];
            const T* w = &col_taps_.weight[4 * v];
            p_r[v] = w[0] * x_r[idx[0]] + w[1] * x_r[idx[1]] + w[2] * x_r[idx[2]] + w[3] * x_r[idx[3]];
        }
    }
    // Along the columns: y[u, v] = sum_k w_{u,k} plane[clamp(i_u + k), v]
    for (std::size_t u = 0; u < Ho; ++u) {
        const std::size_t* idx = &row_taps_.index[4 * u];
        const T* w = &row_taps_.weight[4 * u];
        const T *p0 = plane_.data() + idx[0] * Wo, *p1 = plane_.data() + idx[1] * Wo,
                *p2 = plane_.data() + idx[2] * Wo, *p3 = plane_.data() + idx[3] * Wo;
        T* y_u = y + u * Wo;
        for (std::size_t v = 0; v < Wo; ++v) y_u[v] = w[0] * p0[v] + w[1] * p1[v] + w[2] * p2[v] + w[3] * p3[v];
    }
}

template <class T>
void Upsample<T>::bicubic_backward(const T* g, std::size_t H, std::size_t W, T* gx) {
    const std::size_t Wo = W * scale_, Ho = H * scale_;
    // Transpose of the column pass: plane[clamp(i_u + k), v] += w_{u,k} g[u, v]
    std::fill(plane_.begin(), plane_.begin() + static_cast<std::ptrdiff_t>(H * Wo), T(0));
    for (std::size_t u = 0; u < Ho; ++u) {
        const T* g_u = g + u * Wo;
        for (std::size_t k = 0; k < 4; ++k) {
            const T w = row_taps_.weight[4 * u + k];
            T* p = plane_.data() + row_taps_.index[4 * u + k] * Wo;
            for (std::size_t v = 0; v < Wo; ++v) p[v] += w * g_u[v];
        }
    }
    // Transpose of the row pass: gx[r, clamp(j_v + l)] += w'_{v,l} plane[r, v]
    std::fill(gx, gx + H * W, T(0));
    for (std::size_t r = 0; r < H; ++r) {
        const T* p_r = plane_.data() + r * Wo;
        T* gx_r = gx + r * W;
        for (std::size_t v = 0; v < Wo; ++v)
            for (std::size_t l = 0; l < 4; ++l) gx_r[col_taps_.index[4 * v + l]] += col_taps_.weight[4 * v + l] * p_r[v];
    }
}

template <class T>
const Tensor<T>& Upsample<T>::forward(const Tensor<T>& x) {
    this->require_shape("forward", "x", x, {any_extent, any_extent, any_extent, any_extent});
    const std::size_t N = x.shape(0), C = x.shape(1), H = x.shape(2), W = x.shape(3), s = scale_;
    const std::size_t Ho = H * s, Wo = W * s;
    in_shape_.assign(x.shape().begin(), x.shape().end());
    Tensor<T>& y = this->out_;
    resize_buffer(y, {N, C, Ho, Wo});

    if (interp_ == UpsampleMode::nearest) {
        // y[u, v] = x[u / s, v / s]: each pixel copied into an s x s block.
        for (std::size_t q = 0; q < N * C; ++q) {
            const T* xp = x.data() + q * H * W;
            T* yp = y.data() + q * Ho * Wo;
            for (std::size_t u = 0; u < Ho; ++u) {
                const T* x_row = xp + (u / s) * W;
                T* y_row = yp + u * Wo;
                for (std::size_t v = 0; v < Wo; ++v) y_row[v] = x_row[v / s];
            }
        }
        return y;
    }

    if (H != taps_H_) {  // the tables depend only on the input size: rebuilt when it changes
        build_taps(H, row_taps_);
        taps_H_ = H;
    }
    if (W != taps_W_) {
        build_taps(W, col_taps_);
        taps_W_ = W;
    }
    if (plane_.size() < H * Wo) plane_.resize(H * Wo);
    for (std::size_t q = 0; q < N * C; ++q) bicubic_forward(x.data() + q * H * W, H, W, y.data() + q * Ho * Wo);
    return y;
}

template <class T>
const Tensor<T>& Upsample<T>::backward(const Tensor<T>& grad_output) {
    this->require_output_shape(grad_output);
    const std::size_t N = in_shape_[0], C = in_shape_[1], H = in_shape_[2], W = in_shape_[3], s = scale_;
    const std::size_t Ho = H * s, Wo = W * s;
    Tensor<T>& gx = this->grad_in_;
    if (!this->input_grad_needed_) {
        resize_buffer(gx, {std::size_t{0}, C, H, W});
        return gx;
    }
    resize_buffer(gx, in_shape_);

    if (interp_ == UpsampleMode::nearest) {
        // grad_x[i, j] = sum of the s x s block grad_y[i s .. i s + s - 1, j s .. j s + s - 1].
        for (std::size_t q = 0; q < N * C; ++q) {
            const T* gp = grad_output.data() + q * Ho * Wo;
            T* xp = gx.data() + q * H * W;
            std::fill(xp, xp + H * W, T(0));
            for (std::size_t u = 0; u < Ho; ++u) {
                const T* g_row = gp + u * Wo;
                T* x_row = xp + (u / s) * W;
                for (std::size_t v = 0; v < Wo; ++v) x_row[v / s] += g_row[v];
            }
        }
        return gx;
    }

    for (std::size_t q = 0; q < N * C; ++q)
        bicubic_backward(grad_output.data() + q * Ho * Wo, H, W, gx.data() + q * H * W);
    return gx;
}

template class Upsample<float>;
template class Upsample<double>;

}  // namespace dlc
