#include "detect/box.hpp"

#include "core/error.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <cmath>

namespace dlc {

void check_box(const Box& b, const std::string& where) {
    if (!std::isfinite(b.x0) || !std::isfinite(b.y0) || !std::isfinite(b.x1) || !std::isfinite(b.y1))
        throw ValueError(where, "box " + box_text(b) + " has a coordinate that is not a finite number");
    if (b.x1 < b.x0)
        throw ValueError(where, "box " + box_text(b) + " has negative width x1 - x0 = " + fmt(b.x1 - b.x0, 6) +
                                    " (corners are (x0, y0) top left and (x1, y1) bottom right)");
    if (b.y1 < b.y0)
        throw ValueError(where, "box " + box_text(b) + " has negative height y1 - y0 = " + fmt(b.y1 - b.y0, 6) +
                                    " (corners are (x0, y0) top left and (x1, y1) bottom right)");
}

std::string box_text(const Box& b) {
    return "(" + fmt(b.x0, 6) + ", " + fmt(b.y0, 6) + ", " + fmt(b.x1, 6) + ", " + fmt(b.y1, 6) + ")";
}

double box_area(const Box& b) {
    check_box(b, "box_area");
    return b.width() * b.height();
}

double intersection_area(const Box& a, const Box& b) {
    check_box(a, "intersection_area");
    check_box(b, "intersection_area");
    const double w = std::max(0.0, std::min(a.x1, b.x1) - std::max(a.x0, b.x0));
    const double h = std::max(0.0, std::min(a.y1, b.y1) - std::max(a.y0, b.y0));
    return w * h;
}

double iou(const Box& a, const Box& b) {
    check_box(a, "iou");
    check_box(b, "iou");
    const double inter = intersection_area(a, b);
    const double uni = box_area(a) + box_area(b) - inter;  // mu(A u B) = mu(A) + mu(B) - mu(A n B)
    if (!(uni > 0))
        throw ValueError("iou", "both boxes " + box_text(a) + " and " + box_text(b) +
                                    " are empty (zero area): their union has no area, so IoU is undefined");
    return inter / uni;
}

double overlap_iou(const Box& a, const Box& b) { return intersection_area(a, b) > 0 ? iou(a, b) : 0.0; }

}  // namespace dlc
