#include "latent/pca.hpp"

#include "core/check.hpp"
#include "nn/gemm.hpp"

#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xview.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace dlc {

namespace {

void check_k(const char* where, std::size_t k, std::size_t d) {
    require(k >= 1 && k <= d, where,
            "k must be in [1, d = " + std::to_string(d) + "], got k = " + std::to_string(k));
}

}  // namespace

template <class T>
SampleMoments sample_moments(const T* X, std::size_t n, std::size_t d) {
    const char* where = "sample_moments";
    if (n == 0 || d == 0)
        throw ShapeError(where, "X is empty, shape (" + std::to_string(n) + ", " + std::to_string(d) + ")");
    for (std::size_t i = 0; i < n * d; ++i)
        if (!std::isfinite(static_cast<double>(X[i])))
            throw ValueError(where, "X contains a non-finite value at row " + std::to_string(i / d) + ", column " +
                                        std::to_string(i % d));
    SampleMoments m;
    m.n = n;
    m.mean = xt::zeros<double>({d});
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < d; ++j) m.mean(j) += static_cast<double>(X[i * d + j]);
    m.mean /= static_cast<double>(n);

    // S = (1/N) sum_i (x_i - mean)(x_i - mean)^T = (1/N) Xc^T Xc, one GEMM per block of centred rows.
    m.covariance = xt::zeros<double>({d, d});
    const std::size_t block = std::max<std::size_t>(1, std::min<std::size_t>(n, (1u << 20) / (8 * d + 1) + 1));
    std::vector<double> B(block * d);
    for (std::size_t start = 0; start < n; start += block) {
        const std::size_t rows = std::min(block, n - start);
        for (std::size_t r = 0; r < rows; ++r)
            for (std::size_t j = 0; j < d; ++j) B[r * d + j] = static_cast<double>(X[(start + r) * d + j]) - m.mean(j);
        gemm<double>(true, false, d, d, rows, 1.0, B.data(), B.data(), 1.0, m.covariance.data());
    }
    m.covariance /= static_cast<double>(n);
    // Exact symmetry (the GEMM's two triangles can differ in the last bit).
    for (std::size_t a = 0; a < d; ++a)
        for (std::size_t b = 0; b < a; ++b) {
            const double s = 0.5 * (m.covariance(a, b) + m.covariance(b, a));
            m.covariance(a, b) = m.covariance(b, a) = s;
        }
    return m;
}

template <class T>
SampleMoments sample_moments(const Matrix<T>& X) {
    check_nonempty("sample_moments", "X", X);
    return sample_moments(X.data(), X.shape(0), X.shape(1));
}

void symmetric_eigen(const Matrix<double>& A, Vector<double>& values, Matrix<double>& vectors) {
    const char* where = "symmetric_eigen";
    check_nonempty(where, "A", A);
    check_shape(where, "A", A, {static_cast<long>(A.shape(0)), static_cast<long>(A.shape(0))});
    check_finite(where, "A", A);
    const std::size_t d = A.shape(0);
    const Matrix<double> sym = 0.5 * (A + xt::transpose(A));
    auto [ascending, columns] = xt::linalg::eigh(sym);  // ascending eigenvalues, eigenvectors as columns
    values = Vector<double>::from_shape({d});
    vectors = Matrix<double>::from_shape({d, d});
    for (std::size_t j = 0; j < d; ++j) {
        const std::size_t src = d - 1 - j;  // descending order
        values(j) = ascending(src);
        std::size_t big = 0;
        for (std::size_t l = 1; l < d; ++l)
            if (std::abs(columns(l, src)) > std::abs(columns(big, src))) big = l;
        const double sign = columns(big, src) < 0 ? -1.0 : 1.0;
        for (std::size_t l = 0; l < d; ++l) vectors(l, j) = sign * columns(l, src);
    }
}

double Pca::discarded_variance() const {
    double s = 0;
    for (std::size_t j = k(); j < eigenvalues.size(); ++j) s += eigenvalues(j);
    return s;
}

double Pca::total_variance() const {
    double s = 0;
    for (std::size_t j = 0; j < eigenvalues.size(); ++j) s += eigenvalues(j);
    return s;
}

Pca fit_pca(const SampleMoments& moments, std::size_t k) {
    const std::size_t d = moments.dim();
    check_k("fit_pca", k, d);
    check_shape("fit_pca", "covariance", moments.covariance, {static_cast<long>(d), static_cast<long>(d)});
    Pca pca;
    pca.mean = moments.mean;
    Matrix<double> vectors;
    symmetric_eigen(moments.covariance, pca.eigenvalues, vectors);
    pca.components = xt::transpose(xt::view(vectors, xt::all(), xt::range(0, k)));
    return pca;
}

