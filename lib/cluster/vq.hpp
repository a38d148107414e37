/// \file
/// \brief Vector quantization: code each point by the index of its nearest codebook entry.
///
/// Lecture: UCSD ECE228 "K-means and EM" slides, "Application of K-means to data compression:
/// Vector Quantization": \f$ \text{Encode}(x_i) = \arg\min_k \|x_i - \mu_k\| \f$ with a codebook of
/// K entries \f$ \mu_k \f$ (k-means centres); N values of C bits take \f$ NC \f$ bits raw and
/// \f$ N \log_2 K + KC \f$ bits coded (the slide's example: N = 64k, C = 8, K = 4, "a factor 4").
/// The notes (L17/18) call the centres "quantization vectors".
#pragma once

#include "core/tensor.hpp"

#include <cstdint>

namespace dlc {

/// \brief \f$ \text{Encode}(x_i) = \arg\min_k \|x_i - \mu_k\| \f$ for every row of `X` (lowest index on ties);
/// the same search as Lloyd's `assign`.
/// \param X         data (N, D), one vector per row
/// \param codebook  \f$ \mu \f$, (K, D), \f$ 1 \le K \le N \f$
/// \throws as `assign`.
template <class T>
Labels vq_encode(const Matrix<T>& X, const Matrix<T>& codebook);

/// \brief \f$ \text{Decode}(k) = \mu_k \f$: row i of the result is `codebook` row `indices(i)`, (N, D).
/// \throws ShapeError if `codebook` is empty; ValueError if an index is \f$ \ge K \f$.
template <class T>
Matrix<T> vq_decode(const Labels& indices, const Matrix<T>& codebook);

/// \brief Storage of N vectors of D values of C bits each, raw and vector-quantized with K codes.
struct VqBits {
    /// \brief Bits per code index, \f$ \lceil \log_2 K \rceil \f$ (K need not be a power of 2; 0 for K = 1).
    std::uint64_t bits_per_index = 0;
    /// \brief Raw: \f$ N D C \f$ (the slide's \f$ NC \f$ with D = 1).
    std::uint64_t raw_bits = 0;
    /// \brief Coded: \f$ N \lceil \log_2 K \rceil + K D C \f$ (indices plus the codebook; the slide's
    /// \f$ N \log_2 K + KC \f$ with D = 1).
    std::uint64_t coded_bits = 0;
    /// \brief `raw_bits / coded_bits`.
    double compression_factor = 0;
};

/// \brief The slide's bit count: \f$ N \lceil \log_2 K \rceil + K D C \f$ coded versus \f$ N D C \f$ raw.
/// \param N  number of vectors (pixels), \f$ \ge 1 \f$
/// \param C  bits per value, \f$ \ge 1 \f$
/// \param K  codebook size, \f$ \ge 1 \f$
/// \param D  values per vector (1 for the slide's black-and-white pixels), \f$ \ge 1 \f$
/// \throws ValueError if an argument is 0.
VqBits vq_bits(std::uint64_t N, std::uint64_t C, std::uint64_t K, std::uint64_t D = 1);

}  // namespace dlc
