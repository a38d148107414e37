// The VAE lecture: `./course lecture vae`.
// From PCA to the VAE: the linear autoencoder finds the PCA subspace (Bahng Theorem 6.1); PPCA and factor analysis
// make it a latent-variable model fitted by EM (Bahng Example 8.3); ICA and sparse coding change the prior (Bahng
// 8.2, 8.4) and slow feature analysis asks for slowness in time (8.3); derived distributions and the ELBO (ECE559
// L19&20, NYU slides); the reparameterization trick; the L20 Gaussian autoencoder; the VAE on MNIST with the IWAE
// bound (Bahng ch. 10); a conditional VAE; the mock final's learnable decoder covariance (Q4); the hierarchical VAE's
// ELBO; and a small diffusion model as the hierarchical VAE whose encoders only add noise.
#include "cases.hpp"

int main(int argc, char** argv) {
    using namespace vae_lecture;
    dlc::Program program("vae", "Lecture: from PCA to the VAE - autoencoders, linear factor models and variational autoencoders");
    program.add_case("linear_ae_pca", "A linear autoencoder trained by gradient descent finds the PCA subspace (Bahng Thm 6.1)",
                     linear_ae_pca);
    program.add_case("ppca_fa", "Probabilistic PCA: closed form, EM and numerical MLE; factor analysis (Bahng Ex. 8.3)", ppca_fa);
    program.add_case("ica_cocktail", "The cocktail party: FastICA unmixes non-Gaussian sources, PCA does not (Bahng 8.2)",
                     ica_cocktail);
    program.add_case("slow_feature_analysis",
                     "Slow feature analysis: a quadratic SFA finds the slow source that PCA and linear SFA miss (Bahng 8.3)",
                     slow_feature_analysis);
    program.add_case("sparse_coding_ista", "Sparse coding by ISTA: which step sizes converge (Bahng 8.4)", sparse_coding_ista);
    program.add_case("derived_distributions", "Derived distributions: x = -log z with z uniform (ECE559 L19&20)",
                     derived_distributions);
    program.add_case("elbo_identity_vae", "The ELBO's three forms and its gap on a discrete example (NYU slides)",
                     elbo_identity_vae);
    program.add_case("reparameterization", "The reparameterization trick against the score-function estimator (NYU slides)",
                     reparameterization);
    program.add_case("gaussian_autoencoder_l20", "The L20 Gaussian autoencoder: its explicit ELBO, trained on MNIST",
                     gaussian_autoencoder_l20);
    program.add_case("vae_mnist", "A VAE on MNIST: 2-D latent space, 20-D ELBO and IWAE bounds (Bahng ch. 10)", vae_mnist);
    program.add_case("conditional_vae", "A conditional VAE: digits generated on command (Bahng 10.3)", conditional_vae);
    program.add_case("mockfinal_q4_learnable_sigma", "Mock final Q4: a learnable decoder covariance and the missing log-det",
                     mockfinal_q4_learnable_sigma);
    program.add_case("hierarchical_vae_elbo", "The L20 three-level hierarchical VAE: which ELBO bounds log p(x)",
                     hierarchical_vae_elbo);
    program.add_case("diffusion_2d", "A small DDPM on two moons: the hierarchical VAE whose encoders only add noise",
                     diffusion_2d);
    return program.run(argc, argv);
}
