// The small-data setting of the overfitting cases (early_stopping, data_augmentation): a few thousand training digits,
// a validation set held out from the training file, and the test set; and the lecture's MLP trained on them epoch by
// epoch, with the validation loss watched by dlc::EarlyStopping (Bahng §2.1, ECE/CS 559 L13 "Cross-Validation").
#pragma once

#include "adversarial/transformations.hpp"
#include "app/program.hpp"
#include "core/tensor.hpp"
#include "nn/module.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace backprop_lecture {

/// The first `train` images of the training file to train on, the next `validation` ones to validate on (L13: "hold
/// out some of the training data for validation"), and the test set, each as (n, 784) rows in [0, 1].
struct SmallData {
    std::string name;                      ///< "MNIST" or "Fashion-MNIST"
    std::vector<std::string> class_names;  ///< "0".."9" for MNIST
    std::size_t height = 0, width = 0;     ///< image size (28 x 28)
    dlc::Tensor<float> X_train, X_val, X_test;
    dlc::Labels y_train, y_val, y_test;
};

/// 2 000 / 1 000 / 10 000 images (--quick: 500 / 500 / 1 000), read from the --data choice; says what on c.out().
SmallData small_data(dlc::Case& c);

/// How the MLP is trained on the small data.
struct SmallRun {
    std::size_t max_epochs = 60;       ///< epochs at most
    std::size_t patience = 10;         ///< the early-stopping patience P
    bool stop_early = false;           ///< stop when the rule says so (false: train all max_epochs, watching only)
    const dlc::TransformRange* augment = nullptr;  ///< if set, each epoch trains on freshly augmented copies
    bool evaluate_training = true;     ///< also evaluate the training split after each epoch (train_loss, ...)
};

/// What a run measured: per epoch, the training (if asked) and validation loss and accuracy (evaluation mode, after
/// the epoch); the epoch early stopping picks; the test accuracy with the last and with the best weights.
struct SmallCurves {
    std::vector<double> train_loss, train_accuracy, val_loss, val_accuracy;
    std::size_t best_epoch = 0;         ///< the epoch whose weights early stopping keeps
    std::size_t stop_epoch = 0;         ///< the epoch after which the rule said stop (0: it did not within the run)
    double best_val_loss = 0, best_val_accuracy = 0;
    double last_test_accuracy = 0, last_test_loss = 0;  ///< the weights after the last epoch trained
    double best_test_accuracy = 0, best_test_loss = 0;  ///< the restored weights of best_epoch
    double seconds = 0;
};

/// Trains a fresh 784-512-512-10 MLP (the lecture's: ReLU, dropout 0.2, Kaiming weights; Adam alpha = 1e-3 constant,
/// batches of 100) on `d.X_train`, one epoch at a time, evaluating after each; early stopping observes the validation
/// loss and snapshots the weights of each new best epoch.
SmallCurves train_small_mlp(dlc::Case& c, const SmallData& d, const SmallRun& run, const std::string& label);

}  // namespace backprop_lecture
