#include "cluster/kmeans.hpp"

#include "cluster/checks.hpp"
#include "cluster/nearest.hpp"
#include "core/check.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace dlc {

namespace {

// s_j = sum_{i : c_i = j} x_i and |C_j|, one pass over the rows (the stand-alone update step; the
// Lloyd loop gets them from NearestCentre::search_and_sum, in the same pass as the assignment).
template <class T>
void accumulate_sums(const Matrix<T>& X, const Labels& c, std::size_t k, Matrix<T>& sums,
                     std::vector<std::size_t>& counts) {
    const std::size_t n = X.shape(0), d = X.shape(1);
    if (sums.shape(0) != k || sums.shape(1) != d) sums.resize({k, d});
    std::fill(sums.data(), sums.data() + k * d, T(0));
    counts.assign(k, 0);
    const T* x = X.data();
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t j = c(i);
        const T* xi = x + i * d;
        T* sj = sums.data() + j * d;
        for (std::size_t l = 0; l < d; ++l) sj[l] += xi[l];
        ++counts[j];
    }
}

// The rest of the update step: mu_j = s_j / |C_j| into the caller-owned buffer `after` (k, d), so the
// Lloyd loop allocates nothing. `sums` and `counts` are consumed (changed by an empty-cluster move).
// `sq_dist` (may be null) holds ||x_i - before_{c_i}||^2; it is needed only for an empty cluster under
// farthest_point and is computed here if null.
template <class T>
void finish_update(const Matrix<T>& X, const Labels& c, const Matrix<T>& before, const Vector<T>* sq_dist,
                   EmptyClusterRule rule, std::size_t iteration, Matrix<T>& sums, std::vector<std::size_t>& counts,
                   Matrix<T>& after, std::vector<EmptyClusterEvent>* events, const char* where) {
    const std::size_t n = X.shape(0), d = X.shape(1), k = before.shape(0);
    if (after.shape(0) != k || after.shape(1) != d) after.resize({k, d});
    const T* x = X.data();
    T* s = sums.data();

    // Empty clusters (rare): see EmptyClusterRule.
    std::vector<std::size_t> empty;
    for (std::size_t j = 0; j < k; ++j)
        if (counts[j] == 0) empty.push_back(j);
    if (!empty.empty()) {
        if (rule == EmptyClusterRule::error)
            throw ValueError(where, "cluster " + std::to_string(empty.front()) + " is empty" +
                                        (iteration ? " in iteration " + std::to_string(iteration) : std::string()) +
                                        "; expected every cluster to keep at least one point "
                                        "(use EmptyClusterRule::farthest_point or keep)");
        if (rule == EmptyClusterRule::keep) {
            for (std::size_t j : empty)
                if (events) events->push_back({iteration, j, EmptyClusterEvent::npos});
        } else {
            Vector<T> computed;
            if (!sq_dist) {
                computed.resize({n});
                for (std::size_t i = 0; i < n; ++i)
                    computed(i) = squared_distance(x + i * d, before.data() + c(i) * d, d);
                sq_dist = &computed;
            }
            std::vector<bool> moved(n, false);
            for (std::size_t j : empty) {
                // p = argmax ||x_p - mu_{c_p}||^2 over points whose cluster keeps another point.
                std::size_t p = n;
                for (std::size_t i = 0; i < n; ++i) {
                    if (moved[i] || counts[c(i)] < 2) continue;
                    if (p == n || (*sq_dist)(i) > (*sq_dist)(p)) p = i;  // strict: lowest index on ties
                }
                // k <= n guarantees a donor: n points in at most k - 1 non-empty clusters.
                const std::size_t donor = c(p);
                const T* xp = x + p * d;
                for (std::size_t l = 0; l < d; ++l) {
                    s[donor * d + l] -= xp[l];
                    s[j * d + l] = xp[l];
                }
                --counts[donor];
                counts[j] = 1;
                moved[p] = true;
                if (events) events->push_back({iteration, j, p});
            }
        }
    }

    // Means: mu_j = (1/|C_j|) sum_{x in C_j} x; a kept empty centre stays where it was.
    for (std::size_t j = 0; j < k; ++j) {
        T* out = after.data() + j * d;
        if (counts[j] == 0) {
            std::copy(before.data() + j * d, before.data() + (j + 1) * d, out);
            continue;
        }
        const T m = static_cast<T>(counts[j]);
        for (std::size_t l = 0; l < d; ++l) out[l] = s[j * d + l] / m;
    }
}

template <class T>
double sum_as_double(const Vector<T>& v) {
    double s = 0;
    for (std::size_t i = 0; i < v.size(); ++i) s += static_cast<double>(v(i));
    return s;
}

}  // namespace

