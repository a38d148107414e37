/// \file
/// \brief A denoising diffusion probabilistic model (DDPM): the hierarchical VAE whose encoders only add noise.
///
/// Lecture: ECE/CS 559 L19&20, "④ Hierarchical VAEs" ("Instead of one representation stage, have multiple ...
/// Allows for gradual tweaks, making it easier to train. Example: Diffusion models use encoders that just add
/// noise"); Ho, Jain & Abbeel (2020). The encoder chain \f$ x_0 \to x_1 \to \dots \to x_T \f$ is fixed:
/// \f[ q(x_t \mid x_{t-1}) = N(\sqrt{1 - \beta_t}\, x_{t-1}, \beta_t I), \qquad
///     q(x_t \mid x_0) = N(\sqrt{\bar\alpha_t}\, x_0, (1 - \bar\alpha_t) I), \quad \bar\alpha_t = \prod_{s \le t} (1 - \beta_s), \f]
/// so \f$ x_t = \sqrt{\bar\alpha_t} x_0 + \sqrt{1 - \bar\alpha_t}\, \epsilon \f$ in closed form. The decoders
/// \f$ p_\theta(x_{t-1} \mid x_t) = N(\mu_\theta(x_t, t), \sigma_t^2 I) \f$ invert it, with
/// \f[ \mu_\theta(x_t, t) = \frac{1}{\sqrt{\alpha_t}} \Bigl( x_t - \frac{\beta_t}{\sqrt{1 - \bar\alpha_t}}\, \epsilon_\theta(x_t, t) \Bigr),
///     \qquad \sigma_t^2 = \beta_t , \f]
/// where the network \f$ \epsilon_\theta \f$ predicts the noise. Training minimizes the simplified loss
/// \f$ \mathbb{E}_{t, x_0, \epsilon} \|\epsilon - \epsilon_\theta(x_t, t)\|^2 \f$; ancestral sampling runs the decoders from
/// \f$ x_T \sim N(0, I) \f$. The negative ELBO is the hierarchical VAE's, term by term:
/// \f[ -\mathrm{ELBO} = \underbrace{\mathrm{KL}(q(x_T|x_0) \| N(0, I))}_{L_T}
///     + \sum_{t=2}^T \underbrace{\mathrm{KL}(q(x_{t-1}|x_t, x_0) \| p_\theta(x_{t-1}|x_t))}_{L_{t-1}}
///     \underbrace{- \log p_\theta(x_0 | x_1)}_{L_0} , \f]
/// with the Gaussian posterior \f$ q(x_{t-1}|x_t, x_0) = N(\tilde\mu_t, \tilde\beta_t I) \f$,
/// \f$ \tilde\mu_t = \frac{\sqrt{\bar\alpha_{t-1}}\beta_t}{1 - \bar\alpha_t} x_0 + \frac{\sqrt{\alpha_t}(1 - \bar\alpha_{t-1})}{1 - \bar\alpha_t} x_t \f$,
/// \f$ \tilde\beta_t = \frac{1 - \bar\alpha_{t-1}}{1 - \bar\alpha_t} \beta_t \f$.
#pragma once

#include "core/rng.hpp"
#include "nn/module.hpp"

#include <cstddef>
#include <memory>
#include <vector>

