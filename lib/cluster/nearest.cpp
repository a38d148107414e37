#include "cluster/nearest.hpp"

#include "core/check.hpp"
#include "core/threads.hpp"

#include <xtensor-blas/xblas.hpp>
#include <xtensor/xadapt.hpp>

#include <algorithm>
#include <array>
#include <limits>
#include <thread>

namespace dlc {

template <class T>
T squared_distance(const T* a, const T* b, std::size_t d) {
    T s = 0;
    for (std::size_t l = 0; l < d; ++l) {
        const T diff = a[l] - b[l];
        s += diff * diff;
    }
    return s;
}

namespace {

// The direct argmin over all k centres for row x: first minimum wins.
template <class T>
std::size_t direct_argmin(const T* x, const T* mu, std::size_t k, std::size_t d, T& best_d) {
    std::size_t best = 0;
    best_d = squared_distance(x, mu, d);
    for (std::size_t j = 1; j < k; ++j) {
        const T dj = squared_distance(x, mu + j * d, d);
        if (dj < best_d) {  // strict: the lowest index wins a tie
            best_d = dj;
            best = j;
        }
    }
    return best;
}

// Largest block with at most 2^18 multiply-adds per GEMM (OpenBLAS's single-thread size), 8..256 rows.
std::size_t block_rows_for(std::size_t k, std::size_t d) {
    const std::size_t per_row = std::max<std::size_t>(1, k * d);
    return std::clamp<std::size_t>((std::size_t(1) << 18) / per_row, 8, 256);
}

}  // namespace

template <class T>
NearestCentre<T>::NearestCentre(const Matrix<T>& X, DistanceMethod method) : X_(X), method_(method) {
    check_nonempty("NearestCentre", "X", X);
    const std::size_t n = X.shape(0), d = X.shape(1);
    x_sq_norms_.resize({n});
    const T* x = X.data();
    for (std::size_t i = 0; i < n; ++i) {
        const T* row = x + i * d;
        T s = 0;
        for (std::size_t l = 0; l < d; ++l) s += row[l] * row[l];
        x_sq_norms_(i) = s;
    }
    
}

template <class T>
void NearestCentre<T>::search(const Matrix<T>& centres, Labels& assignments, Vector<T>& sq_distances) {
    run(centres, assignments, sq_distances, nullptr, nullptr);
}

template <class T>
void NearestCentre<T>::search_and_sum(const Matrix<T>& centres, Labels& assignments, Vector<T>& sq_distances,
                                      Matrix<T>& sums, std::vector<std::size_t>& counts) {
    run(centres, assignments, sq_distances, &sums, &counts);
}

template <class T>
void NearestCentre<T>::run(const Matrix<T>& centres, Labels& assignments, Vector<T>& sq_distances, Matrix<T>* sums,
                           std::vector<std::size_t>* counts) {
    const std::size_t n = X_.shape(0), d = X_.shape(1);
    check_nonempty("NearestCentre::search", "centres", centres);
    check_shape("NearestCentre::search", "centres", centres, {any_extent, static_cast<long>(d)});
    const std::size_t k = centres.shape(0);
    if (assignments.size() != n) assignments.resize({n});
    if (sq_distances.size() != n) sq_distances.resize({n});
    const bool direct = method_ == DistanceMethod::direct ||
                        (method_ == DistanceMethod::automatic && n * k * d <= direct_limit);
    const bool summing = sums != nullptr;
    last_method_ = direct ? DistanceMethod::direct : DistanceMethod::expansion;

    if (!direct) {
        // ||mu_j||^2, and the largest of them for the near-tie tolerance.
        if (centre_sq_norms_.size() != k) centre_sq_norms_.resize({k});
        max_centre_sq_norm_ = 0;
        for (std::size_t j = 0; j < k; ++j) {
            const T* row = centres.data() + j * d;
            T s = 0;
            for (std::size_t l = 0; l < d; ++l) s += row[l] * row[l];
            centre_sq_norms_(j) = s;
            max_centre_sq_norm_ = std::max(max_centre_sq_norm_, s);
        }
    }

    // Partition: direct -> one stripe, one block; expansion -> up to max_stripes stripes of
    // at least 16 blocks each, blocks of B rows.
    block_rows_ = direct ? n : std::min(n, block_rows_for(k, d));
    const std::size_t n_stripes = direct ? 1 : std::clamp<std::size_t>(n / (16 * block_rows_), 1, max_stripes);
    if (stripes_.size() < n_stripes) stripes_.resize(n_stripes);
    for (std::size_t s = 0; s < n_stripes; ++s) {
        Stripe& st = stripes_[s];
        if (!direct && (st.dots.shape(0) != block_rows_ || st.dots.shape(1) != k)) st.dots.resize({block_rows_, k});
        if (summing) {
            if (st.sums.shape(0) != k || st.sums.shape(1) != d) st.sums.resize({k, d});
            std::fill(st.sums.data(), st.sums.data() + k * d, T(0));
            st.counts.assign(k, 0);
        }
        st.rechecked = 0;
    }

    // Stripe s covers rows [s n / S, (s + 1) n / S); thread w does stripes w, w + T, w + 2T, ...
    threads_ = std::min(n_stripes, worker_threads());
    auto work = [&](std::size_t w) {
        for (std::size_t s = w; s < n_stripes; s += threads_)
            process(stripes_[s], s * n / n_stripes, (s + 1) * n / n_stripes, centres, direct, summing, assignments,
                    sq_distances);
    };
    std::vector<std::thread> pool;
    for (std::size_t w = 1; w < threads_; ++w) pool.emplace_back(work, w);
    work(0);
    for (auto& t : pool) t.join();

    // Combine the stripes in order (the same order for any number of threads).
    rechecked_ = 0;
    for (std::size_t s = 0; s < n_stripes; ++s) rechecked_ += stripes_[s].rechecked;
    if (summing) {
        if (sums->shape(0) != k || sums->shape(1) != d) sums->resize({k, d});
        std::copy(stripes_[0].sums.data(), stripes_[0].sums.data() + k * d, sums->data());
        *counts = stripes_[0].counts;
        for (std::size_t s = 1; s < n_stripes; ++s) {
            const T* part = stripes_[s].sums.data();
            T* out = sums->data();
            for (std::size_t q = 0; q < k * d; ++q) out[q] += part[q];
            for (std::size_t j = 0; j < k; ++j) (*counts)[j] += stripes_[s].counts[j];
        }
    }
}

template <class T>
void NearestCentre<T>::process(Stripe& st, std::size_t begin, std::size_t end, const Matrix<T>& centres, bool direct,
                               bool summing, Labels& assignments, Vector<T>& sq_distances) const {
    const std::size_t d = X_.shape(1), k = centres.shape(0);
    const T* x = X_.data();
    const T* mu = centres.data();
    auto add_row = [&](std::size_t i, std::size_t j) {
        if (!summing) return;
        const T* xi = x + i * d;
        T* sj = st.sums.data() + j * d;
        for (std::size_t l = 0; l < d; ++l) sj[l] += xi[l];
        ++st.counts[j];
    };

    if (direct) {
        for (std::size_t i = begin; i < end; ++i) {
            T best_d;
            const std::size_t best = direct_argmin(x + i * d, mu, k, d, best_d);
            assignments(i) = best;
            sq_distances(i) = best_d;
            add_row(i, best);
        }
        return;
    }

    const T tol_factor = T(2 * d + 4) * std::numeric_limits<T>::epsilon();
    const T* mu_sq = centre_sq_norms_.data();
    for (std::size_t b0 = begin; b0 < end; b0 += block_rows_) {
        const std::size_t m = std::min(block_rows_, end - b0);
        // G_B = X_B M^T: one GEMM for this block of m rows, into the stripe's (B, k) buffer.
        const std::array<std::size_t, 2> block_shape = {m, d}, out_shape = {m, k};
        const auto XB = xt::adapt(x + b0 * d, m * d, xt::no_ownership(), block_shape);
        auto GB = xt::adapt(st.dots.data(), m * k, xt::no_ownership(), out_shape);
        xt::blas::gemm(XB, centres, GB, false, true);

        for (std::size_t r = 0; r < m; ++r) {
            const std::size_t i = b0 + r;
            const T* gi = st.dots.data() + r * k;
            const T xi_sq = x_sq_norms_(i);
            // Best and second-best expanded distance; strict < keeps the lowest index on ties.
            std::size_t best = 0;
            T best_d = xi_sq - 2 * gi[0] + mu_sq[0];
            T second_d = std::numeric_limits<T>::infinity();
            for (std::size_t j = 1; j < k; ++j) {
                const T dj = xi_sq - 2 * gi[j] + mu_sq[j];
                if (dj < best_d) {
                    second_d = best_d;
                    best_d = dj;
                    best = j;
                } else if (dj < second_d) {
                    second_d = dj;
                }
            }
            const T tol = tol_factor * (xi_sq + max_centre_sq_norm_);
            if (second_d - best_d <= tol) {
                // A near-tie: the expansion's rounding could have swapped the order. Every centre
                // whose expanded distance is within tol of the best is a candidate (the others are
                // provably farther); redo the candidates with the direct formula, in index order, so
                // the lowest index wins an exact tie.
                ++st.rechecked;
                const T limit = best_d + tol;
                bool first = true;
                for (std::size_t j = 0; j < k; ++j) {
                    if (xi_sq - 2 * gi[j] + mu_sq[j] > limit) continue;
                    const T dj = squared_distance(x + i * d, mu + j * d, d);
                    if (first || dj < best_d) {
                        best_d = dj;
                        best = j;
                        first = false;
                    }
                }
            }
            assignments(i) = best;
            sq_distances(i) = std::max(best_d, T(0));
            add_row(i, best);
        }
    }
}

template float squared_distance<float>(const float*, const float*, std::size_t);
template double squared_distance<double>(const double*, const double*, std::size_t);
template class NearestCentre<float>;
template class NearestCentre<double>;

}  // namespace dlc
