// L22&23 "(2) Analyzing GANs", computed on the mock final's densities. The notes write the game as
// argmax over P_gen of min over P_disc of R = 1/2 E_pop[-log P(+1|x)] + 1/2 E_gen[-log P(-1|x)], find the inner
// minimum at the posterior, and conclude "argmax over P_gen of JSD(P_pop, P_gen) => P_gen* = P_pop".
// Computed along the generators p_t = (1 - t) U + t f_X (t = 0: the identity generator of Q5 (a); t = 1: the
// optimum): min_D R = log 2 - JSD, so the generator, which maximises R, *minimises* the Jensen-Shannon divergence;
// the printed "KL(P_pop || m) + KL(P_gen || m)" is 2 JSD, not the value of the minimised cross-entropy.
#include "cases.hpp"
#include "common.hpp"

#include "plot/figure.hpp"
#include "report/table.hpp"

#include <cmath>

namespace gan_lecture {

void lec23_jsd_direction(dlc::Case& c) {
    auto& out = c.out();
    const auto pop = data_density(), u = uniform_density();
    const double log2 = std::log(2.0);
    out << "P_pop = f_X(x) = 2 - 2x; generators with density p_t = (1 - t) U(0, 1) + t f_X, from t = 0 (G(z) = z) to "
           "t = 1 (P_gen = P_pop).\n"
        << "The notes' cross-entropy R = 1/2 E_pop[-log D(x)] + 1/2 E_gen[-log(1 - D(x))], minimised over D at the "
           "posterior D*(x) = P(+1 | x) = P_pop / (P_pop + P_gen).\n";
    dlc::TextTable table({"t", "min_D R (Simpson)", "JSD(P_pop, P_gen)", "log 2 - JSD", "KL(P_pop||m) + KL(P_gen||m)"});
    std::vector<double> ts, r_star, jsd_v, kl_sum;
    nlohmann::json rows = nlohmann::json::array();
    const std::size_t steps = 10;
    double worst = 0;
    for (std::size_t i = 0; i <= steps; ++i) {
        const double t = double(i) / double(steps);
        const dlc::Density1d gen{"p_t", [t](double x) { return (1 - t) * 1.0 + t * (2 - 2 * x); }, 0.0, 1.0};
        const double V = dlc::gan_value(pop, gen, [&](double x) { return dlc::optimal_discriminator(pop(x), gen(x)); });
        const double R = -V / 2;  // the notes' R carries the coin's 1/2 on each term
        const double jsd = dlc::js_divergence(pop, gen);
        const dlc::Density1d m{"m", [&](double x) { return 0.5 * (pop(x) + gen(x)); }, 0.0, 1.0};
        const double kls = dlc::kl_divergence(pop, m) + dlc::kl_divergence(gen, m);
        worst = std::max(worst, std::abs(R - (log2 - jsd)));
        table.row({dlc::fmt(t, 2), dlc::fmt(R, 8), dlc::fmt(jsd, 8), dlc::fmt(log2 - jsd, 8), dlc::fmt(kls, 8)});
        ts.push_back(t), r_star.push_back(R), jsd_v.push_back(jsd), kl_sum.push_back(kls);
        rows.push_back({{"t", t}, {"min_D_R", R}, {"jsd", jsd}, {"kl_sum", kls}});
    }
    out << table.str();
    out << "max |min_D R - (log 2 - JSD)| = " << dlc::fmt(worst, 3) << " over the 11 generators: min_D R = log 2 - JSD, and "
        << "KL(P_pop || m) + KL(P_gen || m) = 2 JSD.\n"
        << "min_D R grows from " << dlc::fmt(r_star.front(), 6) << " (t = 0) to " << dlc::fmt(r_star.back(), 6)
        << " = log 2 (t = 1) while JSD falls from " << dlc::fmt(jsd_v.front(), 6) << " to " << dlc::fmt(jsd_v.back(), 3)
        << ": the generator maximises min_D R by MINIMISING JSD, whose minimum 0 is reached at P_gen = P_pop.\n";
    c.set("generators", rows);
    c.set("max_difference_R_vs_log2_minus_jsd", worst);
    c.set("generator_maximises_R_and", "minimises JSD");

    c.erratum("(2) the generator's objective after the inner minimum", "argmax_{P_gen} JSD(P_pop, P_gen)",
              "argmin_{P_gen} JSD(P_pop, P_gen), since min_D R = log 2 - JSD",
              "Along p_t, JSD falls from " + dlc::fmt(jsd_v.front(), 6) + " (t = 0) to 0 (t = 1) while min_D R rises to log 2; "
              "maximising JSD would drive P_gen away from P_pop (JSD reaches log 2 for disjoint supports). The printed "
              "conclusion P_gen* = P_pop is right: it is the minimiser of JSD.");
    c.erratum("(2) the minimised cross-entropy written as KL(P_pop || m) + KL(P_gen || m), m = (P_pop + P_gen)/2",
              kl_sum.front(), r_star.front(),
              "at t = 0 (the mock final's G(z) = z): the sum of the two KLs is 2 JSD = " + dlc::fmt(kl_sum.front(), 6) +
              ", but 1/2 E_pop[-log P(+1|x)] + 1/2 E_gen[-log P(-1|x)] at the posterior is log 2 - (KL + KL)/2 = " +
              dlc::fmt(r_star.front(), 6) + " (the sign and the constant are missing)");
    c.agrees("(2) P_gen* = P_pop (the optimum of the game)", "min_D R is largest, log 2, at t = 1");
    c.note("two ways to write the game", "L22&23 write argmax_gen min_disc R with R = -(1/2) V; Bahng 11 and the "
                                         "handwritten GAN notes write min_G max_D V(D, G). They are the same game; "
                                         "max_D V = -log 4 + 2 JSD (Bahng's Theorem 11.1), smallest, -log 4, at "
                                         "p_g = p_data, as the theorem says.");
    c.agrees("Bahng Theorem 11.1: max_D V is smallest iff p_real = p_synthesized",
             "max_D V = " + dlc::fmt(-2 * r_star.front(), 6) + " at t = 0, " + dlc::fmt(-2 * r_star.back(), 6) + " = -log 4 at t = 1");
    c.agrees("office hours (b): with the optimal discriminator the generator optimises JSD, smallest (zero) at "
             "P(G(Z)) = P(X)",
             jsd_v.back());

    dlc::plot::Figure f("lec23_jsd_direction");
    dlc::plot::LineStyle a, b, d;
    a.points = b.points = d.points = true;
    d.dashed = true;
    std::vector<double> l2(ts.size(), log2);
    dlc::plot::LineStyle ref;
    ref.dashed = true;
    ref.width = 1;
    f.title("L22&23 (2): min over D of R = log 2 - JSD, along p_t = (1-t) U + t f_X")
        .xlabel("t (0: G(z) = z, 1: P_gen = P_pop)").ylabel("nats").legend(dlc::plot::Legend::below)
        .lines(ts, r_star, "min_D R (the generator maximises this)", a)
        .lines(ts, jsd_v, "JSD(P_pop, P_gen) (so it minimises this)", b)
        .lines(ts, kl_sum, "KL(P_pop||m) + KL(P_gen||m) = 2 JSD", d)
        .lines(ts, l2, "log 2", ref);
    c.figure(f, "The generator's objective min_D R rises to log 2 as JSD falls to 0: the generator minimises JSD");
}

}  // namespace gan_lecture
