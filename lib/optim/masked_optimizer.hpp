/// \file
/// \brief Fine-tuning a pruned network: any optimizer's step restricted to the weights a pruning mask keeps, so
/// that the pruned weights stay exactly zero.
///
/// Lectures: Bahng §2.5 "Network Pruning" (the pruned network \f$ f(\mathbf x, \mathbf m \odot \boldsymbol\theta) \f$,
/// "these pruned networks have been shown to reach accuracies as high as the original network"): after pruning,
/// a short training of the subnetwork recovers what the deleted weights carried.
#pragma once

#include "nn/prune.hpp"
#include "optim/optimizer.hpp"

#include <string>

namespace dlc {

/// \brief The masked gradient step: with the mask \f$ m \f$ of `magnitude_mask`,
/// \f[ \nabla_\theta l \leftarrow m \odot \nabla_\theta l, \qquad \theta \leftarrow \text{step of the inner
///     optimizer}, \qquad \theta \leftarrow m \odot \theta . \f]
/// Masking the gradient makes the step the one of the pruned network (a pruned weight is a constant 0, not a
/// parameter); masking \f$ \theta \f$ afterwards keeps the pruned weights at 0 even if the inner rule moves
/// them without a gradient (momentum or Adam moments left from an earlier training). `train` can use it as any
/// optimizer; a learning-rate schedule's `set_learning_rate` is passed on to the inner optimizer at each step.
///
/// It holds references to `inner` and `mask`: keep both alive (and the model) while it is used.
template <class T>
class MaskedOptimizer : public Optimizer<T> {
public:
    /// \brief `inner` restricted to `mask` (the learning rate starts as `inner`'s).
    /// \throws ValueError if a tensor of the mask is not among `inner`'s parameters.
    MaskedOptimizer(Optimizer<T>& inner, const PruneMask<T>& mask);
    /// \brief One masked step (the class comment's three lines).
    void step() override;
    /// \brief `"Masked(Adam(lr=...), 90% pruned)"`.
    std::string name() const override;

private:
    Optimizer<T>& inner_;
    const PruneMask<T>& mask_;
};

}  // namespace dlc
