#include "latent/sfa.hpp"

#include "core/check.hpp"
#include "latent/pca.hpp"
#include "latent/spd.hpp"
#include "nn/gemm.hpp"

#include <cmath>
#include <string>

namespace dlc {

namespace {

// h(z) of every row: z itself (linear) or its monomials of degree 1 and 2 (quadratic).
Matrix<double> sfa_expand(const Matrix<double>& Z, SfaExpansion expansion) {
    return expansion == SfaExpansion::quadratic ? quadratic_expansion(Z) : Matrix<double>(Z);
}

}  // namespace

std::size_t sfa_expanded_dim(std::size_t d, SfaExpansion expansion) {
    return expansion == SfaExpansion::quadratic ? d + d * (d + 1) / 2 : d;
}

Matrix<double> quadratic_expansion(const Matrix<double>& Z) {
    const char* where = "quadratic_expansion";
    check_nonempty(where, "Z", Z);
    check_finite(where, "Z", Z);
    const std::size_t n = Z.shape(0), d = Z.shape(1);
    Matrix<double> H = Matrix<double>::from_shape({n, sfa_expanded_dim(d, SfaExpansion::quadratic)});
    for (std::size_t t = 0; t < n; ++t) {
        std::size_t col = 0;
        for (std::size_t i = 0; i < d; ++i) H(t, col++) = Z(t, i);  // z_i
        for (std::size_t i = 0; i < d; ++i)
            for (std::size_t j = i; j < d; ++j) H(t, col++) = Z(t, i) * Z(t, j);  // z_i z_j, i <= j
    }
    return H;
}

Vector<double> slowness(const Matrix<double>& Y) {
    const char* where = "slowness";
    check_nonempty(where, "Y", Y);
    if (Y.shape(0) < 2) throw ShapeError(where, "Y needs at least 2 time steps (rows), got shape " + shape_of(Y));
    check_finite(where, "Y", Y);
    const std::size_t n = Y.shape(0), k = Y.shape(1);
    Vector<double> delta = Vector<double>::from_shape({k});
    for (std::size_t j = 0; j < k; ++j) {
        double mean = 0;
        for (std::size_t t = 0; t < n; ++t) mean += Y(t, j);
        mean /= static_cast<double>(n);
        double var = 0;
        for (std::size_t t = 0; t < n; ++t) var += (Y(t, j) - mean) * (Y(t, j) - mean);
        var /= static_cast<double>(n);  // E_t[y^2] = 1 after scaling (Bahng 8.3's second constraint)
        require(var > 0, where, "column " + std::to_string(j) + " of Y is constant: its slowness is undefined");
        // Delta = E_t[(y(t+1) - y(t))^2] of the standardized column: the mean squared difference over var.
        double sq = 0;
        for (std::size_t t = 0; t + 1 < n; ++t) sq += (Y(t + 1, j) - Y(t, j)) * (Y(t + 1, j) - Y(t, j));
        delta(j) = sq / static_cast<double>(n - 1) / var;
    }
    return delta;
}

Sfa fit_sfa(const Matrix<double>& X, std::size_t k, SfaExpansion expansion) {
    const char* where = "fit_sfa";
    check_nonempty(where, "X", X);
    check_finite(where, "X", X);
    const std::size_t n = X.shape(0), d = X.shape(1);
    const std::size_t m = sfa_expanded_dim(d, expansion);
    if (n <= m)
        throw ShapeError(where, "X must have more time steps (rows) than the " +
                                    std::string(expansion == SfaExpansion::quadratic ? "quadratic" : "linear") +
                                    " expansion has dimensions, m = " + std::to_string(m) + ", got shape " + shape_of(X) +
                                    " (one row per time step: a series stored one channel per row must be transposed)");
    require(k >= 1, where, "k must be at least 1, got 0");

    // 1. Whiten the input: z = S_x^{-1/2} (x - mean), zero mean and identity covariance.
    Sfa sfa;
    sfa.expansion = expansion;
    const SampleMoments mx = sample_moments(X);
    {
        Vector<double> lam;
        Matrix<double> Q;
        symmetric_eigen(mx.covariance, lam, Q);
        if (!(lam(d - 1) > 1e-12 * lam(0)))
            throw ValueError(where, "the channels of X must be linearly independent (a full-rank covariance), but its "
                                    "covariance has eigenvalues from " + std::to_string(lam(0)) + " down to " +
                                    std::to_string(lam(d - 1)) + ": a channel is constant or a combination of the others");
    }
    sfa.input.mean = mx.mean;
    sfa.input.K = spd_inverse_sqrt(mx.covariance, where);
    const Matrix<double> Z = whiten(sfa.input, X);

    // 2. Expand: h = h(z).
    Matrix<double> H = sfa_expand(Z, expansion);

    // 3. Whiten the expansion: h~ = Lambda^{-1/2} U^T (h - mean_h), C = U Lambda U^T, directions with
    //    lambda_j <= 1e-10 lambda_max dropped (a rank-deficient expansion).
    const SampleMoments mh = sample_moments(H);
    sfa.expanded_mean = mh.mean;
    Vector<double> lam;
    Matrix<double> U;
    symmetric_eigen(mh.covariance, lam, U);  // descending
    std::size_t r = 0;
    while (r < m && lam(r) > 1e-10 * lam(0)) ++r;
    sfa.rank = r;
    require(k <= r, where,
            "k must be at most the number of features the expansion offers, r = " + std::to_string(r) + " (m = " +
                std::to_string(m) + "), got k = " + std::to_string(k));
    Matrix<double> P = Matrix<double>::from_shape({r, m});  // row j: u_j^T / sqrt(lambda_j)
    for (std::size_t j = 0; j < r; ++j)
        for (std::size_t l = 0; l < m; ++l) P(j, l) = U(l, j) / std::sqrt(lam(j));
    for (std::size_t t = 0; t < n; ++t)
        for (std::size_t l = 0; l < m; ++l) H(t, l) -= mh.mean(l);
    Matrix<double> Ht = Matrix<double>::from_shape({n, r});  // rows h~(t)^T = (h(t) - mean_h)^T P^T
    gemm<double>(false, true, n, r, m, 1.0, H.data(), P.data(), 0.0, Ht.data());

    // 4. The time differences h~(t+1) - h~(t) and A = E_t[dh~ dh~^T]; its eigenvectors with the smallest
    //    eigenvalues are the slowest features, Delta(v^T h~) = v^T A v.
    Matrix<double> D = Matrix<double>::from_shape({n - 1, r});
    for (std::size_t t = 0; t + 1 < n; ++t)
        for (std::size_t j = 0; j < r; ++j) D(t, j) = Ht(t + 1, j) - Ht(t, j);
    Matrix<double> A = Matrix<double>::from_shape({r, r});
    gemm<double>(true, false, r, r, n - 1, 1.0 / static_cast<double>(n - 1), D.data(), D.data(), 0.0, A.data());
    Vector<double> dl;
    Matrix<double> V;
    symmetric_eigen(A, dl, V);  // descending: the slowest features come last
    sfa.all_delta = Vector<double>::from_shape({r});
    for (std::size_t j = 0; j < r; ++j) sfa.all_delta(j) = dl(r - 1 - j);
    sfa.delta = Vector<double>::from_shape({k});
    for (std::size_t j = 0; j < k; ++j) sfa.delta(j) = sfa.all_delta(j);
    // w_j = P^T v_j: the weights on the centred expansion (row j of W = v_j^T P).
    sfa.weights = xt::zeros<double>({k, m});
    for (std::size_t j = 0; j < k; ++j) {
        const std::size_t col = r - 1 - j;
        for (std::size_t a = 0; a < r; ++a)
            for (std::size_t l = 0; l < m; ++l) sfa.weights(j, l) += V(a, col) * P(a, l);
    }
    return sfa;
}

Matrix<double> sfa_transform(const Sfa& sfa, const Matrix<double>& X) {
    const char* where = "sfa_transform";
    check_shape(where, "X", X, {any_extent, static_cast<long>(sfa.dim())});
    check_finite(where, "X", X);
    const std::size_t n = X.shape(0), m = sfa.expanded_dim(), k = sfa.k();
    Matrix<double> H = sfa_expand(whiten(sfa.input, X), sfa.expansion);
    for (std::size_t t = 0; t < n; ++t)
        for (std::size_t l = 0; l < m; ++l) H(t, l) -= sfa.expanded_mean(l);
    Matrix<double> Y = xt::zeros<double>({n, k});
    // Y = (H - 1 mean_h^T) W^T   (per time step: y_j = w_j^T (h(z) - mean_h))
    if (n > 0) gemm<double>(false, true, n, k, m, 1.0, H.data(), sfa.weights.data(), 0.0, Y.data());
    return Y;
}

}  // namespace dlc
