/// \file
/// \brief The closed-form KL divergence of the encoder's Gaussian \f$ q(z \mid x) = N(\mu, \mathrm{diag}\,\sigma^2) \f$
/// from the prior \f$ N(0, I) \f$, and its gradient.
///
/// Lectures: NYU slides "Variational Lower Bound", eq. (10): \f$ L = -\mathrm{KL}(q_\phi(z|x) \| p_\theta(z))
/// + \mathbb{E}_{z \sim q} \log p_\theta(x|z) \f$; Bahng §10.1 (the ELBO as "likelihood term" minus
/// "closeness of encoding to \f$ p(z) \f$ (typically Gaussian)"). Per example, with \f$ v_j = \log\sigma_j^2 \f$:
/// \f[ \mathrm{KL}\bigl(N(\mu, \mathrm{diag}\, e^{v}) \,\|\, N(0, I)\bigr) = \tfrac12 \sum_{j=1}^k \bigl(\mu_j^2 + e^{v_j} - 1 - v_j\bigr), \f]
/// \f[ \frac{\partial\, \mathrm{KL}}{\partial \mu_j} = \mu_j, \qquad \frac{\partial\, \mathrm{KL}}{\partial v_j} = \tfrac12 (e^{v_j} - 1) . \f]
/// (The general Gaussian KL is `dlc::kl_gaussian` in latent/divergence.hpp.)
#pragma once

#include "nn/loss.hpp"
#include "nn/module.hpp"

#include <string>

namespace dlc {

/// \brief \f$ \mathrm{KL}(N(\mu, \mathrm{diag}\, e^{v}) \| N(0, I)) = \frac12 \sum_j (\mu_j^2 + e^{v_j} - 1 - v_j) \f$ of one
/// example (k entries of \f$ \mu \f$ and of \f$ v = \log\sigma^2 \f$), accumulated in double.
template <class T>
double kl_to_standard_normal(const T* mu, const T* log_var, std::size_t k);

/// \brief The KL term of the negative ELBO for a batch of encoder outputs \f$ h = [\mu \mid \log\sigma^2] \f$ (N, 2k):
/// `forward` returns \f$ \sum_n \mathrm{KL}_n \f$ (or the mean over the N examples), `backward` its gradient
/// \f$ [\mu \mid \frac12 (e^{v} - 1)] \f$ (÷ N for the mean), to be added to the reparameterization's gradient.
template <class T>
class GaussianKl {
public:
    /// \brief A KL term reduced over the batch by `reduction`.
    explicit GaussianKl(Reduction reduction = Reduction::sum) : reduction_(reduction) {}
    /// \brief \f$ \sum_n \frac12 \sum_j (\mu_{nj}^2 + e^{v_{nj}} - 1 - v_{nj}) \f$ (÷ N for the mean).
    /// \throws ShapeError unless h is (N, 2k) with N, k >= 1.
    double forward(const Tensor<T>& h);
    /// \brief \f$ \nabla_h = [\mu \mid \frac12 (e^{v} - 1)] \f$ (÷ N for the mean), shape (N, 2k).
    /// \throws Error if `forward` has not been called.
    const Tensor<T>& backward();
    /// \brief The per-example KLs of the last forward, shape (N).
    const Tensor<double>& per_example() const { return per_example_; }

private:
    Reduction reduction_;
    Tensor<T> h_, grad_;
    Tensor<double> per_example_;
};

}  // namespace dlc
