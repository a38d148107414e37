// ECE559 L19&20 "④ Hierarchical VAEs": x -> z1 -> z2 -> z3 (encode), z3 -> z2 -> z1 -> x (decode), with the printed ELBO
//   log [P_prior(z1) P_dec(z2|z1) P_dec(z3|z2) P_dec(x|z1)] / [P_enc(z3|z2) P_enc(z2|z1) P_enc(z1|x)].
// On a small model where everything can be enumerated (x of 3 bits, z1, z2, z3 of 2 bits each, random conditional tables):
// the ELBO of the generative model whose decoders invert the encoder chain, p(z3) p(z2|z3) p(z1|z2) p(x|z1), is a lower bound
// on its log p(x) for every encoder and equals it at the exact posterior (which the encoder chain can represent). The
// printed expression defines a consistent joint distribution too (its numerator sums to 1), but one in which z2 and z3 hang
// below z1 and never reach x: it bounds log sum_z1 P(z1) P(x|z1), a one-level model, and it is not a lower bound on the
// hierarchical model's log p(x).
#include "cases.hpp"
#include "common.hpp"

#include "plot/figure.hpp"
#include "report/json.hpp"
#include "report/table.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace vae_lecture {

namespace {

constexpr std::size_t NX = 8, NZ = 4;

using Table = std::vector<std::vector<double>>;  // rows: the conditioning value; each row a distribution

std::vector<double> random_distribution(std::size_t n, dlc::Rng& rng) {
    std::vector<double> p(n);
    double s = 0;
    for (auto& v : p) s += (v = -std::log(1.0 - rng.uniform()));  // Dirichlet(1, ..., 1)
    for (auto& v : p) v /= s;
    return p;
}

Table random_table(std::size_t rows, std::size_t cols, dlc::Rng& rng) {
    Table t(rows);
    for (auto& r : t) r = random_distribution(cols, rng);
    return t;
}

// The intended hierarchy p(z3) p(z2|z3) p(z1|z2) p(x|z1) and the printed one P(z1) P(z2|z1) P(z3|z2) P(x|z1).
struct Model {
    std::vector<double> top;  // p(z3) (intended) or P(z1) (printed)
    Table a, b;               // intended: p(z2|z3) [z3][z2], p(z1|z2) [z2][z1]; printed: P(z2|z1) [z1][z2], P(z3|z2) [z2][z3]
    Table x_given_z1;         // [z1][x], shared
    bool printed = false;
    double joint(std::size_t x, std::size_t z1, std::size_t z2, std::size_t z3) const {
        return printed ? top[z1] * a[z1][z2] * b[z2][z3] * x_given_z1[z1][x]
                       : top[z3] * a[z3][z2] * b[z2][z1] * x_given_z1[z1][x];
    }
    double marginal(std::size_t x) const {
        double s = 0;
        for (std::size_t z1 = 0; z1 < NZ; ++z1)
            for (std::size_t z2 = 0; z2 < NZ; ++z2)
                for (std::size_t z3 = 0; z3 < NZ; ++z3) s += joint(x, z1, z2, z3);
        return s;
    }
};

struct Encoder {
    Table z1_given_x, z2_given_z1, z3_given_z2;  // q(z1|x) [x][z1], q(z2|z1) [z1][z2], q(z3|z2) [z2][z3]
};

// E_q[log p(x, z1, z2, z3) - log q(z1, z2, z3 | x)] by enumeration.
double elbo(const Model& m, const Encoder& q, std::size_t x) {
    double s = 0;
    for (std::size_t z1 = 0; z1 < NZ; ++z1)
        for (std::size_t z2 = 0; z2 < NZ; ++z2)
            for (std::size_t z3 = 0; z3 < NZ; ++z3) {
                const double qz = q.z1_given_x[x][z1] * q.z2_given_z1[z1][z2] * q.z3_given_z2[z2][z3];
                if (qz > 0) s += qz * (std::log(m.joint(x, z1, z2, z3)) - std::log(qz));
            }
    return s;
}

Model random_model(bool printed, const Table& x_given_z1, dlc::Rng& rng) {
    Model m;
    m.printed = printed;
    m.top = random_distribution(NZ, rng);
    m.a = random_table(NZ, NZ, rng);
    m.b = random_table(NZ, NZ, rng);
    m.x_given_z1 = x_given_z1;
    return m;
}

Encoder random_encoder(dlc::Rng& rng) {
    return {random_table(NX, NZ, rng), random_table(NZ, NZ, rng), random_table(NZ, NZ, rng)};
}

// The exact posterior of the intended model, written as an encoder chain: p(z1|x), p(z2|z1), p(z3|z2) (a Markov chain,
// so z2 given z1 does not depend on x, nor z3 given z2 on z1).
Encoder posterior_chain(const Model& m) {
    Encoder q;
    std::vector<double> p_z2(NZ, 0.0), p_z1(NZ, 0.0);
    for (std::size_t z3 = 0; z3 < NZ; ++z3)
        for (std::size_t z2 = 0; z2 < NZ; ++z2) p_z2[z2] += m.top[z3] * m.a[z3][z2];
    for (std::size_t z2 = 0; z2 < NZ; ++z2)
        for (std::size_t z1 = 0; z1 < NZ; ++z1) p_z1[z1] += p_z2[z2] * m.b[z2][z1];
    q.z1_given_x.assign(NX, std::vector<double>(NZ));
    for (std::size_t x = 0; x < NX; ++x) {
        double s = 0;
        for (std::size_t z1 = 0; z1 < NZ; ++z1) s += (q.z1_given_x[x][z1] = p_z1[z1] * m.x_given_z1[z1][x]);
        for (auto& v : q.z1_given_x[x]) v /= s;
    }
    q.z2_given_z1.assign(NZ, std::vector<double>(NZ));
    for (std::size_t z1 = 0; z1 < NZ; ++z1) {
        double s = 0;
        for (std::size_t z2 = 0; z2 < NZ; ++z2) s += (q.z2_given_z1[z1][z2] = p_z2[z2] * m.b[z2][z1]);
        for (auto& v : q.z2_given_z1[z1]) v /= s;
    }
    q.z3_given_z2.assign(NZ, std::vector<double>(NZ));
    for (std::size_t z2 = 0; z2 < NZ; ++z2) {
        double s = 0;
        for (std::size_t z3 = 0; z3 < NZ; ++z3) s += (q.z3_given_z2[z2][z3] = m.top[z3] * m.a[z3][z2]);
        for (auto& v : q.z3_given_z2[z2]) v /= s;
    }
    return q;
}

// The exact posterior of the printed model as an encoder chain: P(z1|x) proportional to P(z1) P(x|z1), and
// q(z2|z1) = P(z2|z1), q(z3|z2) = P(z3|z2) (z2 and z3 sit below z1, away from x, so their posterior is their conditional).
Encoder printed_posterior_chain(const Model& m) {
    Encoder q;
    q.z1_given_x.assign(NX, std::vector<double>(NZ));
    for (std::size_t x = 0; x < NX; ++x) {
        double s = 0;
        for (std::size_t z1 = 0; z1 < NZ; ++z1) s += (q.z1_given_x[x][z1] = m.top[z1] * m.x_given_z1[z1][x]);
        for (auto& v : q.z1_given_x[x]) v /= s;
    }
    q.z2_given_z1 = m.a;
    q.z3_given_z2 = m.b;
    return q;
}

}  // namespace

