#include "latent/estep_plain.hpp"

#include "latent/gaussian.hpp"
#include "latent/logsumexp.hpp"

#include <xtensor/xview.hpp>

#include <cmath>
#include <vector>

namespace dlc {

EStepPlain e_step_plain(const Matrix<double>& X, const GaussianMixture& theta) {
    check_mixture("e_step_plain", theta);
    const std::size_t n = check_mixture_data("e_step_plain", X, theta);
    const std::size_t k = theta.components();

    std::vector<Gaussian<double>> component;  // N(mu_j, Sigma_j), j = 1..k
    for (std::size_t j = 0; j < k; ++j) component.emplace_back(theta.mean(j), theta.covariance(j));

    EStepPlain e;
    e.log_joint = Matrix<double>::from_shape({n, k});
    e.log_evidence = Vector<double>::from_shape({n});
    e.responsibilities = Matrix<double>::from_shape({n, k});
    for (std::size_t i = 0; i < n; ++i) {
        const Vector<double> x_i = xt::row(X, i);
        Vector<double> a = Vector<double>::from_shape({k});
        for (std::size_t j = 0; j < k; ++j) a(j) = std::log(theta.weights(j)) + component[j].log_density(x_i);
        const double log_p = logsumexp(a);  // log sum_j pi_j N(x_i | mu_j, Sigma_j)
        for (std::size_t j = 0; j < k; ++j) {
            e.log_joint(i, j) = a(j);
            e.responsibilities(i, j) = std::exp(a(j) - log_p);  // gamma_ij
        }
        e.log_evidence(i) = log_p;
        e.log_likelihood += log_p;
    }
    return e;
}

}  // namespace dlc
