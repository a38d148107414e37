/// \file
/// \brief A matrix product on sub-matrices of row-major buffers (leading dimensions given), so that one
/// head's columns of Q, K and V are used in place: \f$ C \leftarrow \alpha\, \mathrm{op}(A)\, \mathrm{op}(B) +
/// \beta\, C \f$.
///
/// Multi-head attention stores the queries of every head side by side, Q (B, T, H·dk): head h of batch row b
/// is the (T, dk) block starting at column h·dk, whose rows are H·dk apart. Passing that row stride to BLAS
/// as the leading dimension multiplies the head's block without copying it out (the NYU slide's
/// \f$ H_i = \mathrm{Attention}(QW_i^Q, KW_i^K, VW_i^V) \f$ for every i, then \f$ [H_1, \dots, H_n] \f$ written
/// straight into its columns of the concatenation).
#pragma once

#include <cstddef>

namespace dlc {

/// \brief \f$ C \leftarrow \alpha\, \mathrm{op}(A)\, \mathrm{op}(B) + \beta\, C \f$ with leading dimensions:
/// \f$ \mathrm{op}(A) \f$ is (m, k), stored (m, k) with rows `lda` apart, or (k, m) when `trans_a`;
/// \f$ \mathrm{op}(B) \f$ is (k, n), stored (k, n) with rows `ldb` apart, or (n, k) when `trans_b`; C is (m, n)
/// with rows `ldc` apart. \f$ \beta = 0 \f$ ignores C's old contents. Products with \f$ mnk \le \f$
/// `small_gemm_limit` (nn/gemm.hpp) use the definition \f$ C_{ij} = \beta C_{ij} + \alpha \sum_l
/// \mathrm{op}(A)_{il}\, \mathrm{op}(B)_{lj} \f$, larger ones OpenBLAS.
template <class T>
void gemm_strided(bool trans_a, bool trans_b, std::size_t m, std::size_t n, std::size_t k, T alpha, const T* A,
                  std::size_t lda, const T* B, std::size_t ldb, T beta, T* C, std::size_t ldc);

}  // namespace dlc
