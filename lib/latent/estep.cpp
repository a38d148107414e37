#include "latent/estep.hpp"

#include "core/check.hpp"
#include "core/constants.hpp"
#include "latent/blas.hpp"
#include "latent/cholesky.hpp"
#include "latent/gaussian.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace dlc {

namespace {

// Rows per block of the d > 4 path: the block's centred rows (m, d) and their products with all k factors (m, k d)
// take about 512 KiB together.
std::size_t gemm_block_rows(std::size_t d, std::size_t k) {
    return std::clamp<std::size_t>(65536 / std::max<std::size_t>(1, d * (k + 1)), 32, 1024);
}

}  // namespace

MixtureDensity::MixtureDensity(const Matrix<double>& X) : X_(X) {
    const char* where = "MixtureDensity";
    check_nonempty(where, "X", X);
    const double* x = X.data();
    const std::size_t n = X.shape(0), d = X.shape(1);
    for (std::size_t i = 0; i < X.size(); ++i)
        if (!std::isfinite(x[i]))
            throw ValueError(where, "X must be finite, got " + std::to_string(x[i]) + " at row " + std::to_string(i / d) +
                                        ", column " + std::to_string(i % d));
    // The data's mean: the d > 4 path works on x_i - xbar, so that its products stay on the data's scale.
    center_ = xt::zeros<double>({d});
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < d; ++j) center_(j) += x[i * d + j];
    center_ /= double(n);
}

