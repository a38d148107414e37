/// \file
/// \brief Packing (Lin et al., PacGAN, 2018): the discriminator judges \f$ m \f$ samples at once, all real or
/// all generated, so a generator that collapses onto a few modes produces packs with tell-tale repeats.
///
/// The course's GAN material has no remedy for mode collapse; the GAN lecture measures this one on the
/// ring of Gaussians (modes.hpp). As a module it is a reshape: \f$ m \f$ consecutive rows of a batch
/// (N, d) become one row (N/m, m d); the backward pass reshapes the gradient back.
#pragma once

#include "nn/module.hpp"

#include <cstddef>
#include <string>

namespace dlc {

/// \brief Concatenates every \f$ m \f$ consecutive rows: (N, d) → (N/m, m d). Put it first in a discriminator.
template <class T>
class Pack : public Module<T> {
public:
    /// \brief Packs of \f$ m \f$ samples.
    /// \throws ValueError if \f$ m = 0 \f$.
    explicit Pack(std::size_t m);
    /// \brief Row \f$ i \f$ of the output is rows \f$ i m, \dots, i m + m - 1 \f$ of `x`, side by side.
    /// \throws ShapeError unless `x` is (N, d) with N a positive multiple of \f$ m \f$.
    const Tensor<T>& forward(const Tensor<T>& x) override;
    /// \brief The gradient reshaped back to (N, d).
    const Tensor<T>& backward(const Tensor<T>& grad_output) override;
    /// \brief `"Pack(4)"`.
    std::string name() const override;
    /// \brief \f$ m \f$.
    std::size_t m() const { return m_; }

private:
    std::size_t m_;
    Shape in_shape_;
};

}  // namespace dlc
