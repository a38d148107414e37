#include "cluster/checks.hpp"

#include "core/check.hpp"

#include <string>

namespace dlc {

template <class T>
void check_cluster_data(const char* where, const Matrix<T>& X) {
    check_nonempty(where, "X", X);
    // A plain loop over the buffer (the data may be 60 000 x 784).
    const T* x = X.data();
    for (std::size_t i = 0; i < X.size(); ++i) {
        if (!std::isfinite(x[i])) {
            const std::size_t d = X.shape(1);
            throw ValueError(where, "X must be finite, got " + std::to_string(x[i]) + " at row " +
                                        std::to_string(i / d) + ", column " + std::to_string(i % d));
        }
    }
}

template <class T>
std::size_t check_centres(const char* where, const char* name, const Matrix<T>& X, const Matrix<T>& centres) {
    const std::size_t n = X.shape(0);
    check_shape(where, name, centres, {any_extent, static_cast<long>(X.shape(1))});
    const std::size_t k = centres.shape(0);
    if (k == 0 || k > n)
        throw ValueError(where, "k (the number of rows of " + std::string(name) + ") must be between 1 and n = " +
                                    std::to_string(n) + ", got k = " + std::to_string(k));
    check_finite(where, name, centres);
    return k;
}

template <class T>
void check_assignments(const char* where, const Matrix<T>& X, const Labels& assignments, std::size_t k) {
    check_shape(where, "assignments", assignments, {static_cast<long>(X.shape(0))});
    for (std::size_t i = 0; i < assignments.size(); ++i)
        if (assignments(i) >= k)
            throw ValueError(where, "assignments must be in {0, ..., k-1} with k = " + std::to_string(k) +
                                        ", got " + std::to_string(assignments(i)) + " at index " + std::to_string(i));
}

#define DLC_INSTANTIATE_CHECKS(T)                                                                       \
    template void check_cluster_data<T>(const char*, const Matrix<T>&);                                 \
    template std::size_t check_centres<T>(const char*, const char*, const Matrix<T>&, const Matrix<T>&); \
    template void check_assignments<T>(const char*, const Matrix<T>&, const Labels&, std::size_t);
DLC_INSTANTIATE_CHECKS(float)
DLC_INSTANTIATE_CHECKS(double)
#undef DLC_INSTANTIATE_CHECKS

}  // namespace dlc
