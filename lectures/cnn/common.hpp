// Helpers shared by the CNN lecture's cases: building (N, C, H, W) tensors from the handouts'
// matrices, taking channels out again, printing maps as aligned grids, and exact fractions.
#pragma once

#include "nn/gradcheck.hpp"

#include <functional>
#include <string>

#include "core/tensor.hpp"
#include "nn/module.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace cnn_lecture {

/// One image (1, C, H, W) from its C channels (all H x W).
dlc::Tensor<double> image(const std::vector<dlc::Matrix<double>>& channels);

/// Kernels (F, C, kh, kw) from F filters of C channels each.
dlc::Tensor<double> kernels(const std::vector<std::vector<dlc::Matrix<double>>>& filters);

/// Channel c of image n of a (N, C, H, W) tensor, as a matrix.
dlc::Matrix<double> channel(const dlc::Tensor<double>& t, std::size_t n, std::size_t c);

/// The channels of image n of a (N, C, H, W) tensor as (C, H, W), for image grids.
dlc::Tensor3<double> channels_of(const dlc::Tensor<double>& t, std::size_t n);

/// The matrix as aligned rows, each line starting with `indent` (numbers via exact_str).
std::string grid(const dlc::Matrix<double>& M, const std::string& indent = "    ");

/// x as the handouts write it: an integer, or p/q with q <= 64 when exact, else dlc::fmt.
std::string exact_str(double x);

/// The inner product of a window and a kernel written out term by term as the notes do:
/// "1*1 + 2*(-1) + (-1)*0 + (-1)*2 = -3" (negative numbers in parentheses).
std::string inner_product_str(const dlc::Matrix<double>& window, const dlc::Matrix<double>& kernel);

/// The kh x kw window of channel c of image 0 of x (1, C, H, W) whose top-left corner is (i, j).
dlc::Matrix<double> window(const dlc::Tensor<double>& x, std::size_t c, std::size_t i, std::size_t j,
                           std::size_t kh, std::size_t kw);

/// The matrix as JSON rows.
nlohmann::json matrix_json(const dlc::Matrix<double>& M);

/// Whether two matrices have the same shape and entries within tol.
bool same(const dlc::Matrix<double>& A, const dlc::Matrix<double>& B, double tol = 1e-12);

/// The positions (1-based "(row, col)") where A and B differ, and both values: "(2, 4): 11 vs 1".
std::vector<std::string> differences(const dlc::Matrix<double>& printed, const dlc::Matrix<double>& computed);

}  // namespace cnn_lecture
