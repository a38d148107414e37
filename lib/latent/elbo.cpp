#include "latent/elbo.hpp"

#include "core/check.hpp"
#include "latent/cholesky.hpp"
#include "latent/estep.hpp"
#include "latent/logsumexp.hpp"

#include <cmath>
#include <limits>
#include <sstream>
#include <string>

namespace dlc {

namespace {

void check_q_rows(const char* where, const Matrix<double>& q) {
    const std::size_t n = q.shape(0), k = q.shape(1);
    for (std::size_t i = 0; i < n; ++i) {
        double s = 0;
        for (std::size_t z = 0; z < k; ++z) {
            const double v = q(i, z);
            if (!std::isfinite(v) || v < 0) {
                std::ostringstream msg;
                msg << "q must have finite entries >= 0, got q(" << i << ", " << z << ") = " << v;
                throw ValueError(where, msg.str());
            }
            s += v;
        }
        if (std::abs(s - 1.0) > 1e-9) {
            std::ostringstream msg;
            msg.precision(17);
            msg << "each row of q must sum to 1 (the distribution of z_i), got row " << i << " summing to " << s;
            throw ValueError(where, msg.str());
        }
    }
}

}  // namespace

ElboParts elbo_parts(const Vector<double>& log_joint, const Vector<double>& q) {
    const char* where = "elbo_parts";
    check_nonempty(where, "log_joint", log_joint);
    check_shape(where, "q", q, {static_cast<long>(log_joint.size())});
    for (std::size_t c = 0; c < log_joint.size(); ++c)
        if (std::isnan(log_joint(c)) || log_joint(c) == std::numeric_limits<double>::infinity())
            throw ValueError(where, "log_joint must be < +inf and not NaN, got " + std::to_string(log_joint(c)) +
                                        " at index " + std::to_string(c));
    Matrix<double> q_row = xt::reshape_view(q, {std::size_t(1), q.size()});
    check_q_rows(where, q_row);
    ElboParts e;
    e.evidence = logsumexp(log_joint);
    for (std::size_t c = 0; c < q.size(); ++c) {
        const double qc = q(c);
        if (qc == 0) continue;
        const double log_q = std::log(qc);
        e.expected_complete += qc * log_joint(c);
        e.entropy -= qc * log_q;
        e.elbo += qc * (log_joint(c) - log_q);
        e.kl += qc * (log_q - (log_joint(c) - e.evidence));
    }
    return e;
}

ElboParts gmm_elbo(const Matrix<double>& X, const GaussianMixture& theta, const Matrix<double>& q) {
    const char* where = "gmm_elbo";
    check_mixture(where, theta);
    const std::size_t n = check_mixture_data(where, X, theta), k = theta.components();
    check_shape(where, "q", q, {static_cast<long>(n), static_cast<long>(k)});
    check_q_rows(where, q);
    MixtureDensity density(X);
    density.evaluate(theta, nullptr, where);
    const Matrix<double>& a = density.log_joint();
    const Vector<double>& lse = density.log_evidence();
    ElboParts e;
    for (std::size_t i = 0; i < n; ++i) {
        e.evidence += lse(i);
        for (std::size_t z = 0; z < k; ++z) {
            const double qz = q(i, z);
            if (qz == 0) continue;
            const double log_q = std::log(qz);
            e.expected_complete += qz * a(i, z);
            e.entropy -= qz * log_q;
            e.elbo += qz * (a(i, z) - log_q);
            e.kl += qz * (log_q - (a(i, z) - lse(i)));
        }
    }
    return e;
}

double expected_complete_log_likelihood(const Matrix<double>& X, const Matrix<double>& q, const GaussianMixture& theta) {
    const char* where = "expected_complete_log_likelihood";
    const std::size_t k = theta.components();
    if (k == 0 || theta.dim() == 0)
        throw ShapeError(where, "theta must have k >= 1 components of dimension d >= 1, got means of shape " +
                                    shape_of(theta.means));
    check_nonempty(where, "X", X);
    check_shape(where, "X", X, {any_extent, static_cast<long>(theta.dim())});
    check_shape(where, "q", q, {static_cast<long>(X.shape(0)), static_cast<long>(k)});
    for (std::size_t z = 0; z < k; ++z) {
        Matrix<double> S = theta.covariance(z);
        if (cholesky_in_place(S.data(), S.shape(0), 0.0) < S.shape(0)) return -std::numeric_limits<double>::infinity();
    }
    MixtureDensity density(X);
    density.evaluate(theta, nullptr, where);
    const Matrix<double>& a = density.log_joint();
    double total = 0;
    for (std::size_t i = 0; i < q.shape(0); ++i)
        for (std::size_t z = 0; z < k; ++z)
            if (q(i, z) > 0) total += q(i, z) * a(i, z);
    return total;
}

Vector<double> joint_configurations_log_prob(const Matrix<double>& X, const GaussianMixture& theta) {
    const char* where = "joint_configurations_log_prob";
    check_mixture(where, theta);
    const std::size_t n = check_mixture_data(where, X, theta), k = theta.components();
    double count = 1;
    for (std::size_t i = 0; i < n; ++i) count *= double(k);
    if (count > double(1u << 20))
        throw ValueError(where, "k^n = " + std::to_string(k) + "^" + std::to_string(n) +
                                    " configurations, expected at most 2^20 (use a smaller data set)");
    const Matrix<double> a = log_joint(X, theta);
    const std::size_t m = static_cast<std::size_t>(count);
    Vector<double> out = Vector<double>::from_shape({m});
    for (std::size_t c = 0; c < m; ++c) {
        std::size_t rest = c;
        double s = 0;
        for (std::size_t i = n; i-- > 0;) {
            s += a(i, rest % k);
            rest /= k;
        }
        out(c) = s;
    }
    return out;
}

}  // namespace dlc
