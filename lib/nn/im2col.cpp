#include "nn/im2col.hpp"

#include <algorithm>

namespace dlc {

namespace {

// For kernel column q: the output columns j whose input column s j + q - pad lies inside
// [0, W) form the range [lo, hi); the others read padding.
struct ColumnRange {
    std::size_t lo, hi;
};

ColumnRange valid_columns(const ConvGeometry& g, std::size_t q) {
    const std::size_t s = g.stride, pad = g.padding;
    // s j + q - pad >= 0  <=>  j >= ceil((pad - q) / s)
    std::size_t lo = pad > q ? (pad - q + s - 1) / s : 0;
    // s j + q - pad < W   <=>  j < ceil((W + pad - q) / s)
    std::size_t hi = g.width + pad > q ? (g.width + pad - q + s - 1) / s : 0;
    hi = std::min(hi, g.out_w);
    lo = std::min(lo, hi);
    return {lo, hi};
}

}  // namespace

template <class T>
void im2col(const T* x, const ConvGeometry& g, T* cols, std::size_t ld) {
    const std::size_t H = g.height, W = g.width, kh = g.kernel_h, kw = g.kernel_w, s = g.stride;
    const std::size_t Ho = g.out_h, Wo = g.out_w, pad = g.padding;
    for (std::size_t q = 0; q < kw; ++q) {
        const ColumnRange r = valid_columns(g, q);  // output columns [lo, hi) read the image
        for (std::size_t c = 0; c < g.channels; ++c) {
            const T* xc = x + c * H * W;
            for (std::size_t p = 0; p < kh; ++p) {
                T* row = cols + ((c * kh + p) * kw + q) * ld;  // row (c kh + p) kw + q of cols
                for (std::size_t i = 0; i < Ho; ++i) {
                    T* dst = row + i * Wo;
                    const std::size_t y = s * i + p;  // input row of output row i, plus pad
                    if (y < pad || y >= H + pad) {    // a padding row
                        for (std::size_t j = 0; j < Wo; ++j) dst[j] = T(0);
                        continue;
                    }
                    const T* src = xc + (y - pad) * W;
                    // Plain loops rather than std::copy/std::fill: the segments are short (one
                    // output row), and a library call per segment would cost more than the copy.
                    for (std::size_t j = 0; j < r.lo; ++j) dst[j] = T(0);
                    // input column s j + q - pad (>= 0 for j >= lo)
                    if (s == 1) {
                        for (std::size_t j = r.lo; j < r.hi; ++j) dst[j] = src[j + q - pad];
                    } else {
                        for (std::size_t j = r.lo; j < r.hi; ++j) dst[j] = src[s * j + q - pad];
                    }
                    for (std::size_t j = r.hi; j < Wo; ++j) dst[j] = T(0);
                }
            }
        }
    }
}

template <class T>
void col2im(const T* cols, const ConvGeometry& g, T* x, std::size_t ld) {
    const std::size_t H = g.height, W = g.width, kh = g.kernel_h, kw = g.kernel_w, s = g.stride;
    const std::size_t Ho = g.out_h, Wo = g.out_w;
    const long pad = static_cast<long>(g.padding);
    for (std::size_t c = 0; c < g.channels; ++c) {
        T* xc = x + c * H * W;
        for (std::size_t p = 0; p < kh; ++p) {
            for (std::size_t q = 0; q < kw; ++q) {
                const ColumnRange r = valid_columns(g, q);
                const T* row = cols + ((c * kh + p) * kw + q) * ld;
                for (std::size_t i = 0; i < Ho; ++i) {
                    const long y = static_cast<long>(s * i + p) - pad;
                    if (y < 0 || y >= static_cast<long>(H) || r.lo == r.hi) continue;  // padding only
                    const T* src = row + i * Wo;
                    T* d0 = xc + static_cast<std::size_t>(y) * W + (s * r.lo + q - g.padding);
                    if (s == 1) {
                        for (std::size_t j = r.lo; j < r.hi; ++j) d0[j - r.lo] += src[j];
                    } else {
                        for (std::size_t j = r.lo; j < r.hi; ++j) d0[s * (j - r.lo)] += src[j];
                    }
                }
            }
        }
    }
}

template void im2col<float>(const float*, const ConvGeometry&, float*, std::size_t);
template void im2col<double>(const double*, const ConvGeometry&, double*, std::size_t);
template void col2im<float>(const float*, const ConvGeometry&, float*, std::size_t);
template void col2im<double>(const double*, const ConvGeometry&, double*, std::size_t);

}  // namespace dlc
