/// \file
/// \brief The importance-weighted bound (IWAE) on \f$ \log p_\theta(x) \f$ of a trained VAE, tighter as the number
/// of samples k grows.
///
/// Lecture: Bahng §10.4 "Importance Weighted Autoencoders" (the heading only; Burda, Grosse & Salakhutdinov, 2016).
/// With \f$ z_1, \dots, z_k \f$ drawn independently from the encoder \f$ q_\phi(z \mid x) \f$ and the importance weights
/// \f$ w_j = p_\theta(x, z_j) / q_\phi(z_j \mid x) \f$,
/// \f[ \mathcal{L}_k(x) = \mathbb{E}\Bigl[\log \frac1k \sum_{j=1}^k w_j\Bigr] \le \log p_\theta(x), \qquad
///     \mathcal{L}_1 = \mathrm{ELBO} \le \mathcal{L}_k \le \mathcal{L}_{k+1} , \f]
/// (Jensen's inequality on the average of the weights; \f$ \mathcal{L}_k \to \log p_\theta(x) \f$ as \f$ k \to \infty \f$).
/// Each \f$ \log w_j = \log p_\theta(x \mid z_j) + \log N(z_j; 0, I) - \log N(z_j; \mu, \mathrm{diag}\,\sigma^2) \f$, and the
/// average is taken by log-sum-exp.
#pragma once

#include "core/rng.hpp"
#include "vae/vae.hpp"

#include <cstddef>

namespace dlc {

/// \brief The importance-weighted bounds of a data set.
struct ImportanceBound {
    /// \brief k, the samples per example.
    std::size_t samples = 0;
    /// \brief \f$ \frac1n \sum_x \log \frac1k \sum_j w_j(x) \f$ (nats per example; a lower bound on the mean \f$ \log p(x) \f$).
    double bound = 0;
    /// \brief \f$ \frac1{nk} \sum_x \sum_j \log w_j(x) \f$: the plain Monte Carlo ELBO from the same samples.
    double elbo = 0;
    /// \brief The per-example bounds \f$ \log \frac1k \sum_j w_j(x) \f$ (n).
    Vector<double> per_example;
};

/// \brief \f$ \log N(z; \mu, \mathrm{diag}\, e^{v}) = -\frac12 \sum_j [\log 2\pi + v_j + (z_j - \mu_j)^2 e^{-v_j}] \f$ of one
/// k-vector (\f$ \mu = 0, v = 0 \f$ gives the prior's \f$ \log N(z; 0, I) \f$).
template <class T>
double log_normal_diag(const T* z, const T* mu, const T* log_var, std::size_t k);

/// \brief The IWAE bound with k = `samples` for every row of `X` (n, d) (conditions `Y` (n, c) or empty), in batches
/// of `batch` examples (each decoded k times in one pass), in evaluation mode; \f$ \epsilon \f$ from `rng`.
/// \throws ShapeError if X is empty or Y's rows differ; ValueError if samples or batch is 0.
template <class T>
ImportanceBound iwae_bound(Vae<T>& vae, const Tensor<T>& X, const Tensor<T>& Y, std::size_t samples, Rng& rng,
                           std::size_t batch = 100);

}  // namespace dlc
