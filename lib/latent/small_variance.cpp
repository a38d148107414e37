#include "latent/small_variance.hpp"

#include "core/check.hpp"
#include "latent/estep.hpp"
#include "latent/mixture.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace dlc {

SmallVarianceResult small_variance_em(const Matrix<double>& X, const Matrix<double>& initial_means, double epsilon,
                                      const Vector<double>& weights, const SmallVarianceOptions& options) {
    const char* where = "small_variance_em";
    check_nonempty(where, "X", X);
    check_finite(where, "X", X);
    const std::size_t n = X.shape(0), d = X.shape(1);
    check_shape(where, "initial_means", initial_means, {any_extent, static_cast<long>(d)});
    const std::size_t k = initial_means.shape(0);
    require(k >= 1 && k <= n, where,
            "k (rows of initial_means) must be between 1 and n = " + std::to_string(n) + ", got " + std::to_string(k));
    check_finite(where, "initial_means", initial_means);
    require(std::isfinite(epsilon) && epsilon > 0, where, "epsilon must be finite and > 0, got " + std::to_string(epsilon));
    require(options.max_iterations >= 1, where, "max_iterations must be at least 1, got 0");

    GaussianMixture theta;
    theta.type = CovarianceType::spherical;
    theta.means = initial_means;
    theta.weights = weights.size() ? weights : Vector<double>(xt::ones<double>({k}) / double(k));
    theta.covariances = xt::zeros<double>({k, d, d});
    for (std::size_t z = 0; z < k; ++z)
        for (std::size_t j = 0; j < d; ++j) theta.covariances(z, j, j) = epsilon;
    check_mixture(where, theta);

    MixtureDensity density(X);
    SmallVarianceResult r;
    Matrix<double> next = theta.means;
    for (std::size_t t = 1; t <= options.max_iterations; ++t) {
        density.evaluate(theta, nullptr, where);
        const Matrix<double>& g = density.responsibilities();
        // (9.17): mu_k = (1/N_k) sum_n gamma(z_nk) x_n; N_k = 0 keeps mu_k.
        std::fill(next.begin(), next.end(), 0.0);
        std::vector<double> Nk(k, 0.0);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t z = 0; z < k; ++z) {
                const double gi = g(i, z);
                if (gi == 0) continue;
                Nk[z] += gi;
                for (std::size_t j = 0; j < d; ++j) next(z, j) += gi * X(i, j);
            }
        double moved = 0;
        for (std::size_t z = 0; z < k; ++z)
            for (std::size_t j = 0; j < d; ++j) {
                next(z, j) = Nk[z] > 0 ? next(z, j) / Nk[z] : theta.means(z, j);
                moved = std::max(moved, std::abs(next(z, j) - theta.means(z, j)));
            }
        std::swap(theta.means, next);
        r.iterations = t;
        if (moved <= options.tolerance) {
            r.converged = true;
            break;
        }
    }
    density.evaluate(theta, nullptr, where);
    r.means = theta.means;
    r.responsibilities = density.responsibilities();
    r.hard_assignments = Labels::from_shape({n});
    r.min_max_responsibility = 1.0;
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t best = 0;
        for (std::size_t z = 1; z < k; ++z)
            if (r.responsibilities(i, z) > r.responsibilities(i, best)) best = z;
        r.hard_assignments(i) = best;
        r.min_max_responsibility = std::min(r.min_max_responsibility, r.responsibilities(i, best));
    }
    return r;
}

}  // namespace dlc
