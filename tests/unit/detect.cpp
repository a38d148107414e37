// lib/detect/: IoU, non-maximum suppression, precision/recall/AP, sliding windows, crops, digit scenes and the
// region classifier (Bahng §3.4). Every expected number is derived by hand in the comments.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"

#include "detect/average_precision.hpp"
#include "detect/box.hpp"
#include "detect/nms.hpp"
#include "detect/proposals.hpp"
#include "detect/region_classifier.hpp"
#include "detect/scenes.hpp"
#include "core/error.hpp"
#include "image/transform.hpp"
#include "nn/linear.hpp"
#include "nn/relu.hpp"

#include <cmath>
#include <limits>
#include <vector>

BOOST_AUTO_TEST_SUITE(detect)

using dlc::Box;
using dlc_test::check_throws;

// (0,0,2,2) and (1,1,3,3): the intersection is the unit square [1,2]^2, area 1; each box has area 4, so the union
// is 4 + 4 - 1 = 7 and IoU = 1/7 (the pair). Equal boxes: 1. Shifted by 1 of width 2: intersection 1 x 2 = 2,
// union 6 -> 1/3. (1,1,3,3) inside (0,0,4,4): 4/16. The cross (0,0,3,1) and (1,0,2,3): 1 / (3 + 3 - 1) = 1/5.
// Boxes that only touch along an edge, or are apart: 0.
BOOST_AUTO_TEST_CASE(iou_by_hand) {
    BOOST_TEST(dlc::iou({0, 0, 2, 2}, {1, 1, 3, 3}) == 1.0 / 7.0, boost::test_tools::tolerance(1e-15));
    BOOST_TEST(dlc::iou({0, 0, 2, 2}, {0, 0, 2, 2}) == 1.0);
    BOOST_TEST(dlc::iou({0, 0, 2, 2}, {1, 0, 3, 2}) == 1.0 / 3.0, boost::test_tools::tolerance(1e-15));
    BOOST_TEST(dlc::iou({0, 0, 4, 4}, {1, 1, 3, 3}) == 0.25);
    BOOST_TEST(dlc::iou({0, 0, 3, 1}, {1, 0, 2, 3}) == 0.2, boost::test_tools::tolerance(1e-15));
    BOOST_TEST(dlc::iou({0, 0, 2, 2}, {2, 0, 4, 2}) == 0.0);
    BOOST_TEST(dlc::iou({0, 0, 2, 2}, {5, 5, 6, 6}) == 0.0);
    // symmetric
    BOOST_TEST(dlc::iou({1, 1, 3, 3}, {0, 0, 2, 2}) == dlc::iou({0, 0, 2, 2}, {1, 1, 3, 3}));
    BOOST_TEST(dlc::box_area({1, 2, 4, 7}) == 15.0);
    BOOST_TEST(dlc::intersection_area({0, 0, 3, 3}, {2, 1, 5, 5}) == 2.0);  // [2,3] x [1,3]
    // An empty box against a non-empty one: intersection 0, union = the other's area: IoU 0.
    BOOST_TEST(dlc::iou({1, 1, 1, 3}, {0, 0, 2, 2}) == 0.0);
}

BOOST_AUTO_TEST_CASE(iou_bad_boxes) {
    check_throws<dlc::ValueError>([] { dlc::iou({2, 0, 1, 2}, {0, 0, 1, 1}); }, {"iou", "negative width"});
    check_throws<dlc::ValueError>([] { dlc::iou({0, 0, 1, 1}, {0, 3, 1, 2}); }, {"iou", "negative height"});
    check_throws<dlc::ValueError>([] { dlc::iou({1, 1, 1, 1}, {2, 2, 2, 5}); }, {"iou", "empty", "undefined"});
    const double nan = std::numeric_limits<double>::quiet_NaN();
    check_throws<dlc::ValueError>([&] { dlc::iou({0, 0, nan, 1}, {0, 0, 1, 1}); }, {"iou", "finite"});
    check_throws<dlc::ValueError>([] { dlc::box_area({0, 0, -1, 1}); }, {"box_area", "negative width"});
}

