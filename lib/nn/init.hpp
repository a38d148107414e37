/// \file
/// \brief Weight initialization: Gaussian with a given \f$ \sigma \f$, \f$ N(0, 1/n) \f$, Xavier,
/// Kaiming, zeros — every draw through one `dlc::Rng`.
///
/// Lectures: ECE/CS 559 L13 ⑥ "Initializing the weights" (keep the statistics from layer to
/// layer: with whitened inputs \f$ E[W W^\top] = n\,E[w^2]\,I \f$, so i.i.d. \f$ w \sim N(0, 1/n) \f$
/// keeps the covariance at \f$ I \f$); HW5 (d) (i.i.d. Gaussian with \f$ \sigma = 0.1 \f$, and
/// zero initialization as one of the (f) "hacks"); NYU slides "Kaiming Initialization"
/// (\f$ \mathrm{Var}[x_{l+1}] = \tfrac12 n_l \mathrm{Var}[w_l] \mathrm{Var}[x_l] \f$ under ReLU, so
/// \f$ \mathrm{Std}[w_l] = \sqrt{2/n_l} \f$); Bahng §1.5 "Weight Initialization" (why not zeros,
/// why not small \f$ N(0, 0.1) \f$ in deep nets, Xavier and He).
///
/// Fans: for a weight of shape (out, in, k...) — a `Linear`'s \f$ W \f$ is (out, in), a
/// convolution's kernel (C_out, C_in, kh, kw) — \f$ n_{\text{in}} = \text{in} \cdot \prod k \f$ and
/// \f$ n_{\text{out}} = \text{out} \cdot \prod k \f$.
#pragma once

#include "core/rng.hpp"
#include "nn/module.hpp"

#include <cstddef>
#include <string>

namespace dlc {

/// \brief An initialization scheme: which distribution the entries are drawn from.
struct WeightInit {
    /// \brief The family of the distribution.
    enum class Kind {
        /// Every entry 0 (Bahng §1.5: all hidden units then compute the same thing and get the
        /// same update — the symmetry is never broken).
        zeros,
        /// \f$ N(0, \sigma^2) \f$ with the given \f$ \sigma \f$ (HW5 (d): \f$ \sigma = 0.1 \f$).
        gaussian,
        /// \f$ N(0, 1/n_{\text{in}}) \f$, i.e. \f$ \sigma = 1/\sqrt{n_{\text{in}}} \f$ (L13 ⑥).
        normal_fan_in,
        /// Xavier/Glorot normal: \f$ N\bigl(0, \tfrac{2}{n_{\text{in}} + n_{\text{out}}}\bigr) \f$.
        xavier,
        /// Kaiming/He normal: \f$ N(0, 2/n_{\text{in}}) \f$, i.e. \f$ \sigma = \sqrt{2/n_{\text{in}}} \f$
        /// (NYU slides, for ReLU networks).
        kaiming,
    };

    /// \brief The family.
    Kind kind = Kind::kaiming;
    /// \brief \f$ \sigma \f$ for `Kind::gaussian` (ignored otherwise).
    double sigma = 0.0;

    /// \brief All zeros.
    static WeightInit zeros() { return {Kind::zeros, 0.0}; }
    /// \brief \f$ N(0, \sigma^2) \f$. \throws ValueError (when used) if \f$ \sigma < 0 \f$ or not finite.
    static WeightInit gaussian(double sigma) { return {Kind::gaussian, sigma}; }
    /// \brief \f$ N(0, 1/n_{\text{in}}) \f$.
    static WeightInit normal_fan_in() { return {Kind::normal_fan_in, 0.0}; }
    /// \brief Xavier normal, \f$ \sigma = \sqrt{2/(n_{\text{in}} + n_{\text{out}})} \f$.
    static WeightInit xavier() { return {Kind::xavier, 0.0}; }
    /// \brief Kaiming normal, \f$ \sigma = \sqrt{2/n_{\text{in}}} \f$.
    static WeightInit kaiming() { return {Kind::kaiming, 0.0}; }

    /// \brief The standard deviation this scheme uses for the given fans.
    double stddev(std::size_t fan_in, std::size_t fan_out) const;

    /// \brief A label for tables and plots, e.g. `"N(0, 0.1^2)"`, `"Kaiming sqrt(2/n_in)"`.
    std::string name() const;
};

/// \brief \f$ n_{\text{in}} \f$ of a weight of shape (out, in, k...): \f$ \text{in} \cdot \prod k \f$.
/// \throws ShapeError if the rank is below 2.
std::size_t fan_in(const Shape& weight_shape);

/// \brief \f$ n_{\text{out}} \f$ of a weight of shape (out, in, k...): \f$ \text{out} \cdot \prod k \f$.
/// \throws ShapeError if the rank is below 2.
std::size_t fan_out(const Shape& weight_shape);

/// \brief Fills `w` with i.i.d. draws of the scheme, in row-major order, using the given fans
/// (biases use their layer's fans).
/// \throws ValueError for a Gaussian \f$ \sigma \f$ that is negative or not finite, or a
///         fan-based scheme with a zero fan.
template <class T>
void initialize(Tensor<T>& w, const WeightInit& init, Rng& rng, std::size_t fan_in, std::size_t fan_out);

/// \brief Fills the weight `w` (rank \f$ \ge 2 \f$, shape (out, in, k...)) with the scheme, the
/// fans taken from its shape.
/// \throws ShapeError if `w` has rank below 2; ValueError as above.
template <class T>
void initialize(Tensor<T>& w, const WeightInit& init, Rng& rng);

}  // namespace dlc
