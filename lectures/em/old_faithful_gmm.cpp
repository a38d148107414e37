// EM for a mixture of two Gaussians on the standardized Old Faithful data, step by step as the slides show
// Bishop's Figure 9.8: responsibilities and ellipses after the initialization and after 1, 2, 5 and 20 rounds,
// the log-likelihood per iteration, the final parameters in both units, and scikit-learn from the same start.
#include "cases.hpp"
#include "common.hpp"

#include "latent/estep.hpp"
#include "latent/gmm.hpp"
#include "report/json.hpp"
#include "report/table.hpp"

#include <xtensor/xadapt.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>

namespace em_lecture {

namespace {

// Our theta^(N) against scikit-learn's (the committed fixture) for every N the fixture holds.
void compare_with_sklearn(dlc::Case& c, const dlc::EmResult& r, double n) {
    auto& out = c.out();
    const std::string path = fixture_path("old_faithful_gmm.json");
    if (path.empty()) {
        out << "scikit-learn comparison skipped: tests/fixtures/old_faithful_gmm.json not found (set DLC_FIXTURES).\n";
        c.set("sklearn_compared", false);
        return;
    }
    std::ifstream f(path);
    const nlohmann::json fx = nlohmann::json::parse(f);
    const auto& runs = fx.at("cases").at("bishop_full_k2").at("runs");
    dlc::TextTable table({"iterations", "max |pi - pi_sk|", "max |mu - mu_sk|", "max |Sigma - Sigma_sk|",
                          "|l/n - score_sk|"});
    double worst = 0;
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& run : runs) {
        const std::size_t t = run.at("iterations").get<std::size_t>();
        if (t >= r.trace.size()) continue;
        const auto& theta = r.trace[t].theta;
        const std::vector<double> wv = run.at("weights").get<std::vector<double>>();
        const dlc::Vector<double> w = xt::adapt(wv, {wv.size()});
        dlc::Matrix<double> mu = dlc::Matrix<double>::from_shape({2, 2});
        dlc::Tensor3<double> cov = dlc::Tensor3<double>::from_shape({2, 2, 2});
        for (std::size_t z = 0; z < 2; ++z)
            for (std::size_t a = 0; a < 2; ++a) {
                mu(z, a) = run.at("means")[z][a].get<double>();
                for (std::size_t b = 0; b < 2; ++b) cov(z, a, b) = run.at("covariances")[z][a][b].get<double>();
            }
        const double dw = max_abs_diff(theta.weights, w), dm = max_abs_diff(theta.means, mu),
                     ds = max_abs_diff(theta.covariances, cov);
        const double dl = std::abs(r.trace[t].log_likelihood / n - run.at("mean_log_likelihood").get<double>());
        worst = std::max({worst, dw, dm, ds});
        table.row({std::to_string(t), dlc::fmt(dw, 3), dlc::fmt(dm, 3), dlc::fmt(ds, 3), dlc::fmt(dl, 3)});
        rows.push_back({{"iterations", t}, {"weights", dw}, {"means", dm}, {"covariances", ds}, {"mean_log_likelihood", dl}});
    }
    out << "scikit-learn " << fx.value("sklearn", "?") << " GaussianMixture from the same theta^(0) (reg_covar = "
        << dlc::fmt(fx.value("reg_covar", 0.0)) << ", fixture " << path << "):\n"
        << table.str() << "largest parameter difference " << dlc::fmt(worst, 3)
        << (worst <= 1e-6 ? " <= 1e-6: the same iterates.\n" : " > 1e-6: DISAGREES.\n");
    c.set("sklearn_compared", true);
    c.set("sklearn_version", fx.value("sklearn", ""));
    c.set("sklearn_comparison", rows);
    c.set("sklearn_max_abs_diff", worst);
    c.set("sklearn_agrees_1e-6", worst <= 1e-6);
}

}  // namespace

