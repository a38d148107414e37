#include "latent/cholesky.hpp"

#include "core/check.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

namespace dlc {

template <class T>
std::size_t cholesky_in_place(T* a, std::size_t d, T min_pivot, T* pivot) {
    for (std::size_t j = 0; j < d; ++j) {
        T* rj = a + j * d;
        T s = rj[j];
        for (std::size_t l = 0; l < j; ++l) s -= rj[l] * rj[l];
        if (!(s > min_pivot) || !std::isfinite(s)) {
            if (pivot) *pivot = s;
            return j;
        }
        const T ljj = std::sqrt(s);
        rj[j] = ljj;
        for (std::size_t i = j + 1; i < d; ++i) {
            T* ri = a + i * d;
            T t = ri[j];
            for (std::size_t l = 0; l < j; ++l) t -= ri[l] * rj[l];
            ri[j] = t / ljj;
        }
        for (std::size_t l = j + 1; l < d; ++l) rj[l] = T(0);
    }
    return d;
}

template <class T>
Matrix<T> cholesky(const Matrix<T>& sigma, const char* where) {
    if (sigma.dimension() != 2 || sigma.shape(0) != sigma.shape(1) || sigma.shape(0) == 0)
        throw ShapeError(where, "the covariance must be a non-empty square matrix (d, d), got shape " + shape_of(sigma));
    check_finite(where, "the covariance", sigma);
    const std::size_t d = sigma.shape(0);
    const double tol = 1e3 * std::numeric_limits<T>::epsilon();
    for (std::size_t i = 0; i < d; ++i)
        for (std::size_t j = 0; j < i; ++j) {
            const double a = sigma(i, j), b = sigma(j, i);
            if (std::abs(a - b) > tol * (std::abs(a) + std::abs(b)) + 1e-300) {
                std::ostringstream msg;
                msg << "the covariance must be symmetric, got entry (" << i << ", " << j << ") = " << a << " but ("
                    << j << ", " << i << ") = " << b;
                throw ValueError(where, msg.str());
            }
        }
    Matrix<T> L = sigma;
    T pivot = 0;
    const std::size_t j = cholesky_in_place(L.data(), d, T(0), &pivot);
    if (j < d) {
        std::ostringstream msg;
        msg << "the covariance must be positive definite, but its Cholesky factorization fails at pivot " << j
            << " (value " << pivot << ", expected > 0)";
        throw ValueError(where, msg.str());
    }
    return L;
}

template <class T>
T log_det_from_cholesky(const Matrix<T>& L) {
    T s = 0;
    for (std::size_t j = 0; j < L.shape(0); ++j) s += std::log(L(j, j));
    return 2 * s;
}

template <class T>
void solve_lower_in_place(const Matrix<T>& L, T* b) {
    const std::size_t d = L.shape(0);
    const T* l = L.data();
    for (std::size_t i = 0; i < d; ++i) {
        T s = b[i];
        for (std::size_t j = 0; j < i; ++j) s -= l[i * d + j] * b[j];
        b[i] = s / l[i * d + i];
    }
}

template <class T>
void solve_lower_transposed_in_place(const Matrix<T>& L, T* b) {
    const std::size_t d = L.shape(0);
    const T* l = L.data();
    for (std::size_t ii = d; ii-- > 0;) {
        T s = b[ii];
        for (std::size_t j = ii + 1; j < d; ++j) s -= l[j * d + ii] * b[j];
        b[ii] = s / l[ii * d + ii];
    }
}

template <class T>
T trace_of_inverse_from_cholesky(const Matrix<T>& L) {
    const std::size_t d = L.shape(0);
    std::vector<T> e(d);
    T s = 0;
    for (std::size_t c = 0; c < d; ++c) {
        std::fill(e.begin(), e.end(), T(0));
        e[c] = 1;
        solve_lower_in_place(L, e.data());
        for (std::size_t i = c; i < d; ++i) s += e[i] * e[i];
    }
    return s;
}

#define DLC_INSTANTIATE_CHOLESKY(T)                                                  \
    template std::size_t cholesky_in_place<T>(T*, std::size_t, T, T*);               \
    template Matrix<T> cholesky<T>(const Matrix<T>&, const char*);                   \
    template T log_det_from_cholesky<T>(const Matrix<T>&);                           \
    template void solve_lower_in_place<T>(const Matrix<T>&, T*);                     \
    template void solve_lower_transposed_in_place<T>(const Matrix<T>&, T*);          \
    template T trace_of_inverse_from_cholesky<T>(const Matrix<T>&);
DLC_INSTANTIATE_CHOLESKY(float)
DLC_INSTANTIATE_CHOLESKY(double)
#undef DLC_INSTANTIATE_CHOLESKY

}  // namespace dlc
