#include "adversarial/transformations.hpp"

#include <cmath>

namespace dlc {

Warp random_warp(const TransformRange& range, Rng& rng) {
    Warp w;
    w.dx = rng.uniform(-range.shift, range.shift);
    w.dy = rng.uniform(-range.shift, range.shift);
    w.degrees = rng.uniform(-range.degrees, range.degrees);
    return w;
}

namespace {

// Calls tap(output index, input index, weight) for the (up to) four bilinear taps of every output pixel.
template <class F>
void for_each_tap(std::size_t H, std::size_t W, const Warp& w, F&& tap) {
    const double pi = 3.14159265358979323846, t = w.degrees * pi / 180.0;
    const double c = std::cos(t), s = std::sin(t);
    const double ci = 0.5 * (double(H) - 1), cj = 0.5 * (double(W) - 1);
    for (std::size_t i = 0; i < H; ++i)
        for (std::size_t j = 0; j < W; ++j) {
            // q = R(-theta) (p - c - d) + c, with p = (row i, column j); y points down, so "counter-clockwise on
            // screen" is the rotation of (x, -y)
            const double u = double(j) - cj - w.dx, v = double(i) - ci - w.dy;
            const double qj = c * u - s * v + cj, qi = s * u + c * v + ci;
            const double fi = std::floor(qi), fj = std::floor(qj);
            const double ai = qi - fi, aj = qj - fj;
            const long i0 = static_cast<long>(fi), j0 = static_cast<long>(fj);
            const double weights[4] = {(1 - ai) * (1 - aj), (1 - ai) * aj, ai * (1 - aj), ai * aj};
            const long rows[4] = {i0, i0, i0 + 1, i0 + 1}, cols[4] = {j0, j0 + 1, j0, j0 + 1};
            for (int k = 0; k < 4; ++k)
                if (rows[k] >= 0 && rows[k] < long(H) && cols[k] >= 0 && cols[k] < long(W) && weights[k] != 0)
                    tap(i * W + j, std::size_t(rows[k]) * W + std::size_t(cols[k]), weights[k]);
        }
}

}  // namespace

template <class T>
void warp_image(const T* src, T* dst, std::size_t H, std::size_t W, const Warp& warp) {
    for (std::size_t p = 0; p < H * W; ++p) dst[p] = T(0);
    for_each_tap(H, W, warp, [&](std::size_t out, std::size_t in, double weight) {
        dst[out] += static_cast<T>(weight * src[in]);  // y = A x
    });
}

template <class T>
void warp_adjoint(const T* grad_dst, T* grad_src, std::size_t H, std::size_t W, const Warp& warp) {
    for_each_tap(H, W, warp, [&](std::size_t out, std::size_t in, double weight) {
        grad_src[in] += static_cast<T>(weight * grad_dst[out]);  // grad_x += A^T grad_y
    });
}

template void warp_image(const float*, float*, std::size_t, std::size_t, const Warp&);
template void warp_image(const double*, double*, std::size_t, std::size_t, const Warp&);
template void warp_adjoint(const float*, float*, std::size_t, std::size_t, const Warp&);
template void warp_adjoint(const double*, double*, std::size_t, std::size_t, const Warp&);

}  // namespace dlc
