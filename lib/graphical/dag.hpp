/// \file
/// \brief Directed acyclic graphs given by a weight matrix: parents and a topological order.
///
/// Lecture: Bahng ch. 9.1.1, Definition 9.1 (a directed probability graph is acyclic;
/// \f$ p(x) = \prod_m p(x_m \mid x_{\mathrm{pa}_m}) \f$). A graph over \f$ D \f$ nodes is stored as a
/// \f$ D \times D \f$ matrix \f$ W \f$ in the notes' index order: \f$ W_{ij} = w_{ij} \ne 0 \f$ means the
/// edge \f$ x_j \to x_i \f$ (\f$ x_j \f$ is a parent of \f$ x_i \f$), as in \f$ \sum_{j \in \mathrm{pa}_i} w_{ij} x_j \f$.
#pragma once

#include "core/tensor.hpp"

#include <cstddef>
#include <vector>

namespace dlc {

/// \brief The parents \f$ \mathrm{pa}_i = \{ j : W_{ij} \ne 0 \} \f$ of node i (0-based, increasing).
/// \throws ShapeError unless W is square; ValueError if i is out of range.
std::vector<std::size_t> dag_parents(const Matrix<double>& W, std::size_t i);

/// \brief A topological order of the graph (every parent before its children), by Kahn's algorithm
/// taking the smallest ready node first, so the order is unique for a given graph.
///
/// \throws ShapeError unless W is square; ValueError if W has a non-finite entry or the graph has a
///         cycle (a non-zero diagonal entry is a self-loop), naming the nodes left on cycles (1-based, as
///         the notes number them).
std::vector<std::size_t> topological_order(const Matrix<double>& W);

}  // namespace dlc
