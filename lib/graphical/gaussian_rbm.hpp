/// \file
/// \brief The Gaussian-Bernoulli RBM (Bahng ch. 9.2.2, Definition 9.12): real visible units, binary hidden units.
///
/// In the library's convention (W of shape (H, D), hidden biases b, visible means c, standard deviations
/// \f$ \sigma_i > 0 \f$), the notes' second energy reads
/// \f[ E(x, h) = \sum_i \frac{(x_i - c_i)^2}{2 \sigma_i^2} - \sum_j \sum_i W_{ji} h_j \frac{x_i}{\sigma_i} - b^\top h , \f]
/// which is normalizable: for each h, \f$ \int e^{-E(x, h)} dx \f$ is a Gaussian integral, and
/// \f[ p(x_i \mid h) = \mathcal{N}\bigl(c_i + \sigma_i (W^\top h)_i,\ \sigma_i^2\bigr), \qquad
///     p(h_j = 1 \mid x) = \sigma\bigl(b_j + \textstyle\sum_i W_{ji} x_i / \sigma_i\bigr). \f]
/// With \f$ \sigma = 1 \f$ this is \f$ E = \tfrac12 x^\top x - h^\top W x - c^\top x - b^\top h + \tfrac12 c^\top c \f$: the
/// notes' first energy with the sign of \f$ \tfrac12 x^\top x \f$ flipped (as printed, \f$ -\tfrac12 x^\top x \f$, the
/// integral over x diverges; see the `boltzmann` lecture's `gaussian_bernoulli_rbm` case).
#pragma once

#include "core/tensor.hpp"

namespace dlc {

/// \brief A Gaussian-Bernoulli RBM. Build it with `make_gaussian_rbm`.
struct GaussianBernoulliRbm {
    Matrix<double> W;      ///< (H, D)
    Vector<double> b;      ///< (H): hidden biases
    Vector<double> c;      ///< (D): visible means (the notes' \f$ b_i \f$ in Definition 9.12's second form)
    Vector<double> sigma;  ///< (D): standard deviations \f$ \sigma_i > 0 \f$
};

/// \brief Checks and assembles the model.
/// \throws ShapeError if the shapes disagree or a layer is empty; ValueError if an entry is not finite or a
///         \f$ \sigma_i \f$ is not positive (a zero or negative variance).
GaussianBernoulliRbm make_gaussian_rbm(const Matrix<double>& W, const Vector<double>& b, const Vector<double>& c,
                                       const Vector<double>& sigma);

/// \brief \f$ E(x, h) \f$ (formula in the file comment).
/// \throws ShapeError unless x is (D) and h is (H); ValueError unless h is binary and x finite.
double rbm_energy(const GaussianBernoulliRbm& rbm, const Vector<double>& x, const Vector<double>& h);

/// \brief \f$ F(x) = \sum_i \frac{(x_i - c_i)^2}{2\sigma_i^2} - \sum_j \operatorname{softplus}(b_j + \sum_i W_{ji} x_i / \sigma_i) \f$,
/// so that \f$ e^{-F(x)} = \sum_h e^{-E(x, h)} \f$.
/// \throws as `rbm_energy` for x.
double free_energy(const GaussianBernoulliRbm& rbm, const Vector<double>& x);

/// \brief \f$ p(h_j = 1 \mid x) = \sigma(b_j + \sum_i W_{ji} x_i / \sigma_i) \f$, shape (H).
/// \throws as `free_energy`.
Vector<double> hidden_probabilities(const GaussianBernoulliRbm& rbm, const Vector<double>& x);

/// \brief The mean \f$ c + \sigma \odot (W^\top h) \f$ of \f$ p(x \mid h) \f$, shape (D).
/// \throws ShapeError unless h is (H); ValueError unless h is binary.
Vector<double> visible_conditional_mean(const GaussianBernoulliRbm& rbm, const Vector<double>& h);

/// \brief \f$ \log p(x \mid h) = \sum_i \log \mathcal{N}(x_i \mid c_i + \sigma_i (W^\top h)_i, \sigma_i^2) \f$.
/// \throws as `rbm_energy`.
double log_visible_conditional(const GaussianBernoulliRbm& rbm, const Vector<double>& x, const Vector<double>& h);

/// \brief \f$ \log Z = \log \sum_h \int e^{-E(x, h)} dx \f$ in closed form: with \f$ m = W^\top h \f$,
/// \f$ \int e^{-E(x,h)} dx = e^{b^\top h} \prod_i \sqrt{2\pi}\,\sigma_i\, e^{c_i m_i / \sigma_i + m_i^2 / 2} \f$,
/// summed over the \f$ 2^H \f$ hidden states.
/// \throws ValueError if H exceeds `max_enumerated_units`.
double log_partition_exact(const GaussianBernoulliRbm& rbm);

}  // namespace dlc
