/// \file
/// \brief The log partition function of an RBM by annealed importance sampling (AIS; Neal 2001, as used for
/// RBMs by Salakhutdinov & Murray 2008), for models too large to enumerate.
///
/// Bahng ch. 9.2.1 notes that \f$ Z \f$ is intractable, so the likelihood \f$ \log p(x) = -F(x) - \log Z \f$ of a
/// trained RBM cannot be computed directly. AIS moves from a base model \f$ p_A \f$ with known \f$ Z_A \f$ (W = 0,
/// b = 0, visible biases \f$ c_A \f$, so \f$ Z_A = 2^H \prod_k (1 + e^{c_{A,k}}) \f$) to the RBM through
/// \f[ p^*_\beta(x) = e^{(1-\beta) c_A^\top x + \beta c^\top x} \prod_j \bigl(1 + e^{\beta (b_j + W_{j,:} x)}\bigr),
///     \qquad 0 = \beta_0 < \beta_1 < \dots < \beta_K = 1 . \f]
/// Each run draws \f$ x_0 \sim p_A \f$ and for k = 1..K adds \f$ \log p^*_{\beta_k}(x_{k-1}) - \log p^*_{\beta_{k-1}}(x_{k-1}) \f$
/// to its log-weight, then moves \f$ x_k \f$ by one Gibbs sweep that leaves \f$ p_{\beta_k} \f$ invariant
/// (\f$ h \sim \sigma(\beta(b + W x)) \f$, \f$ x \sim \sigma((1-\beta) c_A + \beta(c + W^\top h)) \f$). The mean weight is
/// an unbiased estimate of \f$ Z / Z_A \f$; its log is biased low by Jensen, which makes too-short schedules
/// underestimate \f$ \log Z \f$ (and overestimate the likelihood).
#pragma once

#include "core/rng.hpp"
#include "graphical/rbm.hpp"

#include <cstddef>
#include <functional>
#include <vector>

namespace dlc {

/// \brief How much annealing: K temperatures, `runs` independent runs of `chains` chains each.
struct AisOptions {
    std::size_t temperatures = 10000;  ///< K, the number of intermediate distributions
    std::size_t runs = 4;              ///< independent estimates (their spread is the error bar)
    std::size_t chains = 25;           ///< importance samples per run
};

/// \brief What AIS found.
struct AisResult {
    double log_z = 0;                 ///< \f$ \log Z_A + \log \frac{1}{R M} \sum w \f$ over every chain of every run
    double log_z_base = 0;            ///< \f$ \log Z_A \f$ of the base model
    std::vector<double> run_log_z;    ///< each run's own estimate \f$ \log Z_A + \log \frac1M \sum_{m} w_m \f$
    double run_sd = 0;                ///< sample standard deviation of `run_log_z` (0 for one run)
    double log_z_low = 0;             ///< \f$ \log Z_A + \log(\bar w - 3 s_w / \sqrt{RM}) \f$ (\f$ -\infty \f$ if that is not positive)
    double log_z_high = 0;            ///< \f$ \log Z_A + \log(\bar w + 3 s_w / \sqrt{RM}) \f$
    std::vector<double> log_weights;  ///< \f$ \log w \f$ of every chain, run by run
};

/// \brief The inverse temperatures \f$ \beta_0 = 0 < \dots < \beta_K = 1 \f$: uniform steps over [0, 0.5],
/// [0.5, 0.9] and [0.9, 1] holding 500/14500, 4000/14500 and 10000/14500 of the K steps (Salakhutdinov and
/// Murray's schedule, which is K = 14500), so the steps are finest near the target.
/// \throws ValueError if K < 3.
std::vector<double> ais_schedule(std::size_t K);

/// \brief The base model's visible biases from data: \f$ c_{A,k} = \log \frac{\hat p_k}{1 - \hat p_k} \f$ with
/// \f$ \hat p_k = (\sum_t x_{tk} + \alpha) / (n + 2\alpha) \f$ (the "base-rate" model), so \f$ p_A \f$ already
/// matches the pixel means.
/// \throws ShapeError if X is empty; ValueError unless X is binary or if the pseudo-count is not positive.
template <class T>
Vector<T> base_rate_visible_bias(const Matrix<T>& X, double pseudo_count = 1.0);

/// \brief \f$ \log Z \f$ of `rbm` by AIS from the base model with visible biases `base_c` (D); all runs' chains
/// move together, one row each, two GEMMs per temperature. `tick(k, K)` is called every 100 temperatures.
/// \throws ShapeError if base_c is not (D); ValueError if a count in `options` is 0, K < 3, or base_c is not
/// finite; as `check_rbm`.
template <class T>
AisResult ais_log_partition(const Rbm<T>& rbm, const Vector<T>& base_c, const AisOptions& options, Rng& rng,
                            const std::function<void(std::size_t, std::size_t)>& tick = {});

}  // namespace dlc
