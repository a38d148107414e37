/// \file
/// \brief The linear autoencoder \f$ x \xrightarrow{V} z \xrightarrow{U} \hat x = U V x \f$ trained by
/// full-batch gradient descent on \f$ f(U, V) = \frac1m \sum_i \|x_i - U V x_i\|^2 \f$.
///
/// Lecture: Bahng §6.1 ("In the totally linear case, we have PCA"; \f$ U \in \mathbb{R}^{d\times k} \f$ the
/// decompressor, \f$ V \in \mathbb{R}^{k \times d} \f$ the compressor; f is not convex, though
/// \f$ f(U, \cdot) \f$ and \f$ f(\cdot, V) \f$ are; Theorem 6.1). Per example, with the residual
/// \f$ r = x - U V x \f$,
/// \f[ \nabla_U \|r\|^2 = -2\, r\, (V x)^\top, \qquad \nabla_V \|r\|^2 = -2\, U^\top r\, x^\top . \f]
/// Summed over the data these only involve the second-moment matrix \f$ C = \frac1m \sum_i x_i x_i^\top \f$:
/// with \f$ A = U V - I \f$,
/// \f[ f = \operatorname{tr}(A\, C A^\top), \qquad \nabla_U f = 2 A C V^\top, \qquad \nabla_V f = 2 U^\top A C , \f]
/// so one full-batch gradient step costs two \f$ (d \times d)(d \times k) \f$ products whatever m is
/// (`linear_ae_loss_data` is the per-example sum, kept as the plain reference).
#pragma once

#include "core/rng.hpp"
#include "core/tensor.hpp"

#include <cstddef>
#include <functional>
#include <vector>

namespace dlc {

/// \brief The two weight matrices of a linear autoencoder \f$ \hat x = U V x \f$.
struct LinearAutoencoder {
    /// \brief The decompressor \f$ U \f$, shape (d, k).
    Matrix<double> U;
    /// \brief The compressor \f$ V \f$, shape (k, d).
    Matrix<double> V;
};

/// \brief \f$ f(U, V) = \operatorname{tr}((UV - I) C (UV - I)^\top) \f$ from the second-moment matrix C (d, d).
/// \throws ShapeError if the shapes do not fit together.
double linear_ae_loss(const Matrix<double>& C, const LinearAutoencoder& ae);

/// \brief \f$ \frac1m \sum_i \|x_i - U V x_i\|^2 \f$ over the rows of `X` (m, d), example by example (the
/// plain reference for `linear_ae_loss`).
double linear_ae_loss_data(const Matrix<double>& X, const LinearAutoencoder& ae);

/// \brief \f$ \nabla_U f = 2 (UV - I) C V^\top \f$ and \f$ \nabla_V f = 2 U^\top (UV - I) C \f$ into `grad`
/// (resized to the shapes of U and V).
void linear_ae_gradient(const Matrix<double>& C, const LinearAutoencoder& ae, LinearAutoencoder& grad);

/// \brief Settings of `train_linear_autoencoder`.
struct LinearAeOptions {
    /// \brief Number of gradient steps.
    std::size_t steps = 2000;
    /// \brief The step size as a multiple of \f$ 1/\lambda_{\max}(C) \f$ (\f$ \eta = \f$
    /// `step_scale` \f$ / \lambda_{\max} \f$); 0.25 keeps the iteration stable from a small start.
    double step_scale = 0.25;
    /// \brief Standard deviation of the initial entries of U and V (small: start near the saddle at 0).
    double init_sd = 0.01;
    /// \brief Record the loss every this many steps (and at the last step).
    std::size_t record_every = 10;
};

/// \brief What `train_linear_autoencoder` returns.
struct LinearAeResult {
    /// \brief The trained weights.
    LinearAutoencoder ae;
    /// \brief The steps at which the loss was recorded (0 = before the first step).
    std::vector<std::size_t> steps;
    /// \brief \f$ f(U, V) \f$ at those steps.
    std::vector<double> loss;
    /// \brief The step size \f$ \eta \f$ used.
    double learning_rate = 0.0;
};

/// \brief Gradient descent \f$ U \leftarrow U - \eta \nabla_U f,\ V \leftarrow V - \eta \nabla_V f \f$ from small
/// random weights, on the second-moment matrix `C` (d, d) of the (centred) data.
///
/// `on_record(step, ae)` is called at every recorded step (e.g. to track principal angles).
/// \throws ValueError if k = 0 or k > d, C is not finite, or the options are invalid; DivergenceError if
///         the loss becomes NaN/Inf.
LinearAeResult train_linear_autoencoder(const Matrix<double>& C, std::size_t k, Rng& rng,
                                        const LinearAeOptions& options = {},
                                        const std::function<void(std::size_t, const LinearAutoencoder&)>& on_record = {});

/// \brief Gradient descent as `train_linear_autoencoder`, from the given weights `start` (U (d, k), V (k, d)) instead of
/// a random start; `options.init_sd` is not used.
/// \throws ShapeError if the shapes of `start` do not fit C; otherwise as `train_linear_autoencoder`.
LinearAeResult train_linear_autoencoder_from(const Matrix<double>& C, LinearAutoencoder start,
                                             const LinearAeOptions& options = {},
                                             const std::function<void(std::size_t, const LinearAutoencoder&)>& on_record = {});

}  // namespace dlc
