/// \file
/// \brief Batch normalization: normalize each channel over the batch (and the spatial positions),
/// then scale and shift, \f$ \tilde x = \gamma \frac{x - \mu}{\sigma} + \beta \f$; running
/// statistics for test time.
///
/// Lectures: NYU slides "Normalization" and "Batch Normalization (BN)" ("Batch norm: normalize
/// across N H W dimensions, leaving C channels", \f$ \tilde x = \gamma \frac{x - \mu}{\sigma} + \beta \f$,
/// "Test time: using the mean and variance from the entire training set"); ECE/CS 559 L13 ④
/// ("normalize gradients (across a batch or a layer)").
#pragma once

#include "nn/module.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace dlc {

/// \brief Batch normalization over the channel axis 1 of (N, C) or (N, C, H, W) (any rank
/// \f$ \ge 2 \f$: (N, C, spatial...)).
///
/// For each channel \f$ c \f$ the statistics run over the \f$ m = N \cdot H \cdot W \f$ values
/// \f$ x_i \f$ of that channel:
/// \f[ \mu = \frac1m \sum_i x_i, \quad \sigma^2 = \frac1m \sum_i (x_i - \mu)^2, \quad
///     \hat x_i = \frac{x_i - \mu}{\sqrt{\sigma^2 + \epsilon}}, \quad y_i = \gamma \hat x_i + \beta . \f]
///
/// **Training** uses the batch's \f$ \mu, \sigma^2 \f$ and updates the running estimates
/// \f$ \bar\mu \leftarrow (1 - \rho)\bar\mu + \rho\mu \f$,
/// \f$ \bar\sigma^2 \leftarrow (1 - \rho)\bar\sigma^2 + \rho \frac{m}{m-1}\sigma^2 \f$ (unbiased
/// variance), \f$ \rho \f$ = `momentum` (0.1 by default, as PyTorch); with \f$ \rho = 0 \f$ they
/// are instead the plain average over every training batch seen (the slides' "entire training
/// set"). **Evaluation** normalizes with \f$ \bar\mu, \bar\sigma^2 \f$, so the output of an example
/// no longer depends on the rest of its batch.
///
/// **Backward** (training; \f$ g_i = \nabla_{y_i} l \f$, sums over the channel's \f$ m \f$ values):
/// \f[ \nabla_\gamma l \mathrel{+}= \sum_i g_i \hat x_i, \qquad \nabla_\beta l \mathrel{+}= \sum_i g_i,
///     \qquad \nabla_{x_i} l = \frac{\gamma}{m\sqrt{\sigma^2+\epsilon}}
///     \Bigl(m\, g_i - \sum_j g_j - \hat x_i \sum_j g_j \hat x_j\Bigr) \f]
/// (the last two terms because \f$ \mu \f$ and \f$ \sigma \f$ depend on every \f$ x_j \f$).
/// In evaluation mode \f$ \mu, \sigma \f$ are constants and
/// \f$ \nabla_{x_i} l = \gamma g_i / \sqrt{\bar\sigma^2 + \epsilon} \f$.
template <class T>
class BatchNorm : public Module<T> {
public:
    /// \brief Batch norm of `channels` channels; \f$ \gamma = 1 \f$, \f$ \beta = 0 \f$,
    /// \f$ \bar\mu = 0 \f$, \f$ \bar\sigma^2 = 1 \f$.
    /// \throws ValueError if `channels` is 0, `momentum` is outside [0, 1] or `eps` is not positive.
    explicit BatchNorm(std::size_t channels, double momentum = 0.1, double eps = 1e-5);
    /// \brief \f$ y = \gamma \hat x + \beta \f$ with batch (training) or running (evaluation) statistics.
    /// \throws ShapeError unless `x` is (N, C, ...) with C = `channels()`; ValueError in training
    ///         mode if a channel has a single value (\f$ m = 1 \f$: no variance).
    const Tensor<T>& forward(const Tensor<T>& x) override;
    /// \brief The backward pass of the class comment.
    const Tensor<T>& backward(const Tensor<T>& grad_y) override;
    /// \brief `"BatchNorm(C)"`.
    std::string name() const override;
    /// \brief `gamma` and `beta` (both marked `is_bias`: penalties skip them).
    std::vector<Parameter<T>> parameters() override;
    /// \brief `running_mean` and `running_var`.
    std::vector<Buffer<T>> buffers() override;

    /// \brief The number of channels \f$ C \f$.
    std::size_t channels() const { return gamma_.size(); }
    /// \brief The momentum of the running averages.
    double momentum() const { return momentum_; }
    /// \brief \f$ \epsilon \f$, added to the variance before the square root.
    double eps() const { return eps_; }
    /// \brief The scale \f$ \gamma \f$ (C).
    Tensor<T>& gamma() { return gamma_; }
    /// \brief The shift \f$ \beta \f$ (C).
    Tensor<T>& beta() { return beta_; }
    /// \brief \f$ \nabla_\gamma l \f$.
    const Tensor<T>& grad_gamma() const { return grad_gamma_; }
    /// \brief \f$ \nabla_\beta l \f$.
    const Tensor<T>& grad_beta() const { return grad_beta_; }
    /// \brief The running mean \f$ \bar\mu \f$ (C).
    Tensor<T>& running_mean() { return running_mean_; }
    /// \brief The running (unbiased) variance \f$ \bar\sigma^2 \f$ (C).
    Tensor<T>& running_var() { return running_var_; }
    /// \brief The batch mean \f$ \mu \f$ of the last training forward (C).
    const Tensor<T>& batch_mean() const { return mean_; }
    /// \brief The batch (biased) variance \f$ \sigma^2 \f$ of the last training forward (C).
    const Tensor<T>& batch_var() const { return var_; }

private:
    double momentum_, eps_;
    std::size_t batches_seen_ = 0;
    Tensor<T> gamma_, beta_, grad_gamma_, grad_beta_, running_mean_, running_var_;
    Tensor<T> mean_, var_, inv_std_;  // per channel, of the last forward
    Tensor<T> x_hat_;                 // normalized input of the last forward
    bool last_forward_training_ = true;
};

}  // namespace dlc
