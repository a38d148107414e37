// Mock final Q5 (Lectures 22-23): X on [0, 1] with f_X(x) = 2 - 2x, noise Z ~ U[0, 1], the idealized loss
// E[-log D(X) - log(1 - D(G(Z)))]. (a) The optimal discriminator for G(z) = z; (b) the optimal generator. The
// computation (D* on a grid against the formula and a numerical argmax, the loss and the JSD, F_X^-1 by bisection,
// a Kolmogorov-Smirnov test) is the GAN lecture's case mockfinal_q5.
#include "cases.hpp"
#include "solution.hpp"
#include "variants.hpp"

#include "gan/cases.hpp"

namespace mockfinal {

void q5_gan(dlc::Case& c) {
    const auto draw = draw_q5(variant(c));
    const auto& q = draw.question;
    const std::string work = c.collect([&](dlc::Case& lc) { gan_lecture::gan_linear_density(lc, q); });
    c.set("redraws", draw.redraws);
    const std::string f = result(c, "density").at("f_X").get<std::string>();
    const std::string F = result(c, "density").at("F_X").get<std::string>();
    const std::string d_formula = result(c, "optimal_discriminator_formula").get<std::string>();
    const std::string g_formula = result(c, "optimal_generator_formula").get<std::string>();
    const std::string question =
        "X on [0, 1] has the density f_X(x) = " + f + "; the noise is Z ~ U[0, 1]; the idealized loss is "
        "E[-log D(X) - log(1 - D(G(Z)))].\n(a) Find the optimal discriminator D*(x) for G(z) = z.\n"
        "(b) Find the optimal generator G (monotone) and check it.\n";
    const double formula_diff = result(c, "formula_max_difference").get<double>();
    const double inverse_diff = result(c, "inverse_cdf_max_difference").get<double>();
    const auto& ks = result(c, "ks");
    const std::string answer =
        "(a) D*(x) = P(S = real | x) = f_X(x) / (f_X(x) + f_G(x)) with f_G = 1 (G(z) = z):\n"
        "    D*(x) = " + d_formula + " on [0, 1]   (" +
        std::string(formula_diff < 1e-12 ? "equal" : "NOT equal") + " to the Bayes posterior on the grid: max difference " +
        number(formula_diff, 2) + ").\n    Loss at D*: " + number(result(c, "loss_at_optimal_D")) +
        " = 2 log 2 - 2 JSD(P_X || P_G), JSD = " + number(result(c, "jsd")) + ".\n"
        "(b) G(Z) ~ X for the monotone G = F_X^-1: F_X(x) = " + F + " = z" +
        (q.exam ? " gives (1 - x)^2 = 1 - z" : "") + ",\n    G(z) = " + g_formula +
        "   (the other root of the quadratic leaves [0, 1]; against F_X^-1 by bisection: max difference " +
        number(inverse_diff, 2) + ";\n    " + std::to_string(ks.at("n").get<int>()) +
        " samples pass a Kolmogorov-Smirnov test against F_X with p = " + number(ks.at("optimal_generator_p_value"), 3) +
        ", those of G(z) = z fail with p = " + number(ks.at("identity_p_value"), 2) + ").\n";
    present(c, question, answer, "gan", "mockfinal_q5", work);
}

}  // namespace mockfinal
