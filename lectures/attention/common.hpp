// Helpers shared by the attention lecture's cases: the committed PyTorch fixture, tensors from it, matrices as
// text, and timing.
#pragma once

#include "nn/module.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <string>

namespace attention_lecture {

/// The committed fixture tests/fixtures/attention_reference.json (from make_attention_fixture.py), found through
/// $DLC_FIXTURES or the repository; null if it cannot be found.
const nlohmann::json* torch_fixture();

/// A fixture tensor {"shape", "data"} as a double tensor.
dlc::Tensor<double> tensor_of(const nlohmann::json& j);

/// A matrix (rows, cols) as indented text rows "[a, b, c]" with `digits` significant digits.
std::string matrix_text(const dlc::Tensor<double>& M, int digits = 5, const std::string& indent = "    ");

/// A matrix as nested JSON arrays.
nlohmann::json matrix_json(const dlc::Tensor<double>& M);

/// max |a - b| over all entries (same size assumed).
double max_diff(const dlc::Tensor<double>& a, const dlc::Tensor<double>& b);

/// Seconds since t0.
double seconds_since(std::chrono::steady_clock::time_point t0);

}  // namespace attention_lecture
