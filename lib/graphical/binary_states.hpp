/// \file
/// \brief Enumerating binary configurations: the brute force behind every exact result of ch. 9.
///
/// Small models over binary variables (Bahng ch. 9.1.2 and 9.2) are computed exactly by listing all
/// \f$ 2^n \f$ states. State number \f$ s \f$ of \f$ n \f$ variables has \f$ x_1 \f$ as its most significant
/// bit, so the states come in the order a table is read: \f$ (0,\dots,0,0), (0,\dots,0,1), \dots, (1,\dots,1) \f$.
#pragma once

#include "core/tensor.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace dlc {

/// \brief The largest number of binary variables the enumerations accept (\f$ 2^{24} \f$ states).
inline constexpr std::size_t max_enumerated_units = 24;

/// \brief Throws `ValueError` naming `where` unless \f$ 1 \le n \le \f$ `max_enumerated_units`.
void check_enumerable(const char* where, const char* what, std::size_t n);

/// \brief Entry i of state s of n variables: bit \f$ n - 1 - i \f$ of s (so \f$ x_1 \f$ is the most significant).
inline int state_bit(std::size_t s, std::size_t n, std::size_t i) { return static_cast<int>((s >> (n - 1 - i)) & 1u); }

/// \brief State s of n variables as a vector of 0/1 values (x_1 first).
template <class T>
Vector<T> binary_state(std::size_t s, std::size_t n);

/// \brief The state number of a binary vector (inverse of `binary_state`).
/// \throws ValueError if an entry is not 0 or 1 (`check_binary`).
template <class T>
std::size_t state_index(const Vector<T>& x);

/// \brief "011": a state written as its bits, x_1 first.
std::string state_str(std::size_t s, std::size_t n);

/// \brief The `ValueError` of `check_binary`.
[[noreturn]] void throw_not_binary(const char* where, const char* name, std::size_t index, double value);

/// \brief Throws `ValueError` naming `where`, the argument and the first offending entry unless every entry
/// of `x` is exactly 0 or 1 (the input to a Bernoulli unit).
template <class E>
void check_binary(const char* where, const char* name, const E& x) {
    std::size_t i = 0;
    for (auto v : x) {
        if (!(v == 0 || v == 1)) {
            throw_not_binary(where, name, i, static_cast<double>(v));
        }
        ++i;
    }
}

}  // namespace dlc
