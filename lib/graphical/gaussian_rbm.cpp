#include "graphical/gaussian_rbm.hpp"

#include "core/check.hpp"
#include "graphical/binary_states.hpp"
#include "graphical/rbm.hpp"
#include "latent/logsumexp.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace dlc {

GaussianBernoulliRbm make_gaussian_rbm(const Matrix<double>& W, const Vector<double>& b, const Vector<double>& c,
                                       const Vector<double>& sigma) {
    const char* where = "make_gaussian_rbm";
    check_nonempty(where, "b (hidden biases)", b);
    check_nonempty(where, "c (visible means)", c);
    check_shape(where, "W", W, {static_cast<long>(b.size()), static_cast<long>(c.size())});
    check_shape(where, "sigma", sigma, {static_cast<long>(c.size())});
    check_finite(where, "W", W);
    check_finite(where, "b", b);
    check_finite(where, "c", c);
    check_finite(where, "sigma", sigma);
    for (std::size_t i = 0; i < sigma.size(); ++i)
        require(sigma(i) > 0.0, where,
                "expected every standard deviation sigma_i > 0 (a positive variance), got sigma_" + std::to_string(i + 1) +
                    " = " + std::to_string(sigma(i)));
    return GaussianBernoulliRbm{W, b, c, sigma};
}

namespace {
void check_x(const char* where, const GaussianBernoulliRbm& g, const Vector<double>& x) {
    check_shape(where, "x", x, {static_cast<long>(g.c.size())});
    check_finite(where, "x", x);
}
void check_h(const char* where, const GaussianBernoulliRbm& g, const Vector<double>& h) {
    check_shape(where, "h", h, {static_cast<long>(g.b.size())});
    check_binary(where, "h", h);
}
double hidden_input(const GaussianBernoulliRbm& g, std::size_t j, const Vector<double>& x) {  // b_j + sum_i W_ji x_i / sigma_i
    double a = g.b(j);
    for (std::size_t i = 0; i < x.size(); ++i) a += g.W(j, i) * x(i) / g.sigma(i);
    return a;
}
double quadratic(const GaussianBernoulliRbm& g, const Vector<double>& x) {  // sum_i (x_i - c_i)^2 / (2 sigma_i^2)
    double q = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) q += (x(i) - g.c(i)) * (x(i) - g.c(i)) / (2.0 * g.sigma(i) * g.sigma(i));
    return q;
}
}  // namespace

double rbm_energy(const GaussianBernoulliRbm& g, const Vector<double>& x, const Vector<double>& h) {
    check_x("rbm_energy", g, x);
    check_h("rbm_energy", g, h);
    double e = quadratic(g, x);
    for (std::size_t j = 0; j < h.size(); ++j) e -= h(j) * hidden_input(g, j, x);  // - h^T W (x / sigma) - b^T h
    return e;
}

double free_energy(const GaussianBernoulliRbm& g, const Vector<double>& x) {
    check_x("free_energy", g, x);
    double f = quadratic(g, x);
    for (std::size_t j = 0; j < g.b.size(); ++j) f -= softplus(hidden_input(g, j, x));
    return f;
}

Vector<double> hidden_probabilities(const GaussianBernoulliRbm& g, const Vector<double>& x) {
    check_x("hidden_probabilities", g, x);
    Vector<double> p = Vector<double>::from_shape({g.b.size()});
    for (std::size_t j = 0; j < g.b.size(); ++j) p(j) = sigmoid(hidden_input(g, j, x));
    return p;
}

Vector<double> visible_conditional_mean(const GaussianBernoulliRbm& g, const Vector<double>& h) {
    check_h("visible_conditional_mean", g, h);
    Vector<double> m = g.c;
    for (std::size_t i = 0; i < m.size(); ++i)
        for (std::size_t j = 0; j < h.size(); ++j) m(i) += g.sigma(i) * g.W(j, i) * h(j);  // c + sigma (W^T h)
    return m;
}

double log_visible_conditional(const GaussianBernoulliRbm& g, const Vector<double>& x, const Vector<double>& h) {
    check_x("log_visible_conditional", g, x);
    const Vector<double> m = visible_conditional_mean(g, h);
    const double log_2pi = std::log(2.0 * 3.14159265358979323846);
    double lp = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double z = (x(i) - m(i)) / g.sigma(i);
        lp += -0.5 * (log_2pi + z * z) - std::log(g.sigma(i));
    }
    return lp;
}

double log_partition_exact(const GaussianBernoulliRbm& g) {
    const std::size_t H = g.b.size(), D = g.c.size();
    check_enumerable("log_partition_exact", "hidden units", H);
    const double log_sqrt_2pi = 0.5 * std::log(2.0 * 3.14159265358979323846);
    std::vector<double> terms(std::size_t(1) << H);
    for (std::size_t s = 0; s < terms.size(); ++s) {
        double t = 0.0;
        for (std::size_t j = 0; j < H; ++j) t += g.b(j) * state_bit(s, H, j);  // b^T h
        for (std::size_t i = 0; i < D; ++i) {
            double m = 0.0;  // m_i = (W^T h)_i
            for (std::size_t j = 0; j < H; ++j) m += g.W(j, i) * state_bit(s, H, j);
            t += log_sqrt_2pi + std::log(g.sigma(i)) + g.c(i) * m / g.sigma(i) + 0.5 * m * m;
        }
        terms[s] = t;
    }
    return logsumexp(terms.data(), terms.size());
}

}  // namespace dlc
