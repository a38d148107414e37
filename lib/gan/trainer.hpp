/// \file
/// \brief The two-player training loop: \f$ k \f$ discriminator steps per generator step, the generator's
/// gradient obtained by backpropagating the loss through the (fixed) discriminator to its input and
/// then through the generator.
///
/// Lectures: the handwritten GAN notes "How to train GANs?" (① data samples \f$ x_1..x_m \f$, ② noise
/// \f$ z_1..z_m \f$, ③ update the discriminator by ascending \f$ \nabla_{\theta_d} \frac1m \sum_i
/// \log D(x_i) + \log(1 - D(G(z_i))) \f$, ④ new noise, ⑤ update the generator by descending
/// \f$ \nabla_{\theta_g} \frac1m \sum_i \log(1 - D(G(z_i))) \f$, ⑥ repeat); Bahng §11 ("we sometimes make
/// \f$ k > 1 \f$"); ECE/CS 559 L22&23 (the discriminator ↓ the cross-entropy, the generator ↑ it).
///
/// **The generator's gradient.** With \f$ x = G(z; \theta_g) \f$, \f$ a = D(x) \f$ the discriminator's logit
/// and \f$ L_G = \frac1m \sum_i l(a_i) \f$ (gan_loss.hpp), the chain rule through the two networks is
/// \f[ \nabla_{\theta_g} L_G = \sum_i \Bigl(\frac{\partial x_i}{\partial \theta_g}\Bigr)^{\!\top}
///     \underbrace{\Bigl(\frac{\partial a_i}{\partial x_i}\Bigr)^{\!\top} \frac{l'(a_i)}{m}}_{\nabla_{x_i} L_G} : \f]
/// the discriminator's **input gradient** \f$ \nabla_x L_G \f$ (its `backward` from \f$ \partial L_G / \partial a \f$)
/// is the gradient arriving at the generator's output, and the generator's `backward` turns it into
/// \f$ \nabla_{\theta_g} L_G \f$ (G's Jacobian transposed). The discriminator's parameters are not changed by
/// this step (its parameter gradients, computed on the way, are discarded).
#pragma once

#include "gan/gan_loss.hpp"
#include "nn/module.hpp"
#include "optim/optimizer.hpp"

#include <cstddef>
#include <functional>

namespace dlc {

/// \brief Settings of the two-player loop.
struct GanOptions {
    /// \brief \f$ k \f$: discriminator steps per generator step (\f$ k \ge 1 \f$; the notes use 1).
    std::size_t k = 1;
    /// \brief The generator's loss.
    GeneratorLoss generator_loss = GeneratorLoss::non_saturating;
    /// \brief Conditional GANs only: the weight \f$ w \in [0, 1) \f$ of the *mismatched pairs* (Reed et al. 2016,
    /// "GAN-CLS"). The discriminator also sees the real batch with wrong labels \f$ \tilde y \f$ (each row's class
    /// shifted to another class) as fake, so it must check that image and label agree — and the generator, to
    /// pass it, must draw the digit it is asked for:
    /// \f[ L_D = -\overline{\log\sigma(a(x, y))} - (1 - w)\,\overline{\log(1 - \sigma(a(G(z), y')))}
    ///        - w\,\overline{\log(1 - \sigma(a(x, \tilde y)))} . \f]
    /// 0 (the default) is the plain conditional GAN; Reed et al. use \f$ w = 1/2 \f$.
    double mismatched_labels = 0;
};

/// \brief Where the loop's batches come from (`GanTrainer::iteration`).
template <class T>
struct GanBatches {
    /// \brief Fills the next real batch \f$ x \f$ (rows or images) and, for a conditional GAN, its one-hot
    /// labels \f$ y \f$ (m, classes).
    std::function<void(Tensor<T>& x, Tensor<T>& y)> real;
    /// \brief Fills the next latent batch \f$ z \f$ (m, latent) and, for a conditional GAN, the one-hot
    /// labels the generator is asked for.
    std::function<void(Tensor<T>& z, Tensor<T>& y)> latent;
    /// \brief Whether the players also receive the labels (a conditional GAN, conditional.hpp).
    bool conditional = false;
};

/// \brief What one discriminator step saw.
struct DiscriminatorStats {
    /// \brief \f$ L_D \f$ before the update (gan_loss.hpp).
    double loss = 0;
    /// \brief The mean of \f$ D(x) \f$ on the real batch.
    double d_real = 0;
    /// \brief The mean of \f$ D(G(z)) \f$ on the generated batch.
    double d_fake = 0;
};

/// \brief What one generator step saw.
struct GeneratorStats {
    /// \brief \f$ L_G \f$ before the update.
    double loss = 0;
    /// \brief The mean of \f$ D(G(z)) \f$.
    double d_fake = 0;
    /// \brief \f$ \|\nabla_x L_G\| \f$, the norm of the discriminator's input gradient that reached the
    /// generator (how much signal the generator gets; small when the loss saturates).
    double input_grad_norm = 0;
};

/// \brief One iteration: the \f$ k \f$ discriminator steps (their mean) and the generator step.
struct GanIterationStats {
    /// \brief The mean over the \f$ k \f$ discriminator steps.
    DiscriminatorStats d;
    /// \brief The generator step.
    GeneratorStats g;
};

/// \brief The two-player loop of the notes on a generator \f$ G \f$ and a discriminator \f$ D \f$ that
/// outputs one logit per example (\f$ D(x) = \sigma(a) \f$).
///
/// A discriminator step: \f$ x' = G(z) \f$ (no gradient into \f$ G \f$), \f$ a = D(x) \f$ and
/// \f$ a' = D(x') \f$ in two passes (batch norm sees each batch alone, as in DCGAN), backward of
/// \f$ L_D \f$ through both, one `opt_D` step. A generator step: `generator_gradient`, one `opt_G` step.
/// A conditional GAN appends the one-hot labels to both players' inputs (conditional.hpp); then the
/// generated samples must be rows (N, d).
///
/// The trainer turns off \f$ \nabla_z \f$ in \f$ G \f$ (`set_input_grad_needed(false)`) and switches
/// \f$ D \f$'s input gradient on only for the generator's steps. Buffers are reused from step to step.
template <class T>
class GanTrainer {
public:
    /// \brief A loop over `G` and `D` with their optimizers (which must hold exactly the players'
    /// parameters, in order).
    /// \throws ValueError if \f$ k = 0 \f$, \f$ w \notin [0, 1) \f$ or an optimizer does not hold its player's
    /// parameters.
    GanTrainer(Module<T>& G, Module<T>& D, Optimizer<T>& opt_G, Optimizer<T>& opt_D, GanOptions options = {});