// overlap_iou: iou where the boxes overlap, else 0 — two empty boxes (where iou throws) and boxes that only touch
// give 0; a bad box still throws.
BOOST_AUTO_TEST_CASE(overlap_iou_is_zero_without_overlap) {
    BOOST_TEST(dlc::overlap_iou({0, 0, 2, 2}, {1, 1, 3, 3}) == dlc::iou({0, 0, 2, 2}, {1, 1, 3, 3}));
    BOOST_TEST(dlc::overlap_iou({1, 1, 1, 1}, {2, 2, 2, 5}) == 0.0);
    BOOST_TEST(dlc::overlap_iou({1, 1, 1, 3}, {0, 0, 2, 2}) == 0.0);
    BOOST_TEST(dlc::overlap_iou({0, 0, 2, 2}, {2, 0, 4, 2}) == 0.0);
    check_throws<dlc::ValueError>([] { dlc::overlap_iou({2, 0, 1, 2}, {0, 0, 1, 1}); },
                                  {"intersection_area", "negative width"});
}

// Five boxes of 40 x 40 (b4: 38 x 40). IoU(b0, b1) = 38^2 / (1600 + 1600 - 1444) = 1444/1756 = 0.822;
// IoU(b0, b2) = 20^2 / (3200 - 400) = 1/7; IoU(b3, b4) = 38 * 38 / (1600 + 1520 - 1444) = 1444/1676 = 0.862;
// IoU(b2, b4) = 8 * 18 / (1600 + 1520 - 144) = 0.048; IoU(b2, b3) = 10 * 20 / 3000 = 0.067; b0, b1 vs b3, b4: 0.
// Scores 0.9, 0.8, 0.7, 0.6, 0.65: order b0, b1, b2, b4, b3.
// tau = 0.5: keep b0; b1 goes (0.822); keep b2 (1/7); keep b4 (0, 0.048); b3 goes (0.862 with b4). -> 0, 2, 4.
// tau = 0.1: b2 also goes (1/7 > 0.1) -> 0, 4. tau = 1: nothing exceeds 1 -> all, by score: 0, 1, 2, 4, 3.
BOOST_AUTO_TEST_CASE(nms_by_hand) {
    const std::vector<Box> b = {{10, 10, 50, 50}, {12, 12, 52, 52}, {30, 30, 70, 70}, {60, 10, 100, 50}, {62, 8, 100, 48}};
    const std::vector<double> s = {0.9, 0.8, 0.7, 0.6, 0.65};
    BOOST_TEST(dlc::non_max_suppression(b, s, 0.5) == (std::vector<std::size_t>{0, 2, 4}), boost::test_tools::per_element());
    BOOST_TEST(dlc::non_max_suppression(b, s, 0.1) == (std::vector<std::size_t>{0, 4}), boost::test_tools::per_element());
    BOOST_TEST(dlc::non_max_suppression(b, s, 1.0) == (std::vector<std::size_t>{0, 1, 2, 4, 3}),
               boost::test_tools::per_element());
    // tau = 0 keeps only boxes overlapping no kept box: b0, then b4 (b2 overlaps b0, b3 overlaps b4).
    BOOST_TEST(dlc::non_max_suppression(b, s, 0.0) == (std::vector<std::size_t>{0, 4}), boost::test_tools::per_element());
    // Equal scores: the earlier box first.
    BOOST_TEST(dlc::non_max_suppression({{0, 0, 2, 2}, {0, 0, 2, 2}}, {0.5, 0.5}, 0.5) == (std::vector<std::size_t>{0}),
               boost::test_tools::per_element());
    BOOST_TEST(dlc::non_max_suppression({}, {}, 0.5).empty());
}

