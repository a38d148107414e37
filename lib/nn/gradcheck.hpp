/// \file
/// \brief The numerical gradient checker: central differences, in double, for any module, loss,
/// network-with-loss or penalty; returns the maximum relative error.
///
/// Lectures: ECE/CS 559 L8 (the gradient as the vector of partial derivatives
/// \f$ \partial R / \partial w_k \f$, and the first-order Taylor expansion
/// \f$ R(w + \Delta w) = R(w) + \nabla R^\top \Delta w + O(\|\Delta w\|^2) \f$); the backprop lecture
/// checks Bahng Example 1.6's closed-form partials against it.
///
/// For every checked scalar \f$ \theta_j \f$ (an input element or a parameter entry) the numerical
/// derivative is a central difference. The classic one,
/// \f[ \hat g_j = \frac{L(\theta + h e_j) - L(\theta - h e_j)}{2h} , \f]
/// has truncation error \f$ O(h^2) \f$ and rounding error \f$ \approx \varepsilon |L| / h \f$
/// (\f$ \varepsilon \approx 10^{-16} \f$): at best about \f$ 10^{-10} \f$, too coarse to certify a
/// gradient entry of \f$ 10^{-5} \f$ to a relative \f$ 10^{-6} \f$. By default the checker uses the
/// fourth-order central difference (Richardson's combination of steps \f$ h \f$ and \f$ 2h \f$)
/// \f[ \hat g_j = \frac{8\,[L(\theta + h e_j) - L(\theta - h e_j)] - [L(\theta + 2h e_j) - L(\theta - 2h e_j)]}{12 h} , \f]
/// whose truncation error is \f$ O(h^4) \f$, so a larger \f$ h \f$ (less rounding) can be used.
/// The numerical and analytic \f$ g_j \f$ (from `backward`) are compared through the relative error
/// \f[ e_j = \frac{|g_j - \hat g_j|}{\max(|g_j|, |\hat g_j|, \tau)} \f]
/// (\f$ \tau \f$ = `GradCheckOptions::floor` keeps entries whose gradient is 0 or tiny from dividing
/// rounding noise by almost 0: below \f$ \tau \f$ the test is \f$ |g_j - \hat g_j| \le \tau e_j \f$).
/// A correct backward gives \f$ \max_j e_j \f$ around \f$ 10^{-8} \f$ or below with the defaults; a
/// wrong one gives \f$ 10^{-2} \f$ to 1. Kinks (ReLU at 0) within \f$ 2h \f$ of a checked point spoil
/// any finite difference: check at inputs away from them.
///
/// A module \f$ m \f$ is checked through the scalar \f$ L = \sum_i r_i\, m(x)_i \f$ with fixed
/// random weights \f$ r_i \sim U(-1, 1) \f$, whose gradient with respect to the output is \f$ r \f$:
/// `backward(r)` must then give \f$ \nabla_x L \f$ and the parameter gradients. Random \f$ r \f$ (rather
/// than all ones) catches transposed or permuted gradients.
#pragma once

#include "core/tensor.hpp"
#include "nn/loss.hpp"
#include "nn/module.hpp"
#include "nn/penalty.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace dlc {

/// \brief Settings of the gradient checks.
struct GradCheckOptions {
    /// \brief The step \f$ h \f$ of the central differences.
    double step = 1e-4;
    /// \brief 4 for the fourth-order central difference (default), 2 for the classic
    /// \f$ (L(\theta + h) - L(\theta - h)) / 2h \f$ (then use a step near \f$ 10^{-6} \f$).
    int order = 4;
    /// \brief \f$ \tau \f$, the smallest denominator of the relative error.
    double floor = 1e-4;
    /// \brief Seed of the random output weights \f$ r \f$ and of the entry sampling.
    std::uint64_t seed = 1;
    /// \brief Check \f$ \nabla_x \f$ (modules, networks).
    bool check_input = true;
    /// \brief Check the parameter gradients (modules, networks).
    bool check_parameters = true;
    /// \brief If non-zero, check at most this many randomly chosen entries of each tensor
    /// (large layers); 0 checks every entry.
    std::size_t max_entries_per_tensor = 0;
};

