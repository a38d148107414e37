// The math prerequisites of the ELBO, computed: Jensen's inequality (E x^2 >= (E x)^2; log E x >= E log x),
// Gibbs' inequality (KL >= 0, = 0 iff p = q), and the asymmetry of KL, on small discrete examples and Gaussians,
// with the two Gaussian fits to a bimodal density (KL(p || q) covers the modes, KL(q || p) picks one).
#include "cases.hpp"
#include "common.hpp"

#include "latent/divergence.hpp"
#include "report/table.hpp"

#include <cmath>
#include <limits>

namespace em_lecture {

namespace {

constexpr double pi_const = 3.14159265358979323846;

double normal_pdf(double x, double m, double s) {
    const double u = (x - m) / s;
    return std::exp(-0.5 * u * u) / (s * std::sqrt(2 * pi_const));
}

}  // namespace

void jensen_kl(dlc::Case& c) {
    auto& out = c.out();

    // Jensen with f(x) = x^2 (convex) on a discrete distribution and on a sample.
    const std::vector<double> xs = {-1, 0, 2, 5}, ps = {0.1, 0.4, 0.3, 0.2};
    double ex = 0, ex2 = 0;
    for (std::size_t i = 0; i < xs.size(); ++i) ex += ps[i] * xs[i], ex2 += ps[i] * xs[i] * xs[i];
    out << "Jensen, f(x) = x^2 convex: x in {-1, 0, 2, 5} with p = (0.1, 0.4, 0.3, 0.2): E x^2 = " << dlc::fmt(ex2)
        << " >= (E x)^2 = " << dlc::fmt(ex * ex) << "; the difference is Var(x) = " << dlc::fmt(ex2 - ex * ex) << ".\n";
    const std::size_t N = c.quick() ? 20000 : 200000;
    double s1 = 0, s2 = 0;
    for (std::size_t i = 0; i < N; ++i) {
        const double v = c.rng().normal(1.0, 2.0);
        s1 += v, s2 += v * v;
    }
    const double m1 = s1 / double(N), m2 = s2 / double(N);
    out << "  " << N << " draws of N(1, 2^2): mean of x^2 = " << dlc::fmt(m2) << " >= (mean of x)^2 = " << dlc::fmt(m1 * m1)
        << " (difference " << dlc::fmt(m2 - m1 * m1) << ", near sigma^2 = 4).\n";
    out << "  A constant x = 3: E x^2 = 9 = (E x)^2: equality, as strict convexity requires.\n";
    // The concave log, as the ELBO uses it (UCSD: log E[.] >= E log(.)).
    const std::vector<double> pos = {1, 2, 4, 8};
    double e_log = 0, e_val = 0;
    for (double v : pos) e_log += std::log(v) / 4, e_val += v / 4;
    out << "Jensen, f = log concave: x uniform on {1, 2, 4, 8}: log E x = " << dlc::fmt(std::log(e_val))
        << " >= E log x = " << dlc::fmt(e_log) << " (the step from log sum_z q (p/q) to sum_z q log(p/q) in the ELBO).\n\n";
    c.set("jensen_discrete", {{"E_x2", ex2}, {"E_x_squared", ex * ex}, {"variance", ex2 - ex * ex}});
    c.set("jensen_sample", {{"n", N}, {"mean_x2", m2}, {"mean_x_squared", m1 * m1}});
    c.set("jensen_log", {{"log_E_x", std::log(e_val)}, {"E_log_x", e_log}});

    // Gibbs: KL >= 0 on random pairs, = 0 for p = q.
    const std::size_t pairs = c.quick() ? 1000 : 10000;
    double kl_min = std::numeric_limits<double>::infinity();
    for (std::size_t t = 0; t < pairs; ++t) {
        dlc::Vector<double> p = dlc::Vector<double>::from_shape({5}), q = p;
        double sp = 0, sq = 0;
        for (std::size_t i = 0; i < 5; ++i) sp += (p(i) = c.rng().uniform()), sq += (q(i) = c.rng().uniform());
        p /= sp, q /= sq;
        kl_min = std::min(kl_min, dlc::kl_divergence(p, q));
    }
    const dlc::Vector<double> p = {0.5, 0.4, 0.1}, q = {0.1, 0.3, 0.6};
    const double kl_pp = dlc::kl_divergence(p, p);
    out << "Gibbs: over " << pairs << " random pairs of distributions on 5 outcomes, the smallest KL(p || q) is "
        << dlc::fmt(kl_min, 4) << " > 0; KL(p || p) = " << dlc::fmt(kl_pp) << ".\n";
    // The proof's Jensen step is tight when q puts no mass outside p's support.
    const dlc::Vector<double> p_sup = {0.5, 0.5, 0.0}, q_out = {0.25, 0.25, 0.5};
    double mass = 0;
    for (std::size_t i = 0; i < 3; ++i) mass += p_sup(i) > 0 ? q_out(i) : 0.0;
    out << "  The proof: KL(p || q) >= -log sum_{x: p(x) > 0} q(x). For p = (1/2, 1/2, 0), q = (1/4, 1/4, 1/2): "
           "KL = "
        << dlc::fmt(dlc::kl_divergence(p_sup, q_out)) << " >= -log " << dlc::fmt(mass) << " = " << dlc::fmt(-std::log(mass))
        << ".\n";

    // Asymmetry.
    const double kl_pq = dlc::kl_divergence(p, q), kl_qp = dlc::kl_divergence(q, p);
    out << "Asymmetry: p = (0.5, 0.4, 0.1), q = (0.1, 0.3, 0.6): KL(p || q) = " << dlc::fmt(kl_pq) << ", KL(q || p) = "
        << dlc::fmt(kl_qp) << ".\n";
    const dlc::Vector<double> m0 = {0.0}, m1v = {1.0};
    const dlc::Matrix<double> v0 = {{1.0}}, v1 = {{4.0}};
    const double g01 = dlc::kl_gaussian(m0, v0, m1v, v1), g10 = dlc::kl_gaussian(m1v, v1, m0, v0);
    out << "  Gaussians: KL(N(0, 1) || N(1, 2^2)) = " << dlc::fmt(g01) << " (closed form log 2 + (1 + 1)/8 - 1/2 = "
        << dlc::fmt(std::log(2.0) + 2.0 / 8 - 0.5) << "), KL(N(1, 2^2) || N(0, 1)) = " << dlc::fmt(g10)
        << " (-log 2 + (4 + 1)/2 - 1/2 = " << dlc::fmt(-std::log(2.0) + 2.5 - 0.5) << ").\n";
    c.set("gibbs_pairs", pairs);
    c.set("gibbs_min_kl", kl_min);
    c.set("kl_p_p", kl_pp);
    c.set("kl_p_q", kl_pq);
    c.set("kl_q_p", kl_qp);
    c.set("kl_gaussian_0_1", g01);
    c.set("kl_gaussian_1_0", g10);

    // Fitting one Gaussian q = N(m, s^2) to the bimodal p = 1/2 N(-2, 0.6^2) + 1/2 N(2, 0.6^2), both ways, by grid search
    // with the integrals as Riemann sums on [-8, 8].
    const double dx = c.quick() ? 0.02 : 0.01;
    std::vector<double> grid, pdf;
    for (int i = 0; i <= int(std::lround(16 / dx)); ++i) {
        const double x = -8 + i * dx;
        grid.push_back(x);
        pdf.push_back(0.5 * normal_pdf(x, -2, 0.6) + 0.5 * normal_pdf(x, 2, 0.6));
    }
    const double step_m = c.quick() ? 0.1 : 0.05, step_s = c.quick() ? 0.05 : 0.02;
    double best_f = INFINITY, best_r = INFINITY, fm = 0, fs = 0, rm = 0, rs = 0;
    const int m_steps = int(std::lround(6 / step_m)), s_steps = int(std::lround(2.7 / step_s));
    for (int im = 0; im <= m_steps; ++im)
        for (int is = 0; is <= s_steps; ++is) {
            const double m = -3 + im * step_m, s = 0.3 + is * step_s;
            double kf = 0, kr = 0;
            for (std::size_t i = 0; i < grid.size(); ++i) {
                const double qv = normal_pdf(grid[i], m, s), pv = pdf[i];
                if (pv > 1e-300 && qv > 1e-300) {
                    const double l = std::log(pv / qv);
                    kf += pv * l;
                    kr -= qv * l;
                } else if (pv > 1e-300) {
                    kf = INFINITY;
                } else if (qv > 1e-300) {
                    kr = INFINITY;
                }
            }
            kf *= dx, kr *= dx;
            if (kf < best_f) best_f = kf, fm = m, fs = s;
            if (kr < best_r) best_r = kr, rm = m, rs = s;
        }
    const double moment_sd = std::sqrt(0.36 + 4.0);
    out << "Fitting q = N(m, s^2) to p = 1/2 N(-2, 0.6^2) + 1/2 N(2, 0.6^2) on a grid:\n"
        << "  min KL(p || q): m = " << dlc::fmt(fm, 3) << ", s = " << dlc::fmt(fs, 3) << " (KL = " << dlc::fmt(best_f, 4)
        << "): mass-covering, the moment match m = 0, s = sqrt(0.36 + 4) = " << dlc::fmt(moment_sd, 4) << "\n"
        << "  min KL(q || p): m = " << dlc::fmt(rm, 3) << ", s = " << dlc::fmt(rs, 3) << " (KL = " << dlc::fmt(best_r, 4)
        << "): mode-seeking, one bump (the ELBO's KL(q || p(z|x)) is of this kind)\n";
    c.set("fit_forward_kl", {{"m", fm}, {"s", fs}, {"kl", best_f}, {"moment_match_s", moment_sd}});
    c.set("fit_reverse_kl", {{"m", rm}, {"s", rs}, {"kl", best_r}});

    std::vector<double> qf, qr, xs_plot, ps_plot;
    for (std::size_t i = 0; i < grid.size(); i += 2) {
        if (std::abs(grid[i]) > 5) continue;
        xs_plot.push_back(grid[i]);
        ps_plot.push_back(pdf[i]);
        qf.push_back(normal_pdf(grid[i], fm, fs));
        qr.push_back(normal_pdf(grid[i], rm, rs));
    }
    dlc::plot::Figure fig("jensen_kl_asymmetry");
    dlc::plot::LineStyle black, blue, red;
    black.colour = "#222222", blue.colour = "#0072B2", red.colour = "#D55E00";
    blue.dashed = red.dashed = true;
    fig.title("KL is not symmetric: the best Gaussian q for a bimodal p")
        .xlabel("x")
        .ylabel("density")
        .lines(xs_plot, ps_plot, "p (two bumps)", black)
        .lines(xs_plot, qf, "argmin KL(p || q): covers both", blue)
        .lines(xs_plot, qr, "argmin KL(q || p): picks one", red)
        .legend(dlc::plot::Legend::top_right);
    c.figure(fig, "minimizing KL(p || q) spreads q over both modes; minimizing KL(q || p) locks onto one");
}

}  // namespace em_lecture
