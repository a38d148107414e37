/// \file
/// \brief Adversarial training (Goodfellow et al. 2015 with FGSM; Madry et al. 2018 with PGD): train on the
/// worst examples of the ball instead of the clean ones,
/// \f[ \min_\theta \; \mathbb{E}_{(x, y)} \Bigl[ \max_{\|\delta\|_\infty \le \varepsilon} J(\theta, x + \delta, y) \Bigr], \f]
/// the inner maximisation done by an attack on every minibatch with the current weights, the outer one by
/// Adam on the loss of the attacked batch. The NYU slide "Adversarial Defense": "one common approach is to train
/// with millions of adversarial examples. Needs to train much longer, and also suffers a little from normal accuracy."
#pragma once

#include "adversarial/attacks.hpp"
#include "models/cosine_adam.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace dlc {

/// \brief The inner maximisation.
enum class TrainingAttack {
    none,  ///< ordinary training on the clean batch
    fgsm,  ///< FGSM with \f$ \varepsilon \f$ = `attack.epsilon` (Goodfellow et al.)
    pgd,   ///< PGD with the settings of `attack` (Madry et al.: random start, several steps)
};

/// \brief `"normal"`, `"FGSM"` or `"PGD"`.
const char* training_attack_name(TrainingAttack attack);

/// \brief Settings of `adversarial_training`.
struct AdversarialTrainingOptions {
    TrainingAttack attack = TrainingAttack::pgd;  ///< which examples the network trains on
    PgdOptions attack_options;                    ///< the training attack's \f$ \varepsilon \f$ (and PGD's step, steps, start)
    /// \brief Epochs, batch size and \f$ \alpha_0 \f$ of Adam with a cosine step size (updated every batch; `parts` unused).
    CosineAdamRecipe recipe;
    /// \brief The share of the training steps over which \f$ \varepsilon \f$ (and PGD's step) grows linearly from 0 to
    /// its value (0: the full \f$ \varepsilon \f$ from the first step). From random weights at a large \f$ \varepsilon \f$ the
    /// attacked batches can be unlearnable, and training stalls at chance; a ramp lets the network learn the digits first.
    double warmup = 0.0;
    PgdOptions eval_attack;          ///< the attack the robust accuracy is measured with after each epoch
    std::size_t eval_images = 1000;  ///< test images the accuracies are measured on (the first ones)
};

/// \brief One epoch's record.
struct RobustEpoch {
    std::size_t epoch = 0;         ///< 1-based
    double train_loss = 0.0;       ///< mean loss on the (attacked) training batches
    double clean_accuracy = 0.0;   ///< on the evaluation images
    double robust_accuracy = 0.0;  ///< on the evaluation images attacked with `eval_attack`
    double seconds = 0.0;          ///< wall-clock time of the epoch (training and evaluation)
};

/// \brief Trains the network of `clf` on `images` (N, H, W) in [0, 1] with `labels`, each minibatch replaced by
/// its adversarial version (see the file comment); after each epoch the clean and robust accuracy on the
/// first `eval_images` test images, reported to `on_epoch` and returned.
/// \throws ValueError for zero epochs or batch size or invalid attack settings; ShapeError if the labels do not match.
std::vector<RobustEpoch> adversarial_training(PixelClassifier<float>& clf, const Tensor3<float>& images, const Labels& labels,
                                              const Tensor3<float>& test_images, const Labels& test_labels,
                                              const AdversarialTrainingOptions& options, Rng& rng,
                                              const std::function<void(const RobustEpoch&)>& on_epoch = {});

}  // namespace dlc
