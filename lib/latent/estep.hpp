/// \file
/// \brief The E-step: the joint \f$ \log p(x_i, z; \theta) \f$, the evidence \f$ \log p(x_i; \theta) \f$ and the
/// responsibilities \f$ \gamma_i^z = p(z | x_i; \theta) \f$ of every point, with log-sum-exp.
///
/// Lecture: "K-means, GMM, EM" slides, "Learning GMMs: inference", eqs. (14)–(16), and "M-step for GMM":
/// \f[ \gamma_i^j = p(z = j | x_i) = \frac{\pi_j \mathcal{N}(x_i | \mu_j, \Sigma_j)}{\sum_{c=1}^k \pi_c \mathcal{N}(x_i | \mu_c, \Sigma_c)} , \f]
/// the log-likelihood (8)–(9) \f$ L(\theta) = \sum_i \log \sum_z p(x_i, z; \theta) \f$; UCSD "K-means and EM",
/// eqs. (9.23) and (9.28). Everything is computed from
/// \f$ a_{iz} = \log \pi_z + \log \mathcal{N}(x_i | \mu_z, \Sigma_z) \f$: \f$ \log p(x_i) = \operatorname{logsumexp}_z a_{iz} \f$
/// and \f$ \gamma_i^z = e^{a_{iz} - \log p(x_i)} \f$, so points far from every component neither underflow
/// nor divide 0 by 0.
#pragma once

#include "core/tensor.hpp"
#include "latent/mixture.hpp"

#include <cstddef>
#include <vector>

namespace dlc {

/// \brief Evaluates the E-step on a fixed data set X (n, d), reusing its buffers across calls (one call per
/// EM iteration).
///
/// The Mahalanobis terms \f$ \|L_z^{-1}(x_i - \mu_z)\|^2 \f$ (\f$ \Sigma_z = L_z L_z^\top \f$) are computed block by block of
/// rows. For \f$ d \le 4 \f$ the forward substitutions are written out (`gaussian_log_density_rows`). For \f$ d > 4 \f$
/// the inverse factors \f$ P_z = L_z^{-1} \f$ are formed once per call (a \f$ d \times d \f$ triangular solve each) and
/// \f$ L_z^{-1}(x_i - \mu_z) = P_z (x_i - \bar x) - P_z (\mu_z - \bar x) \f$: with the \f$ P_z^\top \f$ side by side in one
/// \f$ (d, kd) \f$ matrix, a block's vectors for all k components are ONE matrix product (BLAS `dgemm`) of its rows
/// centred at the data mean \f$ \bar x \f$ (about as many multiplications as k triangular solves, but at the
/// speed of the matrix-product kernels). Then one pass over the block's rows does the log-sum-exp and the
/// responsibilities with one `exp` per entry:
/// \f$ m_i = \max_z a_{iz} \f$, \f$ e_{iz} = e^{a_{iz} - m_i} \f$, \f$ \log p(x_i) = m_i + \log \sum_z e_{iz} \f$,
/// \f$ \gamma_i^z = e_{iz} / \sum_c e_{ic} \f$.
///
/// **The plain reference**: `e_step_plain` (estep_plain.hpp) computes the same quantities one point and one
/// component at a time, as the slide writes them; the tests check that both agree to rounding.
class MixtureDensity {
public:
    /// \brief Prepares the E-step on X (n, d), one point per row.
    ///
    /// X is referenced, not copied: it must outlive this object and not change.
    /// \throws ShapeError if X is empty; ValueError naming the first NaN/Inf entry.
    explicit MixtureDensity(const Matrix<double>& X);

