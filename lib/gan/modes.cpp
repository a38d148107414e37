#include "gan/modes.hpp"

#include "core/check.hpp"

#include <cmath>
#include <limits>
#include <string>

namespace dlc {

Matrix<double> ring_centres(std::size_t modes, double radius) {
    require(modes > 0, "ring_centres", "expected at least one mode, got 0");
    require(std::isfinite(radius) && radius > 0, "ring_centres", "expected a radius > 0, got " + std::to_string(radius));
    Matrix<double> c = Matrix<double>::from_shape({modes, 2});
    for (std::size_t k = 0; k < modes; ++k) {
        const double angle = 2 * M_PI * double(k) / double(modes);
        c(k, 0) = radius * std::cos(angle);
        c(k, 1) = radius * std::sin(angle);
    }
    return c;
}

namespace {

void check_centres(const char* where, const Matrix<double>& centres, double sigma) {
    check_shape(where, "centres", centres, {any_extent, 2});
    check_nonempty(where, "centres", centres);
    check_finite(where, "centres", centres);
    require(std::isfinite(sigma) && sigma > 0, where, "expected sigma > 0, got " + std::to_string(sigma));
}

}  // namespace

template <class T>
Matrix<T> sample_gaussian_mixture(const Matrix<double>& centres, double sigma, std::size_t n, Rng& rng) {
    check_centres("sample_gaussian_mixture", centres, sigma);
    Matrix<T> x = Matrix<T>::from_shape({n, 2});
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t k = rng.index(centres.shape(0));
        x(i, 0) = static_cast<T>(rng.normal(centres(k, 0), sigma));
        x(i, 1) = static_cast<T>(rng.normal(centres(k, 1), sigma));
    }
    return x;
}

template <class T>
ModeCoverage mode_coverage(const Matrix<T>& samples, const Matrix<double>& centres, double sigma, double min_share) {
    const char* where = "mode_coverage";
    check_centres(where, centres, sigma);
    check_shape(where, "samples", samples, {any_extent, 2});
    check_nonempty(where, "samples", samples);
    require(min_share > 0 && min_share <= 1, where, "expected min_share in (0, 1], got " + std::to_string(min_share));
    const std::size_t K = centres.shape(0), n = samples.shape(0);
    ModeCoverage cov;
    cov.counts.assign(K, 0);
    std::size_t good = 0;
    for (std::size_t i = 0; i < n; ++i) {
        double best = std::numeric_limits<double>::infinity();
        std::size_t arg = 0;
        for (std::size_t k = 0; k < K; ++k) {
            const double dx = double(samples(i, 0)) - centres(k, 0), dy = double(samples(i, 1)) - centres(k, 1);
            const double d2 = dx * dx + dy * dy;
            if (d2 < best) best = d2, arg = k;
        }
        if (best <= 9 * sigma * sigma) {  // within 3 sigma
            ++cov.counts[arg];
            ++good;
        }
    }
    cov.high_quality_share = double(good) / double(n);
    for (std::size_t k = 0; k < K; ++k)
        if (double(cov.counts[k]) >= min_share * double(n)) ++cov.covered;
    return cov;
}

template Matrix<float> sample_gaussian_mixture<float>(const Matrix<double>&, double, std::size_t, Rng&);
template Matrix<double> sample_gaussian_mixture<double>(const Matrix<double>&, double, std::size_t, Rng&);
template ModeCoverage mode_coverage<float>(const Matrix<float>&, const Matrix<double>&, double, double);
template ModeCoverage mode_coverage<double>(const Matrix<double>&, const Matrix<double>&, double, double);

}  // namespace dlc
