/// \file
/// \brief k-means as a competitive layer: neuron i has weights \f$ 2 c_i \f$ and bias \f$ -\|c_i\|^2 \f$,
/// and the winner (largest local field) is the nearest centre.
///
/// Lecture: ECE/CS 559 notes L17/18, section 4 ("Batch competitive learning interpretation of
/// k-means"): since \f$ \|x - c_i\|^2 = \|x\|^2 - 2 x^\top c_i + \|c_i\|^2 \f$, the local field
/// \f[ v_i = 2 c_i^\top x - \|c_i\|^2 = \|x\|^2 - \|x - c_i\|^2 \f]
/// is largest for the centre closest to \f$ x \f$. Showing every \f$ x \f$ and recording the winners
/// computes the Voronoi cells; setting, at the end of the epoch, the weights to
/// \f$ 2 \frac{1}{|\mathcal{V}_i|} \sum_{x \in \mathcal{V}_i} x \f$ and the biases to
/// \f$ -\|\frac{1}{|\mathcal{V}_i|} \sum_{x \in \mathcal{V}_i} x\|^2 \f$ is one Lloyd iteration.
/// HW7 builds the same layer (scaled by 1/2) as \f$ x C_i^\top - \frac12 \|C_i\|^2 \f$.
#pragma once

#include "core/tensor.hpp"

namespace dlc {

/// \brief A layer of k neurons computing \f$ v = W x + b \f$ with \f$ w_i = 2 c_i \f$, \f$ b_i = -\|c_i\|^2 \f$.
template <class T>
struct BatchCompetitiveLayer {
    /// \brief \f$ W \f$, (k, d): row i is \f$ w_i = 2 c_i \f$.
    Matrix<T> weights;
    /// \brief \f$ b \f$, (k): \f$ b_i = -\|c_i\|^2 \f$.
    Vector<T> biases;
};

/// \brief The layer for the centres \f$ c_1, \dots, c_k \f$ (rows of `centres`, (k, d)):
/// \f$ w_i = 2 c_i \f$, \f$ b_i = -\|c_i\|^2 \f$.
/// \throws ShapeError if `centres` is empty; ValueError if it has NaN/Inf.
template <class T>
BatchCompetitiveLayer<T> batch_competitive_layer(const Matrix<T>& centres);

/// \brief The centres the layer encodes, \f$ c_i = w_i / 2 \f$.
template <class T>
Matrix<T> batch_competitive_centres(const BatchCompetitiveLayer<T>& layer);

/// \brief The local fields of every data point: \f$ V = X W^\top + \mathbf{1} b^\top \f$, i.e.
/// \f$ v_{ni} = w_i^\top x_n + b_i = 2 c_i^\top x_n - \|c_i\|^2 \f$, (n, k).
/// \throws ShapeError if `X` is empty or its d differs from the layer's.
template <class T>
Matrix<T> batch_competitive_fields(const BatchCompetitiveLayer<T>& layer, const Matrix<T>& X);

/// \brief The winners \f$ \arg\max_i v_{ni} \f$ for every data point (lowest index on ties): the
/// Voronoi assignment \f$ \arg\min_i \|x_n - c_i\|^2 \f$ computed by the network.
///
/// In exact arithmetic this equals `assign(X, centres)`. In floating point the two can differ only
/// for a point whose two nearest centres are equidistant up to rounding (the network uses the
/// expansion as it is, without `NearestCentre`'s exact re-check).
template <class T>
Labels batch_competitive_assign(const BatchCompetitiveLayer<T>& layer, const Matrix<T>& X);

/// \brief One epoch of batch competitive learning: show every \f$ x \f$, record the winners (the cells
/// \f$ \mathcal{V}_i \f$), then set \f$ w_i = 2 m_i \f$, \f$ b_i = -\|m_i\|^2 \f$ with
/// \f$ m_i = \frac{1}{|\mathcal{V}_i|} \sum_{x \in \mathcal{V}_i} x \f$. A neuron that wins no point is
/// left unchanged (Lloyd's `EmptyClusterRule::keep`).
template <class T>
BatchCompetitiveLayer<T> batch_competitive_epoch(const BatchCompetitiveLayer<T>& layer, const Matrix<T>& X);

}  // namespace dlc
