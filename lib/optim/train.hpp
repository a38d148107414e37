/// \file
/// \brief The training loop: epochs of shuffled minibatches (forward, loss, backward, penalty,
/// clipping, update), per-epoch metrics, a progress bar, learning-rate schedules, and divergence
/// detection; plus `evaluate` and `predict` for held-out data.
///
/// Lectures: Bahng §1.4's summary of what an MLP does (choose a batch, forward propagation, back
/// propagation, gradient descent); ECE/CS 559 L7 (epochs: "use Data, update w"), L13 ("General form
/// of SGD", minibatches, reducing \f$ \eta \f$ on sustained worsening), HW5 Q2 (d)–(f) (per-sample SGD,
/// the MSE after each epoch, minibatches of 5, adaptive \f$ \eta \f$).
#pragma once

#include "core/rng.hpp"
#include "core/tensor.hpp"
#include "nn/loss.hpp"
#include "nn/module.hpp"
#include "nn/penalty.hpp"
#include "optim/optimizer.hpp"
#include "optim/schedule.hpp"

#include <cstddef>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace dlc {

/// \brief What one epoch of `train` measured.
struct EpochStats {
    /// \brief The epoch, 1-based.
    std::size_t epoch = 0;
    /// \brief The training loss averaged over the epoch's examples as they were seen (the
    /// weights change during the epoch), in the loss's own convention (per example for summed
    /// losses), plus the penalty \f$ \lambda g(w) \f$ if one is used.
    double loss = std::numeric_limits<double>::quiet_NaN();
    /// \brief With `TrainOptions::risk_after_epoch`: the loss over the whole training set with the
    /// weights at the end of the epoch, in evaluation mode (HW5's `risk[epoch]`); NaN otherwise.
    double risk = std::numeric_limits<double>::quiet_NaN();
    /// \brief The fraction of the epoch's examples whose output predicted their class when they
    /// were seen (label targets, or tensor targets with `TrainOptions::track_accuracy`); NaN otherwise.
    double accuracy = std::numeric_limits<double>::quiet_NaN();
    /// \brief The learning rate \f$ \eta \f$ used during the epoch.
    double learning_rate = 0.0;
    /// \brief Wall-clock seconds of the epoch (including `risk_after_epoch`, excluding `on_epoch`).
    double seconds = 0.0;
    /// \brief Extra metrics an `on_epoch` callback records (e.g. `"test_accuracy"`).
    std::map<std::string, double> metrics;
    /// \brief An `on_epoch` callback sets this to stop training after this epoch (early stopping).
    bool stop = false;
    /// \brief `risk` if it was computed, else `loss`: what schedules and divergence detection watch.
    double objective() const { return risk == risk ? risk : loss; }
};

/// \brief Settings of `train`.
template <class T>
struct TrainOptions {
    /// \brief Number of passes over the data.
    std::size_t epochs = 10;
    /// \brief Examples per minibatch: 1 is per-sample SGD, 0 the whole data set (gradient descent,
    /// one step per epoch). The last batch of an epoch holds the remainder.
    std::size_t batch_size = 64;
    /// \brief Visit the examples in a fresh random order each epoch (`Rng::permutation`);
    /// false keeps the data order (as HW5's loop does).
    bool shuffle = true;
    /// \brief Also compute `EpochStats::risk` (one extra forward pass over the data per epoch).
    bool risk_after_epoch = false;
    /// \brief Compute `EpochStats::accuracy` for tensor targets too (one-hot or 0/1 targets).
    bool track_accuracy = false;
    /// \brief Batch size of the `risk_after_epoch` pass; 0 (default) uses the training batch size,
    /// so that the modules' buffers keep their shape (a different batch shape reallocates them).
    std::size_t eval_batch_size = 0;
    /// \brief If not null, added to the loss and its gradient to the parameters' gradients.
    const Penalty<T>* penalty = nullptr;
    /// \brief If positive, gradients are clipped to this global norm before each step.
    double clip_norm = 0.0;
    /// \brief If not null, sets the learning rate after each epoch from `EpochStats::objective()`.
    LearningRateSchedule* schedule = nullptr;
    /// \brief Divergence: an epoch objective above this factor times
    /// \f$ \max(|\text{first epoch's}|, 1) \f$ stops training (0: only NaN/Inf do; every batch
    /// loss is checked for NaN/Inf).
    double divergence_factor = 1e4;
    /// \brief Label of the progress bar (drawn on a terminal only).
    std::string label = "train";
    /// \brief Show the progress bar.
    bool progress = true;
    /// \brief Called after each epoch with its statistics (may add metrics or set `stop`).
    std::function<void(EpochStats&)> on_epoch;
};

