// Mock final Q4 (Lectures 20-21): an autoencoder with a standard Gaussian prior, encoder z = g(x; W) + N(0, I) and
// decoder x_hat = f(z; W) + N(0, Sigma) with a learnable Sigma. (a) The ELBO loss, specialized; (b) why
// concatenating z and x - x_hat no longer works, and the fix with Sigma^-1 = M^T M. The computation (Monte Carlo
// checks of (a), gradient descent on M under the printed and the corrected loss) is the VAE lecture's case
// mockfinal_q4_learnable_sigma.
#include "cases.hpp"
#include "solution.hpp"

#include "vae/cases.hpp"

namespace mockfinal {

void q4_vae_learnable_sigma(dlc::Case& c) {
    const std::string work = c.collect(vae_lecture::mockfinal_q4_learnable_sigma);
    const auto& printed = result(c, "printed_loss");
    const auto& corrected = result(c, "corrected_loss");
    // The term the handout's (b) leaves out, decided by the two runs: without it M collapses to 0, with it
    // M^T M converges to the inverse of the residuals' second moment.
    const bool collapses = printed.at("final_M_norm").get<double>() < 1e-6;
    const bool recovers = corrected.at("MtM_minus_S_inverse").get<double>() < 1e-6;
    const std::string missing = collapses && recovers ? "-log|det M|" : "none";
    c.set("missing_term", missing);
    const std::string answer =
        "(a) ELBO loss = E[-log P_prior(z) - log P_dec(x|z) + log P_enc(z|x)], z ~ P_enc(.|x). Here\n"
        "    E[-log P_prior(z) + log P_enc(z|x)] = E||g(x)||^2/2 + const (the Gaussian autoencoder's term, unchanged), "
        "and\n    E[-log P_dec(x|z)] = 1/2 E[(x - f(z))^T Sigma^-1 (x - f(z))] + 1/2 log det Sigma + const, "
        "z = g(x) + N.\n    With Sigma learnable, 1/2 log det Sigma is not a constant (here " +
        number(result(c, "part_a_decoder").at("half_log_det_sigma")) + " for the example Sigma).\n"
        "(b) The homework's MSE on (z, x - x_hat) weights every coordinate of x - x_hat equally: it is the ELBO only "
        "for Sigma = I.\n    With Sigma^-1 = M^T M, (x - x_hat)^T Sigma^-1 (x - x_hat) = ||M (x - x_hat)||^2: feed "
        "(z, M (x - x_hat)) to the MSE, M learnable,\n    and add the term the solution leaves out, 1/2 log det Sigma = " +
        missing + " (so the loss is E||g||^2/2 + 1/2 E||M(x - x_hat)||^2 - log|det M|).\n    Without it M -> 0 "
        "(||M|| = " + number(printed.at("final_M_norm"), 3) + " after " + std::to_string(printed.at("steps").get<int>()) +
        " steps: infinite noise); with it M^T M -> S^-1 (difference " + number(corrected.at("MtM_minus_S_inverse"), 2) +
        ").\n";
    const std::string question =
        std::string(variant(c) == 0 ? "" : "(No numbers to draw: the same question in every variant.)\n") +
        "An autoencoder with a standard Gaussian prior has the encoder z = g(x; W) + N(0, I) and the decoder "
        "x_hat = f(z; W) + N(0, Sigma) with a learnable covariance Sigma.\n(a) Write the ELBO loss for this model.\n"
        "(b) Why does feeding (z, x - x_hat) to an MSE loss no longer give it? Fix it with Sigma^-1 = M^T M.\n";
    present(c, question, answer, "vae", "mockfinal_q4_learnable_sigma", work);
}

}  // namespace mockfinal
