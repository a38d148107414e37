// The NYU slides' reparameterization trick on E[z^2] with z ~ N(mu = 0.7, sigma = 1.3): E[z^2] = mu^2 + sigma^2, so the
// exact gradients are d/dmu = 2 mu = 1.4 and d/dsigma = 2 sigma = 2.6. Monte Carlo over 400 000 samples: the
// reparameterized estimator (z = mu + sigma eps: d z^2/dmu = 2z, d z^2/dsigma = 2 z eps), run through dlc::Reparameterize's
// backward, against the score-function estimator z^2 d log q/d theta, and their per-sample variances (exact and
// estimated). Then the Gaussian KL to N(0, 1) in closed form against its Monte Carlo estimate E_q[log q - log p].
#include "cases.hpp"
#include "common.hpp"

#include "plot/figure.hpp"
#include "report/table.hpp"
#include "vae/gaussian_kl.hpp"
#include "vae/reparameterize.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace vae_lecture {

namespace {

struct MeanVar {
    double mean = 0, m2 = 0;
    std::size_t n = 0;
    void add(double x) {  // Welford
        ++n;
        const double d = x - mean;
        mean += d / double(n);
        m2 += d * (x - mean);
    }
    double var() const { return m2 / double(n - 1); }
    double se() const { return std::sqrt(var() / double(n)); }
};

}  // namespace