BOOST_AUTO_TEST_CASE(nms_bad_input) {
    const std::vector<Box> b = {{0, 0, 1, 1}};
    check_throws<dlc::ValueError>([&] { dlc::non_max_suppression(b, {0.5}, 1.5); }, {"non_max_suppression", "outside [0, 1]"});
    check_throws<dlc::ValueError>([&] { dlc::non_max_suppression(b, {0.5}, -0.1); }, {"non_max_suppression", "outside [0, 1]"});
    check_throws<dlc::ShapeError>([&] { dlc::non_max_suppression(b, {0.5, 0.2}, 0.5); }, {"1 boxes but 2 scores"});
    check_throws<dlc::ValueError>([&] { dlc::non_max_suppression(b, {std::nan("")}, 0.5); }, {"not a finite"});
    check_throws<dlc::ValueError>([&] { dlc::non_max_suppression({{3, 0, 1, 1}}, {0.5}, 0.5); }, {"negative width"});
}

// Ground truth: image 0 holds g0 (0,0,10,10) and g1 (20,20,30,30); image 1 holds g2 (0,0,10,10), g3 (50,50,60,60):
// P = 4. Ranked detections: d1 (img 0, IoU 81/119 with g0) TP; d2 (img 0, = g0) FP, a duplicate; d3 (img 1, IoU
// 90/110 with g2) TP; d4 (img 1, overlaps nothing) FP; d5 (img 0, IoU 50/150 with g1) FP; d6 (img 1, 80/120 with g3) TP.
// precision 1, 1/2, 2/3, 1/2, 2/5, 1/2; recall 1/4, 1/4, 1/2, 1/2, 1/2, 3/4.
// Envelope max_{k' >= k} p: 1, 2/3, 2/3, 1/2, 1/2, 1/2. AP = 1/4 * 1 + 1/4 * 2/3 + 1/4 * 1/2 = 13/24.
// 11-point: r = 0, 0.1, 0.2 -> 1 (rank 1); 0.3, 0.4, 0.5 -> 2/3 (rank 3); 0.6, 0.7 -> 1/2 (rank 6); 0.8-1 -> 0:
// (3 + 2 + 1) / 11 = 6/11.
BOOST_AUTO_TEST_CASE(precision_recall_by_hand) {
    const std::vector<std::vector<Box>> truth = {{{0, 0, 10, 10}, {20, 20, 30, 30}}, {{0, 0, 10, 10}, {50, 50, 60, 60}}};
    // Given out of order, to check the ranking: d6, d2, d4, d1, d5, d3.
    const std::vector<dlc::ScoredBox> det = {{1, {52, 50, 62, 60}, 0.5}, {0, {0, 0, 10, 10}, 0.9},
                                             {1, {30, 30, 40, 40}, 0.7}, {0, {1, 1, 11, 11}, 0.95},
                                             {0, {20, 25, 30, 35}, 0.6}, {1, {0, 1, 10, 11}, 0.8}};
    const auto pr = dlc::precision_recall(det, truth, 0.5);
    BOOST_TEST(pr.positives == 4u);
    BOOST_TEST(pr.order == (std::vector<std::size_t>{3, 1, 5, 2, 4, 0}), boost::test_tools::per_element());
    BOOST_TEST(pr.true_positive == (std::vector<bool>{true, false, true, false, false, true}), boost::test_tools::per_element());
    const std::vector<double> p = {1, 0.5, 2.0 / 3, 0.5, 0.4, 0.5}, r = {0.25, 0.25, 0.5, 0.5, 0.5, 0.75};
    for (std::size_t k = 0; k < 6; ++k) {
        BOOST_TEST(pr.precision[k] == p[k], boost::test_tools::tolerance(1e-15));
        BOOST_TEST(pr.recall[k] == r[k], boost::test_tools::tolerance(1e-15));
    }
    BOOST_TEST(pr.average_precision == 13.0 / 24.0, boost::test_tools::tolerance(1e-15));
    BOOST_TEST(dlc::average_precision_11_point(pr.precision, pr.recall) == 6.0 / 11.0, boost::test_tools::tolerance(1e-15));
    // At IoU 0.7 d1 (0.681) and d6 (0.667) fail; g0 is then still unmatched when d2 (= g0, IoU 1) comes, so the
    // former duplicate is a TP; d3 (0.818) too: TP at ranks 2 and 3 only.
    const auto strict = dlc::precision_recall(det, truth, 0.7);
    BOOST_TEST(strict.true_positive == (std::vector<bool>{false, true, true, false, false, false}),
               boost::test_tools::per_element());
    // No detections at all: AP 0.
    BOOST_TEST(dlc::precision_recall({}, truth, 0.5).average_precision == 0.0);
}

