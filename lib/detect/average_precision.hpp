/// \file
/// \brief Precision, recall and average precision of a detector (Bahng §3.4.4, "Measuring Performance"):
/// \f$ \mathrm{Precision} = TP / (TP + FP) \f$, \f$ \mathrm{Recall} = TP / (TP + FN) \f$, the area under the
/// precision–recall curve, and its mean over the classes (mAP).
#pragma once

#include "detect/box.hpp"

#include <cstddef>
#include <vector>

namespace dlc {

/// \brief One detection of one class: the image it is in, its box and its score.
struct ScoredBox {
    std::size_t image = 0;  ///< index of the image (into the ground truth's list)
    Box box;                ///< the detected box
    double score = 0;       ///< the detector's confidence (higher first)
};

/// \brief A class's detections ranked by score, each marked true or false positive, with the precision and
/// recall after each rank and the average precision.
struct PrecisionRecall {
    std::vector<std::size_t> order;     ///< detection indices, highest score first
    std::vector<bool> true_positive;    ///< per rank: matched an unmatched ground-truth box with IoU >= threshold
    std::vector<double> precision;      ///< per rank \f$ k \f$: \f$ TP_k / k \f$
    std::vector<double> recall;         ///< per rank \f$ k \f$: \f$ TP_k / P \f$
    std::size_t positives = 0;          ///< \f$ P \f$, the number of ground-truth boxes (TP + FN)
    double average_precision = 0;       ///< `average_precision(precision, recall)`
};

/// \brief Ranks `detections` by score (ties: the earlier first) and matches them to `truth` (the ground-truth
/// boxes of each image) as PASCAL VOC does: a detection is a true positive if its best-overlapping ground-truth
/// box in the same image has \f$ \mathrm{IoU} \ge \f$ `iou_threshold` and was not matched by a higher-scoring
/// detection; otherwise (a duplicate, a poor box, a box where there is nothing) it is a false positive.
/// \throws ValueError if the threshold is outside (0, 1], if there is no ground-truth box at all (recall is then
///         undefined), for an invalid box or a non-finite score; ShapeError if a detection names an image beyond
///         `truth`.
PrecisionRecall precision_recall(const std::vector<ScoredBox>& detections, const std::vector<std::vector<Box>>& truth,
                                 double iou_threshold);

/// \brief The area under the precision–recall curve with the precision made monotone ("all-point interpolated"
/// AP, PASCAL VOC 2010 on): \f$ AP = \sum_k (r_k - r_{k-1})\, p_{\text{interp}}(r_k) \f$ with
/// \f$ p_{\text{interp}}(r) = \max_{r' \ge r} p(r') \f$ and \f$ r_0 = 0 \f$.
/// \param precision, recall  per rank, recall non-decreasing, both in [0, 1]
/// \throws ShapeError if the lengths differ; ValueError for values outside [0, 1] or a decreasing recall.
double average_precision(const std::vector<double>& precision, const std::vector<double>& recall);

/// \brief The 11-point AP of PASCAL VOC 2007: \f$ \frac{1}{11} \sum_{r \in \{0, 0.1, \dots, 1\}}
/// p_{\text{interp}}(r) \f$ (0 where no rank reaches recall \f$ r \f$). Same arguments and errors as
/// `average_precision`.
double average_precision_11_point(const std::vector<double>& precision, const std::vector<double>& recall);

/// \brief \f$ F_1 = 2PR / (P + R) \f$ (0 when both are 0).
/// \throws ValueError for values outside [0, 1].
double f1_score(double precision, double recall);

}  // namespace dlc
