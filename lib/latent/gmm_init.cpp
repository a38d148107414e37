#include "latent/gmm_init.hpp"

#include "cluster/init.hpp"
#include "cluster/kmeans.hpp"
#include "core/check.hpp"
#include "latent/mstep.hpp"
#include "latent/observable.hpp"

#include <cmath>
#include <string>

namespace dlc {

namespace {

void check_init(const char* where, const Matrix<double>& X, std::size_t k, double reg_covar) {
    check_nonempty(where, "X", X);
    check_finite(where, "X", X);
    const std::size_t n = X.shape(0);
    require(k >= 1 && k <= n, where,
            "k must be between 1 and the number of points n = " + std::to_string(n) + ", got k = " + std::to_string(k));
    require(std::isfinite(reg_covar) && reg_covar >= 0, where,
            "reg_covar must be finite and >= 0, got " + std::to_string(reg_covar));
}

}  // namespace

GaussianMixture init_from_kmeans(const Matrix<double>& X, std::size_t k, CovarianceType type, double reg_covar,
                                 Rng& rng) {
    check_init("init_from_kmeans", X, k, reg_covar);
    const KMeansResult<double> km = kmeans(X, k, Init::kmeans_plus_plus, rng);
    return observable_mle(X, km.assignments, k, type, reg_covar);
}

GaussianMixture init_from_random_responsibilities(const Matrix<double>& X, std::size_t k, CovarianceType type,
                                                  double reg_covar, Rng& rng) {
    check_init("init_from_random_responsibilities", X, k, reg_covar);
    const std::size_t n = X.shape(0);
    Matrix<double> resp = Matrix<double>::from_shape({n, k});
    for (std::size_t i = 0; i < n; ++i) {
        double s = 0;
        for (std::size_t z = 0; z < k; ++z) s += (resp(i, z) = rng.uniform());
        if (s == 0) {
            for (std::size_t z = 0; z < k; ++z) resp(i, z) = 1.0 / double(k);
        } else {
            for (std::size_t z = 0; z < k; ++z) resp(i, z) /= s;
        }
    }
    return m_step(X, resp, type, reg_covar);
}

}  // namespace dlc
