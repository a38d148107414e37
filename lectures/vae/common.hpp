// Helpers shared by the VAE lecture's cases: MNIST as rows of 784 pixels, one-hot labels, images for figures,
// the two moons, Pearson correlations, JSON of matrices, and the committed fixtures.
#pragma once

#include "app/program.hpp"
#include "core/tensor.hpp"
#include "nn/module.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

namespace vae_lecture {

/// MNIST (or Fashion-MNIST when the digits are missing) with every image a row of 784 pixels in [0, 1].
struct FlatImages {
    dlc::Tensor<float> train, test;   // (n, 784)
    dlc::Labels train_labels, test_labels;
    std::string name, dir;
    std::vector<std::string> class_names;
};

/// Loads the images named by --data (first max_train / max_test of each split when > 0) and says where from.
FlatImages load_flat_images(dlc::Case& c, std::size_t max_train, std::size_t max_test);

/// One-hot rows (n, classes) of the labels.
dlc::Tensor<float> one_hot(const dlc::Labels& labels, std::size_t classes = 10);

/// Rows (n, 784) of a float tensor as (n, 28, 28) images in double, for image grids.
dlc::Tensor3<double> as_images(const dlc::Tensor<float>& rows);

/// The rows listed in `index` of X (n, d).
dlc::Tensor<float> take_rows(const dlc::Tensor<float>& X, const std::vector<std::size_t>& index);

/// The first test image of each class 0..9 (indices into the test set).
std::vector<std::size_t> first_of_each_class(const dlc::Labels& labels, std::size_t classes = 10);

/// The two moons (n points in random order, each on either moon with probability 1/2 at a uniform angle t in
/// [0, pi]), as scikit-learn's make_moons with Gaussian noise `noise`, then standardized to mean 0 and unit variance
/// per coordinate.
dlc::Matrix<double> two_moons(std::size_t n, double noise, dlc::Rng& rng);

/// Pearson's correlation of two equally long sequences.
double correlation(const std::vector<double>& a, const std::vector<double>& b);

/// A matrix as nested JSON arrays.
nlohmann::json matrix_json(const dlc::Matrix<double>& M);

/// Path of a committed test fixture ($DLC_FIXTURES/NAME, else the repository's tests/fixtures/NAME); "" if missing.
std::string fixture_path(const std::string& name);

// Degrees in a radian, 180 / pi (for angles between subspaces).
inline constexpr double degrees_per_radian = 180.0 / M_PI;

// The Frobenius norm ||A||_F = sqrt(sum_ij A_ij^2).
double frobenius(const dlc::Matrix<double>& A);

}  // namespace vae_lecture
