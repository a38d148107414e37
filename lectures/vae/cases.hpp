// The cases of the VAE lecture, one per file (case id = function name), in the order of the story:
// PCA -> PPCA and factor analysis -> ICA, slow features and sparse coding -> derived distributions and the ELBO -> the VAE
// -> diffusion.
#pragma once

#include "app/program.hpp"

namespace vae_lecture {

void linear_ae_pca(dlc::Case& c);
void ppca_fa(dlc::Case& c);
void ica_cocktail(dlc::Case& c);
void slow_feature_analysis(dlc::Case& c);
void sparse_coding_ista(dlc::Case& c);
void derived_distributions(dlc::Case& c);
void elbo_identity_vae(dlc::Case& c);
void reparameterization(dlc::Case& c);
void gaussian_autoencoder_l20(dlc::Case& c);
void vae_mnist(dlc::Case& c);
void conditional_vae(dlc::Case& c);
void mockfinal_q4_learnable_sigma(dlc::Case& c);
void hierarchical_vae_elbo(dlc::Case& c);
void diffusion_2d(dlc::Case& c);

}  // namespace vae_lecture
