#include "latent/principal_angles.hpp"

#include "core/check.hpp"

#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xview.hpp>

#include <algorithm>
#include <cmath>

namespace dlc {

Matrix<double> orthonormal_basis(const Matrix<double>& A) {
    const char* where = "orthonormal_basis";
    check_nonempty(where, "A", A);
    check_finite(where, "A", A);
    require(A.shape(1) <= A.shape(0), where,
            "A must have at most as many columns as rows, got shape " + shape_of(A));
    auto [Q, R] = xt::linalg::qr(A, xt::linalg::qrmode::reduced);
    double biggest = 0;
    for (std::size_t j = 0; j < R.shape(0); ++j) biggest = std::max(biggest, std::abs(R(j, j)));
    for (std::size_t j = 0; j < R.shape(0); ++j)
        require(biggest > 0 && std::abs(R(j, j)) > 1e-12 * biggest, where,
                "the columns of A must be linearly independent; column " + std::to_string(j) +
                    " is (numerically) in the span of the previous ones");
    return Q;
}

Vector<double> principal_angles(const Matrix<double>& A, const Matrix<double>& B) {
    const char* where = "principal_angles";
    check_nonempty(where, "A", A);
    check_nonempty(where, "B", B);
    check_shape(where, "B", B, {static_cast<long>(A.shape(0)), any_extent});
    Matrix<double> QA = orthonormal_basis(A), QB = orthonormal_basis(B);
    // Put the subspace of smaller dimension second, so that min(p, q) angles come out of both SVDs.
    if (QB.shape(1) > QA.shape(1)) std::swap(QA, QB);
    const std::size_t m = QB.shape(1);
    // Cosines: singular values of QA^T QB (descending) -> angles ascending.
    const Matrix<double> M = xt::linalg::dot(xt::transpose(QA), QB);
    const Vector<double> cosines = std::get<1>(xt::linalg::svd(M, false, false));
    // Sines: singular values of (I - QA QA^T) QB (descending) -> angles descending.
    const Matrix<double> P = QB - xt::linalg::dot(QA, M);
    const Vector<double> sines = std::get<1>(xt::linalg::svd(P, false, false));
    Vector<double> angles = Vector<double>::from_shape({m});
    for (std::size_t j = 0; j < m; ++j) {
        const double c = std::clamp(cosines(j), 0.0, 1.0);
        const double s = std::clamp(sines(m - 1 - j), 0.0, 1.0);
        // Angle j (ascending) from the sine when it is small, else from the cosine.
        angles(j) = s < 0.5 ? std::asin(s) : std::acos(c);
    }
    std::sort(angles.begin(), angles.end());
    return angles;
}

}  // namespace dlc
