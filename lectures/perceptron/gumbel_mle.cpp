// Bahng §1.1, Example 1.1 (Tarokh, ECE685 2021 Midterm 1): maximum likelihood for the Gumbel distribution
// F(x) = exp(-exp(-(x - mu) / beta)). The notes' cost l(mu, beta | D) = -ln L and its two partial derivatives are
// checked against central differences, then the MLE is found on 500 seeded samples with mu = 1.5, beta = 2
// (tests/examples compare the same fit with scipy's on the fixture's samples).
#include "cases.hpp"
#include "common.hpp"

#include "neuron/gumbel.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace perceptron_lecture {

void gumbel_mle(dlc::Case& c) {
    auto& out = c.out();
    const double mu = 1.5, beta = 2.0;
    const std::size_t n = 500;
    const dlc::Vector<double> x = dlc::gumbel_sample(n, mu, beta, c.rng());
    out << n << " samples x = mu - beta ln(-ln U), U uniform on (0, 1), with mu = 1.5, beta = 2.\n"
        << "Cost (the notes): l(mu, beta) = N ln beta + (sum_i x_i - N mu) / beta + sum_i exp(-(x_i - mu) / beta).\n";

    // The printed derivatives against central differences at a few points.
    dlc::TextTable t({"(mu, beta)", "l", "dl/dmu (notes)", "central", "dl/dbeta (notes)", "central"});
    double worst = 0;
    nlohmann::json checks = nlohmann::json::array();
    for (const auto& p : std::vector<std::pair<double, double>>{{1.5, 2.0}, {0.0, 1.0}, {3.0, 4.0}}) {
        const auto g = dlc::gumbel_nll_gradient(x, p.first, p.second);
        const double h = 1e-6;
        const double dmu = (dlc::gumbel_nll(x, p.first + h, p.second) - dlc::gumbel_nll(x, p.first - h, p.second)) / (2 * h);
        const double dbeta = (dlc::gumbel_nll(x, p.first, p.second + h) - dlc::gumbel_nll(x, p.first, p.second - h)) / (2 * h);
        const double rel = std::max(std::abs(g(0) - dmu) / std::max(1.0, std::abs(dmu)),
                                    std::abs(g(1) - dbeta) / std::max(1.0, std::abs(dbeta)));
        worst = std::max(worst, rel);
        t.row({v2(p.first, p.second), dlc::fmt(dlc::gumbel_nll(x, p.first, p.second), 8), dlc::fmt(g(0), 8),
               dlc::fmt(dmu, 8), dlc::fmt(g(1), 8), dlc::fmt(dbeta, 8)});
        checks.push_back({{"mu", p.first}, {"beta", p.second}, {"gradient", {g(0), g(1)}}, {"central", {dmu, dbeta}}});
    }
    out << t.str() << "Largest relative difference: " << dlc::fmt(worst, 3) << ".\n";
    c.set("gradient_checks", checks);
    c.set("gradient_max_relative_difference", worst);
    if (worst < 1e-6) c.agrees("the largest relative difference between the notes' partial derivatives of l(mu, beta | D) and central "
                 "differences", dlc::fmt(worst, 2));

    // The MLE: the notes' system dl/dmu = dl/dbeta = 0.
    const auto est = dlc::gumbel_mle(x);
    const auto g_hat = dlc::gumbel_nll_gradient(x, est(0), est(1));
    double mean = 0;
    for (double v : x) mean += v / double(n);
    out << "MLE (solving the notes' two equations; beta by bisection on beta = mean - sum x e^{-x/beta} / sum "
           "e^{-x/beta}): mu_hat = "
        << dlc::fmt(est(0), 8) << ", beta_hat = " << dlc::fmt(est(1), 8) << "; the gradient there is "
        << v2(g_hat(0), g_hat(1)) << " (zero to rounding); l(mu_hat, beta_hat) = "
        << dlc::fmt(dlc::gumbel_nll(x, est(0), est(1)), 10) << " <= l(1.5, 2) = " << dlc::fmt(dlc::gumbel_nll(x, mu, beta), 10)
        << ".\nThe sample mean " << dlc::fmt(mean, 5) << " estimates mu + 0.5772 beta = " << dlc::fmt(mu + 0.5772156649 * beta, 5)
        << " (Euler's constant).\n";
    c.set("samples", n);
    c.set("mle", {est(0), est(1)});
    c.set("gradient_at_mle", {g_hat(0), g_hat(1)});
    c.set("nll_at_mle", dlc::gumbel_nll(x, est(0), est(1)));
    c.set("nll_at_truth", dlc::gumbel_nll(x, mu, beta));
    c.note("the names L and l in Example 1.1",
           "The question asks for 'a cost function L(mu, beta | D) whose minimization gives the MLE'; the solution "
           "uses L for the likelihood (to be maximized) and l = -ln L for the cost, and writes x^(I) for x^(i) once.");

    // Figure: the histogram of the samples with the fitted density.
    dlc::plot::Figure fig("gumbel_mle");
    fig.title("Gumbel samples (mu = 1.5, beta = 2) and the fitted density").xlabel("x").ylabel("density");
    std::vector<double> xs, fit, truth;
    for (int i = 0; i <= 200; ++i) {
        const double v = -5 + 20.0 * i / 200;
        xs.push_back(v);
        const double zf = (v - est(0)) / est(1), zt = (v - mu) / beta;
        fit.push_back(std::exp(-(zf + std::exp(-zf))) / est(1));
        truth.push_back(std::exp(-(zt + std::exp(-zt))) / beta);
    }
    // The samples' histogram as a density: count / (n * bin width) at each bin centre.
    const double lo = -5, width = 0.5;
    std::vector<double> centres, heights(40, 0.0);
    for (double v : x) {
        const long b = long(std::floor((v - lo) / width));
        if (b >= 0 && b < 40) heights[std::size_t(b)] += 1.0 / (double(n) * width);
    }
    for (std::size_t b = 0; b < 40; ++b) centres.push_back(lo + (double(b) + 0.5) * width);
    dlc::plot::LineStyle steps;
    steps.points = true;
    steps.width = 1;
    fig.lines(centres, heights, "samples: histogram / (n x bin width)", steps);
    dlc::plot::LineStyle dashed;
    dashed.dashed = true;
    fig.lines(xs, truth, "true density", dashed).lines(xs, fit, "fitted density (MLE)");
    c.figure(fig, "500 Gumbel samples and the density at the MLE, beside the true one");
}

}  // namespace perceptron_lecture
