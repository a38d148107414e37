/// \file
/// \brief `Flatten` (N, ...) → (N, prod) and `Unflatten` (N, prod) → (N, shape...): the reshapes
/// between convolutional feature maps and fully connected layers.
///
/// Lectures: NYU slides on LeNet-5 (the 16 maps of 5×5 after the second pooling are read as one
/// vector of 400 inputs to the fully connected layers 400-120-84-10), ECE/CS 559 L14. Row-major
/// order: entry \f$ (c, u, v) \f$ of a (C, H, W) example becomes feature \f$ (c H + u) W + v \f$.
/// The backward passes reshape \f$ \delta \f$ back; no value changes.
#pragma once

#include "nn/module.hpp"

#include <string>

namespace dlc {

/// \brief Flattens every example: (N, d_1, ..., d_k) → (N, d_1 ⋯ d_k), row-major.
template <class T>
class Flatten : public Module<T> {
public:
    Flatten() = default;
    /// \brief The examples of `x` (rank at least 2) as rows.
    /// \throws ShapeError if `x` has rank below 2.
    const Tensor<T>& forward(const Tensor<T>& x) override;
    /// \brief \f$ \delta \f$ reshaped to the last input's shape.
    const Tensor<T>& backward(const Tensor<T>& grad_output) override;
    /// \brief `"Flatten"`.
    std::string name() const override { return "Flatten"; }

private:
    Shape in_shape_;
};

/// \brief The inverse of `Flatten`: (N, prod) → (N, per_example...), e.g. a generator's
/// fully connected output read as (N, C, H, W) feature maps.
template <class T>
class Unflatten : public Module<T> {
public:
    /// \brief Each row becomes a tensor of shape `per_example` (e.g. `{16, 5, 5}`).
    /// \throws ShapeError if `per_example` is empty.
    explicit Unflatten(Shape per_example);
    /// \brief `x` (N, prod(per_example)) → (N, per_example...).
    /// \throws ShapeError if `x` is not (N, prod(per_example)).
    const Tensor<T>& forward(const Tensor<T>& x) override;
    /// \brief \f$ \delta \f$ reshaped back to (N, prod).
    const Tensor<T>& backward(const Tensor<T>& grad_output) override;
    /// \brief E.g. `"Unflatten(400 -> (16, 5, 5))"`.
    std::string name() const override;
    /// \brief The shape of one example after the layer.
    const Shape& per_example() const { return per_example_; }

private:
    Shape per_example_;
    std::size_t features_ = 1;
};

}  // namespace dlc
