#include "interpret/total_variation.hpp"

#include "core/check.hpp"
#include "core/error.hpp"

#include <cmath>

namespace dlc {

const char* tv_range_name(TvRange range) {
    return range == TvRange::interior ? "interior (i <= H-1, j <= W-1)" : "all pixels, border replicated";
}

namespace {

// Calls term(i, j, a, b) for every (i, j) of the sum, on one H x W plane p: a = right difference,
// b = down difference (0 where the neighbour is missing, with `replicate`).
template <class T, class F>
void for_each_term(const T* p, std::size_t H, std::size_t W, TvRange range, F term) {
    const std::size_t hi = range == TvRange::interior ? H - 1 : H, wj = range == TvRange::interior ? W - 1 : W;
    for (std::size_t i = 0; i < hi; ++i)
        for (std::size_t j = 0; j < wj; ++j) {
            const double x = p[i * W + j];
            const double a = j + 1 < W ? double(p[i * W + j + 1]) - x : 0.0;  // x_{i,j+1} - x_{ij}
            const double b = i + 1 < H ? double(p[(i + 1) * W + j]) - x : 0.0;  // x_{i+1,j} - x_{ij}
            term(i, j, a, b);
        }
}

template <class T>
void check(const char* where, const Tensor<T>& x, double beta) {
    require(beta > 0 && std::isfinite(beta), where, "beta must be positive, got " + std::to_string(beta));
    if (x.dimension() < 2 || x.size() == 0)
        throw ShapeError(where, "x must be a non-empty image of rank 2 to 4, got " + shape_of(x));
}

}  // namespace

template <class T>
double total_variation(const Tensor<T>& x, double beta, TvRange range) {
    check("total_variation", x, beta);
    const std::size_t H = x.shape(x.dimension() - 2), W = x.shape(x.dimension() - 1), planes = x.size() / (H * W);
    double r = 0;
    for (std::size_t q = 0; q < planes; ++q)
        for_each_term(x.data() + q * H * W, H, W, range,
                      [&](std::size_t, std::size_t, double a, double b) { r += std::pow(a * a + b * b, beta / 2); });
    return r;
}

template <class T>
Tensor<T> total_variation_gradient(const Tensor<T>& x, double beta, TvRange range) {
    check("total_variation_gradient", x, beta);
    const std::size_t H = x.shape(x.dimension() - 2), W = x.shape(x.dimension() - 1), planes = x.size() / (H * W);
    Tensor<T> g = Tensor<T>::from_shape(shape_of_tensor(x));
    std::vector<double> acc(H * W);
    for (std::size_t q = 0; q < planes; ++q) {
        std::fill(acc.begin(), acc.end(), 0.0);
        for_each_term(x.data() + q * H * W, H, W, range, [&](std::size_t i, std::size_t j, double a, double b) {
            const double s = a * a + b * b;
            if (s == 0 && beta < 2) return;  // not differentiable there: subgradient 0
            const double d = beta * std::pow(s, beta / 2 - 1);  // (beta/2) s^(beta/2-1) * 2
            if (j + 1 < W) acc[i * W + j + 1] += d * a;
            if (i + 1 < H) acc[(i + 1) * W + j] += d * b;
            acc[i * W + j] -= d * (a + b);
        });
        for (std::size_t k = 0; k < H * W; ++k) g.data()[q * H * W + k] = static_cast<T>(acc[k]);
    }
    return g;
}

template double total_variation(const Tensor<float>&, double, TvRange);
template double total_variation(const Tensor<double>&, double, TvRange);
template Tensor<float> total_variation_gradient(const Tensor<float>&, double, TvRange);
template Tensor<double> total_variation_gradient(const Tensor<double>&, double, TvRange);

}  // namespace dlc
