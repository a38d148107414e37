/// \file
/// \brief Initial centres for Lloyd's algorithm: given points, k random data points, k-means++,
/// and restarts keeping the lowest objective.
///
/// Lecture: "K-means, GMM, EM" slides, "Avoid bad local minima" (re-run with random initial
/// centroids; k-means++); mock final Q1(b) (a different initialization converges to a
/// different fixed point).
#pragma once

#include "cluster/kmeans.hpp"
#include "core/rng.hpp"
#include "core/tensor.hpp"

#include <cstddef>
#include <vector>

namespace dlc {

/// \brief How `init_centres` chooses the k initial centres.
enum class Init {
    /// k distinct data points, uniformly at random ("randomly choose initial centroids").
    random_points,
    /// k-means++: the first centre uniform from the data, each next one drawn with probability
    /// \f$ D(x)^2 / \sum_{x'} D(x')^2 \f$ (see `kmeanspp_probabilities`).
    kmeans_plus_plus,
};

/// \brief Given centres: the data points with the given (0-based) indices, \f$ \mu_j = x_{\text{indices}[j]} \f$.
///
/// The mock final Q1(a) starts "with the second and third points": `points_as_centres(X, {1, 2})`.
/// \throws ShapeError if `X` is empty; ValueError if `indices` is empty, longer than n, or has an
///         index \f$ \ge n \f$.
template <class T>
Matrix<T> points_as_centres(const Matrix<T>& X, const std::vector<std::size_t>& indices);

/// \brief k distinct data points chosen uniformly at random (`Rng::sample_without_replacement`), in draw order.
/// \throws ShapeError if `X` is empty; ValueError if \f$ k = 0 \f$, \f$ k > n \f$ or `X` has NaN/Inf.
template <class T>
Matrix<T> random_points_init(const Matrix<T>& X, std::size_t k, Rng& rng);

/// \brief The k-means++ probabilities of drawing each data point as the next centre:
/// \f[ p_i = \frac{D(x_i)^2}{\sum_{l=1}^n D(x_l)^2}, \qquad D(x) = \min_{\mu \in \text{chosen}} \|x - \mu\| , \f]
/// the distance to the nearest centre chosen so far (slides: "probability proportional to the
/// computed distance squared"). Computed in double with the direct formula.
///
/// If every \f$ D(x_i) \f$ is 0 (all points coincide with chosen centres), returns the uniform
/// distribution \f$ p_i = 1/n \f$ instead (the fallback `kmeanspp_init` uses, restricted to
/// points not yet chosen).
/// \param X       data (n, d), one point per row
/// \param chosen  the centres chosen so far, (m, d) with \f$ m \ge 1 \f$
/// \throws ShapeError, ValueError as `check_centres` (with \f$ m \le n \f$).
template <class T>
std::vector<double> kmeanspp_probabilities(const Matrix<T>& X, const Matrix<T>& chosen);

/// \brief k-means++ initialization (Arthur and Vassilvitskii, 2007; slides "Avoid bad local minima").
///
/// The first centre is a data point drawn uniformly (`Rng::index`); each next centre is data point i
/// drawn with probability \f$ D(x_i)^2 / \sum_l D(x_l)^2 \f$ (`Rng::categorical` on the weights
/// \f$ D(x_i)^2 \f$, updated after each draw with the new centre). Points already chosen have
/// \f$ D = 0 \f$ and are never drawn again; if all remaining weights are 0 (fewer than k distinct
/// points), the next centre is a uniformly drawn point not yet chosen.
/// \throws ShapeError if `X` is empty; ValueError if \f$ k = 0 \f$, \f$ k > n \f$ or `X` has NaN/Inf.
template <class T>
Matrix<T> kmeanspp_init(const Matrix<T>& X, std::size_t k, Rng& rng);

/// \brief Dispatches to `random_points_init` or `kmeanspp_init`.
template <class T>
Matrix<T> init_centres(const Matrix<T>& X, std::size_t k, Init init, Rng& rng);

/// \brief Lloyd's algorithm from centres chosen by `init`: `kmeans(X, init_centres(X, k, init, rng), options)`.
template <class T>
KMeansResult<T> kmeans(const Matrix<T>& X, std::size_t k, Init init, Rng& rng, const KMeansOptions& options = {});

/// \brief The outcome of `kmeans_restarts`.
template <class T>
struct RestartsResult {
    /// \brief The run with the lowest final objective \f$ J \f$.
    KMeansResult<T> best;
    /// \brief Which run that was (0-based; the first one on ties).
    std::size_t best_restart = 0;
    /// \brief The final \f$ J \f$ of every run, in order.
    std::vector<double> final_objectives;
};

/// \brief Runs Lloyd's algorithm `restarts` times from independent initializations and keeps the run
/// with the lowest final \f$ J(c, \mu) = \sum_i \|x_i - \mu_{c_i}\|^2 \f$ (slides: "Re-run with random
/// initial centroids"; k-means converges only to a local minimum).
///
/// The runs use `rng` in sequence, so the same seed gives the same runs.
/// \throws ValueError if `restarts` is 0; otherwise as `kmeans`.
template <class T>
RestartsResult<T> kmeans_restarts(const Matrix<T>& X, std::size_t k, std::size_t restarts, Init init, Rng& rng,
                                  const KMeansOptions& options = {});

}  // namespace dlc
