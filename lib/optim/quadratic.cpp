#include "optim/quadratic.hpp"

#include "core/check.hpp"
#include "core/error.hpp"
#include "optim/divergence.hpp"

#include <xtensor-blas/xlinalg.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace dlc {

Quadratic::Quadratic(Matrix<double> H, Vector<double> g, double c) : H_(std::move(H)), g_(std::move(g)), c_(c) {
    const char* where = "Quadratic";
    const long n = static_cast<long>(g_.size());
    check_nonempty(where, "g", g_);
    check_shape(where, "H", H_, {n, n});
    check_finite(where, "H", H_);
    check_finite(where, "g", g_);
    require(std::isfinite(c_), where, "the constant c must be finite, got " + std::to_string(c_));
    for (std::size_t i = 0; i < g_.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            require(H_(i, j) == H_(j, i), where,
                    "H must be symmetric, but H(" + std::to_string(i) + ", " + std::to_string(j) + ") = " +
                        std::to_string(H_(i, j)) + " differs from H(" + std::to_string(j) + ", " +
                        std::to_string(i) + ") = " + std::to_string(H_(j, i)));
}

Quadratic Quadratic::from_coefficients_2d(double a11, double a12, double a22, double b1, double b2, double c) {
    // d/dw1 = 2 a11 w1 + a12 w2 + b1, d/dw2 = a12 w1 + 2 a22 w2 + b2: the rows of H w + g.
    return Quadratic(Matrix<double>{{2 * a11, a12}, {a12, 2 * a22}}, Vector<double>{b1, b2}, c);
}

double Quadratic::value(const Vector<double>& w) const {
    check_shape("Quadratic::value", "w", w, {static_cast<long>(dimension())});
    double r = c_;
    for (std::size_t i = 0; i < dimension(); ++i) {
        r += g_(i) * w(i);
        for (std::size_t j = 0; j < dimension(); ++j) r += 0.5 * w(i) * H_(i, j) * w(j);
    }
    return r;
}

Vector<double> Quadratic::gradient(const Vector<double>& w) const {
    check_shape("Quadratic::gradient", "w", w, {static_cast<long>(dimension())});
    Vector<double> grad = g_;
    for (std::size_t i = 0; i < dimension(); ++i)
        for (std::size_t j = 0; j < dimension(); ++j) grad(i) += H_(i, j) * w(j);
    return grad;
}

Vector<double> hessian_eigenvalues(const Quadratic& q) {
    return xt::linalg::eigvalsh(q.hessian());  // ascending
}

Vector<double> stationary_point(const Quadratic& q) {
    const Vector<double> lambda = hessian_eigenvalues(q);
    const double largest = std::max(std::abs(lambda(0)), std::abs(lambda(lambda.size() - 1)));
    const double smallest = xt::amin(xt::abs(lambda))();
    require(smallest > 1e-12 * largest, "stationary_point",
            "H is singular (eigenvalue " + std::to_string(smallest) + "): H w = -g has no unique solution");
    const Vector<double> minus_g = -q.linear();
    return xt::linalg::solve(q.hessian(), minus_g);  // H w = -g
}

namespace {

void require_positive_definite(const Vector<double>& lambda, const char* where) {
    require(lambda(0) > 0, where,
            "H must be positive definite (a unique minimum), but its smallest eigenvalue is " +
                std::to_string(lambda(0)));
}

}  // namespace

double critical_step(const Quadratic& q) {
    const Vector<double> lambda = hessian_eigenvalues(q);
    require_positive_definite(lambda, "critical_step");
    return 2.0 / lambda(lambda.size() - 1);
}

double optimal_step(const Quadratic& q) {
    const Vector<double> lambda = hessian_eigenvalues(q);
    require_positive_definite(lambda, "optimal_step");
    return 2.0 / (lambda(0) + lambda(lambda.size() - 1));
}

double contraction_factor(const Quadratic& q, double eta) {
    const Vector<double> lambda = hessian_eigenvalues(q);
    double rho = 0;
    for (double l : lambda) rho = std::max(rho, std::abs(1.0 - eta * l));
    return rho;
}

void gradient_descent(const Quadratic& q, const Vector<double>& w0, double eta, std::size_t iterations,
                      QuadraticTrace& trace, double blowup_factor) {
    const char* where = "gradient_descent";
    check_shape(where, "w0", w0, {static_cast<long>(q.dimension())});
    check_finite(where, "w0", w0);
    require(std::isfinite(eta) && eta > 0, where, "the step eta must be positive and finite, got " + std::to_string(eta));
    require(blowup_factor > 1, where, "the blow-up factor must be above 1, got " + std::to_string(blowup_factor));
    DivergenceMonitor monitor(where, "R(w)", blowup_factor, 1.0);
    trace.w.clear();
    trace.value.clear();
    Vector<double> w = w0;
    for (std::size_t t = 0;; ++t) {
        const double R = q.value(w);
        monitor.check(R, "iteration " + std::to_string(t));  // throws DivergenceError on a blow-up
        trace.w.push_back(w);
        trace.value.push_back(R);
        if (t == iterations) break;
        w -= eta * q.gradient(w);  // w(t+1) = w(t) - eta grad R(w(t))
    }
}

}  // namespace dlc
