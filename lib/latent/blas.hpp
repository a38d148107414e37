/// \file
/// \brief Thin float/double overloads of the three CBLAS routines the latent-variable code uses
/// (triangular solve, symmetric rank-k update, matrix products), all row-major.
///
/// They exist so that templates over the scalar type can call one name; each forwards to
/// OpenBLAS's `cblas_strsm`/`cblas_dtrsm`, `cblas_ssyrk`/`cblas_dsyrk` and
/// `cblas_sgemm`/`cblas_dgemm` with `CblasRowMajor`.
#pragma once

#include <cstddef>

/// \brief Row-major float/double overloads of the CBLAS routines used by `lib/latent`.
namespace dlc::blas {

/// \brief In place \f$ B \leftarrow B L^{-\top} \f$ for B (m, d) and lower-triangular L (d, d):
/// row i of the result is \f$ L^{-1} b_i \f$ (forward substitution on every row at once, `?trsm`
/// with side = right, lower, transposed).
void solve_rows_lower(std::size_t m, std::size_t d, const float* L, float* B);
/// \brief Double-precision overload of `solve_rows_lower(std::size_t, std::size_t, const float*, float*)`.
void solve_rows_lower(std::size_t m, std::size_t d, const double* L, double* B);

/// \brief The lower triangle of \f$ C \leftarrow \alpha W^\top W + \beta C \f$ for W (m, d), C (d, d)
/// (`?syrk`); the strict upper triangle of C is left unchanged.
void gram_lower(std::size_t m, std::size_t d, float alpha, const float* W, float beta, float* C);
/// \brief Double-precision overload of `gram_lower(std::size_t, std::size_t, float, const float*, float, float*)`.
void gram_lower(std::size_t m, std::size_t d, double alpha, const double* W, double beta, double* C);

/// \brief \f$ C \leftarrow A B \f$ for A (m, p), B (p, q), C (m, q) (`?gemm`).
void product(std::size_t m, std::size_t p, std::size_t q, const double* A, const double* B, double* C);

/// \brief \f$ C \leftarrow A^\top B \f$ for A (m, p), B (m, q), C (p, q) (`?gemm`, A transposed).
void product_at_b(std::size_t m, std::size_t p, std::size_t q, const float* A, const float* B, float* C);
/// \brief Double-precision overload of `product_at_b(std::size_t, std::size_t, std::size_t, const float*, const float*, float*)`.
void product_at_b(std::size_t m, std::size_t p, std::size_t q, const double* A, const double* B, double* C);

}  // namespace dlc::blas
