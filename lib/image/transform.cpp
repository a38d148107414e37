#include "image/transform.hpp"

#include "core/check.hpp"
#include "core/error.hpp"

#include <algorithm>
#include <cmath>

namespace dlc {

ResizeTaps resize_taps(std::size_t in, std::size_t out, bool antialias) {
    require(in > 0 && out > 0, "resize_taps", "sizes must be positive, got " + std::to_string(in) + " -> " +
                                                  std::to_string(out));
    const double s = double(in) / double(out);
    const double r = antialias && s > 1 ? s : 1.0;  // the tent's radius in input pixels
    ResizeTaps t;
    t.taps = static_cast<std::size_t>(std::ceil(2 * r)) + 2;
    t.first.resize(out);
    t.count.resize(out);
    t.weight.assign(out * t.taps, 0.0);
    for (std::size_t i = 0; i < out; ++i) {
        const double c = (double(i) + 0.5) * s;  // the output sample's centre in input coordinates
        const long lo = std::max<long>(0, static_cast<long>(std::floor(c - r - 0.5)));
        const long hi = std::min<long>(long(in) - 1, static_cast<long>(std::ceil(c + r - 0.5)));
        double sum = 0;
        std::size_t k = 0;
        t.first[i] = static_cast<std::size_t>(lo);
        for (long j = lo; j <= hi && k < t.taps; ++j, ++k) {
            const double w = std::max(0.0, 1.0 - std::abs(double(j) + 0.5 - c) / r);  // the tent
            t.weight[i * t.taps + k] = w;
            sum += w;
        }
        t.count[i] = k;
        for (std::size_t q = 0; q < k; ++q) t.weight[i * t.taps + q] /= sum;  // weights sum to 1 inside the image
    }
    return t;
}

Tensor3<float> resize_bilinear(const Tensor3<float>& image, std::size_t height, std::size_t width, bool antialias) {
    const char* where = "resize_bilinear";
    check_nonempty(where, "image", image);
    require(height > 0 && width > 0 && height <= 16384 && width <= 16384, where,
            "the new size must be in [1, 16384], got " + std::to_string(height) + " x " + std::to_string(width));
    const std::size_t C = image.shape(0), H = image.shape(1), W = image.shape(2);
    const ResizeTaps rows = resize_taps(H, height, antialias), cols = resize_taps(W, width, antialias);
    // Along the rows first: (C, H, W) -> (C, height, W), in double.
    std::vector<double> mid(C * height * W, 0.0);
    for (std::size_t c = 0; c < C; ++c)
        for (std::size_t i = 0; i < height; ++i) {
            double* m = &mid[(c * height + i) * W];
            for (std::size_t k = 0; k < rows.count[i]; ++k) {
                const double w = rows.weight[i * rows.taps + k];
                const float* src = &image(c, rows.first[i] + k, 0);
                for (std::size_t x = 0; x < W; ++x) m[x] += w * src[x];
            }
        }
    // Then along the columns: -> (C, height, width).
    Tensor3<float> out = Tensor3<float>::from_shape({C, height, width});
    for (std::size_t c = 0; c < C; ++c)
        for (std::size_t i = 0; i < height; ++i) {
            const double* m = &mid[(c * height + i) * W];
            for (std::size_t j = 0; j < width; ++j) {
                double v = 0;
                for (std::size_t k = 0; k < cols.count[j]; ++k) v += cols.weight[j * cols.taps + k] * m[cols.first[j] + k];
                out(c, i, j) = static_cast<float>(v);
            }
        }
    return out;
}

Tensor3<float> center_crop(const Tensor3<float>& image, std::size_t height, std::size_t width) {
    const std::size_t C = image.shape(0), H = image.shape(1), W = image.shape(2);
    if (height == 0 || width == 0 || height > H || width > W)
        throw ShapeError("center_crop", "the window " + std::to_string(height) + " x " + std::to_string(width) +
                                            " must be non-empty and fit in the image " + shape_of(image));
    const std::size_t top = (H - height) / 2, left = (W - width) / 2;
    Tensor3<float> out = Tensor3<float>::from_shape({C, height, width});
    for (std::size_t c = 0; c < C; ++c)
        for (std::size_t i = 0; i < height; ++i)
            for (std::size_t j = 0; j < width; ++j) out(c, i, j) = image(c, top + i, left + j);
    return out;
}

Tensor3<float> square_resize(const Tensor3<float>& image, std::size_t side) {
    const std::size_t H = image.shape(1), W = image.shape(2), shorter = std::min(H, W);
    require(side > 0 && side <= shorter, "square_resize",
            "side must be in [1, " + std::to_string(shorter) + "], got " + std::to_string(side));
    const std::size_t h = H == shorter ? side : static_cast<std::size_t>(std::lround(double(H) * side / shorter));
    const std::size_t w = W == shorter ? side : static_cast<std::size_t>(std::lround(double(W) * side / shorter));
    return center_crop(resize_bilinear(image, h, w, true), side, side);
}

namespace {

void check_lists(const char* where, const Tensor3<float>& image, const std::vector<double>& mean,
                 const std::vector<double>& sd) {
    const std::size_t C = image.shape(0);
    if ((mean.size() != 1 && mean.size() != C) || (sd.size() != 1 && sd.size() != C))
        throw ShapeError(where, "mean and sd must have 1 or C = " + std::to_string(C) + " entries, got " +
                                    std::to_string(mean.size()) + " and " + std::to_string(sd.size()));
    for (double s : sd) require(s > 0 && std::isfinite(s), where, "every sd must be positive, got " + std::to_string(s));
}

}  // namespace

void normalize_channels(Tensor3<float>& image, const std::vector<double>& mean, const std::vector<double>& sd) {
    check_lists("normalize_channels", image, mean, sd);
    const std::size_t C = image.shape(0), n = image.shape(1) * image.shape(2);
    for (std::size_t c = 0; c < C; ++c) {
        const double m = mean[mean.size() == 1 ? 0 : c], s = sd[sd.size() == 1 ? 0 : c];
        for (std::size_t i = 0; i < n; ++i) image.data()[c * n + i] = static_cast<float>((image.data()[c * n + i] - m) / s);
    }
}

void denormalize_channels(Tensor3<float>& image, const std::vector<double>& mean, const std::vector<double>& sd) {
    check_lists("denormalize_channels", image, mean, sd);
    const std::size_t C = image.shape(0), n = image.shape(1) * image.shape(2);
    for (std::size_t c = 0; c < C; ++c) {
        const double m = mean[mean.size() == 1 ? 0 : c], s = sd[sd.size() == 1 ? 0 : c];
        for (std::size_t i = 0; i < n; ++i) image.data()[c * n + i] = static_cast<float>(m + s * image.data()[c * n + i]);
    }
}

void channel_statistics(const Tensor3<float>& image, std::vector<double>& mean, std::vector<double>& sd) {
    check_nonempty("channel_statistics", "image", image);
    const std::size_t C = image.shape(0), n = image.shape(1) * image.shape(2);
    mean.assign(C, 0.0);
    sd.assign(C, 0.0);
    for (std::size_t c = 0; c < C; ++c) {
        double s = 0, ss = 0;
        for (std::size_t i = 0; i < n; ++i) s += image.data()[c * n + i];
        const double m = s / double(n);
        for (std::size_t i = 0; i < n; ++i) ss += (image.data()[c * n + i] - m) * (image.data()[c * n + i] - m);
        mean[c] = m;
        sd[c] = std::sqrt(ss / double(n));
    }
}

}  // namespace dlc
