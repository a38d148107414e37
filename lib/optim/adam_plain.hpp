/// \file
/// \brief Adam written as the slide writes it, one whole-tensor expression per line: the readable reference that
/// the fast `Adam` (adam.hpp: chunks of 512 coordinates, square roots through SSE2) is tested against.
///
/// Lecture: NYU slides "Adam optimizer" ("Adam = RMSprop + momentum"; \f$ m_t \f$, \f$ v_t \f$ the moving averages of
/// the gradient and of its square, \f$ \hat m_t, \hat v_t \f$ the bias corrections,
/// \f$ \theta_t \leftarrow \theta_{t-1} - \alpha \hat m_t / (\sqrt{\hat v_t} + \epsilon) \f$).
#pragma once

#include "optim/optimizer.hpp"

#include <string>
#include <vector>

namespace dlc {

/// \brief Adam, plain: at step \f$ t \f$, for each parameter \f$ \theta \f$ with gradient \f$ g \f$ (whole tensors,
/// operations entry by entry),
/// \f[ m \leftarrow \beta_1 m + (1 - \beta_1) g, \quad v \leftarrow \beta_2 v + (1 - \beta_2) g^2, \quad
///     \hat m = \frac{m}{1 - \beta_1^t}, \quad \hat v = \frac{v}{1 - \beta_2^t}, \quad
///     \theta \leftarrow \theta - \alpha \frac{\hat m}{\sqrt{\hat v} + \epsilon} . \f]
/// Same iterates as `Adam` to rounding (tested); use `Adam` to train, this one to read.
template <class T>
class AdamPlain : public Optimizer<T> {
public:
    /// \brief Adam with step size \f$ \alpha \f$ = `learning_rate`.
    /// \throws ValueError if \f$ \beta_1, \beta_2 \notin [0, 1) \f$ or \f$ \epsilon < 0 \f$.
    AdamPlain(std::vector<Parameter<T>> params, double learning_rate = 1e-3, double beta1 = 0.9,
              double beta2 = 0.999, double eps = 1e-8);
    /// \brief One step: the five lines of the class comment.
    void step() override;
    /// \brief `"Adam, plain (lr=...)"`.
    std::string name() const override;

private:
    double beta1_, beta2_, eps_;
    std::vector<Tensor<T>> m_, v_;
};

}  // namespace dlc
