/// \file
/// \brief The two functions of a logit that the Bernoulli decoder needs, \f$ \mathrm{softplus}(v) = \log(1 + e^v) \f$
/// and \f$ \sigma(v) = 1/(1 + e^{-v}) \f$, from one exponential \f$ e^{-|v|} \f$: a plain version with the standard
/// library's `exp` and `log1p`, and a fast float version the compiler vectorizes.
///
/// Lecture: Bahng §10.1 Example 10.1 (the Bernoulli decoder) and §1.4 (the sigmoid with the binary cross-entropy gives
/// \f$ \nabla_v = \sigma(v) - x \f$). With \f$ e = e^{-|v|} \in (0, 1] \f$,
/// \f[ \mathrm{softplus}(v) = \max(v, 0) + \log(1 + e), \qquad
///     \sigma(v) = \begin{cases} 1/(1 + e) & v \ge 0 \\ e/(1 + e) & v < 0 \end{cases} , \f]
/// which never overflows. The VAE's loss evaluates them on every pixel of every image (784 × 128 per step), so the
/// float version replaces the library calls by polynomials a SIMD loop can run: \f$ e^{-|v|} = 2^n 2^f \f$ with
/// \f$ t = -|v| \log_2 e \f$, \f$ n = \lceil t \rceil \f$, \f$ f = t - n \in (-1, 0] \f$, \f$ 2^f = e^{f \ln 2} \f$ by its Taylor
/// polynomial of degree 8 and \f$ 2^n \f$ written into the exponent bits; \f$ \log(1 + e) = 2\,\mathrm{artanh}(s) \f$,
/// \f$ s = e/(2 + e) \in (0, 1/3] \f$, by the odd series to \f$ s^{15} \f$. Both are within a few float ulps of the plain
/// version (tested).
#pragma once

#include <cstddef>

namespace dlc {

/// \brief `softplus[i]` \f$ = \log(1 + e^{v_i}) \f$ and `sigma[i]` \f$ = \sigma(v_i) \f$ for i < n, by `std::exp` and
/// `std::log1p` (the reference).
template <class T>
void softplus_sigmoid_plain(const T* v, T* softplus, T* sigma, std::size_t n);

/// \brief The same in float with the vectorizable polynomials of the file comment (the Bernoulli decoder's hot loop).
/// NaN in gives NaN out; \f$ |v| > 87 \f$ gives \f$ e^{-|v|} \f$ clamped to about \f$ 10^{-38} \f$ (then softplus is
/// \f$ \max(v, 0) \f$ and \f$ \sigma \f$ is 0 or 1 to float precision).
void softplus_sigmoid_fast(const float* v, float* softplus, float* sigma, std::size_t n);

/// \brief \f$ v_i \leftarrow \sigma(v_i) \f$ in place for i < n, in float by the same vectorizable exponential (the
/// RBM's conditionals \f$ p(h_j = 1 \mid x) \f$ and \f$ p(x_k = 1 \mid h) \f$, Bahng Lemma 9.2, evaluated for every
/// unit of every Gibbs step); within a few float ulps of \f$ 1/(1 + e^{-v}) \f$ by `std::exp` (tested).
void sigmoid_fast(float* v, std::size_t n);

}  // namespace dlc
