/// \file
/// \brief The backprop lecture's multilayer perceptron for 28×28 images, 784-512-512-10 with ReLU and
/// dropout, and its training recipe — for the trained-model store (`trained("mlp_mnist")`).
///
/// Lectures: Bahng §2.3 (dropout), ECE/CS 559 L13 (minibatch SGD, the MLP on MNIST), NYU slides
/// "Dropout", "Adam" and "SGD Learning Rate".
#pragma once

#include "core/rng.hpp"
#include "core/tensor.hpp"
#include "nn/sequential.hpp"

#include <cstddef>
#include <string>

namespace dlc {

/// \brief Appends Linear(in → hidden), ReLU, Dropout(q), Linear(hidden → hidden), ReLU, Dropout(q),
/// Linear(hidden → classes) to `net`: Kaiming \f$ N(0, 2/n_{\text{in}}) \f$ weights, zero biases, drawn
/// from `rng` in that order (the dropout layers split their generators from it).
void add_mlp(Sequential<float>& net, std::size_t in, std::size_t hidden, std::size_t classes, double drop, Rng& rng);

/// \brief The backprop lecture's recipe: dropout \f$ q = 0.2 \f$, softmax cross-entropy, Adam
/// \f$ \alpha = 10^{-3} \f$ halved every 3 epochs, batches of 128, 10 epochs (3 with `--quick`).
struct MlpRecipe {
    std::size_t hidden = 512;      ///< units in each hidden layer
    double drop = 0.2;             ///< dropout probability \f$ q \f$
    std::size_t epochs = 10;       ///< passes over the data
    std::size_t batch_size = 128;  ///< examples per Adam step
    double learning_rate = 1e-3;   ///< initial \f$ \alpha \f$, halved every `halve_every` epochs
    std::size_t halve_every = 3;   ///< epochs between halvings
    /// \brief The `--quick` settings: 3 epochs (on a subsample the caller chooses).
    static MlpRecipe quick() {
        MlpRecipe r;
        r.epochs = 3;
        return r;
    }
    /// \brief A one-line description, e.g. for a model file's metadata.
    std::string describe() const;
};

/// \brief Trains `net` (built by `add_mlp`) on `X` (n, 784) pixels in [0, 1] and `labels` with `recipe`,
/// shuffles drawn from `rng`, with a progress bar labelled `label`.
/// \throws ShapeError if `X` and `labels` disagree; DivergenceError if training diverges.
void train_mlp(Sequential<float>& net, const Tensor<float>& X, const Labels& labels, Rng& rng, const MlpRecipe& recipe,
               const std::string& label = "mlp");

/// \brief (n, rows, cols) images as (n, rows × cols) rows, the MLP's input.
Tensor<float> flattened_batch(const Tensor3<float>& images);

}  // namespace dlc