double MixtureDensity::evaluate(const GaussianMixture& theta, double* elbo_of_previous, const char* where) {
    const std::size_t n = X_.shape(0), d = X_.shape(1), k = theta.components();
    if (theta.dim() != d || theta.means.shape(0) != k || theta.covariances.dimension() != 3 ||
        theta.covariances.shape(0) != k || theta.covariances.shape(1) != d || theta.covariances.shape(2) != d || k == 0)
        throw ShapeError(where, "theta must have weights (k), means (k, " + std::to_string(d) + ") and covariances (k, " +
                                    std::to_string(d) + ", " + std::to_string(d) + "), got " + shape_of(theta.weights) +
                                    ", " + shape_of(theta.means) + ", " + shape_of(theta.covariances));
    if (log_joint_.shape(0) != n || log_joint_.shape(1) != k) log_joint_.resize({n, k});
    if (log_evidence_.size() != n) log_evidence_.resize({n});
    if (factors_.size() != k * d * d) factors_.resize({k * d * d});
    if (constants_.size() != k) constants_.resize({k});

    // Factorize every Sigma_z = L_z L_z^T; c_z = log pi_z - (d log 2 pi + log|Sigma_z|) / 2 (-inf for pi_z = 0).
    for (std::size_t z = 0; z < k; ++z) {
        double* L = factors_.data() + z * d * d;
        std::copy(theta.covariances.data() + z * d * d, theta.covariances.data() + (z + 1) * d * d, L);
        double pivot = 0;
        const std::size_t j = cholesky_in_place(L, d, 0.0, &pivot);
        if (j < d) {
            std::ostringstream msg;
            msg << "Sigma_" << z << " must be positive definite, but its Cholesky factorization fails at pivot " << j
                << " (value " << pivot << ", expected > 0)";
            throw ValueError(where, msg.str());
        }
        double log_det = 0;
        for (std::size_t r = 0; r < d; ++r) log_det += 2 * std::log(L[r * d + r]);
        constants_(z) = std::log(theta.weights(z)) - 0.5 * (double(d) * log_two_pi + log_det);
    }

    const bool have_previous = elbo_of_previous && responsibilities_.shape(0) == n && responsibilities_.shape(1) == k;
    if (elbo_of_previous && !have_previous)
        throw ValueError(where, "elbo_of_previous needs responsibilities (n, k) from a previous evaluate with the same k");
    if (responsibilities_.shape(0) != n || responsibilities_.shape(1) != k) responsibilities_.resize({n, k});
    const bool small = d <= 4;
    const std::size_t block = std::min(n, small ? gaussian_block_rows(d) : gemm_block_rows(d, k));
    if (work_.size() < block * d) work_.resize({block * d});

    // d > 4: every component's Mahalanobis vector L_z^{-1}(x_i - mu_z) = P_z (x_i - xbar) - P_z (mu_z - xbar), with
    // P_z = L_z^{-1}. The k factors P_z^T side by side form one (d, k d) matrix, so a block's products with all of
    // them are ONE matrix product (GEMM) of its centred rows, instead of k triangular solves.
    if (!small) {
        if (inverse_factors_.size() != d * k * d) inverse_factors_.resize({d * k * d});
        if (shifts_.size() != k * d) shifts_.resize({k * d});
        if (products_.size() < block * k * d) products_.resize({block * k * d});
        Vector<double> pt = Vector<double>::from_shape({d * d});
        for (std::size_t z = 0; z < k; ++z) {
            std::fill(pt.begin(), pt.end(), 0.0);
            for (std::size_t r = 0; r < d; ++r) pt(r * d + r) = 1.0;
            blas::solve_rows_lower(d, d, factors_.data() + z * d * d, pt.data());  // rows of I L^{-T}: P_z^T
            for (std::size_t r = 0; r < d; ++r)
                for (std::size_t col = 0; col < d; ++col) inverse_factors_(r * k * d + z * d + col) = pt(r * d + col);
            for (std::size_t col = 0; col < d; ++col) {  // (P_z (mu_z - xbar))_col = sum_r (mu_z - xbar)_r P_z^T(r, col)
                double v = 0;
                for (std::size_t r = 0; r < d; ++r) v += (theta.means(z, r) - center_(r)) * pt(r * d + col);
                shifts_(z * d + col) = v;
            }
        }
    }

    // Block by block (the block's (m, k) tile stays in cache):
    // 1. a_iz = c_z - ||L_z^{-1}(x_i - mu_z)||^2 / 2 for every component;
    // 2. per row: m = max_z a_iz, e_z = exp(a_iz - m), log p(x_i) = m + log sum_z e_z, gamma_iz = e_z / sum_z e_z
    //    (one exp per entry). Before the row of gamma is overwritten, the previous q contributes sum_z q_iz a_iz to
    //    L(q, theta) = sum q a - sum q log q; the second sum was kept by the previous call (neg_entropy_).
    double ll = 0, abs_sum = 0, q_dot_a = 0, neg_entropy = 0;
    for (std::size_t start = 0; start < n; start += block) {
        const std::size_t rows = std::min(block, n - start);
        if (small) {
            for (std::size_t z = 0; z < k; ++z)
                gaussian_log_density_rows(X_.data() + start * d, rows, d, theta.means.data() + z * d,
                                          factors_.data() + z * d * d, constants_(z), work_.data(),
                                          log_joint_.data() + start * k + z, k);
        } else {
            // Centred rows (rows, d), then G = (X_B - xbar) [P_1^T ... P_k^T] (rows, k d); a_iz = c_z - ||G_iz - s_z||^2 / 2.
            const double* xb = X_.data() + start * d;
            double* w = work_.data();
            for (std::size_t i = 0; i < rows; ++i)
                for (std::size_t j = 0; j < d; ++j) w[i * d + j] = xb[i * d + j] - center_(j);
            blas::product(rows, d, k * d, w, inverse_factors_.data(), products_.data());
            for (std::size_t i = 0; i < rows; ++i) {
                const double* g = products_.data() + i * k * d;
                double* a = log_joint_.data() + (start + i) * k;
                for (std::size_t z = 0; z < k; ++z) {
                    const double* gz = g + z * d;
                    const double* sz = shifts_.data() + z * d;
                    double q = 0;
                    for (std::size_t j = 0; j < d; ++j) q += (gz[j] - sz[j]) * (gz[j] - sz[j]);
                    a[z] = constants_(z) - 0.5 * q;
                }
            }
        }
        for (std::size_t i = start; i < start + rows; ++i) {
            const double* a = log_joint_.data() + i * k;
            double* g = responsibilities_.data() + i * k;
            if (have_previous)
                for (std::size_t z = 0; z < k; ++z)
                    if (g[z] > 0) q_dot_a += g[z] * a[z];
            double m = a[0];
            for (std::size_t z = 1; z < k; ++z) m = a[z] > m ? a[z] : m;
            double sum = 0;
            for (std::size_t z = 0; z < k; ++z) sum += (g[z] = std::exp(a[z] - m));
            const double lse = m + std::log(sum), inv = 1.0 / sum;
            for (std::size_t z = 0; z < k; ++z) {
                g[z] *= inv;
                if (g[z] > 0) neg_entropy += g[z] * (a[z] - lse);
            }
            log_evidence_(i) = lse;
            ll += lse;
            abs_sum += std::abs(lse);
        }
    }
    if (elbo_of_previous) *elbo_of_previous = q_dot_a - neg_entropy_;
    neg_entropy_ = neg_entropy;
    log_likelihood_ = ll;
    abs_sum_ = abs_sum;
    return ll;
}

Matrix<double> log_joint(const Matrix<double>& X, const GaussianMixture& theta) {
    check_mixture("log_joint", theta);
    check_mixture_data("log_joint", X, theta);
    MixtureDensity density(X);
    density.evaluate(theta, nullptr, "log_joint");
    return density.log_joint();
}

Matrix<double> responsibilities(const Matrix<double>& X, const GaussianMixture& theta) {
    check_mixture("responsibilities", theta);
    check_mixture_data("responsibilities", X, theta);
    MixtureDensity density(X);
    density.evaluate(theta, nullptr, "responsibilities");
    return density.responsibilities();
}

double log_likelihood(const Matrix<double>& X, const GaussianMixture& theta) {
    check_mixture("log_likelihood", theta);
    check_mixture_data("log_likelihood", X, theta);
    MixtureDensity density(X);
    return density.evaluate(theta, nullptr, "log_likelihood");
}

}  // namespace dlc
