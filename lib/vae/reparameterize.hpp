/// \file
/// \brief The reparameterization trick as a module: from the encoder's \f$ (\mu, \log\sigma^2) \f$ to a
/// sample \f$ z = \mu + \sigma \odot \epsilon \f$, \f$ \epsilon \sim N(0, I) \f$, with the backward pass written out.
///
/// Lectures: NYU slides "Reparameterization Trick" ("Instead of letting the neural network output a
/// stochastic variable, we can let it predict deterministically the distribution parameters \f$ \mu \f$ and
/// \f$ \sigma \f$. A stochastic z can be sampled from \f$ N(\mu, \sigma^2) \f$: \f$ z = \mu + \sigma \cdot \epsilon \f$",
/// "Backprop through reparameterization"); Bahng §10.1 Example 10.2 (\f$ \lambda = (\mu, \log\sigma^2) \f$ "since we
/// want to allow negative values"). With \f$ \epsilon \f$ held fixed, z is a differentiable function of the
/// encoder's outputs:
/// \f[ z = \mu + e^{\frac12 \log\sigma^2} \odot \epsilon, \qquad
///     \frac{\partial z_j}{\partial \mu_j} = 1, \qquad
///     \frac{\partial z_j}{\partial \log\sigma_j^2} = \tfrac12 \sigma_j \epsilon_j = \tfrac12 (z_j - \mu_j) , \f]
/// so the gradient arriving at z, \f$ g = \nabla_z l \f$, goes back as
/// \f$ \nabla_\mu l = g \f$ and \f$ \nabla_{\log\sigma^2} l = \tfrac12\, g \odot \sigma \odot \epsilon \f$.
#pragma once

#include "core/rng.hpp"
#include "nn/module.hpp"

#include <string>

namespace dlc {

/// \brief \f$ z = \mu + \sigma \odot \epsilon \f$ from \f$ h = [\mu \mid \log\sigma^2] \f$.
///
/// Input: the encoder's output h of shape (N, 2k), the first k columns \f$ \mu \f$, the last k
/// \f$ \log\sigma^2 \f$. Output: z of shape (N, k). Each `forward` draws a fresh
/// \f$ \epsilon \sim N(0, I) \f$ (N, k) from the generator given at construction, unless the noise is held
/// (`hold_noise`, `set_noise`: gradient checks, or one sample shared by several passes) or the module
/// outputs the mean (`use_mean`: the deterministic code \f$ z = \mu \f$ for plots). `backward` needs no
/// copy of h: it uses the cached \f$ \sigma \f$ and \f$ \epsilon \f$.
template <class T>
class Reparameterize : public Module<T> {
public:
    /// \brief A sampler drawing \f$ \epsilon \f$ from `rng` (kept by reference: it must outlive the module).
    explicit Reparameterize(Rng& rng) : rng_(&rng) {}

    /// \brief \f$ z = \mu + e^{\log\sigma^2 / 2} \odot \epsilon \f$ for `h` (N, 2k).
    /// \throws ShapeError if h is not a matrix with an even, non-zero number of columns, or if held noise
    ///         does not have shape (N, k).
    const Tensor<T>& forward(const Tensor<T>& h) override;
    /// \brief Given \f$ g = \nabla_z l \f$ (N, k): returns \f$ [\, g \mid \tfrac12 g \odot \sigma \odot \epsilon \,] \f$ (N, 2k).
    const Tensor<T>& backward(const Tensor<T>& grad_z) override;
    /// \brief `"Reparameterize"`.
    std::string name() const override { return "Reparameterize"; }

    /// \brief While true, `forward` reuses the last \f$ \epsilon \f$ instead of drawing a new one.
    void hold_noise(bool hold) { hold_ = hold; }
    /// \brief Sets \f$ \epsilon \f$ (N, k) and holds it.
    void set_noise(const Tensor<T>& eps);
    /// \brief The \f$ \epsilon \f$ of the last forward.
    const Tensor<T>& noise() const { return eps_; }
    /// \brief While true, `forward` outputs \f$ z = \mu \f$ (no noise; the backward then passes \f$ g \f$ to \f$ \mu \f$ and 0 to \f$ \log\sigma^2 \f$).
    void use_mean(bool on) { mean_only_ = on; }

private:
    Rng* rng_;
    Tensor<T> eps_, sigma_;
    bool hold_ = false, mean_only_ = false;
};

}  // namespace dlc
