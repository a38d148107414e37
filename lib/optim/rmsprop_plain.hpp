/// \file
/// \brief RMSprop written as the slide writes it, one whole-tensor expression per line: the readable reference
/// that the fast `RMSprop` (rmsprop.hpp: chunks of 512 coordinates, square roots through SSE2) is tested against.
///
/// Lecture: NYU slides "RMSprop and Adam": for each coordinate j,
/// \f$ s_j \leftarrow (1 - \gamma) s_j + \gamma [\partial L / \partial \theta_j]^2 \f$,
/// \f$ \theta_j \leftarrow \theta_j - \frac{\alpha}{\sqrt{s_j + \epsilon}} \frac{\partial L}{\partial \theta_j} \f$.
#pragma once

#include "optim/optimizer.hpp"

#include <string>
#include <vector>

namespace dlc {

/// \brief RMSprop, plain: for each parameter \f$ \theta \f$ with gradient \f$ g \f$ (whole tensors, operations entry
/// by entry), \f$ s \leftarrow (1 - \gamma) s + \gamma g^2 \f$ and \f$ \theta \leftarrow \theta - \alpha g / \sqrt{s + \epsilon} \f$,
/// \f$ s \f$ starting at 0. Same iterates as `RMSprop` to rounding (tested); use `RMSprop` to train, this one to read.
template <class T>
class RMSpropPlain : public Optimizer<T> {
public:
    /// \brief RMSprop with step size \f$ \alpha \f$ = `learning_rate`, averaging weight \f$ \gamma \f$ = `gamma`.
    /// \throws ValueError if \f$ \gamma \notin (0, 1] \f$ or \f$ \epsilon < 0 \f$.
    RMSpropPlain(std::vector<Parameter<T>> params, double learning_rate = 1e-3, double gamma = 0.1, double eps = 1e-8);
    /// \brief One step: the two lines of the class comment.
    void step() override;
    /// \brief `"RMSprop, plain (lr=..., gamma=...)"`.
    std::string name() const override;

private:
    double gamma_, eps_;
    std::vector<Tensor<T>> s_;
};

}  // namespace dlc