/// \brief The outcome of a gradient check.
struct GradCheckResult {
    /// \brief \f$ \max_j e_j \f$ over every checked entry.
    double max_relative_error = 0.0;
    /// \brief The entry attaining it, e.g. `"input[3]"`, `"0.W[5]"` (flat index).
    std::string worst_entry;
    /// \brief The analytic gradient \f$ g_j \f$ at that entry.
    double analytic = 0.0;
    /// \brief The numerical gradient \f$ \hat g_j \f$ at that entry.
    double numerical = 0.0;
    /// \brief How many entries were compared.
    std::size_t entries = 0;
    /// \brief A one-line report: error, worst entry and both values.
    std::string str() const;
};

/// \brief One tensor to perturb and its analytic gradient, for `gradcheck_generic`.
struct GradCheckTarget {
    /// \brief Its name in reports (`"input"`, `"0.W"`).
    std::string name;
    /// \brief The tensor whose entries are perturbed (restored afterwards).
    Tensor<double>* value = nullptr;
    /// \brief The analytic gradient \f$ \partial L / \partial \text{value} \f$, same shape.
    Tensor<double> analytic;
};

/// \brief The general check: compares each target's `analytic` gradient with central differences
/// of `objective()` (which must read the targets' current values).
GradCheckResult gradcheck_generic(const std::function<double()>& objective, std::vector<GradCheckTarget>& targets,
                                  const GradCheckOptions& options = {});

/// \brief A check's outcome as one sentence of a walk-through, naming the worst entry in the handout's
/// symbols: `symbol(tensor, flat_index)` turns the checker's `"0.W"` and 5 into, say, `"w_32^(1)"` (an empty
/// answer keeps the checker's name). E.g. "the largest relative error over the 12 entries checked is 3e-11, at
/// w_32^(1) (backprop 0.25, central differences 0.25)".
std::string gradcheck_sentence(const GradCheckResult& r,
                               const std::function<std::string(const std::string&, std::size_t)>& symbol);

/// \brief Checks a module's `backward`: \f$ \nabla_x \f$ and every parameter gradient, through
/// \f$ L = \sum_i r_i\, m(x)_i \f$ (see the file comment). The module is used in its current mode
/// (hold a `Dropout`'s mask first) and runs `forward` many times, so side effects of `forward`
/// (batch norm's running statistics) accumulate; its parameter gradients are left zeroed.
GradCheckResult gradcheck(Module<double>& module, const Tensor<double>& x, const GradCheckOptions& options = {});

/// \brief Checks a loss's `backward` \f$ \nabla_f l \f$ at outputs `f` and targets `y`.
GradCheckResult gradcheck(Loss<double>& loss, const Tensor<double>& f, const Tensor<double>& y,
                          const GradCheckOptions& options = {});

/// \brief Checks a loss's `backward` at outputs `f` with class-label targets.
GradCheckResult gradcheck(Loss<double>& loss, const Tensor<double>& f, const Labels& labels,
                          const GradCheckOptions& options = {});

/// \brief Checks a whole network with its loss: \f$ L = l(m(x), y) \f$, every parameter gradient
/// and \f$ \nabla_x L \f$ after `module.backward(loss.backward())`.
GradCheckResult gradcheck(Module<double>& module, Loss<double>& loss, const Tensor<double>& x,
                          const Tensor<double>& y, const GradCheckOptions& options = {});

/// \brief Checks a penalty's `add_gradient` against its `value` on the given parameters.
GradCheckResult gradcheck(const Penalty<double>& penalty, const std::vector<Parameter<double>>& params,
                          const GradCheckOptions& options = {});

}  // namespace dlc
