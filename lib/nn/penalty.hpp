/// \file
/// \brief Weight penalties (regularization): L2, \f$ \lambda \|w\|_2^2 \f$ with gradient
/// \f$ 2 \lambda w \f$, and L1, \f$ \lambda \|w\|_1 \f$ with gradient \f$ \lambda\, \mathrm{sign}(w) \f$.
///
/// Lectures: ECE/CS 559 L11 ③ "Regularization" (\f$ \min_w R(w) + \lambda \|w\|_2^2 \f$, "How does
/// it affect backpropagation? Simple! \f$ \nabla_w (R + \lambda\|w\|_2^2) = \nabla_w R + 2\lambda w \f$",
/// and \f$ \|w\|_1 \f$ with \f$ \lambda\, \mathrm{sign}(w) \f$ as the other choice), L13 (the same, in the
/// general form of SGD: \f$ \Delta = \nabla R + \lambda \nabla g(w) \f$).
#pragma once

#include "nn/module.hpp"

#include <string>
#include <vector>

namespace dlc {

/// \brief A penalty \f$ \lambda\, g(w) \f$ added to the risk: \f$ R(w) + \lambda g(w) \f$.
///
/// It applies to the parameters with `Parameter::is_bias` false (the weights) unless built
/// with `include_biases`. In a training step call `add_gradient` after the network's
/// `backward` (so that each gradient becomes \f$ \nabla_w R + \lambda \nabla g(w) \f$) and before the
/// optimizer's step.
template <class T>
class Penalty {
public:
    /// \brief A penalty with strength `lambda` \f$ \ge 0 \f$.
    /// \throws ValueError if `lambda` is negative or not finite.
    Penalty(double lambda, bool include_biases);
    virtual ~Penalty() = default;
    /// \brief \f$ \lambda g(w) \f$ over the penalized parameters (in double).
    virtual double value(const std::vector<Parameter<T>>& params) const = 0;
    /// \brief Adds \f$ \lambda \nabla g(w) \f$ to each penalized parameter's gradient.
    virtual void add_gradient(const std::vector<Parameter<T>>& params) const = 0;
    /// \brief `"L2(0.001)"` etc.
    virtual std::string name() const = 0;
    /// \brief \f$ \lambda \f$.
    double lambda() const { return lambda_; }
    /// \brief Whether `p` is penalized (weights always; biases only with `include_biases`).
    bool applies_to(const Parameter<T>& p) const { return include_biases_ || !p.is_bias; }

protected:
    /// \brief \f$ \lambda \f$.
    double lambda_;
    /// \brief Whether biases are penalized too.
    bool include_biases_;
};

/// \brief The L2 penalty (weight decay): \f$ \lambda \|w\|_2^2 = \lambda \sum_j w_j^2 \f$,
/// \f$ \nabla = 2 \lambda w \f$ (L11: \f$ \nabla_w R + 2\lambda w \f$).
template <class T>
class L2Penalty : public Penalty<T> {
public:
    /// \brief \f$ \lambda \|w\|_2^2 \f$.
    explicit L2Penalty(double lambda, bool include_biases = false) : Penalty<T>(lambda, include_biases) {}
    /// \brief \f$ \lambda \sum_j w_j^2 \f$.
    double value(const std::vector<Parameter<T>>& params) const override;
    /// \brief \f$ \nabla_w \mathrel{+}= 2\lambda w \f$.
    void add_gradient(const std::vector<Parameter<T>>& params) const override;
    /// \brief `"L2(lambda)"`.
    std::string name() const override;
};

/// \brief The L1 penalty: \f$ \lambda \|w\|_1 = \lambda \sum_j |w_j| \f$,
/// \f$ \nabla = \lambda\, \mathrm{sign}(w) \f$ (with \f$ \mathrm{sign}(0) = 0 \f$, a subgradient).
template <class T>
class L1Penalty : public Penalty<T> {
public:
    /// \brief \f$ \lambda \|w\|_1 \f$.
    explicit L1Penalty(double lambda, bool include_biases = false) : Penalty<T>(lambda, include_biases) {}
    /// \brief \f$ \lambda \sum_j |w_j| \f$.
    double value(const std::vector<Parameter<T>>& params) const override;
    /// \brief \f$ \nabla_w \mathrel{+}= \lambda\, \mathrm{sign}(w) \f$.
    void add_gradient(const std::vector<Parameter<T>>& params) const override;
    /// \brief `"L1(lambda)"`.
    std::string name() const override;
};

}  // namespace dlc
