/// \file
/// \brief The two players' losses, written on the discriminator's logit \f$ a \f$ (\f$ D = \sigma(a) \f$):
/// the discriminator's binary cross-entropy, and the generator's saturating \f$ \log(1 - D(G(z))) \f$ or
/// non-saturating \f$ -\log D(G(z)) \f$ loss, each with its gradient with respect to \f$ a \f$.
///
/// Lectures: ECE/CS 559 L22&23 (the discriminator minimises the cross-entropy of real vs generated,
/// the generator maximises it), the handwritten GAN notes ("③ Update the discriminator by ascending
/// \f$ \nabla_{\theta_d} \frac1m \sum \log D(x_i) + \log(1 - D(G(z_i))) \f$; ⑤ update the generator by
/// descending \f$ \nabla_{\theta_g} \frac1m \sum \log(1 - D(G(z_i))) \f$"), Bahng §11 (the vanishing
/// gradient \f$ \nabla_a \log(1 - \sigma(a)) = -\sigma(a) \f$ when \f$ D \f$ rejects the samples
/// confidently, and the modified cost).
///
/// Working on logits keeps every value finite: \f$ -\log \sigma(a) = \mathrm{softplus}(-a) \f$ and
/// \f$ -\log(1 - \sigma(a)) = \mathrm{softplus}(a) \f$ with
/// \f$ \mathrm{softplus}(v) = \max(v, 0) + \log(1 + e^{-|v|}) \f$.
#pragma once

#include "nn/module.hpp"

#include <string>

namespace dlc {

/// \brief Which loss the generator minimises.
enum class GeneratorLoss {
    /// \f$ \frac1m \sum_i \log(1 - D(G(z_i))) \f$, the minimax game's own term (the notes' step ⑤):
    /// \f$ \partial / \partial a = -\sigma(a) = -D \f$, which vanishes when \f$ D(G(z)) \to 0 \f$.
    saturating,
    /// \f$ \frac1m \sum_i -\log D(G(z_i)) \f$ (Goodfellow et al.'s "maximise \f$ \log D(G(z)) \f$"):
    /// \f$ \partial / \partial a = \sigma(a) - 1 = -(1 - D) \f$, close to \f$ -1 \f$ exactly when \f$ D \f$
    /// rejects the samples. Same fixed point, different gradients.
    non_saturating,
};

/// \brief `"saturating"` or `"non-saturating"`.
std::string to_string(GeneratorLoss loss);

/// \brief \f$ \mathrm{softplus}(v) = \log(1 + e^v) \f$, computed without overflow.
double softplus(double v);

/// \brief \f$ \sigma(a) = 1 / (1 + e^{-a}) \f$, computed without overflow.
double logistic(double a);

/// \brief The generator's loss for one sample with discriminator logit \f$ a \f$:
/// \f$ \log(1 - \sigma(a)) = -\mathrm{softplus}(a) \f$ (saturating) or \f$ -\log\sigma(a) = \mathrm{softplus}(-a) \f$.
double generator_loss_value(GeneratorLoss loss, double a);

/// \brief Its derivative \f$ \partial l / \partial a \f$: \f$ -\sigma(a) \f$ (saturating) or \f$ \sigma(a) - 1 \f$.
double generator_loss_derivative(GeneratorLoss loss, double a);

/// \brief The discriminator's loss on real samples, \f$ \frac1m \sum_i -\log \sigma(a_i) \f$ (the binary
/// cross-entropy with target 1), and \f$ \partial / \partial a_i = (\sigma(a_i) - 1)/m \f$ into `grad`
/// (resized to (m, 1)).
/// \throws ShapeError unless `a` is a non-empty (batch, 1).
template <class T>
double discriminator_loss_real(const Tensor<T>& a, Tensor<T>& grad);

/// \brief The discriminator's loss on generated samples, \f$ \frac1m \sum_j -\log(1 - \sigma(a_j)) \f$ (target 0),
/// and \f$ \partial / \partial a_j = \sigma(a_j)/m \f$ into `grad` (resized to (m, 1)).
/// \throws ShapeError unless `a` is a non-empty (batch, 1).
template <class T>
double discriminator_loss_fake(const Tensor<T>& a, Tensor<T>& grad);

/// \brief The discriminator's loss on a batch of real and a batch of generated samples, from its logits:
/// \f[ L_D = \frac1{m} \sum_{i=1}^{m} -\log \sigma(a_i^{\text{real}})
///         + \frac1{m'} \sum_{j=1}^{m'} -\log\bigl(1 - \sigma(a_j^{\text{fake}})\bigr) , \f]
/// the mock final's "idealized GAN loss" \f$ \mathbb{E}[-\log D(X) - \log(1 - D(G(Z)))] \f$ on the two
/// batches (twice the L22&23 notes' \f$ R(w) \f$), minimised by the discriminator. Fills
/// \f$ \partial L_D / \partial a^{\text{real}}_i = (\sigma(a_i) - 1)/m \f$ and
/// \f$ \partial L_D / \partial a^{\text{fake}}_j = \sigma(a_j)/m' \f$: `discriminator_loss_real` plus
/// `discriminator_loss_fake`.
/// \param a_real     logits on the real batch, (m, 1)
/// \param a_fake     logits on the generated batch, (m', 1)
/// \param grad_real  filled with \f$ \nabla_{a^{\text{real}}} L_D \f$ (resized to (m, 1))
/// \param grad_fake  filled with \f$ \nabla_{a^{\text{fake}}} L_D \f$ (resized to (m', 1))
/// \throws ShapeError unless both logits are non-empty (batch, 1).
template <class T>
double discriminator_loss(const Tensor<T>& a_real, const Tensor<T>& a_fake, Tensor<T>& grad_real, Tensor<T>& grad_fake);

/// \brief The generator's loss on a generated batch, \f$ L_G = \frac1m \sum_i l(a_i) \f$ with \f$ l \f$ =
/// `generator_loss_value`, and \f$ \partial L_G / \partial a_i = l'(a_i)/m \f$ into `grad` (resized to (m, 1)).
/// \throws ShapeError unless `a_fake` is a non-empty (batch, 1).
template <class T>
double generator_loss(GeneratorLoss loss, const Tensor<T>& a_fake, Tensor<T>& grad);

}  // namespace dlc
