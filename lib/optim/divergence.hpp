/// \file
/// \brief Divergence detection: stop an iterative method with a clear diagnosis when its
/// objective becomes NaN or infinite, or blows up.
///
/// Lectures: ECE/CS 559 L8 ("What if \f$ \eta \f$ is too big? Try \f$ \eta = 1/2 \f$"), HW5 Q1 (c)
/// ("Is even larger \f$ \eta \f$ beneficial?": with \f$ \eta \f$ above \f$ 2/\lambda_{\max} \f$ gradient
/// descent diverges), L13 ④ (exploding gradients); NYU slides ("Loss often stalls or blows up").
#pragma once

#include <cstddef>
#include <string>

namespace dlc {

/// \brief Watches a sequence of objective values (a loss per batch or epoch, a risk per
/// iteration) and throws `DivergenceError` when one is NaN/Inf or exceeds `blowup_factor`
/// times the first value's magnitude.
///
/// The message names the step (e.g. "epoch 7", "iteration 12"), the value and the rule that
/// fired, and suggests the usual cause (a learning rate above the stable range
/// \f$ \eta < 2/\lambda_{\max} \f$ on a quadratic).
class DivergenceMonitor {
public:
    /// \brief A monitor of the quantity called `what` (e.g. `"loss"`, `"R(w)"`), in function `where`.
    /// \param where          the function or program reported as the error's origin
    /// \param what           the name of the watched quantity in messages
    /// \param blowup_factor  values above `blowup_factor` \f$ \times \max(|v_1|, \f$ `floor`\f$) \f$
    ///                       count as divergence (0 disables this test, keeping the NaN/Inf one)
    /// \param floor          smallest reference magnitude (a first value of 0 would make every
    ///                       later positive value a blow-up)
    /// \throws ValueError if `blowup_factor` is negative or in (0, 1], or `floor` is not positive.
    explicit DivergenceMonitor(std::string where = "train", std::string what = "loss", double blowup_factor = 1e4,
                               double floor = 1e-8);
    /// \brief Checks `value` observed at `step` (e.g. "epoch 3, batch 17").
    /// \throws DivergenceError as described above.
    void check(double value, const std::string& step);
    /// \brief The first value observed (NaN before any).
    double reference() const { return first_; }
    /// \brief Forgets the first value.
    void reset();

private:
    std::string where_, what_;
    double factor_, floor_;
    double first_;
    bool has_first_ = false;
};

}  // namespace dlc
