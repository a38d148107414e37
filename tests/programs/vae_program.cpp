// Program run: the VAE lecture honours the program contract, and its quick run's results hold what the lecture claims
// (the linear autoencoder reaches the PCA optimum, PPCA's closed form = EM = gradient ascent, ICA beats PCA, the ELBO's
// forms agree, the IWAE bound tightens with k, the printed-loss M collapses, the intended hierarchical ELBO is a bound,
// diffusion samples beat noise) and records the errata found in the seeds.
#define BOOST_TEST_DYN_LINK
#include "program_run.hpp"

#include <cmath>
#include <set>

BOOST_AUTO_TEST_SUITE(vae_program)

BOOST_AUTO_TEST_CASE(quick_run_writes_json_and_figures) {
    const auto j = dlc_test::run_quick(
        "lectures", "vae",
        {"linear_ae_pca", "ppca_fa", "ica_cocktail", "slow_feature_analysis", "sparse_coding_ista", "derived_distributions",
         "elbo_identity_vae", "reparameterization", "gaussian_autoencoder_l20", "vae_mnist", "conditional_vae",
         "mockfinal_q4_learnable_sigma", "hierarchical_vae_elbo", "diffusion_2d"});
    const auto& c = j.at("cases");
    // Linear autoencoder = PCA on the synthetic data.
    BOOST_TEST(c["linear_ae_pca"]["synthetic"]["final_loss_gap"].get<double>() < 1e-6);
    BOOST_TEST(c["linear_ae_pca"]["synthetic"]["final_max_angle_deg"].get<double>() < 0.1);
    BOOST_TEST(c["linear_ae_pca"]["nonconvexity"]["f_midpoint"].get<double>() >
               c["linear_ae_pca"]["nonconvexity"]["f_optimum"].get<double>());
    // PPCA: closed form = EM = gradient ascent.
    BOOST_TEST(std::abs(c["ppca_fa"]["em"]["log_likelihood_minus_closed"].get<double>()) < 1e-5);
    BOOST_TEST(std::abs(c["ppca_fa"]["gradient_ascent"]["log_likelihood_minus_closed"].get<double>()) < 1e-4);
    BOOST_TEST(c["ppca_fa"]["em_monotone"].get<bool>());
    BOOST_TEST(std::abs(c["ppca_fa"]["rotation"]["log_likelihood_change"].get<double>()) < 1e-6);
    BOOST_TEST(c["ppca_fa"]["unequal_noise"]["fa_max_angle_to_truth_deg"].get<double>() <
               c["ppca_fa"]["unequal_noise"]["pca_max_angle_to_truth_deg"].get<double>());
    // ICA recovers the sources, PCA does not.
    BOOST_TEST(c["ica_cocktail"]["ica_beats_pca"].get<bool>());
    // ISTA: 0.5/L and 0.99/L monotone, 1.9/L converges, 2.1/L does not.
    BOOST_TEST(c["sparse_coding_ista"]["runs"][0]["monotone"].get<bool>());
    BOOST_TEST(c["sparse_coding_ista"]["runs"][1]["monotone"].get<bool>());
    BOOST_TEST(c["sparse_coding_ista"]["runs"][2]["converged"].get<bool>());
    BOOST_TEST(!c["sparse_coding_ista"]["runs"][3]["converged"].get<bool>());
    // Derived distribution: the samples follow e^{-x} on x > 0.
    BOOST_TEST(c["derived_distributions"]["ks_consistent"].get<bool>());
    BOOST_TEST(c["derived_distributions"]["negative_samples"].get<long>() == 0);
    // ELBO identities: log p(x) = log 0.29, the four forms agree, tight at the posterior.
    BOOST_TEST(std::abs(c["elbo_identity_vae"]["log_px"].get<double>() - std::log(0.29)) < 1e-12);
    BOOST_TEST(c["elbo_identity_vae"]["max_form_difference"].get<double>() < 1e-12);
    BOOST_TEST(std::abs(c["elbo_identity_vae"]["gap_at_posterior"].get<double>()) < 1e-12);
    // Reparameterization: the exact gradients within 5 standard errors; the score function has the larger variance.
    const auto& rp = c["reparameterization"]["reparameterization"];
    BOOST_TEST(std::abs(rp["d_mu"].get<double>() - 1.4) < 5 * rp["d_mu_se"].get<double>());
    BOOST_TEST(std::abs(rp["d_sigma"].get<double>() - 2.6) < 5 * rp["d_sigma_se"].get<double>());
    BOOST_TEST(c["reparameterization"]["variance_ratio_d_mu"].get<double>() > 1.0);
    // The VAE's IWAE bound tightens with k.
    BOOST_TEST(c["vae_mnist"]["latent20"]["iwae_tightens"].get<bool>());
    // Mock final Q4: the printed loss sends M to 0, the corrected one reaches S^-1.
    BOOST_TEST(c["mockfinal_q4_learnable_sigma"]["printed_loss"]["final_M_norm"].get<double>() < 1e-2);
    BOOST_TEST(c["mockfinal_q4_learnable_sigma"]["corrected_loss"]["MtM_minus_S_inverse"].get<double>() < 1e-3);
    // Hierarchical VAE: the intended ELBO never exceeds log p(x); the printed one sometimes does.
    BOOST_TEST(c["hierarchical_vae_elbo"]["intended_bound_violations"].get<long>() == 0);
    BOOST_TEST(c["hierarchical_vae_elbo"]["printed_above_intended_fraction"].get<double>() > 0.0);
    BOOST_TEST(std::abs(c["hierarchical_vae_elbo"]["printed_joint_sum"].get<double>() - 1.0) < 1e-12);
    // Diffusion samples are far closer to the data than noise is.
    BOOST_TEST(c["diffusion_2d"]["samples_beat_noise"].get<bool>());
    // The errata found in the seeds, each recorded with its case.
    std::set<std::string> cases_with_errata;
    for (const auto& e : j.at("errata")) cases_with_errata.insert(e.at("case").get<std::string>());
    for (const char* id : {"ppca_fa", "derived_distributions", "mockfinal_q4_learnable_sigma", "hierarchical_vae_elbo"})
        BOOST_TEST(cases_with_errata.count(id) == 1u, id);
}

BOOST_AUTO_TEST_CASE(bad_flags_exit_nonzero_with_usage) { dlc_test::check_bad_flags("lectures", "vae"); }

BOOST_AUTO_TEST_SUITE_END()
