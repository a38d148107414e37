#include "vae/reparameterize.hpp"

#include "core/check.hpp"

#include <cmath>

namespace dlc {

template <class T>
void Reparameterize<T>::set_noise(const Tensor<T>& eps) {
    if (eps.dimension() != 2 || eps.size() == 0)
        throw ShapeError("Reparameterize::set_noise", "eps must be a non-empty (N, k) matrix, got " + shape_of(eps));
    eps_ = eps;
    hold_ = true;
}

template <class T>
const Tensor<T>& Reparameterize<T>::forward(const Tensor<T>& h) {
    if (h.dimension() != 2 || h.shape(1) == 0 || h.shape(1) % 2 != 0)
        throw ShapeError("Reparameterize::forward",
                         "h must have shape (N, 2k) = [mu | log sigma^2] with k >= 1, got " + shape_of(h));
    const std::size_t n = h.shape(0), k = h.shape(1) / 2;
    if (hold_ || mean_only_) {
        if (!mean_only_ && (eps_.dimension() != 2 || eps_.shape(0) != n || eps_.shape(1) != k))
            throw ShapeError("Reparameterize::forward", "the held noise has shape " + shape_of(eps_) + ", expected (" +
                                                            std::to_string(n) + ", " + std::to_string(k) + ")");
    } else {
        resize_buffer(eps_, {n, k});
        for (std::size_t i = 0; i < n * k; ++i) eps_.data()[i] = static_cast<T>(rng_->normal());
    }
    if (mean_only_) {  // z = mu: eps = 0
        resize_buffer(eps_, {n, k});
        eps_.fill(T(0));
    }
    resize_buffer(sigma_, {n, k});
    Tensor<T>& z = this->out_;
    resize_buffer(z, {n, k});
    for (std::size_t r = 0; r < n; ++r) {
        const T* mu = h.data() + r * 2 * k;
        const T* log_var = mu + k;
        T* s = sigma_.data() + r * k;
        const T* e = eps_.data() + r * k;
        T* zr = z.data() + r * k;
        for (std::size_t j = 0; j < k; ++j) {
            s[j] = std::exp(T(0.5) * log_var[j]);  // sigma = e^{log sigma^2 / 2}
            zr[j] = mu[j] + s[j] * e[j];           // z = mu + sigma * eps
        }
    }
    return z;
}

template <class T>
const Tensor<T>& Reparameterize<T>::backward(const Tensor<T>& grad_z) {
    this->require_output_shape(grad_z);
    const std::size_t n = grad_z.shape(0), k = grad_z.shape(1);
    Tensor<T>& g = this->grad_in_;
    resize_buffer(g, {n, 2 * k});
    for (std::size_t r = 0; r < n; ++r) {
        const T* gz = grad_z.data() + r * k;
        const T* s = sigma_.data() + r * k;
        const T* e = eps_.data() + r * k;
        T* g_mu = g.data() + r * 2 * k;
        T* g_lv = g_mu + k;
        for (std::size_t j = 0; j < k; ++j) {
            g_mu[j] = gz[j];                         // dz/dmu = 1
            g_lv[j] = T(0.5) * gz[j] * s[j] * e[j];  // dz/dlog sigma^2 = sigma eps / 2
        }
    }
    return g;
}

template class Reparameterize<float>;
template class Reparameterize<double>;

}  // namespace dlc
