/// \file
/// \brief The squared loss, under each normalization the course uses: the notes'
/// \f$ \sum \|y - f\|^2 \f$, half of it, the mean over examples, and the mean over elements.
///
/// Lectures: ECE/CS 559 L7 (\f$ \ell(y, f) = \frac12 (y - f)^2 \f$, risk
/// \f$ R = \frac{1}{|\text{Data}|}\sum \ell \f$), L8–L10 (\f$ R(w) = \sum \|y_i - f(x_i; w)\|^2 \f$,
/// \f$ \nabla_f l = 2(f - y) \f$), HW5 Q2 (c)–(d) (\f$ \ell = (f - y)^2 \f$ per example, the epoch's
/// MSE \f$ \frac1N \sum (y - f)^2 \f$); Bahng Example 1.6 (\f$ L = \frac12 \sum_n (f_n - y_n)^2 \f$)
/// and Example 1.7 (the "mean squared error" of two outputs).
#pragma once

#include "nn/loss.hpp"

#include <string>

namespace dlc {

/// \brief Which normalization of \f$ \sum_{n=1}^N \sum_{k=1}^K (y_{nk} - f_{nk})^2 \f$ a
/// `SquaredLoss` uses (\f$ N \f$ examples = rows, \f$ K \f$ outputs per example).
enum class SquaredConvention {
    /// \f$ l = \sum_n \|y_n - f_n\|^2 \f$, \f$ \nabla_f l = 2(f - y) \f$ — the notes' risk (L8–L10)
    /// and HW5's per-example loss \f$ (f - y)^2 \f$ (`dloss_df = -2*(y-f)`).
    sum,
    /// \f$ l = \frac12 \sum_n \|y_n - f_n\|^2 \f$, \f$ \nabla_f l = f - y \f$ — L7's
    /// \f$ \frac12 (y - f)^2 \f$ and Bahng Example 1.6.
    half_sum,
    /// \f$ l = \frac1N \sum_n \|y_n - f_n\|^2 \f$, \f$ \nabla_f l = \frac2N (f - y) \f$ — the mean over
    /// examples: HW5's per-epoch MSE `np.sum((Y-Y_predicted)**2)/N`.
    mean,
    /// \f$ l = \frac{1}{NK} \sum_{n,k} (y_{nk} - f_{nk})^2 \f$, \f$ \nabla_f l = \frac{2}{NK}(f - y) \f$ —
    /// the mean over every element (PyTorch's `MSELoss`).
    mean_elements,
};

/// \brief `"sum"`, `"half_sum"`, `"mean"` or `"mean_elements"`.
const char* to_string(SquaredConvention c);

/// \brief The squared loss \f$ l = c \sum_{n,k} (y_{nk} - f_{nk})^2 \f$ with the constant \f$ c \f$ of
/// its `SquaredConvention`; \f$ \nabla_f l = 2c\,(f - y) \f$.
///
/// Backward is the notes' starting point of backpropagation: for `sum`,
/// \f$ \nabla_f l = -2(y - f) \f$, which the output activation turns into
/// \f$ \delta_f = \nabla_f l \odot g'(v_f) \f$.
template <class T>
class SquaredLoss : public Loss<T> {
public:
    /// \brief A squared loss with the given normalization (default: the notes' \f$ \sum \|y - f\|^2 \f$).
    explicit SquaredLoss(SquaredConvention convention = SquaredConvention::sum) : convention_(convention) {}
    /// \brief \f$ l = c \sum_{n,k} (y_{nk} - f_{nk})^2 \f$.
    double forward(const Tensor<T>& f, const Tensor<T>& y) override;
    using Loss<T>::forward;
    /// \brief \f$ \nabla_f l = 2c\,(f - y) \f$.
    const Tensor<T>& backward() override;
    /// \brief `"SquaredLoss(sum)"` etc.
    std::string name() const override;
    /// \brief True for `mean` and `mean_elements`.
    bool averages_over_batch() const override {
        return convention_ == SquaredConvention::mean || convention_ == SquaredConvention::mean_elements;
    }
    /// \brief The normalization.
    SquaredConvention convention() const { return convention_; }
    /// \brief The constant \f$ c \f$ for a batch of shape (N, K...): 1, 1/2, 1/N or 1/(NK).
    double scale(const Shape& shape) const;

private:
    double scale_for(std::size_t examples, std::size_t elements) const;
    SquaredConvention convention_;
};

}  // namespace dlc
