/// \file
/// \brief `dlc::Rng`, the one seeded source of randomness.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace dlc {

/// \brief The library's only random number generator.
///
/// Every random choice (initial centres, k-means++ draws, shuffles, weight
/// initialization, generated data) goes through an `Rng`, so the same seed gives
/// the same output bit for bit. The engine is `std::mt19937_64`, whose output the
/// C++ standard fixes exactly; the conversions to uniform and normal variates are
/// written here (not taken from `<random>`'s distributions, which differ between
/// standard libraries).
class Rng {
public:
    /// \brief A generator seeded with `seed`.
    explicit Rng(std::uint64_t seed = 0);

    /// \brief The seed this generator was created with.
    std::uint64_t seed() const { return seed_; }

    /// \brief 64 uniformly random bits.
    std::uint64_t bits();

    /// \brief Uniform on [0, 1), with 53 random bits.
    double uniform();

    /// \brief Uniform on [a, b).
    double uniform(double a, double b);

    /// \brief Normal with the given mean and standard deviation (Marsaglia's polar method).
    double normal(double mean = 0.0, double sd = 1.0);

    /// \brief Uniform integer in {0, ..., n-1}, without modulo bias. Requires n > 0.
    std::size_t index(std::size_t n);

    /// \brief Draws i with probability weights[i] / sum(weights).
    ///
    /// Weights must be finite and non-negative with a positive sum.
    std::size_t categorical(const std::vector<double>& weights);

    /// \brief A uniformly random permutation of {0, ..., n-1} (Fisher-Yates).
    std::vector<std::size_t> permutation(std::size_t n);

    /// \brief k distinct indices drawn uniformly from {0, ..., n-1}, in draw order. Requires k <= n.
    std::vector<std::size_t> sample_without_replacement(std::size_t n, std::size_t k);

    /// \brief An independent generator derived from this one (for a sub-task that must not
    /// disturb this generator's stream).
    Rng split();

private:
    std::uint64_t seed_;
    std::mt19937_64 engine_;
    bool has_spare_ = false;
    double spare_ = 0.0;
};

}  // namespace dlc
