#include "nn/gemm.hpp"

#include <xtensor-blas/xblas.hpp>

#include <algorithm>

namespace dlc {

template <class T>
void gemm(bool trans_a, bool trans_b, std::size_t m, std::size_t n, std::size_t k, T alpha, const T* A,
          const T* B, T beta, T* C) {
    if (m == 0 || n == 0) return;
    if (m * n * k > small_gemm_limit) {
        // OpenBLAS (cblas_sgemm / cblas_dgemm), through xtensor-blas's bindings.
        using index = xt::blas_index_t;
        const auto lda = static_cast<index>(std::max<std::size_t>(1, trans_a ? m : k));
        const auto ldb = static_cast<index>(std::max<std::size_t>(1, trans_b ? k : n));
        cxxblas::gemm<index>(cxxblas::StorageOrder::RowMajor, trans_a ? cxxblas::Transpose::Trans : cxxblas::Transpose::NoTrans,
                             trans_b ? cxxblas::Transpose::Trans : cxxblas::Transpose::NoTrans, static_cast<index>(m),
                             static_cast<index>(n), static_cast<index>(k), alpha, A, lda, B, ldb, beta, C,
                             static_cast<index>(n));
        return;
    }
    // The definition, for tiny products.
    for (std::size_t i = 0; i < m; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
            T s = 0;
            for (std::size_t l = 0; l < k; ++l) {
                const T a = trans_a ? A[l * m + i] : A[i * k + l];
                const T b = trans_b ? B[j * k + l] : B[l * n + j];
                s += a * b;
            }
            T& c = C[i * n + j];
            c = (beta == T(0) ? T(0) : beta * c) + alpha * s;
        }
    }
}

template void gemm<float>(bool, bool, std::size_t, std::size_t, std::size_t, float, const float*, const float*, float,
                          float*);
template void gemm<double>(bool, bool, std::size_t, std::size_t, std::size_t, double, const double*, const double*,
                           double, double*);

}  // namespace dlc
