#include "vae/softplus.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace dlc {

template <class T>
void softplus_sigmoid_plain(const T* v, T* softplus, T* sigma, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        const T e = std::exp(-std::abs(v[i]));                 // e^{-|v|}
        softplus[i] = std::max(v[i], T(0)) + std::log1p(e);    // max(v, 0) + log(1 + e)
        sigma[i] = (v[i] >= 0 ? T(1) : e) / (T(1) + e);        // 1/(1+e) or e/(1+e)
    }
}

namespace {

// The loops below must vectorize, and GCC does not turn a float comparison into a select inside a loop unless
// -fno-trapping-math is given (a comparison with NaN could raise an exception): every choice is therefore made on the
// float's bits, with integer comparisons and masks, which select exactly what the float comparisons would.
inline std::uint32_t bits_of(float x) {
    std::uint32_t b;
    std::memcpy(&b, &x, sizeof b);
    return b;
}

inline float float_of(std::uint32_t b) {
    float x;
    std::memcpy(&x, &b, sizeof x);
    return x;
}

// All ones if x's sign bit is set (x < 0, or -0), else 0.
inline std::uint32_t negative_mask(float x) { return 0u - (bits_of(x) >> 31); }

// All ones if x is NaN (|x|'s bits above infinity's), else 0.
inline std::uint32_t nan_mask(float x) { return 0u - std::uint32_t((bits_of(x) & 0x7FFFFFFFu) > 0x7F800000u); }

// mask ? a : b, bit by bit.
inline float select(std::uint32_t mask, float a, float b) { return float_of((bits_of(a) & mask) | (bits_of(b) & ~mask)); }

// e^{-|x|} in float by arithmetic alone (inlined into the loops): e^{-|x|} = 2^k e^y with k = trunc(-|x| log2 e)
// (= ceil, <= 0) and y = -|x| - k ln 2 in (-ln 2, 0]. y is computed from |x| itself, not from the rounded product
// |x| log2 e (whose rounding, ~|x| 6e-8, would become a relative error of 5e-6 at |x| = 80).
inline float exp_minus_abs_fast(float x) {
    constexpr float log2e = 1.44269504088896341f;
    // ln 2 = ln2_hi + ln2_lo (Cody and Waite): ln2_hi has 16 significant bits, so k ln2_hi is exact for |k| <= 125
    constexpr float ln2_hi = 0.693145751953125f, ln2_lo = 1.428606765330187045e-06f;
    // |x| capped at 86.5 (e^{-86.5} ~ 2^{-124.8}): for non-negative floats the bits order as the values, and the bits
    // of infinity and NaN exceed the cap's, so they give 86.5 too
    const std::uint32_t abs_bits = bits_of(x) & 0x7FFFFFFFu, cap = bits_of(86.5f);
    const float ax = float_of(abs_bits < cap ? abs_bits : cap);
    const std::int32_t k = static_cast<std::int32_t>(-ax * log2e);
    const float y = (-ax - static_cast<float>(k) * ln2_hi) - static_cast<float>(k) * ln2_lo;
    // e^y by Taylor to degree 8 (error below 1.1e-7 on the interval)
    float p = 1.0f / 40320;
    p = p * y + 1.0f / 5040;
    p = p * y + 1.0f / 720;
    p = p * y + 1.0f / 120;
    p = p * y + 1.0f / 24;
    p = p * y + 1.0f / 6;
    p = p * y + 0.5f;
    p = p * y + 1.0f;
    p = p * y + 1.0f;
    return p * float_of(std::uint32_t(k + 127) << 23);  // times 2^k, written into the exponent bits
}

// sigma(x) from e = e^{-|x|}: 1/(1 + e) for x >= 0, e/(1 + e) for x < 0 (for -0 both are 1/2); NaN stays NaN.
inline float sigma_from(float x, float e) { return select(nan_mask(x), x, select(negative_mask(x), e, 1.0f) / (1.0f + e)); }

}  // namespace

void softplus_sigmoid_fast(const float* v, float* softplus, float* sigma, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        const float x = v[i];
        const float e = exp_minus_abs_fast(x);  // e^{-|x|}
        // log(1 + e) = 2 artanh(s), s = e / (2 + e) in (0, 1/3]: 2 s (1 + s^2/3 + s^4/5 + ... + s^14/15)
        const float s = e / (2.0f + e), s2 = s * s;
        float q = 1.0f / 15;
        q = q * s2 + 1.0f / 13;
        q = q * s2 + 1.0f / 11;
        q = q * s2 + 1.0f / 9;
        q = q * s2 + 1.0f / 7;
        q = q * s2 + 1.0f / 5;
        q = q * s2 + 1.0f / 3;
        q = q * s2 + 1.0f;
        const float max_x_0 = select(negative_mask(x), 0.0f, x);  // max(x, 0)
        softplus[i] = select(nan_mask(x), x, max_x_0 + 2.0f * s * q);
        sigma[i] = sigma_from(x, e);
    }
}

void sigmoid_fast(float* v, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) v[i] = sigma_from(v[i], exp_minus_abs_fast(v[i]));
}

template void softplus_sigmoid_plain(const float*, float*, float*, std::size_t);
template void softplus_sigmoid_plain(const double*, double*, double*, std::size_t);

}  // namespace dlc
