/// \file
/// \brief The training recipe of the CNN lecture's LeNet-5, usable for any classifier: Adam on softmax
/// cross-entropy with its step size annealed along a cosine, the epochs cut into slices.
///
/// Lectures: NYU slides "SGD Learning Rate" (large steps early, then decay) and "Adam"; ECE/CS 559 L13
/// (minibatch SGD). Shared by `lectures/cnn` (LeNet-5) and the trained-model store (`trained.hpp`).
#pragma once

#include "core/rng.hpp"
#include "core/tensor.hpp"
#include "nn/sequential.hpp"
#include "optim/train.hpp"

#include <cstddef>
#include <functional>
#include <string>

namespace dlc {

/// \brief Adam with a cosine-annealed step size, updated every `1/parts` of an epoch.
///
/// Softmax cross-entropy on the logits, Adam with batch `batch_size` and
/// \f[ \alpha_t = \alpha_0\, \frac{1 + \cos(\pi t / T)}{2} \f]
/// for slice \f$ t = 0, \dots, T - 1 \f$ of \f$ T \f$ = epochs × parts. Each epoch draws one permutation
/// of the examples and trains on it in `parts` consecutive slices (each slice shuffled again by
/// `train`).
struct CosineAdamRecipe {
    std::size_t epochs = 3;               ///< passes over the training set
    std::size_t parts = 10;               ///< slices per epoch (the schedule's and the curves' resolution)
    std::size_t batch_size = 64;          ///< examples per Adam step
    double initial_learning_rate = 2e-3;  ///< \f$ \alpha_0 \f$
    /// \brief A one-line description, e.g. for a model file's metadata.
    std::string describe() const;
};

/// \brief What `train_cosine_adam` reports after each slice.
struct SliceReport {
    std::size_t epoch = 0;       ///< 1-based
    std::size_t part = 0;        ///< 0-based slice of the epoch
    std::size_t examples = 0;    ///< examples in the slice
    double learning_rate = 0.0;  ///< \f$ \alpha_t \f$ used
    EpochStats stats;            ///< `train`'s statistics of the slice (loss, accuracy, seconds)
    bool last_of_epoch = false;  ///< whether this slice ends its epoch
};

/// \brief Trains the classifier `net` (logits out) on `X` (n, ...) and labels `y` with `recipe`, the
/// shuffles drawn from `rng`; calls `on_slice` after each slice (curves, progress bars).
///
/// With the `Rng` of the CNN lecture's `lenet5` case, its data and `lenet5_recipe()`, this reproduces
/// that case's network exactly (the case calls this function).
/// \throws ShapeError if `X` and `y` disagree or there are fewer examples than slices; ValueError for
///         a zero count in the recipe; DivergenceError if training diverges.
void train_cosine_adam(Sequential<float>& net, const Tensor<float>& X, const Labels& y, Rng& rng,
                       const CosineAdamRecipe& recipe, const std::function<void(const SliceReport&)>& on_slice = {});

}  // namespace dlc
