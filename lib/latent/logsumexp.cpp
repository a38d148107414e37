#include "latent/logsumexp.hpp"

#include "core/check.hpp"

#include <cmath>
#include <limits>
#include <string>

namespace dlc {

template <class T>
T logsumexp(const T* a, std::size_t n) {
    T m = -std::numeric_limits<T>::infinity();
    for (std::size_t j = 0; j < n; ++j) {
        if (std::isnan(a[j])) return a[j];
        if (a[j] > m) m = a[j];
    }
    if (!std::isfinite(m)) return m;  // all -inf (or n = 0): -inf; some +inf: +inf
    T s = 0;
    for (std::size_t j = 0; j < n; ++j) s += std::exp(a[j] - m);
    return m + std::log(s);
}

template <class T>
T logsumexp(const Vector<T>& a) {
    return logsumexp(a.data(), a.size());
}

template <class T>
Vector<T> logsumexp_rows(const Matrix<T>& A) {
    const std::size_t n = A.shape(0), k = A.shape(1);
    if (k == 0) throw ShapeError("logsumexp_rows", "A must have at least one column, got shape " + shape_of(A));
    Vector<T> out = Vector<T>::from_shape({n});
    for (std::size_t i = 0; i < n; ++i) out(i) = logsumexp(A.data() + i * k, k);
    return out;
}

template <class T>
Matrix<T> softmax_rows(const Matrix<T>& A) {
    const std::size_t n = A.shape(0), k = A.shape(1);
    if (k == 0) throw ShapeError("softmax_rows", "A must have at least one column, got shape " + shape_of(A));
    Matrix<T> S = Matrix<T>::from_shape({n, k});
    for (std::size_t i = 0; i < n; ++i) {
        const T* a = A.data() + i * k;
        const T lse = logsumexp(a, k);
        if (!std::isfinite(lse))
            throw ValueError("softmax_rows", "row " + std::to_string(i) +
                                                 " has log-sum-exp " + std::to_string(lse) +
                                                 ", expected a finite value (a row of all -inf cannot be normalized)");
        for (std::size_t j = 0; j < k; ++j) S(i, j) = std::exp(a[j] - lse);
    }
    return S;
}

#define DLC_INSTANTIATE_LSE(T)                                \
    template T logsumexp<T>(const T*, std::size_t);           \
    template T logsumexp<T>(const Vector<T>&);                \
    template Vector<T> logsumexp_rows<T>(const Matrix<T>&);   \
    template Matrix<T> softmax_rows<T>(const Matrix<T>&);
DLC_INSTANTIATE_LSE(float)
DLC_INSTANTIATE_LSE(double)
#undef DLC_INSTANTIATE_LSE

}  // namespace dlc
