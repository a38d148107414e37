// HW7 Q2's autoencoder: the encoder (our reconstruction of "the CNN from HW6 Q3": LeNet-5 ending in a 10-dimensional
// z), the decoder exactly as the homework specifies it, batch norm and dropout after every ReLU, the noise
// z2 = enc_mode z + (2 - enc_mode) e, and the loss: the mean square of the concatenation (z, f - x).
// Shared by the hw7 program, its tests and bench_hw7 (the hw7_models library).
#pragma once

#include "core/progress.hpp"
#include "core/rng.hpp"
#include "core/tensor.hpp"
#include "nn/sequential.hpp"
#include "optim/optimizer.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace hw7 {

using dlc::Tensor;

/// The encoder, on rows (N, 784) -> (N, `out`): Unflatten (1, 28, 28), then LeNet-5 (the CNN lecture's network:
/// conv 6@5x5 padding 2, max-pool, conv 16@5x5, max-pool, 400 -> 120 -> 84 -> out) with ReLU, BatchNorm and
/// Dropout(`dropout`) after every ReLU (HW7: "Add batch normalization and dropout ... after every ReLU activation").
/// HW6 Q3's CNN is not in the course material: this is the documented stand-in.
std::unique_ptr<dlc::Sequential<float>> make_encoder(std::size_t out, dlc::Rng& rng, double dropout = 0.1);

/// The decoder as HW7 Q2 specifies it, on (N, `in`) -> rows (N, 784): Linear(in -> 360), ReLU, Linear(360 -> 720),
/// ReLU, Unflatten (20, 6, 6), bicubic upsampling x2 (12 x 12), ConvTranspose 20@4x4 stride 2 output padding 1
/// (27 x 27), ReLU, ConvTranspose 1@4x4 stride 1 padding 1 (28 x 28), then Sigmoid when `sigmoid` (the homework),
/// or logits without it (for a Bernoulli VAE); Flatten last. BatchNorm + Dropout(`dropout`) after every ReLU.
std::unique_ptr<dlc::Sequential<float>> make_decoder(std::size_t in, dlc::Rng& rng, double dropout = 0.1,
                                                     bool sigmoid = true);

/// One row of part (a)'s table: a module and the shape it outputs for a batch of N.
struct LayerShape {
    std::string part;    // "encoder" or "decoder"
    std::string module;  // e.g. "Conv2d(1 -> 6, 5x5, stride 1, pad 2)"
    dlc::Shape shape;    // e.g. {N, 6, 28, 28}
};

/// The homework's model: out = (z, f - x) with f = decoder(z2), z2 = enc_mode z + (2 - enc_mode) e, e ~ N(0, I).
class NoisyAutoencoder {
public:
    /// Encoder and decoder with `latent` = 10 (the homework's z) and the given dropout; weights from `rng`.
    explicit NoisyAutoencoder(dlc::Rng& rng, double dropout = 0.1, std::size_t latent = 10);

    /// The forward pass on rows x (N, 784): z = encoder(x), z2 = enc_mode z + (2 - enc_mode) e (e drawn from
    /// `noise`), f = decoder(z2), out = [z | f - x] (N, latent + 784).
    const Tensor<float>& forward(const Tensor<float>& x, double enc_mode, dlc::Rng& noise);
    /// L = mean(out^2) over the N (latent + 784) entries (MSELoss against zeros) of the last forward.
    double loss() const;
    /// Accumulates dL/dtheta of the last forward: g = 2 out / Z; the decoder gets g[:, latent:] (as d/df), the
    /// encoder g[:, :latent] + enc_mode d/dz2.
    void backward();
    /// n digits (n, 784) decoded from z2 = `scale` e (the homework's enc_mode = 0: scale 2) in evaluation mode (batch
    /// norm's running statistics, no dropout), in chunks of at most 200; the mode is restored to training afterwards.
    Tensor<float> generate(std::size_t n, dlc::Rng& noise, double scale = 2);
    /// The part (a) table: every module's output shape for a batch of `n` (evaluation mode, noise from `noise`).
    std::vector<LayerShape> layer_shapes(std::size_t n, dlc::Rng& noise);

    std::vector<dlc::Parameter<float>> parameters();
    void zero_grad();
    void set_mode(dlc::Mode mode);
    dlc::Sequential<float>& encoder() { return *encoder_; }
    dlc::Sequential<float>& decoder() { return *decoder_; }
    /// z2 of the last forward (N, latent).
    const Tensor<float>& z2() const { return z2_; }
    std::size_t latent() const { return latent_; }

private:
    std::unique_ptr<dlc::Sequential<float>> encoder_, decoder_;
    std::size_t latent_;
    double enc_mode_ = 1;
    Tensor<float> z2_, out_, g_f_, g_z_;  // buffers reused across steps
};

/// What one epoch measured.
struct EpochResult {
    double mean_loss = 0;
    double seconds = 0;
};

/// One training epoch of the homework's model: a fresh shuffle from `rng`, batches of `batch` rows (the last may be
/// smaller), forward with enc_mode = 1, loss, backward, `optimizer.step()`. `progress` (may be null) ticks per batch.
/// \throws dlc::DivergenceError if a batch's loss is not finite.
EpochResult train_epoch(NoisyAutoencoder& model, dlc::Optimizer<float>& optimizer, const dlc::Matrix<float>& X,
                        std::size_t batch, dlc::Rng& rng, dlc::Progress* progress = nullptr);

}  // namespace hw7
