/// \file
/// \brief The residual (skip) connection \f$ z = x + F(x) \f$ of ResNets.
///
/// Lectures: NYU slides "Residual Networks (ResNet)" ("Residual connection: skip connection to
/// prevent gradient vanishing", "like gradient boosting, iteratively adding a function"),
/// "ResNet Success" (skip connections make the loss smoother); used by the transformer blocks of
/// the attention lecture.
#pragma once

#include "nn/module.hpp"

#include <memory>
#include <string>
#include <vector>

namespace dlc {

/// \brief A residual block \f$ z = x + F(x) \f$ around a body \f$ F \f$ whose output has the shape
/// of its input.
///
/// **Backward**: \f$ \nabla_x l = \nabla_z l + J_F(x)^\top \nabla_z l \f$ — the identity path
/// passes the gradient through unchanged (this is why deep residual networks do not suffer
/// from vanishing gradients), plus the body's own input gradient.
template <class T>
class Residual : public Module<T> {
public:
    /// \brief A residual block around `body` (usually a `Sequential`).
    /// \throws ValueError if `body` is null.
    explicit Residual(std::unique_ptr<Module<T>> body);
    /// \brief \f$ z = x + F(x) \f$.
    /// \throws ShapeError if \f$ F(x) \f$ does not have the shape of \f$ x \f$.
    const Tensor<T>& forward(const Tensor<T>& x) override;
    /// \brief \f$ \nabla_x l = \nabla_z l + F\text{.backward}(\nabla_z l) \f$.
    const Tensor<T>& backward(const Tensor<T>& grad_z) override;
    /// \brief `"Residual(<body>)"`.
    std::string name() const override;
    /// \brief The body's parameters, named `"body.<name>"`.
    std::vector<Parameter<T>> parameters() override;
    /// \brief The body's buffers, named `"body.<name>"`.
    std::vector<Buffer<T>> buffers() override;
    /// \brief Sets the body's mode too.
    void set_mode(Mode mode) override;
    /// \brief The body \f$ F \f$.
    Module<T>& body() { return *body_; }

private:
    std::unique_ptr<Module<T>> body_;
};

}  // namespace dlc