template <class T>
Pca fit_pca(const Matrix<T>& X, std::size_t k, PcaMethod method) {
    const char* where = "fit_pca";
    check_nonempty(where, "X", X);
    check_k(where, k, X.shape(1));
    if (method == PcaMethod::eigh) return fit_pca(sample_moments(X), k);

    check_finite(where, "X", X);
    const std::size_t n = X.shape(0), d = X.shape(1);
    Pca pca;
    pca.mean = xt::zeros<double>({d});
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < d; ++j) pca.mean(j) += static_cast<double>(X(i, j));
    pca.mean /= static_cast<double>(n);
    Matrix<double> Xc = Matrix<double>::from_shape({n, d});
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < d; ++j) Xc(i, j) = static_cast<double>(X(i, j)) - pca.mean(j);
    // Xc = U diag(s) V^T: the rows of V^T are the eigenvectors of S = Xc^T Xc / N, lambda_j = s_j^2 / N.
    auto [U, s, Vt] = xt::linalg::svd(Xc, false, true);
    (void)U;
    pca.eigenvalues = xt::zeros<double>({d});
    for (std::size_t j = 0; j < s.size(); ++j) pca.eigenvalues(j) = s(j) * s(j) / static_cast<double>(n);
    pca.components = Matrix<double>::from_shape({k, d});
    for (std::size_t j = 0; j < k; ++j) {
        std::size_t big = 0;
        for (std::size_t l = 1; l < d; ++l)
            if (std::abs(Vt(j, l)) > std::abs(Vt(j, big))) big = l;
        const double sign = Vt(j, big) < 0 ? -1.0 : 1.0;
        for (std::size_t l = 0; l < d; ++l) pca.components(j, l) = sign * Vt(j, l);
    }
    return pca;
}

template <class T>
Matrix<double> pca_encode(const Pca& pca, const Matrix<T>& X) {
    const std::size_t d = pca.dim(), k = pca.k();
    check_shape("pca_encode", "X", X, {any_extent, static_cast<long>(d)});
    const std::size_t n = X.shape(0);
    Matrix<double> Xc = Matrix<double>::from_shape({n, d});
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < d; ++j) Xc(i, j) = static_cast<double>(X(i, j)) - pca.mean(j);
    Matrix<double> Z = xt::zeros<double>({n, k});
    // Z = Xc W   (per point: z = W^T (x - mean))
    if (n > 0) gemm<double>(false, true, n, k, d, 1.0, Xc.data(), pca.components.data(), 0.0, Z.data());
    return Z;
}

Matrix<double> pca_decode(const Pca& pca, const Matrix<double>& Z) {
    const std::size_t d = pca.dim(), k = pca.k();
    check_shape("pca_decode", "Z", Z, {any_extent, static_cast<long>(k)});
    const std::size_t n = Z.shape(0);
    Matrix<double> Xh = Matrix<double>::from_shape({n, d});
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < d; ++j) Xh(i, j) = pca.mean(j);
    // X_hat = 1 mean^T + Z W^T   (per point: x_hat = mean + W z)
    if (n > 0) gemm<double>(false, false, n, d, k, 1.0, Z.data(), pca.components.data(), 1.0, Xh.data());
    return Xh;
}

template <class T>
double pca_reconstruction_error(const Pca& pca, const Matrix<T>& X) {
    check_nonempty("pca_reconstruction_error", "X", X);
    const Matrix<double> Xh = pca_decode(pca, pca_encode(pca, X));
    double s = 0;
    for (std::size_t i = 0; i < X.shape(0); ++i)
        for (std::size_t j = 0; j < X.shape(1); ++j) {
            const double r = static_cast<double>(X(i, j)) - Xh(i, j);
            s += r * r;
        }
    return s / static_cast<double>(X.shape(0));
}

template SampleMoments sample_moments(const float*, std::size_t, std::size_t);
template SampleMoments sample_moments(const double*, std::size_t, std::size_t);
template SampleMoments sample_moments(const Matrix<float>&);
template SampleMoments sample_moments(const Matrix<double>&);
template Pca fit_pca(const Matrix<float>&, std::size_t, PcaMethod);
template Pca fit_pca(const Matrix<double>&, std::size_t, PcaMethod);
template Matrix<double> pca_encode(const Pca&, const Matrix<float>&);
template Matrix<double> pca_encode(const Pca&, const Matrix<double>&);
template double pca_reconstruction_error(const Pca&, const Matrix<float>&);
template double pca_reconstruction_error(const Pca&, const Matrix<double>&);

}  // namespace dlc