void reparameterization(dlc::Case& c) {
    auto& out = c.out();
    const double mu = 0.7, sigma = 1.3;
    const std::size_t n = c.quick() ? 100000 : 400000;
    // The samples go through the library's module: h = [mu | log sigma^2] per row, z = mu + sigma eps.
    dlc::Reparameterize<double> rep(c.rng());
    dlc::Tensor<double> h = dlc::Tensor<double>::from_shape({n, std::size_t(2)});
    for (std::size_t i = 0; i < n; ++i) h(i, 0) = mu, h(i, 1) = std::log(sigma * sigma);
    const dlc::Tensor<double> z = rep.forward(h);
    const dlc::Tensor<double> eps = rep.noise();
    // L = (1/n) sum z_i^2: dL/dz_i = 2 z_i / n; the backward gives dL/dmu and dL/dlog sigma^2 per row.
    const dlc::Tensor<double> gz = 2.0 * z / double(n);
    const dlc::Tensor<double> gh = rep.backward(gz);
    double g_mu = 0, g_logvar = 0;
    for (std::size_t i = 0; i < n; ++i) g_mu += gh(i, 0), g_logvar += gh(i, 1);
    const double g_sigma = g_logvar * 2.0 / sigma;  // d/dsigma = d/dlog sigma^2 * 2 / sigma

    MeanVar rep_mu, rep_sigma, score_mu, score_sigma, kl_mc, ez2;
    std::vector<double> run_n, run_rep, run_score;
    for (std::size_t i = 0; i < n; ++i) {
        const double zi = z(i, 0), e = eps(i, 0), f = zi * zi;
        ez2.add(f);
        rep_mu.add(2 * zi);                                                  // d z^2 / d mu = 2 z
        rep_sigma.add(2 * zi * e);                                           // d z^2 / d sigma = 2 z eps
        score_mu.add(f * (zi - mu) / (sigma * sigma));                       // z^2 d log q / d mu
        score_sigma.add(f * ((zi - mu) * (zi - mu) - sigma * sigma) / (sigma * sigma * sigma));  // z^2 d log q / d sigma
        // log q(z) - log p(z), the KL's integrand
        kl_mc.add(-std::log(sigma) - 0.5 * e * e + 0.5 * zi * zi);
        if (i < 20000 && (i + 1) % 100 == 0) {
            run_n.push_back(double(i + 1));
            run_rep.push_back(rep_mu.mean);
            run_score.push_back(score_mu.mean);
        }
    }
    // Exact per-sample variances: Var(2z) = 4 sigma^2; Var(2 z eps) = 4 (mu^2 + 2 sigma^2);
    // score in mu: E[z^4 (z - mu)^2] / sigma^4 - (2 mu)^2, computed with the Gaussian moments of z = mu + sigma e.
    const double m = mu, s = sigma;
    // E[(m + s e)^4 e^2] = m^4 + 6 m^2 s^2 * 3 + s^4 * 15 (odd moments vanish): E e^2 = 1, E e^4 = 3, E e^6 = 15.
    const double e_z4e2 = std::pow(m, 4) * 1 + 6 * m * m * s * s * 3 + std::pow(s, 4) * 15;
    const double var_score_mu = e_z4e2 / (s * s) - 4 * m * m;
    const double var_rep_mu = 4 * s * s, var_rep_sigma = 4 * (m * m + 2 * s * s);
    dlc::TextTable t({"gradient", "exact", "reparameterization", "(var/sample)", "score function", "(var/sample)"});
    t.row({"d E[z^2] / d mu", dlc::fmt(2 * mu, 6), dlc::fmt(rep_mu.mean, 6) + " +- " + dlc::fmt(rep_mu.se(), 2),
           dlc::fmt(rep_mu.var(), 4), dlc::fmt(score_mu.mean, 6) + " +- " + dlc::fmt(score_mu.se(), 2), dlc::fmt(score_mu.var(), 4)});
    t.row({"d E[z^2] / d sigma", dlc::fmt(2 * sigma, 6), dlc::fmt(rep_sigma.mean, 6) + " +- " + dlc::fmt(rep_sigma.se(), 2),
           dlc::fmt(rep_sigma.var(), 4), dlc::fmt(score_sigma.mean, 6) + " +- " + dlc::fmt(score_sigma.se(), 2),
           dlc::fmt(score_sigma.var(), 4)});
    out << "z ~ N(0.7, 1.3^2), f(z) = z^2: E f = mu^2 + sigma^2 = " << dlc::fmt(mu * mu + sigma * sigma, 6) << " (Monte Carlo "
        << dlc::fmt(ez2.mean, 6) << " +- " << dlc::fmt(ez2.se(), 2) << "), from " << n << " samples z = mu + sigma eps:\n"
        << t.str()
        << "Through dlc::Reparameterize's backward (dL/dz = 2z/n): dL/dmu = " << dlc::fmt(g_mu, 8) << ", dL/dsigma = "
        << dlc::fmt(g_sigma, 8) << " (dL/dlog sigma^2 = " << dlc::fmt(g_logvar, 8) << ", times 2/sigma).\n"
        << "Exact per-sample variances: reparameterized d/dmu 4 sigma^2 = " << dlc::fmt(var_rep_mu, 6)
        << ", d/dsigma 4 (mu^2 + 2 sigma^2) = " << dlc::fmt(var_rep_sigma, 6) << "; score function d/dmu "
        << dlc::fmt(var_score_mu, 6) << " (" << dlc::fmt(var_score_mu / var_rep_mu, 3)
        << " times more): the same accuracy costs the score-function estimator that many more samples.\n";
    c.set("samples", n);
    c.set("exact", {{"E_z2", mu * mu + sigma * sigma}, {"d_mu", 2 * mu}, {"d_sigma", 2 * sigma}});
    c.set("reparameterization", {{"d_mu", rep_mu.mean}, {"d_mu_se", rep_mu.se()}, {"d_mu_var", rep_mu.var()},
                                 {"d_sigma", rep_sigma.mean}, {"d_sigma_se", rep_sigma.se()}, {"d_sigma_var", rep_sigma.var()},
                                 {"module_d_mu", g_mu}, {"module_d_sigma", g_sigma}});
    c.set("score_function", {{"d_mu", score_mu.mean}, {"d_mu_se", score_mu.se()}, {"d_mu_var", score_mu.var()},
                             {"d_sigma", score_sigma.mean}, {"d_sigma_se", score_sigma.se()}, {"d_sigma_var", score_sigma.var()}});
    c.set("exact_variance", {{"reparameterization_d_mu", var_rep_mu}, {"reparameterization_d_sigma", var_rep_sigma},
                             {"score_function_d_mu", var_score_mu}});
    c.set("variance_ratio_d_mu", score_mu.var() / rep_mu.var());

    // KL(N(mu, sigma^2) || N(0, 1)): closed form against Monte Carlo.
    const double lv = std::log(sigma * sigma);
    const double kl = dlc::kl_to_standard_normal(&mu, &lv, 1);
    out << "KL(N(0.7, 1.3^2) || N(0, 1)) = 1/2 (mu^2 + sigma^2 - 1 - log sigma^2) = 1/2 (0.49 + 1.69 - 1 - "
        << dlc::fmt(lv, 6) << ") = " << dlc::fmt(kl, 8) << "; Monte Carlo E_q[log q(z) - log p(z)] = " << dlc::fmt(kl_mc.mean, 6)
        << " +- " << dlc::fmt(kl_mc.se(), 2) << ".\n";
    c.set("kl_closed_form", kl);
    c.set("kl_monte_carlo", kl_mc.mean);
    c.set("kl_monte_carlo_se", kl_mc.se());
    c.agrees("NYU slides: z = mu + sigma eps gives unbiased gradients with one sample per x",
             (rep_mu.mean - 2 * mu) / rep_mu.se());

    dlc::plot::Figure f("reparameterization_running_mean");
    std::vector<double> exact(run_n.size(), 2 * mu);
    dlc::plot::LineStyle d;
    d.dashed = true;
    f.title("Estimating d E[z^2] / d mu = 1.4: running means of the two estimators").xlabel("samples")
        .ylabel("estimate of d E[z^2] / d mu").lines(run_n, run_rep, "reparameterization: 2z")
        .lines(run_n, run_score, "score function: z^2 (z - mu) / sigma^2").lines(run_n, exact, "exact 2 mu", d);
    c.figure(f, "The reparameterized estimate settles far sooner: its per-sample variance is much smaller");
}

}  // namespace vae_lecture
