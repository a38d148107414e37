#include "latent/mstep.hpp"

#include "core/check.hpp"
#include "latent/blas.hpp"
#include "latent/cholesky.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

namespace dlc {

namespace {

constexpr double eps = std::numeric_limits<double>::epsilon();

// Rows per block of the covariance accumulation: about 256 KiB of scratch.
std::size_t block_rows(std::size_t d) { return std::max<std::size_t>(64, 32768 / std::max<std::size_t>(d, 1)); }

[[noreturn]] void collapsed(const char* where, std::size_t z, double nz, const std::string& what) {
    std::ostringstream msg;
    msg << "component " << z << " collapsed (n_" << z << " = " << nz << "): " << what
        << "; the likelihood is unbounded as a component shrinks onto a point (UCSD slides: 'important not to have "
           "singularities'): use reg_covar > 0 (e.g. 1e-6) or another initialization";
    throw DivergenceError(where, msg.str());
}

// Delta for one variance s (diagonal or spherical entry): (1/2)(log(1 + r/s) - r/(s + r)) per unit of n_z.
double slack_1d(double s, double r) {
    if (!(s > 0)) return std::numeric_limits<double>::infinity();
    return 0.5 * (std::log1p(r / s) - r / (s + r));
}

// The sums of the M-step written out for d = D (1..4), two passes over the rows, all components at once:
// n_z and sum_i gamma_iz x_i, then sum_i gamma_iz (x_i - mu_z)(x_i - mu_z)^T (lower triangle, or the diagonal).
template <std::size_t D>
void small_counts_and_sums(const double* x, const double* g, std::size_t n, std::size_t k, double* counts, double* sums) {
    for (std::size_t i = 0; i < n; ++i) {
        const double* xi = x + i * D;
        const double* gi = g + i * k;
        for (std::size_t z = 0; z < k; ++z) {
            const double w = gi[z];
            counts[z] += w;
            for (std::size_t j = 0; j < D; ++j) sums[z * D + j] += w * xi[j];
        }
    }
}

template <std::size_t D>
void small_scatter(const double* x, const double* g, std::size_t n, std::size_t k, const double* mu, bool full,
                   double* cov) {
    for (std::size_t i = 0; i < n; ++i) {
        const double* xi = x + i * D;
        const double* gi = g + i * k;
        for (std::size_t z = 0; z < k; ++z) {
            const double w = gi[z];
            double e[D];
            for (std::size_t j = 0; j < D; ++j) e[j] = xi[j] - mu[z * D + j];
            double* C = cov + z * D * D;
            for (std::size_t r = 0; r < D; ++r) {
                const double we = w * e[r];
                if (full)
                    for (std::size_t c = 0; c <= r; ++c) C[r * D + c] += we * e[c];
                else
                    C[r * D + r] += we * e[r];
            }
        }
    }
}

template <std::size_t D>
void small_sums(const double* x, const double* g, std::size_t n, std::size_t k, double* counts, double* mu, bool full,
                double* cov) {
    small_counts_and_sums<D>(x, g, n, k, counts, mu);
    for (std::size_t z = 0; z < k; ++z)
        for (std::size_t j = 0; j < D; ++j) mu[z * D + j] /= counts[z] > 0 ? counts[z] : 1.0;
    small_scatter<D>(x, g, n, k, mu, full, cov);
}

}  // namespace

double data_variance_scale(const Matrix<double>& X) {
    const std::size_t n = X.shape(0), d = X.shape(1);
    if (n == 0 || d == 0) return 1.0;
    double total = 0;
    for (std::size_t j = 0; j < d; ++j) {
        double m = 0;
        for (std::size_t i = 0; i < n; ++i) m += X(i, j);
        m /= double(n);
        double v = 0;
        for (std::size_t i = 0; i < n; ++i) v += (X(i, j) - m) * (X(i, j) - m);
        total += v / double(n);
    }
    const double s = total / double(d);
    return s > 0 && std::isfinite(s) ? s : 1.0;
}

void m_step_into(const Matrix<double>& X, const Matrix<double>& resp, CovarianceType type, double reg_covar,
                 double collapse_scale, GaussianMixture& theta, Matrix<double>& work, MStepStats* stats,
                 const char* where) {
    const std::size_t n = X.shape(0), d = X.shape(1), k = resp.shape(1);
    if (theta.weights.size() != k) theta.weights.resize({k});
    if (theta.means.dimension() != 2 || theta.means.shape(0) != k || theta.means.shape(1) != d) theta.means.resize({k, d});
    if (theta.covariances.dimension() != 3 || theta.covariances.shape(0) != k || theta.covariances.shape(1) != d ||
        theta.covariances.shape(2) != d)
        theta.covariances.resize({k, d, d});
    theta.type = type;

    const double* g = resp.data();
    const double* x = X.data();
    double* mu = theta.means.data();
    std::vector<double> counts(k, 0.0);
    const bool small = d <= 4;
    if (small) {
        // d <= 4: n_z, mu_z and the scatter sums of all components in two passes over the rows.
        std::fill(mu, mu + k * d, 0.0);
        std::fill(theta.covariances.begin(), theta.covariances.end(), 0.0);
        const bool full = type == CovarianceType::full;
        double* cov = theta.covariances.data();
        switch (d) {
            case 1: small_sums<1>(x, g, n, k, counts.data(), mu, full, cov); break;
            case 2: small_sums<2>(x, g, n, k, counts.data(), mu, full, cov); break;
            case 3: small_sums<3>(x, g, n, k, counts.data(), mu, full, cov); break;
            default: small_sums<4>(x, g, n, k, counts.data(), mu, full, cov); break;
        }
    } else {
        // n_z = sum_i gamma_i^z; mu_z = (1/n_z) sum_i gamma_i^z x_i: one GEMM gamma^T X.
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t z = 0; z < k; ++z) counts[z] += g[i * k + z];
        blas::product_at_b(n, k, d, g, x, mu);
    }
    double total = 0;
    for (std::size_t z = 0; z < k; ++z) {
        if (!(counts[z] > double(n) * eps))
            collapsed(where, z, counts[z], "no responsibility is left for it, expected n_z > n * machine epsilon");
        total += counts[z];
    }
    for (std::size_t z = 0; z < k; ++z) theta.weights(z) = counts[z] / total;
    if (!small)
        for (std::size_t z = 0; z < k; ++z)
            for (std::size_t j = 0; j < d; ++j) mu[z * d + j] /= counts[z];

