/// \file
/// \brief The binary cross-entropy \f$ -\sum [\,y \log f + (1 - y)\log(1 - f)\,] \f$ of
/// probabilities \f$ f \in (0, 1) \f$, or of logits \f$ v \f$ with \f$ f = \sigma(v) \f$ (then
/// \f$ \nabla_v l = \sigma(v) - y \f$).
///
/// Lectures: Bahng §1.4 (logistic regression: the sigmoid output with the binary cross-entropy
/// gives the "cute" gradient \f$ \sigma(v) - y \f$), §10–11 (Bernoulli decoders of VAEs, GAN
/// discriminators).
#pragma once

#include "nn/loss.hpp"

#include <string>

namespace dlc {

/// \brief What a `BinaryCrossEntropy` receives as its input \f$ f \f$.
enum class BceInput {
    /// Probabilities \f$ f \in [0, 1] \f$ (e.g. the output of a `Sigmoid` module).
    probabilities,
    /// Logits \f$ v \f$; the loss applies \f$ f = \sigma(v) = 1/(1+e^{-v}) \f$ itself, stably.
    logits,
};

/// \brief Binary cross-entropy, per element
/// \f$ l = -\bigl[\, y \log f + (1 - y) \log(1 - f) \,\bigr] \f$ with targets \f$ y \in [0, 1] \f$,
/// summed over each example's outputs and reduced over the batch by a `Reduction`.
///
/// - `BceInput::probabilities`: \f$ \nabla_f l = \frac{f - y}{f(1 - f)} \f$. To keep
///   \f$ \log 0 \f$ away, \f$ f \f$ is clamped to \f$ [\epsilon, 1 - \epsilon] \f$ with
///   \f$ \epsilon = 10^{-7} \f$ (float) or \f$ 10^{-12} \f$ (double).
/// - `BceInput::logits`: \f$ l = \max(v, 0) - v y + \log(1 + e^{-|v|}) \f$ (the same value,
///   computed without overflow) and the shortcut \f$ \nabla_v l = \sigma(v) - y \f$: the sigmoid's
///   \f$ g' = \sigma(1 - \sigma) \f$ cancels the denominator.
template <class T>
class BinaryCrossEntropy : public Loss<T> {
public:
    /// \brief A binary cross-entropy on `input` (probabilities or logits), reduced by `reduction`.
    explicit BinaryCrossEntropy(Reduction reduction = Reduction::mean, BceInput input = BceInput::probabilities)
        : reduction_(reduction), input_(input) {}
    /// \brief \f$ l = \sum_{n,k} -[\, y \log f + (1 - y)\log(1 - f) \,] \f$ (÷ N for mean).
    double forward(const Tensor<T>& f, const Tensor<T>& y) override;
    /// \brief Labels 0/1, one per row of `f` of shape (N, 1) or (N).
    /// \throws ShapeError if `f` has more than one output per row; ValueError for a label above 1.
    double forward(const Tensor<T>& f, const Labels& labels) override;
    /// \brief \f$ \frac{f - y}{f(1-f)} \f$ (probabilities) or \f$ \sigma(v) - y \f$ (logits), ÷ N for mean.
    const Tensor<T>& backward() override;
    /// \brief `"BinaryCrossEntropy(mean, probabilities)"` etc.
    std::string name() const override;
    /// \brief True for `Reduction::mean`.
    bool averages_over_batch() const override { return reduction_ == Reduction::mean; }

private:
    Reduction reduction_;
    BceInput input_;
};

}  // namespace dlc
