// The cases of homework 7 (case id = function name) and what they share: the MNIST rows, the label x cluster
// table, the centres as an image grid.
#pragma once

#include "app/program.hpp"
#include "core/tensor.hpp"
#include "nn/module.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace hw7 {

void hw7_q1_network(dlc::Case& c);
void hw7_q1a_update(dlc::Case& c);
void hw7_q1b_cheat(dlc::Case& c);
void hw7_q1c_random(dlc::Case& c);
void hw7_bias_variance(dlc::Case& c);
void hw7_q2a_shapes(dlc::Case& c);
void hw7_q2_autoencoder(dlc::Case& c);
void hw7_q2c_improvements(dlc::Case& c);

/// HW7 Q1's settings: k = 10 centres, softmax sharpness 20, batch 64, eta = 4.5, 10 epochs (--quick: 2).
inline constexpr std::size_t k_clusters = 10, batch_size = 64;
inline constexpr double sharpness = 20, eta_homework = 4.5;
std::size_t q1_epochs(const dlc::Case& c);

/// The training and test images as rows (n, 784), pixels in [0, 1], with labels: the whole of MNIST (or what
/// --data selects), or 6 000 training and 1 000 test images with --quick. Loaded once per run.
struct Digits {
    dlc::Matrix<float> train, test;
    dlc::Labels train_labels, test_labels;
    std::string name, dir;
    std::vector<std::string> class_names;
};
const Digits& load_digits(dlc::Case& c);

/// Part (b)'s cheat: C_i = the first training image of digit i. \throws dlc::DataError if a digit is missing.
dlc::Matrix<float> first_image_of_each_digit(const Digits& d);

/// The k-means objective per image, J / n = (1/n) sum_n min_i ||x_n - C_i||^2.
double objective_per_image(const dlc::Matrix<float>& X, const dlc::Matrix<float>& C);

/// The 10 x k table of how many images of each digit (rows) each cluster (columns) holds, printed with row and
/// column totals.
xt::xtensor<long, 2> label_by_cluster(const dlc::Labels& labels, const dlc::Labels& clusters, std::size_t k);
std::string table_text(const xt::xtensor<long, 2>& table, const std::vector<std::string>& class_names);

/// Each cluster's majority digit and its share of the cluster ("3: 5 (82%)").
std::vector<std::string> majority_captions(const xt::xtensor<long, 2>& table, const std::vector<std::string>& names);

/// The centres (k, 784) as a grid of 28 x 28 images, and the table as a heatmap.
void centres_figure(dlc::Case& c, const std::string& file, const std::string& title, const dlc::Tensor<float>& C,
                    const std::vector<std::string>& captions, const std::string& caption);
void table_figure(dlc::Case& c, const std::string& file, const std::string& title, const xt::xtensor<long, 2>& table,
                  const std::vector<std::string>& class_names, const std::string& caption);

/// Rows (n, 784) with pixels in [0, 1] as images (n, 28, 28).
dlc::Tensor3<double> as_images(const dlc::Tensor<float>& rows);

}  // namespace hw7
