/// \file
/// \brief Argument checks used at the top of every public function.
///
/// Each check throws a `dlc::Error` subclass whose message names the calling
/// function, the argument, and the expected and actual values or shapes.
#pragma once

#include "core/error.hpp"

#include <cmath>
#include <cstddef>
#include <initializer_list>
#include <sstream>
#include <string>
#include <vector>

namespace dlc {

/// \brief Formats a shape as `(2, 3)`.
std::string shape_str(const std::vector<std::size_t>& shape);

/// \brief Formats the shape of any xtensor expression as `(2, 3)`.
template <class E>
std::string shape_of(const E& e) {
    return shape_str(std::vector<std::size_t>(e.shape().begin(), e.shape().end()));
}

/// \brief Wildcard extent for `check_shape`: any size is accepted in that axis.
inline constexpr long any_extent = -1;

/// \brief Throws `ShapeError` unless `e` has the expected rank and extents.
///
/// \param where     the public function doing the check (appears first in the message)
/// \param name      the argument's name in that function
/// \param e         the tensor to check
/// \param expected  one extent per axis; `any_extent` accepts any size
template <class E>
void check_shape(const char* where, const char* name, const E& e, std::initializer_list<long> expected) {
    const auto& s = e.shape();
    bool ok = s.size() == expected.size();
    std::size_t axis = 0;
    for (long want : expected) {
        if (!ok) break;
        if (want != any_extent && static_cast<long>(s[axis]) != want) ok = false;
        ++axis;
    }
    if (!ok) {
        std::ostringstream msg;
        msg << name << " must have shape (";
        std::size_t i = 0;
        for (long want : expected) {
            msg << (i++ ? ", " : "");
            if (want == any_extent) msg << "*"; else msg << want;
        }
        msg << "), got " << shape_of(e);
        throw ShapeError(where, msg.str());
    }
}

/// \brief Throws `ValueError("where: what")` unless `condition` holds.
void require(bool condition, const char* where, const std::string& what);

/// \brief Throws `ValueError` if any element of `e` is NaN or infinite, naming the first such index.
template <class E>
void check_finite(const char* where, const char* name, const E& e) {
    std::size_t i = 0;
    for (auto v : e) {
        if (!std::isfinite(static_cast<double>(v))) {
            std::ostringstream msg;
            msg << name << " contains a non-finite value (" << v << ") at flat index " << i;
            throw ValueError(where, msg.str());
        }
        ++i;
    }
}

/// \brief Throws `ShapeError` if `e` has no elements (an empty data set).
template <class E>
void check_nonempty(const char* where, const char* name, const E& e) {
    if (e.size() == 0) throw ShapeError(where, std::string(name) + " is empty, shape " + shape_of(e));
}

}  // namespace dlc
