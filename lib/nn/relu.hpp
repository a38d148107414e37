/// \file
/// \brief The rectifier family: ReLU, leaky ReLU, ELU and GELU.
///
/// Lectures: ECE/CS 559 L8 ("ReLU: \f$ g(v) = v \f$ for \f$ v \ge 0 \f$, 0 otherwise;
/// \f$ g'(v) = \f$ step\f$(v)\f$"); NYU slides "Activation functions" (ReLU against vanishing
/// gradients) and "GELU" (\f$ f(x) = E[x \cdot m] \f$, \f$ m \sim \text{Bernoulli}(\Phi(x)) \f$);
/// Bahng §1.7 Examples 1.10–1.12 (ReLU, leaky ReLU \f$ \max\{\alpha x, x\} \f$, ELU).
///
/// **The derivative at 0.** The rectifiers are not differentiable at \f$ v = 0 \f$; this library
/// follows the L8 notes and uses the right derivative there (\f$ g'(0) = 1 \f$ for ReLU, i.e.
/// step\f$(v)\f$ with step\f$(0) = 1\f$). PyTorch uses \f$ g'(0) = 0 \f$; the two differ only when a
/// pre-activation is exactly 0 (e.g. all-zero initial weights).
#pragma once

#include "nn/activation.hpp"

#include <string>

