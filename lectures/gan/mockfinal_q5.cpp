// Mock final Q5, exactly: X on [0, 1] with f_X(x) = 2 - 2x, noise Z ~ U(0, 1), the idealized GAN loss
// L(D, G) = E[-log D(X) - log(1 - D(G(Z)))].
// (a) For G(z) = z the optimal discriminator is D*(x) = f_X / (f_X + f_Z) = (2 - 2x)/(3 - 2x): from the library's
//     formula, from a numerical maximisation of the pointwise integrand, and from a discriminator network trained
//     with G held fixed. The loss there is 2 log 2 - 2 JSD(f_X, U).
// (b) The optimal monotone generator inverts F_X(x) = 2x - x^2: g(z) = 1 - sqrt(1 - z); its samples pass the
//     Kolmogorov-Smirnov test against F_X and the identity's do not. At the optimum D = 1/2 everywhere and the
//     loss is 2 log 2 = log 4.
// A practice variant (./course homework mockfinal --variant N) asks the same for f_X(x) = a + (2 - 2a) x.
#include "cases.hpp"
#include "common.hpp"

#include "core/progress.hpp"
#include "gan/sampling.hpp"
#include "gan/trainer.hpp"
#include "nn/linear.hpp"
#include "optim/adam.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <chrono>
#include <cmath>

namespace gan_lecture {

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// A polynomial as a student writes it, from (coefficient, monomial) terms: {{2, ""}, {-2, "x"}} -> "2 - 2x",
// {{0, "x"}, {1, "x^2"}} -> "x^2".
std::string poly(const std::vector<std::pair<double, std::string>>& terms) {
    std::string s;
    for (const auto& [coef, mono] : terms) {
        if (coef == 0) continue;
        const double m = std::abs(coef);
        s += s.empty() ? (coef < 0 ? "-" : "") : (coef < 0 ? " - " : " + ");
        s += (m == 1 && !mono.empty()) ? mono : dlc::fmt(m) + mono;
    }
    return s.empty() ? "0" : s;
}

}  // namespace

void mockfinal_q5(dlc::Case& c) { gan_linear_density(c, LinearDensityQuestion{}); }