    /// \brief \f$ \nabla_{\theta_d} L_D \f$ into D's parameter gradients (added), without a step.
    /// \param x_real  the real batch (m, ...)
    /// \param z       the latent batch (m', latent)
    /// \param y_real  one-hot labels of `x_real` (conditional GAN), or null
    /// \param y_fake  one-hot labels requested from G (conditional GAN), or null
    /// With `GanOptions::mismatched_labels` \f$ w > 0 \f$ a third pass scores the real batch with wrong labels.
    /// \throws ShapeError if G's output and the real batch differ in shape per example, the labels do not
    ///         match the batches, or a player rejects its input (e.g. a latent of the wrong size);
    ///         ValueError if \f$ w > 0 \f$ without labels or with a single class;
    ///         DivergenceError if \f$ L_D \f$ is not finite.
    DiscriminatorStats discriminator_gradient(const Tensor<T>& x_real, const Tensor<T>& z,
                                              const Tensor<T>* y_real = nullptr, const Tensor<T>* y_fake = nullptr);
    /// \brief Zero D's gradients, `discriminator_gradient`, one step of `opt_D`.
    DiscriminatorStats discriminator_step(const Tensor<T>& x_real, const Tensor<T>& z,
                                          const Tensor<T>* y_real = nullptr, const Tensor<T>* y_fake = nullptr);

    /// \brief \f$ \nabla_{\theta_g} L_G \f$ into G's parameter gradients (added), without a step: forward
    /// \f$ x = G(z) \f$, \f$ a = D(x) \f$; \f$ \partial L_G / \partial a \f$; D's `backward` gives the input gradient
    /// \f$ \nabla_x L_G \f$; G's `backward(\nabla_x L_G)`. D's parameter gradients are zeroed afterwards.
    /// \throws ShapeError as `discriminator_gradient`; DivergenceError if \f$ L_G \f$ is not finite.
    GeneratorStats generator_gradient(const Tensor<T>& z, const Tensor<T>* y = nullptr);
    /// \brief Zero G's gradients, `generator_gradient`, one step of `opt_G`.
    GeneratorStats generator_step(const Tensor<T>& z, const Tensor<T>* y = nullptr);

    /// \brief One iteration of the notes' loop: \f$ k \f$ times (a real batch, a latent batch, a discriminator
    /// step), then a new latent batch and a generator step.
    /// \throws ValueError if a batch callback is missing; as the steps otherwise.
    GanIterationStats iteration(GanBatches<T>& batches);

    /// \brief The settings.
    const GanOptions& options() const { return options_; }
    /// \brief The discriminator's input gradient \f$ \nabla_x L_G \f$ of the last generator step (the
    /// signal the generator received), shaped like G's output.
    const Tensor<T>& generator_input_gradient() const { return grad_x_; }

private:
    const Tensor<T>& generator_output(const Tensor<T>& z, const Tensor<T>* y);
    const Tensor<T>& discriminator_output(const Tensor<T>& x, const Tensor<T>* y, Tensor<T>& input);
    void check_labels(const char* where, const Tensor<T>& x, const Tensor<T>* y) const;

    Module<T>& G_;
    Module<T>& D_;
    Optimizer<T>& opt_G_;
    Optimizer<T>& opt_D_;
    GanOptions options_;
    Tensor<T> g_in_, d_in_, grad_real_, grad_fake_, grad_a_, grad_x_, y_wrong_, grad_wrong_;
    Tensor<T> batch_x_, batch_y_, batch_z_, batch_yz_;
};

/// \brief \f$ G(z) \f$ (and, with labels, \f$ G([z, y]) \f$) for many latent rows, in batches of `batch`, in
/// the generator's current mode; the result has one generated sample per row of `z`.
/// \throws ShapeError if `y` does not have the rows of `z`; ValueError if `batch` is 0.
template <class T>
Tensor<T> generate(Module<T>& G, const Tensor<T>& z, const Tensor<T>* y = nullptr, std::size_t batch = 500);

}  // namespace dlc
