// Shared by the MNIST cases of the GAN lecture: the digits scaled to [-1, 1] (the generators end in tanh), the
// training loop over epochs with progress bars, loss curves and the fixed-noise digit rows after every epoch,
// and the figures those make.
#pragma once

#include "app/program.hpp"
#include "core/tensor.hpp"
#include "gan/gan_loss.hpp"
#include "nn/sequential.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace gan_lecture {

/// The training and test digits as rows (n, 784) scaled to [-1, 1], with labels.
struct Digits {
    dlc::Tensor<float> train, test;  // (n, 784), pixel * 2 - 1
    dlc::Labels train_labels, test_labels;
    std::string name, dir;
};

/// Loads MNIST (or what --data selects): the whole set, or 6000 training and 2000 test digits with --quick.
Digits load_digits(dlc::Case& c);

/// How one GAN is trained on the digits.
struct MnistGanSetup {
    std::string name;         // "MLP GAN", "DCGAN", "conditional GAN" (progress bars, figure titles)
    std::string file;         // figure file stem, e.g. "mnist_mlp"
    bool images = false;      // the players take (N, 1, 28, 28) instead of rows (N, 784)
    bool conditional = false; // one-hot labels appended to both players' inputs
    std::size_t latent = 64;
    std::size_t epochs = 1;
    std::size_t batch = 64;
    std::size_t max_batches = 0;  // batches per epoch: 0 for the whole training set, else at most this many
    double lr = 2e-4, beta1 = 0.5;
    dlc::GeneratorLoss loss = dlc::GeneratorLoss::non_saturating;
    double mismatched_labels = 0;  // conditional GAN: the weight of GAN-CLS's mismatched pairs (trainer.hpp)
};

/// What a training run recorded.
struct MnistGanRun {
    std::vector<double> at, loss_d, loss_g, d_real, d_fake;  // means over each tenth of an epoch
    std::vector<dlc::Tensor3<double>> rows;                   // G(z_fixed) after each epoch, pixels in [0, 1]
    std::vector<double> epoch_seconds;
};

/// Trains G and D (Adam, setup.lr, beta1) on the digits for setup.epochs epochs: every epoch is a fresh shuffle cut
/// into batches, one discriminator and one generator step per batch. After each epoch G(z_fixed) (with y_fixed
/// for a conditional GAN) is recorded. Loss curves and timings go into the result; times also into c.timing.
MnistGanRun train_mnist_gan(dlc::Case& c, dlc::Sequential<float>& G, dlc::Sequential<float>& D, const Digits& digits,
                            const MnistGanSetup& setup, const dlc::Tensor<float>& z_fixed,
                            const dlc::Tensor<float>* y_fixed = nullptr);

/// n latent rows (n, latent) of N(0, 1) draws.
dlc::Tensor<float> latent_normal(std::size_t n, std::size_t latent, dlc::Rng& rng);

/// Generated digits (n, 784 or n, 1, 28, 28) in [-1, 1] as images (n, 28, 28) in [0, 1].
dlc::Tensor3<double> to_images(const dlc::Tensor<float>& x);

/// The figures of a run: the two players' losses and D's outputs over training, and the fixed-noise rows after
/// every epoch stacked into one grid (one row per epoch).
void run_figures(dlc::Case& c, const MnistGanSetup& setup, const MnistGanRun& run, std::size_t per_row);

}  // namespace gan_lecture
