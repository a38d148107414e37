/// \file
/// \brief The ECE559 Gaussian autoencoder: prior \f$ N(0, I) \f$, encoder \f$ z \mid x = g(x) + N(0, I) \f$, decoder
/// \f$ \hat x \mid z = f(z) + N(0, I) \f$, trained on its explicit ELBO
/// \f$ \tfrac12 \mathbb{E}\|g(x)\|^2 + \tfrac12 \mathbb{E}\|x - f(g(x) + N)\|^2 \f$.
///
/// Lecture: ECE/CS 559 L19&20, "③ Example: Gaussian Variational Autoencoder": with
/// \f$ P_{\text{prior}}(z) \propto e^{-\|z\|^2/2} \f$, \f$ P_{\text{enc}}(z|x) \propto e^{-\|z - g(x; w)\|^2/2} \f$ and
/// \f$ P_{\text{dec}}(x|z) \propto e^{-\|x - f(z; w)\|^2/2} \f$, the ELBO loss
/// \f$ \mathbb{E}[-\log P_{\text{prior}}(z) P_{\text{dec}}(x|z) / P_{\text{enc}}(z|x)] \f$ is, up to the constant
/// \f$ \frac d2 \log 2\pi \f$,
/// \f[ \underbrace{\tfrac12 \mathbb{E}\bigl[\|g(x)\|^2\bigr]}_{\text{representation norm}} +
///     \underbrace{\tfrac12 \mathbb{E}\bigl[\|x - f(g(x) + N)\|^2\bigr]}_{\text{reconstruction error}},
///     \qquad N \sim N(0, I) , \f]
/// because \f$ \mathbb{E}[\frac12\|z\|^2 - \frac12\|z - g\|^2 \mid x] = \frac12\|g\|^2 \f$ for \f$ z = g + N \f$. It is a VAE whose
/// encoder variance is fixed at 1 (then \f$ \mathrm{KL}(N(g, I) \| N(0, I)) = \frac12 \|g\|^2 \f$ exactly) and whose
/// decoder is Gaussian with variance 1. HW7 Q2 trains the same loss by giving `MSELoss` the concatenation
/// \f$ [z, f - x] \f$.
///
/// **Backward** (per example): \f$ \nabla_f = f - x \f$; the decoder's `backward` gives \f$ \nabla_z \f$; since
/// \f$ z = g + N \f$, \f$ \nabla_g = g + \nabla_z \f$; then the encoder's `backward`.
#pragma once

#include "core/rng.hpp"
#include "nn/module.hpp"

#include <cstddef>
#include <memory>
#include <vector>

namespace dlc {

/// \brief The L20 Gaussian autoencoder: encoder \f$ g \f$ (d → k), decoder \f$ f \f$ (k → d), unit variances.
template <class T>
class GaussianAutoencoder {
public:
    /// \brief The two terms of the loss of a batch, summed over its examples.
    struct Terms {
        /// \brief \f$ \sum_n \frac12 \|g(x_n)\|^2 \f$ (the KL term).
        double representation = 0;
        /// \brief \f$ \sum_n \frac12 \|x_n - f(g(x_n) + N_n)\|^2 \f$.
        double reconstruction = 0;
        /// \brief Their sum: the negative ELBO minus the constant \f$ \frac d2 \log 2\pi \f$ per example.
        double total() const { return representation + reconstruction; }
    };

    /// \brief An autoencoder with latent size `latent`, the noise N drawn from `rng` (kept by reference).
    /// \throws ValueError if a network is null or latent = 0.
    GaussianAutoencoder(std::unique_ptr<Module<T>> encoder, std::unique_ptr<Module<T>> decoder, std::size_t latent,
                        Rng& rng);

    /// \brief The loss of the batch `x` (N, d): \f$ g = g(x) \f$, \f$ z = g + N \f$, \f$ f = f(z) \f$.
    /// \throws ShapeError if the encoder does not output (N, k) or the decoder not the shape of x.
    Terms forward(const Tensor<T>& x);
    /// \brief Accumulates the gradient of the last forward's loss into the parameters' gradients.
    void backward();
    /// \brief While true, `forward` reuses the last noise N (gradient checks).
    void hold_noise(bool hold) { hold_ = hold; }
    /// \brief The noise N of the last forward, (N, k).
    const Tensor<T>& noise() const { return noise_; }

    /// \brief The code \f$ g(x) \f$ (N, k).
    const Tensor<T>& encode(const Tensor<T>& x);
    /// \brief \f$ f(z) \f$ (N, d).
    const Tensor<T>& decode(const Tensor<T>& z);
    /// \brief `count` generated examples \f$ f(N) \f$, \f$ N \sim N(0, I) \f$ drawn from `rng` (HW7's `enc_mode=0`).
    Tensor<T> generate(std::size_t count, Rng& rng);

    /// \brief Every parameter: `"encoder.*"`, then `"decoder.*"`.
    std::vector<Parameter<T>> parameters();
    /// \brief Sets every parameter gradient to 0.
    void zero_grad();
    /// \brief Passes the mode to both networks.
    void set_mode(Mode mode);
    /// \brief k.
    std::size_t latent() const { return latent_; }

private:
    std::unique_ptr<Module<T>> encoder_, decoder_;
    std::size_t latent_;
    Rng* rng_;
    bool hold_ = false, ready_ = false;
    Tensor<T> x_, g_, noise_, z_, grad_f_, grad_g_;
};

}  // namespace dlc
