/// \file
/// \brief Undirected graphical models over binary variables, computed by enumeration (Bahng ch. 9.1.2).
///
/// The joint is a normalized product of non-negative clique potentials,
/// \f[ p(x) = \frac{1}{Z} \prod_C \phi_C(x_C), \qquad Z = \sum_x \prod_C \phi_C(x_C) , \f]
/// equivalently a Boltzmann distribution \f$ p(x) = e^{-E(x)} / Z \f$ with \f$ E(x) = -\sum_C \log \phi_C(x_C) \f$.
/// For a few binary variables every quantity (Z, marginals, conditionals, independences) is a finite sum
/// over the \f$ 2^n \f$ states (binary_states.hpp); these are the references the closed forms are checked
/// against.
#pragma once

#include <cstddef>
#include <vector>

namespace dlc {

/// \brief A potential \f$ \phi_C \f$ on the variables `vars` (0-based, distinct): `table` holds
/// \f$ \phi_C \f$ of each of the \f$ 2^{|C|} \f$ configurations of \f$ x_C \f$, the first variable of `vars`
/// as the most significant bit (the table is read row by row).
struct CliquePotential {
    std::vector<std::size_t> vars;  ///< the clique's variables
    std::vector<double> table;      ///< \f$ 2^{|C|} \f$ non-negative values
};

/// \brief n binary variables and the potentials of its cliques. Build it with `make_undirected_model`.
struct UndirectedModel {
    std::size_t n = 0;                      ///< number of variables
    std::vector<CliquePotential> cliques;   ///< the factors \f$ \phi_C \f$
};

/// \brief Checks and assembles a model.
/// \throws ValueError if n is 0 or above `max_enumerated_units`, a clique is empty, names a variable out of
///         range or twice, its table does not have \f$ 2^{|C|} \f$ entries, or an entry is negative or not finite.
UndirectedModel make_undirected_model(std::size_t n, std::vector<CliquePotential> cliques);

/// \brief \f$ \prod_C \phi_C(x_C) \f$ at state number s (binary_states.hpp order).
double potential_product(const UndirectedModel& model, std::size_t s);

/// \brief The unnormalized table \f$ \tilde p(x) = \prod_C \phi_C(x_C) \f$ over all \f$ 2^n \f$ states.
std::vector<double> unnormalized_table(const UndirectedModel& model);

/// \brief The partition function \f$ Z = \sum_x \prod_C \phi_C(x_C) \f$.
/// \throws ValueError if Z = 0 (no state has positive weight).
double partition_function(const UndirectedModel& model);

/// \brief The normalized joint \f$ p(x) \f$ over all \f$ 2^n \f$ states.
/// \throws ValueError if Z = 0.
std::vector<double> joint_table(const UndirectedModel& model);

/// \brief The marginal table of the variables `vars` (first most significant) from a joint table over n
/// variables: \f$ p(x_A) = \sum_{x_{-A}} p(x) \f$.
/// \throws ValueError unless the joint has \f$ 2^n \f$ entries and `vars` are distinct and in range.
std::vector<double> marginal_table(const std::vector<double>& joint, std::size_t n, const std::vector<std::size_t>& vars);

/// \brief \f$ p(x_k = 1 \mid x_{-k}) = p(x_k = 1, x_{-k}) / \sum_{x_k} p(x_k, x_{-k}) \f$ from a joint table:
/// the first line of the derivation in Definition 9.8, with the other variables as in state s.
/// \throws ValueError if k is out of range or \f$ p(x_{-k}) = 0 \f$.
double conditional_one(const std::vector<double>& joint, std::size_t n, std::size_t k, std::size_t s);

/// \brief \f$ \max |p(x_A, x_B \mid x_C) - p(x_A \mid x_C)\, p(x_B \mid x_C)| \f$ over all configurations
/// with \f$ p(x_C) > 0 \f$: zero (to rounding) exactly when \f$ A \perp B \mid C \f$ (Definitions 9.3, 9.5).
/// C may be empty (marginal independence).
/// \throws ValueError unless A, B non-empty and A, B, C are disjoint variables in range.
double independence_gap(const std::vector<double>& joint, std::size_t n, const std::vector<std::size_t>& A,
                        const std::vector<std::size_t>& B, const std::vector<std::size_t>& C);

/// \brief The mutual information \f$ I(x_A; x_B) = \sum p(x_A, x_B) \log \frac{p(x_A, x_B)}{p(x_A) p(x_B)} \f$ in nats.
/// \throws as `independence_gap`.
double mutual_information(const std::vector<double>& joint, std::size_t n, const std::vector<std::size_t>& A,
                          const std::vector<std::size_t>& B);

}  // namespace dlc