namespace dlc {

/// \brief Which rule `ReLU::backward` applies: the true gradient, or one of the two visualisation
/// rules of the interpretability lecture (NYU slides "Guided Backprop"; Springenberg et al. 2015,
/// Zeiler & Fergus 2014). With \f$ y = \mathrm{ReLU}(z) \f$ and \f$ \bar y = \nabla_y \f$ arriving from above:
enum class ReLUBackward {
    /// The gradient: \f$ \bar z = \bar y \f$ if \f$ z \ge 0 \f$, else 0 (the L8 notes' \f$ g'(0) = 1 \f$).
    plain,
    /// Guided backpropagation: \f$ \bar z = \bar y \f$ if \f$ z \ge 0 \f$ **and** \f$ \bar y > 0 \f$, else 0:
    /// the plain rule followed by a ReLU on the signal ("apply the ReLU nonlinearity to all the
    /// activation error signals"). The slide writes \f$ z > 0 \f$; the two differ only where
    /// \f$ z = 0 \f$ exactly, where this library's ReLU passes the gradient (see above).
    guided,
    /// The deconvnet: \f$ \bar z = \max(\bar y, 0) \f$, whatever \f$ z \f$ was (the ReLU applied to the
    /// signal alone; the forward pass's mask is not used).
    deconvnet,
};

/// \brief The name of a rule: `"plain"`, `"guided"`, `"deconvnet"`.
const char* relu_backward_name(ReLUBackward rule);

/// \brief The rectified linear unit \f$ g(v) = \max\{0, v\} \f$, \f$ g'(v) = 1 \f$ for
/// \f$ v \ge 0 \f$ and 0 otherwise (L8 notes).
///
/// Backward: \f$ \delta_i = (\nabla_z l)_i \f$ where \f$ v_i \ge 0 \f$, 0 elsewhere — or, after
/// `set_backward_rule`, guided backpropagation's or the deconvnet's rule (`ReLUBackward`), which are
/// not gradients: they are what the saliency visualisations of the interpretability lecture use.
template <class T>
class ReLU : public Activation<T> {
public:
    /// \brief Chooses the rule `backward` applies (default `ReLUBackward::plain`).
    void set_backward_rule(ReLUBackward rule) { rule_ = rule; }
    /// \brief The rule `backward` applies.
    ReLUBackward backward_rule() const { return rule_; }
    /// \brief \f$ \max\{0, v\} \f$.
    T value(T v) const override;
    /// \brief 1 for \f$ v \ge 0 \f$, else 0.
    T derivative(T v) const override;
    /// \brief `"ReLU"`.
    std::string name() const override { return "ReLU"; }

protected:
    /// \brief \f$ z_i = \max\{0, v_i\} \f$.
    void apply(const T* v, T* z, std::size_t n) const override;
    /// \brief \f$ \delta_i = (\nabla_z l)_i \,[v_i \ge 0] \f$ (or the guided / deconvnet rule).
    void delta(const T* v, const T* z, const T* grad_z, T* delta, std::size_t n) const override;

private:
    ReLUBackward rule_ = ReLUBackward::plain;
};

/// \brief The leaky ReLU \f$ g(v) = v \f$ for \f$ v \ge 0 \f$, \f$ \alpha v \f$ otherwise
/// (\f$ = \max\{\alpha v, v\} \f$ for \f$ 0 \le \alpha \le 1 \f$, Bahng Example 1.11);
/// \f$ g'(v) = 1 \f$ or \f$ \alpha \f$.
template <class T>
class LeakyReLU : public Activation<T> {
public:
    /// \brief The negative slope \f$ \alpha \f$ (default 0.01, as in Bahng).
    /// \throws ValueError if \f$ \alpha \f$ is not finite.
    explicit LeakyReLU(T alpha = T(0.01));
    /// \brief The negative slope \f$ \alpha \f$.
    T alpha() const { return alpha_; }
    /// \brief \f$ v \f$ for \f$ v \ge 0 \f$, else \f$ \alpha v \f$.
    T value(T v) const override;
    /// \brief 1 for \f$ v \ge 0 \f$, else \f$ \alpha \f$.
    T derivative(T v) const override;
    /// \brief `"LeakyReLU(0.01)"`.
    std::string name() const override;

protected:
    /// \brief \f$ z_i = v_i \f$ or \f$ \alpha v_i \f$.
    void apply(const T* v, T* z, std::size_t n) const override;
    /// \brief \f$ \delta_i = (\nabla_z l)_i \f$ or \f$ \alpha (\nabla_z l)_i \f$.
    void delta(const T* v, const T* z, const T* grad_z, T* delta, std::size_t n) const override;

private:
    T alpha_;
};

/// \brief The exponential linear unit (Bahng Example 1.12): \f$ g(v) = v \f$ for \f$ v > 0 \f$,
/// \f$ \alpha (e^v - 1) \f$ for \f$ v \le 0 \f$; \f$ g'(v) = 1 \f$ or \f$ \alpha e^v = g(v) + \alpha \f$.
template <class T>
class ELU : public Activation<T> {
public:
    /// \brief ELU with scale \f$ \alpha \f$ (default 1).
    /// \throws ValueError if \f$ \alpha \f$ is not finite.
    explicit ELU(T alpha = T(1));
    /// \brief The scale \f$ \alpha \f$ of the negative part.
    T alpha() const { return alpha_; }
    /// \brief \f$ v \f$ for \f$ v > 0 \f$, else \f$ \alpha(e^v - 1) \f$.
    T value(T v) const override;
    /// \brief 1 for \f$ v > 0 \f$, else \f$ \alpha e^v \f$.
    T derivative(T v) const override;
    /// \brief `"ELU(1)"`.
    std::string name() const override;

protected:
    /// \brief \f$ z_i = v_i \f$ or \f$ \alpha(e^{v_i} - 1) \f$.
    void apply(const T* v, T* z, std::size_t n) const override;
    /// \brief \f$ \delta_i = (\nabla_z l)_i \f$ or \f$ (\nabla_z l)_i (z_i + \alpha) \f$.
    void delta(const T* v, const T* z, const T* grad_z, T* delta, std::size_t n) const override;

private:
    T alpha_;
};

/// \brief The Gaussian error linear unit (NYU slides "GELU"):
/// \f$ g(v) = E[v\, m] = v\, \Phi(v) \f$ with \f$ m \sim \text{Bernoulli}(\Phi(v)) \f$ and
/// \f$ \Phi(v) = \tfrac12 \bigl(1 + \operatorname{erf}(v/\sqrt2)\bigr) \f$ the standard normal CDF;
/// \f$ g'(v) = \Phi(v) + v\, \varphi(v) \f$, \f$ \varphi(v) = e^{-v^2/2}/\sqrt{2\pi} \f$.
///
/// The exact form (not the tanh approximation).
template <class T>
class GELU : public Activation<T> {
public:
    /// \brief \f$ v\, \Phi(v) \f$.
    T value(T v) const override;
    /// \brief \f$ \Phi(v) + v\, \varphi(v) \f$.
    T derivative(T v) const override;
    /// \brief `"GELU"`.
    std::string name() const override { return "GELU"; }

protected:
    /// \brief \f$ z_i = v_i \Phi(v_i) \f$.
    void apply(const T* v, T* z, std::size_t n) const override;
    /// \brief \f$ \delta_i = (\nabla_z l)_i \bigl(\Phi(v_i) + v_i \varphi(v_i)\bigr) \f$.
    void delta(const T* v, const T* z, const T* grad_z, T* delta, std::size_t n) const override;
};

}  // namespace dlc
