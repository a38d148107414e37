/// \file
/// \brief Exact RBM quantities by enumeration: the partition function, the likelihood and its gradient
/// (Bahng ch. 9.2.1, Lemma 9.3 and Theorem 9.4), the joint table and the Gibbs chain's transition matrix.
///
/// For small RBMs every sum over configurations is done; these are the references that the formulas of the
/// notes, the Gibbs sampler, contrastive divergence and AIS are checked against. Results are in double.
/// With the smaller layer enumerated, the other is summed out analytically:
/// \f[ \log Z = \log \sum_x e^{-F(x)} = \log \sum_h \exp\Bigl( b^\top h + \sum_k \operatorname{softplus}(c_k + h^\top W_{:,k}) \Bigr) , \f]
/// so a 784-visible RBM with up to 24 hidden units still has an exact \f$ \log Z \f$.
#pragma once

#include "graphical/rbm.hpp"

#include <cstddef>
#include <vector>

namespace dlc {

/// \brief \f$ \log Z = \log \sum_{x, h} e^{-E(x, h)} \f$ by listing every joint configuration (the definition).
/// \throws ValueError if D + H exceeds `max_enumerated_units`; as `check_rbm`.
template <class T>
double log_partition_brute_force(const Rbm<T>& rbm);

/// \brief \f$ \log Z \f$ by enumerating the smaller layer and summing the other out (formula in the file
/// comment); the products with W are GEMMs over blocks of states.
/// \throws ValueError if both layers exceed `max_enumerated_units`; as `check_rbm`.
template <class T>
double log_partition_exact(const Rbm<T>& rbm);

/// \brief The joint \f$ p(x, h) \f$ over all \f$ 2^{D+H} \f$ configurations, state number = the bits of x then
/// the bits of h (binary_states.hpp order: \f$ x_1 \f$ most significant).
/// \throws ValueError if D + H exceeds `max_enumerated_units`.
template <class T>
std::vector<double> rbm_joint_table(const Rbm<T>& rbm);

/// \brief The marginal \f$ p(x) = e^{-F(x)} / Z \f$ over all \f$ 2^D \f$ visible states.
/// \throws ValueError if D exceeds `max_enumerated_units`.
template <class T>
std::vector<double> visible_distribution(const Rbm<T>& rbm);

/// \brief The average log-likelihood \f$ \frac{1}{T} \sum_t \log p(x^{(t)}) = -\frac{1}{T} \sum_t F(x^{(t)}) - \log Z \f$
/// of the rows of X, with the exact \f$ \log Z \f$.
/// \throws ShapeError unless X is (T, D) with T >= 1; ValueError unless X is binary; as `log_partition_exact`.
template <class T>
double mean_log_likelihood_exact(const Rbm<T>& rbm, const Matrix<T>& X);

/// \brief The exact gradient of the average negative log-likelihood \f$ \frac{1}{T} \sum_t -\log p(x^{(t)}) \f$:
/// \f$ \frac{1}{T}\sum_t \partial F(x^{(t)})/\partial \theta - \mathbb{E}_{p(x)}[\partial F(x)/\partial \theta] \f$,
/// e.g. \f$ \partial / \partial W = -\frac{1}{T}\sum_t h(x^{(t)}) x^{(t)\top} + \mathbb{E}_{x, h}[h x^\top] \f$, with
/// the model expectation summed over the smaller layer.
/// \throws as `mean_log_likelihood_exact`.
template <class T>
RbmGradient<double> nll_gradient_exact(const Rbm<T>& rbm, const Matrix<T>& X);

/// \brief Theorem 9.4 as printed, by brute force over every (x, h):
/// \f$ \frac{\partial}{\partial \theta} -\log p(x) = \sum_h p(h \mid x) \frac{\partial E(x, h)}{\partial \theta}
/// - \sum_{x', h} p(x', h) \frac{\partial E(x', h)}{\partial \theta} \f$ with \f$ \partial E / \partial W_{jk} = -h_j x_k \f$,
/// \f$ \partial E / \partial b_j = -h_j \f$, \f$ \partial E / \partial c_k = -x_k \f$.
/// \throws ShapeError unless x is (D); ValueError unless x is binary or if D + H exceeds `max_enumerated_units`.
template <class T>
RbmGradient<double> theorem_9_4_gradient(const Rbm<T>& rbm, const Vector<T>& x);

/// \brief The transition matrix of one block-Gibbs sweep on the visible states,
/// \f$ K(x, x') = \sum_h p(h \mid x)\, p(x' \mid h) \f$, shape \f$ (2^D, 2^D) \f$; \f$ p(x) \f$ is its stationary
/// distribution (\f$ p K = p \f$), and \f$ K^k \f$ is what k steps of CD-k apply to a data vector.
/// \throws ValueError if D > 12 or H > `max_enumerated_units`.
template <class T>
Matrix<double> visible_transition_matrix(const Rbm<T>& rbm);

}  // namespace dlc
