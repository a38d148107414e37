#include "vae/sample_distance.hpp"

#include "core/check.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace dlc {

namespace {

double mean_distance(const Matrix<double>& A, const Matrix<double>& B, bool same) {
    const std::size_t n = A.shape(0), m = B.shape(0), d = A.shape(1);
    double total = 0;
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = same ? i + 1 : 0; j < m; ++j) {
            double s = 0;
            for (std::size_t l = 0; l < d; ++l) {
                const double diff = A(i, l) - B(j, l);
                s += diff * diff;
            }
            total += std::sqrt(s);
        }
    const double pairs = same ? 0.5 * double(n) * double(n - 1) : double(n) * double(m);
    return total / pairs;
}

}  // namespace

double energy_distance(const Matrix<double>& X, const Matrix<double>& Y) {
    const char* where = "energy_distance";
    if (X.shape(0) < 2 || Y.shape(0) < 2 || X.shape(1) != Y.shape(1) || X.shape(1) == 0)
        throw ShapeError(where, "need two samples of at least 2 points of the same dimension, got " + shape_of(X) +
                                    " and " + shape_of(Y));
    check_finite(where, "X", X);
    check_finite(where, "Y", Y);
    return 2 * mean_distance(X, Y, false) - mean_distance(X, X, true) - mean_distance(Y, Y, true);
}

double sliced_wasserstein(const Matrix<double>& X, const Matrix<double>& Y, std::size_t directions, Rng& rng) {
    const char* where = "sliced_wasserstein";
    if (X.shape(0) == 0 || X.shape(0) != Y.shape(0) || X.shape(1) != Y.shape(1))
        throw ShapeError(where, "need two samples of the same shape, got " + shape_of(X) + " and " + shape_of(Y));
    require(directions >= 1, where, "the number of directions must be at least 1");
    check_finite(where, "X", X);
    check_finite(where, "Y", Y);
    const std::size_t n = X.shape(0), d = X.shape(1);
    std::vector<double> theta(d), px(n), py(n);
    double total = 0;
    for (std::size_t k = 0; k < directions; ++k) {
        double norm = 0;
        for (auto& t : theta) {
            t = rng.normal();
            norm += t * t;
        }
        norm = std::sqrt(norm);
        for (auto& t : theta) t /= norm;  // a uniformly random unit direction
        for (std::size_t i = 0; i < n; ++i) {
            double a = 0, b = 0;
            for (std::size_t l = 0; l < d; ++l) a += theta[l] * X(i, l), b += theta[l] * Y(i, l);
            px[i] = a, py[i] = b;
        }
        std::sort(px.begin(), px.end());
        std::sort(py.begin(), py.end());
        double w = 0;
        for (std::size_t i = 0; i < n; ++i) w += (px[i] - py[i]) * (px[i] - py[i]);
        total += w / double(n);
    }
    return std::sqrt(total / double(directions));
}

}  // namespace dlc
