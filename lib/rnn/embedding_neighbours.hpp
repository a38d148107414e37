/// \file
/// \brief The geometry of a learned embedding table \f$ A \f$ (V, E), one row per symbol: the cosine similarity of two
/// symbols, each symbol's nearest neighbours, and whether the members of a group (e.g. the vowels) are each other's
/// neighbours more often than chance.
///
/// Lecture: NYU slides "Word embeddings" (the V × D embedding matrix, whose rows place similar symbols near each
/// other); ECE/CS 559 L24 (words converted to vectors by an embedding before the RNN). The cosine similarity
/// \f[ S_{ij} = \frac{a_i^\top a_j}{\|a_i\|\, \|a_j\|} \f]
/// ignores the length of a row (which grows with how often a symbol is trained) and compares directions only.
#pragma once

#include "core/rng.hpp"
#include "core/tensor.hpp"

#include <cstddef>
#include <vector>

namespace dlc {

/// \brief \f$ S_{ij} = a_i^\top a_j / (\|a_i\| \|a_j\|) \f$ for the rows of `A` (V, E), shape (V, V), symmetric, with
/// ones on the diagonal.
/// \throws ShapeError if `A` is empty; ValueError if it has NaN/Inf or a row of zeros (no direction).
Matrix<double> cosine_similarities(const Matrix<double>& A);

/// \brief For each symbol i of `among` (indices into the rows of `S`), the `k` other symbols of `among` with the largest
/// \f$ S_{ij} \f$, most similar first (a tie goes to the lower index). One list per entry of `among`, in its order.
/// \throws ShapeError unless `S` is square; ValueError if an index is out of range or repeated, or k = 0 or
///         k ≥ |among|.
std::vector<std::vector<std::size_t>> nearest_neighbours(const Matrix<double>& S, const std::vector<std::size_t>& among,
                                                         std::size_t k);

/// \brief Whether the members of a group sit together: how many have a member as nearest neighbour, and the mean
/// similarity within the group against between the group and the rest, each against random groups of the same size.
struct GroupNeighbours {
    /// \brief N, the candidate symbols (neighbours are looked for among them).
    std::size_t candidates = 0;
    /// \brief g, the members of the group among them.
    std::size_t members = 0;
    /// \brief The members whose nearest neighbour among the candidates is a member.
    std::size_t hits = 0;
    /// \brief hits / g.
    double rate = 0;
    /// \brief \f$ (g - 1) / (N - 1) \f$: the expected rate if each member's nearest neighbour were a uniformly random
    /// other candidate (equivalently, the mean rate of a random group of g candidates).
    double chance = 0;
    /// \brief The mean \f$ S_{ij} \f$ over the pairs of distinct members.
    double within = 0;
    /// \brief The mean \f$ S_{ij} \f$ over the pairs (member, non-member).
    double between = 0;
    /// \brief The permutation p-value of `rate`: \f$ (1 + \#\{\text{random groups with rate} \ge \text{rate}\}) /
    /// (1 + \text{permutations}) \f$, the groups drawn as g of the N candidates uniformly at random (the nearest
    /// neighbours stay those of the embedding).
    double p_rate = 1;
    /// \brief The same for the gap `within - between`.
    double p_gap = 1;
    /// \brief The number of random groups drawn.
    std::size_t permutations = 0;
};

/// \brief The group test for the symbols `among` (indices into `S`), `member[k]` saying whether `among[k]` belongs to
/// the group; the p-values from `permutations` random groups drawn from `rng`.
/// \throws ShapeError unless `S` is square and `member` has one entry per candidate; ValueError for a bad index, fewer
///         than 2 members or 1 non-member, or no permutations.
GroupNeighbours group_neighbours(const Matrix<double>& S, const std::vector<std::size_t>& among,
                                 const std::vector<bool>& member, Rng& rng, std::size_t permutations = 20000);

}  // namespace dlc
