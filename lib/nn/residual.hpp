/// \file
/// \brief The residual (skip) connection \f$ z = x + F(x) \f$ of ResNets, or
/// \f$ z = P(x) + F(x) \f$ with a projection shortcut \f$ P \f$ where \f$ F \f$ changes the shape.
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
/// of its input; or, with a shortcut module \f$ P \f$, \f$ z = P(x) + F(x) \f$.
///
/// **Backward**: \f$ \nabla_x l = \nabla_z l + J_F(x)^\top \nabla_z l \f$ — the identity path
/// passes the gradient through unchanged (this is why deep residual networks do not suffer
/// from vanishing gradients), plus the body's own input gradient. With a shortcut,
/// \f$ \nabla_x l = J_P(x)^\top \nabla_z l + J_F(x)^\top \nabla_z l \f$.
///
/// **Projection shortcuts** (He et al., *Deep residual learning for image recognition*, CVPR 2016,
/// eq. 2: \f$ y = F(x) + W_s x \f$): where the body halves the image and doubles the channels (a
/// stride-2 first convolution), \f$ x \f$ cannot be added to \f$ F(x) \f$; \f$ P \f$ is then a 1×1
/// convolution of stride 2 (usually followed by batch norm) that brings \f$ x \f$ to \f$ F(x) \f$'s
/// shape (`add_resnet` in lib/models/resnet.hpp builds them).
template <class T>
class Residual : public Module<T> {
public:
    /// \brief A residual block around `body` (usually a `Sequential`), identity shortcut.
    /// \throws ValueError if `body` is null.
    explicit Residual(std::unique_ptr<Module<T>> body);
    /// \brief A residual block \f$ z = P(x) + F(x) \f$ with body `body` (\f$ F \f$) and shortcut
    /// `shortcut` (\f$ P \f$, e.g. a 1×1 convolution); a null `shortcut` is the identity.
    /// \throws ValueError if `body` is null.
    Residual(std::unique_ptr<Module<T>> body, std::unique_ptr<Module<T>> shortcut);
    /// \brief \f$ z = x + F(x) \f$ (or \f$ P(x) + F(x) \f$).
    /// \throws ShapeError if \f$ F(x) \f$ does not have the shape of \f$ x \f$ (of \f$ P(x) \f$).
    const Tensor<T>& forward(const Tensor<T>& x) override;
    /// \brief \f$ \nabla_x l = \nabla_z l + F\text{.backward}(\nabla_z l) \f$ (with a shortcut:
    /// \f$ P\text{.backward}(\nabla_z l) + F\text{.backward}(\nabla_z l) \f$).
    const Tensor<T>& backward(const Tensor<T>& grad_z) override;
    /// \brief `"Residual(<body>)"`, or `"Residual(<body>; shortcut <shortcut>)"`.
    std::string name() const override;
    /// \brief The body's parameters, named `"body.<name>"`, then the shortcut's, `"shortcut.<name>"`.
    std::vector<Parameter<T>> parameters() override;
    /// \brief The body's buffers, named `"body.<name>"`, then the shortcut's, `"shortcut.<name>"`.
    std::vector<Buffer<T>> buffers() override;
    /// \brief Sets the body's (and the shortcut's) mode too.
    void set_mode(Mode mode) override;
    /// \brief The body \f$ F \f$.
    Module<T>& body() { return *body_; }
    /// \brief The shortcut \f$ P \f$, or null for the identity.
    Module<T>* shortcut() { return shortcut_.get(); }

private:
    std::unique_ptr<Module<T>> body_;
    std::unique_ptr<Module<T>> shortcut_;  // null: the identity
};

}  // namespace dlc
