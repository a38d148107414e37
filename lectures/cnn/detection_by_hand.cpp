// Bahng §3.4's measures on examples small enough to check on paper (the tests derive every number by hand):
// IoU = mu(B n B~) / mu(B u B~) (Definition 3.4) of a few box pairs, greedy non-maximum suppression (§3.4.3, step 7)
// of five scored boxes, and precision = TP / (TP + FP), recall = TP / (TP + FN), F1 and the average precision
// (§3.4.4) of six ranked detections; then the notes' max-pooling coordinate map (§3.4.2, step 3) by running a pooling
// layer, and their "good match" threshold against the detection benchmarks' conventions.
#include "common.hpp"
#include "detection.hpp"

#include "detect/average_precision.hpp"
#include "detect/box.hpp"
#include "detect/nms.hpp"
#include "nn/pooling.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace cnn_lecture {

namespace {

nlohmann::json box_json(const dlc::Box& b) { return {b.x0, b.y0, b.x1, b.y1}; }

// The IoU some code computes by counting pixels inclusively: each side is x1 - x0 + 1 pixels long.
double inclusive_pixel_iou(const dlc::Box& a, const dlc::Box& b) {
    const auto grow = [](const dlc::Box& q) { return dlc::Box{q.x0, q.y0, q.x1 + 1, q.y1 + 1}; };
    return dlc::iou(grow(a), grow(b));
}

void iou_pairs(dlc::Case& c) {
    auto& out = c.out();
    struct Pair {
        dlc::Box a, b;
        const char* what;
    };
    const std::vector<Pair> pairs = {
        {{0, 0, 2, 2}, {1, 1, 3, 3}, "overlapping by one unit square"},
        {{0, 0, 2, 2}, {0, 0, 2, 2}, "equal"},
        {{0, 0, 2, 2}, {1, 0, 3, 2}, "shifted by half a width"},
        {{0, 0, 4, 4}, {1, 1, 3, 3}, "one inside the other"},
        {{0, 0, 3, 1}, {1, 0, 2, 3}, "a cross"},
        {{0, 0, 2, 2}, {2, 0, 4, 2}, "touching along an edge"},
        {{0, 0, 2, 2}, {5, 5, 6, 6}, "disjoint"},
    };
    dlc::TextTable t({"box B", "box B~", "", "mu(B n B~)", "mu(B u B~)", "IoU", "IoU, pixels counted inclusively"});
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& p : pairs) {
        const double inter = dlc::intersection_area(p.a, p.b);
        const double uni = dlc::box_area(p.a) + dlc::box_area(p.b) - inter;
        const double o = dlc::iou(p.a, p.b), inclusive = inclusive_pixel_iou(p.a, p.b);
        t.row({dlc::box_text(p.a), dlc::box_text(p.b), p.what, exact_str(inter), exact_str(uni), exact_str(o),
               exact_str(inclusive)});
        rows.push_back({{"a", box_json(p.a)}, {"b", box_json(p.b)}, {"what", p.what}, {"intersection", inter},
                        {"union", uni}, {"iou", o}, {"inclusive_pixel_iou", inclusive}});
    }
    out << "IoU = mu(B n B~) / mu(B u B~), mu(B u B~) = mu(B) + mu(B~) - mu(B n B~) (Bahng Definition 3.4); boxes "
           "(x0, y0, x1, y1) with corners top left and bottom right, mu the area (dlc::iou):\n"
        << t.str();
    c.set("iou_pairs", rows);
    c.note("how a box's size is counted",
           "With boxes as regions (the notes' measure mu), (0, 0, 2, 2) and (1, 1, 3, 3) have IoU 1/7. Code that "
           "counts pixels inclusively (the PASCAL VOC devkit adds 1 to each side) finds 4/14 = 2/7 for the same "
           "numbers: state the convention with the boxes.");
}

