#include "latent/fastica.hpp"

#include "core/check.hpp"
#include "latent/pca.hpp"
#include "latent/spd.hpp"

#include <xtensor-blas/xlinalg.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace dlc {

Whitening fit_whitening(const Matrix<double>& X) {
    const char* where = "fit_whitening";
    check_nonempty(where, "X", X);
    if (X.shape(0) < 2) throw ShapeError(where, "X needs at least 2 rows, got shape " + shape_of(X));
    const SampleMoments m = sample_moments(X);
    Whitening w;
    w.mean = m.mean;
    w.K = spd_inverse_sqrt(m.covariance, where);
    return w;
}

Matrix<double> whiten(const Whitening& w, const Matrix<double>& X) {
    const std::size_t d = w.mean.size();
    check_shape("whiten", "X", X, {any_extent, static_cast<long>(d)});
    Matrix<double> Xc = X;
    for (std::size_t i = 0; i < X.shape(0); ++i)
        for (std::size_t j = 0; j < d; ++j) Xc(i, j) -= w.mean(j);
    return xt::linalg::dot(Xc, xt::transpose(w.K));  // rows z_i^T = (x_i - mean)^T K^T
}

IcaResult fastica(const Matrix<double>& X, Rng& rng, IcaNonlinearity g, std::size_t max_iterations, double tol) {
    const char* where = "fastica";
    require(max_iterations >= 1, where, "max_iterations must be at least 1");
    require(tol > 0 && std::isfinite(tol), where, "tol must be positive");
    IcaResult r;
    r.whitening = fit_whitening(X);
    const Matrix<double> Z = whiten(r.whitening, X);
    const std::size_t n = Z.shape(0), d = Z.shape(1);

    // A random orthogonal start: (B B^T)^-1/2 B of a Gaussian B.
    Matrix<double> B = Matrix<double>::from_shape({d, d});
    for (auto& b : B) b = rng.normal();
    B = xt::linalg::dot(spd_inverse_sqrt(xt::linalg::dot(B, xt::transpose(B)), where), B);

    Matrix<double> next = Matrix<double>::from_shape({d, d});
    const double inv_n = 1.0 / static_cast<double>(n);
    while (r.iterations < max_iterations) {
        const Matrix<double> Y = xt::linalg::dot(Z, xt::transpose(B));  // y_ij = w_j^T z_i
        next.fill(0.0);
        for (std::size_t j = 0; j < d; ++j) {
            double mean_gprime = 0;
            for (std::size_t i = 0; i < n; ++i) {
                const double y = Y(i, j);
                double gy, gp;
                if (g == IcaNonlinearity::logcosh) {
                    gy = std::tanh(y);
                    gp = 1.0 - gy * gy;
                } else {
                    gy = y * y * y;
                    gp = 3.0 * y * y;
                }
                mean_gprime += gp;
                for (std::size_t l = 0; l < d; ++l) next(j, l) += gy * Z(i, l);  // E[z g(w^T z)]
            }
            mean_gprime *= inv_n;
            for (std::size_t l = 0; l < d; ++l) next(j, l) = next(j, l) * inv_n - mean_gprime * B(j, l);
        }
        // Symmetric decorrelation B <- (B B^T)^-1/2 B.
        next = xt::linalg::dot(spd_inverse_sqrt(xt::linalg::dot(next, xt::transpose(next)), where), next);
        double change = 0;
        for (std::size_t j = 0; j < d; ++j) {
            double dot = 0;
            for (std::size_t l = 0; l < d; ++l) dot += next(j, l) * B(j, l);
            change = std::max(change, std::abs(1.0 - std::abs(dot)));
        }
        B = next;
        ++r.iterations;
        if (change < tol) {
            r.converged = true;
            break;
        }
    }
    r.rotation = B;
    r.unmixing = xt::linalg::dot(B, r.whitening.K);
    r.sources = xt::linalg::dot(Z, xt::transpose(B));
    return r;
}

double excess_kurtosis(const Vector<double>& v) {
    const char* where = "excess_kurtosis";
    if (v.size() < 2) throw ShapeError(where, "need at least 2 values, got " + std::to_string(v.size()));
    check_finite(where, "v", v);
    double mean = 0;
    for (double x : v) mean += x;
    mean /= static_cast<double>(v.size());
    double m2 = 0, m4 = 0;
    for (double x : v) {
        const double c = (x - mean) * (x - mean);
        m2 += c;
        m4 += c * c;
    }
    m2 /= static_cast<double>(v.size());
    m4 /= static_cast<double>(v.size());
    require(m2 > 0, where, "the values have zero variance");
    return m4 / (m2 * m2) - 3.0;
}

}  // namespace dlc
