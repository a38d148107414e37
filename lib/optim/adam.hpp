/// \file
/// \brief Adam: moving averages of the gradient and of its square, with bias correction,
/// \f$ \theta \leftarrow \theta - \alpha\, \hat m / (\sqrt{\hat v} + \epsilon) \f$.
///
/// Lectures: NYU slides "Adam optimizer" ("Adam = RMSprop + momentum = Adaptive Momentum
/// estimation"; \f$ m_t \f$, \f$ v_t \f$ the exponential moving averages of the gradient and the
/// squared gradient; \f$ \hat m_t, \hat v_t \f$ bias corrections;
/// \f$ \theta_t \leftarrow \theta_{t-1} - \alpha \hat m_t / (\sqrt{\hat v_t} + \epsilon) \f$; "the
/// default optimizer for modern networks"); Bahng §1.4 ("It is common to use Adam").
#pragma once

#include "optim/optimizer.hpp"

#include <string>
#include <vector>

namespace dlc {

/// \brief Adam (Kingma & Ba, 2015): at step \f$ t = 1, 2, \dots \f$, per coordinate,
/// \f[ m \leftarrow \beta_1 m + (1 - \beta_1) g, \qquad v \leftarrow \beta_2 v + (1 - \beta_2) g^2, \f]
/// \f[ \hat m = \frac{m}{1 - \beta_1^t}, \qquad \hat v = \frac{v}{1 - \beta_2^t}, \qquad
///     \theta \leftarrow \theta - \alpha \frac{\hat m}{\sqrt{\hat v} + \epsilon} , \f]
/// with \f$ m = v = 0 \f$ initially. The bias correction undoes the pull towards the zero start:
/// at \f$ t = 1 \f$, \f$ \hat m = g \f$ and \f$ \hat v = g^2 \f$, so the first step is
/// \f$ \alpha\, g / (|g| + \epsilon) \approx \alpha\, \mathrm{sign}(g) \f$ for every coordinate.
/// Same update as PyTorch's `torch.optim.Adam` (no weight decay).
///
/// **The plain reference**: `AdamPlain` (adam_plain.hpp) writes these lines as whole-tensor expressions, without
/// the chunks and the SSE2 square roots that make this one fast; the tests check that both give the same iterates.
template <class T>
class Adam : public Optimizer<T> {
public:
    /// \brief Adam with step size \f$ \alpha \f$ = `learning_rate` and the usual defaults.
    /// \throws ValueError if \f$ \beta_1, \beta_2 \notin [0, 1) \f$ or \f$ \epsilon < 0 \f$.
    Adam(std::vector<Parameter<T>> params, double learning_rate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
         double eps = 1e-8);
    /// \brief One Adam step (the class comment's four lines).
    void step() override;
    /// \brief `"Adam(lr=...)"`.
    std::string name() const override;
    /// \brief The first-moment estimates \f$ m \f$, one per parameter.
    const std::vector<Tensor<T>>& first_moments() const { return m_; }
    /// \brief The second-moment estimates \f$ v \f$, one per parameter.
    const std::vector<Tensor<T>>& second_moments() const { return v_; }

private:
    double beta1_, beta2_, eps_;
    std::vector<Tensor<T>> m_, v_;
};

}  // namespace dlc
