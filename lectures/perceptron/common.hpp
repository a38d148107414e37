// Helpers shared by the perceptron lecture's cases: formatting as the notes write numbers, JSON of
// tensors, and decision lines clipped to a plot box.
#pragma once

#include "core/tensor.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace perceptron_lecture {

/// "(a, b)" with dlc::fmt.
std::string v2(double a, double b);

/// A number as the notes would write it: "7/16" when it is p / 2^k exactly with k <= 16, else dlc::fmt.
std::string dyadic(double x);

/// A vector or matrix as JSON arrays.
nlohmann::json vec_json(const dlc::Vector<double>& v);
nlohmann::json rows_json(const dlc::Matrix<double>& M);

/// A plot box.
struct Box {
    double xmin, xmax, ymin, ymax;
};

/// The segment of the line b + w1 x + w2 y = 0 (extended weights (b, w1, w2)) inside the box, as a (2, 2)
/// matrix of its end points; nothing if the line misses the box or w = 0.
std::optional<dlc::Matrix<double>> line_in_box(const dlc::Vector<double>& extended_w, const Box& box);

/// Evenly spaced values lo, ..., hi (n >= 2).
std::vector<double> linspace(double lo, double hi, std::size_t n);

}  // namespace perceptron_lecture
