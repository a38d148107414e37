#include "cluster/minibatch_tradeoff.hpp"

#include "cluster/kmeans.hpp"
#include "core/check.hpp"

#include <algorithm>
#include <vector>

#include <cmath>
#include <string>

namespace dlc {

double tradeoff_bias(double alpha) { return (1 - alpha) / alpha; }

double tradeoff_variance(double alpha, double b) { return alpha * alpha / (1 - (1 - alpha) * (1 - alpha)) / b; }

namespace {

void check_batch(const char* where, double b) {
    require(b >= 1 && std::isfinite(b), where, "the batch size b must be at least 1, got " + std::to_string(b));
}

// The root of f on (0, 1], f decreasing with f(0+) > 0 > f(1): bisection.
template <class F>
double bisect(F f) {
    double lo = 1e-9, hi = 1;
    while (hi - lo > 1e-12) {
        const double mid = (lo + hi) / 2;
        (f(mid) > 0 ? lo : hi) = mid;
    }
    return (lo + hi) / 2;
}

}  // namespace

double balance_eta(double b) {
    check_batch("balance_eta", b);
    const double alpha = bisect([b](double a) {
        const double bias = tradeoff_bias(a);
        return bias * bias - tradeoff_variance(a, b);
    });
    return 5 * alpha;
}

double best_eta(double b) {
    check_batch("best_eta", b);
    // d/dalpha [((1 - a)/a)^2 + a / (b (2 - a))] = -2 (1 - a) / a^3 + 2 / (b (2 - a)^2): increasing in a.
    const double alpha = bisect([b](double a) { return 2 * (1 - a) / (a * a * a) - 2 / (b * (2 - a) * (2 - a)); });
    return 5 * alpha;
}

template <class T>
void minibatch_kmeans_epoch(Matrix<T>& C, const Matrix<T>& X, std::size_t batch, double alpha, Rng& rng) {
    require(alpha > 0 && alpha <= 1, "minibatch_kmeans_epoch", "alpha = eta/5 must be in (0, 1], got " +
                                                                   std::to_string(alpha));
    require(batch > 0, "minibatch_kmeans_epoch", "the batch size must be positive");
    check_shape("minibatch_kmeans_epoch", "X", X, {any_extent, long(C.shape(1))});
    check_nonempty("minibatch_kmeans_epoch", "X", X);
    const std::size_t n = X.shape(0), d = X.shape(1), k = C.shape(0);
    const std::vector<std::size_t> order = rng.permutation(n);
    Matrix<T> B, m = Matrix<T>::from_shape({k, d});
    std::vector<std::size_t> count(k);
    for (std::size_t lo = 0; lo < n; lo += batch) {
        const std::size_t size = std::min(n, lo + batch) - lo;
        if (B.shape(0) != size) B = Matrix<T>::from_shape({size, d});
        for (std::size_t r = 0; r < size; ++r) std::copy_n(X.data() + order[lo + r] * d, d, B.data() + r * d);
        // m_i: the mean of the batch's points in the Voronoi cell of C_i
        const Labels cell = assign(B, C);
        std::fill(m.begin(), m.end(), T(0));
        std::fill(count.begin(), count.end(), 0);
        for (std::size_t r = 0; r < size; ++r) {
            ++count[cell(r)];
            for (std::size_t j = 0; j < d; ++j) m(cell(r), j) += B(r, j);
        }
        // C_i <- (1 - alpha) C_i + alpha m_i
        for (std::size_t i = 0; i < k; ++i) {
            if (count[i] == 0) continue;
            for (std::size_t j = 0; j < d; ++j)
                C(i, j) = T((1 - alpha) * C(i, j) + alpha * m(i, j) / T(count[i]));
        }
    }
}

template void minibatch_kmeans_epoch(Matrix<float>&, const Matrix<float>&, std::size_t, double, Rng&);
template void minibatch_kmeans_epoch(Matrix<double>&, const Matrix<double>&, std::size_t, double, Rng&);

}  // namespace dlc
