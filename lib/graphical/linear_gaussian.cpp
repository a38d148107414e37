#include "graphical/linear_gaussian.hpp"

#include "core/check.hpp"
#include "graphical/dag.hpp"

#include <xtensor-blas/xlinalg.hpp>

#include <cmath>
#include <string>

namespace dlc {

LinearGaussianDag make_linear_gaussian(const Matrix<double>& W, const Vector<double>& b, const Vector<double>& v) {
    const char* where = "make_linear_gaussian";
    check_nonempty(where, "b", b);
    const long D = static_cast<long>(b.size());
    check_shape(where, "W", W, {D, D});
    check_shape(where, "v", v, {D});
    check_finite(where, "W", W);
    check_finite(where, "b", b);
    check_finite(where, "v", v);
    for (std::size_t i = 0; i < v.size(); ++i)
        require(v(i) > 0.0, where,
                "expected every variance v_i > 0, got v_" + std::to_string(i + 1) + " = " + std::to_string(v(i)));
    return LinearGaussianDag{W, b, v, topological_order(W)};
}

Vector<double> mean_by_recursion(const LinearGaussianDag& dag) {
    Vector<double> mu = xt::zeros<double>({dag.b.size()});
    for (std::size_t i : dag.order) {  // E[x_i] = sum_{j in pa_i} w_ij E[x_j] + b_i
        double m = dag.b(i);
        for (std::size_t j : dag_parents(dag.W, i)) m += dag.W(i, j) * mu(j);
        mu(i) = m;
    }
    return mu;
}

Matrix<double> covariance_by_recursion(const LinearGaussianDag& dag) {
    const std::size_t D = dag.b.size();
    Matrix<double> S = xt::zeros<double>({D, D});
    for (std::size_t pj = 0; pj < D; ++pj) {
        const std::size_t j = dag.order[pj];
        const auto pa = dag_parents(dag.W, j);
        for (std::size_t pi = 0; pi <= pj; ++pi) {  // x_i placed no later than x_j: not a descendant of x_j
            const std::size_t i = dag.order[pi];
            double s = (i == j) ? dag.v(j) : 0.0;  // I_ij v_j
            for (std::size_t k : pa) s += dag.W(j, k) * S(i, k);  // sum_{k in pa_j} w_jk Sigma_ik
            S(i, j) = s;
            S(j, i) = s;
        }
    }
    return S;
}

Matrix<double> covariance_recursion_unordered(const LinearGaussianDag& dag) {
    const std::size_t D = dag.b.size();
    const Matrix<double> S = covariance_by_recursion(dag);  // the right values of Sigma_ik on the right-hand side
    Matrix<double> R = xt::zeros<double>({D, D});
    for (std::size_t i = 0; i < D; ++i)
        for (std::size_t j = 0; j < D; ++j) {
            double s = (i == j) ? dag.v(j) : 0.0;
            for (std::size_t k : dag_parents(dag.W, j)) s += dag.W(j, k) * S(i, k);
            R(i, j) = s;
        }
    return R;
}

namespace {
Matrix<double> inverse_of_i_minus_w(const LinearGaussianDag& dag) {
    const std::size_t D = dag.b.size();
    Matrix<double> A = xt::eye<double>(D) - dag.W;
    return xt::linalg::inv(A);
}
}  // namespace

Vector<double> mean_closed_form(const LinearGaussianDag& dag) {
    const Matrix<double> A = inverse_of_i_minus_w(dag);
    const std::size_t D = dag.b.size();
    Vector<double> mu = xt::zeros<double>({D});
    for (std::size_t i = 0; i < D; ++i)
        for (std::size_t j = 0; j < D; ++j) mu(i) += A(i, j) * dag.b(j);  // mu = (I - W)^{-1} b
    return mu;
}

Matrix<double> covariance_closed_form(const LinearGaussianDag& dag) {
    const Matrix<double> A = inverse_of_i_minus_w(dag);
    const std::size_t D = dag.b.size();
    Matrix<double> S = xt::zeros<double>({D, D});
    for (std::size_t i = 0; i < D; ++i)
        for (std::size_t j = 0; j < D; ++j)
            for (std::size_t k = 0; k < D; ++k) S(i, j) += A(i, k) * dag.v(k) * A(j, k);  // A diag(v) A^T
    return S;
}

Matrix<double> ancestral_sample(const LinearGaussianDag& dag, std::size_t n, Rng& rng) {
    const std::size_t D = dag.b.size();
    std::vector<std::vector<std::size_t>> parents(D);
    for (std::size_t i = 0; i < D; ++i) parents[i] = dag_parents(dag.W, i);
    Matrix<double> X = xt::zeros<double>({n, D});
    for (std::size_t t = 0; t < n; ++t)
        for (std::size_t i : dag.order) {  // x_i = sum_j w_ij x_j + b_i + sqrt(v_i) eps_i
            double x = dag.b(i);
            for (std::size_t j : parents[i]) x += dag.W(i, j) * X(t, j);
            X(t, i) = x + std::sqrt(dag.v(i)) * rng.normal();
        }
    return X;
}

double log_density(const LinearGaussianDag& dag, const Vector<double>& x) {
    check_shape("log_density", "x", x, {static_cast<long>(dag.b.size())});
    const double log_2pi = std::log(2.0 * 3.14159265358979323846);
    double lp = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        double r = x(i) - dag.b(i);
        for (std::size_t j = 0; j < x.size(); ++j) r -= dag.W(i, j) * x(j);
        lp += -0.5 * (log_2pi + std::log(dag.v(i))) - r * r / (2.0 * dag.v(i));
    }
    return lp;
}

GaussianMrf gaussian_mrf_form(const LinearGaussianDag& dag) {
    const std::size_t D = dag.b.size();
    const Matrix<double> A = xt::eye<double>(D) - dag.W;  // x = W x + b + noise  <=>  A x - b = noise
    Matrix<double> J = xt::zeros<double>({D, D});
    Vector<double> g = xt::zeros<double>({D});
    for (std::size_t i = 0; i < D; ++i)
        for (std::size_t j = 0; j < D; ++j) {
            double s = 0.0;
            for (std::size_t k = 0; k < D; ++k) s += A(k, i) * A(k, j) / dag.v(k);
            J(i, j) = s;
        }
    for (std::size_t i = 0; i < D; ++i)
        for (std::size_t k = 0; k < D; ++k) g(i) += A(k, i) * dag.b(k) / dag.v(k);
    return GaussianMrf{J, g};
}

}  // namespace dlc
