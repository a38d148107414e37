#include "cluster/nearest_plain.hpp"

#include "core/check.hpp"

namespace dlc {

template <class T>
NearestPlain<T> nearest_centres_plain(const Matrix<T>& X, const Matrix<T>& centres) {
    const char* where = "nearest_centres_plain";
    check_nonempty(where, "X", X);
    check_nonempty(where, "centres", centres);
    check_shape(where, "centres", centres, {any_extent, static_cast<long>(X.shape(1))});
    const std::size_t n = X.shape(0), k = centres.shape(0), d = X.shape(1);

    NearestPlain<T> r;
    r.assignments = Labels::from_shape({n});
    r.sq_distances = Vector<T>::from_shape({n});
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t best = 0;
        T best_distance = 0;
        for (std::size_t j = 0; j < k; ++j) {
            T distance = 0;  // ||x_i - mu_j||^2 = sum_l (x_il - mu_jl)^2
            for (std::size_t l = 0; l < d; ++l) distance += (X(i, l) - centres(j, l)) * (X(i, l) - centres(j, l));
            if (j == 0 || distance < best_distance) {  // strict <: the first minimum wins a tie
                best = j;
                best_distance = distance;
            }
        }
        r.assignments(i) = best;
        r.sq_distances(i) = best_distance;
    }
    return r;
}

template NearestPlain<float> nearest_centres_plain<float>(const Matrix<float>&, const Matrix<float>&);
template NearestPlain<double> nearest_centres_plain<double>(const Matrix<double>&, const Matrix<double>&);

}  // namespace dlc
