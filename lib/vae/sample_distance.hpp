/// \file
/// \brief Distances between two samples of points, to judge generated samples against data: the energy distance
/// and the sliced Wasserstein distance.
///
/// Used by the diffusion case of the VAE lecture (ECE/CS 559 L19&20: a generative model is good when its samples
/// are distributed like the data). For samples X, Y of \f$ \mathbb{R}^d \f$,
/// \f[ \mathcal{E}(X, Y) = 2\,\mathbb{E}\|x - y\| - \mathbb{E}\|x - x'\| - \mathbb{E}\|y - y'\| \ge 0 \f]
/// (Székely & Rizzo; 0 iff the distributions agree), and the sliced 2-Wasserstein distance averages the 1-D
/// \f$ W_2^2 \f$ of the projections on random unit directions \f$ \theta \f$, each the mean squared difference of the
/// sorted projections: \f$ SW_2^2 = \mathbb{E}_\theta\, \frac1n \sum_i (\theta^\top x_{(i)} - \theta^\top y_{(i)})^2 \f$.
#pragma once

#include "core/rng.hpp"
#include "core/tensor.hpp"

#include <cstddef>

namespace dlc {

/// \brief \f$ \mathcal{E}(X, Y) \f$ with the within-sample means over distinct pairs (unbiased U-statistics).
/// \throws ShapeError if the widths differ or a sample has fewer than 2 rows; ValueError on NaN/Inf.
double energy_distance(const Matrix<double>& X, const Matrix<double>& Y);

/// \brief \f$ SW_2 \f$ (the square root of the mean over `directions` random unit vectors of the 1-D \f$ W_2^2 \f$).
/// \throws ShapeError unless X and Y have the same shape with at least one row; ValueError if directions = 0.
double sliced_wasserstein(const Matrix<double>& X, const Matrix<double>& Y, std::size_t directions, Rng& rng);

}  // namespace dlc
