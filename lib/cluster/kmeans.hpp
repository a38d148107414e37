/// \file
/// \brief Lloyd's algorithm for k-means: assignment step, update step, objective, and the loop.
///
/// Lecture: "K-means, GMM, EM" slides ("Formalize k-Means", "k-Means: Algorithm");
/// ECE/CS 559 notes L17/18 section 1 ("k-means algorithm", also called the Lloyd
/// algorithm) and the mock final, Q1. Notation of the slides: data
/// \f$ x_1, \dots, x_n \in \mathbb{R}^d \f$ (the rows of `X`), centroids
/// \f$ \mu_1, \dots, \mu_k \f$ (the rows of `centres`), assignments \f$ c_i \f$, clusters
/// \f$ C_j = \{x_i : c_i = j\} \f$ (the notes' Voronoi cells \f$ \mathcal{V}_j \f$) and the
/// objective
/// \f[ J(c, \mu) = \sum_{i=1}^n \|x_i - \mu_{c_i}\|^2 . \f]
/// Indices are 0-based in code: the slides' centre \f$ \mu_1 \f$ is row 0.
#pragma once

#include "core/tensor.hpp"

#include <cstddef>
#include <functional>
#include <vector>

namespace dlc {

/// \brief What the update step does with a centre whose cluster \f$ C_j \f$ is empty
/// (the mean \f$ \frac{1}{|C_j|}\sum_{x \in C_j} x \f$ is undefined).
enum class EmptyClusterRule {
    /// Move the data point farthest from its own centre, \f$ p = \arg\max_i \|x_i - \mu_{c_i}\|^2 \f$
    /// (among clusters that keep at least one point; lowest index on ties) into \f$ C_j \f$:
    /// \f$ \mu_j \leftarrow x_p \f$ and \f$ x_p \f$'s old cluster mean is taken without it.
    /// This never increases \f$ J \f$ (the moved point's term drops to 0).
    farthest_point,
    /// Leave \f$ \mu_j \f$ where it was.
    keep,
    /// Throw `ValueError`.
    error,
};

/// \brief A record that the update step found an empty cluster (see `EmptyClusterRule`).
struct EmptyClusterEvent {
    /// \brief The Lloyd iteration (1-based) whose update step found it (0 for a direct `update` call).
    std::size_t iteration = 0;
    /// \brief The empty cluster \f$ j \f$ (0-based).
    std::size_t cluster = 0;
    /// \brief The point \f$ p \f$ moved into it (`farthest_point`), or `npos` under `keep`.
    std::size_t point = npos;
    /// \brief "No point": the value of `point` when the centre was kept.
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
};

/// \brief One Lloyd iteration, for step-by-step printing and per-step figures.
///
/// Iteration \f$ t \f$ starts from the centres \f$ \mu^{(t-1)} \f$ and their Voronoi assignment
/// \f$ c^{(t-1)} \f$ and computes \f$ \mu^{(t)}_j = \frac{1}{|C_j|}\sum_{x \in C_j} x \f$.
template <class T>
struct LloydStep {
    /// \brief \f$ \mu^{(t-1)} \f$, (k, d).
    Matrix<T> centres_before;
    /// \brief \f$ c^{(t-1)}_i = \arg\min_j \|x_i - \mu^{(t-1)}_j\|^2 \f$, (n): the cells the update averages.
    Labels assignments;
    /// \brief \f$ \mu^{(t)} \f$, the cluster means of `assignments`, (k, d).
    Matrix<T> centres_after;
};

/// \brief Options of `kmeans` (Lloyd's algorithm).
struct KMeansOptions {
    /// \brief At most this many iterations (update + reassignment); must be \f$ \ge 1 \f$.
    std::size_t max_iterations = 300;
    /// \brief Keep every iteration's centres and assignments in `KMeansResult::trace`.
    bool record_trace = false;
    /// \brief What to do when a cluster is empty.
    EmptyClusterRule empty_cluster = EmptyClusterRule::farthest_point;
    /// \brief If set, called after every iteration with \f$ t \f$ and \f$ J_t \f$ (for progress bars
    /// and timing).
    std::function<void(std::size_t iteration, double objective)> on_iteration;
};

/// \brief The outcome of Lloyd's algorithm.
///
/// Iteration counting: \f$ c^{(0)} \f$ is the assignment to the initial centres \f$ \mu^{(0)} \f$.
/// Iteration \f$ t = 1, 2, \dots \f$ is the update step \f$ \mu^{(t)} = \f$ means of \f$ c^{(t-1)} \f$
/// followed by the assignment step \f$ c^{(t)} = \f$ Voronoi cells of \f$ \mu^{(t)} \f$. The loop stops
/// when \f$ c^{(t)} = c^{(t-1)} \f$ (then \f$ \mu^{(t+1)} = \mu^{(t)} \f$: a fixed point) or after
/// `max_iterations`. In the mock final's Q1 solution, "Step 1" is \f$ c^{(0)} \f$ with the update to
/// \f$ \mu^{(1)} \f$ and "Step 2: cells the same, stop" is \f$ c^{(1)} = c^{(0)} \f$: one iteration here.
template <class T>
struct KMeansResult {
    /// \brief The last centres \f$ \mu^{(T)} \f$, (k, d).
    Matrix<T> centres;
    /// \brief Their Voronoi assignment \f$ c^{(T)}_i = \arg\min_j \|x_i - \mu^{(T)}_j\|^2 \f$, (n).
    Labels assignments;
    /// \brief \f$ J_t = J(c^{(t)}, \mu^{(t)}) \f$ for \f$ t = 0, \dots, T \f$: entry 0 is \f$ J \f$ at the
    /// initial centres' assignment, entry \f$ t \f$ is \f$ J \f$ after iteration \f$ t \f$'s assignment
    /// step; `iterations + 1` entries, non-increasing. Accumulated in double.
    std::vector<double> objective;
    /// \brief \f$ T \f$, the number of iterations performed (update steps).
    std::size_t iterations = 0;
    /// \brief Whether the assignments stopped changing, \f$ c^{(T)} = c^{(T-1)} \f$, within
    /// `max_iterations`.
    bool converged = false;
    /// \brief Every empty cluster met by an update step (empty if none happened).
    std::vector<EmptyClusterEvent> empty_clusters;
    /// \brief With `record_trace`, `trace[t-1]` is iteration \f$ t \f$ (\f$ \mu^{(t-1)}, c^{(t-1)},
    /// \mu^{(t)} \f$); `objective[t-1]` is that step's \f$ J(c^{(t-1)}, \mu^{(t-1)}) \f$.
    std::vector<LloydStep<T>> trace;
};

/// \brief The assignment step: \f$ c_i = \arg\min_j \|x_i - \mu_j\|^2 \f$ (lowest \f$ j \f$ on ties).
///
/// Slides "k-Means: Algorithm", eq. (3); the notes' Voronoi cells \f$ \mathcal{V}_j \f$.
/// See `NearestCentre` for how large problems are computed and kept exact.
/// \param X        data (n, d), one point per row
/// \param centres  \f$ \mu \f$, (k, d)
/// \throws ShapeError, ValueError as `kmeans`.
template <class T>
Labels assign(const Matrix<T>& X, const Matrix<T>& centres);

/// \brief The update step: \f$ \mu_j = \frac{1}{|C_j|}\sum_{x \in C_j} x \f$ for every cluster.
///
/// Slides "k-Means: Algorithm", eq. (4); notes L17/18, step 2.2. Computed by one
/// accumulation pass over the rows of `X` in row order, \f$ s_j \mathrel{+}= x_i \f$ for \f$ c_i = j \f$, then
/// \f$ \mu_j = s_j / |C_j| \f$. (Inside `kmeans` the sums of large data sets are accumulated in
/// `NearestCentre`'s stripes, so their last bits can differ from this function's.)
/// \param X            data (n, d)
/// \param assignments  \f$ c \f$, (n), values in \f$ \{0, \dots, k-1\} \f$
/// \param centres      the centres \f$ \mu \f$ the assignment was made with, (k, d): they give k and
///                     are needed for an empty cluster (`rule`)
/// \param rule         what to do with an empty cluster
/// \param events       if not null, receives one `EmptyClusterEvent` (iteration 0) per empty cluster
/// \throws ShapeError, ValueError as `kmeans`; ValueError if an assignment is \f$ \ge k \f$ or a
///         cluster is empty under `EmptyClusterRule::error`.
template <class T>
Matrix<T> update(const Matrix<T>& X, const Labels& assignments, const Matrix<T>& centres,
                 EmptyClusterRule rule = EmptyClusterRule::farthest_point,
                 std::vector<EmptyClusterEvent>* events = nullptr);

/// \brief The k-means objective \f$ J(c, \mu) = \sum_{i=1}^n \|x_i - \mu_{c_i}\|^2 \f$ (direct formula,
/// accumulated in double).
///
/// Slides "Formalize k-Means", eq. (2); the notes' quantization error \f$ E \f$ when \f$ c \f$ is the
/// Voronoi assignment.
template <class T>
double objective(const Matrix<T>& X, const Matrix<T>& centres, const Labels& assignments);

/// \brief Lloyd's algorithm from the given initial centres \f$ \mu^{(0)} \f$ (k = rows of `initial_centres`).
///
/// Repeats the update step (\f$ \mu_j \leftarrow \f$ mean of \f$ C_j \f$) and the assignment step
/// (\f$ c_i \leftarrow \arg\min_j \|x_i - \mu_j\|^2 \f$) until the assignments no longer change; see
/// `KMeansResult` for exactly what is counted and recorded. Each iteration makes one pass over
/// \f$ X \f$ (`NearestCentre::search_and_sum`): block by block, the GEMM \f$ G_B = X_B M^\top \f$ and the
/// argmin give the assignment, and each row is added to its cluster's sum while in cache; the update
/// step then only divides, \f$ \mu_j = s_j / |C_j| \f$. All buffers are allocated once before the loop.
/// \throws ShapeError if `X` is empty or `initial_centres` is not (k, d) with \f$ k \ge 1 \f$;
///         ValueError if \f$ k > n \f$, `X` or the centres contain NaN/Inf, or `max_iterations` is 0.
template <class T>
KMeansResult<T> kmeans(const Matrix<T>& X, const Matrix<T>& initial_centres, const KMeansOptions& options = {});

}  // namespace dlc
