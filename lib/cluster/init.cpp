#include "cluster/init.hpp"

#include "cluster/checks.hpp"
#include "core/check.hpp"

#include <string>

namespace dlc {

namespace {

// The k requested by an initializer: 1 <= k <= n.
void check_k(const char* where, std::size_t k, std::size_t n) {
    if (k == 0 || k > n)
        throw ValueError(where, "k must be between 1 and n = " + std::to_string(n) + ", got k = " + std::to_string(k));
}

// ||x - y||^2 in double, the direct formula.
template <class T>
double sq_dist_double(const T* a, const T* b, std::size_t d) {
    double s = 0;
    for (std::size_t l = 0; l < d; ++l) {
        const double diff = static_cast<double>(a[l]) - static_cast<double>(b[l]);
        s += diff * diff;
    }
    return s;
}

template <class T>
void copy_row(const Matrix<T>& from, std::size_t i, Matrix<T>& to, std::size_t j) {
    const std::size_t d = from.shape(1);
    std::copy(from.data() + i * d, from.data() + (i + 1) * d, to.data() + j * d);
}

}  // namespace

template <class T>
Matrix<T> points_as_centres(const Matrix<T>& X, const std::vector<std::size_t>& indices) {
    const char* where = "points_as_centres";
    check_nonempty(where, "X", X);
    const std::size_t n = X.shape(0), d = X.shape(1);
    check_k(where, indices.size(), n);
    Matrix<T> centres = Matrix<T>::from_shape({indices.size(), d});
    for (std::size_t j = 0; j < indices.size(); ++j) {
        if (indices[j] >= n)
            throw ValueError(where, "indices must be < n = " + std::to_string(n) + ", got " +
                                        std::to_string(indices[j]) + " at position " + std::to_string(j));
        copy_row(X, indices[j], centres, j);
    }
    return centres;
}

template <class T>
Matrix<T> random_points_init(const Matrix<T>& X, std::size_t k, Rng& rng) {
    const char* where = "random_points_init";
    check_cluster_data(where, X);
    check_k(where, k, X.shape(0));
    return points_as_centres(X, rng.sample_without_replacement(X.shape(0), k));
}

template <class T>
std::vector<double> kmeanspp_probabilities(const Matrix<T>& X, const Matrix<T>& chosen) {
    const char* where = "kmeanspp_probabilities";
    check_cluster_data(where, X);
    const std::size_t m = check_centres(where, "chosen", X, chosen);
    const std::size_t n = X.shape(0), d = X.shape(1);
    std::vector<double> p(n);
    double total = 0;
    for (std::size_t i = 0; i < n; ++i) {
        double best = sq_dist_double(X.data() + i * d, chosen.data(), d);
        for (std::size_t j = 1; j < m; ++j) best = std::min(best, sq_dist_double(X.data() + i * d, chosen.data() + j * d, d));
        p[i] = best;  // D(x_i)^2
        total += best;
    }
    for (double& pi : p) pi = total > 0 ? pi / total : 1.0 / static_cast<double>(n);
    return p;
}

template <class T>
Matrix<T> kmeanspp_init(const Matrix<T>& X, std::size_t k, Rng& rng) {
    const char* where = "kmeanspp_init";
    check_cluster_data(where, X);
    const std::size_t n = X.shape(0), d = X.shape(1);
    check_k(where, k, n);
    Matrix<T> centres = Matrix<T>::from_shape({k, d});
    std::vector<bool> taken(n, false);

    std::size_t first = rng.index(n);  // uniform over the data
    copy_row(X, first, centres, 0);
    taken[first] = true;
    // weights[i] = D(x_i)^2, the squared distance to the nearest chosen centre.
    std::vector<double> weights(n);
    for (std::size_t i = 0; i < n; ++i) weights[i] = sq_dist_double(X.data() + i * d, centres.data(), d);

    for (std::size_t j = 1; j < k; ++j) {
        double total = 0;
        for (std::size_t i = 0; i < n; ++i)
            if (!taken[i]) total += weights[i];
        std::size_t next;
        if (total > 0) {
            next = rng.categorical(weights);  // P(i) = D(x_i)^2 / sum_l D(x_l)^2; chosen points have weight 0
        } else {
            // Fewer than k distinct points: a uniformly drawn point not chosen yet.
            std::vector<std::size_t> free;
            for (std::size_t i = 0; i < n; ++i)
                if (!taken[i]) free.push_back(i);
            next = free[rng.index(free.size())];
        }
        copy_row(X, next, centres, j);
        taken[next] = true;
        weights[next] = 0;
        for (std::size_t i = 0; i < n; ++i)
            weights[i] = std::min(weights[i], sq_dist_double(X.data() + i * d, centres.data() + j * d, d));
    }
    return centres;
}

template <class T>
Matrix<T> init_centres(const Matrix<T>& X, std::size_t k, Init init, Rng& rng) {
    return init == Init::kmeans_plus_plus ? kmeanspp_init(X, k, rng) : random_points_init(X, k, rng);
}

template <class T>
KMeansResult<T> kmeans(const Matrix<T>& X, std::size_t k, Init init, Rng& rng, const KMeansOptions& options) {
    return kmeans(X, init_centres(X, k, init, rng), options);
}

template <class T>
RestartsResult<T> kmeans_restarts(const Matrix<T>& X, std::size_t k, std::size_t restarts, Init init, Rng& rng,
                                  const KMeansOptions& options) {
    require(restarts >= 1, "kmeans_restarts", "restarts must be at least 1, got 0");
    RestartsResult<T> r;
    for (std::size_t run = 0; run < restarts; ++run) {
        KMeansResult<T> result = kmeans(X, k, init, rng, options);
        const double J = result.objective.back();
        r.final_objectives.push_back(J);
        if (run == 0 || J < r.best.objective.back()) {
            r.best = std::move(result);
            r.best_restart = run;
        }
    }
    return r;
}

#define DLC_INSTANTIATE_INIT(T)                                                                                  \
    template Matrix<T> points_as_centres<T>(const Matrix<T>&, const std::vector<std::size_t>&);                  \
    template Matrix<T> random_points_init<T>(const Matrix<T>&, std::size_t, Rng&);                               \
    template std::vector<double> kmeanspp_probabilities<T>(const Matrix<T>&, const Matrix<T>&);                  \
    template Matrix<T> kmeanspp_init<T>(const Matrix<T>&, std::size_t, Rng&);                                    \
    template Matrix<T> init_centres<T>(const Matrix<T>&, std::size_t, Init, Rng&);                               \
    template KMeansResult<T> kmeans<T>(const Matrix<T>&, std::size_t, Init, Rng&, const KMeansOptions&);         \
    template RestartsResult<T> kmeans_restarts<T>(const Matrix<T>&, std::size_t, std::size_t, Init, Rng&,       \
                                                  const KMeansOptions&);
DLC_INSTANTIATE_INIT(float)
DLC_INSTANTIATE_INIT(double)
#undef DLC_INSTANTIATE_INIT

}  // namespace dlc
