#include "latent/blas.hpp"

// The CBLAS declarations come with xtensor-blas (FLENS drivers/cblas.h; OpenBLAS provides the symbols).
#include <xtensor-blas/xblas.hpp>

namespace dlc::blas {

namespace {
inline int I(std::size_t v) { return static_cast<int>(v); }
}  // namespace

void solve_rows_lower(std::size_t m, std::size_t d, const float* L, float* B) {
    if (m == 0 || d == 0) return;
    cblas_strsm(CblasRowMajor, CblasRight, CblasLower, CblasTrans, CblasNonUnit, I(m), I(d), 1.0f, L, I(d), B, I(d));
}

void solve_rows_lower(std::size_t m, std::size_t d, const double* L, double* B) {
    if (m == 0 || d == 0) return;
    cblas_dtrsm(CblasRowMajor, CblasRight, CblasLower, CblasTrans, CblasNonUnit, I(m), I(d), 1.0, L, I(d), B, I(d));
}

void gram_lower(std::size_t m, std::size_t d, float alpha, const float* W, float beta, float* C) {
    cblas_ssyrk(CblasRowMajor, CblasLower, CblasTrans, I(d), I(m), alpha, W, I(d), beta, C, I(d));
}

void gram_lower(std::size_t m, std::size_t d, double alpha, const double* W, double beta, double* C) {
    cblas_dsyrk(CblasRowMajor, CblasLower, CblasTrans, I(d), I(m), alpha, W, I(d), beta, C, I(d));
}

void product(std::size_t m, std::size_t p, std::size_t q, const double* A, const double* B, double* C) {
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, I(m), I(q), I(p), 1.0, A, I(p), B, I(q), 0.0, C, I(q));
}

void product_at_b(std::size_t m, std::size_t p, std::size_t q, const float* A, const float* B, float* C) {
    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, I(p), I(q), I(m), 1.0f, A, I(p), B, I(q), 0.0f, C, I(q));
}

void product_at_b(std::size_t m, std::size_t p, std::size_t q, const double* A, const double* B, double* C) {
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, I(p), I(q), I(m), 1.0, A, I(p), B, I(q), 0.0, C, I(q));
}

}  // namespace dlc::blas
