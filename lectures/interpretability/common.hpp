// Helpers shared by the interpretability lecture's cases: the data and the trained networks (loaded once
// per run), images as figures, and small conversions.
#pragma once

#include "app/program.hpp"
#include "core/tensor.hpp"
#include "data/datasets.hpp"
#include "models/trained.hpp"
#include "nn/module.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace interpretability_lecture {

/// The image data of the run (--data): its test images (--quick: the first 500) and one training image, loaded once.
const dlc::ImageData<float>& image_data(dlc::Case& c);

/// "mnist" or "fashion": the suffix of the trained models that fit the run's data.
std::string data_suffix(dlc::Case& c);

/// The trained network `family` ("lenet5", "mlp", "gapcnn") for the run's data (or `suffix`), from the
/// store (--quick: its short recipe), loaded once per run; says where it came from on the case's output.
dlc::TrainedModel& model(dlc::Case& c, const std::string& family, const std::string& suffix = "");

/// Rows [first, first + n) of a batch (N, ...).
dlc::Tensor<float> rows(const dlc::Tensor<float>& x, std::size_t first, std::size_t n);

/// Rows `which` of a batch (N, ...), in that order.
dlc::Tensor<float> pick(const dlc::Tensor<float>& x, const std::vector<std::size_t>& which);

/// The first `per_class` test images of each class (indices into the test set, class by class).
std::vector<std::size_t> examples_per_class(const dlc::Labels& labels, std::size_t per_class);

/// Channel 0 of example n of a (N, C, H, W) batch, or a (N, H, W) map, as a double matrix.
dlc::Matrix<double> plane(const dlc::Tensor<float>& t, std::size_t n);

/// A standardized LeNet input (1, 1, H, W) back to pixels in [0, 1] (clamped), as (1, H, W) for figures.
dlc::Tensor3<double> to_pixels(const dlc::Matrix<double>& standardized, const dlc::TrainedModel& m);

/// The range [lo, hi] of standardized pixels of a LeNet-type model: (0 - mean)/sd .. (1 - mean)/sd.
std::pair<double, double> pixel_range(const dlc::TrainedModel& m);

/// A standardized (H, W) plane of a LeNet-type model as a 3-channel image of its pixels in [0, 1] (not rescaled).
dlc::Tensor3<double> pixel_tile(const dlc::Matrix<double>& standardized, const dlc::TrainedModel& m);

/// A grey (H, W) matrix as a 3-channel (3, H, W) image with values scaled to [0, 1] by its range.
dlc::Tensor3<double> grey_tile(const dlc::Matrix<double>& m);

/// Tiles (3, H, W) stacked into (n, 3, H, W) for Figure::rgb_image_grid.
dlc::Tensor4<double> stack(const std::vector<dlc::Tensor3<double>>& tiles);

/// A float image (C, H, W) as a double one.
dlc::Tensor3<double> as_double(const dlc::Tensor3<float>& image);

/// A matrix as JSON rows with `digits` significant digits (compact JSON for maps).
nlohmann::json rounded(const dlc::Matrix<double>& m, int digits = 4);

/// A number rounded to `digits` significant digits (for JSON values that are floats of a float run).
double round_to(double x, int digits = 6);

}  // namespace interpretability_lecture

namespace interpretability_lecture {

/// The random multi-scale CNN of the texture and style cases: its block widths (--quick: narrower).
std::vector<std::size_t> texture_widths(dlc::Case& c);

/// A scikit-image picture as a square (C, side, side) image centred on mid-grey (pixel - 0.5), as (1, C, side, side).
dlc::Tensor<float> centred_picture(const std::string& name, std::size_t side, std::size_t channels);

/// A centred image (1, C, H, W) back to a displayable (C, H, W) in [0, 1].
dlc::Tensor3<double> uncentred(const dlc::Tensor<float>& x);

}  // namespace interpretability_lecture
