#include "gan/density1d.hpp"

#include "core/check.hpp"
#include "core/error.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace dlc {

namespace {

std::string num(double x) {
    std::ostringstream s;
    s.precision(10);
    s << x;
    return s.str();
}

// w log(w / r), with 0 log(0 / r) = 0 and +inf for w > 0 = r.
double plogq(double w, double r) {
    if (w == 0.0) return 0.0;
    if (r == 0.0) return std::numeric_limits<double>::infinity();
    return w * std::log(w / r);
}

// The integral of f over the union of the two supports, piece by piece between the sorted support ends (a
// density may jump there), each piece with `intervals` Simpson intervals; f is evaluated just inside the
// ends of each piece (a relative 1e-12 of its width in), so a jump is never straddled.
double integrate_over_supports(const std::function<double(double)>& f, const Density1d& p, const Density1d& q,
                               std::size_t intervals) {
    std::vector<double> ends{p.lo, p.hi, q.lo, q.hi};
    std::sort(ends.begin(), ends.end());
    ends.erase(std::unique(ends.begin(), ends.end()), ends.end());
    double total = 0;
    for (std::size_t k = 0; k + 1 < ends.size(); ++k) {
        const double a = ends[k], b = ends[k + 1], inset = 1e-12 * (b - a);
        total += simpson([&](double x) { return f(std::clamp(x, a + inset, b - inset)); }, a, b, intervals);
    }
    return total;
}

}  // namespace

double simpson(const std::function<double(double)>& f, double a, double b, std::size_t intervals) {
    require(std::isfinite(a) && std::isfinite(b) && a < b, "simpson",
            "expected finite ends a < b, got a = " + num(a) + ", b = " + num(b));
    require(intervals >= 2 && intervals % 2 == 0, "simpson",
            "expected an even number of intervals >= 2, got " + std::to_string(intervals));
    const double h = (b - a) / double(intervals);
    double odd = 0, even = 0;
    for (std::size_t i = 1; i < intervals; ++i) (i % 2 ? odd : even) += f(a + double(i) * h);
    return h / 3 * (f(a) + 4 * odd + 2 * even + f(b));
}

void check_density(const Density1d& d, const char* where, double tolerance, std::size_t intervals) {
    const std::string name = d.name.empty() ? std::string("density") : "density '" + d.name + "'";
    if (!d.pdf) throw ValueError(where, name + " has no pdf");
    if (!(std::isfinite(d.lo) && std::isfinite(d.hi) && d.lo < d.hi))
        throw ValueError(where, name + ": expected a finite support lo < hi, got [" + num(d.lo) + ", " + num(d.hi) + "]");
    require(intervals >= 2 && intervals % 2 == 0, where,
            "expected an even number of intervals >= 2, got " + std::to_string(intervals));
    const double h = (d.hi - d.lo) / double(intervals);
    for (std::size_t i = 0; i <= intervals; ++i) {
        const double x = i == intervals ? d.hi : d.lo + double(i) * h;
        const double v = d.pdf(x);
        if (!std::isfinite(v) || v < 0)
            throw ValueError(where, name + ": expected f(x) >= 0 and finite, got f(" + num(x) + ") = " + num(v));
    }
    const double total = simpson(d.pdf, d.lo, d.hi, intervals);
    if (!(std::abs(total - 1.0) <= tolerance))
        throw ValueError(where, name + ": expected the integral of f over [" + num(d.lo) + ", " + num(d.hi) +
                                    "] to be 1, got " + num(total));
}

double optimal_discriminator(double p_data, double p_g) {
    if (!(std::isfinite(p_data) && std::isfinite(p_g) && p_data >= 0 && p_g >= 0))
        throw ValueError("optimal_discriminator", "expected finite densities >= 0, got p_data = " + num(p_data) +
                                                      ", p_g = " + num(p_g));
    return p_data + p_g == 0 ? 0.5 : p_data / (p_data + p_g);
}

std::vector<double> optimal_discriminator(const Density1d& p_data, const Density1d& p_g, const std::vector<double>& x) {
    std::vector<double> d(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) d[i] = optimal_discriminator(p_data(x[i]), p_g(x[i]));
    return d;
}

double gan_value(const Density1d& p_data, const Density1d& p_g, const std::function<double(double)>& D,
                 std::size_t intervals) {
    check_density(p_data, "gan_value");
    check_density(p_g, "gan_value");
    return integrate_over_supports(
        [&](double x) {
            const double d = D(x);
            if (!(d >= 0 && d <= 1))
                throw ValueError("gan_value", "expected D(x) in [0, 1], got D(" + num(x) + ") = " + num(d));
            const double p = p_data(x), q = p_g(x);
            // p log D + q log(1 - D) = -(p log(1/D) + q log(1/(1-D))), with 0 log 0 = 0.
            return -plogq(p, p * d) - plogq(q, q * (1 - d));
        },
        p_data, p_g, intervals);
}

double kl_divergence(const Density1d& p, const Density1d& q, std::size_t intervals) {
    check_density(p, "kl_divergence");
    check_density(q, "kl_divergence");
    return integrate_over_supports([&](double x) { return plogq(p(x), q(x)); }, p, q, intervals);
}

double js_divergence(const Density1d& p, const Density1d& q, std::size_t intervals) {
    check_density(p, "js_divergence");
    check_density(q, "js_divergence");
    return integrate_over_supports(
        [&](double x) {
            const double px = p(x), qx = q(x), m = 0.5 * (px + qx);
            return 0.5 * plogq(px, m) + 0.5 * plogq(qx, m);
        },
        p, q, intervals);
}

}  // namespace dlc
