#include "detect/proposals.hpp"

#include "core/error.hpp"
#include "image/transform.hpp"

#include <cmath>
#include <string>

namespace dlc {

namespace {

// 0, stride, 2 stride, ... below extent - side, then extent - side itself.
std::vector<std::size_t> window_offsets(std::size_t extent, std::size_t side, std::size_t stride) {
    std::vector<std::size_t> offsets;
    for (std::size_t o = 0; o + side < extent; o += stride) offsets.push_back(o);
    offsets.push_back(extent - side);
    return offsets;
}

}  // namespace

std::vector<Box> sliding_windows(std::size_t height, std::size_t width, const std::vector<std::size_t>& sides,
                                 std::size_t stride) {
    const char* where = "sliding_windows";
    if (sides.empty()) throw ValueError(where, "no window side given");
    if (stride == 0) throw ValueError(where, "stride 0: the window would never move");
    std::vector<Box> boxes;
    for (std::size_t s : sides) {
        if (s == 0 || s > height || s > width)
            throw ValueError(where, "window side " + std::to_string(s) + " is not in 1.." +
                                        std::to_string(std::min(height, width)) + " (the image is " +
                                        std::to_string(height) + " x " + std::to_string(width) + ")");
        for (std::size_t r : window_offsets(height, s, stride))
            for (std::size_t col : window_offsets(width, s, stride))
                boxes.push_back({double(col), double(r), double(col + s), double(r + s)});
    }
    return boxes;
}

Tensor3<float> crop_regions(const Matrix<float>& image, const std::vector<Box>& boxes, std::size_t side) {
    const char* where = "crop_regions";
    if (side == 0) throw ValueError(where, "output side 0");
    const double H = double(image.shape(0)), W = double(image.shape(1));
    Tensor3<float> crops = Tensor3<float>::from_shape({boxes.size(), side, side});
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        const Box& b = boxes[i];
        check_box(b, where);
        const bool integer = b.x0 == std::floor(b.x0) && b.y0 == std::floor(b.y0) && b.x1 == std::floor(b.x1) &&
                             b.y1 == std::floor(b.y1);
        if (!integer || b.x0 < 0 || b.y0 < 0 || b.x1 > W || b.y1 > H || !(b.x1 > b.x0) || !(b.y1 > b.y0))
            throw ValueError(where, "box " + std::to_string(i) + " " + box_text(b) +
                                        " is not a non-empty box with integer corners inside the " +
                                        std::to_string(image.shape(0)) + " x " + std::to_string(image.shape(1)) +
                                        " image");
        const std::size_t r0 = std::size_t(b.y0), c0 = std::size_t(b.x0);
        const std::size_t h = std::size_t(b.height()), w = std::size_t(b.width());
        Tensor3<float> region = Tensor3<float>::from_shape({std::size_t(1), h, w});
        for (std::size_t r = 0; r < h; ++r)
            for (std::size_t c = 0; c < w; ++c) region(0, r, c) = image(r0 + r, c0 + c);
        const Tensor3<float> warped = resize_bilinear(region, side, side, true);
        xt::view(crops, i, xt::all(), xt::all()) = xt::view(warped, 0, xt::all(), xt::all());
    }
    return crops;
}

}  // namespace dlc
