/// \file
/// \brief Partial forward and backward passes through a `Sequential`: the gradient with respect to an
/// inner layer's output (Grad-CAM, DeepDream, feature inversion), gradients injected at several layers
/// at once (style losses), and switching every ReLU's backward rule (guided backprop, deconvnet).
///
/// Lectures: NYU slides "Feature Visualization" (input gradients), "GradCAM", "DeepDream"; UCSD
/// "Feature Inversion", "Neural Texture Synthesis". Everything here is the notes' backpropagation
/// stopped early or started in the middle: module \f$ i \f$'s `backward` turns
/// \f$ \nabla_{z_i} \f$ into \f$ \nabla_{z_{i-1}} \f$.
#pragma once

#include "nn/module.hpp"
#include "nn/relu.hpp"
#include "nn/sequential.hpp"

#include <cstddef>
#include <map>

namespace dlc {

/// \brief Runs modules \f$ 0, \dots, \f$ `last` of `net` on `x`; returns \f$ z_{\text{last}} \f$.
/// \throws ValueError if `last` is not a position of `net`; ShapeError as the modules' `forward`.
template <class T>
const Tensor<T>& forward_to(Sequential<T>& net, const Tensor<T>& x, std::size_t last);

/// \brief Backpropagates `grad`, the gradient with respect to the output of module `from`, through
/// modules `from`, `from` − 1, ..., `to`; returns the gradient with respect to the input of module
/// `to` (= the output of module `to` − 1). The modules must hold the caches of a forward pass.
/// \throws ValueError unless `to` \f$ \le \f$ `from` < `net.size()`.
template <class T>
const Tensor<T>& backward_range(Sequential<T>& net, const Tensor<T>& grad, std::size_t from, std::size_t to);

/// \brief Backpropagates a loss that depends on several modules' outputs: `taps` maps a position
/// \f$ i \f$ to \f$ \partial L / \partial z_i \f$ (same shape as module \f$ i \f$'s last output); the
/// gradient arriving at \f$ z_i \f$ from above and the tap are added. Returns \f$ \nabla_x L \f$.
/// \throws ValueError if `taps` is empty or names a position outside `net`.
template <class T>
const Tensor<T>& backward_with_taps(Sequential<T>& net, const std::map<std::size_t, Tensor<T>>& taps);

/// \brief Sets the backward rule of every `ReLU` in `module` (looking inside `Sequential`s and
/// `Residual`s); returns how many ReLUs were set.
template <class T>
std::size_t set_relu_backward(Module<T>& module, ReLUBackward rule);

/// \brief Sets every ReLU of a network to a rule for the lifetime of the object, then back to `plain`.
template <class T>
class ReluRuleScope {
public:
    /// \brief Sets `rule` on every ReLU of `module`.
    ReluRuleScope(Module<T>& module, ReLUBackward rule) : module_(module) { set_relu_backward(module_, rule); }
    /// \brief Restores `ReLUBackward::plain`.
    ~ReluRuleScope() { set_relu_backward(module_, ReLUBackward::plain); }
    ReluRuleScope(const ReluRuleScope&) = delete;
    ReluRuleScope& operator=(const ReluRuleScope&) = delete;

private:
    Module<T>& module_;
};

}  // namespace dlc
