// L13 handwritten notes, "(5) Computing mean (vector) and covariance (matrix)":
//   mu = (1/|Data|) sum x,  C = (1/|Data|) sum (x - mu)(x - mu)^T = U D U^T (U U^T = U^T U = I),
//   x_new = D^{-1/2} U^T (x - mu)  "has 0 mean, covariance = I".
// On 50 000 correlated 3-D Gaussian points.
#include "cases.hpp"
#include "common.hpp"

#include "core/tensor.hpp"
#include "report/json.hpp"
#include "report/table.hpp"

#include <xtensor-blas/xlinalg.hpp>

#include <cmath>
#include <string>

namespace backprop_lecture {

namespace {

using M = dlc::Matrix<double>;

// The mean (d) and the covariance with 1/n (d, d) of the rows of X, accumulated in double.
std::pair<dlc::Vector<double>, M> moments(const M& X) {
    const std::size_t n = X.shape(0), d = X.shape(1);
    dlc::Vector<double> mu = xt::zeros<double>({d});
    for (std::size_t i = 0; i < n; ++i) mu += xt::row(X, i);
    mu /= double(n);
    M C = xt::zeros<double>({d, d});
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t a = 0; a < d; ++a)
            for (std::size_t b = 0; b < d; ++b) C(a, b) += (X(i, a) - mu(a)) * (X(i, b) - mu(b));
    C /= double(n);
    return {mu, C};
}

std::string matrix_str(const M& A, int digits = 5) {
    std::string s;
    for (std::size_t r = 0; r < A.shape(0); ++r) {
        s += "    (";
        for (std::size_t c = 0; c < A.shape(1); ++c) s += (c ? ", " : "") + dlc::fmt(A(r, c), digits);
        s += ")\n";
    }
    return s;
}

}  // namespace

void whitening(dlc::Case& c) {
    auto& out = c.out();
    const std::size_t n = c.quick() ? 5000 : 50000, d = 3;
    // x = m + A e, e ~ N(0, I): covariance A A^T.
    const M A = {{2.0, 0.0, 0.0}, {1.2, 0.5, 0.0}, {-0.8, 0.3, 0.2}};
    const double m[3] = {5.0, -3.0, 1.0};
    M X = M::from_shape({n, d});
    for (std::size_t i = 0; i < n; ++i) {
        const double e[3] = {c.rng().normal(), c.rng().normal(), c.rng().normal()};
        for (std::size_t r = 0; r < d; ++r) {
            double v = m[r];
            for (std::size_t k = 0; k < d; ++k) v += A(r, k) * e[k];
            X(i, r) = v;
        }
    }
    const auto [mu, C] = moments(X);
    out << n << " points x = (5, -3, 1) + A e, e ~ N(0, I): correlations up to "
        << dlc::fmt(C(0, 1) / std::sqrt(C(0, 0) * C(1, 1)), 3) << ".\nmu = " << dlc::fmt_vec(mu, 5) << ", C =\n"
        << matrix_str(C);

    // C = U D U^T; x_new = D^{-1/2} U^T (x - mu).
    const auto [D, U] = xt::linalg::eigh(C);
    M Xnew = M::from_shape({n, d});
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t k = 0; k < d; ++k) {
            double v = 0;
            for (std::size_t r = 0; r < d; ++r) v += U(r, k) * (X(i, r) - mu(r));
            Xnew(i, k) = v / std::sqrt(D(k));
        }
    const auto [mu_new, C_new] = moments(Xnew);
    const double mean_err = xt::amax(xt::abs(mu_new))(), cov_err = xt::amax(xt::abs(C_new - xt::eye<double>(d)))();
    const double orth_err = xt::amax(xt::abs(xt::linalg::dot(xt::transpose(U), U) - xt::eye<double>(d)))();
    out << "Eigenvalues D = " << dlc::fmt_vec(D, 5) << " (all > 0, so D^{-1/2} exists); |U^T U - I| <= "
        << dlc::fmt(orth_err, 2) << ".\nx_new = D^{-1/2} U^T (x - mu): mean " << dlc::fmt_vec(mu_new, 3)
        << " (max |entry| " << dlc::fmt(mean_err, 2) << "), covariance\n"
        << matrix_str(C_new, 12) << "(max |C_new - I| = " << dlc::fmt(cov_err, 2)
        << "): zero mean and identity covariance, to rounding, because mu and C are the data's own.\n";
    c.set("n", n);
    c.set("mean", dlc::to_json_value(mu));
    c.set("covariance", dlc::to_json_value(C));
    c.set("eigenvalues", dlc::to_json_value(D));
    c.set("whitened_mean", dlc::to_json_value(mu_new));
    c.set("whitened_covariance", dlc::to_json_value(C_new));
    c.set("whitened_mean_max_abs", mean_err);
    c.set("whitened_covariance_max_error", cov_err);
    if (mean_err < 1e-9 && cov_err < 1e-9)
        c.agrees("the mean and covariance of x_new = D^{-1/2} U^T (x - mu)",
                 "0 and I, to " + dlc::fmt(std::max(mean_err, cov_err), 2));
    c.note("positive semidefinite is not enough",
           "L13 says C 'is positive semidefinite: can be diagonalized'. Diagonalizing needs only symmetry; D^{-1/2} "
           "needs every eigenvalue > 0 (positive definite). With a zero eigenvalue (a coordinate that is a linear "
           "combination of the others) whitening divides by 0; one then drops that direction (PCA) or adds a small "
           "epsilon to D.");
}

}  // namespace backprop_lecture
