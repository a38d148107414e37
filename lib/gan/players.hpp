/// \file
/// \brief The players: fully connected generators and discriminators, and the DCGAN-style pair for
/// 28×28 images (transposed convolutions, batch norm, leaky ReLU), built from `lib/nn` modules.
///
/// Lectures: ECE/CS 559 L22&23 ("Discriminator: CNNs, standard; Generator: CNNs, in reverse"), Bahng §11
/// (a differentiable generator \f$ x = G_{\theta_g}(z) \f$, a discriminator with
/// \f$ 0 \le D_{\theta_d}(x) \le 1 \f$). Every discriminator here ends in one *logit* \f$ a \f$ per example,
/// \f$ D(x) = \sigma(a) \f$; the losses (gan_loss.hpp) apply the sigmoid themselves.
#pragma once

#include "core/rng.hpp"
#include "nn/sequential.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace dlc {

/// \brief The activation at a generator's output.
enum class GeneratorOutput {
    /// \f$ x = v \f$ (points in the plane).
    identity,
    /// \f$ x = \sigma(v) \in (0, 1) \f$ (a variable on [0, 1]; pixels in [0, 1]).
    sigmoid,
    /// \f$ x = \tanh(v) \in (-1, 1) \f$ (pixels scaled to [−1, 1], as DCGAN).
    tanh,
};

/// \brief Appends a fully connected generator \f$ \mathbb{R}^{\text{inputs}} \to \mathbb{R}^{\text{outputs}} \f$:
/// `Linear` + ReLU (leaky with slope `leak` if `leak` > 0) for each hidden width, then `Linear` + `output`.
/// Weights Kaiming \f$ N(0, 2/n_{\text{in}}) \f$, biases 0.
/// \throws ValueError if a width is 0 or `leak` is not in [0, 1).
void add_mlp_generator(Sequential<float>& G, std::size_t inputs, const std::vector<std::size_t>& hidden,
                       std::size_t outputs, GeneratorOutput output, Rng& rng, double leak = 0.0);
/// \brief The same in double (gradient checks, the 1-D problems).
void add_mlp_generator(Sequential<double>& G, std::size_t inputs, const std::vector<std::size_t>& hidden,
                       std::size_t outputs, GeneratorOutput output, Rng& rng, double leak = 0.0);

/// \brief Appends a fully connected discriminator \f$ \mathbb{R}^{\text{inputs}} \to \mathbb{R} \f$ (one logit):
/// `Linear` + leaky ReLU (slope `leak`; 0 gives ReLU) per hidden width, then `Linear(· → 1)`.
/// \throws ValueError if a width is 0 or `leak` is not in [0, 1).
void add_mlp_discriminator(Sequential<float>& D, std::size_t inputs, const std::vector<std::size_t>& hidden, Rng& rng,
                           double leak = 0.2);
/// \brief The same in double.
void add_mlp_discriminator(Sequential<double>& D, std::size_t inputs, const std::vector<std::size_t>& hidden, Rng& rng,
                           double leak = 0.2);

/// \brief The DCGAN-style generator for 1×28×28 images, with \f$ w \f$ = `width`:
/// `Linear(latent → 2w·7·7)` (no bias), `Unflatten(2w, 7, 7)`, `BatchNorm(2w)`, ReLU,
/// `ConvTranspose2d(2w → w, 4×4, stride 2, padding 1)` (7 → 14, no bias), `BatchNorm(w)`, ReLU,
/// `ConvTranspose2d(w → 1, 4×4, stride 2, padding 1)` (14 → 28), tanh. Weights \f$ N(0, 0.02^2) \f$ as in
/// Radford et al. (biases 0; the layers before batch norm have none: its \f$ \beta \f$ is the bias).
/// \throws ValueError if `latent` or `width` is 0.
void add_dcgan_generator(Sequential<float>& G, std::size_t latent, std::size_t width, Rng& rng);
/// \brief The same in double.
void add_dcgan_generator(Sequential<double>& G, std::size_t latent, std::size_t width, Rng& rng);

/// \brief The DCGAN-style discriminator for 1×28×28 images, with \f$ w \f$ = `width`:
/// `Conv2d(1 → w, 4×4, stride 2, padding 1)` (28 → 14), leaky ReLU 0.2,
/// `Conv2d(w → 2w, 4×4, stride 2, padding 1)` (14 → 7, no bias), `BatchNorm(2w)`, leaky ReLU 0.2,
/// `Flatten`, `Linear(2w·7·7 → 1)`: the generator read backwards. Weights \f$ N(0, 0.02^2) \f$, biases 0.
/// \throws ValueError if `width` is 0.
void add_dcgan_discriminator(Sequential<float>& D, std::size_t width, Rng& rng);
/// \brief The same in double.
void add_dcgan_discriminator(Sequential<double>& D, std::size_t width, Rng& rng);

}  // namespace dlc