    /// \brief The E-step at \f$ \theta \f$: fills `log_joint`, `log_evidence` and `responsibilities`, and returns the
    /// log-likelihood \f$ L(\theta) = \sum_{i=1}^n \log p(x_i; \theta) \f$ (accumulated in double).
    ///
    /// \param theta            the parameters; their shapes are checked, and each \f$ \Sigma_z \f$ is factorized
    /// \param elbo_of_previous if not null, receives, before the responsibilities are overwritten, the
    ///        lower bound of the previous responsibilities \f$ q = \gamma^{\text{old}} \f$ at the new \f$ \theta \f$:
    ///        \f$ \mathcal{L}(q, \theta) = \sum_i \sum_z q_{iz} (a_{iz} - \log q_{iz}) \f$ (terms with \f$ q_{iz} = 0 \f$ count 0);
    ///        this is the bound that the M-step raised (slides, "EM: Coordinate Ascent on Lower Bound").
    ///        Requires a previous call (with the same k).
    /// \param where            the public function asking (named first in error messages)
    /// \throws ShapeError if \f$ \theta \f$'s d differs from X's; ValueError naming the component whose
    ///         \f$ \Sigma_z \f$ is not positive definite.
    double evaluate(const GaussianMixture& theta, double* elbo_of_previous = nullptr,
                    const char* where = "MixtureDensity::evaluate");

    /// \brief \f$ a_{iz} = \log p(x_i, z; \theta) = \log \pi_z + \log \mathcal{N}(x_i | \mu_z, \Sigma_z) \f$, (n, k).
    const Matrix<double>& log_joint() const { return log_joint_; }
    /// \brief \f$ \log p(x_i; \theta) = \log \sum_z e^{a_{iz}} \f$, (n).
    const Vector<double>& log_evidence() const { return log_evidence_; }
    /// \brief \f$ \gamma_i^z = p(z | x_i; \theta) \f$, (n, k): each row sums to 1.
    const Matrix<double>& responsibilities() const { return responsibilities_; }
    /// \brief \f$ L(\theta) = \sum_i \log p(x_i; \theta) \f$ from the last `evaluate`.
    double log_likelihood() const { return log_likelihood_; }
    /// \brief \f$ \sum_i |\log p(x_i; \theta)| \f$ from the last `evaluate` (the scale of its rounding error).
    double abs_log_evidence_sum() const { return abs_sum_; }
    /// \brief The data X (n, d).
    const Matrix<double>& data() const { return X_; }

private:
    const Matrix<double>& X_;
    Matrix<double> log_joint_;
    Vector<double> log_evidence_;
    Matrix<double> responsibilities_;
    Vector<double> work_;       // one block of centred rows
    Vector<double> factors_;    // the k Cholesky factors L_z, (k * d * d)
    Vector<double> center_;     // the data mean xbar, (d)
    Vector<double> inverse_factors_;  // d > 4: [P_1^T ... P_k^T], P_z = L_z^{-1}, row-major (d, k d)
    Vector<double> shifts_;     // d > 4: P_z (mu_z - xbar), (k, d)
    Vector<double> products_;   // d > 4: one block's (X_B - xbar) [P_1^T ... P_k^T], (rows, k d)
    Vector<double> constants_;  // c_z = log pi_z - (d log 2 pi + log|Sigma_z|) / 2, (k)
    double log_likelihood_ = 0;
    double abs_sum_ = 0;
    double neg_entropy_ = 0;  // sum_i sum_z gamma_iz log gamma_iz of the current responsibilities
};

/// \brief \f$ a_{iz} = \log \pi_z + \log \mathcal{N}(x_i | \mu_z, \Sigma_z) \f$ for all points and components, (n, k).
/// \throws as `check_mixture` and `check_mixture_data`.
Matrix<double> log_joint(const Matrix<double>& X, const GaussianMixture& theta);

/// \brief The responsibilities \f$ \gamma_i^z = p(z | x_i; \theta) \f$ (eq. (16), UCSD (9.23)), (n, k).
/// \throws as `check_mixture` and `check_mixture_data`.
Matrix<double> responsibilities(const Matrix<double>& X, const GaussianMixture& theta);

/// \brief The log-likelihood \f$ L(\theta) = \sum_{i=1}^n \log \sum_{z=1}^k \pi_z \mathcal{N}(x_i | \mu_z, \Sigma_z) \f$
/// (slides eqs. (8)–(9), UCSD (9.28)).
/// \throws as `check_mixture` and `check_mixture_data`.
double log_likelihood(const Matrix<double>& X, const GaussianMixture& theta);

}  // namespace dlc
