// The NYU slides' ELBO identities on a discrete example: three values of z with prior p(z) = (0.5, 0.3, 0.2), one
// observed x with p(x|z) = (0.1, 0.6, 0.3), and q(z) = (0.2, 0.5, 0.3). log p(x); the ELBO in the slides' three forms
// (7) sum_z q log p(x, z)/q, (9) E_q[-log q + log p(x|z) + log p(z)], (10) -KL(q || p(z)) + E_q log p(x|z); the gap
// KL(q || p(z|x)) = log p(x) - ELBO (slide "Is ELBO a good lower bound?" and Bahng's Theorem 10.1); the bound's tightness
// at q = p(z|x); and the ELBO along the segment from q to the posterior.
#include "cases.hpp"
#include "common.hpp"

#include "latent/divergence.hpp"
#include "plot/figure.hpp"
#include "report/json.hpp"
#include "report/table.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace vae_lecture {

namespace {

struct Forms {
    double form7, form9, form10, evidence_minus_kl;
};

Forms elbo_forms(const dlc::Vector<double>& prior, const dlc::Vector<double>& lik, const dlc::Vector<double>& q) {
    double px = 0;
    for (std::size_t z = 0; z < prior.size(); ++z) px += prior(z) * lik(z);
    dlc::Vector<double> post = prior * lik / px;
    Forms f{0, 0, 0, 0};
    double rec = 0;
    for (std::size_t z = 0; z < q.size(); ++z) {
        if (q(z) == 0) continue;
        f.form7 += q(z) * std::log(prior(z) * lik(z) / q(z));                              // (7)
        f.form9 += q(z) * (-std::log(q(z)) + std::log(lik(z)) + std::log(prior(z)));        // (9)
        rec += q(z) * std::log(lik(z));
    }
    f.form10 = -dlc::kl_divergence(q, prior) + rec;                                          // (10)
    f.evidence_minus_kl = std::log(px) - dlc::kl_divergence(q, post);                         // log p(x) - KL(q || p(z|x))
    return f;
}

}  // namespace

