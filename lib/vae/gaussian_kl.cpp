#include "vae/gaussian_kl.hpp"

#include "core/check.hpp"

#include <cmath>

namespace dlc {

template <class T>
double kl_to_standard_normal(const T* mu, const T* log_var, std::size_t k) {
    double kl = 0;
    for (std::size_t j = 0; j < k; ++j) {
        const double m = mu[j], v = log_var[j];
        kl += m * m + std::exp(v) - 1.0 - v;  // mu^2 + sigma^2 - 1 - log sigma^2
    }
    return 0.5 * kl;
}

template <class T>
double GaussianKl<T>::forward(const Tensor<T>& h) {
    if (h.dimension() != 2 || h.shape(0) == 0 || h.shape(1) == 0 || h.shape(1) % 2 != 0)
        throw ShapeError("GaussianKl::forward", "h must have shape (N, 2k) = [mu | log sigma^2], got " + shape_of(h));
    copy_into(h_, h);
    const std::size_t n = h.shape(0), k = h.shape(1) / 2;
    resize_buffer(per_example_, {n});
    double total = 0;
    for (std::size_t r = 0; r < n; ++r) {
        const T* row = h.data() + r * 2 * k;
        per_example_(r) = kl_to_standard_normal(row, row + k, k);
        total += per_example_(r);
    }
    return reduction_ == Reduction::mean ? total / static_cast<double>(n) : total;
}

template <class T>
const Tensor<T>& GaussianKl<T>::backward() {
    if (h_.dimension() == 0) throw Error("GaussianKl::backward", "forward has not been called");
    const std::size_t n = h_.shape(0), k = h_.shape(1) / 2;
    resize_like(grad_, h_);
    const T scale = reduction_ == Reduction::mean ? T(1) / static_cast<T>(n) : T(1);
    for (std::size_t r = 0; r < n; ++r) {
        const T* mu = h_.data() + r * 2 * k;
        const T* v = mu + k;
        T* g_mu = grad_.data() + r * 2 * k;
        T* g_v = g_mu + k;
        for (std::size_t j = 0; j < k; ++j) {
            g_mu[j] = scale * mu[j];                                  // dKL/dmu = mu
            g_v[j] = scale * T(0.5) * (std::exp(v[j]) - T(1));        // dKL/dv = (e^v - 1) / 2
        }
    }
    return grad_;
}

template double kl_to_standard_normal(const float*, const float*, std::size_t);
template double kl_to_standard_normal(const double*, const double*, std::size_t);
template class GaussianKl<float>;
template class GaussianKl<double>;

}  // namespace dlc
