#include "image/colormap.hpp"

#include "core/check.hpp"
#include "core/error.hpp"

#include <algorithm>
#include <cmath>

namespace dlc {

namespace {

std::array<double, 3> hex(unsigned v) {
    return {((v >> 16) & 0xFF) / 255.0, ((v >> 8) & 0xFF) / 255.0, (v & 0xFF) / 255.0};
}

std::array<double, 3> mix(const std::array<double, 3>& a, const std::array<double, 3>& b, double u) {
    return {a[0] + u * (b[0] - a[0]), a[1] + u * (b[1] - a[1]), a[2] + u * (b[2] - a[2])};
}

std::pair<double, double> range_of(const Matrix<double>& m) {
    check_nonempty("heat_image", "map", m);
    return {*std::min_element(m.begin(), m.end()), *std::max_element(m.begin(), m.end())};
}

}  // namespace

std::array<double, 3> heat_colour(double t) {
    static const std::array<double, 3> stops[5] = {hex(0x000004), hex(0x57106E), hex(0xBC3754), hex(0xF98E09),
                                                   hex(0xFCFFA4)};
    t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0) * 4;
    const int k = std::min(3, static_cast<int>(t));
    return mix(stops[k], stops[k + 1], t - k);
}

std::array<double, 3> diverging_colour(double t) {
    t = std::clamp(std::isfinite(t) ? t : 0.0, -1.0, 1.0);
    static const auto blue = hex(0x2166AC), red = hex(0xB2182B), white = hex(0xF7F7F7);
    return t < 0 ? mix(white, blue, -t) : mix(white, red, t);
}

Tensor3<double> heat_image(const Matrix<double>& map) {
    const auto [lo, hi] = range_of(map);
    const std::size_t H = map.shape(0), W = map.shape(1);
    Tensor3<double> out = Tensor3<double>::from_shape({3, H, W});
    for (std::size_t i = 0; i < H; ++i)
        for (std::size_t j = 0; j < W; ++j) {
            const auto c = heat_colour(hi > lo ? (map(i, j) - lo) / (hi - lo) : 0.0);
            for (std::size_t k = 0; k < 3; ++k) out(k, i, j) = c[k];
        }
    return out;
}

Tensor3<double> diverging_image(const Matrix<double>& map) {
    const auto [lo, hi] = range_of(map);
    const double m = std::max(std::abs(lo), std::abs(hi));
    const std::size_t H = map.shape(0), W = map.shape(1);
    Tensor3<double> out = Tensor3<double>::from_shape({3, H, W});
    for (std::size_t i = 0; i < H; ++i)
        for (std::size_t j = 0; j < W; ++j) {
            const auto c = diverging_colour(m > 0 ? map(i, j) / m : 0.0);
            for (std::size_t k = 0; k < 3; ++k) out(k, i, j) = c[k];
        }
    return out;
}

Tensor3<double> overlay_heat(const Tensor3<double>& image, const Matrix<double>& map, double opacity) {
    const char* where = "overlay_heat";
    const std::size_t C = image.shape(0), H = image.shape(1), W = image.shape(2);
    if ((C != 1 && C != 3) || map.shape(0) != H || map.shape(1) != W)
        throw ShapeError(where, "image (1 or 3, H, W) and map (H, W) must agree, got " + shape_of(image) + " and " +
                                    shape_of(map));
    const auto [lo, hi] = range_of(map);
    Tensor3<double> out = Tensor3<double>::from_shape({3, H, W});
    for (std::size_t i = 0; i < H; ++i)
        for (std::size_t j = 0; j < W; ++j) {
            const double t = hi > lo ? (map(i, j) - lo) / (hi - lo) : 0.0;
            const auto c = heat_colour(t);
            const double a = std::clamp(opacity * t, 0.0, 1.0);
            for (std::size_t k = 0; k < 3; ++k) out(k, i, j) = (1 - a) * image(C == 3 ? k : 0, i, j) + a * c[k];
        }
    return out;
}

}  // namespace dlc