// AP against an independent computation: the integral over recall of the envelope p_interp(r) = max over ranks with
// recall >= r of the precision, by the midpoint rule on a fine grid, for random TP/FP sequences.
BOOST_AUTO_TEST_CASE(average_precision_is_the_area_under_the_envelope) {
    dlc::Rng rng(7);
    for (int trial = 0; trial < 20; ++trial) {
        const std::size_t n = 5 + rng.index(30), positives = n / 2 + 1 + rng.index(5);
        std::vector<double> p, r;
        std::size_t tp = 0;
        for (std::size_t k = 0; k < n; ++k) {
            if (tp < positives && rng.uniform() < 0.5) ++tp;
            p.push_back(double(tp) / double(k + 1));
            r.push_back(double(tp) / double(positives));
        }
        const std::size_t grid = 200000;
        double area = 0;
        for (std::size_t g = 0; g < grid; ++g) {
            const double x = (double(g) + 0.5) / double(grid);
            double best = 0;
            for (std::size_t k = 0; k < n; ++k)
                if (r[k] >= x) best = std::max(best, p[k]);
            area += best / double(grid);
        }
        BOOST_TEST(dlc::average_precision(p, r) == area, boost::test_tools::tolerance(1e-4));
    }
}

BOOST_AUTO_TEST_CASE(precision_recall_bad_input) {
    const std::vector<std::vector<Box>> truth = {{{0, 0, 1, 1}}};
    check_throws<dlc::ValueError>([&] { dlc::precision_recall({}, {{}}, 0.5); }, {"precision_recall", "no ground-truth box"});
    check_throws<dlc::ValueError>([&] { dlc::precision_recall({}, truth, 0.0); }, {"IoU threshold", "(0, 1]"});
    check_throws<dlc::ShapeError>([&] { dlc::precision_recall({{3, {0, 0, 1, 1}, 0.5}}, truth, 0.5); }, {"image 3"});
    check_throws<dlc::ValueError>([] { dlc::average_precision({1.0, 0.5}, {0.5, 0.25}); }, {"recall decreases"});
    check_throws<dlc::ShapeError>([] { dlc::average_precision({1.0}, {0.5, 0.6}); }, {"1 precisions but 2 recalls"});
    check_throws<dlc::ValueError>([] { dlc::average_precision({1.5}, {0.5}); }, {"outside [0, 1]"});
    BOOST_TEST(dlc::f1_score(0.5, 0.5) == 0.5);
    BOOST_TEST(dlc::f1_score(1.0, 0.0) == 0.0);
    BOOST_TEST(dlc::f1_score(0.0, 0.0) == 0.0);
    BOOST_TEST(dlc::f1_score(2.0 / 3, 0.5) == 4.0 / 7, boost::test_tools::tolerance(1e-15));  // 2 (1/3) / (7/6)
    check_throws<dlc::ValueError>([] { dlc::f1_score(-0.1, 0.5); }, {"f1_score"});
}

