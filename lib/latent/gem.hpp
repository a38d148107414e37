/// \file
/// \brief Generalized EM: instead of the exact maximizer of the M-step objective, one gradient-ascent step on it
/// that is guaranteed to increase it.
///
/// Lecture: "K-means, GMM, EM" slides, "Generalized EM (GEM)": rather than
/// \f$ \theta^{\text{new}} = \arg\max_\theta J(\theta) \f$, "find any \f$ \theta^{\text{new}} \f$ for which
/// \f$ J(\theta^{\text{new}}) > J(\theta^{\text{old}}) \f$ ... e.g. take a gradient step on J. We still get monotonically
/// increasing likelihood." Here \f$ J(\theta) = \sum_i \sum_z \gamma_i^z \log \pi_z \mathcal{N}(x_i | \mu_z, \Sigma_z) \f$
/// (`expected_complete_log_likelihood`) with \f$ \gamma \f$ from the E-step. The step is taken in unconstrained
/// coordinates, as "Gradient Descent / SGD for GMM" suggests: the means \f$ \mu_z \f$; the Cholesky factors \f$ L_z \f$
/// with \f$ \Sigma_z = L_z L_z^\top \f$ (so \f$ \Sigma_z \f$ stays positive semidefinite); and logits \f$ a_z \f$ with
/// \f$ \pi = \operatorname{softmax}(a) \f$. With \f$ n_z = \sum_i \gamma_i^z \f$, \f$ \bar x_z = \frac{1}{n_z}\sum_i \gamma_i^z x_i \f$ and
/// \f$ \tilde S_z = \frac{1}{n_z}\sum_i \gamma_i^z (x_i - \mu_z)(x_i - \mu_z)^\top \f$ (about the current mean):
/// \f[ \frac{\partial J}{\partial \mu_z} = n_z \Sigma_z^{-1}(\bar x_z - \mu_z), \qquad
///     \frac{\partial J}{\partial L_z} = \operatorname{lower}\bigl( n_z \Sigma_z^{-1} (\tilde S_z - \Sigma_z) \Sigma_z^{-1} L_z \bigr), \qquad
///     \frac{\partial J}{\partial a_z} = n_z - n \pi_z , \f]
/// all evaluated with triangular solves (\f$ \Sigma_z^{-1} L_z = L_z^{-\top} \f$). At \f$ \gamma = p(z | x; \theta) \f$ the gradient of J
/// equals the gradient of the log-likelihood (the bound touches the evidence there).
#pragma once

#include "core/tensor.hpp"
#include "latent/mixture.hpp"

#include <cstddef>

namespace dlc {

/// \brief The gradient of \f$ J(\theta) = \sum_i \sum_z \gamma_i^z \log \pi_z \mathcal{N}(x_i | \mu_z, \Sigma_z) \f$ in the coordinates of
/// the file comment.
struct MStepGradient {
    /// \brief \f$ \partial J / \partial \mu_z = n_z \Sigma_z^{-1} (\bar x_z - \mu_z) = \sum_i \gamma_i^z \Sigma_z^{-1}(x_i - \mu_z) \f$, (k, d).
    Matrix<double> means;
    /// \brief \f$ \partial J / \partial L_z \f$ (lower triangular; for `diagonal` its diagonal; for `spherical`
    /// \f$ \frac{1}{d}\operatorname{tr}(\cdot)\,I \f$, the gradient with respect to \f$ L_z = s_z I \f$ spread over the diagonal), (k, d, d).
    Tensor3<double> cholesky_factors;
    /// \brief \f$ \partial J / \partial a_z = n_z - n \pi_z \f$ for \f$ \pi = \operatorname{softmax}(a) \f$, (k).
    Vector<double> logits;
};

/// \brief The gradient of the M-step objective at \f$ \theta \f$ for responsibilities \f$ \gamma \f$ (n, k).
/// \throws as `check_mixture`, `check_mixture_data`; ShapeError unless resp is (n, k).
MStepGradient m_step_gradient(const Matrix<double>& X, const Matrix<double>& resp, const GaussianMixture& theta);

/// \brief The outcome of one generalized M-step.
struct GemStep {
    /// \brief \f$ \theta^{\text{new}} \f$ (equal to \f$ \theta^{\text{old}} \f$ if no step size increased J).
    GaussianMixture theta;
    /// \brief \f$ J(\theta^{\text{old}}) \f$.
    double objective_before = 0;
    /// \brief \f$ J(\theta^{\text{new}}) \ge J(\theta^{\text{old}}) \f$.
    double objective_after = 0;
    /// \brief The step size \f$ \eta \f$ accepted (0 if none).
    double step_size = 0;
    /// \brief How many times \f$ \eta \f$ was halved before J increased.
    std::size_t halvings = 0;
};

/// \brief One generalized M-step: \f$ (\mu, L, a) \leftarrow (\mu, L, a) + \frac{\eta}{n} \nabla J \f$, halving \f$ \eta \f$ (from
/// `learning_rate`, at most `max_halvings` times) until \f$ J(\theta^{\text{new}}) \ge J(\theta^{\text{old}}) \f$ (backtracking), so
/// the likelihood cannot decrease. The covariance type is kept; `reg_covar` is not applied.
/// \throws as `m_step_gradient`; ValueError if `learning_rate` is not finite and > 0.
GemStep gem_step(const Matrix<double>& X, const Matrix<double>& resp, const GaussianMixture& theta,
                 double learning_rate, std::size_t max_halvings = 40);

}  // namespace dlc
