/// \file
/// \brief Nearest-centre search: the Voronoi assignment \f$ c_i = \arg\min_j \|x_i - \mu_j\|^2 \f$,
/// fast for large data and exact for the worked examples.
///
/// Lecture: "K-means, GMM, EM" slides (k-means algorithm, step (3)); ECE/CS 559 notes L17/18,
/// section 4 ("Batch competitive learning interpretation of k-means"), which gives the
/// decomposition used here:
/// \f[ \|x - c_i\|^2 = \|x\|^2 - 2 x^\top c_i + \|c_i\|^2 . \f]
#pragma once

#include "core/tensor.hpp"

#include <cstddef>
#include <vector>

namespace dlc {

/// \brief How `NearestCentre` computes the squared distances \f$ \|x_i - \mu_j\|^2 \f$.
enum class DistanceMethod {
    /// `direct` when \f$ n k d \le \f$ `NearestCentre<T>::direct_limit`, otherwise `expansion`.
    automatic,
    /// The definition \f$ \sum_{l=1}^d (x_{il} - \mu_{jl})^2 \f$ for every pair: \f$ O(nkd) \f$
    /// scalar work, no cancellation (the worked examples' exact numbers).
    direct,
    /// The expansion \f$ \|x_i\|^2 - 2 x_i^\top \mu_j + \|\mu_j\|^2 \f$ with the products
    /// \f$ x_i^\top \mu_j \f$ from BLAS matrix products \f$ G = X M^\top \f$, near-ties re-checked
    /// with the direct formula (see `NearestCentre`).
    expansion,
};

/// \brief Finds the nearest centre of every data point, \f$ c_i = \arg\min_j \|x_i - \mu_j\|^2 \f$,
/// reusing its buffers across calls (one call per Lloyd iteration).
///
/// The data \f$ X \f$ (n, d), one point per row, is fixed at construction; its squared norms
/// \f$ \|x_i\|^2 \f$ are computed once there. Each search takes the centres \f$ M \f$ (k, d), one
/// centre \f$ \mu_j \f$ per row.
///
/// **Ties**: the lowest centre index wins (\f$ \arg\min \f$ returns the first minimum).
///
/// **Speed** (`DistanceMethod::expansion`). The distances are
/// \f$ \hat d_{ij} = \|x_i\|^2 - 2 G_{ij} + \|\mu_j\|^2 \f$ with \f$ G = X M^\top \f$. The product is
/// computed block by block: for each block \f$ X_B \f$ of `block_rows()` consecutive rows, one GEMM
/// \f$ G_B = X_B M^\top \f$ (`xt::blas::gemm`) into a preallocated (B, k) buffer, then the argmin of
/// each row, then (for `search_and_sum`) \f$ x_i \f$ is added to its cluster's sum while the block is
/// still in cache. So one pass over \f$ X \f$ does both Lloyd steps' heavy work; a single
/// \f$ (n \times d)(d \times k) \f$ GEMM followed by a separate update pass reads \f$ X \f$ twice. The
/// block size keeps each GEMM at most \f$ 2^{18} \f$ multiply-adds, which OpenBLAS computes in the
/// calling thread. The rows are split into a fixed number of stripes (`max_stripes`) with their own
/// buffers and partial sums, processed by up to `worker_threads()` threads (`--threads N`) and
/// added in stripe order, so the result is the same bit for bit whatever the number of threads.
///
/// **Exactness.** The expansion cancels: each \f$ \hat d_{ij} \f$ may be off by up to about
/// \f$ (d + 2)\,\varepsilon\,(\|x_i\|^2 + \|\mu_j\|^2) \f$ (\f$ \varepsilon \f$ = machine epsilon of `T`;
/// the standard dot-product error bound). So for each row the best and second-best \f$ \hat d \f$ are
/// compared: if they are within
/// \f[ \tau_i = (2d + 4)\,\varepsilon\,\bigl(\|x_i\|^2 + \max_j \|\mu_j\|^2\bigr) \f]
/// (the bound for each of the two candidates) the argmin is not trusted: every centre with
/// \f$ \hat d_{ij} \le \hat d_{i,\text{best}} + \tau_i \f$ is a candidate (any other centre is provably
/// farther than the best one), and the candidates are redone with the direct formula, in index
/// order. Hence the assignment (including the lowest-index tie rule) is always the one the direct
/// formula gives, and the reported minimum distance of a re-checked row is the direct one; other
/// rows report \f$ \max(0, \hat d_{ic_i}) \f$. (The bound is the worst case, linear in d: on MNIST
/// about 0.3% of the rows are re-checked in float, none in double.) With
/// `automatic`, small problems (\f$ nkd \le \f$ `direct_limit`, all the worked examples) use the
/// direct formula throughout, in row order on one thread, so their distances, sums and objectives
/// are the textbook numbers.
///
/// **The plain reference**: `nearest_centres_plain` (nearest_plain.hpp) is the same search written as the slide
/// writes it (every distance by its definition, one point at a time); the tests check that both give the same
/// assignments.
template <class T>
class NearestCentre {
public:
    /// \brief Problems with \f$ n k d \f$ at most this use the direct formula under `automatic`.
    static constexpr std::size_t direct_limit = 65536;
    /// \brief The number of row stripes of a large search (fewer for small n); fixed, so that the
    /// summation order does not depend on the number of threads.
    static constexpr std::size_t max_stripes = 4;