// 96 x 96, sides 24, 32, 40, stride 4: offsets 0, 4, ..., 68 and 72 (19), 0..60 and 64 (17), 0..52 and 56 (15):
// 361 + 289 + 225 = 875. On 10 x 10 with side 4, stride 4: offsets 0, 4 and 6 (the last moved to the edge).
BOOST_AUTO_TEST_CASE(sliding_windows_count_and_cover) {
    BOOST_TEST(dlc::sliding_windows(96, 96, {24, 32, 40}, 4).size() == 875u);
    const auto w = dlc::sliding_windows(10, 10, {4}, 4);
    BOOST_TEST(w.size() == 9u);
    BOOST_TEST(w.back().x0 == 6.0);
    BOOST_TEST(w.back().x1 == 10.0);
    BOOST_TEST(w.back().y1 == 10.0);
    BOOST_TEST(dlc::sliding_windows(5, 7, {5}, 1).size() == 3u);  // one row, columns 0, 1, 2
    check_throws<dlc::ValueError>([] { dlc::sliding_windows(10, 10, {11}, 1); }, {"sliding_windows", "side 11"});
    check_throws<dlc::ValueError>([] { dlc::sliding_windows(10, 10, {0}, 1); }, {"side 0"});
    check_throws<dlc::ValueError>([] { dlc::sliding_windows(10, 10, {4}, 0); }, {"stride 0"});
    check_throws<dlc::ValueError>([] { dlc::sliding_windows(10, 10, {}, 1); }, {"no window side"});
}

// A crop the size of the output is an exact copy (the resize is the identity); other sizes go through
// resize_bilinear like a (1, h, w) image.
BOOST_AUTO_TEST_CASE(crop_regions_copy_and_resize) {
    dlc::Matrix<float> image = dlc::Matrix<float>::from_shape({8, 10});
    for (std::size_t r = 0; r < 8; ++r)
        for (std::size_t c = 0; c < 10; ++c) image(r, c) = float(10 * r + c);
    const auto crops = dlc::crop_regions(image, {{2, 3, 6, 7}, {0, 0, 8, 8}}, 4);
    BOOST_TEST(crops.shape(0) == 2u);
    for (std::size_t r = 0; r < 4; ++r)
        for (std::size_t c = 0; c < 4; ++c) BOOST_TEST(crops(0, r, c) == image(3 + r, 2 + c));
    dlc::Tensor3<float> whole = dlc::Tensor3<float>::from_shape({1, 8, 8});
    for (std::size_t r = 0; r < 8; ++r)
        for (std::size_t c = 0; c < 8; ++c) whole(0, r, c) = image(r, c);
    const auto small = dlc::resize_bilinear(whole, 4, 4, true);
    for (std::size_t r = 0; r < 4; ++r)
        for (std::size_t c = 0; c < 4; ++c) BOOST_TEST(crops(1, r, c) == small(0, r, c));
    check_throws<dlc::ValueError>([&] { dlc::crop_regions(image, {{0.5, 0, 4, 4}}, 4); }, {"crop_regions", "integer"});
    check_throws<dlc::ValueError>([&] { dlc::crop_regions(image, {{0, 0, 11, 4}}, 4); }, {"inside the 8 x 10 image"});
    check_throws<dlc::ValueError>([&] { dlc::crop_regions(image, {{1, 1, 1, 4}}, 4); }, {"non-empty"});
    check_throws<dlc::ValueError>([&] { dlc::crop_regions(image, {{0, 0, 2, 2}}, 0); }, {"output side 0"});
}