void old_faithful_gmm(dlc::Case& c) {
    auto& out = c.out();
    const OldFaithful of = load_old_faithful_standardized();
    const dlc::Matrix<double>& X = of.X;
    const double n = double(X.shape(0));
    out << "Old Faithful: n = " << X.shape(0) << " eruptions (" << of.columns[0] << ", " << of.columns[1]
        << " in minutes), standardized with mean " << dlc::fmt_vec(of.scaler.mean()) << " and population sd "
        << dlc::fmt_vec(of.scaler.sd()) << ".\n";

    const dlc::GaussianMixture theta0 = bishop_initial_theta();
    out << "theta^(0), read off Bishop's Figure 9.8(a) (the figure prints no numbers): pi = (1/2, 1/2), mu_1 = "
        << dlc::fmt_vec(theta0.mean(0)) << ", mu_2 = " << dlc::fmt_vec(theta0.mean(1))
        << ", Sigma_1 = Sigma_2 = 0.5 I (circles of radius 0.71 sd), full covariances, k = 2.\n"
        << "EM: E-step gamma_i^z = pi_z N(x_i | mu_z, Sigma_z) / sum_c pi_c N(x_i | mu_c, Sigma_c); M-step n_z = sum_i "
           "gamma_i^z, mu_z = (1/n_z) sum_i gamma_i^z x_i,\n    Sigma_z = (1/n_z) sum_i gamma_i^z (x_i - mu_z)(x_i - "
           "mu_z)^T + 1e-6 I (scikit-learn's reg_covar), pi_z = n_z / n.\n\n";

    // Exactly 100 iterations (tolerance 0), as the fixture's longest scikit-learn run.
    dlc::EmOptions opt;
    opt.max_iterations = 100;
    opt.tolerance = 0;
    opt.record_trace = true;
    const dlc::EmResult r = dlc::fit_gmm(X, theta0, opt);
    std::size_t converged_at = r.iterations;
    for (std::size_t t = 1; t < r.log_likelihood.size(); ++t)
        if (std::abs(r.log_likelihood[t] - r.log_likelihood[t - 1]) / n < 1e-10) {
            converged_at = t;
            break;
        }

    dlc::TextTable steps({"t", "log p(x; theta^(t))", "per point", "pi_1", "mu_1", "mu_2"});
    for (std::size_t t : {0, 1, 2, 3, 4, 5, 10, 15, 20, 30, 100}) {
        if (t >= r.trace.size()) continue;
        const auto& s = r.trace[t];
        steps.row({std::to_string(t), dlc::fmt(s.log_likelihood, 8), dlc::fmt(s.log_likelihood / n, 6),
                   dlc::fmt(s.theta.weights(0), 5), dlc::fmt_vec(s.theta.mean(0), 4), dlc::fmt_vec(s.theta.mean(1), 4)});
    }
    out << steps.str();
    // fit_gmm has checked every step against its rounding tolerance; here: the largest decrease, if any.
    double largest_decrease = 0;
    for (std::size_t t = 1; t < r.log_likelihood.size(); ++t)
        largest_decrease = std::max(largest_decrease, r.log_likelihood[t - 1] - r.log_likelihood[t]);
    const bool monotone = largest_decrease <= 1e-9;
    out << "The log-likelihood rises from " << dlc::fmt(r.log_likelihood.front(), 7) << " to "
        << dlc::fmt(r.log_likelihood.back(), 8) << " and changes by less than 1e-10 per point from iteration "
        << converged_at << " on; "
        << (largest_decrease == 0 ? std::string("it never decreases")
                                  : "after convergence it only jitters by rounding (largest decrease " +
                                        dlc::fmt(largest_decrease, 2) + ", of a sum of 272 terms of size ~1)")
        << ".\n\n";

    // The final parameters in both units.
    const dlc::GaussianMixture& fin = r.theta;
    const dlc::GaussianMixture orig = to_original_units(fin, of.scaler);
    dlc::TextTable params({"z", "pi_z", "mu_z (std.)", "Sigma_z (std.)", "mu_z (min, min)", "Sigma_z (min^2)"});
    for (std::size_t z = 0; z < 2; ++z) {
        const auto S = fin.covariance(z), So = orig.covariance(z);
        params.row({std::to_string(z + 1), dlc::fmt(fin.weights(z), 6), dlc::fmt_vec(fin.mean(z), 5),
                    "[" + dlc::fmt_vec(xt::row(S, 0), 4) + ", " + dlc::fmt_vec(xt::row(S, 1), 4) + "]",
                    dlc::fmt_vec(orig.mean(z), 5),
                    "[" + dlc::fmt_vec(xt::row(So, 0), 4) + ", " + dlc::fmt_vec(xt::row(So, 1), 4) + "]"});
    }
    out << "theta^(100) (standardized, and in the original units: mu' = m + D mu, Sigma' = D Sigma D, D = diag(sd)):\n"
        << params.str()
        << "Component " << (fin.means(0, 0) < fin.means(1, 0) ? 1 : 2)
        << " holds the short eruptions with short waits, the other the long ones; the long ones are more common.\n\n";

    compare_with_sklearn(c, r, n);

    // The symmetric start of the k-means lecture is a near-saddle for EM.
    {
        dlc::GaussianMixture sym = theta0;
        sym.means = {{-1.0, 1.0}, {1.0, -1.0}};
        for (std::size_t z = 0; z < 2; ++z) sym.covariances(z, 0, 0) = sym.covariances(z, 1, 1) = 0.25;
        dlc::EmOptions so;
        so.max_iterations = 500;
        so.tolerance = 0;
        const auto rs = dlc::fit_gmm(X, sym, so);
        std::size_t reach = 0;
        for (std::size_t t = 0; t < rs.log_likelihood.size(); ++t)
            if (rs.log_likelihood[t] / n > r.log_likelihood.back() / n - 1e-6) {
                reach = t;
                break;
            }
        out << "Aside: from the k-means lecture's symmetric start mu = (-1, 1), (1, -1) with Sigma = 0.25 I, both means "
               "first move to the centre and EM needs "
            << reach << " iterations (instead of " << converged_at
            << ") to come within 1e-6 per point of the same log-likelihood: the split across the data's long axis is "
               "almost a saddle point.\n";
        c.set("symmetric_start_iterations_to_same_optimum", reach);
    }

    c.set("n", X.shape(0));
    c.set("standardization_mean", dlc::to_json_value(of.scaler.mean()));
    c.set("standardization_sd", dlc::to_json_value(of.scaler.sd()));
    c.set("initial_theta", mixture_json(theta0));
    c.set("log_likelihood_per_iteration", r.log_likelihood);
    c.set("log_likelihood_non_decreasing", monotone);
    c.set("largest_decrease", largest_decrease);
    c.set("iterations", r.iterations);
    c.set("converged_at_iteration", converged_at);
    c.set("final_log_likelihood", r.log_likelihood.back());
    c.set("final_theta_standardized", mixture_json(fin));
    c.set("final_theta_original_units", mixture_json(orig));
    nlohmann::json after = nlohmann::json::object();
    for (std::size_t t : {1, 2, 5, 20}) after[std::to_string(t)] = mixture_json(r.trace[t].theta);
    c.set("theta_after_rounds", after);

    // Bishop's Figure 9.8: responsibilities and ellipses after 0, 1, 2, 5 and 20 rounds.
    for (std::size_t t : {0, 1, 2, 5, 20}) {
        const auto& s = r.trace[t];
        const std::string when = t == 0 ? "the initialization" : std::to_string(t) + (t == 1 ? " round" : " rounds");
        auto fig = responsibility_figure("old_faithful_gmm_t" + std::to_string(t),
                                         "EM on Old Faithful after " + when + " (log p = " + dlc::fmt(s.log_likelihood, 6) + ")",
                                         X, s.theta, s.responsibilities);
        fig.xlabel("eruptions (standardized)").ylabel("waiting (standardized)");
        c.figure(fig, "after " + when + ": points coloured by responsibility (blue: component 1, vermillion: 2), "
                      "ellipses at 1 and 2 standard deviations");
    }
    dlc::plot::Figure ll("old_faithful_gmm_loglik");
    std::vector<double> ts, per_point;
    for (std::size_t t = 0; t <= std::min<std::size_t>(r.iterations, 40); ++t) {
        ts.push_back(double(t));
        per_point.push_back(r.log_likelihood[t] / n);
    }
    dlc::plot::LineStyle ls;
    ls.points = true;
    ll.title("Old Faithful: log-likelihood per point after each EM iteration")
        .xlabel("iteration t")
        .ylabel("log p(x; θ^(t)) / n")
        .lines(ts, per_point, "EM", ls)
        .legend(dlc::plot::Legend::off);
    c.figure(ll, "the log-likelihood never decreases; flat once EM has converged");
}

}  // namespace em_lecture
