/// \file
/// \brief Deterministic autoencoders: training an encoder–decoder network to reproduce its input, optionally from a
/// corrupted copy (the denoising autoencoder).
///
/// Lecture: Bahng §6.1. An autoencoder is a network \f$ \hat x = D_\theta(E_\phi(x)) \f$ trained to make
/// \f$ \mathcal{L}(x, \hat x) \f$ small, e.g. \f$ \frac12 \|x - \hat x\|^2 \f$; with a small latent space it is
/// *undercomplete*. The **denoising autoencoder** feeds a corrupted \f$ \tilde x \f$ — each input set to 0 with
/// probability \f$ \nu \f$ ("similar to dropout"), or with Gaussian noise added — and compares the output with the
/// clean x: \f$ \mathcal{L}(x, D_\theta(E_\phi(\tilde x))) \f$, "pushing inputs away from the manifold and training the
/// autoencoder to pull them back".
#pragma once

#include "core/rng.hpp"
#include "nn/loss.hpp"
#include "nn/module.hpp"
#include "optim/optimizer.hpp"

#include <cstddef>

namespace dlc {

/// \brief How the input of a denoising autoencoder is corrupted.
struct Corruption {
    /// \brief The kinds of corruption.
    enum class Kind {
        /// \f$ \tilde x = x \f$ (a plain autoencoder).
        none,
        /// Masking noise: each entry independently set to 0 with probability \f$ \nu \f$ = `level`.
        masking,
        /// Additive Gaussian noise \f$ \tilde x = x + \epsilon \f$, \f$ \epsilon \sim N(0, s^2) \f$ with s = `level`.
        gaussian,
    };
    /// \brief Which corruption.
    Kind kind = Kind::none;
    /// \brief \f$ \nu \in [0, 1] \f$ (masking) or the standard deviation s (Gaussian).
    double level = 0.0;
};

/// \brief Writes the corrupted \f$ \tilde x \f$ of `x` into `out` (same shape; reused when the shape agrees).
/// \throws ValueError if the level is out of range (\f$ \nu \notin [0, 1] \f$, s < 0 or not finite).
template <class T>
void corrupt(const Tensor<T>& x, const Corruption& corruption, Rng& rng, Tensor<T>& out);

/// \brief One epoch of minibatch training of the autoencoder `net` (input and output rows of the same width) on the
/// rows of `X`: a fresh shuffle, `loss(net(corrupt(x)), x)`, backward, `optimizer.step()`. Returns the mean loss per
/// example as seen during the epoch (the loss's per-example convention).
/// \throws ShapeError if X is empty; DivergenceError if a batch loss is NaN/Inf.
template <class T>
double autoencoder_train_epoch(Module<T>& net, Loss<T>& loss, Optimizer<T>& optimizer, const Tensor<T>& X,
                               std::size_t batch, Rng& rng, const Corruption& corruption = {});

}  // namespace dlc
