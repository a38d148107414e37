#include "latent/divergence.hpp"

#include "core/check.hpp"
#include "latent/cholesky.hpp"

#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

namespace dlc {

namespace {

template <class T>
void check_distribution(const char* where, const char* name, const Vector<T>& p) {
    check_nonempty(where, name, p);
    double s = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        const double v = static_cast<double>(p(i));
        if (!std::isfinite(v) || v < 0) {
            std::ostringstream msg;
            msg << name << " must have finite entries >= 0, got " << v << " at index " << i;
            throw ValueError(where, msg.str());
        }
        s += v;
    }
    const double tol = std::is_same<T, float>::value ? 1e-5 : 1e-9;
    if (std::abs(s - 1.0) > tol) {
        std::ostringstream msg;
        msg.precision(17);
        msg << name << " must sum to 1 (a probability distribution), got sum = " << s;
        throw ValueError(where, msg.str());
    }
}

}  // namespace

template <class T>
double kl_divergence(const Vector<T>& p, const Vector<T>& q) {
    const char* where = "kl_divergence";
    check_distribution(where, "p", p);
    check_shape(where, "q", q, {static_cast<long>(p.size())});
    check_distribution(where, "q", q);
    double kl = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        const double pi = p(i), qi = q(i);
        if (pi == 0) continue;
        if (qi == 0) return std::numeric_limits<double>::infinity();
        kl += pi * std::log(pi / qi);
    }
    return kl;
}

template <class T>
double entropy(const Vector<T>& p) {
    check_distribution("entropy", "p", p);
    double h = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        const double pi = p(i);
        if (pi > 0) h -= pi * std::log(pi);
    }
    return h;
}

template <class T>
double kl_gaussian(const Vector<T>& mean0, const Matrix<T>& cov0, const Vector<T>& mean1, const Matrix<T>& cov1) {
    const char* where = "kl_gaussian";
    check_nonempty(where, "mean0", mean0);
    const long d = static_cast<long>(mean0.size());
    check_shape(where, "cov0", cov0, {d, d});
    check_shape(where, "mean1", mean1, {d});
    check_shape(where, "cov1", cov1, {d, d});
    check_finite(where, "mean0", mean0);
    check_finite(where, "mean1", mean1);
    const Matrix<double> L0 = cholesky(Matrix<double>(xt::cast<double>(cov0)), where);
    const Matrix<double> L1 = cholesky(Matrix<double>(xt::cast<double>(cov1)), where);
    const std::size_t n = mean0.size();
    // tr(Sigma1^{-1} Sigma0) = ||L1^{-1} L0||_F^2, one forward substitution per column of L0.
    double trace = 0;
    std::vector<double> col(n);
    for (std::size_t c = 0; c < n; ++c) {
        for (std::size_t r = 0; r < n; ++r) col[r] = L0(r, c);
        solve_lower_in_place(L1, col.data());
        for (double v : col) trace += v * v;
    }
    for (std::size_t r = 0; r < n; ++r) col[r] = static_cast<double>(mean1(r)) - static_cast<double>(mean0(r));
    solve_lower_in_place(L1, col.data());
    double quad = 0;
    for (double v : col) quad += v * v;
    return 0.5 * (trace + quad - double(n) + log_det_from_cholesky(L1) - log_det_from_cholesky(L0));
}

#define DLC_INSTANTIATE_DIVERGENCE(T)                                                                      \
    template double kl_divergence<T>(const Vector<T>&, const Vector<T>&);                                 \
    template double entropy<T>(const Vector<T>&);                                                         \
    template double kl_gaussian<T>(const Vector<T>&, const Matrix<T>&, const Vector<T>&, const Matrix<T>&);
DLC_INSTANTIATE_DIVERGENCE(float)
DLC_INSTANTIATE_DIVERGENCE(double)
#undef DLC_INSTANTIATE_DIVERGENCE

}  // namespace dlc
