/// \file
/// \brief The base of the element-wise activations \f$ z = g(v) \f$, whose backward pass is the
/// notes' \f$ \delta = \nabla_z l \odot g'(v) \f$.
///
/// Lectures: ECE/CS 559 L9&10 ("\f$ \delta_z = \nabla_z l \circ g'(v_z) \f$, elementwise
/// product"), HW5 Q2 (c) (`delta_f = dloss_df * phi_prime(v_f)`), Bahng §1.4
/// (\f$ \delta^{[l]} = \sigma'(z^{[l]}) \odot (W^{[l+1]})^\top \delta^{[l+1]} \f$ — the
/// \f$ (W^{[l+1]})^\top \delta^{[l+1]} \f$ factor is the next `Linear`'s input gradient).
/// The concrete activations are in `sigmoid.hpp` (sigmoid with slope, tanh), `relu.hpp`
/// (ReLU, leaky ReLU, ELU, GELU), `step.hpp` (forward only) and `softmax.hpp` (not element-wise).
#pragma once

#include "nn/module.hpp"

#include <cstddef>

namespace dlc {

/// \brief An element-wise activation \f$ z_i = g(v_i) \f$ on a tensor of any shape.
///
/// `forward` caches \f$ v \f$ and returns \f$ z = g(v) \f$; `backward` receives
/// \f$ \nabla_z l \f$ and returns
/// \f[ \delta = \nabla_z l \odot g'(v) , \f]
/// which is \f$ \nabla_v l \f$, the "\f$ \delta \f$" the preceding `Linear` turns into
/// \f$ \nabla_W l = \delta x^\top \f$. A subclass writes the two formulas, `apply` (\f$ g \f$) and
/// `delta` (\f$ \nabla_z l \odot g' \f$), as loops over the elements, and `value` and
/// `derivative` for single numbers (plots, worked examples).
template <class T>
class Activation : public Module<T> {
public:
    /// \brief \f$ z = g(v) \f$ element-wise; caches \f$ v \f$ (and keeps \f$ z \f$).
    const Tensor<T>& forward(const Tensor<T>& v) override;
    /// \brief \f$ \delta = \nabla_z l \odot g'(v) \f$ element-wise.
    const Tensor<T>& backward(const Tensor<T>& grad_z) override;

    /// \brief \f$ g(v) \f$ for one number.
    virtual T value(T v) const = 0;
    /// \brief \f$ g'(v) \f$ for one number.
    virtual T derivative(T v) const = 0;

protected:
    /// \brief Writes \f$ z_i = g(v_i) \f$ for \f$ i < n \f$.
    virtual void apply(const T* v, T* z, std::size_t n) const = 0;
    /// \brief Writes \f$ \delta_i = (\nabla_z l)_i \, g'(v_i) \f$ for \f$ i < n \f$ (\f$ z_i = g(v_i) \f$
    /// is passed too: several derivatives are written with \f$ g \f$, e.g. \f$ a\,g(1-g) \f$).
    virtual void delta(const T* v, const T* z, const T* grad_z, T* delta, std::size_t n) const = 0;

    /// \brief The cached input \f$ v \f$ of the last forward.
    Tensor<T> v_;
};

}  // namespace dlc