// Scenes: each frame inside the canvas, of a side in range, disjoint from the others, filled with the resized
// source digit; every pixel outside the frames is 0.
BOOST_AUTO_TEST_CASE(digit_scenes_ground_truth) {
    dlc::Rng rng(3);
    dlc::Tensor3<float> digits = dlc::Tensor3<float>::from_shape({5, 28, 28});
    for (auto& v : digits) v = float(rng.uniform());
    dlc::Labels labels = {0, 1, 2, 3, 4};
    dlc::SceneOptions o;
    const auto s = dlc::digit_scenes(digits, labels, 12, o, rng);
    BOOST_TEST(s.images.shape(0) == 12u);
    for (std::size_t n = 0; n < 12; ++n) {
        BOOST_TEST((s.boxes[n].size() >= 1 && s.boxes[n].size() <= 4));
        BOOST_TEST(s.labels[n].size() == s.boxes[n].size());
        dlc::Matrix<int> covered = xt::zeros<int>({96, 96});
        for (std::size_t j = 0; j < s.boxes[n].size(); ++j) {
            const Box& b = s.boxes[n][j];
            BOOST_TEST((b.width() == b.height() && b.width() >= 24 && b.width() <= 40));
            BOOST_TEST((b.x0 >= 0 && b.y0 >= 0 && b.x1 <= 96 && b.y1 <= 96));
            BOOST_TEST(s.labels[n][j] == labels(s.source[n][j]));
            for (std::size_t i = 0; i < j; ++i) BOOST_TEST(dlc::intersection_area(b, s.boxes[n][i]) == 0.0);
            dlc::Tensor3<float> d = dlc::Tensor3<float>::from_shape({1, 28, 28});
            xt::view(d, 0) = xt::view(digits, s.source[n][j]);
            const auto side = std::size_t(b.width());
            const auto resized = dlc::resize_bilinear(d, side, side, true);
            for (std::size_t r = 0; r < side; ++r)
                for (std::size_t c = 0; c < side; ++c) {
                    BOOST_TEST(s.images(n, std::size_t(b.y0) + r, std::size_t(b.x0) + c) == resized(0, r, c));
                    covered(std::size_t(b.y0) + r, std::size_t(b.x0) + c) = 1;
                }
        }
        for (std::size_t r = 0; r < 96; ++r)
            for (std::size_t c = 0; c < 96; ++c)
                if (!covered(r, c)) BOOST_TEST(s.images(n, r, c) == 0.0f);
    }
    dlc::SceneOptions bad = o;
    bad.min_objects = 0;
    check_throws<dlc::ValueError>([&] { dlc::digit_scenes(digits, labels, 1, bad, rng); }, {"digit_scenes", "min_objects"});
    bad = o, bad.max_side = 200;
    check_throws<dlc::ValueError>([&] { dlc::digit_scenes(digits, labels, 1, bad, rng); }, {"max_side <= canvas"});
    check_throws<dlc::ValueError>([&] { dlc::digit_scenes(digits, dlc::Labels{0, 1}, 1, o, rng); }, {"5 images but 2 labels"});
}

// region_label: IoU >= 0.5 -> the class, < 0.3 with every box -> background, between -> ignored.
// Window (0,0,10,10) vs truth (0,0,10,10): 1 -> class 7. (0,0,10,10) vs (5,0,15,10): 50/150 = 1/3 -> ignored.
// (0,0,10,10) vs (6,0,16,10): 40/160 = 1/4 -> background.
BOOST_AUTO_TEST_CASE(region_labels) {
    const std::vector<Box> truth = {{0, 0, 10, 10}, {50, 50, 60, 60}};
    const std::vector<std::size_t> labels = {7, 3};
    BOOST_TEST(dlc::region_label({0, 0, 10, 10}, truth, labels, 0.5, 0.3, 10) == 7u);
    BOOST_TEST(dlc::region_label({51, 50, 61, 60}, truth, labels, 0.5, 0.3, 10) == 3u);  // 90/110
    BOOST_TEST(dlc::region_label({5, 0, 15, 10}, truth, labels, 0.5, 0.3, 10) == dlc::ignored_region);
    BOOST_TEST(dlc::region_label({6, 0, 16, 10}, truth, labels, 0.5, 0.3, 10) == 10u);
    BOOST_TEST(dlc::region_label({20, 20, 30, 30}, {}, {}, 0.5, 0.3, 10) == 10u);
    check_throws<dlc::ValueError>([&] { dlc::region_label({0, 0, 1, 1}, truth, labels, 0.3, 0.5, 10); }, {"region_label", "negative <= positive"});
    check_throws<dlc::ValueError>([&] { dlc::region_label({0, 0, 1, 1}, truth, {1}, 0.5, 0.3, 10); }, {"2 boxes but 1 labels"});
}

