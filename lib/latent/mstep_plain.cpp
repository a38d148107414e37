#include "latent/mstep_plain.hpp"

#include "core/check.hpp"

#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xview.hpp>

#include <string>

namespace dlc {

GaussianMixture m_step_plain(const Matrix<double>& X, const Matrix<double>& resp, CovarianceType type,
                             double reg_covar) {
    const char* where = "m_step_plain";
    check_nonempty(where, "X", X);
    const std::size_t n = X.shape(0), d = X.shape(1);
    check_shape(where, "resp", resp, {static_cast<long>(n), any_extent});
    if (resp.shape(1) == 0) throw ShapeError(where, "resp must have k >= 1 columns, got shape " + shape_of(resp));
    require(reg_covar >= 0, where, "reg_covar must be >= 0, got " + std::to_string(reg_covar));
    const std::size_t k = resp.shape(1);

    GaussianMixture theta;
    theta.type = type;
    theta.weights = Vector<double>::from_shape({k});
    theta.means = Matrix<double>::from_shape({k, d});
    theta.covariances = Tensor3<double>::from_shape({k, d, d});
    for (std::size_t z = 0; z < k; ++z) {
        // n_z = sum_i gamma_iz
        double n_z = 0;
        for (std::size_t i = 0; i < n; ++i) n_z += resp(i, z);
        if (!(n_z > 0))
            throw DivergenceError(where, "component " + std::to_string(z) + " has n_z = " + std::to_string(n_z) +
                                             ", expected n_z > 0 (its mean is undefined)");

        // mu_z = (1 / n_z) sum_i gamma_iz x_i
        Vector<double> mu = xt::zeros<double>({d});
        for (std::size_t i = 0; i < n; ++i) mu += resp(i, z) * xt::row(X, i);
        mu /= n_z;

        // Sigma_z = (1 / n_z) sum_i gamma_iz (x_i - mu_z)(x_i - mu_z)^T
        Matrix<double> sigma = xt::zeros<double>({d, d});
        for (std::size_t i = 0; i < n; ++i) {
            const Vector<double> e = xt::row(X, i) - mu;
            sigma += resp(i, z) * xt::linalg::outer(e, e);
        }
        sigma /= n_z;
        if (type != CovarianceType::full) {  // keep the diagonal; spherical: its mean, tr(Sigma_z) / d
            double trace = 0;
            for (std::size_t j = 0; j < d; ++j) trace += sigma(j, j);
            for (std::size_t r = 0; r < d; ++r)
                for (std::size_t c = 0; c < d; ++c)
                    sigma(r, c) = r != c ? 0.0 : type == CovarianceType::spherical ? trace / double(d) : sigma(r, r);
        }
        for (std::size_t j = 0; j < d; ++j) sigma(j, j) += reg_covar;  // + r I

        theta.weights(z) = n_z / double(n);  // pi_z = n_z / n
        xt::row(theta.means, z) = mu;
        xt::view(theta.covariances, z, xt::all(), xt::all()) = sigma;
    }
    return theta;
}

}  // namespace dlc
