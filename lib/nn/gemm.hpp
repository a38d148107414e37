/// \file
/// \brief Matrix products into preallocated buffers: \f$ C \leftarrow \alpha\,\mathrm{op}(A)\,
/// \mathrm{op}(B) + \beta\, C \f$, through BLAS for real sizes and a plain loop for tiny ones.
///
/// Every layer's forward and backward pass is a few of these products (see `Linear`); writing
/// them into buffers the layer owns, with \f$ \beta = 1 \f$ to accumulate gradients, is what
/// keeps a training step free of allocations.
#pragma once

#include <cstddef>

namespace dlc {

/// \brief Products with \f$ m n k \f$ at most this are computed by the plain triple loop
/// (a BLAS call costs more than the arithmetic below this size, e.g. HW5's 3-neuron network
/// trained one example at a time).
inline constexpr std::size_t small_gemm_limit = 2048;

/// \brief \f$ C \leftarrow \alpha\, \mathrm{op}(A)\, \mathrm{op}(B) + \beta\, C \f$ on contiguous
/// row-major matrices.
///
/// \f$ \mathrm{op}(A) \f$ is (m, k): `A` is stored (m, k), or (k, m) when `trans_a`;
/// \f$ \mathrm{op}(B) \f$ is (k, n): `B` is stored (k, n), or (n, k) when `trans_b`; `C` is
/// (m, n). With \f$ \beta = 0 \f$ the old contents of `C` are ignored (even NaN), with
/// \f$ \beta = 1 \f$ the product is added to them. Large products call OpenBLAS's
/// `cblas_sgemm`/`cblas_dgemm`; products with \f$ m n k \le \f$ `small_gemm_limit` use the
/// definition \f$ C_{ij} = \beta C_{ij} + \alpha \sum_l \mathrm{op}(A)_{il}\, \mathrm{op}(B)_{lj} \f$.
template <class T>
void gemm(bool trans_a, bool trans_b, std::size_t m, std::size_t n, std::size_t k, T alpha, const T* A,
          const T* B, T beta, T* C);

}  // namespace dlc
