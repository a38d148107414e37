// Bahng Definition 9.12, the Gaussian-Bernoulli RBM. The first printed energy E = -h^T W x - c^T x - b^T h - x^T x / 2:
// is exp(-E) integrable over x? (numerically: no, the integral over [-L, L] grows like exp(L^2 / 2)). With the sign
// of the quadratic term flipped it is, and p(x | h) = N(c + W^T h, I) as printed. The second energy, with sigma_i,
// is normalizable too: log Z in closed form against numerical integration, and its conditional p(v | h).
#include "cases.hpp"
#include "common.hpp"

#include "graphical/binary_states.hpp"
#include "graphical/gaussian_rbm.hpp"
#include "latent/logsumexp.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <cmath>
#include <functional>
#include <string>
#include <vector>

namespace boltzmann_lecture {

namespace {

using dlc::Matrix;
using dlc::Vector;


// log of the trapezoid rule for int_{-L}^{L} exp(g(x)) dx, step dx, in log space (the integrand may overflow).
double log_integral_1d(const std::function<double(double)>& g, double L, double dx) {
    const std::size_t n = static_cast<std::size_t>(std::llround(2 * L / dx));
    std::vector<double> terms(n + 1);
    for (std::size_t i = 0; i <= n; ++i) terms[i] = g(-L + dx * double(i)) + ((i == 0 || i == n) ? std::log(0.5) : 0.0);
    return std::log(dx) + dlc::logsumexp(terms.data(), terms.size());
}

// log int over [-L, L]^2 of exp(g(x)) by the trapezoid rule (step dx), in log space.
double log_integral_2d(const std::function<double(const Vector<double>&)>& g, double L, double dx) {
    const std::size_t n = static_cast<std::size_t>(std::llround(2 * L / dx));
    std::vector<double> terms;
    terms.reserve((n + 1) * (n + 1));
    Vector<double> x = xt::zeros<double>({std::size_t(2)});
    for (std::size_t a = 0; a <= n; ++a)
        for (std::size_t b = 0; b <= n; ++b) {
            x(0) = -L + dx * double(a);
            x(1) = -L + dx * double(b);
            const double w = ((a == 0 || a == n) ? std::log(0.5) : 0.0) + ((b == 0 || b == n) ? std::log(0.5) : 0.0);
            terms.push_back(g(x) + w);
        }
    return 2 * std::log(dx) + dlc::logsumexp(terms.data(), terms.size());
}

}  // namespace

void gaussian_bernoulli_rbm(dlc::Case& c) {
    auto& out = c.out();
    auto& rng = c.rng();

    // 1. One visible and one hidden unit: the printed energy and the corrected one.
    const double W = round2(rng.normal(0, 1)), b = round2(rng.normal(0, 0.5)), cv = round2(rng.normal(0, 0.5));
    auto printed = [&](double x, int h) { return -h * W * x - cv * x - b * h - 0.5 * x * x; };   // as printed
    auto corrected = [&](double x, int h) { return -h * W * x - cv * x - b * h + 0.5 * x * x; };  // + x^T x / 2
    out << "D = H = 1 with W = " << dlc::fmt(W) << ", b = " << dlc::fmt(b) << ", c = " << dlc::fmt(cv) << " (seeded).\n"
        << "Printed:   E(x, h) = -h W x - c x - b h - x^2/2.   Corrected: E(x, h) = -h W x - c x - b h + x^2/2.\n"
        << "log of int_{-L}^{L} exp(-E(x, h)) dx (trapezoid rule, step 1e-3):\n";
    dlc::TextTable t({"L", "printed, h = 0", "printed, h = 1", "corrected, h = 0", "corrected, h = 1"});
    std::vector<double> Ls, lp0, lp1, lc0, lc1;
    for (double L : {0.5, 1.0, 2.0, 4.0, 8.0, 12.0, 16.0, 24.0, 32.0}) {
        Ls.push_back(L);
        lp0.push_back(log_integral_1d([&](double x) { return -printed(x, 0); }, L, 1e-3));
        lp1.push_back(log_integral_1d([&](double x) { return -printed(x, 1); }, L, 1e-3));
        lc0.push_back(log_integral_1d([&](double x) { return -corrected(x, 0); }, L, 1e-3));
        lc1.push_back(log_integral_1d([&](double x) { return -corrected(x, 1); }, L, 1e-3));
        t.row({dlc::fmt(L), dlc::fmt(lp0.back(), 8), dlc::fmt(lp1.back(), 8), dlc::fmt(lc0.back(), 12),
               dlc::fmt(lc1.back(), 12)});
    }
    // Closed form for the corrected energy: int exp(-(x - m)^2/2 + m^2/2 + b h) dx = sqrt(2 pi) exp(m^2/2 + b h), m = c + W h.
    const double closed0 = 0.5 * std::log(2 * M_PI) + 0.5 * cv * cv, closed1 = 0.5 * std::log(2 * M_PI) + 0.5 * (cv + W) * (cv + W) + b;
    out << t.str() << "The printed integrals grow like L^2/2 (L = 32: " << dlc::fmt(lp0.back(), 6) << ", 32^2/2 = 512): "
        << "exp(-E) is not integrable and no Z exists. The corrected ones converge to log(sqrt(2 pi)) + m^2/2 + b h = "
        << dlc::fmt(closed0, 12) << " and " << dlc::fmt(closed1, 12) << " (m = c + W h).\n";
    const bool diverges = lp0.back() - lp0[lp0.size() - 2] > 100;
    if (diverges)
        c.erratum("Definition 9.12: the Gaussian-Bernoulli energy", "-h^T W x - c^T x - b^T h - (1/2) x^T x",
                  "-h^T W x - c^T x - b^T h + (1/2) x^T x",
                  "with -x^T x / 2 the density exp(-E) grows like exp(x^T x / 2): numerically log int_{-L}^{L} exp(-E) dx = " +
                      dlc::fmt(lp0[lp0.size() - 2], 5) + " at L = 24 and " + dlc::fmt(lp0.back(), 5) +
                      " at L = 32, so Z is infinite; with +x^T x / 2 it converges (to " + dlc::fmt(closed0, 8) +
                      " for h = 0) and p(x | h) = N(c + W^T h, I) as the notes state");

    // p(x | h) from the corrected energy, normalized numerically: mean, variance, and the density at a few points.
    double worst_density = 0;
    std::vector<double> xs, dens0, dens1, gauss0, gauss1;
    std::vector<double> mean(2), var(2);
    for (int h = 0; h < 2; ++h) {
        const double logZh = log_integral_1d([&](double x) { return -corrected(x, h); }, 16, 1e-3);
        double m1 = 0, m2 = 0;
        const double dx = 1e-3;
        for (double x = -16; x <= 16; x += dx) {
            const double p = std::exp(-corrected(x, h) - logZh);
            m1 += x * p * dx;
            m2 += x * x * p * dx;
        }
        mean[h] = m1;
        var[h] = m2 - m1 * m1;
        const double mu = cv + W * h;
        for (double x = -4; x <= 4.0001; x += 0.05) {
            const double numeric = std::exp(-corrected(x, h) - logZh);
            const double gauss = std::exp(-0.5 * (x - mu) * (x - mu)) / std::sqrt(2 * M_PI);
            worst_density = std::max(worst_density, std::abs(numeric - gauss));
            if (h == 0) {
                xs.push_back(x);
                dens0.push_back(numeric);
                gauss0.push_back(gauss);
            } else {
                dens1.push_back(numeric);
                gauss1.push_back(gauss);
            }
        }
    }
    out << "\nWith the corrected energy, p(x | h) = exp(-E(x, h)) / int exp(-E(x', h)) dx' has mean " << dlc::fmt(mean[0], 10)
        << " and variance " << dlc::fmt(var[0], 10) << " for h = 0 (c = " << dlc::fmt(cv) << "), mean " << dlc::fmt(mean[1], 10)
        << " and variance " << dlc::fmt(var[1], 10) << " for h = 1 (c + W = " << dlc::fmt(cv + W)
        << "); it differs from N(c + W h, 1) by at most " << dlc::fmt(worst_density, 3) << " on [-4, 4].\n";
    if (worst_density < 1e-9 && std::abs(mean[1] - (cv + W)) < 1e-9 && std::abs(var[1] - 1) < 1e-9)
        c.agrees("Definition 9.12: p(x | h) = N(c + W^T h, I) (with the energy's quadratic term +x^T x / 2)",
                 nlohmann::json::array({mean[0], mean[1]}));

    // 2. D = 2, H = 3: the corrected energy's log Z by enumeration of h + the Gaussian integral, vs 2-D integration.
    Matrix<double> W2 = xt::zeros<double>({std::size_t(3), std::size_t(2)});
    for (auto& w : W2) w = round2(rng.normal(0, 0.7));
    Vector<double> b2 = xt::zeros<double>({std::size_t(3)}), c2 = xt::zeros<double>({std::size_t(2)});
    for (auto& v : b2) v = round2(rng.normal(0, 0.5));
    for (auto& v : c2) v = round2(rng.normal(0, 0.5));
    const auto unit = dlc::make_gaussian_rbm(W2, b2, c2, Vector<double>{1.0, 1.0});
    // Corrected first energy = library energy - ||c||^2 / 2 when sigma = 1.
    const double half_cc = 0.5 * (c2(0) * c2(0) + c2(1) * c2(1));
    std::vector<double> per_h(8);
    for (std::size_t hs = 0; hs < 8; ++hs) {
        const auto h = dlc::binary_state<double>(hs, 3);
        per_h[hs] = log_integral_2d([&](const Vector<double>& x) { return -(dlc::rbm_energy(unit, x, h) - half_cc); }, 12, 0.1);
    }
    const double logZ_numeric = dlc::logsumexp(per_h.data(), per_h.size());
    const double logZ_closed = dlc::log_partition_exact(unit) + half_cc;
    out << "\nD = 2, H = 3 (seeded W =\n" << matrix_str(W2) << "b = " << dlc::fmt_vec(b2) << ", c = " << dlc::fmt_vec(c2)
        << "), corrected energy: log Z = " << dlc::fmt(logZ_closed, 12) << " in closed form (sum over h of Gaussian "
        << "integrals), " << dlc::fmt(logZ_numeric, 12) << " by 2-D numerical integration.\n";

    // 3. The second energy, with sigma_i, in the notes' names: E(v, h) = sum_i (v_i - b_i)^2 / (2 sigma_i^2)
    //    - sum_ij W_ij h_j v_i / sigma_i - sum_j a_j h_j, W (D x F), b visible, a hidden.
    const Vector<double> sigma{1.5, 0.6};
    const Matrix<double> W_notes = xt::transpose(W2);  // (D, F)
    const auto gb = dlc::make_gaussian_rbm(xt::transpose(W_notes), b2, c2, sigma);
    std::vector<double> per_h2(8);
    for (std::size_t hs = 0; hs < 8; ++hs) {
        const auto h = dlc::binary_state<double>(hs, 3);
        per_h2[hs] = log_integral_2d([&](const Vector<double>& x) { return -dlc::rbm_energy(gb, x, h); }, 12, 0.1);
    }
    const double logZ2_numeric = dlc::logsumexp(per_h2.data(), per_h2.size()), logZ2_closed = dlc::log_partition_exact(gb);
    // The conditional p(v | h) for h = (1, 0, 1): numerical mean vs b_i + sigma_i sum_j W_ij h_j, variance vs sigma_i^2.
    const auto h101 = dlc::binary_state<double>(0b101, 3);
    const double dx = 0.1, L = 12;
    double Zh = 0, m0 = 0, m1 = 0, v0 = 0, v1 = 0;
    for (double a = -L; a <= L + 1e-9; a += dx)
        for (double bb = -L; bb <= L + 1e-9; bb += dx) {
            const double w = std::exp(-dlc::rbm_energy(gb, Vector<double>{a, bb}, h101));
            Zh += w;
            m0 += w * a;
            m1 += w * bb;
            v0 += w * a * a;
            v1 += w * bb * bb;
        }
    m0 /= Zh;
    m1 /= Zh;
    v0 = v0 / Zh - m0 * m0;
    v1 = v1 / Zh - m1 * m1;
    const Vector<double> mean_formula = dlc::visible_conditional_mean(gb, h101);
    out << "\nThe second energy, sum_i (v_i - b_i)^2 / (2 sigma_i^2) - sum_ij W_ij h_j v_i / sigma_i - sum_j a_j h_j, with "
        << "sigma = " << dlc::fmt_vec(sigma) << ", the same W (as W_ij, D x F), b = " << dlc::fmt_vec(c2) << " (visible), a = "
        << dlc::fmt_vec(b2) << " (hidden):\n  log Z = " << dlc::fmt(logZ2_closed, 12) << " closed form, "
        << dlc::fmt(logZ2_numeric, 12) << " numerically: normalizable for every sigma_i > 0.\n"
        << "  p(v | h = 101): numerical mean (" << dlc::fmt(m0, 10) << ", " << dlc::fmt(m1, 10) << ") vs b_i + sigma_i sum_j "
        << "W_ij h_j = " << dlc::fmt_vec(mean_formula, 10) << "; variances (" << dlc::fmt(v0, 10) << ", " << dlc::fmt(v1, 10)
        << ") vs sigma_i^2 = (" << dlc::fmt(sigma(0) * sigma(0)) << ", " << dlc::fmt(sigma(1) * sigma(1)) << ").\n";
    if (std::abs(logZ2_closed - logZ2_numeric) < 1e-8)
        c.agrees("Definition 9.12: the energy with sigma_i, sum (v_i - b_i)^2/(2 sigma_i^2) - sum W_ij h_j v_i/sigma_i - "
                 "sum a_j h_j, is normalizable (log Z closed form = numerical integral)", logZ2_closed);
    c.note("Definition 9.12, the second energy",
           "Its conditional, not printed, is p(v_i | h) = N(b_i + sigma_i sum_j W_ij h_j, sigma_i^2) and "
           "p(h_j = 1 | v) = sigma(a_j + sum_i W_ij v_i / sigma_i). Here b is the visible mean, a the hidden bias and W "
           "is (D x F), Definition 9.11's names, while the first form of 9.12 uses the lemmas' c, b and W (H x D). "
           "Standardizing the data (as the text suggests) makes sigma_i = 1 the natural choice; the sigma_i form is "
           "the general one rather than the result of the standardization.");

    c.set("W", W);
    c.set("b", b);
    c.set("c", cv);
    c.set("L", Ls);
    c.set("log_integral_printed_h0", lp0);
    c.set("log_integral_printed_h1", lp1);
    c.set("log_integral_corrected_h0", lc0);
    c.set("log_integral_corrected_h1", lc1);
    c.set("log_integral_corrected_closed_form", {closed0, closed1});
    c.set("conditional_mean_numeric", mean);
    c.set("conditional_variance_numeric", var);
    c.set("max_abs_density_vs_gaussian", worst_density);
    c.set("log_Z_2d_closed_form", logZ_closed);
    c.set("log_Z_2d_numeric", logZ_numeric);
    c.set("log_Z_sigma_form_closed", logZ2_closed);
    c.set("log_Z_sigma_form_numeric", logZ2_numeric);
    c.set("sigma_form_conditional_mean_numeric", {m0, m1});
    c.set("sigma_form_conditional_variance_numeric", {v0, v1});

    dlc::plot::Figure fig("gbrbm_integrals");
    fig.title("Definition 9.12: log of int_{-L}^{L} exp(-E(x, h)) dx").xlabel("L").ylabel("log integral")
        .lines(Ls, lp0, "printed, h = 0", dlc::plot::LineStyle{2.0, "", false, true})
        .lines(Ls, lp1, "printed, h = 1", dlc::plot::LineStyle{2.0, "", true, true})
        .lines(Ls, lc0, "corrected, h = 0", dlc::plot::LineStyle{2.0, "", false, true})
        .lines(Ls, lc1, "corrected, h = 1", dlc::plot::LineStyle{2.0, "", true, true})
        .legend(dlc::plot::Legend::top_left);
    c.figure(fig, "With -x^2/2 the integral grows like L^2/2 without bound; with +x^2/2 it converges");
    dlc::plot::Figure dfig("gbrbm_conditional");
    dfig.title("p(x | h) from the corrected energy, and N(c + W h, 1)").xlabel("x").ylabel("density")
        .lines(xs, dens0, "exp(-E(x, 0)) / Z_0").lines(xs, dens1, "exp(-E(x, 1)) / Z_1")
        .lines(xs, gauss0, "N(c, 1)", dlc::plot::LineStyle{1.0, "#000000", true})
        .lines(xs, gauss1, "N(c + W, 1)", dlc::plot::LineStyle{1.0, "#555555", true});
    c.figure(dfig, "The numerically normalized conditionals coincide with the Gaussians of Definition 9.12");
}

}  // namespace boltzmann_lecture
