// Generalized EM (slides "Generalized EM (GEM)"): one backtracking gradient step on the M-step objective J instead
// of its maximizer. Still monotone, reaching the same log-likelihood more slowly. On the way, the gradient of the
// log-likelihood with respect to a mean, computed three ways (the UCSD slide's formula misses an inverse).
#include "cases.hpp"
#include "common.hpp"

#include "latent/estep.hpp"
#include "latent/gem.hpp"
#include "latent/gmm.hpp"
#include "report/json.hpp"
#include "report/table.hpp"

#include <cmath>

namespace em_lecture {

void gem(dlc::Case& c) {
    auto& out = c.out();
    const OldFaithful of = load_old_faithful_standardized();
    const dlc::Matrix<double>& X = of.X;
    const double n = double(X.shape(0));
    const dlc::GaussianMixture theta0 = bishop_initial_theta();

    dlc::EmOptions exact;
    exact.reg_covar = 0;  // GEM's gradient step has no regularization: compare the same objective
    exact.max_iterations = 2000;
    exact.tolerance = 1e-14;
    const auto re = dlc::fit_gmm(X, theta0, exact);
    dlc::EmOptions gradient = exact;
    gradient.m_step = dlc::MStepMethod::gradient;
    gradient.learning_rate = 0.5;
    gradient.max_iterations = c.quick() ? 1500 : 5000;
    gradient.tolerance = 1e-13;
    const auto rg = dlc::fit_gmm(X, theta0, gradient);  // throws if the likelihood ever decreased

    const double target = re.log_likelihood.back();
    auto reach = [&](const dlc::EmResult& r, double tol) -> long {
        for (std::size_t t = 0; t < r.log_likelihood.size(); ++t)
            if ((target - r.log_likelihood[t]) / n < tol) return long(t);
        return -1;
    };
    out << "Old Faithful (standardized), k = 2, full covariances, reg_covar = 0, from the same theta^(0) as "
           "old_faithful_gmm.\n"
        << "GEM's M-step: (mu, L, a) <- (mu, L, a) + (eta / n) grad J with Sigma_z = L_z L_z^T, pi = softmax(a), eta = 0.5 "
           "halved until J(theta_new) >= J(theta_old).\n";
    dlc::TextTable t({"M-step", "iterations run", "final log p", "iterations to 1e-3/pt", "to 1e-6/pt", "to 1e-9/pt",
                      "smallest increase"});
    for (const auto& [name, r] : {std::pair<std::string, const dlc::EmResult*>{"exact (EM)", &re}, {"gradient (GEM)", &rg}})
        t.row({name, std::to_string(r->iterations), dlc::fmt(r->log_likelihood.back(), 10), std::to_string(reach(*r, 1e-3)),
               std::to_string(reach(*r, 1e-6)), std::to_string(reach(*r, 1e-9)), dlc::fmt(r->smallest_increase, 3)});
    out << t.str();
    const double gap = (target - rg.log_likelihood.back()) / n;
    out << "Both rise at every iteration; GEM reaches the same log-likelihood (difference " << dlc::fmt(gap, 3)
        << " per point) but needs " << reach(rg, 1e-6) << " iterations instead of " << reach(re, 1e-6)
        << " to come within 1e-6 per point.\n\n";
    c.set("exact_log_likelihood", re.log_likelihood);
    c.set("exact_iterations_to_1e-6", reach(re, 1e-6));
    c.set("gem_iterations_to_1e-6", reach(rg, 1e-6));
    c.set("gem_iterations", rg.iterations);
    c.set("gem_final_log_likelihood", rg.log_likelihood.back());
    c.set("exact_final_log_likelihood", target);
    c.set("final_gap_per_point", gap);
    c.set("gem_smallest_increase", rg.smallest_increase);
    c.set("gem_monotone", rg.smallest_increase >= -1e-9);

    // d log p / d mu_1 at theta^(1): numerically, by the correct formula, and by the UCSD slide's.
    dlc::EmOptions one;
    one.max_iterations = 1;
    const dlc::GaussianMixture th = dlc::fit_gmm(X, theta0, one).theta;
    const dlc::Matrix<double> gamma = dlc::responsibilities(X, th);
    const dlc::MStepGradient g = dlc::m_step_gradient(X, gamma, th);
    double numeric[2];
    for (std::size_t j = 0; j < 2; ++j) {
        const double h = 1e-6;
        dlc::GaussianMixture a = th, b = th;
        a.means(0, j) += h, b.means(0, j) -= h;
        numeric[j] = (dlc::log_likelihood(X, a) - dlc::log_likelihood(X, b)) / (2 * h);
    }
    double printed[2] = {0, 0};
    for (std::size_t i = 0; i < X.shape(0); ++i)
        for (std::size_t r = 0; r < 2; ++r)
            for (std::size_t s = 0; s < 2; ++s)
                printed[r] -= gamma(i, 0) * th.covariances(0, r, s) * (X(i, s) - th.means(0, s));
    const double err = std::max(std::abs(numeric[0] - g.means(0, 0)), std::abs(numeric[1] - g.means(0, 1)));
    out << "d log p(x; theta) / d mu_1 at theta^(1):\n  central differences (h = 1e-6): (" << dlc::fmt(numeric[0], 8) << ", "
        << dlc::fmt(numeric[1], 8) << ")\n  sum_n gamma_n1 Sigma_1^{-1} (x_n - mu_1) (m_step_gradient): ("
        << dlc::fmt(g.means(0, 0), 8) << ", " << dlc::fmt(g.means(0, 1), 8) << "), difference " << dlc::fmt(err, 3)
        << "\n  the UCSD slide's formula -sum_n gamma_n1 Sigma_1 (x_n - mu_1) evaluates to: (" << dlc::fmt(printed[0], 8) << ", "
        << dlc::fmt(printed[1], 8) << ")\n";
    c.erratum("d ln p(X) / d mu_k (UCSD 'Can't we just solve for the latent variables', handwritten)",
              "0 = -sum_n gamma(z_nk) Sigma_k (x_n - mu_k)",
              "d ln p(X) / d mu_k = sum_n gamma(z_nk) Sigma_k^{-1} (x_n - mu_k)",
              "The slide prints a formula, not numbers: at theta^(1) of the Old Faithful run the slide's formula "
              "evaluates to " + dlc::fmt_vec(std::vector<double>{printed[0], printed[1]}, 8) +
                  " for mu_1, while central differences of ln p(X) give " +
                  dlc::fmt_vec(std::vector<double>{numeric[0], numeric[1]}, 8) +
                  " and sum_n gamma Sigma_1^{-1} (x_n - mu_1) agrees with them to " + dlc::fmt(err, 2) +
                  ". The slide has Sigma_k for Sigma_k^{-1} and a minus sign; setting either to 0 gives the same "
                  "mu_k = (1/N_k) sum_n gamma(z_nk) x_n (Sigma_k is invertible), so the M-step is unaffected.");
    c.set("gradient_mu1_numeric", std::vector<double>{numeric[0], numeric[1]});
    c.set("gradient_mu1_formula", std::vector<double>{g.means(0, 0), g.means(0, 1)});
    c.set("gradient_mu1_ucsd_printed", std::vector<double>{printed[0], printed[1]});

    dlc::plot::Figure fig("gem_vs_em");
    std::vector<double> te, ge, tg, gg;
    for (std::size_t t = 0; t < re.log_likelihood.size(); ++t) {
        const double v = (target - re.log_likelihood[t]) / n;
        if (v > 1e-13) te.push_back(double(t)), ge.push_back(v);
    }
    for (std::size_t t = 0; t < rg.log_likelihood.size(); ++t) {
        const double v = (target - rg.log_likelihood[t]) / n;
        if (v > 1e-13) tg.push_back(double(t)), gg.push_back(v);
    }
    dlc::plot::LineStyle blue, red;
    blue.colour = "#0072B2", red.colour = "#D55E00";
    fig.title("Exact EM and generalized EM from the same start")
        .xlabel("iteration t")
        .ylabel("(log p(x; θ*) − log p(x; θ^(t))) / n")
        .log_y()
        .lines(te, ge, "EM (exact M-step)", blue)
        .lines(tg, gg, "GEM (gradient M-step)", red)
        .legend(dlc::plot::Legend::top_right);
    c.figure(fig, "distance to the final log-likelihood: both decrease monotonically, GEM more slowly");
}

}  // namespace em_lecture
