// The ELBO made visible: for a fixed theta, L(q, theta) <= log p(x; theta) for the posterior, the uniform and a
// random q, with the gap equal to KL(q || p(z | x; theta)); the identity also for a q over all 2^6 labelings of six
// points that does not factorize; and EM as coordinate ascent on L (Bishop's Figure 9.14).
#include "cases.hpp"
#include "common.hpp"

#include "latent/elbo.hpp"
#include "latent/estep.hpp"
#include "latent/gmm.hpp"
#include "latent/logsumexp.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <cmath>

namespace em_lecture {

namespace {

// theta(s) = theta_a + s (theta_b - theta_a), or false if it is not a valid mixture (weights < 0, Sigma not PD).
bool interpolate(const dlc::GaussianMixture& a, const dlc::GaussianMixture& b, double s, dlc::GaussianMixture& out) {
    out = a;
    out.weights = a.weights + s * (b.weights - a.weights);
    out.means = a.means + s * (b.means - a.means);
    out.covariances = a.covariances + s * (b.covariances - a.covariances);
    try {
        dlc::check_mixture("interpolate", out);
    } catch (const dlc::Error&) {
        return false;
    }
    return true;
}

}  // namespace

void elbo_gap(dlc::Case& c) {
    auto& out = c.out();
    const OldFaithful of = load_old_faithful_standardized();
    const dlc::Matrix<double>& X = of.X;
    const std::size_t n = X.shape(0), k = 2;

    // A fixed theta: one EM round from the Bishop start (not yet converged, so the posterior is not trivial).
    dlc::EmOptions two;
    two.max_iterations = 2;
    two.tolerance = 0;
    two.record_trace = true;
    const auto r2 = dlc::fit_gmm(X, bishop_initial_theta(), two);
    const dlc::GaussianMixture& theta = r2.trace[1].theta;
    out << "theta = theta^(1) of the Old Faithful run (one EM round from Bishop's start). For a distribution q of "
           "z = (z_1, ..., z_n), q(z) = prod_i q_i(z_i):\n  L(q, theta) = sum_i sum_z q_i(z) log(p(x_i, z; theta) / "
           "q_i(z)),  KL(q || p(z|x)) = sum_i sum_z q_i(z) log(q_i(z) / gamma_i^z),  log p(x; theta) = sum_i log p(x_i; theta).\n";

    const dlc::Matrix<double> posterior = dlc::responsibilities(X, theta);
    const dlc::Matrix<double> uniform = xt::ones<double>({n, k}) / double(k);
    dlc::Matrix<double> random = dlc::Matrix<double>::from_shape({n, k});
    for (std::size_t i = 0; i < n; ++i) {
        double s = 0;
        for (std::size_t z = 0; z < k; ++z) s += (random(i, z) = c.rng().uniform());
        for (std::size_t z = 0; z < k; ++z) random(i, z) /= s;
    }
    dlc::TextTable table({"q", "L(q, theta)", "KL(q || p(z|x))", "log p(x; theta)", "log p - L - KL"});
    nlohmann::json rows = nlohmann::json::array();
    double worst = 0;
    bool bound_holds = true;
    for (const auto& [name, q] : {std::pair<std::string, const dlc::Matrix<double>*>{"posterior p(z|x; theta)", &posterior},
                                  {"uniform (1/2, 1/2)", &uniform},
                                  {"random", &random}}) {
        const dlc::ElboParts e = dlc::gmm_elbo(X, theta, *q);
        worst = std::max(worst, std::abs(e.identity_error()));
        bound_holds = bound_holds && e.elbo <= e.evidence + 1e-9;
        table.row({name, dlc::fmt(e.elbo, 10), dlc::fmt(e.kl, 6), dlc::fmt(e.evidence, 10), dlc::fmt(e.identity_error(), 3)});
        rows.push_back({{"q", name}, {"elbo", e.elbo}, {"kl", e.kl}, {"evidence", e.evidence},
                        {"identity_error", e.identity_error()}, {"expected_complete", e.expected_complete},
                        {"entropy", e.entropy}});
    }
    out << table.str() << "L <= log p for every q, the gap is exactly the KL divergence (largest |log p - L - KL| = "
        << dlc::fmt(worst, 3) << "), and the posterior closes it: that is the E-step.\n\n";

    // Any q: all 2^6 labelings of six points, with a q that does not factorize over the points.
    const std::size_t m = 6;
    const dlc::Matrix<double> X6 = xt::view(X, xt::range(0, m), xt::all());
    const dlc::Vector<double> lj = dlc::joint_configurations_log_prob(X6, theta);
    dlc::Vector<double> q_any = dlc::Vector<double>::from_shape({lj.size()});
    double total = 0;
    for (auto& v : q_any) total += (v = std::pow(c.rng().uniform(), 3.0));
    q_any /= total;
    const dlc::Vector<double> q_post = xt::exp(lj - dlc::logsumexp(lj));
    const dlc::ElboParts any = dlc::elbo_parts(lj, q_any), exact = dlc::elbo_parts(lj, q_post);
    out << "Six points, all 2^6 = 64 labelings z: log p(x; theta) = log sum_z p(x, z; theta) = " << dlc::fmt(any.evidence, 10)
        << " (the same as summing log p(x_i) over the six: " << dlc::fmt(dlc::log_likelihood(X6, theta), 10) << ").\n"
        << "  a random q over the 64 labelings (not a product over points): L = " << dlc::fmt(any.elbo, 10)
        << ", KL = " << dlc::fmt(any.kl, 6) << ", log p - L - KL = " << dlc::fmt(any.identity_error(), 3) << "\n"
        << "  q = p(z | x; theta) over the 64 labelings: L = " << dlc::fmt(exact.elbo, 10) << ", KL = " << dlc::fmt(exact.kl, 3)
        << ": sup_q L(q, theta) = log p(x; theta), attained at the posterior.\n\n";
    worst = std::max({worst, std::abs(any.identity_error()), std::abs(exact.identity_error())});

    c.set("theta", mixture_json(theta));
    c.set("table", rows);
    c.set("max_identity_error", worst);
    c.set("elbo_below_evidence", bound_holds);
    c.set("six_points_evidence", any.evidence);
    c.set("six_points_random_q", {{"elbo", any.elbo}, {"kl", any.kl}, {"identity_error", any.identity_error()}});
    c.set("six_points_posterior_q", {{"elbo", exact.elbo}, {"kl", exact.kl}, {"identity_error", exact.identity_error()}});

    // Bishop's Figure 9.14 along the second EM step: theta(s) = theta^(1) + s (theta^(2) - theta^(1)), relative to
    // log p(x; theta^(1)).
    const dlc::GaussianMixture& th_old = r2.trace[1].theta;
    const dlc::GaussianMixture& th_new = r2.trace[2].theta;
    const dlc::Matrix<double>& q_old = r2.trace[1].responsibilities;
    const dlc::Matrix<double>& q_new = r2.trace[2].responsibilities;
    const double base = r2.log_likelihood[1];
    std::vector<double> s_axis, evidence, bound_old, bound_new;
    dlc::GaussianMixture th;
    for (int i = -50; i <= 170; ++i) {
        const double s = i / 100.0;
        if (!interpolate(th_old, th_new, s, th)) continue;
        s_axis.push_back(s);
        evidence.push_back(dlc::log_likelihood(X, th) - base);
        bound_old.push_back(dlc::gmm_elbo(X, th, q_old).elbo - base);
        bound_new.push_back(dlc::gmm_elbo(X, th, q_new).elbo - base);
    }
    const std::size_t best = std::max_element(bound_old.begin(), bound_old.end()) - bound_old.begin();
    const double rise = r2.lower_bound[1] - r2.log_likelihood[1], gap = r2.log_likelihood[2] - r2.lower_bound[1];
    out << "Iteration 2 (Bishop's Figure 9.14): at theta^(1) the E-step's bound L(q_old, .) equals log p; the M-step moves "
           "to its maximum theta^(2), raising it by "
        << dlc::fmt(rise, 5) << "; log p rises by " << dlc::fmt(rise + gap, 5) << ", the extra " << dlc::fmt(gap, 5)
        << " = KL(q_old || p(z | x; theta^(2))) being what the next E-step closes. Along theta(s) = theta^(1) + s (theta^(2) "
           "- theta^(1)) the old bound peaks at s = "
        << dlc::fmt(s_axis[best], 3) << ".\n";
    c.set("figure_9_14", {{"iteration", 2}, {"m_step_rise_of_bound", rise}, {"e_step_gap_closed", gap},
                          {"bound_peak_s", s_axis[best]}});

    double ylo = 0, yhi = 0;
    for (double v : evidence) ylo = std::min(ylo, v), yhi = std::max(yhi, v);
    dlc::plot::Figure f914("elbo_gap_bishop_9_14");
    dlc::plot::LineStyle red, blue, green;
    red.colour = "#D55E00", blue.colour = "#0072B2", green.colour = "#009E73";
    f914.title("EM as coordinate ascent on L(q, θ) (Bishop Fig. 9.14), iteration 2")
        .xlabel("s, with θ(s) = θ^(1) + s (θ^(2) − θ^(1))")
        .ylabel("value − log p(x; θ^(1))")
        .yrange(ylo - 0.15 * (yhi - ylo), yhi + 0.25 * (yhi - ylo))
        .lines(s_axis, evidence, "log p(x; θ)  (evidence)", red)
        .lines(s_axis, bound_old, "L(q_old, θ), q_old = p(z|x; θ^(1))", blue)
        .lines(s_axis, bound_new, "L(q_new, θ), q_new = p(z|x; θ^(2))", green)
        .scatter(dlc::Matrix<double>{{0.0, 0.0}, {1.0, r2.log_likelihood[2] - base}}, "θ^(1), θ^(2)",
                 dlc::plot::PointStyle{dlc::plot::Marker::dot, 1.4, 1.0, "#222222"})
        .legend(dlc::plot::Legend::top_left);
    c.figure(f914, "the E-step's bound touches the evidence at θ_old; the M-step moves to the bound's maximum θ_new; the "
                   "next E-step's bound touches the evidence there");

    // The staircase over iterations: E-step (bound = evidence), M-step (bound rises), next E-step (gap closes).
    dlc::EmOptions ten;
    ten.max_iterations = 12;
    ten.tolerance = 0;
    const auto r = dlc::fit_gmm(X, bishop_initial_theta(), ten);
    std::vector<double> tx, ty, ex, ey;
    nlohmann::json stairs = nlohmann::json::array();
    for (std::size_t t = 0; t <= r.iterations; ++t) {
        if (t > 0) ex.push_back(double(t)), ey.push_back(r.log_likelihood[t]);
        if (t > 1) {
            tx.push_back(double(t)), ty.push_back(r.lower_bound[t - 1]);
            stairs.push_back({{"t", t}, {"bound_after_m_step", r.lower_bound[t - 1]}, {"evidence", r.log_likelihood[t]},
                              {"gap_kl", r.log_likelihood[t] - r.lower_bound[t - 1]}});
        }
        if (t > 0) tx.push_back(double(t)), ty.push_back(r.log_likelihood[t]);
    }
    c.set("coordinate_ascent", stairs);
    dlc::plot::Figure fst("elbo_gap_staircase");
    dlc::plot::LineStyle pts = red;
    pts.points = true;
    fst.title("EM iterations 1-12: the M-step raises L, the E-step lifts it to log p")
        .xlabel("iteration t")
        .ylabel("log p(x; θ) and L(q, θ)")
        .lines(tx, ty, "L(q, θ): M-step (slanted), then E-step (vertical)", blue)
        .lines(ex, ey, "log p(x; θ^(t))", pts)
        .legend(dlc::plot::Legend::bottom_right);
    c.figure(fst, "coordinate ascent on L(q, θ) from iteration 1 on (the first step, from -1542, is off the scale): each M-step "
                   "raises the bound, each E-step closes the gap, the KL divergence");
}

}  // namespace em_lecture