    // S_z = (1/n_z) sum_i gamma_i^z (x_i - mu_z)(x_i - mu_z)^T (or its diagonal).
    const std::size_t block = std::min(n, block_rows(d));
    if (!small && type == CovarianceType::full && (work.dimension() != 2 || work.shape(0) < block || work.shape(1) != d))
        work.resize({block, d});
    double slack = 0;
    Matrix<double> factor = Matrix<double>::from_shape({d, d});
    std::vector<double> var(d);
    for (std::size_t z = 0; z < k; ++z) {
        double* C = theta.covariances.data() + z * d * d;
        const double* mz = mu + z * d;
        const double nz = counts[z];
        if (small) {
            for (std::size_t r = 0; r < d; ++r)
                for (std::size_t c = 0; c <= r; ++c) C[c * d + r] = (C[r * d + c] /= nz);
            if (type == CovarianceType::spherical) {
                double s = 0;
                for (std::size_t j = 0; j < d; ++j) s += C[j * d + j];
                for (std::size_t j = 0; j < d; ++j) C[j * d + j] = s / double(d);
            }
        } else if (type == CovarianceType::full) {
            double* w = work.data();
            for (std::size_t start = 0; start < n; start += block) {
                const std::size_t m = std::min(block, n - start);
                for (std::size_t i = 0; i < m; ++i) {
                    const double s = std::sqrt(g[(start + i) * k + z]);
                    const double* xi = x + (start + i) * d;
                    for (std::size_t j = 0; j < d; ++j) w[i * d + j] = s * (xi[j] - mz[j]);
                }
                blas::gram_lower(m, d, 1.0 / nz, w, start == 0 ? 0.0 : 1.0, C);
            }
            for (std::size_t r = 0; r < d; ++r)
                for (std::size_t c = r + 1; c < d; ++c) C[r * d + c] = C[c * d + r];
        } else {
            std::fill(var.begin(), var.end(), 0.0);
            for (std::size_t i = 0; i < n; ++i) {
                const double gi = g[i * k + z];
                const double* xi = x + i * d;
                for (std::size_t j = 0; j < d; ++j) {
                    const double e = xi[j] - mz[j];
                    var[j] += gi * e * e;
                }
            }
            for (std::size_t j = 0; j < d; ++j) var[j] /= nz;
            if (type == CovarianceType::spherical) {
                double s = 0;
                for (double v : var) s += v;
                std::fill(var.begin(), var.end(), s / double(d));
            }
            std::fill(C, C + d * d, 0.0);
            for (std::size_t j = 0; j < d; ++j) C[j * d + j] = var[j];
        }

        // The regularization slack Delta_z (before adding r I).
        if (stats && reg_covar > 0 && std::isfinite(slack)) {
            if (type == CovarianceType::full) {
                std::copy(C, C + d * d, factor.data());
                if (cholesky_in_place(factor.data(), d, 0.0) < d) {
                    slack = std::numeric_limits<double>::infinity();
                } else {
                    const double log_det_s = log_det_from_cholesky(factor);
                    std::copy(C, C + d * d, factor.data());
                    for (std::size_t j = 0; j < d; ++j) factor.data()[j * d + j] += reg_covar;
                    cholesky_in_place(factor.data(), d, 0.0);
                    const double log_det_sigma = log_det_from_cholesky(factor);
                    const double tr_inv = trace_of_inverse_from_cholesky(factor);
                    slack += std::max(0.0, 0.5 * nz * (log_det_sigma - log_det_s - reg_covar * tr_inv));
                }
            } else if (type == CovarianceType::diagonal) {
                for (std::size_t j = 0; j < d; ++j) slack += nz * slack_1d(C[j * d + j], reg_covar);
            } else {
                slack += double(d) * nz * slack_1d(C[0], reg_covar);
            }
        }

        // Sigma_z = S_z + r I, which must be (numerically) positive definite.
        for (std::size_t j = 0; j < d; ++j) C[j * d + j] += reg_covar;
        std::copy(C, C + d * d, factor.data());
        double pivot = 0;
        const double min_pivot = double(d) * eps * collapse_scale;
        const std::size_t bad = cholesky_in_place(factor.data(), d, min_pivot, &pivot);
        if (bad < d) {
            std::ostringstream what;
            what << "its covariance Sigma_" << z << " is singular (Cholesky pivot " << bad << " = " << pivot
                 << ", expected > " << min_pivot << ")";
            collapsed(where, z, nz, what.str());
        }
    }
    if (stats) {
        stats->counts = Vector<double>::from_shape({k});
        std::copy(counts.begin(), counts.end(), stats->counts.begin());
        stats->regularization_slack = reg_covar > 0 ? slack : 0.0;
    }
}

