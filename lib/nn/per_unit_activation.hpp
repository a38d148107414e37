/// \file
/// \brief A hidden layer whose units have different activations, \f$ z_j = g_j(v_j) \f$ — e.g.
/// Bahng Example 1.6, whose hidden layer has one sigmoid unit and one tanh unit.
///
/// Lectures: Bahng §1.4 Example 1.6 (ECE 685 Fall 2021 Midterm 1: \f$ h_1(z) = \sigma(z) \f$,
/// \f$ h_2(z) = \tanh(z) \f$); the backprop lecture's `bahng_example_1_6` case.
#pragma once

#include "nn/activation.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace dlc {

/// \brief Unit \f$ j \f$ (column \f$ j \f$ of a (batch, units) input) applies its own activation:
/// \f[ z_j = g_j(v_j), \qquad \delta_j = (\nabla_z l)_j \, g_j'(v_j) . \f]
///
/// The same two formulas as `Activation`, with \f$ g \f$ depending on the unit. The unit
/// activations are used through their scalar `value` and `derivative`, so any `Activation`
/// (sigmoid with a slope, tanh, the rectifiers) can be mixed.
/// ```
/// dlc::PerUnitActivation<double> h;   // Example 1.6: h1 = sigma, h2 = tanh
/// h.add<dlc::Sigmoid<double>>();
/// h.add<dlc::Tanh<double>>();
/// ```
template <class T>
class PerUnitActivation : public Module<T> {
public:
    PerUnitActivation() = default;

    /// \brief Appends the activation of the next unit, constructed in place from `args`; returns it.
    template <class A, class... Args>
    A& add(Args&&... args) {
        auto a = std::make_unique<A>(std::forward<Args>(args)...);
        A& ref = *a;
        units_.push_back(std::move(a));
        return ref;
    }

    /// \brief The number of units (columns the input must have).
    std::size_t size() const { return units_.size(); }
    /// \brief The activation of unit `j` (0-based).
    const Activation<T>& unit(std::size_t j) const { return *units_.at(j); }

    /// \brief \f$ z_{nj} = g_j(v_{nj}) \f$ for `v` of shape (batch, size()); caches \f$ v \f$.
    /// \throws ShapeError if `v` is not (batch, size()); ValueError if no unit was added.
    const Tensor<T>& forward(const Tensor<T>& v) override;
    /// \brief \f$ \delta_{nj} = (\nabla_z l)_{nj}\, g_j'(v_{nj}) \f$.
    const Tensor<T>& backward(const Tensor<T>& grad_z) override;
    /// \brief `"PerUnit(Sigmoid, Tanh)"`.
    std::string name() const override;

private:
    std::vector<std::unique_ptr<Activation<T>>> units_;
    Tensor<T> v_;  // the cached input of the last forward
};

}  // namespace dlc
