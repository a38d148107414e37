// Mock final Q5 (Lectures 22-23): X on [0, 1] with f_X(x) = 2 - 2x, noise Z ~ U[0, 1], the idealized loss
// E[-log D(X) - log(1 - D(G(Z)))]. (a) The optimal discriminator for G(z) = z; (b) the optimal generator. The
// computation (D* on a grid against the formula and a numerical argmax, the loss and the JSD, F_X^-1 by bisection,
// a Kolmogorov-Smirnov test) is the GAN lecture's case mockfinal_q5.
#include "cases.hpp"
#include "solution.hpp"

#include "gan/cases.hpp"

namespace mockfinal {

void q5_gan(dlc::Case& c) {
    const std::string work = c.collect(gan_lecture::mockfinal_q5);
    const double formula_diff = result(c, "formula_max_difference").get<double>();
    const double inverse_diff = result(c, "inverse_cdf_max_difference").get<double>();
    const auto& ks = result(c, "ks");
    const std::string answer =
        "(a) D*(x) = P(S = real | x) = f_X(x) / (f_X(x) + f_G(x)) with f_G = 1 (G(z) = z):\n"
        "    D*(x) = (2 - 2x) / (3 - 2x) on [0, 1]   (" +
        std::string(formula_diff < 1e-12 ? "equal" : "NOT equal") + " to the Bayes posterior on the grid: max difference " +
        number(formula_diff, 2) + ").\n    Loss at D*: " + number(result(c, "loss_at_optimal_D")) +
        " = 2 log 2 - 2 JSD(P_X || P_G), JSD = " + number(result(c, "jsd")) + ".\n"
        "(b) G(Z) ~ X for the monotone G = F_X^-1: F_X(x) = 2x - x^2 = z gives (1 - x)^2 = 1 - z,\n"
        "    G(z) = 1 - sqrt(1 - z)   (the other root 1 + sqrt(1 - z) leaves [0, 1]; against F_X^-1 by bisection: "
        "max difference " + number(inverse_diff, 2) + ";\n    " + std::to_string(ks.at("n").get<int>()) +
        " samples pass a Kolmogorov-Smirnov test against F_X with p = " + number(ks.at("optimal_generator_p_value"), 3) +
        ", those of G(z) = z fail with p = " + number(ks.at("identity_p_value"), 2) + ").\n";
    present(c, answer, "gan", "mockfinal_q5", work);
}

}  // namespace mockfinal
