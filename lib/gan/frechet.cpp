#include "gan/frechet.hpp"

#include "core/check.hpp"

#include <xtensor-blas/xlinalg.hpp>

#include <algorithm>
#include <cmath>

namespace dlc {

namespace {

// The symmetric square root S = V diag(sqrt(max(lambda, 0))) V^T of a symmetric positive semi-definite A.
Matrix<double> sqrt_psd(const Matrix<double>& A) {
    const auto [lambda, V] = xt::linalg::eigh(A);
    const std::size_t d = A.shape(0);
    Matrix<double> VS = V;
    for (std::size_t j = 0; j < d; ++j) {
        const double s = std::sqrt(std::max(lambda(j), 0.0));
        for (std::size_t i = 0; i < d; ++i) VS(i, j) *= s;
    }
    return xt::linalg::dot(VS, xt::transpose(V));
}

}  // namespace

template <class T>
GaussianFit fit_gaussian(const Matrix<T>& features) {
    const char* where = "fit_gaussian";
    if (features.shape(0) < 2 || features.shape(1) < 1)
        throw ShapeError(where, "features must have shape (n, d) with n >= 2 and d >= 1, got " + shape_of(features));
    check_finite(where, "features", features);
    const std::size_t n = features.shape(0), d = features.shape(1);
    GaussianFit fit;
    fit.mean = xt::zeros<double>({d});
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < d; ++j) fit.mean(j) += double(features(i, j));
    fit.mean /= double(n);
    Matrix<double> C = Matrix<double>::from_shape({n, d});
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < d; ++j) C(i, j) = double(features(i, j)) - fit.mean(j);
    fit.cov = xt::linalg::dot(xt::transpose(C), C) / double(n - 1);
    return fit;
}

double frechet_distance(const GaussianFit& a, const GaussianFit& b) {
    const char* where = "frechet_distance";
    const std::size_t d = a.mean.size();
    check_shape(where, "b.mean", b.mean, {static_cast<long>(d)});
    check_shape(where, "a.cov", a.cov, {static_cast<long>(d), static_cast<long>(d)});
    check_shape(where, "b.cov", b.cov, {static_cast<long>(d), static_cast<long>(d)});
    double mean_term = 0;
    for (std::size_t j = 0; j < d; ++j) mean_term += (a.mean(j) - b.mean(j)) * (a.mean(j) - b.mean(j));
    // tr (S1^{1/2} S2 S1^{1/2})^{1/2}: the sum of the square roots of the eigenvalues of a symmetric matrix.
    const Matrix<double> s1 = sqrt_psd(a.cov);
    Matrix<double> M = xt::linalg::dot(xt::linalg::dot(s1, b.cov), s1);
    M = 0.5 * (M + xt::transpose(M));  // symmetric up to round-off
    const auto lambda = xt::linalg::eigvalsh(M);
    double cross = 0;
    for (std::size_t j = 0; j < d; ++j) cross += std::sqrt(std::max(lambda(j), 0.0));
    double tr = 0;
    for (std::size_t j = 0; j < d; ++j) tr += a.cov(j, j) + b.cov(j, j);
    return std::max(0.0, mean_term + tr - 2 * cross);
}

template <class T>
double frechet_distance(const Matrix<T>& features_a, const Matrix<T>& features_b) {
    if (features_a.shape(1) != features_b.shape(1))
        throw ShapeError("frechet_distance", "feature sets must have the same dimension, got " + shape_of(features_a) +
                                                 " and " + shape_of(features_b));
    return frechet_distance(fit_gaussian(features_a), fit_gaussian(features_b));
}

template GaussianFit fit_gaussian<float>(const Matrix<float>&);
template GaussianFit fit_gaussian<double>(const Matrix<double>&);
template double frechet_distance<float>(const Matrix<float>&, const Matrix<float>&);
template double frechet_distance<double>(const Matrix<double>&, const Matrix<double>&);

}  // namespace dlc