    /// \brief Prepares the search over the data `X` (n, d); precomputes \f$ \|x_i\|^2 \f$.
    ///
    /// `X` is referenced, not copied: it must outlive this object and not change.
    /// \throws ShapeError if `X` is empty.
    explicit NearestCentre(const Matrix<T>& X, DistanceMethod method = DistanceMethod::automatic);

    /// \brief Writes \f$ c_i = \arg\min_j \|x_i - \mu_j\|^2 \f$ into `assignments` and
    /// \f$ \min_j \|x_i - \mu_j\|^2 \f$ into `sq_distances` (both resized to n if needed).
    ///
    /// \param centres       \f$ M \f$, (k, d), one centre per row, \f$ k \ge 1 \f$
    /// \param assignments   receives \f$ c_i \f$, (n)
    /// \param sq_distances  receives \f$ \|x_i - \mu_{c_i}\|^2 \f$, (n)
    /// \throws ShapeError if `centres` is empty or has the wrong number of columns.
    void search(const Matrix<T>& centres, Labels& assignments, Vector<T>& sq_distances);

    /// \brief `search`, and in the same pass the update step's sums: \f$ s_j = \sum_{i : c_i = j} x_i \f$
    /// into row j of `sums` (k, d) and \f$ |C_j| \f$ into `counts[j]` (both resized if needed).
    /// \param centres       \f$ M \f$, (k, d)
    /// \param assignments   receives \f$ c_i \f$, (n)
    /// \param sq_distances  receives \f$ \|x_i - \mu_{c_i}\|^2 \f$, (n)
    /// \param sums          receives \f$ s_j \f$, (k, d)
    /// \param counts        receives \f$ |C_j| \f$, (k)
    void search_and_sum(const Matrix<T>& centres, Labels& assignments, Vector<T>& sq_distances, Matrix<T>& sums,
                        std::vector<std::size_t>& counts);

    /// \brief The method the last search used (`direct` or `expansion`, never `automatic`).
    DistanceMethod last_method() const { return last_method_; }

    /// \brief How many rows the last search re-checked with the direct formula (near-ties).
    std::size_t rechecked_rows() const { return rechecked_; }

    /// \brief Rows per GEMM block in the last search (n for the direct method).
    std::size_t block_rows() const { return block_rows_; }

    /// \brief Threads the last search ran on.
    std::size_t threads() const { return threads_; }

    /// \brief The precomputed squared norms \f$ \|x_i\|^2 \f$, shape (n).
    const Vector<T>& sq_norms() const { return x_sq_norms_; }

private:
    struct Stripe {
        Matrix<T> dots;                   // G_B = X_B M^T for one block, (B, k)
        Matrix<T> sums;                   // partial cluster sums of this stripe's rows, (k, d)
        std::vector<std::size_t> counts;  // partial cluster sizes, (k)
        std::size_t rechecked = 0;
    };

    void run(const Matrix<T>& centres, Labels& assignments, Vector<T>& sq_distances, Matrix<T>* sums,
             std::vector<std::size_t>* counts);
    void process(Stripe& stripe, std::size_t begin, std::size_t end, const Matrix<T>& centres, bool direct,
                 bool summing, Labels& assignments, Vector<T>& sq_distances) const;

    const Matrix<T>& X_;
    DistanceMethod method_;
    DistanceMethod last_method_ = DistanceMethod::automatic;
    std::size_t rechecked_ = 0;
    std::size_t block_rows_ = 0;
    std::size_t threads_ = 1;
    Vector<T> x_sq_norms_;
    Vector<T> centre_sq_norms_;
    T max_centre_sq_norm_ = 0;
    std::vector<Stripe> stripes_;
};

/// \brief The squared Euclidean distance \f$ \|a - b\|^2 = \sum_{l=1}^d (a_l - b_l)^2 \f$ of two
/// length-d arrays (the direct formula, no cancellation).
template <class T>
T squared_distance(const T* a, const T* b, std::size_t d);

}  // namespace dlc
