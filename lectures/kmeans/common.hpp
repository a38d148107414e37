// Helpers shared by the k-means lecture's cases: naming cells as the notes do, and the
// Voronoi figure used by several cases.
#pragma once

#include "app/program.hpp"
#include "cluster/competitive.hpp"
#include "core/tensor.hpp"
#include "plot/figure.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace kmeans_lecture {

/// The mock final Q1 points x1 = (-0.01, 1), x2 = (1, 1), x3 = (0.01, -1), x4 = (-1, -1), one per row.
dlc::Matrix<double> mockfinal_q1_points();

/// "V1 = {x1, x2}, V2 = {x3, x4}": the Voronoi cells of an assignment, 1-based as in the notes.
std::string cells_str(const dlc::Labels& c, std::size_t k);

/// The cells as JSON: [[1, 2], [3, 4]] (1-based point numbers per cell).
nlohmann::json cells_json(const dlc::Labels& c, std::size_t k);

/// A (n, d) matrix as JSON rows.
nlohmann::json rows_json(const dlc::Matrix<double>& M);

/// Max |a - b| over all entries (shapes must agree).
double max_abs_diff(const dlc::Matrix<double>& a, const dlc::Matrix<double>& b);

/// Bounding box of the data and centres, padded by `pad` of its size on each side.
struct Box {
    double xmin, xmax, ymin, ymax;
};
Box bounding_box(const dlc::Matrix<double>& X, double pad = 0.15);

/// The data coloured by cell, the pale Voronoi cells of `centres`, and the centres as crosses.
/// With `moved_to` (an update step), the centres are drawn as open squares with arrows to their
/// new positions, shown as crosses: the cells stay those the update averaged.
dlc::plot::Figure voronoi_figure(const std::string& name, const std::string& title, const dlc::Matrix<double>& X,
                                 const dlc::Matrix<double>& centres, const dlc::Labels& cells, const Box& box,
                                 const dlc::Matrix<double>* moved_to = nullptr);

/// "(a, b)": a 2-vector (any 1-D expression) as the walk-throughs print it.
std::string v2(double a, double b);
template <class E>
std::string v2(const E& v) {
    return v2(double(v(0)), double(v(1)));
}

/// Draws each neuron's path w_i(0), w_i(1), ... through a competitive-learning trace as a line
/// with square markers, labelled "w<i> <what>".
void add_weight_paths(dlc::plot::Figure& fig, const dlc::Matrix<double>& initial_weights,
                      const std::vector<dlc::CompetitiveStep<double>>& trace, const std::string& what);

}  // namespace kmeans_lecture
