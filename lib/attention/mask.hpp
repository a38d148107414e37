/// \file
/// \brief Which keys a query may attend to: causal masks (NYU slides "Causal Attention"), padding
/// (keys past a sequence's length) and any boolean mask (a graph's edges, mock final Q7).
///
/// A masked key gets attention weight exactly 0; the softmax runs over the allowed keys only:
/// \f[ \alpha_{ij} = \frac{\mathbb{1}[j \in A_i]\, e^{s_{ij}}}{\sum_{j' \in A_i} e^{s_{ij'}}} , \f]
/// with \f$ A_i \f$ the allowed keys of query \f$ i \f$ (mock final Q7: \f$ \alpha_{v,v'} = 0 \f$ if
/// \f$ (v, v') \notin E \f$). A query with no allowed key has no softmax: it is an error.
#pragma once

#include <xtensor/xarray.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace dlc {

/// \brief The three kinds of masks, combined (a key must pass all that are set).
struct AttentionMask {
    /// \brief Query i may attend to keys j ≤ i only ("each token can only attend to tokens prior to
    /// itself", NYU slides); needs as many queries as keys.
    bool causal = false;
    /// \brief Padding: in batch row b, keys j ≥ `key_lengths[b]` are masked. Empty: no padding.
    std::vector<std::size_t> key_lengths;
    /// \brief Any mask: `allowed(i, j)` (shared by the batch) or `allowed(b, i, j)` is true where query
    /// i may attend to key j, e.g. a graph's adjacency with self-loops. Rank 0 (the default): none.
    xt::xarray<bool> allowed;

    /// \brief Whether no key is masked at all.
    bool none() const { return !causal && key_lengths.empty() && allowed.dimension() == 0; }
};

/// \brief A causal mask.
AttentionMask causal_mask();

/// \brief A padding mask with the given key lengths.
AttentionMask padding_mask(std::vector<std::size_t> key_lengths);

/// \brief Checks `mask` against B batch rows, Tq queries and Tk keys.
/// \throws ShapeError naming `where` for `key_lengths` without B entries or `allowed` of a shape other than
///         (Tq, Tk) or (B, Tq, Tk); ValueError for a causal mask with Tq ≠ Tk or a key length above Tk.
///         (A query with every key masked is found by the softmax, which names it.)
void check_mask(const char* where, const AttentionMask& mask, std::size_t B, std::size_t Tq, std::size_t Tk);

/// \brief The allowed keys of one query row, as the softmax reads them.
struct MaskRow {
    /// \brief Keys j ≥ `limit` are masked (causal and padding combined).
    std::size_t limit = 0;
    /// \brief If not null, key j < `limit` is allowed iff `allowed[j]`.
    const bool* allowed = nullptr;
};

/// \brief The allowed keys of query `i` of batch row `b` (after `check_mask`).
MaskRow mask_row(const AttentionMask& mask, std::size_t b, std::size_t i, std::size_t Tq, std::size_t Tk);

/// \brief Whether key j is allowed for query i of batch row b (the plain form of `mask_row`).
bool mask_allows(const AttentionMask& mask, std::size_t b, std::size_t i, std::size_t j, std::size_t Tq, std::size_t Tk);

}  // namespace dlc
