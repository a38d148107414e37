// Shared by the unit tests of lib/nn's layers: random inputs, the numerical gradient check with the issue's
// bound, and the largest entry-wise difference between two tensors.
#pragma once

#include <boost/test/unit_test.hpp>

#include "core/check.hpp"
#include "core/rng.hpp"
#include "nn/gradcheck.hpp"
#include "nn/module.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace dlc_test {

/// The bound on the gradient checks' relative error.
constexpr double gradcheck_tolerance = 1e-6;

/// A tensor of the given shape with entries drawn i.i.d. uniform in [lo, hi), in storage order.
template <class T = double>
dlc::Tensor<T> uniform(const dlc::Shape& shape, dlc::Rng& rng, double lo = -1, double hi = 1) {
    dlc::Tensor<T> t = dlc::Tensor<T>::from_shape(shape);
    for (std::size_t i = 0; i < t.size(); ++i) t.data()[i] = static_cast<T>(rng.uniform(lo, hi));
    return t;
}

/// Checks `m`'s backward at `x` with dlc::gradcheck (central differences, in double): some entries are
/// compared and the largest relative error is below gradcheck_tolerance. `what` names the case in the log.
inline void check_gradients(dlc::Module<double>& m, const dlc::Tensor<double>& x, const std::string& what,
                            const dlc::GradCheckOptions& opt = {}) {
    const auto r = dlc::gradcheck(m, x, opt);
    BOOST_TEST_MESSAGE(what << ": " << r.str());
    BOOST_TEST(r.entries > 0u);
    BOOST_TEST(r.max_relative_error < gradcheck_tolerance, what << ": " << r.str());
}

/// max_i |a_i - b_i|, after requiring that the shapes agree.
template <class T>
double max_abs_diff(const dlc::Tensor<T>& a, const dlc::Tensor<T>& b) {
    BOOST_TEST_REQUIRE(dlc::same_shape(a, b), "shapes " << dlc::shape_of(a) << " and " << dlc::shape_of(b));
    double m = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        m = std::max(m, std::abs(static_cast<double>(a.data()[i]) - static_cast<double>(b.data()[i])));
    return m;
}

/// The same in double for arguments that are tensor expressions (e.g. `2.0 * K`), evaluated first.
inline double max_abs_diff(const dlc::Tensor<double>& a, const dlc::Tensor<double>& b) {
    return max_abs_diff<double>(a, b);
}

}  // namespace dlc_test
