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

void softplus_sigmoid_fast(const float* v, float* softplus, float* sigma, std::size_t n) {
    constexpr float log2e = 1.44269504088896341f;
    // ln 2 = ln2_hi + ln2_lo (Cody and Waite): ln2_hi has 16 significant bits, so k ln2_hi is exact for |k| <= 125
    constexpr float ln2_hi = 0.693145751953125f, ln2_lo = 1.428606765330187045e-06f;
    for (std::size_t i = 0; i < n; ++i) {
        const float x = v[i];
        // e = e^{-|x|} = 2^k e^y with k = trunc(-|x| log2 e) (= ceil, <= 0) and y = -|x| - k ln 2 in (-ln 2, 0].
        // y is computed from |x| itself, not from the rounded product |x| log2 e (whose rounding, ~|x| 6e-8, would
        // become a relative error of e of 5e-6 at |x| = 80).
        const float ax = std::fabs(x) < 86.5f ? std::fabs(x) : 86.5f;  // e^{-86.5} ~ 2^{-124.8}; NaN gives 86.5 here, NaN below
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
        const std::int32_t bits = (k + 127) << 23;  // 2^k as float bits
        float two_k;
        std::memcpy(&two_k, &bits, sizeof two_k);
        const float e = p * two_k;
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
        softplus[i] = std::max(x, 0.0f) + 2.0f * s * q;
        sigma[i] = (x >= 0.0f ? 1.0f : e) / (1.0f + e);
    }
}

template void softplus_sigmoid_plain(const float*, float*, float*, std::size_t);
template void softplus_sigmoid_plain(const double*, double*, double*, std::size_t);

}  // namespace dlc
