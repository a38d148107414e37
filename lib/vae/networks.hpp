/// \file
/// \brief Encoder and decoder networks for autoencoders, VAEs and the diffusion denoiser: fully connected
/// (MLP) and convolutional ones for 28 × 28 images.
///
/// Lectures: Bahng §6.1 (encoder \f$ E_\phi : \mathcal{X} \to \mathcal{Z} \f$ bottom-up, decoder
/// \f$ D_\theta : \mathcal{Z} \to \mathcal{X} \f$ top-down) and §10.2 (the encoding and decoding neural networks of a
/// VAE); ECE/CS 559 HW7 Q2 (a convolutional encoder ending in a 10-dimensional z and a "roughly inverted"
/// decoder of fully connected, upsampling and transposed convolutional stages). Every network here maps a
/// batch of flat rows to a batch of flat rows, so images travel as (N, 784) and the convolutional networks
/// reshape them internally (`Unflatten`, `Flatten`).
#pragma once

#include "core/rng.hpp"
#include "nn/sequential.hpp"

#include <cstddef>
#include <memory>
#include <vector>

namespace dlc {

/// \brief The hidden activation of an MLP.
enum class HiddenActivation {
    /// \f$ \max(0, v) \f$ (weights drawn Kaiming \f$ N(0, 2/n_{in}) \f$).
    relu,
    /// \f$ \tanh v \f$ (weights drawn Xavier).
    tanh,
    /// The Gaussian error linear unit \f$ v \Phi(v) \f$ (Kaiming weights).
    gelu,
};

/// \brief A fully connected network \f$ s_0 \to s_1 \to \dots \to s_L \f$: `Linear` layers with the activation between
/// them and none after the last (its outputs are logits, means or \f$ [\mu \mid \log\sigma^2] \f$). Biases start at 0.
/// \throws ValueError if fewer than two sizes are given or a size is 0.
template <class T>
std::unique_ptr<Sequential<T>> mlp(const std::vector<std::size_t>& sizes, Rng& rng,
                                   HiddenActivation activation = HiddenActivation::relu);

/// \brief A convolutional encoder of 28 × 28 images given as rows (N, 784), to (N, `out`):
/// Unflatten (1, 28, 28) → Conv 4 × 4 stride 2 padding 1 to `channels` maps (14 × 14) → ReLU → Conv 4 × 4 stride 2
/// padding 1 to 2·`channels` maps (7 × 7) → ReLU → Flatten → Linear(2·channels·49 → out). `activation` replaces the
/// ReLUs (a smooth one lets a finite-difference gradient check step over the network without crossing kinks).
/// \throws ValueError if `out` or `channels` is 0.
template <class T>
std::unique_ptr<Sequential<T>> conv_encoder_28(std::size_t out, Rng& rng, std::size_t channels = 16,
                                               HiddenActivation activation = HiddenActivation::relu);

/// \brief The mirror image of `conv_encoder_28`, from (N, `in`) to rows of 28 × 28 images (N, 784):
/// Linear(in → 2·channels·49) → ReLU → Unflatten (2·channels, 7, 7) → ConvTranspose 4 × 4 stride 2 padding 1 to
/// `channels` maps (14 × 14) → ReLU → ConvTranspose 4 × 4 stride 2 padding 1 to 1 map (28 × 28) → Flatten.
/// No activation at the end (logits or means). `activation` replaces the ReLUs, as in `conv_encoder_28`.
/// \throws ValueError if `in` or `channels` is 0.
template <class T>
std::unique_ptr<Sequential<T>> conv_decoder_28(std::size_t in, Rng& rng, std::size_t channels = 16,
                                               HiddenActivation activation = HiddenActivation::relu);

}  // namespace dlc
