// ECE559 L19&20 "(4) Derived distributions", computed: z uniform on [0, 1], x = f(z) = -log z. The density of x derived
// correctly (f is decreasing, so P(X <= x) = P(z >= e^{-x}) and p_x(x) = p_z(f^{-1}(x)) |d f^{-1}/dx| = e^{-x} on x > 0, the
// exponential distribution) and checked against 200 000 samples (a histogram and the Kolmogorov-Smirnov statistic). The
// printed derivation has the CDF's direction, the sign of the density and its support wrong; each is shown with numbers.
#include "cases.hpp"
#include "common.hpp"

#include "plot/figure.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace vae_lecture {

void derived_distributions(dlc::Case& c) {
    auto& out = c.out();
    const std::size_t n = 200000;
    std::vector<double> x(n);
    for (auto& v : x) v = -std::log(1.0 - c.rng().uniform());  // z = 1 - u is uniform on (0, 1]
    std::sort(x.begin(), x.end());
    // Kolmogorov-Smirnov: D_n = sup_x |F_n(x) - F(x)| with F(x) = 1 - e^{-x}.
    double ks = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double F = 1 - std::exp(-x[i]);
        ks = std::max({ks, std::abs(double(i + 1) / double(n) - F), std::abs(double(i) / double(n) - F)});
    }
    const double critical = 1.358 / std::sqrt(double(n));  // 5% level of the KS test
    std::size_t negative = 0;
    double mean = 0;
    for (double v : x) negative += v < 0, mean += v;
    mean /= double(n);
    out << "z ~ U[0, 1], x = -log z: f(z) = -log z is decreasing, f^-1(x) = e^{-x}.\n"
        << "  P(X <= x) = P(-log z <= x) = P(z >= e^{-x}) = 1 - e^{-x} for x > 0;\n"
        << "  p_x(x) = p_z(f^-1(x)) |d f^-1/dx| = 1 * |-e^{-x}| = e^{-x} on x > 0 (0 for x <= 0): the exponential distribution.\n"
        << n << " samples: mean " << dlc::fmt(mean, 5) << " (exact 1), smallest " << dlc::fmt(x.front(), 3) << ", "
        << negative << " negative; Kolmogorov-Smirnov D_n = sup |F_n - (1 - e^{-x})| = " << dlc::fmt(ks, 4)
        << " (5% critical value " << dlc::fmt(critical, 4) << "): " << (ks < critical ? "consistent" : "NOT consistent")
        << " with e^{-x} on x > 0.\n";
    c.set("samples", n);
    c.set("mean", mean);
    c.set("ks_statistic", ks);
    c.set("ks_critical_5pct", critical);
    c.set("ks_consistent", ks < critical);
    c.set("negative_samples", negative);

    // The printed steps, evaluated.
    const double x1 = 1.0;
    const double emp = double(std::upper_bound(x.begin(), x.end(), x1) - x.begin()) / double(n);
    const double printed_cdf = std::exp(-x1);  // P(z <= f^-1(1)) = e^{-1}
    out << "Printed: P(X <= x) = P(f(z) <= x) = P(z <= f^-1(x)). At x = 1 that is P(z <= e^-1) = " << dlc::fmt(printed_cdf, 5)
        << ", but the samples give P(X <= 1) = " << dlc::fmt(emp, 5) << " = 1 - e^-1 = " << dlc::fmt(1 - std::exp(-1.0), 5)
        << ": for a decreasing f the inequality flips.\n";
    c.erratum("L19&20 (4) Derived distributions: P(X <= x)", "P(f(z) <= x) = P(z <= f^-1(x))",
              "P(f(z) <= x) = P(z >= f^-1(x)) = 1 - e^{-x}",
              "f(z) = -log z is decreasing, so {f(z) <= x} = {z >= f^-1(x)}; the printed rule holds only for increasing f. "
              "At x = 1 it gives P(z <= e^-1) = " + dlc::fmt(printed_cdf, 5) + ", while the samples give P(X <= 1) = " +
                  dlc::fmt(emp, 5) + " = 1 - e^-1 = " + dlc::fmt(1 - std::exp(-1.0), 5));
    out << "Printed: p_x(x) = 1 * (-e^{-x}) on e^{-x} in (0, 1): at x = 1 that is " << dlc::fmt(-std::exp(-1.0), 5)
        << ", a negative density; the derivative of f^-1 needs its absolute value: |d f^-1/dx| = e^{-x} = "
        << dlc::fmt(std::exp(-1.0), 5) << ".\n";
    c.erratum("L19&20 (4) Derived distributions: p_x(x) on e^{-x} in (0, 1)", "1 * (-e^{-x})", "1 * |-e^{-x}| = e^{-x}",
              "the change of variables needs |d f^-1/dx| for a decreasing f: the printed expression is " +
                  dlc::fmt(-std::exp(-1.0), 5) + " at x = 1, and a density cannot be negative");
    out << "Printed: p_x(x) = e^{-x} for x < 0 and 0 for x >= 0. But e^{-x} in (0, 1) means x > 0; all " << n
        << " samples are >= 0 (" << negative << " negative), and e^{-x} on x < 0 integrates to infinity, so it is no density.\n";
    c.erratum("L19&20 (4) Derived distributions: support of p_x", "e^{-x} for x < 0, 0 for x >= 0",
              "e^{-x} for x > 0, 0 for x <= 0",
              "e^{-x} in (0, 1) iff x > 0; the samples are all >= 0 and match e^{-x} on x > 0 (KS D = " + dlc::fmt(ks, 3) + ")");
    c.note("L19&20 (4) Derived distributions, notation",
           "P(x) is used both for the CDF P(X <= x) and for the density dP/dx, and 'P(f(z)) . df^-1/dx' should read "
           "p_z(f^-1(x)) |df^-1/dx| (with f^-1(x) in the argument).");

    // Histogram (density per bin) against e^{-x}; the printed density drawn on x < 0.
    const double width = 0.1, top = 6.0;
    const std::size_t bins = std::size_t(top / width);
    std::vector<double> centres, dens;
    std::size_t j = 0;
    for (std::size_t b = 0; b < bins; ++b) {
        const double lo = b * width, hi = lo + width;
        std::size_t count = 0;
        while (j < n && x[j] < hi) {
            if (x[j] >= lo) ++count;
            ++j;
        }
        centres.push_back(lo + width / 2);
        dens.push_back(double(count) / (double(n) * width));
    }
    std::vector<double> gx, gy, px, py;
    for (int i = 0; i <= 300; ++i) {
        const double t = -3 + 9.0 * i / 300;
        gx.push_back(t);
        gy.push_back(t > 0 ? std::exp(-t) : 0.0);
        if (t < 0) px.push_back(t), py.push_back(std::min(std::exp(-t), 20.0));
    }
    dlc::plot::Figure f("derived_density");
    dlc::plot::LineStyle exact, printed;
    printed.dashed = true;
    dlc::Matrix<double> hist = dlc::Matrix<double>::from_shape({centres.size(), std::size_t(2)});
    for (std::size_t b = 0; b < centres.size(); ++b) hist(b, 0) = centres[b], hist(b, 1) = dens[b];
    f.title("x = -log z, z ~ U[0, 1]: histogram of 200 000 samples against the derived density").xlabel("x")
        .ylabel("density").yrange(0, 1.3).xrange(-3, 6)
        .scatter(hist, "samples (histogram, bins of 0.1)", dlc::plot::PointStyle{dlc::plot::Marker::circle, 0.9, 1.5, ""})
        .lines(gx, gy, "e^{-x} on x > 0 (derived here)", exact)
        .lines(px, py, "printed: e^{-x} on x < 0 (no sample falls there)", printed);
    c.figure(f, "The samples follow e^{-x} on x > 0; the printed density lives on the wrong half-line");
}

}  // namespace vae_lecture
