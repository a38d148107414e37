/// \file
/// \brief Gradient descent on a quadratic risk
/// \f$ R(w) = \tfrac12 w^\top H w + g^\top w + c \f$: the exact optimum from the optimality condition
/// \f$ \nabla R(w) = H w + g = 0 \f$, the Hessian's eigenvalues, the critical step
/// \f$ 2/\lambda_{\max} \f$, and the iterates with divergence detection.
///
/// Lectures: ECE/CS 559 L8 (gradient descent \f$ w \leftarrow w - \eta \nabla R(w) \f$, "What if
/// \f$ \eta \f$ is too big?"), HW5 Q1 (\f$ R(w) = 13 w_1^2 - 10 w_1 w_2 + 4 w_1 + 2 w_2^2 - 2 w_2 + 1 \f$ with
/// \f$ \eta = 0.02, 0.05, 0.1 \f$; (c) "Is even larger \f$ \eta \f$ beneficial?").
///
/// **Why \f$ 2/\lambda_{\max} \f$.** With \f$ w^* \f$ the optimum, \f$ \nabla R(w) = H (w - w^*) \f$, so
/// the error \f$ e = w - w^* \f$ evolves as \f$ e(t) = (I - \eta H)\, e(t-1) \f$. In the eigenbasis of
/// \f$ H \f$ each component is multiplied by \f$ 1 - \eta \lambda_i \f$ per step: every component
/// shrinks iff \f$ |1 - \eta \lambda_i| < 1 \f$ for all \f$ i \f$, i.e. \f$ 0 < \eta < 2/\lambda_{\max} \f$
/// (for a positive definite \f$ H \f$). The slowest component sets the rate
/// \f$ \rho(\eta) = \max_i |1 - \eta \lambda_i| \f$, smallest at \f$ \eta = 2/(\lambda_{\min} + \lambda_{\max}) \f$.
#pragma once

#include "core/tensor.hpp"

#include <cstddef>
#include <vector>

namespace dlc {

/// \brief A quadratic function \f$ R(w) = \tfrac12 w^\top H w + g^\top w + c \f$ of \f$ w \in \mathbb{R}^n \f$
/// with a symmetric Hessian \f$ H \f$; its gradient is \f$ \nabla R(w) = H w + g \f$.
class Quadratic {
public:
    /// \brief The quadratic with Hessian `H` (n, n), linear term `g` (n) and constant `c`.
    /// \throws ShapeError if `H` is not square or `g` does not have n entries;
    ///         ValueError if `H` is not symmetric or an entry is not finite.
    Quadratic(Matrix<double> H, Vector<double> g, double c);

    /// \brief The quadratic in two variables written as the homework writes it,
    /// \f$ R(w) = a_{11} w_1^2 + a_{12} w_1 w_2 + a_{22} w_2^2 + b_1 w_1 + b_2 w_2 + c \f$:
    /// \f$ H = \begin{pmatrix} 2 a_{11} & a_{12} \\ a_{12} & 2 a_{22} \end{pmatrix} \f$, \f$ g = (b_1, b_2) \f$.
    static Quadratic from_coefficients_2d(double a11, double a12, double a22, double b1, double b2, double c);

    /// \brief \f$ n \f$, the dimension of \f$ w \f$.
    std::size_t dimension() const { return g_.size(); }
    /// \brief \f$ R(w) = \tfrac12 w^\top H w + g^\top w + c \f$.
    /// \throws ShapeError if `w` does not have n entries.
    double value(const Vector<double>& w) const;
    /// \brief \f$ \nabla R(w) = H w + g \f$.
    /// \throws ShapeError if `w` does not have n entries.
    Vector<double> gradient(const Vector<double>& w) const;
    /// \brief The Hessian \f$ H = \nabla^2 R \f$.
    const Matrix<double>& hessian() const { return H_; }
    /// \brief The linear term \f$ g = \nabla R(0) \f$.
    const Vector<double>& linear() const { return g_; }
    /// \brief The constant \f$ c = R(0) \f$.
    double constant() const { return c_; }

private:
    Matrix<double> H_;
    Vector<double> g_;
    double c_;
};

/// \brief The stationary point: the solution of the optimality condition \f$ \nabla R(w) = H w + g = 0 \f$,
/// i.e. of the linear system \f$ H w = -g \f$ (LAPACK `gesv` through xtensor-blas).
///
/// It is the unique minimizer when \f$ H \f$ is positive definite (see `hessian_eigenvalues`).
/// \throws ValueError if \f$ H \f$ is singular (no unique stationary point).
Vector<double> stationary_point(const Quadratic& q);

/// \brief The eigenvalues \f$ \lambda_1 \le \dots \le \lambda_n \f$ of \f$ H \f$, ascending (LAPACK `syevd`).
Vector<double> hessian_eigenvalues(const Quadratic& q);

/// \brief The critical step \f$ 2/\lambda_{\max} \f$: gradient descent with a constant step
/// \f$ \eta \f$ converges from every start iff \f$ 0 < \eta < 2/\lambda_{\max} \f$.
/// \throws ValueError unless \f$ H \f$ is positive definite (\f$ \lambda_{\min} > 0 \f$).
double critical_step(const Quadratic& q);

/// \brief The step with the fastest guaranteed rate, \f$ \eta^* = 2/(\lambda_{\min} + \lambda_{\max}) \f$,
/// where \f$ \rho(\eta^*) = (\kappa - 1)/(\kappa + 1) \f$ with \f$ \kappa = \lambda_{\max}/\lambda_{\min} \f$.
/// \throws ValueError unless \f$ H \f$ is positive definite.
double optimal_step(const Quadratic& q);

/// \brief \f$ \rho(\eta) = \max_i |1 - \eta \lambda_i| \f$: the factor by which the slowest eigen-component
/// of the error \f$ w(t) - w^* \f$ is multiplied at every step (\f$ \rho < 1 \f$: convergence).
double contraction_factor(const Quadratic& q, double eta);

/// \brief The iterates of `gradient_descent`, filled as it runs: \f$ w(0), w(1), \dots \f$ and \f$ R(w(t)) \f$.
///
/// When the run diverges, the trace holds every iterate before the one that blew up.
struct QuadraticTrace {
    /// \brief \f$ w(0), w(1), \dots \f$
    std::vector<Vector<double>> w;
    /// \brief \f$ R(w(t)) \f$ for each stored iterate.
    std::vector<double> value;
};

/// \brief Gradient descent \f$ w(t) = w(t-1) - \eta\, \nabla R(w(t-1)) \f$ for \f$ t = 1, \dots, T \f$
/// (`iterations`) from \f$ w(0) \f$, recording every iterate into `trace` (cleared first).
///
/// Divergence is watched with a `DivergenceMonitor` on \f$ R(w(t)) \f$: the run stops with
/// `DivergenceError` ("gradient_descent: diverged at iteration t: the R(w) ... exceeds ...") when
/// \f$ R(w(t)) \f$ is NaN/Inf or exceeds `blowup_factor` \f$ \times \max(|R(w(0))|, 1) \f$; `trace` then
/// holds the iterates up to \f$ w(t-1) \f$.
/// \throws ValueError if \f$ \eta \f$ is not positive and finite, `blowup_factor` is not above 1,
///         or `w0` is not finite; ShapeError if `w0` does not have n entries; DivergenceError as above.
void gradient_descent(const Quadratic& q, const Vector<double>& w0, double eta, std::size_t iterations,
                      QuadraticTrace& trace, double blowup_factor = 1e6);

}  // namespace dlc
