// EM never decreases the log-likelihood: every run on Old Faithful for several seeds and k = 2..5, the smallest
// increase seen, and what EM converges to (a local maximum, not the slides' "local minimum").
#include "cases.hpp"
#include "common.hpp"

#include "latent/estep.hpp"
#include "latent/gmm.hpp"
#include "latent/gmm_init.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace em_lecture {

void em_monotone(dlc::Case& c) {
    auto& out = c.out();
    const OldFaithful of = load_old_faithful_standardized();
    const dlc::Matrix<double>& X = of.X;
    const double n = double(X.shape(0));
    const std::size_t seeds = c.quick() ? 3 : 10;
    out << "Old Faithful (standardized), full covariances, reg_covar = 1e-6; for each of " << seeds
        << " seeds and k = 2..5, theta^(0) from random responsibilities, EM until |change| / n < 1e-10 (at most 500 "
           "iterations).\nEM guarantees l_t = log p(x; theta^(t)) >= L(gamma^(t-1), theta^(t)) >= L(gamma^(t-1), "
           "theta^(t-1)) = l_(t-1): the M-step raises the bound, the E-step closes the gap.\n\n";

    dlc::TextTable table({"k", "runs", "iterations (min..max)", "final log p (min..max)", "smallest increase",
                          "smallest M-step gain"});
    double smallest = std::numeric_limits<double>::infinity(), smallest_gain = smallest, largest_slack = 0;
    std::size_t runs = 0, negative_steps = 0, total_steps = 0;
    nlohmann::json per_k = nlohmann::json::array();
    dlc::plot::Figure fig("em_monotone_loglik");
    for (std::size_t k = 2; k <= 5; ++k) {
        std::size_t it_min = SIZE_MAX, it_max = 0;
        double ll_min = INFINITY, ll_max = -INFINITY, inc_min = INFINITY, gain_min = INFINITY;
        for (std::size_t s = 0; s < seeds; ++s) {
            dlc::Rng rng = c.rng().split();  // every run's start derives from --seed
            const auto theta0 = dlc::init_from_random_responsibilities(X, k, dlc::CovarianceType::full, 1e-6, rng);
            dlc::EmOptions opt;
            opt.max_iterations = 500;
            opt.tolerance = 1e-10;
            const auto r = dlc::fit_gmm(X, theta0, opt);  // throws if the likelihood ever decreases
            ++runs;
            it_min = std::min(it_min, r.iterations), it_max = std::max(it_max, r.iterations);
            ll_min = std::min(ll_min, r.log_likelihood.back()), ll_max = std::max(ll_max, r.log_likelihood.back());
            inc_min = std::min(inc_min, r.smallest_increase);
            for (std::size_t t = 1; t < r.log_likelihood.size(); ++t) {
                ++total_steps;
                negative_steps += r.log_likelihood[t] < r.log_likelihood[t - 1];
                gain_min = std::min(gain_min, r.lower_bound[t - 1] - r.log_likelihood[t - 1]);
                largest_slack = std::max(largest_slack, r.regularization_slack[t - 1]);
            }
            if (s == 0) {
                std::vector<double> ts, ll;
                for (std::size_t t = 0; t < r.log_likelihood.size(); ++t) ts.push_back(double(t)), ll.push_back(r.log_likelihood[t] / n);
                fig.lines(ts, ll, "k = " + std::to_string(k));
            }
        }
        table.row({std::to_string(k), std::to_string(seeds), std::to_string(it_min) + ".." + std::to_string(it_max),
                   dlc::fmt(ll_min, 7) + " .. " + dlc::fmt(ll_max, 7), dlc::fmt(inc_min, 3), dlc::fmt(gain_min, 3)});
        per_k.push_back({{"k", k}, {"runs", seeds}, {"iterations_min", it_min}, {"iterations_max", it_max},
                         {"final_log_likelihood_min", ll_min}, {"final_log_likelihood_max", ll_max},
                         {"smallest_increase", inc_min}, {"smallest_m_step_gain", gain_min}});
        smallest = std::min(smallest, inc_min);
        smallest_gain = std::min(smallest_gain, gain_min);
    }
    out << table.str() << runs << " runs, " << total_steps << " iterations: the smallest change of the log-likelihood was "
        << dlc::fmt(smallest, 4) << " (" << negative_steps << " decreases)"
        << "; the M-step never lowered the bound by more than the regularization slack (largest slack "
        << dlc::fmt(largest_slack, 3) << ").\nDifferent seeds end at different final values for k >= 3: EM finds local "
                                         "maxima.\n\n";

    // What EM converges to: a local MAXIMUM of the log-likelihood.
    dlc::EmOptions exact;
    exact.reg_covar = 0;
    exact.max_iterations = 2000;
    exact.tolerance = 1e-14;
    const auto best = dlc::fit_gmm(X, bishop_initial_theta(), exact);
    const double l_star = best.log_likelihood.back();
    const std::size_t trials = c.quick() ? 100 : 400;
    std::size_t lower = 0;
    double least_drop = INFINITY;
    for (std::size_t i = 0; i < trials; ++i) {
        dlc::GaussianMixture p = best.theta;
        const double h = 1e-3;
        double total = 0;
        for (std::size_t z = 0; z < 2; ++z) total += (p.weights(z) *= std::exp(h * c.rng().normal()));
        for (std::size_t z = 0; z < 2; ++z) p.weights(z) /= total;
        for (std::size_t z = 0; z < 2; ++z) {
            for (std::size_t j = 0; j < 2; ++j) p.means(z, j) += h * c.rng().normal();
            const double a = h * c.rng().normal(), b = h * c.rng().normal(), e = h * c.rng().normal();
            p.covariances(z, 0, 0) += a, p.covariances(z, 1, 1) += e, p.covariances(z, 0, 1) += b, p.covariances(z, 1, 0) += b;
        }
        const double drop = l_star - dlc::log_likelihood(X, p);
        lower += drop > 0;
        least_drop = std::min(least_drop, drop);
    }
    out << "At the converged theta of the Old Faithful fit (reg_covar = 0, " << best.iterations
        << " iterations, log p = " << dlc::fmt(l_star, 10) << "), " << lower << " of " << trials
        << " random perturbations of size 1e-3 (weights, means, covariances) lower the log-likelihood (the least by "
        << dlc::fmt(least_drop, 3) << "): a local maximum.\n";
    if (lower == trials) {
        c.erratum("what EM converges to (slides 'EM for GMM: Summary')",
                  "EM monotonically improves the likelihood and converges to a local minimum",
                  "a local maximum of the likelihood (" + std::to_string(lower) + "/" + std::to_string(trials) +
                      " perturbations of the converged theta lower it)",
                  "The same sentence says EM improves the likelihood, and it does (smallest change over " +
                      std::to_string(total_steps) + " iterations: " + dlc::fmt(smallest, 3) +
                      "), so it ends at a local maximum (or saddle point) of the likelihood, not a minimum.");
    }
    // The slide's point: relabelling the components (k! ways) leaves the likelihood unchanged.
    dlc::GaussianMixture swapped = best.theta;
    for (std::size_t z = 0; z < 2; ++z) {
        swapped.weights(z) = best.theta.weights(1 - z);
        xt::row(swapped.means, z) = xt::row(best.theta.means, 1 - z);
        xt::view(swapped.covariances, z, xt::all(), xt::all()) = xt::view(best.theta.covariances, 1 - z, xt::all(), xt::all());
    }
    const double l_swapped = dlc::log_likelihood(X, swapped);
    out << "Swapping the two components' labels gives log p = " << dlc::fmt(l_swapped, 12) << " (difference "
        << dlc::fmt(l_swapped - l_star, 2) << "): the k! = 2 equivalent solutions of 'Identifiability Issues'.\n";
    c.set("relabelled_log_likelihood_difference", l_swapped - l_star);
    c.note("'at a local minimum' on the slide 'Identifiability Issues for GMM'",
           "The slide supposes parameters 'that are at a local minimum' without naming the function; EM and maximum "
           "likelihood reach a local maximum of the likelihood, which is a local minimum of the negative "
           "log-likelihood that the slides minimize elsewhere (gradient descent on J). The point of the slide, k! "
           "relabelled solutions with the same likelihood, holds either way (swapping the two labels above changes log p by " +
               dlc::fmt(l_swapped - l_star, 2) + ").");
    if (smallest_gain >= -largest_slack - 1e-9) {
        c.note("the name of the algorithm (slides 'Learning GMMs: inference')",
               "The slide names it 'the expectation-minimization (EM) algorithm'; it is expectation-maximization, as the "
               "slides' own 'Maximization Step' says: here the M-step raised the lower bound in every one of " +
                   std::to_string(total_steps) + " iterations (smallest gain " + dlc::fmt(smallest_gain, 3) +
                   ", within the regularization slack). A naming slip, so a note.");
    }

    c.set("runs", runs);
    c.set("iterations_total", total_steps);
    c.set("per_k", per_k);
    c.set("smallest_increase", smallest);
    c.set("decreases", negative_steps);
    c.set("smallest_m_step_gain", smallest_gain);
    c.set("largest_regularization_slack", largest_slack);
    c.set("non_decreasing", negative_steps == 0);
    c.set("local_maximum_log_likelihood", l_star);
    c.set("perturbations", trials);
    c.set("perturbations_lowering_log_likelihood", lower);

    fig.title("Log-likelihood per point, the first EM run of each k (random responsibilities)")
        .xlabel("iteration t")
        .ylabel("log p(x; θ^(t)) / n")
        .legend(dlc::plot::Legend::bottom_right);
    c.figure(fig, "every curve rises and flattens: EM never decreases the likelihood");
}

}  // namespace em_lecture
