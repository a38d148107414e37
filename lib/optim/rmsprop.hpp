/// \file
/// \brief RMSprop in the slides' form: \f$ s_j \leftarrow (1 - \gamma) s_j + \gamma\, g_j^2 \f$,
/// \f$ \theta_j \leftarrow \theta_j - \frac{\alpha}{\sqrt{s_j + \epsilon}}\, g_j \f$.
///
/// Lectures: NYU slides "RMSprop and Adam" ("a variant of SGD which rescales each coordinate of
/// the gradient to have norm 1 on average ... keeping an exponential moving average \f$ s_j \f$ of
/// the squared gradients").
#pragma once

#include "optim/optimizer.hpp"

#include <string>
#include <vector>

namespace dlc {

/// \brief RMSprop: per coordinate \f$ j \f$, with \f$ g_j = \partial L / \partial \theta_j \f$,
/// \f[ s_j \leftarrow (1 - \gamma)\, s_j + \gamma\, g_j^2, \qquad
///     \theta_j \leftarrow \theta_j - \frac{\alpha}{\sqrt{s_j + \epsilon}}\, g_j , \f]
/// \f$ s \f$ starting at 0. \f$ \gamma \f$ is the weight of the newest squared gradient (the
/// slides' form; PyTorch's `alpha` smoothing constant is \f$ 1 - \gamma \f$, and PyTorch adds
/// \f$ \epsilon \f$ outside the square root).
///
/// **The plain reference**: `RMSpropPlain` (rmsprop_plain.hpp) writes these two lines as whole-tensor expressions,
/// without the chunks and the SSE2 square roots that make this one fast; the tests check that both give the same
/// iterates.
template <class T>
class RMSprop : public Optimizer<T> {
public:
    /// \brief RMSprop with step size \f$ \alpha \f$ = `learning_rate`, averaging weight
    /// \f$ \gamma \f$ = `gamma` and \f$ \epsilon \f$ = `eps`.
    /// \throws ValueError if \f$ \gamma \notin (0, 1] \f$ or \f$ \epsilon < 0 \f$.
    RMSprop(std::vector<Parameter<T>> params, double learning_rate = 1e-3, double gamma = 0.1, double eps = 1e-8);
    /// \brief \f$ s \leftarrow (1-\gamma)s + \gamma g^2 \f$, \f$ \theta \leftarrow \theta - \alpha g / \sqrt{s + \epsilon} \f$.
    void step() override;
    /// \brief `"RMSprop(lr=..., gamma=...)"`.
    std::string name() const override;
    /// \brief The averages \f$ s \f$, one per parameter.
    const std::vector<Tensor<T>>& mean_squares() const { return s_; }

private:
    double gamma_, eps_;
    std::vector<Tensor<T>> s_;
};

}  // namespace dlc
