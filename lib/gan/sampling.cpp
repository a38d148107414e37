#include "gan/sampling.hpp"

#include "core/check.hpp"
#include "core/error.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace dlc {

double inverse_cdf(const std::function<double(double)>& F, double u, double lo, double hi) {
    require(u >= 0 && u <= 1, "inverse_cdf", "expected u in [0, 1], got " + std::to_string(u));
    require(std::isfinite(lo) && std::isfinite(hi) && lo < hi, "inverse_cdf",
            "expected a finite interval lo < hi, got [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    double a = lo, b = hi;  // invariant: F(a) < u <= F(b), or a = lo
    const double tol = 1e-15 * (hi - lo);
    while (b - a > tol) {
        const double m = 0.5 * (a + b);
        if (m <= a || m >= b) break;  // no double strictly between them
        if (F(m) >= u)
            b = m;
        else
            a = m;
    }
    return u <= 0 ? lo : b;
}

std::vector<double> sample_inverse_cdf(const std::function<double(double)>& g, std::size_t n, Rng& rng) {
    require(static_cast<bool>(g), "sample_inverse_cdf", "expected an inverse CDF, got an empty function");
    std::vector<double> x(n);
    for (auto& v : x) v = g(rng.uniform());
    return x;
}

double ks_distance(std::vector<double> samples, const std::function<double(double)>& F) {
    if (samples.empty()) throw ShapeError("ks_distance", "samples is empty");
    for (double v : samples)
        if (!std::isfinite(v)) throw ValueError("ks_distance", "expected finite samples, got " + std::to_string(v));
    std::sort(samples.begin(), samples.end());
    const double n = double(samples.size());
    double d = 0;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        const double f = F(samples[i]);
        if (!(f >= 0 && f <= 1))
            throw ValueError("ks_distance", "expected F(x) in [0, 1], got F(" + std::to_string(samples[i]) +
                                                ") = " + std::to_string(f));
        d = std::max({d, double(i + 1) / n - f, f - double(i) / n});
    }
    return d;
}

double ks_p_value(double distance, std::size_t n) {
    require(n > 0, "ks_p_value", "expected n >= 1 samples, got 0");
    require(distance >= 0 && distance <= 1, "ks_p_value", "expected a distance in [0, 1], got " + std::to_string(distance));
    const double sn = std::sqrt(double(n));
    const double lambda = (sn + 0.12 + 0.11 / sn) * distance;
    if (lambda < 0.2) return 1.0;
    double q = 0, sign = 1;
    for (int k = 1; k <= 100; ++k) {
        const double term = std::exp(-2.0 * k * k * lambda * lambda);
        q += sign * term;
        sign = -sign;
        if (term < 1e-16) break;
    }
    return std::clamp(2 * q, 0.0, 1.0);
}

}  // namespace dlc
