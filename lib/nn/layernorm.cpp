#include "nn/layernorm.hpp"

#include "core/check.hpp"

#include <cmath>

namespace dlc {

template <class T>
LayerNorm<T>::LayerNorm(std::size_t features, double eps) : eps_(eps) {
    require(features > 0, "LayerNorm", "the number of features must be positive");
    require(eps > 0.0, "LayerNorm", "eps must be positive, got " + std::to_string(eps));
    gamma_ = xt::ones<T>({features});
    beta_ = xt::zeros<T>({features});
    grad_gamma_ = xt::zeros<T>({features});
    grad_beta_ = xt::zeros<T>({features});
}

template <class T>
std::string LayerNorm<T>::name() const {
    return "LayerNorm(" + std::to_string(features()) + ")";
}

template <class T>
std::vector<Parameter<T>> LayerNorm<T>::parameters() {
    return {{"gamma", &gamma_, &grad_gamma_, true}, {"beta", &beta_, &grad_beta_, true}};
}

template <class T>
const Tensor<T>& LayerNorm<T>::forward(const Tensor<T>& x) {
    const std::size_t D = features();
    // The trailing axes must multiply to exactly D.
    std::size_t prod = 1;
    bool ok = false;
    for (std::size_t a = x.dimension(); a-- > 1;) {
        prod *= x.shape(a);
        if (prod == D) {
            ok = true;
            break;
        }
        if (prod > D) break;
    }
    if (!ok)
        throw ShapeError(name() + "::forward", "x must be (N, ...) with trailing extents multiplying to " +
                                                   std::to_string(D) + ", got " + shape_of(x));
    const std::size_t rows = x.size() / D;
    resize_like(x_hat_, x);
    resize_buffer(inv_std_, {rows});
    Tensor<T>& y = this->out_;
    resize_like(y, x);
    for (std::size_t r = 0; r < rows; ++r) {
        const T* xr = x.data() + r * D;
        double sum = 0, sq = 0;
        for (std::size_t j = 0; j < D; ++j) sum += xr[j];
        const double mu = sum / static_cast<double>(D);
        for (std::size_t j = 0; j < D; ++j) sq += (xr[j] - mu) * (xr[j] - mu);
        const T inv = static_cast<T>(1.0 / std::sqrt(sq / static_cast<double>(D) + eps_));
        inv_std_(r) = inv;
        T* xh = x_hat_.data() + r * D;
        T* yr = y.data() + r * D;
        for (std::size_t j = 0; j < D; ++j) {
            xh[j] = static_cast<T>(xr[j] - mu) * inv;  // x_hat = (x - mu) / sqrt(sigma^2 + eps)
            yr[j] = gamma_(j) * xh[j] + beta_(j);       // y = gamma x_hat + beta
        }
    }
    return y;
}

template <class T>
const Tensor<T>& LayerNorm<T>::backward(const Tensor<T>& grad_y) {
    this->require_output_shape(grad_y);
    const std::size_t D = features(), rows = grad_y.size() / D;
    Tensor<T>& gx = this->grad_in_;
    resize_like(gx, grad_y);
    const T d = static_cast<T>(D);
    for (std::size_t r = 0; r < rows; ++r) {
        const T* gy = grad_y.data() + r * D;
        const T* xh = x_hat_.data() + r * D;
        T* gxr = gx.data() + r * D;
        T sum_g = 0, sum_g_xhat = 0;  // g = gamma grad_y
        for (std::size_t j = 0; j < D; ++j) {
            grad_gamma_(j) += gy[j] * xh[j];
            grad_beta_(j) += gy[j];
            const T g = gamma_(j) * gy[j];
            sum_g += g;
            sum_g_xhat += g * xh[j];
        }
        const T k = inv_std_(r) / d;
        for (std::size_t j = 0; j < D; ++j) gxr[j] = k * (d * gamma_(j) * gy[j] - sum_g - xh[j] * sum_g_xhat);
    }
    return gx;
}

template class LayerNorm<float>;
template class LayerNorm<double>;

}  // namespace dlc