void gan_linear_density(dlc::Case& c, const LinearDensityQuestion& question) {
    auto& out = c.out();
    const double a = question.a, slope = 2 - 2 * a;
    if (!(a >= 0 && a <= 2)) throw dlc::ValueError(c.id(), "Q5 needs f_X(x) = a + (2 - 2a) x with a in [0, 2]");
    const bool exam = question.exam;
    // f_X, F_X(x) = a x + (1 - a) x^2, and its inverse written without dividing by 1 - a (a = 1, the uniform, too):
    // F_X(g) = z  <=>  (1 - a) g^2 + a g - z = 0  <=>  g = 2z / (a + sqrt(a^2 + 4 (1 - a) z)).
    const std::string f_text = poly({{a, ""}, {slope, "x"}}), F_text = poly({{a, "x"}, {1 - a, "x^2"}});
    const std::string d_text = "(" + f_text + ")/(" + poly({{a + 1, ""}, {slope, "x"}}) + ")";
    const dlc::Density1d p{"f_X(x) = " + f_text, [a, slope](double x) { return a + slope * x; }, 0.0, 1.0};
    const dlc::Density1d q = uniform_density();
    const auto cdf_X = [a](double x) { return x <= 0 ? 0.0 : x >= 1 ? 1.0 : a * x + (1 - a) * x * x; };
    const auto g_opt = [a](double z) { return 2 * z / (a + std::sqrt(a * a + 4 * (1 - a) * z)); };
    const auto other_root = [a](double z) { return -(a + std::sqrt(a * a + 4 * (1 - a) * z)) / (2 * (1 - a)); };
    dlc::check_density(p, c.id().c_str());
    out << "X on [0, 1] with f_X(x) = " << f_text << " (integral " << dlc::fmt(dlc::simpson(p.pdf, 0, 1), 12)
        << "), noise Z ~ U(0, 1), loss L(D, G) = E[-log D(X) - log(1 - D(G(Z)))].\n";
    c.set("density", {{"a", a}, {"slope", slope}, {"f_X", f_text}, {"F_X", F_text}});
    c.set("optimal_discriminator_formula", d_text);
    if (exam) c.note("labels of S", "The mock final's solution writes S = 1 for real and S = 0 for generated samples; the L22&23 "
                          "notes write s = +1 and s = -1. Same coin, P(S = real) = P(S = generated) = 1/2.");
    if (exam) c.note("the loss and V", "The mock final's idealized loss is -V(D, G) of Bahng 11 (V = E log D(x) + E log(1 - "
                             "D(G(z)))) and twice the L22&23 notes' R(w), whose two terms carry the factor 1/2 of the coin.");

    // (a) The optimal discriminator for G(z) = z: G(Z) ~ U(0, 1), so p_g = 1.
    out << "\n(a) G(z) = z, so G(Z) ~ U(0, 1) and p_g(x) = 1. D*(x) = p_data / (p_data + p_g), the posterior P(S = real | x):\n";
    const auto xs = linspace(0, 1, 11);
    const auto dstar = dlc::optimal_discriminator(p, q, xs);
    dlc::TextTable table({"x", "f_X(x)", "p_g(x)", "D*(x) library", d_text, "argmax_D f log D + p_g log(1-D)"});
    double diff_formula = 0, diff_argmax = 0;
    nlohmann::json grid = nlohmann::json::array();
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const double x = xs[i], printed = (a + slope * x) / (a + 1 + slope * x);
        const double pw = p(x), qw = q(x);
        // Pointwise: the D in (0, 1) maximising p log D + q log(1 - D) (concave), found numerically.
        const double argmax = golden_section_max(
            [&](double d) { return (pw > 0 ? pw * std::log(d) : 0.0) + (qw > 0 ? qw * std::log(1 - d) : 0.0); }, 1e-15,
            1 - 1e-15);
        diff_formula = std::max(diff_formula, std::abs(printed - dstar[i]));
        diff_argmax = std::max(diff_argmax, std::abs(argmax - dstar[i]));
        table.row({dlc::fmt(x, 3), dlc::fmt(pw, 4), dlc::fmt(qw, 4), dlc::fmt(dstar[i], 8), dlc::fmt(printed, 8),
                   dlc::fmt(argmax, 8)});
        grid.push_back({{"x", x}, {"D_star", dstar[i]}, {"argmax", argmax}});
    }
    out << table.str();
    out << "max |D* - " << d_text << "| = " << dlc::fmt(diff_formula, 3) << ", max |D* - numerical argmax| = "
        << dlc::fmt(diff_argmax, 3) << " (golden section to 1e-12"
        << (a == 0 || a == 2 ? std::string("; at x = ") + (a == 0 ? "0" : "1") + ", f_X = 0 and the argmax is D = 0" : "")
        << ").\n";
    c.set("optimal_discriminator_grid", grid);
    c.set("formula_max_difference", diff_formula);
    c.set("argmax_max_difference", diff_argmax);
    if (exam && diff_formula < 1e-12) c.agrees("(a) D(x) = (2-2x)/(3-2x)", "on 11 grid points");

    // A discriminator network trained with G fixed to the identity.
    const std::size_t steps = c.quick() ? 400 : 4000, batch = 256;
    dlc::Sequential<double> G;
    G.add<dlc::Linear<double>>(dlc::Tensor<double>(xt::ones<double>({std::size_t{1}, std::size_t{1}})),
                               dlc::Tensor<double>(xt::zeros<double>({std::size_t{1}})));  // G(z) = 1 z + 0, never updated
    dlc::Sequential<double> D;
    add_1d_discriminator(D, c.rng());
    dlc::Adam<double> opt_G(G.parameters(), 1e-3), opt_D(D.parameters(), 2e-3, 0.5, 0.999);
    dlc::GanTrainer<double> trainer(G, D, opt_G, opt_D);
    dlc::Tensor<double> xb = dlc::Tensor<double>::from_shape({batch, std::size_t{1}}), zb = xb;
    dlc::Progress bar("D with G fixed", steps);
    const auto t0 = std::chrono::steady_clock::now();
    double last_loss = 0;
    for (std::size_t s = 0; s < steps; ++s) {
        for (std::size_t i = 0; i < batch; ++i) {
            xb(i, 0) = g_opt(c.rng().uniform());  // X by inverse-CDF sampling
            zb(i, 0) = c.rng().uniform();
        }
        last_loss = trainer.discriminator_step(xb, zb).loss;
        if ((s + 1) % 100 == 0) bar.tick(100, "L_D " + dlc::fmt(last_loss, 4));
    }
    bar.done();
    c.timing("discriminator_training_seconds", seconds_since(t0));
    const auto fine = linspace(0, 1, 101);
    const auto trained = discriminator_on(D, fine), exact = dlc::optimal_discriminator(p, q, fine);
    double err_09 = 0, err_all = 0;
    for (std::size_t i = 0; i < fine.size(); ++i) {
        const double e = std::abs(trained[i] - exact[i]);
        err_all = std::max(err_all, e);
        if (fine[i] <= 0.9 + 1e-12) err_09 = std::max(err_09, e);
    }
    out << "A discriminator network (1-32-32-1, leaky ReLU, Adam 2e-3) trained " << steps << " steps of " << batch
        << " real + " << batch << " generated samples with G fixed: final L_D = " << dlc::fmt(last_loss, 5)
        << "; max |D - D*| = " << dlc::fmt(err_09, 3) << " on [0, 0.9], " << dlc::fmt(err_all, 3)
        << " on [0, 1]" << (a > 1 ? " (near x = 1 few real samples fall: f_X is smallest there)" : "") << ".\n";
    c.set("trained_discriminator", {{"steps", steps}, {"batch", batch}, {"final_loss", last_loss},
                                    {"max_error_0_to_0.9", err_09}, {"max_error_0_to_1", err_all}});
    {
        dlc::plot::Figure f("mockfinal_q5_discriminator");
        dlc::plot::LineStyle dashed;
        dashed.dashed = true;
        f.title("Mock final Q5 (a): the optimal discriminator for G(z) = z").xlabel("x").ylabel("D(x)")
            .xrange(0, 1).yrange(0, 1).legend(a > 1 ? dlc::plot::Legend::top_right : dlc::plot::Legend::bottom_right)
            .lines(fine, exact, "D*(x) = " + d_text)
            .lines(fine, trained, "network trained with G fixed (" + std::to_string(steps) + " steps)", dashed);
        c.figure(f, "The formula and a trained discriminator agree" +
                        std::string(a == 0 || a == 2 ? "; both fall to 0 where f_X does" : ""));
    }

    // The loss at D*: 2 log 2 - 2 JSD.
    const double V = dlc::gan_value(p, q, [&](double x) { return dlc::optimal_discriminator(p(x), q(x)); });
    const double jsd = dlc::js_divergence(p, q);
    const double closed = 1.5 * std::log(2.0) + 0.25 - 9.0 / 8.0 * std::log(3.0);  // the exam's f_X only
    const auto dstar_at = [&](double x) { return dlc::optimal_discriminator(p(x), q(x)); };
    const std::size_t mc = c.quick() ? 20000 : 200000;
    double mc_sum = 0;
    for (std::size_t i = 0; i < mc; ++i) {
        const double x = g_opt(c.rng().uniform()), g = c.rng().uniform();
        mc_sum += -std::log(dstar_at(x)) - std::log(1 - dstar_at(g));
    }
    out << "The loss at D*: L(D*, G) = -V(D*, G) = " << dlc::fmt(-V, 10) << " (Simpson), Monte Carlo with " << mc
        << " pairs " << dlc::fmt(mc_sum / double(mc), 6) << ".\n"
        << "  JSD(f_X, U) = " << dlc::fmt(jsd, 10) << " nats"
        << (exam ? " (closed form 3/2 log 2 + 1/4 - 9/8 log 3 = " + dlc::fmt(closed, 10) + ")" : std::string())
        << ", and 2 log 2 - 2 JSD = " << dlc::fmt(2 * std::log(2.0) - 2 * jsd, 10)
        << ": the loss at the optimal discriminator is 2 log 2 - 2 JSD.\n";
    c.set("loss_at_optimal_D", -V);
    c.set("loss_at_optimal_D_monte_carlo", mc_sum / double(mc));
    c.set("jsd", jsd);
    if (exam) c.set("jsd_closed_form", closed);
    c.set("two_log2_minus_two_jsd", 2 * std::log(2.0) - 2 * jsd);

    // (b) The optimal generator.
    // The root in [0, 1]: (sqrt(a^2 + 4 (1 - a) z) - a) / (2 (1 - a)) for a < 1, (a - sqrt(...)) / (2 (a - 1)) for a > 1.
    const std::string root = "sqrt(" + poly({{a * a, ""}, {4 * (1 - a), "z"}}) + ")";
    const std::string g_text = exam     ? "1 - sqrt(1 - z)"
                               : a == 1 ? "z"
                               : a == 0 ? "sqrt(z)"
                               : a < 1  ? "(" + root + " - " + dlc::fmt(a) + ") / " + dlc::fmt(2 * (1 - a))
                                        : "(" + dlc::fmt(a) + " - " + root + ") / " + dlc::fmt(2 * (a - 1));
    c.set("optimal_generator_formula", g_text);
    out << "\n(b) F_X(x) = integral_0^x (" << poly({{a, ""}, {slope, "t"}}) << ") dt = " << F_text
        << "; a monotone g with g(Z) ~ X solves F_X(g(z)) = z:\n";
    if (exam)
        out << "    1 - z = (1 - g)^2, g(z) = 1 - sqrt(1 - z).\n";
    else
        out << "    " << F_text << " = z at x = g: the root in [0, 1] of " << poly({{1 - a, "g^2"}, {a, "g"}, {-1, "z"}})
            << " = 0, g(z) = " << g_text << " (= 2z / (a + sqrt(a^2 + 4 (1 - a) z)), a = " << dlc::fmt(a) << ").\n";
    double cdf_err = 0;
    for (double x : linspace(0, 1, 21))
        if (x > 0) cdf_err = std::max(cdf_err, std::abs(dlc::simpson(p.pdf, 0, x, 2000) - cdf_X(x)));
    c.set("cdf_max_difference", cdf_err);
    if (exam) c.note("(b) the antiderivative",
           "The solution writes int_0^x (2 - 2t) dt = [2t - x^2]_0^x; read literally ([2t - x^2] at x minus at 0) that is "
           "2x, not 2x - x^2. The antiderivative is 2t - t^2, and the printed result 2x - x^2 is right (Simpson's "
           "integral of f_X agrees with 2x - x^2 to " + dlc::fmt(cdf_err, 2) + " on 20 points).");
    double inv_err = 0;
    const auto zs = linspace(0, 1, 101);
    for (double z : zs) inv_err = std::max(inv_err, std::abs(dlc::inverse_cdf(cdf_X, z, 0, 1) - g_opt(z)));
    out << "  Simpson's integral of f_X agrees with F_X(x) = " << F_text << " to " << dlc::fmt(cdf_err, 2)
        << " on 20 points; F_X^{-1}(z) by bisection on F_X against g(z) = " << g_text << " at 101 points: max difference "
        << dlc::fmt(inv_err, 3) << ".\n";
    c.set("inverse_cdf_max_difference", inv_err);
    // F_X^{-1} on a grid, computed by bisection (not from the formula): what a student's g(z) is checked against
    // (./course check mockfinal).
    nlohmann::json g_grid = nlohmann::json::array();
    for (double z : linspace(0, 1, 11)) g_grid.push_back({{"z", z}, {"g", dlc::inverse_cdf(cdf_X, z, 0, 1)}});
    c.set("optimal_generator_grid", g_grid);
    if (exam && inv_err < 1e-9) c.agrees("(b) g(z) = 1 - sqrt(1 - z)", "F_X^{-1} by bisection");
    // The other root of the quadratic (none when a = 1: F_X(x) = x is linear).
    if (a != 1) {
        double other_lo = 1e9, other_hi = -1e9;
        for (double z : zs) other_lo = std::min(other_lo, other_root(z)), other_hi = std::max(other_hi, other_root(z));
        out << "  The other root " << (exam ? "1 + sqrt(1 - z)" : "of the quadratic") << " ranges over ["
            << dlc::fmt(other_lo) << ", " << dlc::fmt(other_hi) << "]: outside (0, 1)"
            << (exam ? ", as the solution says" : "") << ".\n";
        c.set("other_root_range", {other_lo, other_hi});
        if (exam) c.agrees("(b) the other solution g(z) = 1 + sqrt(1 - z) is not in (0, 1)", {other_lo, other_hi});
    }

    // Kolmogorov-Smirnov: samples of g(Z) against F_X; the identity as the control.
    const std::size_t n = c.quick() ? 2000 : 20000;
    auto& rng = c.rng();
    const auto g_samples = dlc::sample_inverse_cdf(g_opt, n, rng);
    const auto id_samples = dlc::sample_inverse_cdf([](double z) { return z; }, n, rng);
    const double ks_g = dlc::ks_distance(g_samples, cdf_X), ks_id = dlc::ks_distance(id_samples, cdf_X);
    const double p_g = dlc::ks_p_value(ks_g, n), p_id = dlc::ks_p_value(ks_id, n);
    out << "  Kolmogorov-Smirnov distance to F_X of " << n << " samples: g(Z) = " << (exam ? "1 - sqrt(1 - Z)" : "F_X^-1(Z)") << ": D_n = " << dlc::fmt(ks_g, 4)
        << " (p-value " << dlc::fmt(p_g, 3) << "); the identity G(Z) = Z: D_n = " << dlc::fmt(ks_id, 4) << " (p-value "
        << dlc::fmt(p_id, 3) << "; sup_x |x - F_X(x)| = |1 - a|/4 = " << dlc::fmt(std::abs(1 - a) / 4)
        << " at x = 1/2).\n";
    c.set("ks", {{"n", n}, {"optimal_generator", ks_g}, {"optimal_generator_p_value", p_g}, {"identity", ks_id},
                 {"identity_p_value", p_id}});
    {
        auto ecdf = [](std::vector<double> v) {
            std::sort(v.begin(), v.end());
            std::vector<double> y(v.size());
            for (std::size_t i = 0; i < v.size(); ++i) y[i] = double(i + 1) / double(v.size());
            return std::make_pair(v, y);
        };
        const auto [gx, gy] = ecdf(g_samples);
        const auto [ix, iy] = ecdf(id_samples);
        std::vector<double> Fx;
        for (double x : fine) Fx.push_back(cdf_X(x));
        dlc::plot::Figure f("mockfinal_q5_cdf");
        dlc::plot::LineStyle thin, dashed;
        thin.width = 1.5;
        dashed.dashed = true;
        f.title("Mock final Q5 (b): empirical CDFs against F_X(x) = " + F_text).xlabel("x").ylabel("P(sample <= x)")
            .xrange(0, 1).yrange(0, 1).legend(dlc::plot::Legend::bottom_right)
            .lines(fine, Fx, "F_X(x) = " + F_text, dashed)
            .lines(gx, gy, "g(Z), KS " + dlc::fmt(ks_g, 3), thin)
            .lines(ix, iy, "G(Z) = Z, KS " + dlc::fmt(ks_id, 3), thin);
        c.figure(f, "The optimal generator's samples follow F_X; the identity's do not (KS distance |1 - a|/4 = " +
                        dlc::fmt(std::abs(1 - a) / 4) + ")");
    }

    // At the optimum.
    const dlc::Density1d pg_opt{"g(Z)", p.pdf, 0.0, 1.0};  // g(Z) ~ X: the same density
    const auto d_opt = dlc::optimal_discriminator(p, pg_opt, fine);
    double dev = 0;
    for (double d : d_opt) dev = std::max(dev, std::abs(d - 0.5));
    const double V_opt = dlc::gan_value(p, pg_opt, [](double) { return 0.5; });
    out << "\nAt the optimum p_g = f_X: D*(x) = f_X / (2 f_X) = 1/2 (max |D* - 1/2| where f_X > 0 = " << dlc::fmt(dev, 3)
        << (a == 2 ? "; at x = 1 both densities vanish and any D is optimal"
                   : a == 0 ? "; at x = 0 both densities vanish and any D is optimal" : "")
        << "), JSD = " << dlc::fmt(dlc::js_divergence(p, pg_opt), 3)
        << ", and the loss is -V = " << dlc::fmt(-V_opt, 10) << " = 2 log 2 = log 4 = " << dlc::fmt(std::log(4.0), 10) << ".\n";
    c.set("optimum", {{"max_deviation_of_D_from_half", dev}, {"loss", -V_opt}, {"log4", std::log(4.0)},
                      {"jsd", dlc::js_divergence(p, pg_opt)}});
}

}  // namespace gan_lecture
