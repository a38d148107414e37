/// \file
/// \brief `Values`: the 1-D numbers a plot call accepts (std::vector, dlc::Vector, any 1-D xtensor expression).
#pragma once

#include "core/check.hpp"
#include "core/error.hpp"

#include <xtensor/xexpression.hpp>

#include <cstddef>
#include <initializer_list>
#include <vector>

namespace dlc::plot {

/// \brief A list of doubles, converted from whatever the caller holds.
///
/// Lets one signature accept `std::vector<double>`, `{1, 2, 3}`,
/// `dlc::Vector<double>`, `dlc::Vector<float>` or a 1-D view such as
/// `xt::row(X, 0)`. Plotting needs only double precision.
class Values {
public:
    /// \brief Takes a std::vector as is.
    Values(std::vector<double> v) : v_(std::move(v)) {}
    /// \brief A literal list, e.g. `{0.5, 0.25}`.
    Values(std::initializer_list<double> v) : v_(v) {}
    /// \brief Any 1-D xtensor expression (its elements converted to double).
    /// \throws ShapeError if the expression is not 1-D.
    template <class E>
    Values(const xt::xexpression<E>& e) {
        const auto& d = e.derived_cast();
        if (d.dimension() != 1) throw ShapeError("plot::Values", "expected a 1-D array, got shape " + shape_of(d));
        v_.reserve(d.size());
        for (auto x : d) v_.push_back(static_cast<double>(x));
    }

    /// \brief Number of values.
    std::size_t size() const { return v_.size(); }
    /// \brief True if there are no values.
    bool empty() const { return v_.empty(); }
    /// \brief The `i`-th value.
    double operator[](std::size_t i) const { return v_[i]; }
    /// \brief The values.
    const std::vector<double>& vec() const { return v_; }

private:
    std::vector<double> v_;
};

}  // namespace dlc::plot