// backbone_features runs the first modules: for Linear, ReLU, Linear the first two give relu(x W^T + b).
BOOST_AUTO_TEST_CASE(backbone_features_stop_early) {
    dlc::Sequential<float> net;
    net.add<dlc::Linear<float>>(dlc::Tensor<float>{{1, -1}, {2, 0}, {0, 1}}, dlc::Tensor<float>{0, -1, 0.5});
    net.add<dlc::ReLU<float>>();
    net.add<dlc::Linear<float>>(dlc::Tensor<float>{{1, 1, 1}}, dlc::Tensor<float>{0});
    net.set_mode(dlc::Mode::eval);
    const dlc::Tensor<float> x = {{1, 2}, {-1, 0}};
    const auto phi = dlc::backbone_features(net, 2, x);
    // x1 = (1, 2): (1 - 2, 2 - 1, 2 + 0.5) = (-1, 1, 2.5) -> (0, 1, 2.5); x2 = (-1, 0): (-1, -3, 0.5) -> (0, 0, 0.5)
    const dlc::Tensor<float> expected = {{0, 1, 2.5}, {0, 0, 0.5}};
    BOOST_TEST(phi == expected);
    check_throws<dlc::ValueError>([&] { dlc::backbone_features(net, 0, x); }, {"backbone_features"});
    check_throws<dlc::ValueError>([&] { dlc::backbone_features(net, 4, x); }, {"network of 3"});
}

// The classifier separates three Gaussian clusters and a background cluster in 5 dimensions; its probabilities
// are distributions; bad shapes and labels are refused.
BOOST_AUTO_TEST_CASE(region_classifier_learns_separable_classes) {
    dlc::Rng rng(11);
    const std::size_t n = 800, D = 5, K = 3;
    dlc::Tensor<float> phi = dlc::Tensor<float>::from_shape({n, D});
    dlc::Labels y = dlc::Labels::from_shape({n});
    for (std::size_t i = 0; i < n; ++i) {
        y(i) = i % (K + 1);
        for (std::size_t d = 0; d < D; ++d) phi(i, d) = float(rng.normal(d == y(i) ? 4.0 : 0.0, 0.5));
    }
    dlc::RegionClassifier clf(D, K, rng);
    BOOST_TEST(clf.background() == K);
    check_throws<dlc::ValueError>([&] { clf.probabilities(phi); }, {"not been fitted"});
    dlc::RegionClassifierOptions o;
    o.epochs = 20;
    const auto losses = clf.fit(phi, y, o, rng);
    BOOST_TEST(losses.size() == 20u);
    BOOST_TEST(losses.back() < losses.front());
    const auto p = clf.probabilities(phi);
    std::size_t right = 0;
    for (std::size_t i = 0; i < n; ++i) {
        BOOST_TEST(double(xt::sum(xt::view(p, i, xt::all()))()) == 1.0, boost::test_tools::tolerance(1e-5));
        right += std::size_t(xt::argmax(xt::view(p, i, xt::all()))()) == y(i);
    }
    BOOST_TEST(right > n * 98 / 100);
    check_throws<dlc::ShapeError>([&] { clf.probabilities(xt::zeros<float>({2, 4})); }, {"(n, 5)"});
    dlc::Labels bad = y;
    bad(0) = 9;
    check_throws<dlc::ValueError>([&] { clf.fit(phi, bad, o, rng); }, {"label 9", "background class 3"});
    check_throws<dlc::ValueError>([&] { dlc::RegionClassifier(0, 3, rng); }, {"RegionClassifier", "D = 0"});
}

BOOST_AUTO_TEST_SUITE_END()
