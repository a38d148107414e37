#include "core/rng.hpp"

#include "core/error.hpp"

#include <cmath>
#include <numeric>
#include <string>

namespace dlc {

Rng::Rng(std::uint64_t seed) : seed_(seed), engine_(seed) {}

std::uint64_t Rng::bits() { return engine_(); }

double Rng::uniform() { return static_cast<double>(bits() >> 11) * 0x1.0p-53; }

double Rng::uniform(double a, double b) { return a + (b - a) * uniform(); }

double Rng::normal(double mean, double sd) {
    if (has_spare_) {
        has_spare_ = false;
        return mean + sd * spare_;
    }
    double u, v, s;
    do {
        u = 2.0 * uniform() - 1.0;
        v = 2.0 * uniform() - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double f = std::sqrt(-2.0 * std::log(s) / s);
    spare_ = v * f;
    has_spare_ = true;
    return mean + sd * u * f;
}

std::size_t Rng::index(std::size_t n) {
    if (n == 0) throw ValueError("Rng::index", "n must be positive, got 0");
    // Rejection sampling: accept only draws below the largest multiple of n.
    const std::uint64_t limit = std::uint64_t(-1) - (std::uint64_t(-1) % n + 1) % n;
    std::uint64_t r;
    do {
        r = bits();
    } while (r > limit);
    return static_cast<std::size_t>(r % n);
}

std::size_t Rng::categorical(const std::vector<double>& weights) {
    double total = 0.0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (!(weights[i] >= 0.0) || !std::isfinite(weights[i]))
            throw ValueError("Rng::categorical", "weight " + std::to_string(i) + " is " +
                                                     std::to_string(weights[i]) + "; weights must be finite and >= 0");
        total += weights[i];
    }
    if (!(total > 0.0)) throw ValueError("Rng::categorical", "the weights sum to 0; nothing can be drawn");
    const double target = uniform() * total;
    double acc = 0.0;
    std::size_t last_positive = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (weights[i] > 0.0) last_positive = i;
        acc += weights[i];
        if (target < acc) return i;
    }
    return last_positive;  // only reached through rounding in the running sum
}

std::vector<std::size_t> Rng::permutation(std::size_t n) {
    std::vector<std::size_t> p(n);
    std::iota(p.begin(), p.end(), std::size_t{0});
    for (std::size_t i = n; i > 1; --i) std::swap(p[i - 1], p[index(i)]);
    return p;
}

std::vector<std::size_t> Rng::sample_without_replacement(std::size_t n, std::size_t k) {
    if (k > n)
        throw ValueError("Rng::sample_without_replacement",
                         "cannot draw k = " + std::to_string(k) + " distinct items from n = " + std::to_string(n));
    // Partial Fisher-Yates: the first k slots of a shuffled range.
    std::vector<std::size_t> p(n);
    std::iota(p.begin(), p.end(), std::size_t{0});
    for (std::size_t i = 0; i < k; ++i) std::swap(p[i], p[i + index(n - i)]);
    p.resize(k);
    return p;
}

Rng Rng::split() { return Rng(bits()); }

}  // namespace dlc
