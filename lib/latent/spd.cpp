#include "latent/spd.hpp"

#include "core/check.hpp"
#include "latent/cholesky.hpp"
#include "latent/pca.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace dlc {

Matrix<double> spd_inverse(const Matrix<double>& A, const char* where) {
    check_nonempty(where, "A", A);
    check_shape(where, "A", A, {static_cast<long>(A.shape(0)), static_cast<long>(A.shape(0))});
    // The symmetric part: products such as G + B S B^T are symmetric only up to rounding.
    const Matrix<double> sym = 0.5 * (A + xt::transpose(A));
    const Matrix<double> L = cholesky(sym, where);
    const std::size_t d = A.shape(0);
    Matrix<double> inv = Matrix<double>::from_shape({d, d});
    std::vector<double> col(d);
    for (std::size_t j = 0; j < d; ++j) {
        std::fill(col.begin(), col.end(), 0.0);
        col[j] = 1.0;
        solve_lower_in_place(L, col.data());             // L y = e_j
        solve_lower_transposed_in_place(L, col.data());  // L^T x = y
        for (std::size_t i = 0; i < d; ++i) inv(i, j) = col[i];
    }
    for (std::size_t a = 0; a < d; ++a)
        for (std::size_t b = 0; b < a; ++b) inv(a, b) = inv(b, a) = 0.5 * (inv(a, b) + inv(b, a));
    return inv;
}

Matrix<double> spd_inverse_sqrt(const Matrix<double>& A, const char* where) {
    Vector<double> values;
    Matrix<double> Q;
    symmetric_eigen(A, values, Q);  // checks shape and finiteness
    const std::size_t d = A.shape(0);
    for (std::size_t j = 0; j < d; ++j)
        require(values(j) > 1e-12 * values(0) && values(0) > 0, where,
                "the matrix must be positive definite; eigenvalue " + std::to_string(j + 1) + " is " +
                    std::to_string(values(j)) + " (largest " + std::to_string(values(0)) + ")");
    Matrix<double> out = xt::zeros<double>({d, d});
    for (std::size_t j = 0; j < d; ++j) {
        const double s = 1.0 / std::sqrt(values(j));
        for (std::size_t a = 0; a < d; ++a)
            for (std::size_t b = 0; b < d; ++b) out(a, b) += Q(a, j) * s * Q(b, j);
    }
    return out;
}

}  // namespace dlc
