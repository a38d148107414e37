#include "latent/gem.hpp"

#include "core/check.hpp"
#include "latent/cholesky.hpp"
#include "latent/elbo.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace dlc {

namespace {

void check_inputs(const char* where, const Matrix<double>& X, const Matrix<double>& resp, const GaussianMixture& theta) {
    check_mixture(where, theta);
    const std::size_t n = check_mixture_data(where, X, theta);
    check_shape(where, "resp", resp, {static_cast<long>(n), static_cast<long>(theta.components())});
    check_finite(where, "resp", resp);
}

MStepGradient gradient(const Matrix<double>& X, const Matrix<double>& resp, const GaussianMixture& theta,
                       const std::vector<Matrix<double>>& factors) {
    const std::size_t n = X.shape(0), d = X.shape(1), k = theta.components();
    MStepGradient g{xt::zeros<double>({k, d}), xt::zeros<double>({k, d, d}), xt::zeros<double>({k})};
    std::vector<double> v(d);
    Matrix<double> M = Matrix<double>::from_shape({d, d});
    for (std::size_t z = 0; z < k; ++z) {
        // n_z, x_bar_z, S~_z (about the current mean mu_z).
        double nz = 0;
        std::vector<double> xbar(d, 0.0);
        Matrix<double> S = xt::zeros<double>({d, d});
        for (std::size_t i = 0; i < n; ++i) {
            const double gi = resp(i, z);
            if (gi == 0) continue;
            nz += gi;
            for (std::size_t r = 0; r < d; ++r) {
                xbar[r] += gi * X(i, r);
                const double er = X(i, r) - theta.means(z, r);
                for (std::size_t c = 0; c <= r; ++c) S(r, c) += gi * er * (X(i, c) - theta.means(z, c));
            }
        }
        const Matrix<double>& L = factors[z];
        g.logits(z) = nz - double(n) * theta.weights(z);
        if (nz == 0) continue;
        // dJ/dmu_z = n_z Sigma^{-1} (x_bar - mu) = L^{-T} L^{-1} (sum_i gamma_i (x_i - mu)).
        for (std::size_t r = 0; r < d; ++r) v[r] = xbar[r] - nz * theta.means(z, r);
        solve_lower_in_place(L, v.data());
        solve_lower_transposed_in_place(L, v.data());
        for (std::size_t r = 0; r < d; ++r) g.means(z, r) = v[r];
        // dJ/dL_z = lower(n_z L^{-T} L^{-1} (S~ - Sigma) L^{-T}).
        for (std::size_t r = 0; r < d; ++r)
            for (std::size_t c = 0; c < d; ++c) {
                const double s = r >= c ? S(r, c) : S(c, r);
                M(r, c) = s / nz - theta.covariances(z, r, c);
            }
        // M <- L^{-1} M (columns), then M <- M L^{-T} (rows), then M <- L^{-T} M (columns).
        for (std::size_t c = 0; c < d; ++c) {
            for (std::size_t r = 0; r < d; ++r) v[r] = M(r, c);
            solve_lower_in_place(L, v.data());
            for (std::size_t r = 0; r < d; ++r) M(r, c) = v[r];
        }
        for (std::size_t r = 0; r < d; ++r) {
            for (std::size_t c = 0; c < d; ++c) v[c] = M(r, c);
            solve_lower_in_place(L, v.data());
            for (std::size_t c = 0; c < d; ++c) M(r, c) = v[c];
        }
        for (std::size_t c = 0; c < d; ++c) {
            for (std::size_t r = 0; r < d; ++r) v[r] = M(r, c);
            solve_lower_transposed_in_place(L, v.data());
            for (std::size_t r = 0; r < d; ++r) M(r, c) = v[r];
        }
        double trace = 0;
        for (std::size_t r = 0; r < d; ++r) trace += nz * M(r, r);
        for (std::size_t r = 0; r < d; ++r)
            for (std::size_t c = 0; c <= r; ++c) {
                double value = nz * M(r, c);
                if (theta.type != CovarianceType::full && r != c) value = 0;
                if (theta.type == CovarianceType::spherical && r == c) value = trace / double(d);
                g.cholesky_factors(z, r, c) = value;
            }
    }
    return g;
}

std::vector<Matrix<double>> factors_of(const GaussianMixture& theta, const char* where) {
    std::vector<Matrix<double>> L;
    for (std::size_t z = 0; z < theta.components(); ++z) L.push_back(cholesky(theta.covariance(z), where));
    return L;
}

}  // namespace

MStepGradient m_step_gradient(const Matrix<double>& X, const Matrix<double>& resp, const GaussianMixture& theta) {
    const char* where = "m_step_gradient";
    check_inputs(where, X, resp, theta);
    return gradient(X, resp, theta, factors_of(theta, where));
}

GemStep gem_step(const Matrix<double>& X, const Matrix<double>& resp, const GaussianMixture& theta,
                 double learning_rate, std::size_t max_halvings) {
    const char* where = "gem_step";
    check_inputs(where, X, resp, theta);
    require(std::isfinite(learning_rate) && learning_rate > 0, where,
            "learning_rate must be finite and > 0, got " + std::to_string(learning_rate));
    const std::size_t n = X.shape(0), d = X.shape(1), k = theta.components();
    const std::vector<Matrix<double>> L = factors_of(theta, where);
    const MStepGradient g = gradient(X, resp, theta, L);

    GemStep step;
    step.theta = theta;
    step.objective_before = expected_complete_log_likelihood(X, resp, theta);
    step.objective_after = step.objective_before;
    std::vector<double> logits(k);
    for (std::size_t z = 0; z < k; ++z) logits[z] = std::log(theta.weights(z));

    GaussianMixture candidate = theta;
    double eta = learning_rate;
    for (std::size_t h = 0; h <= max_halvings; ++h, eta *= 0.5) {
        const double s = eta / double(n);
        // pi = softmax(a + s * dJ/da).
        double top = -std::numeric_limits<double>::infinity();
        std::vector<double> a(k);
        for (std::size_t z = 0; z < k; ++z) {
            a[z] = logits[z] + s * g.logits(z);
            top = std::max(top, a[z]);
        }
        double total = 0;
        for (std::size_t z = 0; z < k; ++z) total += (candidate.weights(z) = std::exp(a[z] - top));
        for (std::size_t z = 0; z < k; ++z) candidate.weights(z) /= total;
        for (std::size_t z = 0; z < k; ++z) {
            for (std::size_t r = 0; r < d; ++r) candidate.means(z, r) = theta.means(z, r) + s * g.means(z, r);
            // Sigma = L' L'^T with L' = L + s dJ/dL (lower triangular).
            Matrix<double> Lp = L[z];
            for (std::size_t r = 0; r < d; ++r)
                for (std::size_t c = 0; c <= r; ++c) Lp(r, c) += s * g.cholesky_factors(z, r, c);
            for (std::size_t r = 0; r < d; ++r)
                for (std::size_t c = 0; c < d; ++c) {
                    double v = 0;
                    for (std::size_t l = 0; l <= std::min(r, c); ++l) v += Lp(r, l) * Lp(c, l);
                    candidate.covariances(z, r, c) = v;
                }
        }
        const double J = expected_complete_log_likelihood(X, resp, candidate);
        if (std::isfinite(J) && J >= step.objective_before) {
            step.theta = candidate;
            step.objective_after = J;
            step.step_size = eta;
            step.halvings = h;
            return step;
        }
    }
    step.halvings = max_halvings;
    return step;
}

}  // namespace dlc
