// Helpers shared by the GAN lecture's cases: the mock final's densities (f_X(x) = 2 - 2x, the uniform noise),
// grids, the small 1-D players, golden-section maximisation, and vectors of numbers as JSON.
#pragma once

#include "core/rng.hpp"
#include "gan/density1d.hpp"
#include "nn/sequential.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <functional>
#include <vector>

namespace gan_lecture {

/// The mock final's population density f_X(x) = 2 - 2x on [0, 1].
dlc::Density1d data_density();
/// The uniform density on [0, 1] (the noise Z, and G(Z) for the identity generator).
dlc::Density1d uniform_density();
/// F_X(x) = 2x - x^2 on [0, 1] (0 below, 1 above).
double data_cdf(double x);
/// The mock final's optimal monotone generator g(z) = 1 - sqrt(1 - z) = F_X^{-1}(z).
double optimal_generator(double z);
/// n equally spaced points from a to b (both included).
std::vector<double> linspace(double a, double b, std::size_t n);
/// The argmax of a concave h on [lo, hi] by golden-section search to 1e-12.
double golden_section_max(const std::function<double(double)>& h, double lo, double hi);

/// The small 1-D players: G: 1 -> 32 -> 32 -> 1 (ReLU, sigmoid output in (0, 1)); D: 1 -> 32 -> 32 -> 1 logit
/// (leaky ReLU 0.2). Weights drawn from rng (G first, then D).
void add_1d_generator(dlc::Sequential<double>& G, dlc::Rng& rng);
void add_1d_discriminator(dlc::Sequential<double>& D, dlc::Rng& rng);

/// D(x) = sigma(a(x)) of a discriminator that outputs logits, at the points x (one forward pass).
std::vector<double> discriminator_on(dlc::Sequential<double>& D, const std::vector<double>& x);
/// G(z) of a 1-D generator at the points z (one forward pass).
std::vector<double> generator_on(dlc::Sequential<double>& G, const std::vector<double>& z);

/// max_i |a_i - b_i|.
double max_abs_diff(const std::vector<double>& a, const std::vector<double>& b);
/// The mean of |a_i - b_i|.
double mean_abs_diff(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace gan_lecture

namespace gan_lecture {

/// Copies every parameter value of `from` into `to` (same architecture), so two runs start alike.
void copy_parameters(dlc::Module<double>& from, dlc::Module<double>& to);

}  // namespace gan_lecture
