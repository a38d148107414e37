#include "image/augment.hpp"

#include "core/check.hpp"
#include "core/error.hpp"

#include <cmath>
#include <string>

namespace dlc {

void check_transform_range(const char* where, const TransformRange& r) {
    require(std::isfinite(r.shift) && r.shift >= 0 && std::isfinite(r.degrees) && r.degrees >= 0 &&
                std::isfinite(r.noise_sd) && r.noise_sd >= 0,
            where,
            "the transformation ranges (shift " + std::to_string(r.shift) + ", degrees " + std::to_string(r.degrees) +
                ", noise sd " + std::to_string(r.noise_sd) + ") must be finite and >= 0");
}

template <class T>
void augment_image(const T* src, T* dst, std::size_t H, std::size_t W, const Warp& warp, double noise_sd, Rng& rng) {
    const char* where = "augment_image";
    require(H > 0 && W > 0, where, "the image must have at least one pixel, got " + std::to_string(H) + " x " +
                                       std::to_string(W));
    require(std::isfinite(noise_sd) && noise_sd >= 0, where,
            "the noise sd must be finite and >= 0, got " + std::to_string(noise_sd));
    warp_image(src, dst, H, W, warp);  // A x: shift and rotation, bilinear (Bahng §2.4: translate, rotate)
    if (noise_sd > 0)
        for (std::size_t p = 0; p < H * W; ++p) dst[p] += static_cast<T>(rng.normal(0.0, noise_sd));  // + n
}

template <class T>
void augment_images(const Tensor<T>& X, std::size_t H, std::size_t W, const TransformRange& range, Rng& rng,
                    Tensor<T>& out, std::vector<Warp>* warps) {
    const char* where = "augment_images";
    check_transform_range(where, range);
    require(H > 0 && W > 0, where, "the images must have at least one pixel, got " + std::to_string(H) + " x " +
                                       std::to_string(W));
    if (X.dimension() < 2 || X.shape(0) == 0 || X.size() != X.shape(0) * H * W)
        throw ShapeError(where, "expected a batch of " + std::to_string(H) + " x " + std::to_string(W) +
                                    " images, one per row (n, " + std::to_string(H * W) + " pixels), got " + shape_of(X));
    require(&out != &X, where, "the output must be another tensor than the input (the warp reads X while writing out)");
    const std::size_t n = X.shape(0), d = H * W;
    resize_like(out, X);
    if (warps) warps->resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const Warp w = random_warp(range, rng);
        if (warps) (*warps)[i] = w;
        augment_image(X.data() + i * d, out.data() + i * d, H, W, w, range.noise_sd, rng);
    }
}

template void augment_image(const float*, float*, std::size_t, std::size_t, const Warp&, double, Rng&);
template void augment_image(const double*, double*, std::size_t, std::size_t, const Warp&, double, Rng&);
template void augment_images(const Tensor<float>&, std::size_t, std::size_t, const TransformRange&, Rng&,
                             Tensor<float>&, std::vector<Warp>*);
template void augment_images(const Tensor<double>&, std::size_t, std::size_t, const TransformRange&, Rng&,
                             Tensor<double>&, std::vector<Warp>*);

}  // namespace dlc
