/// \file
/// \brief Early stopping: watch the validation loss after every epoch, stop when it has not improved for
/// `patience` epochs, and go back to the weights of the best epoch.
///
/// Lectures: Bahng §2.1 "Early Stopping" (a heading of the regularization chapter); ECE/CS 559 L13
/// ("Cross-Validation": hold out validation data from the training data; "What is validation good for? Choose
/// what epoch to stop at"; "Stopping early could help alleviate overfitting. Why? The NN will not fit the noise.
/// How? By staying closer to its initialization").
///
/// The rule, with validation losses \f$ L_1, L_2, \dots \f$ (one per epoch) and patience \f$ P \ge 1 \f$: epoch
/// \f$ t \f$ improves if \f$ L_t < L_{b} - \Delta \f$, where \f$ b \f$ is the best epoch so far (the first epoch
/// always improves; \f$ \Delta \ge 0 \f$ is the smallest improvement that counts, 0 by default). Training stops
/// after the first epoch \f$ t \f$ with \f$ t - b = P \f$: \f$ P \f$ epochs in a row without an improvement.
/// The weights kept are those of epoch \f$ b \f$. With \f$ \Delta = 0 \f$, \f$ b \f$ is the first epoch of
/// smallest loss among epochs \f$ 1..t \f$, the argmin of the validation curve up to the stop.
#pragma once

#include "nn/module.hpp"

#include <cstddef>
#include <vector>

namespace dlc {

/// \brief The early-stopping rule of the file comment: feed it each epoch's validation loss (`observe`), stop
/// when `stop()` says so, and restore the weights of `best_epoch()`.
class EarlyStopping {
public:
    /// \brief The rule with patience \f$ P \f$ = `patience` epochs and the smallest improvement \f$ \Delta \f$ =
    /// `min_delta`.
    /// \throws ValueError if `patience` is 0 or `min_delta` is negative or not finite.
    explicit EarlyStopping(std::size_t patience, double min_delta = 0.0);
    /// \brief Records the validation loss \f$ L_t \f$ of the next epoch \f$ t \f$; returns true if it improves
    /// (\f$ L_t < L_b - \Delta \f$, or \f$ t = 1 \f$): then this epoch becomes the best, and its weights are the
    /// ones to keep.
    /// \throws ValueError if the loss is NaN or infinite, or if the rule has already said stop.
    bool observe(double validation_loss);
    /// \brief Whether to stop now: \f$ t - b \ge P \f$ (the last \f$ P \f$ epochs did not improve).
    bool stop() const { return epochs_ > 0 && epochs_ - best_epoch_ >= patience_; }
    /// \brief The best epoch \f$ b \f$ so far (1-based; 0 before the first `observe`).
    std::size_t best_epoch() const { return best_epoch_; }
    /// \brief Its validation loss \f$ L_b \f$ (NaN before the first `observe`).
    double best_loss() const { return best_loss_; }
    /// \brief The number of epochs observed, \f$ t \f$.
    std::size_t epochs() const { return epochs_; }
    /// \brief Epochs since the best one, \f$ t - b \f$.
    std::size_t epochs_since_best() const { return epochs_ - best_epoch_; }
    /// \brief The patience \f$ P \f$.
    std::size_t patience() const { return patience_; }
    /// \brief The smallest improvement \f$ \Delta \f$ that counts.
    double min_delta() const { return min_delta_; }

private:
    std::size_t patience_;
    double min_delta_;
    std::size_t epochs_ = 0, best_epoch_ = 0;
    double best_loss_;
};

/// \brief Copies the values of `module`'s parameters, then of its buffers (e.g. batch norm's running averages),
/// into `state`, one tensor each, reusing `state`'s memory when the shapes agree: the weights of the best epoch,
/// kept for `restore_state`.
template <class T>
void snapshot_state(Module<T>& module, std::vector<Tensor<T>>& state);

/// \brief Copies `state` (from `snapshot_state` on the same module) back into `module`'s parameters and buffers.
/// \throws ShapeError if `state` does not hold one tensor of the right shape per parameter and buffer.
template <class T>
void restore_state(Module<T>& module, const std::vector<Tensor<T>>& state);

}  // namespace dlc
