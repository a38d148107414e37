/// \file
/// \brief The variational autoencoder: a Gaussian encoder \f$ q_\phi(z|x) = N(\mu, \mathrm{diag}\,\sigma^2) \f$, the
/// reparameterization \f$ z = \mu + \sigma \odot \epsilon \f$, a decoder \f$ p_\theta(x|z) \f$ (Bernoulli or
/// Gaussian), and the negative ELBO with its backward pass written out; optionally conditioned on a label.
///
/// Lectures: NYU slides "Variational Autoencoders (VAE)", "Variational Lower Bound" (eqs. 7–10) and
/// "Stochastic Gradient" ("we just need to have a Monte Carlo sample size of 1: for each x, sample one z
/// from q(z|x). Backprop through reparameterization"); Bahng §10.1–10.3 (encoder \f$ \mathcal{E}_\phi \f$ outputs
/// \f$ \lambda = (\mu, \log\sigma^2) \f$, decoder \f$ \mathcal{D}_\theta \f$ the parameters of \f$ x \mid z \f$; the
/// conditional VAE of §10.3 feeds a label y to both). For one example the loss is the negative ELBO with one
/// sample \f$ z = \mu + \sigma \odot \epsilon \f$:
/// \f[ -\mathrm{ELBO}(x) \approx \underbrace{-\log p_\theta(x \mid z)}_{\text{reconstruction}} +
///     \underbrace{\mathrm{KL}(q_\phi(z|x) \,\|\, N(0, I))}_{\text{closed form}} . \f]
/// **Forward**: \f$ h = \mathcal{E}_\phi([x, y]) = [\mu \mid \log\sigma^2] \f$ → `Reparameterize` → \f$ z \f$ →
/// \f$ \mathcal{D}_\theta([z, y]) \f$ → `BernoulliNll` / `GaussianNll`; `GaussianKl` on h.
/// **Backward**: \f$ \nabla_{[z, y]} \f$ from the decoder's `backward`; its first k columns are \f$ \nabla_z \f$;
/// `Reparameterize::backward` turns them into \f$ \nabla_h \f$, to which the KL's gradient
/// \f$ [\mu \mid \frac12(\sigma^2 - 1)] \f$ is added; then the encoder's `backward`.
#pragma once

#include "core/progress.hpp"
#include "core/rng.hpp"
#include "nn/module.hpp"
#include "optim/optimizer.hpp"
#include "vae/decoder_likelihood.hpp"
#include "vae/gaussian_kl.hpp"
#include "vae/reparameterize.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace dlc {

/// \brief The decoder's distribution \f$ p_\theta(x \mid z) \f$.
enum class Likelihood {
    /// Independent Bernoulli pixels; the decoder outputs logits \f$ v \f$, \f$ p = \sigma(v) \f$ (Bahng Example 10.1).
    bernoulli,
    /// \f$ N(f(z), s^2 I) \f$ with a fixed \f$ s^2 \f$; the decoder outputs the mean \f$ f(z) \f$ (ECE559 L20).
    gaussian,
};

/// \brief Whether a tensor holds data: at least one axis and one element (a default-constructed `Tensor` is a
/// 0-d scalar with one element, which means "no condition" here).
template <class T>
bool has_entries(const Tensor<T>& t) {
    return t.dimension() > 0 && t.size() > 0;
}

/// \brief Copies \f$ [A \mid B] \f$ (N, a + b) into `out` (resized only when its shape changes).
/// \throws ShapeError unless A and B are matrices with the same number of rows.
template <class T>
void concat_columns(const Tensor<T>& A, const Tensor<T>& B, Tensor<T>& out);

/// \brief A VAE made of an encoder network (input \f$ d + c \f$ → output \f$ 2k \f$) and a decoder network
/// (input \f$ k + c \f$ → output d), where c is the size of the condition (0 for an unconditional VAE, 10 for
/// one-hot digit labels).
///
/// The VAE owns both networks. All terms are sums over the batch's examples (as PyTorch's VAE example uses
/// `reduction='sum'`); the gradient is that of the sum.
template <class T>
class Vae {
public:
    /// \brief The two halves of the negative ELBO of a batch, summed over its examples.
    struct Terms {
        /// \brief \f$ \sum_n -\log p_\theta(x_n \mid z_n) \f$.
        double reconstruction = 0;
        /// \brief \f$ \sum_n \mathrm{KL}(q_\phi(z|x_n) \| N(0, I)) \f$.
        double kl = 0;
        /// \brief Reconstruction + KL: the negative ELBO estimate.
        double negative_elbo() const { return reconstruction + kl; }
    };

    /// \brief A VAE with latent size k = `latent`, drawing its \f$ \epsilon \f$ from `rng` (kept by reference).
    /// \param encoder           maps (N, d + c) to (N, 2k) = \f$ [\mu \mid \log\sigma^2] \f$
    /// \param decoder           maps (N, k + c) to (N, d): logits (Bernoulli) or means (Gaussian)
    /// \param latent            k >= 1
    /// \param rng               the source of \f$ \epsilon \f$
    /// \param likelihood        the decoder's distribution
    /// \param decoder_variance  \f$ s^2 \f$ of the Gaussian decoder (ignored for Bernoulli)
    /// \param condition         c, the width of the condition y (0: none)
    /// \throws ValueError if a network is null, k = 0, or the variance is not positive.
    Vae(std::unique_ptr<Module<T>> encoder, std::unique_ptr<Module<T>> decoder, std::size_t latent, Rng& rng,
        Likelihood likelihood = Likelihood::bernoulli, double decoder_variance = 1.0, std::size_t condition = 0);

