/// \file
/// \brief Softmax cross-entropy on logits, \f$ l = -\sum_k y_k \log a_k \f$ with
/// \f$ a = \mathrm{softmax}(v) \f$, and its shortcut \f$ \nabla_v l = a - y \f$.
///
/// Lectures: Bahng §1.4 (softmax regression: the softmax output with the cross-entropy loss
/// gives \f$ \delta^{[L]} = a^{[L]} - y \f$), the MNIST classifier of Bahng §2.3 and the NYU
/// slides (the network ends in a `Linear` producing logits; this loss applies the softmax).
#pragma once

#include "nn/loss.hpp"

#include <string>

namespace dlc {

/// \brief Cross-entropy of the softmax of the logits: per example
/// \f$ l_n = -\sum_k y_{nk} \log a_{nk} \f$, \f$ a_n = \mathrm{softmax}(v_n) \f$, with one-hot or
/// probability targets \f$ y_n \f$ (or class labels \f$ c_n \f$: \f$ l_n = -\log a_{n c_n} \f$).
///
/// **Backward** is the shortcut \f$ \delta = \nabla_v l = a - y \f$ (÷ N for the mean): the
/// softmax Jacobian \f$ a_k([k=j] - a_j) \f$ times \f$ \nabla_a l = -y/a \f$ collapses to
/// \f$ a_j \sum_k y_k - y_j = a_j - y_j \f$ when \f$ \sum_k y_k = 1 \f$. So the network's last
/// module is the `Linear` producing the logits \f$ v \f$, with no `Softmax` module.
/// \f$ \log a_k = v_k - m - \log\sum_j e^{v_j - m} \f$, \f$ m = \max_j v_j \f$, never overflows.
template <class T>
class SoftmaxCrossEntropy : public Loss<T> {
public:
    /// \brief The loss, reduced over the batch by `reduction` (default: mean over examples).
    explicit SoftmaxCrossEntropy(Reduction reduction = Reduction::mean) : reduction_(reduction) {}
    /// \brief Logits `v` (N, K), targets `y` (N, K) (one-hot or probabilities).
    double forward(const Tensor<T>& v, const Tensor<T>& y) override;
    /// \brief Logits `v` (N, K), class labels (N) with values below K.
    /// \throws ShapeError if the counts differ; ValueError for a label \f$ \ge K \f$.
    double forward(const Tensor<T>& v, const Labels& labels) override;
    /// \brief \f$ \nabla_v l = a - y \f$ (÷ N for the mean).
    const Tensor<T>& backward() override;
    /// \brief `"SoftmaxCrossEntropy(mean)"`.
    std::string name() const override;
    /// \brief True for `Reduction::mean`.
    bool averages_over_batch() const override { return reduction_ == Reduction::mean; }
    /// \brief The probabilities \f$ a = \mathrm{softmax}(v) \f$ of the last forward (N, K).
    const Tensor<T>& probabilities() const { return a_; }

private:
    double finish(const Tensor<T>& v);  // a = softmax(v); the loss from a's log and y_
    Reduction reduction_;
    Tensor<T> a_;
};

}  // namespace dlc
