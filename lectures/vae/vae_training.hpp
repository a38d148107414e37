// Training a VAE of the lecture on MNIST epoch by epoch with a progress bar, recording the training and test negative
// ELBO after each epoch (shared by vae_mnist and conditional_vae), and the figures of its results.
#pragma once

#include "app/program.hpp"
#include "vae/vae.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace vae_lecture {

/// Per-epoch negative ELBOs (nats per image) and the whole history as JSON.
struct VaeHistory {
    std::vector<double> epoch, train, test;
    nlohmann::json json = nlohmann::json::array();
    double seconds = 0;
};

/// `epochs` epochs of Adam (learning rate `lr`, batches of `batch`) on X (with conditions Y, or empty), the test
/// negative ELBO (one sample per image) after each; prints a table of the epochs; wall times go to c.timing under
/// `label`.
VaeHistory train_vae(dlc::Case& c, dlc::Vae<float>& vae, const dlc::Tensor<float>& X, const dlc::Tensor<float>& Y,
                     const dlc::Tensor<float>& Xtest, const dlc::Tensor<float>& Ytest, std::size_t epochs, std::size_t batch,
                     double lr, const std::string& label);

/// The encoder means mu (n, k) of the rows of X (conditions Y or empty), in batches.
dlc::Tensor<float> encoder_means(dlc::Vae<float>& vae, const dlc::Tensor<float>& X, const dlc::Tensor<float>& Y);

}  // namespace vae_lecture
