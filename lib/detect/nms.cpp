#include "detect/nms.hpp"

#include "core/error.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

namespace dlc {

std::vector<std::size_t> non_max_suppression(const std::vector<Box>& boxes, const std::vector<double>& scores,
                                             double threshold) {
    const char* where = "non_max_suppression";
    if (boxes.size() != scores.size())
        throw ShapeError(where, std::to_string(boxes.size()) + " boxes but " + std::to_string(scores.size()) +
                                    " scores: give one score per box");
    if (!(threshold >= 0 && threshold <= 1))
        throw ValueError(where, "IoU threshold " + fmt(threshold, 6) + " is outside [0, 1]");
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        check_box(boxes[i], where);
        if (!std::isfinite(scores[i]))
            throw ValueError(where, "score " + std::to_string(i) + " is not a finite number");
    }
    std::vector<std::size_t> order(boxes.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
    std::vector<std::size_t> kept;
    for (std::size_t i : order) {
        bool suppressed = false;
        for (std::size_t j : kept) {
            if (overlap_iou(boxes[i], boxes[j]) > threshold) {  // an empty box overlaps nothing
                suppressed = true;
                break;
            }
        }
        if (!suppressed) kept.push_back(i);
    }
    return kept;
}

}  // namespace dlc
