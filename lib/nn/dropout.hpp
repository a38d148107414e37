/// \file
/// \brief Inverted dropout: during training each unit is kept with probability \f$ p \f$ and
/// scaled by \f$ 1/p \f$; at test time the layer is the identity.
///
/// Lectures: Bahng §2.3 "Dropout"; ECE/CS 559 L13 ("Dropout: randomly prune ... during
/// training (with prob. p); include all weights (scaled by p) at test time"); NYU slides
/// "Dropout" ("test time: multiplying activations with probability").
#pragma once

#include "core/rng.hpp"
#include "nn/module.hpp"

#include <string>

namespace dlc {

/// \brief Inverted dropout with drop probability \f$ q \f$ (keep probability \f$ p = 1 - q \f$).
///
/// **Training** (`Mode::train`): for every element draw \f$ r_j \sim \text{Bernoulli}(p) \f$ (1 =
/// kept) and output \f$ \tilde a_j = \frac{r_j}{p}\, a_j \f$; backward is
/// \f$ \nabla_a l = \frac{r}{p} \odot \nabla_{\tilde a} l \f$ (the same mask).
/// **Evaluation** (`Mode::eval`): \f$ \tilde a = a \f$.
///
/// **The notes' test-time scaling.** Bahng §2.3 and the slides write dropout as
/// \f$ \tilde a = r \odot a \f$ during training (no scaling). Then
/// \f$ E[W \tilde a] = p\, W a \f$: a unit's input is on average \f$ p \f$ times what it would be
/// with every unit present, so at test time, when nothing is dropped, the weights must be
/// multiplied by \f$ p \f$ (\f$ W_{\text{test}} = p\, W_{\text{train}} \f$) to give the next layer the
/// input it was trained on. *Inverted* dropout, used here and by PyTorch, divides by \f$ p \f$
/// during training instead, so \f$ E[\tilde a] = a \f$ already and the test-time network is the
/// trained one, unchanged. The two give the same test-time function.
///
/// The parameter here is the drop probability \f$ q \f$, as in PyTorch's `nn.Dropout(p=0.5)`; the
/// notes' \f$ p \f$ (Bernoulli parameter) is the keep probability \f$ 1 - q \f$.
/// Randomness: the layer owns a generator split from the one given at construction; each
/// element's draw uses 32 random bits (\f$ r_j = [u_j < p \cdot 2^{32}] \f$).
template <class T>
class Dropout : public Module<T> {
public:
    /// \brief Dropout that drops each unit with probability `drop_probability` \f$ q \in [0, 1) \f$.
    /// \throws ValueError if \f$ q \notin [0, 1) \f$.
    Dropout(double drop_probability, Rng& rng);
    /// \brief Training: \f$ \tilde a = (r/p) \odot a \f$ with a fresh mask \f$ r \f$; evaluation: \f$ \tilde a = a \f$.
    const Tensor<T>& forward(const Tensor<T>& a) override;
    /// \brief Training: \f$ (r/p) \odot \nabla_{\tilde a} l \f$; evaluation: \f$ \nabla_{\tilde a} l \f$.
    const Tensor<T>& backward(const Tensor<T>& grad) override;
    /// \brief `"Dropout(0.5)"`.
    std::string name() const override;

    /// \brief \f$ q \f$, the probability of dropping a unit.
    double drop_probability() const { return q_; }
    /// \brief \f$ p = 1 - q \f$, the notes' Bernoulli parameter.
    double keep_probability() const { return 1.0 - q_; }
    /// \brief The scaled mask \f$ r/p \f$ of the last training forward (entries 0 or \f$ 1/p \f$).
    const Tensor<T>& mask() const { return mask_; }
    /// \brief While true, training forwards reuse the current mask instead of drawing a new one
    /// (one thinned network for several inputs, and gradient checks). The input shape must then
    /// stay the same.
    void hold_mask(bool hold) { hold_mask_ = hold; }

private:
    double q_;
    Rng rng_;
    bool hold_mask_ = false;
    Tensor<T> mask_;
};

}  // namespace dlc