void nms_example(dlc::Case& c) {
    auto& out = c.out();
    const std::vector<dlc::Box> boxes = {{10, 10, 50, 50}, {12, 12, 52, 52}, {30, 30, 70, 70}, {60, 10, 100, 50},
                                         {62, 8, 100, 48}};
    const std::vector<double> scores = {0.9, 0.8, 0.7, 0.6, 0.65};
    dlc::TextTable t({"box", "corners", "score", "IoU with b0", "b1", "b2", "b3", "b4"});
    nlohmann::json M = nlohmann::json::array();
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        std::vector<std::string> row = {"b" + std::to_string(i), dlc::box_text(boxes[i]), dlc::fmt(scores[i], 3)};
        nlohmann::json mrow = nlohmann::json::array();
        for (std::size_t j = 0; j < boxes.size(); ++j) {
            const double o = dlc::iou(boxes[i], boxes[j]);
            row.push_back(dlc::fmt(o, 4));
            mrow.push_back(o);
        }
        t.row(row);
        M.push_back(mrow);
    }
    out << "\nNon-maximum suppression (dlc::non_max_suppression): in order of score keep a box unless it overlaps a "
           "kept one with IoU > tau. Five boxes, two near-duplicate pairs (b0, b1) and (b3, b4):\n"
        << t.str();
    nlohmann::json kept;
    for (double tau : {0.5, 0.1}) {
        const auto k = dlc::non_max_suppression(boxes, scores, tau);
        std::string names;
        for (std::size_t i : k) names += (names.empty() ? "b" : ", b") + std::to_string(i);
        out << "  tau = " << dlc::fmt(tau, 2) << ": kept " << names << "\n";
        kept[dlc::fmt(tau, 2)] = k;
    }
    out << "With tau = 0.5 each duplicate goes and the three objects stay; b4 (0.65) outranks b3 (0.6), so b3 is the "
           "one dropped. With tau = 0.1, b2 also goes: it overlaps b0 with IoU 1/7 > 0.1, so a low threshold merges "
           "neighbouring objects.\n";
    nlohmann::json bj = nlohmann::json::array();
    for (const auto& b : boxes) bj.push_back(box_json(b));
    c.set("nms", {{"boxes", bj}, {"scores", scores}, {"iou", M}, {"kept", kept}});
}

void ranked_detections(dlc::Case& c) {
    auto& out = c.out();
    // Two images, four ground-truth boxes; six detections of the class, ranked by score.
    const std::vector<std::vector<dlc::Box>> truth = {{{0, 0, 10, 10}, {20, 20, 30, 30}},
                                                      {{0, 0, 10, 10}, {50, 50, 60, 60}}};
    const std::vector<dlc::ScoredBox> det = {{0, {1, 1, 11, 11}, 0.95},   {0, {0, 0, 10, 10}, 0.9},
                                             {1, {0, 1, 10, 11}, 0.8},    {1, {30, 30, 40, 40}, 0.7},
                                             {0, {20, 25, 30, 35}, 0.6},  {1, {52, 50, 62, 60}, 0.5}};
    const auto pr = dlc::precision_recall(det, truth, 0.5);
    const char* why[] = {"IoU 81/119 with g0", "a duplicate: g0 is already matched", "IoU 90/110 with g2",
                         "overlaps nothing", "IoU 50/150 < 0.5 with g1 (a poor box)", "IoU 80/120 with g3"};
    dlc::TextTable t({"rank", "image", "box", "score", "", "precision", "recall", "F1"});
    std::vector<double> f1;
    for (std::size_t k = 0; k < pr.order.size(); ++k) {
        const auto& d = det[pr.order[k]];
        f1.push_back(dlc::f1_score(pr.precision[k], pr.recall[k]));
        t.row({std::to_string(k + 1), std::to_string(d.image), dlc::box_text(d.box), dlc::fmt(d.score, 3),
               std::string(pr.true_positive[k] ? "TP: " : "FP: ") + why[pr.order[k]], exact_str(pr.precision[k]),
               exact_str(pr.recall[k]), dlc::fmt(f1.back(), 4)});
    }
    const double ap11 = dlc::average_precision_11_point(pr.precision, pr.recall);
    out << "\nPrecision = TP / (TP + FP), recall = TP / (TP + FN), F1 = 2PR / (P + R) (Bahng §3.4.4) down a ranked list "
           "(dlc::precision_recall; a detection is a TP if it overlaps a still unmatched ground-truth box with IoU >= "
           "0.5). Ground truth: image 0 holds g0 (0, 0, 10, 10) and g1 (20, 20, 30, 30), image 1 holds g2 (0, 0, 10, "
           "10) and g3 (50, 50, 60, 60):\n"
        << t.str() << "Average precision, the area under the precision-recall curve with the precision made monotone "
           "(p_interp(r) = max over r' >= r of p(r'); dlc::average_precision): "
        << exact_str(pr.average_precision) << " = " << dlc::fmt(pr.average_precision, 6)
        << "; PASCAL VOC 2007's 11-point version: " << dlc::fmt(ap11, 6) << ". g1 is never found, so recall stops at "
        << exact_str(pr.recall.back()) << ".\n";
    c.set("ranked", {{"true_positive", pr.true_positive}, {"precision", pr.precision}, {"recall", pr.recall},
                     {"f1", f1}, {"average_precision", pr.average_precision}, {"average_precision_11_point", ap11},
                     {"positives", pr.positives}});
}