void hierarchical_vae_elbo(dlc::Case& c) {
    auto& out = c.out();
    const Table x_given_z1 = random_table(NZ, NX, c.rng());
    const Model intended = random_model(false, x_given_z1, c.rng());
    const Model printed = random_model(true, x_given_z1, c.rng());
    const Encoder q = random_encoder(c.rng());
    out << "x in {0,1}^3 (8 values), z1, z2, z3 in {0,1}^2 (4 values each); every table a random distribution "
           "(Dirichlet(1)), P_dec(x|z1) shared by both models; one random encoder chain q(z1|x) q(z2|z1) q(z3|z2).\n";

    // Both numerators are joint distributions: they sum to 1 over (x, z1, z2, z3).
    double sum_int = 0, sum_pr = 0;
    for (std::size_t x = 0; x < NX; ++x) sum_int += intended.marginal(x), sum_pr += printed.marginal(x);
    out << "Sum over all (x, z1, z2, z3) of the numerator: intended p(z3) p(z2|z3) p(z1|z2) p(x|z1) = " << dlc::fmt(sum_int, 15)
        << "; printed P(z1) P(z2|z1) P(z3|z2) P(x|z1) = " << dlc::fmt(sum_pr, 15)
        << ": both are consistent joint distributions.\n";
    c.set("intended_joint_sum", sum_int);
    c.set("printed_joint_sum", sum_pr);

    dlc::TextTable t({"x", "log p(x) intended", "ELBO intended", "ELBO at posterior", "log P(x) printed model",
                      "printed ELBO", "printed ELBO, best q", "best printed - log p(x)"});
    const Encoder post = posterior_chain(intended);
    const Encoder post_printed = printed_posterior_chain(printed);
    std::vector<double> xs, lp_int, el_int, lp_pr, el_pr;
    double worst_gap_intended = 0, max_tight = 0, max_printed_gap = 0;
    std::size_t printed_above = 0;
    for (std::size_t x = 0; x < NX; ++x) {
        const double li = std::log(intended.marginal(x)), ei = elbo(intended, q, x), ep = elbo(intended, post, x);
        const double lpr = std::log(printed.marginal(x)), epr = elbo(printed, q, x), ebest = elbo(printed, post_printed, x);
        xs.push_back(double(x));
        lp_int.push_back(li), el_int.push_back(ei), lp_pr.push_back(lpr), el_pr.push_back(epr);
        worst_gap_intended = std::max(worst_gap_intended, ei - li);
        max_tight = std::max(max_tight, std::abs(ep - li));
        max_printed_gap = std::max({max_printed_gap, epr - lpr, std::abs(ebest - lpr)});
        printed_above += ebest > li;
        t.row({std::to_string(x), dlc::fmt(li, 6), dlc::fmt(ei, 6), dlc::fmt(ep, 10), dlc::fmt(lpr, 6), dlc::fmt(epr, 6),
               dlc::fmt(ebest, 6), dlc::fmt(ebest - li, 4)});
    }
    out << t.str();
    out << "Intended hierarchy: ELBO <= log p(x) for every x (largest ELBO - log p(x) = " << dlc::fmt(worst_gap_intended, 4)
        << "), with equality at the exact posterior p(z1|x) p(z2|z1) p(z3|z2) (largest |gap| " << dlc::fmt(max_tight, 3)
        << ").\nPrinted expression: it is <= log of its own model's marginal sum_z1 P(z1) P(x|z1), with equality at that "
           "model's posterior chain P(z1|x) P(z2|z1) P(z3|z2) (largest ELBO - log P(x) or |gap| "
        << dlc::fmt(max_printed_gap, 3) << "); at that encoder it exceeds the hierarchical model's log p(x) for "
        << printed_above << " of " << NX << " values of x here.\n";
    c.set("intended", {{"log_px", lp_int}, {"elbo", el_int}, {"max_elbo_minus_log_px", worst_gap_intended},
                       {"max_gap_at_posterior", max_tight}});
    c.set("printed", {{"log_px_own_model", lp_pr}, {"elbo", el_pr}, {"max_elbo_minus_own_log_px", max_printed_gap},
                      {"x_values_above_intended_log_px", printed_above}});

    // Over many random models and encoders: how often the printed ELBO exceeds the intended log p(x).
    const std::size_t trials = c.quick() ? 200 : 2000;
    std::size_t above = 0, total = 0, bound_violations = 0;
    double max_invariance = 0;
    for (std::size_t r = 0; r < trials; ++r) {
        const Table xz = random_table(NZ, NX, c.rng());
        const Model mi = random_model(false, xz, c.rng()), mp = random_model(true, xz, c.rng());
        const Encoder qq = random_encoder(c.rng()), best = printed_posterior_chain(mp);
        Model mp2 = mp;  // the printed model with other tables for z2 and z3
        mp2.a = random_table(NZ, NZ, c.rng());
        mp2.b = random_table(NZ, NZ, c.rng());
        for (std::size_t x = 0; x < NX; ++x) {
            const double li = std::log(mi.marginal(x));
            above += elbo(mp, best, x) > li;
            bound_violations += elbo(mi, qq, x) > li + 1e-12;
            max_invariance = std::max(max_invariance, std::abs(std::log(mp.marginal(x)) - std::log(mp2.marginal(x))));
            ++total;
        }
    }
    out << "Over " << trials << " random models and encoders (" << total << " values of x): the intended ELBO exceeded log p(x) "
        << bound_violations << " times; the printed expression at its best encoder exceeded the hierarchical log p(x) " << above
        << " times ("
        << dlc::fmt(100.0 * double(above) / double(total), 3) << "%). Replacing the printed model's P(z2|z1) and P(z3|z2) by other "
        << "tables changes its log P(x) by at most " << dlc::fmt(max_invariance, 3)
        << ": in the printed model z2 and z3 never influence x, so the hierarchy does nothing.\n";
    c.set("trials", trials);
    c.set("intended_bound_violations", bound_violations);
    c.set("printed_above_intended_fraction", double(above) / double(total));
    // The intended model's log p(x) does depend on its upper tables p(z2|z3), p(z1|z2).
    double max_sensitivity = 0;
    {
        Model other = intended;
        other.a = random_table(NZ, NZ, c.rng());
        other.b = random_table(NZ, NZ, c.rng());
        for (std::size_t x = 0; x < NX; ++x)
            max_sensitivity = std::max(max_sensitivity, std::abs(std::log(intended.marginal(x)) - std::log(other.marginal(x))));
    }
    out << "In the intended hierarchy other tables p(z2|z3), p(z1|z2) change log p(x) by up to " << dlc::fmt(max_sensitivity, 3)
        << " nats: there every level shapes p(x).\n";
    c.set("intended_marginal_sensitivity_to_upper_tables", max_sensitivity);
    c.set("printed_marginal_independent_of_z2_z3", max_invariance);
    c.erratum("L19&20 ④ Hierarchical VAEs: ELBO = log P_prior(z1) P_dec(z2|z1) P_dec(z3|z2) P_dec(x|z1) / (...)",
              "P_prior(z1) P_dec(z2|z1) P_dec(z3|z2) P_dec(x|z1)",
              "P_prior(z3) P_dec(z2|z3) P_dec(z1|z2) P_dec(x|z1)",
              "the decoders must run z3 -> z2 -> z1 -> x (as the lecture's diagram decodes); the printed numerator is a valid "
              "joint distribution, but its z2, z3 hang below z1 and never reach x (other P_dec(z2|z1), P_dec(z3|z2) tables "
              "change its log P(x) by at most " + dlc::fmt(max_invariance, 2) + "): it is the ELBO of a one-level model, not "
              "of the hierarchy, and at its best encoder it exceeded the hierarchical model's log p(x) in " +
                  dlc::fmt(100.0 * double(above) / double(total), 3) + "% of random trials");

    dlc::plot::Figure f("hierarchical_elbo");
    dlc::plot::LineStyle a, b, cc, d;
    a.points = b.points = cc.points = d.points = true;
    b.dashed = d.dashed = true;
    f.title("Three-level VAE on 8 values of x: log p(x) and the two ELBOs").xlabel("x (3 bits)").ylabel("nats")
        .legend(dlc::plot::Legend::outside)
        .lines(xs, lp_int, "log p(x), hierarchy z3 -> z2 -> z1 -> x", a)
        .lines(xs, el_int, "its ELBO (always below)", b)
        .lines(xs, lp_pr, "log sum_z1 P(z1) P(x|z1) (the printed model)", cc)
        .lines(xs, el_pr, "printed ELBO (below its own model only)", d);
    c.figure(f, "The intended ELBO stays below log p(x); the printed one bounds a different, one-level model");
}

}  // namespace vae_lecture