namespace dlc {

/// \brief The variances \f$ \beta_1, \dots, \beta_T \f$ of the noising steps and the products \f$ \bar\alpha_t \f$.
struct NoiseSchedule {
    /// \brief \f$ \beta_t \f$ at index t - 1.
    std::vector<double> beta;
    /// \brief \f$ \bar\alpha_t = \prod_{s \le t} (1 - \beta_s) \f$ at index t - 1.
    std::vector<double> alpha_bar;
    /// \brief \f$ \beta_t \f$ increasing linearly from `beta_first` (t = 1) to `beta_last` (t = T) (Ho et al.).
    /// \throws ValueError unless steps >= 1 and \f$ 0 < \beta_1 \le \beta_T < 1 \f$.
    static NoiseSchedule linear(std::size_t steps, double beta_first, double beta_last);
    /// \brief T.
    std::size_t steps() const { return beta.size(); }
    /// \brief \f$ \beta_t \f$ for t in 1..T.
    double beta_at(std::size_t t) const { return beta.at(t - 1); }
    /// \brief \f$ \bar\alpha_t \f$ for t in 0..T (\f$ \bar\alpha_0 = 1 \f$).
    double alpha_bar_at(std::size_t t) const { return t == 0 ? 1.0 : alpha_bar.at(t - 1); }
    /// \brief \f$ \tilde\beta_t = \frac{1 - \bar\alpha_{t-1}}{1 - \bar\alpha_t} \beta_t \f$, the variance of \f$ q(x_{t-1}|x_t, x_0) \f$.
    double posterior_variance(std::size_t t) const;
};

/// \brief The forward process in closed form: row n of `xt` is \f$ \sqrt{\bar\alpha_{t_n}}\, x_{0,n} + \sqrt{1 - \bar\alpha_{t_n}}\, \epsilon_n \f$.
/// \throws ShapeError if `x0` and `eps` differ in shape or `t` does not have one step per row; ValueError if a step
///         is not in 1..T.
template <class T>
void diffuse(const Tensor<T>& x0, const std::vector<std::size_t>& t, const Tensor<T>& eps, const NoiseSchedule& schedule,
             Tensor<T>& xt);

/// \brief The sinusoidal embedding of step t into `dims` numbers (dims even):
/// \f$ (\sin t\omega_0, \cos t\omega_0, \dots) \f$ with \f$ \omega_i = 10^{-4 i / (\text{dims}/2)} \f$ (Vaswani et al.).
template <class T>
void time_embedding(std::size_t t, std::size_t dims, T* out);

/// \brief A DDPM on data rows of width d with a noise-prediction network \f$ \epsilon_\theta \f$ taking
/// \f$ [x_t \mid \mathrm{emb}(t)] \f$ (N, d + E) to (N, d).
template <class T>
class Ddpm {
public:
    /// \brief The three parts of the negative ELBO, means per data point (nats).
    struct Bound {
        /// \brief \f$ L_T \f$ (does not depend on \f$ \theta \f$).
        double prior = 0;
        /// \brief \f$ \sum_{t=2}^T L_{t-1} \f$.
        double denoising = 0;
        /// \brief \f$ L_0 = -\log p_\theta(x_0 \mid x_1) \f$.
        double reconstruction = 0;
        /// \brief The negative ELBO, an upper bound on \f$ -\log p_\theta(x_0) \f$.
        double total() const { return prior + denoising + reconstruction; }
    };

    /// \brief A DDPM with the given schedule and network; `embed_dim` = E (even, >= 2).
    /// \throws ValueError if the network is null, d = 0 or E is odd or 0.
    Ddpm(NoiseSchedule schedule, std::unique_ptr<Module<T>> denoiser, std::size_t data_dim, std::size_t embed_dim);

    /// \brief The training loss of a batch \f$ x_0 \f$ (N, d): t uniform in 1..T and \f$ \epsilon \sim N(0, I) \f$ from `rng`,
    /// \f$ \frac1N \sum_n \|\epsilon_n - \epsilon_\theta(x_{t_n}, t_n)\|^2 \f$; caches what `backward` needs.
    double loss_forward(const Tensor<T>& x0, Rng& rng);
    /// \brief Accumulates the gradient of the last `loss_forward` (\f$ \frac2N (\epsilon_\theta - \epsilon) \f$ at the output).
    void backward();
    /// \brief \f$ \epsilon_\theta(x_t, t_n) \f$ for every row (N, d).
    const Tensor<T>& predict_noise(const Tensor<T>& xt, const std::vector<std::size_t>& t);
    /// \brief `count` samples by ancestral sampling from \f$ x_T \sim N(0, I) \f$; if `snapshots` is given, the
    /// batch \f$ x_t \f$ at each step listed in `keep` (e.g. T, T/2, 0) is appended to it.
    Tensor<T> sample(std::size_t count, Rng& rng, const std::vector<std::size_t>& keep = {},
                     std::vector<Tensor<T>>* snapshots = nullptr);
    /// \brief The negative ELBO of the rows of `x0`, each \f$ L_{t-1} \f$ from one draw of \f$ x_t \sim q(x_t|x_0) \f$.
    Bound negative_elbo(const Tensor<T>& x0, Rng& rng);

    /// \brief The noise-prediction network's parameters.
    std::vector<Parameter<T>> parameters() { return net_->parameters(); }
    /// \brief Sets every parameter gradient to 0.
    void zero_grad() { net_->zero_grad(); }
    /// \brief The schedule.
    const NoiseSchedule& schedule() const { return schedule_; }
    /// \brief The network \f$ \epsilon_\theta \f$.
    Module<T>& network() { return *net_; }

private:
    const Tensor<T>& network_input(const Tensor<T>& xt, const std::vector<std::size_t>& t);

    NoiseSchedule schedule_;
    std::unique_ptr<Module<T>> net_;
    std::size_t d_, embed_;
    Tensor<T> in_, eps_, xt_, grad_;
    std::vector<std::size_t> t_;
    bool ready_ = false;
};

}  // namespace dlc
