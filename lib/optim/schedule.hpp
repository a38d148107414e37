/// \file
/// \brief Learning-rate schedules applied between epochs: step decay, and the homework's
/// "multiply \f$ \eta \f$ by 0.9 when the epoch's risk increased".
///
/// Lectures: ECE/CS 559 L13 ③ "Choice of \f$ \eta \f$" ("Typically: reduce \f$ \eta \f$ by a factor
/// (e.g. 90%) if sustained worsening"), HW5 Q2 (f) ("Start \f$ \eta \f$ high but multiply by 0.9 if
/// the MSE increases (or if it increases for T epochs, where you choose T)") and its solution code
/// (`if risk[epoch] > risk[epoch-1]: eta = eta*0.9`); NYU slides "SGD Learning Rate" and
/// "Learning Rate Decay" (large steps early, then decay to reduce the fluctuations).
#pragma once

#include <cstddef>
#include <limits>
#include <string>

namespace dlc {

/// \brief A rule giving the learning rate of the next epoch from the one just finished.
class LearningRateSchedule {
public:
    virtual ~LearningRateSchedule() = default;
    /// \brief Called after epoch `epoch` (1-based) with that epoch's risk and the learning rate it
    /// used; returns the learning rate for the next epoch.
    virtual double after_epoch(std::size_t epoch, double risk, double learning_rate) = 0;
    /// \brief A description, e.g. `"StepDecay(x0.5 every 10 epochs)"`.
    virtual std::string name() const = 0;
    /// \brief Forgets any history (before a new run).
    virtual void reset() {}
};

/// \brief Step decay: \f$ \eta \leftarrow \gamma\, \eta \f$ after every `every`-th epoch, i.e.
/// \f$ \eta_e = \eta_0\, \gamma^{\lfloor (e - 1) / k \rfloor} \f$ during epoch \f$ e \f$ (1-based), \f$ k \f$ = `every`.
class StepDecay : public LearningRateSchedule {
public:
    /// \brief Multiply by `factor` \f$ \gamma \in (0, 1] \f$ every `every` \f$ \ge 1 \f$ epochs.
    /// \throws ValueError for a factor outside (0, 1] or `every` = 0.
    StepDecay(double factor, std::size_t every);
    /// \brief \f$ \gamma \eta \f$ if `epoch` is a multiple of `every`, else \f$ \eta \f$.
    double after_epoch(std::size_t epoch, double risk, double learning_rate) override;
    /// \brief `"StepDecay(x0.5 every 10 epochs)"`.
    std::string name() const override;

private:
    double factor_;
    std::size_t every_;
};

/// \brief The homework's adaptive rule: \f$ \eta \leftarrow \gamma\, \eta \f$ (\f$ \gamma = 0.9 \f$)
/// when the epoch's risk exceeded the previous epoch's for `patience` \f$ T \f$ consecutive epochs
/// (\f$ T = 1 \f$: every increase).
///
/// The first epoch has nothing to compare with. (The HW5 solution code tests `epoch > 1` with
/// 0-based epochs, so its first comparison is epoch 3 against epoch 2 in 1-based counting; here
/// every epoch from the second on is compared with the one before. The difference is one
/// comparison.)
class DecayOnIncrease : public LearningRateSchedule {
public:
    /// \brief Decay by `factor` \f$ \gamma \in (0, 1] \f$ after `patience` \f$ T \ge 1 \f$ consecutive increases.
    /// \throws ValueError for a factor outside (0, 1] or `patience` = 0.
    explicit DecayOnIncrease(double factor = 0.9, std::size_t patience = 1);
    /// \brief \f$ \gamma \eta \f$ if the risk rose for the \f$ T \f$-th consecutive epoch, else \f$ \eta \f$.
    double after_epoch(std::size_t epoch, double risk, double learning_rate) override;
    /// \brief `"DecayOnIncrease(x0.9 after 1 increase)"`.
    std::string name() const override;
    /// \brief Forgets the previous risk.
    void reset() override;
    /// \brief How many times \f$ \eta \f$ has been decayed.
    std::size_t decays() const { return decays_; }

private:
    double factor_;
    std::size_t patience_;
    double previous_ = std::numeric_limits<double>::quiet_NaN();
    std::size_t increases_ = 0;
    std::size_t decays_ = 0;
};

}  // namespace dlc
