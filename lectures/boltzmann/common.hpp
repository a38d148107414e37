// Helpers shared by the graphical-models lecture's cases: printing matrices and vectors in the walk-throughs.
#pragma once

#include "core/tensor.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace boltzmann_lecture {

/// A matrix as indented rows "  [a, b, c]" (one per line), numbers with `digits` significant digits.
std::string matrix_str(const dlc::Matrix<double>& M, int digits = 6);

/// A matrix as JSON rows.
nlohmann::json matrix_json(const dlc::Matrix<double>& M);

/// max |a - b| over all entries (shapes must agree).
double max_abs_diff(const dlc::Matrix<double>& a, const dlc::Matrix<double>& b);
/// max |a - b| over all entries (sizes must agree).
double max_abs_diff(const dlc::Vector<double>& a, const dlc::Vector<double>& b);

// x rounded to two decimals, as the notes print the parameters of their small examples.
double round2(double x);

}  // namespace boltzmann_lecture