/// \brief Trains `model` on inputs `X` (n, ...) — one example per row: (n, d) vectors or
/// (n, C, H, W) images — and targets `Y` (n, ...) with `loss` and `optimizer`.
///
/// Each step: gather the batch's rows (into buffers reused across steps), `zero_grad`, forward,
/// `loss.forward`, `model.backward(loss.backward())`, penalty gradient, clipping, `optimizer.step()`.
/// The model is in training mode while this runs and does not compute the input gradient of its
/// first layer; both settings are restored afterwards.
/// \return one `EpochStats` per epoch run.
/// \throws ShapeError if `X` and `Y` have different numbers of rows or no rows;
///         DivergenceError naming the epoch (and batch) and the loss when a batch loss is NaN/Inf
///         or an epoch's loss blows up (see `TrainOptions::divergence_factor`).
template <class T>
std::vector<EpochStats> train(Module<T>& model, Loss<T>& loss, Optimizer<T>& optimizer, const Tensor<T>& X,
                              const Tensor<T>& Y, Rng& rng, const TrainOptions<T>& options = {});

/// \brief `train` for classification with class labels (one per row of `X`).
template <class T>
std::vector<EpochStats> train(Module<T>& model, Loss<T>& loss, Optimizer<T>& optimizer, const Tensor<T>& X,
                              const Labels& labels, Rng& rng, const TrainOptions<T>& options = {});

/// \brief The loss and accuracy of a model on a data set.
struct Evaluation {
    /// \brief The loss averaged over the examples (in the loss's convention, per example for
    /// summed losses).
    double loss = 0.0;
    /// \brief Fraction of examples classified right (see `count_correct`).
    double accuracy = 0.0;
    /// \brief Number of examples.
    std::size_t examples = 0;
};

/// \brief Evaluates `model` (in evaluation mode, restored afterwards) on `X` with labels, in batches.
/// \throws ShapeError if the counts differ or `X` has no rows.
template <class T>
Evaluation evaluate(Module<T>& model, Loss<T>& loss, const Tensor<T>& X, const Labels& labels,
                    std::size_t batch_size = 1000);

/// \brief Evaluates `model` (in evaluation mode) on `X` with tensor targets, in batches.
template <class T>
Evaluation evaluate(Module<T>& model, Loss<T>& loss, const Tensor<T>& X, const Tensor<T>& Y,
                    std::size_t batch_size = 1000);

/// \brief The model's outputs for every row of `X`, in evaluation mode, computed in batches.
template <class T>
Tensor<T> predict(Module<T>& model, const Tensor<T>& X, std::size_t batch_size = 1000);

/// \brief Copies rows `index[0..count)` of `X` (n, ...) into `out` (count, ...), resizing it only
/// when its shape changes.
template <class T>
void gather_rows(const Tensor<T>& X, const std::size_t* index, std::size_t count, Tensor<T>& out);

/// \brief Copies entries `index[0..count)` of `labels` into `out` (resized if needed).
void gather_rows(const Labels& labels, const std::size_t* index, std::size_t count, Labels& out);

}  // namespace dlc