template <class T>
Labels assign(const Matrix<T>& X, const Matrix<T>& centres) {
    check_cluster_data("assign", X);
    check_centres("assign", "centres", X, centres);
    NearestCentre<T> nearest(X);
    Labels c;
    Vector<T> dist;
    nearest.search(centres, c, dist);
    return c;
}

template <class T>
Matrix<T> update(const Matrix<T>& X, const Labels& assignments, const Matrix<T>& centres, EmptyClusterRule rule,
                 std::vector<EmptyClusterEvent>* events) {
    check_cluster_data("update", X);
    const std::size_t k = check_centres("update", "centres", X, centres);
    check_assignments("update", X, assignments, k);
    Matrix<T> sums, after;
    std::vector<std::size_t> counts;
    accumulate_sums(X, assignments, k, sums, counts);
    finish_update(X, assignments, centres, static_cast<const Vector<T>*>(nullptr), rule, 0, sums, counts, after,
                  events, "update");
    return after;
}

template <class T>
double objective(const Matrix<T>& X, const Matrix<T>& centres, const Labels& assignments) {
    check_cluster_data("objective", X);
    const std::size_t k = check_centres("objective", "centres", X, centres);
    check_assignments("objective", X, assignments, k);
    const std::size_t n = X.shape(0), d = X.shape(1);
    double J = 0;
    for (std::size_t i = 0; i < n; ++i)
        J += static_cast<double>(squared_distance(X.data() + i * d, centres.data() + assignments(i) * d, d));
    return J;
}

template <class T>
KMeansResult<T> kmeans(const Matrix<T>& X, const Matrix<T>& initial_centres, const KMeansOptions& options) {
    const char* where = "kmeans";
    check_cluster_data(where, X);
    const std::size_t k = check_centres(where, "initial_centres", X, initial_centres);
    require(options.max_iterations >= 1, where, "max_iterations must be at least 1, got 0");
    const std::size_t d = X.shape(1);

    // Every buffer the loop needs, allocated once: the search's blocks and norms, the cluster sums,
    // two centre matrices and two label vectors that are swapped, not copied.
    NearestCentre<T> nearest(X);
    Matrix<T> mu = initial_centres;
    Matrix<T> mu_next = Matrix<T>::from_shape({k, d});
    Matrix<T> sums = Matrix<T>::from_shape({k, d});
    std::vector<std::size_t> counts(k);
    Labels c, c_prev;
    Vector<T> dist;

    KMeansResult<T> r;
    // c^(0), and in the same pass over X the sums s_j of its clusters (for mu^(1)).
    nearest.search_and_sum(mu, c, dist, sums, counts);
    r.objective.push_back(sum_as_double(dist));
    for (std::size_t t = 1; t <= options.max_iterations; ++t) {
        std::swap(c, c_prev);  // c_prev = c^(t-1)
        // Update step: mu^(t)_j = s_j / |C_j| (sums from the last pass), empty clusters handled.
        finish_update(X, c_prev, mu, &dist, options.empty_cluster, t, sums, counts, mu_next, &r.empty_clusters, where);
        if (options.record_trace) r.trace.push_back({mu, c_prev, mu_next});
        std::swap(mu, mu_next);  // mu = mu^(t)
        // Assignment step: c^(t), plus the sums for the next update.
        nearest.search_and_sum(mu, c, dist, sums, counts);
        const double J = sum_as_double(dist);
        r.objective.push_back(J);
        r.iterations = t;
        if (options.on_iteration) options.on_iteration(t, J);
        if (std::equal(c.data(), c.data() + c.size(), c_prev.data())) {  // c^(t) = c^(t-1): a fixed point
            r.converged = true;
            break;
        }
    }
    r.centres = std::move(mu);
    r.assignments = std::move(c);
    return r;
}

#define DLC_INSTANTIATE_KMEANS(T)                                                                              \
    template Labels assign<T>(const Matrix<T>&, const Matrix<T>&);                                             \
    template Matrix<T> update<T>(const Matrix<T>&, const Labels&, const Matrix<T>&, EmptyClusterRule,           \
                                 std::vector<EmptyClusterEvent>*);                                             \
    template double objective<T>(const Matrix<T>&, const Matrix<T>&, const Labels&);                            \
    template KMeansResult<T> kmeans<T>(const Matrix<T>&, const Matrix<T>&, const KMeansOptions&);
DLC_INSTANTIATE_KMEANS(float)
DLC_INSTANTIATE_KMEANS(double)
#undef DLC_INSTANTIATE_KMEANS

}  // namespace dlc
