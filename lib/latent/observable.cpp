#include "latent/observable.hpp"

#include "core/check.hpp"
#include "latent/cholesky.hpp"
#include "latent/gaussian.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace dlc {

namespace {

void check_labels(const char* where, const Labels& z, std::size_t n, std::size_t k) {
    check_shape(where, "z", z, {static_cast<long>(n)});
    for (std::size_t i = 0; i < z.size(); ++i)
        if (z(i) >= k)
            throw ValueError(where, "labels must be in {0, ..., k-1} with k = " + std::to_string(k) + ", got z_" +
                                        std::to_string(i) + " = " + std::to_string(z(i)));
}

}  // namespace

Matrix<double> one_hot(const Labels& z, std::size_t k) {
    require(k >= 1, "one_hot", "k must be >= 1, got 0");
    check_labels("one_hot", z, z.size(), k);
    Matrix<double> G = xt::zeros<double>({z.size(), k});
    for (std::size_t i = 0; i < z.size(); ++i) G(i, z(i)) = 1.0;
    return G;
}

GaussianMixture observable_mle(const Matrix<double>& X, const Labels& z, std::size_t k, CovarianceType type,
                               double reg_covar) {
    const char* where = "observable_mle";
    check_nonempty(where, "X", X);
    check_finite(where, "X", X);
    const std::size_t n = X.shape(0), d = X.shape(1);
    require(k >= 1, where, "k must be >= 1, got 0");
    check_labels(where, z, n, k);
    require(reg_covar >= 0 && std::isfinite(reg_covar), where,
            "reg_covar must be finite and >= 0, got " + std::to_string(reg_covar));

    // (10) n_z, (12) mu_z = (1/n_z) sum_{i: z_i = z} x_i.
    std::vector<std::size_t> count(k, 0);
    Matrix<double> mu = xt::zeros<double>({k, d});
    for (std::size_t i = 0; i < n; ++i) {
        ++count[z(i)];
        for (std::size_t j = 0; j < d; ++j) mu(z(i), j) += X(i, j);
    }
    for (std::size_t c = 0; c < k; ++c) {
        if (count[c] == 0)
            throw ValueError(where, "class " + std::to_string(c) +
                                        " has no points (n_z = 0), expected n_z >= 1: its mean (12) is undefined");
        for (std::size_t j = 0; j < d; ++j) mu(c, j) /= double(count[c]);
    }
    // (13) Sigma_z = (1/n_z) sum_{i: z_i = z} (x_i - mu_z)(x_i - mu_z)^T.
    Tensor3<double> cov = xt::zeros<double>({k, d, d});
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t c = z(i);
        for (std::size_t r = 0; r < d; ++r)
            for (std::size_t s = 0; s <= r; ++s) cov(c, r, s) += (X(i, r) - mu(c, r)) * (X(i, s) - mu(c, s));
    }
    Vector<double> pi = Vector<double>::from_shape({k});
    for (std::size_t c = 0; c < k; ++c) {
        pi(c) = double(count[c]) / double(n);  // (11)
        for (std::size_t r = 0; r < d; ++r)
            for (std::size_t s = 0; s <= r; ++s) {
                cov(c, r, s) /= double(count[c]);
                cov(c, s, r) = cov(c, r, s);
            }
        if (type != CovarianceType::full) {
            double trace = 0;
            for (std::size_t r = 0; r < d; ++r) trace += cov(c, r, r);
            for (std::size_t r = 0; r < d; ++r)
                for (std::size_t s = 0; s < d; ++s)
                    if (r != s) cov(c, r, s) = 0.0;
                    else if (type == CovarianceType::spherical) cov(c, r, s) = trace / double(d);
        }
        for (std::size_t r = 0; r < d; ++r) cov(c, r, r) += reg_covar;
        Matrix<double> S = xt::view(cov, c, xt::all(), xt::all());
        double pivot = 0;
        if (cholesky_in_place(S.data(), d, 0.0, &pivot) < d)
            throw ValueError(where, "the empirical covariance (13) of class " + std::to_string(c) + " (n_z = " +
                                        std::to_string(count[c]) +
                                        ") is singular, expected positive definite: the likelihood has no maximum "
                                        "(use reg_covar > 0)");
    }
    return GaussianMixture{pi, mu, cov, type};
}

double complete_log_likelihood(const Matrix<double>& X, const Labels& z, const GaussianMixture& theta) {
    const char* where = "complete_log_likelihood";
    check_mixture(where, theta);
    const std::size_t n = check_mixture_data(where, X, theta);
    check_labels(where, z, n, theta.components());
    std::vector<Gaussian<double>> comps;
    for (std::size_t c = 0; c < theta.components(); ++c) comps.emplace_back(theta.mean(c), theta.covariance(c));
    double total = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const Vector<double> xi = xt::row(X, i);
        total += std::log(theta.weights(z(i))) + comps[z(i)].log_density(xi);
    }
    return total;
}

}  // namespace dlc
