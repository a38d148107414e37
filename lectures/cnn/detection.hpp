// The two halves of the object_detection case (Bahng §3.4): the measures by hand, and an R-CNN on digit canvases.
#pragma once

#include "app/program.hpp"

namespace cnn_lecture {

/// IoU, non-maximum suppression, precision/recall and average precision on small examples whose answers the
/// tests derive by hand; Bahng's max-pooling coordinate map and "good match" threshold.
void detection_by_hand(dlc::Case& c);

/// Sliding-window proposals, LeNet-5 features and a background class, NMS and mAP at IoU 0.5 on synthetic
/// canvases of MNIST digits; the R-CNN pipeline's steps drawn on one canvas.
void rcnn_digits(dlc::Case& c);

}  // namespace cnn_lecture
