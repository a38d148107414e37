#include "detect/scenes.hpp"

#include "core/error.hpp"
#include "image/transform.hpp"

#include <string>

namespace dlc {

Scenes digit_scenes(const Tensor3<float>& digits, const Labels& labels, std::size_t count, const SceneOptions& o,
                    Rng& rng) {
    const char* where = "digit_scenes";
    if (digits.shape(0) == 0 || digits.shape(1) == 0 || digits.shape(2) == 0)
        throw ShapeError(where, "no source images to place");
    if (labels.size() != digits.shape(0))
        throw ValueError(where, std::to_string(digits.shape(0)) + " images but " + std::to_string(labels.size()) +
                                    " labels");
    if (o.min_objects == 0 || o.min_objects > o.max_objects)
        throw ValueError(where, "digits per canvas must satisfy 1 <= min_objects <= max_objects, got " +
                                    std::to_string(o.min_objects) + " and " + std::to_string(o.max_objects));
    if (o.min_side == 0 || o.min_side > o.max_side || o.max_side > o.canvas)
        throw ValueError(where, "digit sides must satisfy 1 <= min_side <= max_side <= canvas, got " +
                                    std::to_string(o.min_side) + ", " + std::to_string(o.max_side) + " and " +
                                    std::to_string(o.canvas));
    Scenes s;
    s.images = xt::zeros<float>({count, o.canvas, o.canvas});
    s.boxes.resize(count), s.labels.resize(count), s.source.resize(count);
    const std::size_t h = digits.shape(1), w = digits.shape(2);
    for (std::size_t n = 0; n < count; ++n) {
        const std::size_t objects = o.min_objects + rng.index(o.max_objects - o.min_objects + 1);
        for (std::size_t tries = 0; s.boxes[n].size() < objects && tries < 1000; ++tries) {
            const std::size_t side = o.min_side + rng.index(o.max_side - o.min_side + 1);
            const std::size_t x = rng.index(o.canvas - side + 1), y = rng.index(o.canvas - side + 1);
            const Box frame{double(x), double(y), double(x + side), double(y + side)};
            bool free = true;
            for (const Box& b : s.boxes[n]) free = free && intersection_area(frame, b) == 0;
            if (!free) continue;
            const std::size_t k = rng.index(digits.shape(0));
            Tensor3<float> digit = Tensor3<float>::from_shape({std::size_t(1), h, w});
            xt::view(digit, 0, xt::all(), xt::all()) = xt::view(digits, k, xt::all(), xt::all());
            const Tensor3<float> resized = resize_bilinear(digit, side, side, true);
            for (std::size_t r = 0; r < side; ++r)
                for (std::size_t c = 0; c < side; ++c) s.images(n, y + r, x + c) = resized(0, r, c);
            s.boxes[n].push_back(frame);
            s.labels[n].push_back(labels(k));
            s.source[n].push_back(k);
        }
    }
    return s;
}

}  // namespace dlc