void elbo_identity_vae(dlc::Case& c) {
    auto& out = c.out();
    const dlc::Vector<double> prior = {0.5, 0.3, 0.2}, lik = {0.1, 0.6, 0.3}, q = {0.2, 0.5, 0.3};
    double px = 0;
    for (std::size_t z = 0; z < 3; ++z) px += prior(z) * lik(z);
    const dlc::Vector<double> joint = prior * lik, post = joint / px;
    out << "p(z) = (0.5, 0.3, 0.2), p(x|z) = (0.1, 0.6, 0.3), q(z) = (0.2, 0.5, 0.3).\n"
        << "p(x, z) = p(z) p(x|z) = " << dlc::fmt_vec(joint) << "; p(x) = sum_z p(x, z) = " << dlc::fmt(px) << "; log p(x) = "
        << dlc::fmt(std::log(px), 10) << ".\n"
        << "Posterior p(z|x) = p(x, z) / p(x) = " << dlc::fmt_vec(post, 6) << ".\n";
    const Forms f = elbo_forms(prior, lik, q);
    const double kl_post = dlc::kl_divergence(q, post), kl_prior = dlc::kl_divergence(q, prior);
    double rec = 0, ent = 0, cross = 0;
    for (std::size_t z = 0; z < 3; ++z) rec += q(z) * std::log(lik(z)), ent -= q(z) * std::log(q(z)), cross += q(z) * std::log(joint(z));
    dlc::TextTable t({"form", "expression", "value"});
    t.row({"(7)", "sum_z q(z) log p(x, z) / q(z)", dlc::fmt(f.form7, 10)});
    t.row({"(9)", "E_q[-log q(z) + log p(x|z) + log p(z)]", dlc::fmt(f.form9, 10)});
    t.row({"(10)", "-KL(q || p(z)) + E_q log p(x|z) = " + dlc::fmt(-kl_prior, 6) + " + " + dlc::fmt(rec, 6), dlc::fmt(f.form10, 10)});
    t.row({"gap", "log p(x) - KL(q || p(z|x)) = " + dlc::fmt(std::log(px), 6) + " - " + dlc::fmt(kl_post, 6),
           dlc::fmt(f.evidence_minus_kl, 10)});
    out << "The ELBO for this q, four ways (NYU slides eqs. 7-10 and 'Is ELBO a good lower bound?'):\n" << t.str();
    const double spread = std::max({std::abs(f.form7 - f.form9), std::abs(f.form7 - f.form10), std::abs(f.form7 - f.evidence_minus_kl)});
    out << "All four agree to " << dlc::fmt(spread, 3) << "; ELBO = " << dlc::fmt(f.form7, 8) << " < log p(x) = "
        << dlc::fmt(std::log(px), 8) << " by KL(q || p(z|x)) = " << dlc::fmt(kl_post, 8) << ".\n"
        << "In entropy form: E_q log p(x, z) + H(q) = " << dlc::fmt(cross, 8) << " + " << dlc::fmt(ent, 8) << " = "
        << dlc::fmt(cross + ent, 8) << ".\n";
    // Bahng Theorem 10.1: KL(q || p(z|x)) = E_q log q + log p(x) - E_q log p(x, z).
    const double thm = -ent + std::log(px) - cross;
    out << "Bahng Theorem 10.1: E_q log q + log p(x) - E_q log p(x, z) = " << dlc::fmt(-ent, 6) << " + " << dlc::fmt(std::log(px), 6)
        << " - (" << dlc::fmt(cross, 6) << ") = " << dlc::fmt(thm, 10) << " = KL(q || p(z|x)).\n";
    // Tight at the posterior.
    const Forms at_post = elbo_forms(prior, lik, post);
    out << "With q = p(z|x): ELBO = " << dlc::fmt(at_post.form7, 12) << " = log p(x) (gap " << dlc::fmt(std::log(px) - at_post.form7, 3)
        << "): the bound is tight exactly at the posterior.\n";
    c.set("log_px", std::log(px));
    c.set("px", px);
    c.set("posterior", dlc::to_json_value(post));
    c.set("elbo_form7", f.form7);
    c.set("elbo_form9", f.form9);
    c.set("elbo_form10", f.form10);
    c.set("log_px_minus_kl_posterior", f.evidence_minus_kl);
    c.set("kl_q_posterior", kl_post);
    c.set("kl_q_prior", kl_prior);
    c.set("expected_log_likelihood", rec);
    c.set("max_form_difference", spread);
    c.set("theorem_10_1_kl", thm);
    c.set("elbo_at_posterior", at_post.form7);
    c.set("gap_at_posterior", std::log(px) - at_post.form7);
    c.agrees("NYU slides (7) = (8) = (9) = (10) and ELBO = evidence - KL(q || p(z|x))", spread);
    c.agrees("Bahng Theorem 10.1: KL(q || p(z|x)) = E_q log q + log p(x) - E_q log p(x, z)", thm - kl_post);
    c.note("NYU slides, ELBO (7)", "the slides write q(z) and q_phi(z|x) for the same distribution in one line; here the "
           "q(z) of the example plays q_phi(z|x) for the one observed x.");

    // The ELBO along q_s = (1 - s) q + s p(z|x).
    std::vector<double> s_grid, elbo, evidence;
    double worst = -1;
    for (int i = 0; i <= 50; ++i) {
        const double s = i / 50.0;
        const dlc::Vector<double> qs = (1 - s) * q + s * post;
        const Forms fs = elbo_forms(prior, lik, qs);
        s_grid.push_back(s);
        elbo.push_back(fs.form7);
        evidence.push_back(std::log(px));
        worst = std::max(worst, fs.form7 - std::log(px));
    }
    c.set("max_elbo_minus_evidence_on_path", worst);
    dlc::plot::Figure fig("elbo_path");
    dlc::plot::LineStyle d;
    d.dashed = true;
    fig.title("ELBO of q_s = (1 - s) q + s p(z|x): below log p(x), equal at the posterior").xlabel("s")
        .ylabel("nats").lines(s_grid, elbo, "ELBO(q_s)").lines(s_grid, evidence, "log p(x)", d)
        .legend(dlc::plot::Legend::bottom_right);
    c.figure(fig, "The ELBO rises to log p(x) as q moves to the posterior; the gap is KL(q_s || p(z|x))");
}

}  // namespace vae_lecture
