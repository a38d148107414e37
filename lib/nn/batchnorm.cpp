#include "nn/batchnorm.hpp"

#include "core/check.hpp"

#include <cmath>

namespace dlc {

template <class T>
BatchNorm<T>::BatchNorm(std::size_t channels, double momentum, double eps) : momentum_(momentum), eps_(eps) {
    require(channels > 0, "BatchNorm", "the number of channels must be positive");
    require(momentum >= 0.0 && momentum <= 1.0, "BatchNorm", "momentum must be in [0, 1], got " + std::to_string(momentum));
    require(eps > 0.0, "BatchNorm", "eps must be positive, got " + std::to_string(eps));
    gamma_ = xt::ones<T>({channels});
    beta_ = xt::zeros<T>({channels});
    grad_gamma_ = xt::zeros<T>({channels});
    grad_beta_ = xt::zeros<T>({channels});
    running_mean_ = xt::zeros<T>({channels});
    running_var_ = xt::ones<T>({channels});
    mean_ = xt::zeros<T>({channels});
    var_ = xt::zeros<T>({channels});
    inv_std_ = xt::zeros<T>({channels});
}

template <class T>
std::string BatchNorm<T>::name() const {
    return "BatchNorm(" + std::to_string(channels()) + ")";
}

template <class T>
std::vector<Parameter<T>> BatchNorm<T>::parameters() {
    return {{"gamma", &gamma_, &grad_gamma_, true}, {"beta", &beta_, &grad_beta_, true}};
}

template <class T>
std::vector<Buffer<T>> BatchNorm<T>::buffers() {
    return {{"running_mean", &running_mean_}, {"running_var", &running_var_}};
}

template <class T>
const Tensor<T>& BatchNorm<T>::forward(const Tensor<T>& x) {
    const std::size_t C = channels();
    if (x.dimension() < 2 || x.shape(1) != C) {
        throw ShapeError(name() + "::forward", "x must have shape (N, " + std::to_string(C) + ", ...), got " + shape_of(x));
    }
    const std::size_t N = x.shape(0), S = x.size() / (N * C), m = N * S;  // S: spatial positions per channel
    last_forward_training_ = this->training();
    if (last_forward_training_) {
        if (m < 2)
            throw ValueError(name() + "::forward", "training mode needs more than one value per channel to "
                                                   "estimate a variance, got input " + shape_of(x));
        ++batches_seen_;
        const double rho = momentum_ > 0 ? momentum_ : 1.0 / static_cast<double>(batches_seen_);
        for (std::size_t c = 0; c < C; ++c) {
            // mu = (1/m) sum x, sigma^2 = (1/m) sum (x - mu)^2; each example's S values are summed in T, the N
            // partial sums in double.
            double sum = 0, sq = 0;
            for (std::size_t n = 0; n < N; ++n) {
                const T* xc = x.data() + (n * C + c) * S;
                T part = 0;
                for (std::size_t s = 0; s < S; ++s) part += xc[s];
                sum += part;
            }
            const double mu = sum / static_cast<double>(m);
            const T mu_t = static_cast<T>(mu);
            for (std::size_t n = 0; n < N; ++n) {
                const T* xc = x.data() + (n * C + c) * S;
                T part = 0;
                for (std::size_t s = 0; s < S; ++s) part += (xc[s] - mu_t) * (xc[s] - mu_t);
                sq += part;
            }
            const double var = sq / static_cast<double>(m);
            mean_(c) = static_cast<T>(mu);
            var_(c) = static_cast<T>(var);
            inv_std_(c) = static_cast<T>(1.0 / std::sqrt(var + eps_));
            running_mean_(c) = static_cast<T>((1 - rho) * running_mean_(c) + rho * mu);
            running_var_(c) = static_cast<T>((1 - rho) * running_var_(c) + rho * var * m / (m - 1.0));
        }
    } else {
        for (std::size_t c = 0; c < C; ++c) {
            mean_(c) = running_mean_(c);
            inv_std_(c) = static_cast<T>(1.0 / std::sqrt(static_cast<double>(running_var_(c)) + eps_));
        }
    }
    // x_hat = (x - mu) / sqrt(sigma^2 + eps), y = gamma x_hat + beta
    resize_like(x_hat_, x);
    Tensor<T>& y = this->out_;
    resize_like(y, x);
    for (std::size_t n = 0; n < N; ++n)
        for (std::size_t c = 0; c < C; ++c) {
            const std::size_t off = (n * C + c) * S;
            const T mu = mean_(c), inv_std = inv_std_(c), gamma = gamma_(c), beta = beta_(c);
            const T* xc = x.data() + off;
            T* xh = x_hat_.data() + off;
            T* yc = y.data() + off;
            for (std::size_t s = 0; s < S; ++s) {
                xh[s] = (xc[s] - mu) * inv_std;
                yc[s] = gamma * xh[s] + beta;
            }
        }
    return y;
}

template <class T>
const Tensor<T>& BatchNorm<T>::backward(const Tensor<T>& grad_y) {
    this->require_output_shape(grad_y);
    const std::size_t C = channels(), N = grad_y.shape(0), S = grad_y.size() / (N * C);
    const T m = static_cast<T>(N * S);
    Tensor<T>& gx = this->grad_in_;
    resize_like(gx, grad_y);
    for (std::size_t c = 0; c < C; ++c) {
        T sum_g = 0, sum_g_xhat = 0;  // sum_j g_j, sum_j g_j x_hat_j over the channel
        for (std::size_t n = 0; n < N; ++n) {
            const std::size_t off = (n * C + c) * S;
            for (std::size_t s = 0; s < S; ++s) {
                sum_g += grad_y.data()[off + s];
                sum_g_xhat += grad_y.data()[off + s] * x_hat_.data()[off + s];
            }
        }
        grad_gamma_(c) += sum_g_xhat;  // grad_gamma = sum g x_hat
        grad_beta_(c) += sum_g;        // grad_beta = sum g
        const T k = gamma_(c) * inv_std_(c);
        for (std::size_t n = 0; n < N; ++n) {
            const std::size_t off = (n * C + c) * S;
            const T* g = grad_y.data() + off;
            const T* xh = x_hat_.data() + off;
            T* out = gx.data() + off;
            if (last_forward_training_) {  // gamma / (m sqrt(sigma^2+eps)) (m g - sum g - x_hat sum g x_hat)
                for (std::size_t s = 0; s < S; ++s) out[s] = k / m * (m * g[s] - sum_g - xh[s] * sum_g_xhat);
            } else {  // running statistics are constants
                for (std::size_t s = 0; s < S; ++s) out[s] = k * g[s];
            }
        }
    }
    return gx;
}

template class BatchNorm<float>;
template class BatchNorm<double>;

}  // namespace dlc
