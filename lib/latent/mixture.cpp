#include "latent/mixture.hpp"

#include "core/check.hpp"
#include "latent/cholesky.hpp"

#include <cmath>
#include <sstream>
#include <utility>
#include <vector>

namespace dlc {

std::string to_string(CovarianceType type) {
    switch (type) {
        case CovarianceType::full: return "full";
        case CovarianceType::diagonal: return "diagonal";
        case CovarianceType::spherical: return "spherical";
    }
    return "unknown";
}

Vector<double> GaussianMixture::mean(std::size_t z) const { return xt::row(means, z); }

Matrix<double> GaussianMixture::covariance(std::size_t z) const {
    const std::size_t d = dim();
    Matrix<double> S = Matrix<double>::from_shape({d, d});
    std::copy(covariances.data() + z * d * d, covariances.data() + (z + 1) * d * d, S.data());
    return S;
}

void check_mixture(const char* where, const GaussianMixture& theta) {
    const std::size_t k = theta.weights.size();
    if (k == 0) throw ShapeError(where, "the mixture must have k >= 1 components, got weights of shape " + shape_of(theta.weights));
    if (theta.means.dimension() != 2 || theta.means.shape(0) != k || theta.means.shape(1) == 0)
        throw ShapeError(where, "the means must have shape (k, d) = (" + std::to_string(k) + ", d) with d >= 1, got " +
                                    shape_of(theta.means));
    const std::size_t d = theta.means.shape(1);
    check_shape(where, "covariances", theta.covariances,
                {static_cast<long>(k), static_cast<long>(d), static_cast<long>(d)});
    check_finite(where, "weights", theta.weights);
    check_finite(where, "means", theta.means);
    check_finite(where, "covariances", theta.covariances);
    double total = 0;
    for (std::size_t z = 0; z < k; ++z) {
        if (theta.weights(z) < 0)
            throw ValueError(where, "the weights must be >= 0, got pi_" + std::to_string(z) + " = " +
                                        std::to_string(theta.weights(z)));
        total += theta.weights(z);
    }
    if (std::abs(total - 1.0) > 1e-9) {
        std::ostringstream msg;
        msg.precision(17);
        msg << "the weights must sum to 1, got sum = " << total;
        throw ValueError(where, msg.str());
    }
    for (std::size_t z = 0; z < k; ++z) {
        const Matrix<double> S = theta.covariance(z);
        for (std::size_t i = 0; i < d; ++i)
            for (std::size_t j = 0; j < d; ++j) {
                if (theta.type != CovarianceType::full && i != j && S(i, j) != 0.0) {
                    std::ostringstream msg;
                    msg << "a " << to_string(theta.type) << " covariance must have zero off-diagonal entries, got Sigma_"
                        << z << "(" << i << ", " << j << ") = " << S(i, j);
                    throw ValueError(where, msg.str());
                }
                if (theta.type == CovarianceType::spherical && i == j && S(i, i) != S(0, 0)) {
                    std::ostringstream msg;
                    msg << "a spherical covariance must be sigma^2 I, got Sigma_" << z << "(" << i << ", " << i
                        << ") = " << S(i, i) << " but Sigma_" << z << "(0, 0) = " << S(0, 0);
                    throw ValueError(where, msg.str());
                }
            }
        const std::string name = std::string(where) + " (component " + std::to_string(z) + ")";
        cholesky(S, name.c_str());
    }
}

std::size_t check_mixture_data(const char* where, const Matrix<double>& X, const GaussianMixture& theta) {
    check_nonempty(where, "X", X);
    check_shape(where, "X", X, {any_extent, static_cast<long>(theta.dim())});
    const double* x = X.data();
    const std::size_t d = X.shape(1);
    for (std::size_t i = 0; i < X.size(); ++i)
        if (!std::isfinite(x[i]))
            throw ValueError(where, "X must be finite, got " + std::to_string(x[i]) + " at row " + std::to_string(i / d) +
                                        ", column " + std::to_string(i % d));
    return X.shape(0);
}

GaussianMixture make_mixture(Vector<double> weights, Matrix<double> means, Tensor3<double> covariances,
                             CovarianceType type) {
    GaussianMixture theta{std::move(weights), std::move(means), std::move(covariances), type};
    check_mixture("make_mixture", theta);
    return theta;
}

Matrix<double> sample_mixture(const GaussianMixture& theta, std::size_t n, Rng& rng, Labels* components) {
    check_mixture("sample_mixture", theta);
    const std::size_t k = theta.components(), d = theta.dim();
    std::vector<Matrix<double>> L;
    for (std::size_t z = 0; z < k; ++z) L.push_back(cholesky(theta.covariance(z), "sample_mixture"));
    const std::vector<double> w(theta.weights.begin(), theta.weights.end());
    Matrix<double> X = Matrix<double>::from_shape({n, d});
    if (components) *components = Labels::from_shape({n});
    std::vector<double> eps(d);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t z = rng.categorical(w);
        if (components) (*components)(i) = z;
        for (auto& e : eps) e = rng.normal();
        for (std::size_t r = 0; r < d; ++r) {
            double v = theta.means(z, r);
            for (std::size_t c = 0; c <= r; ++c) v += L[z](r, c) * eps[c];
            X(i, r) = v;
        }
    }
    return X;
}

}  // namespace dlc
