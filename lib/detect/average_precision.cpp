#include "detect/average_precision.hpp"

#include "core/error.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

namespace dlc {

namespace {

void check_curve(const std::vector<double>& precision, const std::vector<double>& recall, const char* where) {
    if (precision.size() != recall.size())
        throw ShapeError(where, std::to_string(precision.size()) + " precisions but " + std::to_string(recall.size()) +
                                    " recalls: give one of each per rank");
    for (std::size_t k = 0; k < recall.size(); ++k) {
        if (!(precision[k] >= 0 && precision[k] <= 1) || !(recall[k] >= 0 && recall[k] <= 1))
            throw ValueError(where, "rank " + std::to_string(k + 1) + ": precision " + fmt(precision[k], 6) +
                                        " or recall " + fmt(recall[k], 6) + " is outside [0, 1]");
        if (k > 0 && recall[k] < recall[k - 1])
            throw ValueError(where, "recall decreases from rank " + std::to_string(k) + " to " + std::to_string(k + 1) +
                                        ": give the ranks in order of decreasing score");
    }
}

// p_interp after each rank: max of the precisions at this rank and every later one.
std::vector<double> precision_envelope(const std::vector<double>& precision) {
    std::vector<double> env(precision);
    for (std::size_t k = env.size(); k-- > 1;) env[k - 1] = std::max(env[k - 1], env[k]);
    return env;
}

}  // namespace

PrecisionRecall precision_recall(const std::vector<ScoredBox>& detections, const std::vector<std::vector<Box>>& truth,
                                 double iou_threshold) {
    const char* where = "precision_recall";
    if (!(iou_threshold > 0 && iou_threshold <= 1))
        throw ValueError(where, "IoU threshold " + fmt(iou_threshold, 6) + " is outside (0, 1]");
    PrecisionRecall pr;
    for (const auto& boxes : truth) {
        for (const auto& b : boxes) check_box(b, where);
        pr.positives += boxes.size();
    }
    if (pr.positives == 0)
        throw ValueError(where, "there is no ground-truth box: recall TP / (TP + FN) is undefined");
    for (std::size_t i = 0; i < detections.size(); ++i) {
        check_box(detections[i].box, where);
        if (!std::isfinite(detections[i].score))
            throw ValueError(where, "detection " + std::to_string(i) + " has a score that is not a finite number");
        if (detections[i].image >= truth.size())
            throw ShapeError(where, "detection " + std::to_string(i) + " is in image " +
                                        std::to_string(detections[i].image) + " but the ground truth has " +
                                        std::to_string(truth.size()) + " images");
    }
    pr.order.resize(detections.size());
    std::iota(pr.order.begin(), pr.order.end(), std::size_t(0));
    std::stable_sort(pr.order.begin(), pr.order.end(),
                     [&](std::size_t a, std::size_t b) { return detections[a].score > detections[b].score; });
    std::vector<std::vector<bool>> matched(truth.size());
    for (std::size_t i = 0; i < truth.size(); ++i) matched[i].assign(truth[i].size(), false);
    std::size_t tp = 0;
    for (std::size_t k = 0; k < pr.order.size(); ++k) {
        const ScoredBox& d = detections[pr.order[k]];
        // The ground-truth box of the same image that overlaps d most.
        double best = 0;
        std::size_t best_j = 0;
        const auto& gt = truth[d.image];
        for (std::size_t j = 0; j < gt.size(); ++j) {
            const double o = overlap_iou(d.box, gt[j]);
            if (o > best) best = o, best_j = j;
        }
        const bool hit = best >= iou_threshold && !matched[d.image][best_j];
        if (hit) matched[d.image][best_j] = true, ++tp;
        pr.true_positive.push_back(hit);
        pr.precision.push_back(double(tp) / double(k + 1));       // TP / (TP + FP) among the first k + 1
        pr.recall.push_back(double(tp) / double(pr.positives));   // TP / (TP + FN)
    }
    pr.average_precision = average_precision(pr.precision, pr.recall);
    return pr;
}

double average_precision(const std::vector<double>& precision, const std::vector<double>& recall) {
    check_curve(precision, recall, "average_precision");
    const std::vector<double> env = precision_envelope(precision);
    double ap = 0, previous_recall = 0;
    for (std::size_t k = 0; k < recall.size(); ++k) {
        ap += (recall[k] - previous_recall) * env[k];  // (r_k - r_{k-1}) p_interp(r_k)
        previous_recall = recall[k];
    }
    return ap;
}

double average_precision_11_point(const std::vector<double>& precision, const std::vector<double>& recall) {
    check_curve(precision, recall, "average_precision_11_point");
    const std::vector<double> env = precision_envelope(precision);
    double sum = 0;
    for (int i = 0; i <= 10; ++i) {
        const double r = i / 10.0;
        // p_interp(r): the envelope at the first rank whose recall reaches r (it is the max over all later ranks).
        for (std::size_t k = 0; k < recall.size(); ++k)
            if (recall[k] >= r - 1e-12) {
                sum += env[k];
                break;
            }
    }
    return sum / 11.0;
}

double f1_score(double precision, double recall) {
    if (!(precision >= 0 && precision <= 1) || !(recall >= 0 && recall <= 1))
        throw ValueError("f1_score", "precision " + fmt(precision, 6) + " or recall " + fmt(recall, 6) +
                                         " is outside [0, 1]");
    return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
}

}  // namespace dlc
