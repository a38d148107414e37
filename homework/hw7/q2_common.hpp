// What the two Q2 cases share: the homework's autoencoder trained once per run (part (b); part (c) compares against
// it), and the judge of generated digits (the GAN lecture's: the CNN lecture's LeNet-5 from the trained-model store).
#pragma once

#include "autoencoder.hpp"
#include "cases.hpp"

#include "../../lectures/gan/quality.hpp"

#include <memory>
#include <vector>

namespace hw7 {

/// Q2's settings: batch 64, learning rate 0.1 (SGD, the PyTorch tutorial's optimizer), 10 epochs (--quick: 1),
/// 20 digits generated; the judge scores 1 000 generated digits (--quick: 200).
inline constexpr double q2_learning_rate = 0.1;
std::size_t q2_epochs(const dlc::Case& c);
std::size_t judged_samples(const dlc::Case& c);

/// The homework's autoencoder after training, and its record.
struct HomeworkRun {
    std::unique_ptr<dlc::Rng> rng;  // the model's dropout draws from it: it lives as long as the model
    std::unique_ptr<NoisyAutoencoder> model;
    std::vector<double> train_loss, test_loss;  // per epoch
    double latent_variance = 0;                 // mean over coordinates of Var(z2) on test images in training mode
};

/// Trains the homework's model once per run (seeded from --seed alone, so either Q2 case gets the same model).
HomeworkRun& homework_autoencoder(dlc::Case& c, const Digits& d);

/// The test loss of the model (evaluation mode, enc_mode = 1).
double test_loss(NoisyAutoencoder& model, const Digits& d, dlc::Rng& noise);

/// The spread of z2 = z + e that the decoder sees in training: the mean over coordinates of Var(z2) on the first
/// 1 000 test images (batch norm and dropout at test behaviour, noise drawn from `noise`).
double latent_variance(NoisyAutoencoder& model, const Digits& d, dlc::Rng& noise);

/// While it lives, OpenBLAS uses one thread unless --threads says otherwise: this network's products are small,
/// and one thread trains it faster than two (bench/hw7.sh: 27.8 s against 33.0 s per epoch).
class OneBlasThread {
public:
    explicit OneBlasThread(const dlc::Case& c);
    ~OneBlasThread();
    OneBlasThread(const OneBlasThread&) = delete;
    OneBlasThread& operator=(const OneBlasThread&) = delete;

private:
    bool active_;
};

/// The GAN lecture's judge, with the test digits it compares against.
struct DigitJudge {
    gan_lecture::Digits digits;  // the test digits in [-1, 1], as the judge reads them
    std::unique_ptr<gan_lecture::Judge> judge;
    gan_lecture::DigitQuality floor;
};
DigitJudge& digit_judge(dlc::Case& c, const Digits& d);

}  // namespace hw7
