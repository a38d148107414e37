// Bahng §3.4, object detection: the measures first (IoU, non-maximum suppression, precision, recall, average
// precision), computed by hand on boxes small enough to check on paper (detection_by_hand.cpp); then a real detector
// built as R-CNN is (Bahng §3.4.1): region proposals, a CNN's features of each warped region, a classifier with a
// background class, non-maximum suppression, and the mean average precision on a test set (rcnn_digits.cpp).
#include "cases.hpp"
#include "detection.hpp"

namespace cnn_lecture {

void object_detection(dlc::Case& c) {
    detection_by_hand(c);
    rcnn_digits(c);
}

}  // namespace cnn_lecture
