#include "attention/strided_gemm.hpp"

#include "nn/gemm.hpp"

#include <xtensor-blas/xblas.hpp>

namespace dlc {

template <class T>
void gemm_strided(bool trans_a, bool trans_b, std::size_t m, std::size_t n, std::size_t k, T alpha, const T* A,
                  std::size_t lda, const T* B, std::size_t ldb, T beta, T* C, std::size_t ldc) {
    if (m == 0 || n == 0) return;
    if (m * n * k > small_gemm_limit) {
        using index = xt::blas_index_t;
        cxxblas::gemm<index>(cxxblas::StorageOrder::RowMajor, trans_a ? cxxblas::Transpose::Trans : cxxblas::Transpose::NoTrans,
                             trans_b ? cxxblas::Transpose::Trans : cxxblas::Transpose::NoTrans, static_cast<index>(m),
                             static_cast<index>(n), static_cast<index>(k), alpha, A, static_cast<index>(lda), B,
                             static_cast<index>(ldb), beta, C, static_cast<index>(ldc));
        return;
    }
    for (std::size_t i = 0; i < m; ++i)
        for (std::size_t j = 0; j < n; ++j) {
            T s = 0;
            for (std::size_t l = 0; l < k; ++l)
                s += (trans_a ? A[l * lda + i] : A[i * lda + l]) * (trans_b ? B[j * ldb + l] : B[l * ldb + j]);
            T& c = C[i * ldc + j];
            c = (beta == T(0) ? T(0) : beta * c) + alpha * s;
        }
}

template void gemm_strided<float>(bool, bool, std::size_t, std::size_t, std::size_t, float, const float*, std::size_t,
                                  const float*, std::size_t, float, float*, std::size_t);
template void gemm_strided<double>(bool, bool, std::size_t, std::size_t, std::size_t, double, const double*, std::size_t,
                                   const double*, std::size_t, double, double*, std::size_t);

}  // namespace dlc
