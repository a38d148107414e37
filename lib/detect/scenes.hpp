/// \file
/// \brief A synthetic detection data set: digits placed on a blank canvas with their boxes and classes known
/// (the issue's stand-in for COCO/VOC, which Bahng §3.4 names: "datasets that provide these bounding boxes in
/// addition to labels").
#pragma once

#include "core/rng.hpp"
#include "core/tensor.hpp"
#include "detect/box.hpp"

#include <cstddef>
#include <vector>

namespace dlc {

/// \brief How `digit_scenes` composes a canvas.
struct SceneOptions {
    std::size_t canvas = 96;       ///< canvas side (pixels)
    std::size_t min_objects = 1;   ///< fewest digits per canvas
    std::size_t max_objects = 4;   ///< most digits per canvas
    std::size_t min_side = 24;     ///< smallest digit frame (the 28 × 28 image resized to side × side)
    std::size_t max_side = 40;     ///< largest digit frame
};

/// \brief Canvases with their ground truth.
struct Scenes {
    Tensor3<float> images;                         ///< (n, canvas, canvas), pixels in [0, 1], background 0
    std::vector<std::vector<Box>> boxes;           ///< per canvas: each digit's frame (x0, y0, x0 + s, y0 + s)
    std::vector<std::vector<std::size_t>> labels;  ///< per canvas: each digit's class
    std::vector<std::vector<std::size_t>> source;  ///< per canvas: each digit's index in the source images
};

/// \brief `count` canvases, each with a number of digits drawn uniformly from [min_objects, max_objects]: each a
/// random image of `digits` (n, 28, 28) resized (anti-aliased bilinear) to a random side in [min_side, max_side]
/// and placed at a random integer position where its frame overlaps no earlier frame (a canvas that cannot hold
/// another digit after 1000 tries keeps fewer). The box of a digit is its whole frame, as MNIST's 28 × 28 frame
/// is the digit's box (the ink is centred by mass inside it).
/// \throws ValueError for min_objects = 0 or > max_objects, min_side = 0 or > max_side, max_side > canvas, or
///         labels that do not match the images; ShapeError for images that are not (n, h, w) with n > 0.
Scenes digit_scenes(const Tensor3<float>& digits, const Labels& labels, std::size_t count, const SceneOptions& options,
                    Rng& rng);

}  // namespace dlc
