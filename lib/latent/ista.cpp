#include "latent/ista.hpp"

#include "core/check.hpp"

#include <xtensor-blas/xlinalg.hpp>

#include <cmath>
#include <string>

namespace dlc {

Vector<double> soft_threshold(const Vector<double>& a, double t) {
    require(t >= 0 && std::isfinite(t), "soft_threshold", "the threshold must be >= 0 and finite, got " + std::to_string(t));
    Vector<double> out = Vector<double>::from_shape({a.size()});
    for (std::size_t i = 0; i < a.size(); ++i) {
        const double m = std::abs(a(i)) - t;
        out(i) = m > 0 ? std::copysign(m, a(i)) : 0.0;  // sign(a) max(|a| - t, 0)
    }
    return out;
}

double sparse_coding_objective(const Matrix<double>& D, const Vector<double>& x, const Vector<double>& h,
                               double lambda) {
    const char* where = "sparse_coding_objective";
    check_shape(where, "x", x, {static_cast<long>(D.shape(0))});
    check_shape(where, "h", h, {static_cast<long>(D.shape(1))});
    double rec = 0, l1 = 0;
    for (std::size_t i = 0; i < D.shape(0); ++i) {
        double r = x(i);
        for (std::size_t j = 0; j < D.shape(1); ++j) r -= D(i, j) * h(j);
        rec += r * r;
    }
    for (double v : h) l1 += std::abs(v);
    return 0.5 * rec + lambda * l1;
}

double ista_lipschitz(const Matrix<double>& D) {
    check_nonempty("ista_lipschitz", "D", D);
    check_finite("ista_lipschitz", "D", D);
    const Vector<double> s = std::get<1>(xt::linalg::svd(D, false, false));
    return s(0) * s(0);
}

IstaResult ista(const Matrix<double>& D, const Vector<double>& x, double lambda, double step, std::size_t iterations,
                const Vector<double>& h0) {
    const char* where = "ista";
    check_nonempty(where, "D", D);
    check_finite(where, "D", D);
    check_shape(where, "x", x, {static_cast<long>(D.shape(0))});
    check_finite(where, "x", x);
    require(lambda >= 0 && std::isfinite(lambda), where, "lambda must be >= 0, got " + std::to_string(lambda));
    require(step > 0 && std::isfinite(step), where, "the step size must be positive, got " + std::to_string(step));
    const std::size_t d = D.shape(0), K = D.shape(1);
    IstaResult r;
    if (h0.size() == 0) {
        r.h = xt::zeros<double>({K});
    } else {
        check_shape(where, "h0", h0, {static_cast<long>(K)});
        check_finite(where, "h0", h0);
        r.h = h0;
    }
    const double f0 = sparse_coding_objective(D, x, r.h, lambda);
    r.objective.push_back(f0);
    Vector<double> residual = Vector<double>::from_shape({d}), grad = Vector<double>::from_shape({K});
    for (std::size_t it = 0; it < iterations; ++it) {
        for (std::size_t i = 0; i < d; ++i) {  // residual = D h - x
            double s = -x(i);
            for (std::size_t j = 0; j < K; ++j) s += D(i, j) * r.h(j);
            residual(i) = s;
        }
        for (std::size_t j = 0; j < K; ++j) {  // grad = D^T (D h - x)
            double s = 0;
            for (std::size_t i = 0; i < d; ++i) s += D(i, j) * residual(i);
            grad(j) = s;
        }
        r.h = soft_threshold(r.h - step * grad, step * lambda);  // h <- shrink(h - alpha grad, alpha lambda)
        ++r.iterations;
        const double f = sparse_coding_objective(D, x, r.h, lambda);
        if (f > r.objective.back() * (1 + 1e-12) + 1e-300) r.monotone = false;
        r.objective.push_back(f);
        if (!std::isfinite(f) || f > 1e12 * std::max(f0, 1e-300)) {
            r.diverged = true;
            break;
        }
    }
    return r;
}

}  // namespace dlc
