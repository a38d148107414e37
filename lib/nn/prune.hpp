/// \file
/// \brief Magnitude pruning: a mask \f$ m \in \{0, 1\}^M \f$ that deletes the weights of smallest magnitude, so
/// that the pruned network computes \f$ f(x, m \odot \theta) \f$; applying the mask, and masking gradients so
/// that fine-tuning keeps the pruned weights at zero (`MaskedOptimizer`, masked_optimizer.hpp).
///
/// Lectures: Bahng §2.5 "Network Pruning" ("a pruned neural network can be thought of as a subnetwork
/// \f$ f(\mathbf x, \mathbf m \odot \boldsymbol\theta) \f$, where \f$ \mathbf m \f$ is a mask, i.e. a vector in
/// \f$ \{0, 1\}^M \f$ ... The most basic pruning scheme is to keep the top \f$ k\% \f$ largest weights, since
/// smaller weights do not contribute much to the forward prop").
///
/// **The rule.** Of \f$ n \f$ weights \f$ w_1, \dots, w_n \f$, a sparsity \f$ s \in [0, 1] \f$ prunes
/// \f$ k = \lfloor s n + \tfrac12 \rfloor \f$ (`pruned_count`: \f$ s n \f$ itself when it is a whole number,
/// else the nearest one): the \f$ k \f$ first in the order of increasing \f$ |w_i| \f$, ties broken by position
/// (the lower index first; for several tensors, the earlier tensor first). The order is total, so the mask is
/// unique: no dependence on the sorting algorithm. `PruneScope::global` ranks all the pruned tensors' weights
/// together (each layer loses what the ranking says); `PruneScope::per_tensor` applies \f$ s \f$ to each tensor
/// on its own (every layer keeps the same fraction).
#pragma once

#include "nn/module.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace dlc {

/// \brief Whether the magnitudes are ranked over all the pruned tensors at once or within each tensor.
enum class PruneScope {
    global,      ///< one ranking of all the weights: \f$ \lfloor s n + \frac12 \rfloor \f$ of the \f$ n \f$ in all
    per_tensor,  ///< one ranking per tensor (per layer): \f$ \lfloor s n_\ell + \frac12 \rfloor \f$ of each tensor's \f$ n_\ell \f$
};

/// \brief `"global"` or `"per layer"`.
std::string scope_name(PruneScope scope);

/// \brief The number of weights a sparsity \f$ s \f$ prunes of \f$ n \f$: \f$ k = \lfloor s n + \frac12 \rfloor \f$
/// (0 for \f$ s = 0 \f$, \f$ n \f$ for \f$ s = 1 \f$).
/// \throws ValueError if \f$ s \f$ is not finite or outside [0, 1].
std::size_t pruned_count(std::size_t n, double sparsity);

/// \brief A pruning mask: for each pruned parameter tensor \f$ \theta_\ell \f$, a tensor \f$ m_\ell \f$ of its
/// shape holding 1 (kept) or 0 (pruned).
///
/// It points into the module whose parameters it was made from (as an optimizer does): keep the module alive.
template <class T>
struct PruneMask {
    /// \brief The pruned tensors (by default the weights, `Parameter::is_bias` false).
    std::vector<Parameter<T>> params;
    /// \brief \f$ m_\ell \f$ for each of `params`: 1 kept, 0 pruned.
    std::vector<Tensor<T>> keep;
    /// \brief How many entries of each tensor are pruned (zeros of its \f$ m_\ell \f$).
    std::vector<std::size_t> pruned_per_tensor;
    /// \brief How many entries are pruned in all, \f$ \sum_\ell \f$ `pruned_per_tensor`.
    std::size_t pruned = 0;
    /// \brief How many entries the pruned tensors have in all, \f$ n \f$.
    std::size_t total = 0;
    /// \brief The sparsity reached, pruned / total (0 for an empty mask).
    double sparsity() const { return total == 0 ? 0.0 : double(pruned) / double(total); }
};

/// \brief The magnitude-pruning mask of `params` at sparsity \f$ s \f$ = `sparsity` (the file comment's rule),
/// over their weights, or over every tensor if `include_biases`. The parameters are not changed (`apply_mask`
/// does that).
/// \throws ValueError if \f$ s \f$ is not finite or outside [0, 1], or a weight is NaN or infinite (naming it).
template <class T>
PruneMask<T> magnitude_mask(const std::vector<Parameter<T>>& params, double sparsity,
                            PruneScope scope = PruneScope::global, bool include_biases = false);

/// \brief \f$ \theta_\ell \leftarrow m_\ell \odot \theta_\ell \f$ for every tensor of the mask: the pruned
/// network \f$ f(x, m \odot \theta) \f$.
/// \throws ShapeError if a parameter's shape no longer matches its mask.
template <class T>
void apply_mask(const PruneMask<T>& mask);

/// \brief \f$ \nabla_{\theta_\ell} l \leftarrow m_\ell \odot \nabla_{\theta_\ell} l \f$: the gradient of the pruned
/// network with respect to the weights that remain (a pruned weight is a constant 0, not a parameter).
/// \throws ShapeError if a gradient's shape does not match its mask.
template <class T>
void mask_gradients(const PruneMask<T>& mask);

/// \brief The number of entries equal to 0 in the mask's parameter tensors (at least `mask.pruned` after
/// `apply_mask`; a kept weight may be 0 too).
template <class T>
std::size_t count_zeros(const PruneMask<T>& mask);

}  // namespace dlc