// Bahng §3.4.2 step 3: after a 2 x 2 max pooling "each coordinate (x, y) will get mapped to (ceil(x/2), ceil(y/2))".
// Run the pooling layer on an image with a single bright pixel at each position and see where it lands.
void pooling_coordinates(dlc::Case& c) {
    auto& out = c.out();
    const std::size_t n = 8;
    dlc::MaxPool2d<double> pool(2);
    bool one_based_ceil = true, zero_based_floor = true;
    for (std::size_t r = 0; r < n; ++r)
        for (std::size_t q = 0; q < n; ++q) {
            dlc::Tensor<double> x = xt::zeros<double>({std::size_t(1), std::size_t(1), n, n});
            x(0, 0, r, q) = 1;
            const auto& y = pool.forward(x);
            const auto flat = xt::argmax(xt::flatten(y))();
            const std::size_t i = flat / (n / 2), j = flat % (n / 2);  // 0-based output position
            one_based_ceil = one_based_ceil && i + 1 == (r + 2) / 2 && j + 1 == (q + 2) / 2;  // ceil((r+1)/2)
            zero_based_floor = zero_based_floor && i == r / 2 && j == q / 2;
        }
    out << "\nMax pooling 2 x 2, stride 2 (dlc::MaxPool2d) on an 8 x 8 image with one bright pixel, for each of the 64 "
           "positions: the pixel lands at (ceil(x/2), ceil(y/2)) in 1-based coordinates: "
        << (one_based_ceil ? "yes" : "no") << "; at (floor(x/2), floor(y/2)) in 0-based ones: "
        << (zero_based_floor ? "yes" : "no") << ".\n";
    c.set("pooling_coordinate_map", {{"one_based_ceil", one_based_ceil}, {"zero_based_floor", zero_based_floor}});
    if (one_based_ceil)
        c.agrees("Bahng §3.4.2: a 2 x 2 max pooling maps (x, y) to (ceil(x/2), ceil(y/2)) (1-based coordinates)", true);
    else
        c.erratum("Bahng §3.4.2: the coordinate map of a 2 x 2 max pooling", "(ceil(x/2), ceil(y/2))",
                  "another map (a pooling layer run on single pixels)", "The pooled position differs from the notes'.");
}

}  // namespace

void detection_by_hand(dlc::Case& c) {
    iou_pairs(c);
    nms_example(c);
    ranked_detections(c);
    pooling_coordinates(c);
    c.note("what counts as a good match",
           "Bahng §3.4.1 calls IoU >= 0.7 a good match. That is the threshold Faster R-CNN uses to call an anchor "
           "positive when training its region proposal network; the detection benchmarks count a detection as "
           "correct at IoU >= 0.5 (PASCAL VOC), or average over 0.5, 0.55, ..., 0.95 (COCO). This lecture's mAP "
           "uses 0.5.");
}

}  // namespace cnn_lecture
