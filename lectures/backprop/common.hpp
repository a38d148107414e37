// Helpers shared by the backprop lecture's cases: tensors as JSON, epoch axes, and the gradient of
// one parameter entry as a table cell.
#pragma once

#include "nn/gradcheck.hpp"

#include <functional>
#include <string>

#include "nn/module.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <vector>

namespace backprop_lecture {

/// A vector as a JSON array, a matrix as an array of rows (other ranks: the flat entries).
nlohmann::json tensor_json(const dlc::Tensor<double>& t);

/// 1, 2, ..., n as doubles (an epoch or layer axis).
std::vector<double> one_to(std::size_t n);

/// The variance of all the entries of t, (1/N) sum (t - mean)^2, accumulated in double.
template <class T>
double variance(const dlc::Tensor<T>& t);

/// The mean of the squares of all the entries, (1/N) sum t^2 (the second moment E[t^2]).
template <class T>
double second_moment(const dlc::Tensor<T>& t);

}  // namespace backprop_lecture