    /// \brief The negative ELBO of the batch `x` (N, d) with conditions `y` (N, c) (empty when c = 0), one
    /// sample of z per example; caches what `backward` needs.
    /// \throws ShapeError if the networks' output shapes are not (N, 2k) and (N, d), or `y` is not (N, c).
    Terms forward(const Tensor<T>& x, const Tensor<T>& y = Tensor<T>());
    /// \brief Accumulates the gradient of the last forward's negative ELBO into every parameter's gradient.
    /// \throws Error if `forward` has not been called.
    void backward();

    /// \brief The encoder's output \f$ h = [\mu \mid \log\sigma^2] \f$ (N, 2k) for `x` (and `y`).
    const Tensor<T>& encode(const Tensor<T>& x, const Tensor<T>& y = Tensor<T>());
    /// \brief The decoder's output for codes `z` (N, k) (and `y`): logits (Bernoulli) or means (Gaussian).
    const Tensor<T>& decode(const Tensor<T>& z, const Tensor<T>& y = Tensor<T>());
    /// \brief The decoder's mean \f$ \mathbb{E}[x \mid z] \f$: \f$ \sigma(\text{logits}) \f$ or the Gaussian mean, (N, d).
    Tensor<T> decode_mean(const Tensor<T>& z, const Tensor<T>& y = Tensor<T>());

    /// \brief Every parameter: the encoder's (named `"encoder.*"`), then the decoder's (`"decoder.*"`).
    std::vector<Parameter<T>> parameters();
    /// \brief Sets every parameter gradient to 0.
    void zero_grad();
    /// \brief Passes the mode to both networks.
    void set_mode(Mode mode);

    /// \brief The encoder network.
    Module<T>& encoder() { return *encoder_; }
    /// \brief The decoder network.
    Module<T>& decoder() { return *decoder_; }
    /// \brief The reparameterization module (hold its noise for gradient checks).
    Reparameterize<T>& sampler() { return sampler_; }
    /// \brief \f$ -\log p(x_n|z_n) \f$ per example of the last forward, shape (N).
    const Tensor<double>& reconstruction_per_example() const;
    /// \brief \f$ \mathrm{KL}_n \f$ per example of the last forward, shape (N).
    const Tensor<double>& kl_per_example() const { return kl_.per_example(); }
    /// \brief k.
    std::size_t latent() const { return latent_; }
    /// \brief c.
    std::size_t condition() const { return condition_; }
    /// \brief The decoder's distribution.
    Likelihood likelihood() const { return likelihood_; }
    /// \brief \f$ s^2 \f$ of the Gaussian decoder.
    double decoder_variance() const { return gaussian_.variance(); }

private:
    const Tensor<T>& encoder_input(const Tensor<T>& x, const Tensor<T>& y);
    const Tensor<T>& decoder_input(const Tensor<T>& z, const Tensor<T>& y);

    std::unique_ptr<Module<T>> encoder_, decoder_;
    std::size_t latent_, condition_;
    Likelihood likelihood_;
    Reparameterize<T> sampler_;
    GaussianKl<T> kl_;
    BernoulliNll<T> bernoulli_;
    GaussianNll<T> gaussian_;
    Tensor<T> enc_in_, dec_in_, grad_z_, grad_h_;
    bool ready_ = false;
};

/// \brief Means per example over an epoch or a data set.
struct VaeMetrics {
    /// \brief Mean negative ELBO per example (nats).
    double negative_elbo = 0;
    /// \brief Mean \f$ -\log p(x|z) \f$ per example.
    double reconstruction = 0;
    /// \brief Mean KL per example.
    double kl = 0;
    /// \brief Wall-clock seconds.
    double seconds = 0;
};

/// \brief One epoch of minibatch training: a fresh shuffle from `rng`, batches of `batch` rows (the last holds
/// the rest), each step `zero_grad`, `forward`, `backward`, `optimizer.step()`. `Y` is (n, c) or empty.
/// Returns the training metrics as seen during the epoch.
/// \throws ShapeError if X is empty or Y's rows differ; DivergenceError if a batch's loss is NaN/Inf.
template <class T>
VaeMetrics vae_train_epoch(Vae<T>& vae, Optimizer<T>& optimizer, const Tensor<T>& X, const Tensor<T>& Y,
                           std::size_t batch, Rng& rng, Progress* progress = nullptr);

/// \brief The mean negative ELBO (one sample of z per example) of the data in batches, in evaluation mode.
template <class T>
VaeMetrics vae_evaluate(Vae<T>& vae, const Tensor<T>& X, const Tensor<T>& Y, std::size_t batch = 500);

}  // namespace dlc
