#include "latent/gaussian.hpp"

#include "core/check.hpp"
#include "core/constants.hpp"
#include "latent/blas.hpp"
#include "latent/cholesky.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace dlc {

namespace {


// Forward substitution written out for d = D (1..4): y = L^{-1}(x - mu), returns ||y||^2.
template <class T, std::size_t D>
void small_rows(const T* X, std::size_t m, const T* mean, const T* L, T constant, T* out, std::size_t stride) {
    T inv[D], l[D][D], mu[D];
    for (std::size_t r = 0; r < D; ++r) {
        inv[r] = T(1) / L[r * D + r];
        mu[r] = mean[r];
        for (std::size_t c = 0; c < D; ++c) l[r][c] = L[r * D + c];
    }
    for (std::size_t i = 0; i < m; ++i) {
        const T* x = X + i * D;
        T y[D];
        T s = 0;
        for (std::size_t r = 0; r < D; ++r) {
            T v = x[r] - mu[r];
            for (std::size_t c = 0; c < r; ++c) v -= l[r][c] * y[c];
            y[r] = v * inv[r];
            s += y[r] * y[r];
        }
        out[i * stride] = constant - T(0.5) * s;
    }
}

}  // namespace

std::size_t gaussian_block_rows(std::size_t d) {
    return std::min<std::size_t>(2048, std::max<std::size_t>(64, 32768 / std::max<std::size_t>(d, 1)));
}

template <class T>
void gaussian_log_density_rows(const T* X, std::size_t m, std::size_t d, const T* mean, const T* L, T constant, T* work,
                               T* out, std::size_t out_stride) {
    switch (d) {
        case 1: return small_rows<T, 1>(X, m, mean, L, constant, out, out_stride);
        case 2: return small_rows<T, 2>(X, m, mean, L, constant, out, out_stride);
        case 3: return small_rows<T, 3>(X, m, mean, L, constant, out, out_stride);
        case 4: return small_rows<T, 4>(X, m, mean, L, constant, out, out_stride);
        default: break;
    }
    for (std::size_t i = 0; i < m; ++i)
        for (std::size_t j = 0; j < d; ++j) work[i * d + j] = X[i * d + j] - mean[j];
    blas::solve_rows_lower(m, d, L, work);
    for (std::size_t i = 0; i < m; ++i) {
        const T* wi = work + i * d;
        T s = 0;
        for (std::size_t j = 0; j < d; ++j) s += wi[j] * wi[j];
        out[i * out_stride] = constant - T(0.5) * s;
    }
}

template <class T>
void gaussian_log_density_into(const Matrix<T>& X, const T* mean, const Matrix<T>& L, T log_det, Matrix<T>& work,
                               T* out, std::size_t out_stride) {
    const std::size_t n = X.shape(0), d = X.shape(1);
    const T constant = T(-0.5) * (T(d * log_two_pi) + log_det);
    const std::size_t block = std::min(n, gaussian_block_rows(d));
    if (work.dimension() != 2 || work.shape(0) < block || work.shape(1) != d) work.resize({block, d});
    for (std::size_t start = 0; start < n; start += block) {
        const std::size_t m = std::min(block, n - start);
        gaussian_log_density_rows(X.data() + start * d, m, d, mean, L.data(), constant, work.data(),
                                  out + start * out_stride, out_stride);
    }
}

template <class T>
Gaussian<T>::Gaussian(Vector<T> mean, Matrix<T> covariance)
    : mean_(std::move(mean)), covariance_(std::move(covariance)) {
    const char* where = "Gaussian";
    if (mean_.size() == 0) throw ShapeError(where, "the mean must have d > 0 entries, got shape " + shape_of(mean_));
    check_shape(where, "covariance", covariance_, {static_cast<long>(mean_.size()), static_cast<long>(mean_.size())});
    check_finite(where, "mean", mean_);
    L_ = cholesky(covariance_, where);
    log_det_ = log_det_from_cholesky(L_);
}

template <class T>
T Gaussian<T>::mahalanobis_sq(const Vector<T>& x) const {
    check_shape("Gaussian::mahalanobis_sq", "x", x, {static_cast<long>(dim())});
    Vector<T> y = x - mean_;
    solve_lower_in_place(L_, y.data());
    T s = 0;
    for (std::size_t j = 0; j < y.size(); ++j) s += y(j) * y(j);
    return s;
}

template <class T>
T Gaussian<T>::log_density(const Vector<T>& x) const {
    check_shape("Gaussian::log_density", "x", x, {static_cast<long>(dim())});
    return T(-0.5) * (T(dim() * log_two_pi) + log_det_ + mahalanobis_sq(x));
}

template <class T>
Vector<T> Gaussian<T>::log_density(const Matrix<T>& X) const {
    check_shape("Gaussian::log_density", "X", X, {any_extent, static_cast<long>(dim())});
    Vector<T> out = Vector<T>::from_shape({X.shape(0)});
    Matrix<T> work;
    gaussian_log_density_into(X, mean_.data(), L_, log_det_, work, out.data(), 1);
    return out;
}

template <class T>
Matrix<T> Gaussian<T>::sample(std::size_t n, Rng& rng) const {
    const std::size_t d = dim();
    Matrix<T> S = Matrix<T>::from_shape({n, d});
    std::vector<double> eps(d);
    for (std::size_t i = 0; i < n; ++i) {
        for (auto& e : eps) e = rng.normal();
        for (std::size_t r = 0; r < d; ++r) {
            double v = static_cast<double>(mean_(r));
            for (std::size_t c = 0; c <= r; ++c) v += static_cast<double>(L_(r, c)) * eps[c];
            S(i, r) = static_cast<T>(v);
        }
    }
    return S;
}

template <class T>
T gaussian_log_density(const Vector<T>& x, const Vector<T>& mean, const Matrix<T>& covariance) {
    return Gaussian<T>(mean, covariance).log_density(x);
}

#define DLC_INSTANTIATE_GAUSSIAN(T)                                                                                \
    template void gaussian_log_density_rows<T>(const T*, std::size_t, std::size_t, const T*, const T*, T, T*, T*, \
                                               std::size_t);                                                       \
    template void gaussian_log_density_into<T>(const Matrix<T>&, const T*, const Matrix<T>&, T, Matrix<T>&, T*,   \
                                               std::size_t);                                                       \
    template class Gaussian<T>;                                                                                    \
    template T gaussian_log_density<T>(const Vector<T>&, const Vector<T>&, const Matrix<T>&);
DLC_INSTANTIATE_GAUSSIAN(float)
DLC_INSTANTIATE_GAUSSIAN(double)
#undef DLC_INSTANTIATE_GAUSSIAN

}  // namespace dlc
