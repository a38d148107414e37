/// \file
/// \brief Axis-aligned boxes and their intersection over union (IoU), the measure of Bahng §3.4 (Definition 3.4).
///
/// A box is given by its corners: \f$ (x_0, y_0) \f$ top left and \f$ (x_1, y_1) \f$ bottom right, in continuous
/// image coordinates (pixel \f$ (r, c) \f$ covers \f$ [c, c + 1) \times [r, r + 1) \f$), so its area is
/// \f$ (x_1 - x_0)(y_1 - y_0) \f$ and a box over pixels \f$ c, \dots, c + s - 1 \f$ is \f$ (c, \cdot, c + s, \cdot) \f$.
/// (Some code, e.g. the PASCAL VOC devkit, counts pixels inclusively and adds 1 to each side: the same boxes
/// then get a different IoU; the notes' Definition uses measure, as here.)
#pragma once

#include <string>

namespace dlc {

/// \brief An axis-aligned box \f$ [x_0, x_1] \times [y_0, y_1] \f$.
struct Box {
    double x0 = 0;  ///< left edge
    double y0 = 0;  ///< top edge
    double x1 = 0;  ///< right edge (\f$ \ge x_0 \f$)
    double y1 = 0;  ///< bottom edge (\f$ \ge y_0 \f$)

    /// \brief Width \f$ x_1 - x_0 \f$.
    double width() const { return x1 - x0; }
    /// \brief Height \f$ y_1 - y_0 \f$.
    double height() const { return y1 - y0; }
};

/// \brief Throws `ValueError` (naming `where` and the box) unless every coordinate is finite and
/// \f$ x_1 \ge x_0 \f$, \f$ y_1 \ge y_0 \f$ (a box of zero width or height is allowed: it is empty).
void check_box(const Box& b, const std::string& where);

/// \brief `"(x0, y0, x1, y1)"`, for messages and tables.
std::string box_text(const Box& b);

/// \brief The area \f$ \mu(B) = (x_1 - x_0)(y_1 - y_0) \f$.
/// \throws ValueError for an invalid box (`check_box`).
double box_area(const Box& b);

/// \brief The area of the intersection \f$ \mu(A \cap B) = \max(0, \min(x_1^A, x_1^B) - \max(x_0^A, x_0^B))
/// \cdot \max(0, \min(y_1^A, y_1^B) - \max(y_0^A, y_0^B)) \f$.
/// \throws ValueError for an invalid box.
double intersection_area(const Box& a, const Box& b);

/// \brief Intersection over union, \f$ \mathrm{IoU}(A, B) = \mu(A \cap B) / \mu(A \cup B) \f$ with
/// \f$ \mu(A \cup B) = \mu(A) + \mu(B) - \mu(A \cap B) \f$ (Bahng Definition 3.4): 1 for equal boxes, 0 for
/// disjoint ones (or ones that only touch).
/// \throws ValueError for an invalid box, or when both boxes are empty (the union has no area, so the ratio is
///         undefined).
double iou(const Box& a, const Box& b);

/// \brief `iou` where the boxes overlap (\f$ \mu(A \cap B) > 0 \f$), else 0: defined for every pair of valid boxes,
/// empty ones included (an empty box overlaps nothing). What matching a detection to the ground truth needs: NMS, the
/// precision–recall matching and R-CNN's region labels.
/// \throws ValueError for an invalid box.
double overlap_iou(const Box& a, const Box& b);

}  // namespace dlc
