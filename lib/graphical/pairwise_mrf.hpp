/// \file
/// \brief The Bernoulli pairwise Markov random field (Bahng ch. 9.2, Definition 9.8; an Ising model, a
/// Boltzmann machine without hidden units).
///
/// \f[ p_\theta(x) = \frac{1}{Z} \exp\Bigl( \sum_{ij \in E} x_i x_j \theta_{ij} + \sum_{i \in V} x_i \theta_i \Bigr),
///     \qquad x \in \{0, 1\}^n , \f]
/// each edge counted once. Its conditionals are logistic regressions on the neighbours,
/// \f[ p(x_k = 1 \mid x_{-k}) = \sigma\Bigl( \theta_k + \sum_{kj \in E} \theta_{kj} x_j \Bigr) \f]
/// (the notes' last line prints \f$ \sigma\{-\theta_k x_k - \sum_{kj \in E} x_j \theta_{kj}\} \f$, which is
/// \f$ 1 - p \f$: see the `boltzmann` lecture's `pairwise_mrf_conditional` case).
#pragma once

#include "core/tensor.hpp"
#include "graphical/undirected.hpp"

#include <cstddef>
#include <vector>

namespace dlc {

/// \brief An edge \f$ ij \in E \f$ (0-based, \f$ i \ne j \f$) and its parameter \f$ \theta_{ij} \f$.
struct MrfEdge {
    std::size_t i;   ///< one end
    std::size_t j;   ///< the other end
    double theta;    ///< \f$ \theta_{ij} \f$
};

/// \brief A Bernoulli pairwise MRF: node parameters \f$ \theta_i \f$ and the edges with their \f$ \theta_{ij} \f$.
/// Build it with `make_pairwise_mrf`.
struct BernoulliPairwiseMrf {
    Vector<double> theta_node;   ///< (n): \f$ \theta_i \f$
    std::vector<MrfEdge> edges;  ///< E, each undirected edge once
};

/// \brief Checks and assembles the model.
/// \throws ValueError if there are no nodes, a parameter is not finite, an edge is a self-loop, names a node
///         out of range, or appears twice (in either direction).
BernoulliPairwiseMrf make_pairwise_mrf(const Vector<double>& theta_node, std::vector<MrfEdge> edges);

/// \brief \f$ -E(x) = \sum_{ij \in E} x_i x_j \theta_{ij} + \sum_i x_i \theta_i \f$, the exponent of Definition 9.8.
/// \throws ShapeError unless x has n entries; ValueError unless x is binary.
double mrf_score(const BernoulliPairwiseMrf& mrf, const Vector<double>& x);

/// \brief The neighbours of node k (its Markov blanket, Definition 9.6), in edge order.
std::vector<std::size_t> mrf_neighbours(const BernoulliPairwiseMrf& mrf, std::size_t k);

/// \brief The closed form \f$ p(x_k = 1 \mid x_{-k}) = \sigma(\theta_k + \sum_{kj \in E} \theta_{kj} x_j) \f$
/// (the value of \f$ x_k \f$ in x is ignored).
/// \throws as `mrf_score`, and ValueError if k is out of range.
double mrf_conditional(const BernoulliPairwiseMrf& mrf, std::size_t k, const Vector<double>& x);

/// \brief The same distribution as clique potentials, for enumeration: \f$ \phi_i(x_i) = e^{\theta_i x_i} \f$
/// and \f$ \phi_{ij}(x_i, x_j) = e^{\theta_{ij} x_i x_j} \f$ (Hammersley-Clifford's product form).
UndirectedModel mrf_as_cliques(const BernoulliPairwiseMrf& mrf);

/// \brief The pairwise MRF with the same distribution as the energy \f$ E(x) = -x^\top U x - b^\top x \f$ on
/// binary x: since \f$ x_i^2 = x_i \f$, \f$ \theta_i = b_i + U_{ii} \f$ and \f$ \theta_{ij} = U_{ij} + U_{ji} \f$
/// for \f$ i < j \f$ (edges where this is non-zero).
/// \throws ShapeError unless U is (n, n) and b is (n); ValueError if an entry is not finite.
BernoulliPairwiseMrf mrf_from_quadratic_energy(const Matrix<double>& U, const Vector<double>& b);

}  // namespace dlc
