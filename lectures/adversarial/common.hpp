// Helpers shared by the adversarial lecture's cases: the data sets and the store's networks (loaded once per
// run), the attack settings per data set, and images as figure tiles.
#pragma once

#include "adversarial/attacks.hpp"
#include "app/program.hpp"
#include "core/tensor.hpp"
#include "data/datasets.hpp"
#include "models/trained.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace adversarial_lecture {

/// A data set of the run with what the attacks on it use.
struct DataSet {
    const dlc::ImageData<float>* data = nullptr;  ///< its images (--quick: 2 000 training and 500 test images; one
                                                  ///< training image unless the case asked for them)
    std::string suffix;                           ///< "mnist" or "fashion": the store's networks for it
    double eps_max = 0.3;                         ///< the largest eps of the curves: 0.3 (MNIST), 0.1 (Fashion-MNIST)
};

/// The run's data set (--data; default MNIST), with its training images if `with_training` (else one).
DataSet main_data(dlc::Case& c, bool with_training = false);

/// The data sets the comparison cases use (test images only): MNIST and Fashion-MNIST by default (Fashion-MNIST left out, and
/// said, when it cannot be found), else only the one --data names.
std::vector<DataSet> both_data(dlc::Case& c);

/// The store's network `family` ("lenet5", "mlp") for the data set `suffix` (--quick: its short recipe),
/// loaded once per run; says where it came from on the case's output.
dlc::TrainedModel& model(dlc::Case& c, const std::string& family, const std::string& suffix);

/// "MLP" or "LeNet-5".
std::string display_name(const std::string& family);

/// The first `n` test images and their labels (all of them if there are fewer).
dlc::Tensor3<float> first_images(const dlc::ImageSet<float>& set, std::size_t n);
dlc::Labels first_labels(const dlc::ImageSet<float>& set, std::size_t n);

/// The first `n` test images that `clf` classifies correctly (fewer if there are not so many) and their labels.
struct Picked {
    std::vector<std::size_t> index;  ///< their positions in the test set
    dlc::Tensor3<float> x;           ///< the images
    dlc::Labels y;                   ///< their labels
};
Picked first_correct(dlc::PixelClassifier<float>& clf, const dlc::ImageSet<float>& set, std::size_t n);

/// PGD-k in Linf with Madry et al.'s step alpha = 2.5 eps / k, from x, stopping at the first success.
dlc::PgdOptions pgd_linf(double eps, std::size_t steps, bool stop_on_success = true);

/// The softmax of one image's logits.
std::vector<double> probabilities(dlc::PixelClassifier<float>& clf, const dlc::Tensor3<float>& x, std::size_t n);

/// Image n of (N, H, W) pixels in [0, 1] as a (3, H, W) tile.
dlc::Tensor3<double> pixel_tile(const dlc::Tensor3<float>& x, std::size_t n);

/// A perturbation (H, W) magnified `gain` times around mid-grey, 0.5 + gain * delta, as a (3, H, W) tile.
dlc::Tensor3<double> perturbation_tile(const dlc::Tensor3<float>& adv, const dlc::Tensor3<float>& x, std::size_t n,
                                       double gain);

/// Tiles (3, H, W) stacked into (n, 3, H, W) for Figure::rgb_image_grid.
dlc::Tensor4<double> stack(const std::vector<dlc::Tensor3<double>>& tiles);

/// A number rounded to `digits` significant digits (JSON values of a float run).
double round_to(double x, int digits = 6);

/// eps as text without trailing zeros ("0.05").
std::string eps_text(double eps);

}  // namespace adversarial_lecture