GaussianMixture m_step(const Matrix<double>& X, const Matrix<double>& resp, CovarianceType type, double reg_covar,
                       MStepStats* stats) {
    const char* where = "m_step";
    check_nonempty(where, "X", X);
    check_finite(where, "X", X);
    const std::size_t n = X.shape(0);
    check_shape(where, "resp", resp, {static_cast<long>(n), any_extent});
    if (resp.shape(1) == 0) throw ShapeError(where, "resp must have k >= 1 columns, got shape " + shape_of(resp));
    check_finite(where, "resp", resp);
    require(reg_covar >= 0 && std::isfinite(reg_covar), where,
            "reg_covar must be finite and >= 0, got " + std::to_string(reg_covar));
    const std::size_t k = resp.shape(1);
    for (std::size_t i = 0; i < n; ++i) {
        double s = 0;
        for (std::size_t z = 0; z < k; ++z) {
            if (resp(i, z) < 0)
                throw ValueError(where, "responsibilities must be >= 0, got resp(" + std::to_string(i) + ", " +
                                            std::to_string(z) + ") = " + std::to_string(resp(i, z)));
            s += resp(i, z);
        }
        if (std::abs(s - 1.0) > 1e-6)
            throw ValueError(where, "each row of resp must sum to 1 (a distribution over z), got row " +
                                        std::to_string(i) + " summing to " + std::to_string(s));
    }
    GaussianMixture theta;
    Matrix<double> work;
    m_step_into(X, resp, type, reg_covar, data_variance_scale(X), theta, work, stats, where);
    return theta;
}

}  // namespace dlc
