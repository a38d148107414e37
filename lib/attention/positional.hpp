/// \file
/// \brief Positional encodings: "attention operation is permutation equivariant. Solution: encode the
/// position of each token" (NYU slides), "position info can be placed inside \f$ x_t \f$ (positional
/// embedding)" (ECE/CS 559 L25).
///
/// The sinusoidal table of the NYU slide (Vaswani et al. 2017, with \f$ k = 10000 \f$):
/// \f[ PE(p, 2i) = \sin\bigl(p / 10000^{2i/d}\bigr), \qquad PE(p, 2i+1) = \cos\bigl(p / 10000^{2i/d}\bigr), \f]
/// so each pair of features \f$ (2i, 2i+1) \f$ is a point on the unit circle turning at frequency
/// \f$ \omega_i = 10000^{-2i/d} \f$, and \f$ PE_{p+k} \f$ is \f$ PE_p \f$ rotated pair by pair by the angles
/// \f$ k\omega_i \f$ (a fixed linear map that depends on k only: `sinusoidal_shift`). Learned encodings are a
/// trained table, one row per position.
#pragma once

#include "core/rng.hpp"
#include "nn/module.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace dlc {

/// \brief The sinusoidal table (T, d): row p is \f$ PE_p \f$.
/// \throws ValueError if T or d is 0 or d is odd.
template <class T>
Tensor<T> sinusoidal_encoding(std::size_t positions, std::size_t d);

/// \brief The (d, d) matrix \f$ M_k \f$ with \f$ PE_{p+k} = M_k PE_p \f$ for every p: block diagonal, block i the
/// rotation \f$ \begin{pmatrix} \cos k\omega_i & \sin k\omega_i \\ -\sin k\omega_i & \cos k\omega_i \end{pmatrix} \f$
/// acting on \f$ (\sin p\omega_i, \cos p\omega_i) \f$.
/// \throws ValueError if d is 0 or odd.
Tensor<double> sinusoidal_shift(std::size_t d, double k);

/// \brief Adds a position table to a batch of sequences: \f$ y_{b,t} = x_{b,t} + P_t \f$ for X (B, T, d), T no more
/// than the table's rows. With `learned` the table is a parameter (initially \f$ N(0, 0.02^2) \f$) whose
/// gradient is \f$ \nabla_{P_t} \mathrel{+}= \sum_b \partial L/\partial y_{b,t} \f$; otherwise it is the fixed
/// sinusoidal table. In both cases \f$ \partial L/\partial x = \partial L/\partial y \f$.
template <class T>
class PositionalEncoding : public Module<T> {
public:
    /// \brief A table for up to `max_positions` positions of width d; sinusoidal unless `learned` (then `rng`
    /// draws it).
    /// \throws ValueError if a size is 0 (or d is odd for the sinusoidal table).
    PositionalEncoding(std::size_t max_positions, std::size_t d, bool learned, Rng& rng);
    /// \brief \f$ x_{b,t} + P_t \f$. \throws ShapeError unless X is (B, T, d) with T ≤ `max_positions`.
    const Tensor<T>& forward(const Tensor<T>& X) override;
    /// \brief Returns \f$ \partial L/\partial y \f$ unchanged; a learned table accumulates its gradient.
    const Tensor<T>& backward(const Tensor<T>& dY) override;
    /// \brief `"PositionalEncoding(sinusoidal, 128 x 64)"`.
    std::string name() const override;
    /// \brief The table `P` if learned; none otherwise.
    std::vector<Parameter<T>> parameters() override;
    /// \brief The table P (max_positions, d).
    Tensor<T>& table() { return P_; }

private:
    bool learned_;
    Tensor<T> P_, grad_P_;
};

}  // namespace dlc
