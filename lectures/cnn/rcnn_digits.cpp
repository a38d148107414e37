// An R-CNN (Bahng §3.4.1) on synthetic scenes: MNIST digits placed on 96 x 96 canvases (dlc::digit_scenes: 1-4
// digits each, sides 24-40, frames known), the training scenes from training digits and the test scenes from test
// digits. The pipeline, step by step as the notes list it:
//   1. region proposals R: square sliding windows of sides 24, 32 and 40 every 4 pixels (dlc::sliding_windows);
//   2. each region warped to 28 x 28 (dlc::crop_regions) and passed through the CNN: LeNet-5 from the model store,
//      its 84 features after the last hidden ReLU (dlc::backbone_features), the network itself not retrained;
//   3. a classifier of those features into the ten digits or background (dlc::RegionClassifier: softmax regression
//      where R-CNN trains one linear SVM per class) on labelled regions (dlc::region_label: IoU >= 0.5 with a digit's
//      box -> that digit, else background, drawn mostly from windows that overlap a digit a little, as Fast R-CNN
//      samples them), then again after R-CNN's hard negative mining (the background windows it called objects);
//   4. per class, non-maximum suppression (dlc::non_max_suppression, IoU 0.3) of the regions scored p(k | phi);
// then the average precision of each class at IoU 0.5 (dlc::precision_recall) and their mean, the mAP.
// (The notes' step 4, bounding-box regression, is left out: every box here is a proposal's window.)
#include "common.hpp"
#include "detection.hpp"

#include "rcnn_pipeline.hpp"

#include "data/datasets.hpp"
#include "detect/proposals.hpp"
#include "plot/figure.hpp"
#include "plot/palette.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>
#include <vector>

namespace cnn_lecture {

namespace {

using S = RcnnSettings;
constexpr std::size_t canvas = 96, scale = 3;
constexpr double shown_score = 0.9;  // the detections drawn in the last panel

// Canvas n of the scenes as an RGB picture scale times larger, dark digits on white.
dlc::Tensor3<double> picture(const dlc::Scenes& s, std::size_t n) {
    dlc::Tensor3<double> rgb = dlc::Tensor3<double>::from_shape({std::size_t(3), canvas * scale, canvas * scale});
    for (std::size_t r = 0; r < canvas * scale; ++r)
        for (std::size_t q = 0; q < canvas * scale; ++q)
            for (std::size_t ch = 0; ch < 3; ++ch) rgb(ch, r, q) = 1.0 - s.images(n, r / scale, q / scale);
    return rgb;
}

// The outline of box b (canvas coordinates) in colour 0xRRGGBB, two pixels wide.
void outline(dlc::Tensor3<double>& rgb, const dlc::Box& b, unsigned colour) {
    const double col[3] = {((colour >> 16) & 255) / 255.0, ((colour >> 8) & 255) / 255.0, (colour & 255) / 255.0};
    const std::size_t last = canvas * scale - 2;  // a line starts at most here (it is two pixels wide)
    const auto at = [&](double v) { return std::min<std::size_t>(last, std::size_t(std::max(0.0, v))); };
    const std::size_t x0 = at(b.x0 * scale), y0 = at(b.y0 * scale), x1 = at(b.x1 * scale - 2), y1 = at(b.y1 * scale - 2);
    for (std::size_t ch = 0; ch < 3; ++ch)
        for (std::size_t t = 0; t < 2; ++t) {
            for (std::size_t q = x0; q <= x1 + 1; ++q) rgb(ch, y0 + t, q) = col[ch], rgb(ch, y1 + t, q) = col[ch];
            for (std::size_t r = y0; r <= y1 + 1; ++r) rgb(ch, r, x0 + t) = col[ch], rgb(ch, r, x1 + t) = col[ch];
        }
}

// The pipeline's steps on canvas `shown`: ground truth, proposals, regions classified as objects, detections.
dlc::plot::Figure steps_figure(const dlc::Scenes& test, std::size_t shown, const std::vector<dlc::Box>& windows,
                               const Detections& d, const std::vector<std::string>& names, std::string& found) {
    std::vector<dlc::Tensor3<double>> panels(4, picture(test, shown));
    for (const auto& b : test.boxes[shown]) outline(panels[0], b, 0x1a9641);
    for (std::size_t w = 0; w < windows.size(); w += 29) outline(panels[1], windows[w], dlc::plot::pale_rgb(w % 8));
    for (const auto& [w, k] : d.shown_objects) outline(panels[2], windows[w], dlc::plot::class_rgb(k));
    for (const auto& [k, det] : d.shown_kept)
        if (det.score >= shown_score) {
            outline(panels[3], det.box, dlc::plot::class_rgb(k));
            found += (found.empty() ? "" : ", ") + names[k] + " (" + dlc::fmt(det.score, 3) + ")";
        }
    std::string truth;
    for (std::size_t lab : test.labels[shown]) truth += (truth.empty() ? "" : ", ") + names[lab];
    dlc::Tensor4<double> tiles = dlc::Tensor4<double>::from_shape({std::size_t(4), std::size_t(3), canvas * scale, canvas * scale});
    for (std::size_t i = 0; i < 4; ++i) xt::view(tiles, i) = panels[i];
    const std::vector<std::string> caps = {
        "the canvas and its objects: " + truth,
        "1. proposals: " + std::to_string(windows.size()) + " windows (1 in 29 drawn)",
        "2-3. windows whose likeliest class is an object: " + std::to_string(d.shown_objects.size()),
        "4. after NMS, score >= " + dlc::fmt(shown_score, 2) + ": " + (found.empty() ? std::string("none") : found)};
    dlc::plot::Figure f("object_detection_steps");
    f.title("R-CNN's steps on test canvas " + std::to_string(shown) + " (colour = class)").rgb_image_grid(tiles, 2, caps);
    return f;
}

dlc::plot::Figure pr_figure(const Evaluation& e, const std::vector<std::string>& names, const std::string& data) {
    dlc::plot::Figure f("object_detection_pr");
    f.title("Precision-recall per class, R-CNN on " + data + " scenes (IoU 0.5)")
        .xlabel("recall").ylabel("precision").xrange(0, 1).yrange(0, 1.02).legend(dlc::plot::Legend::outside);
    for (std::size_t k = 0; k < S::classes; ++k) {
        if (e.objects[k] == 0) continue;
        const auto& pr = e.curves[k];
        if (pr.recall.empty()) continue;  // no detection of this class: no curve (AP 0)
        dlc::plot::LineStyle ls;
        ls.colour = dlc::plot::class_colour(k);
        f.lines(pr.recall, pr.precision, names[k] + " (AP " + dlc::fmt(pr.average_precision, 3) + ")", ls);
    }
    return f;
}

// The detector reads the images as LeNet-5 from the store does (28 x 28), needs ink to find, and learns each class
// from the training images: refuse data it could only give a meaningless answer on.
void check_digits(const dlc::ImageData<float>& data) {
    const auto& X = data.train.images;
    dlc::require_28_by_28(data, "object_detection", "LeNet-5 from the model store reads 28 x 28 images");
    if (!(xt::amax(X)() > xt::amin(X)()))
        throw dlc::DataError("object_detection", "every training pixel of " + data.dir + " has the value " +
                                                     dlc::fmt(double(X(0)), 4) + " (sd = 0): the digits hold nothing to detect");
    std::vector<bool> seen(S::classes, false);
    for (std::size_t y : data.train.labels) seen[y] = true;
    const auto missing = std::size_t(std::count(seen.begin(), seen.end(), false));
    if (missing > 0)
        throw dlc::DataError("object_detection", "the training images hold no image of " + std::to_string(missing) +
                                                     " of the 10 labels: the detector could not learn those classes");
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

void rcnn_digits(dlc::Case& c) {
    auto& out = c.out();
    const bool quick = c.quick();
    const auto data = dlc::load_images<float>(c.options().data, quick ? 3000 : 30000, quick ? 1000 : 0);
    if (!data.note.empty()) out << "note: " << data.note << "\n";
    check_digits(data);
    const std::string name = data.name == "Fashion-MNIST" ? "lenet5_fashion" : "lenet5_mnist";
    dlc::TrainedOptions opt;
    opt.quick = quick;
    opt.log = &out;
    dlc::TrainedModel& m = dlc::trained_once(name, opt);
    const auto& names = data.class_names;

    const dlc::SceneOptions so;  // 96 x 96, 1-4 objects, sides 24-40
    const std::size_t n_train = quick ? 60 : 600, n_test = quick ? 20 : 300, n_mine = quick ? 30 : 200;
    const dlc::Scenes train = dlc::digit_scenes(data.train.images, data.train.labels, n_train, so, c.rng());
    const dlc::Scenes test = dlc::digit_scenes(data.test.images, data.test.labels, n_test, so, c.rng());
    const std::vector<std::size_t> sides = {24, 32, 40};
    const std::size_t stride = 4;
    const std::vector<dlc::Box> windows = dlc::sliding_windows(canvas, canvas, sides, stride);
    std::size_t test_objects = 0;
    for (const auto& b : test.boxes) test_objects += b.size();
    out << "\nAn R-CNN on " << data.name << " scenes: " << n_train << " training canvases (from training images) and "
        << n_test << " test canvases (from test images, " << test_objects << " objects), 96 x 96, 1-4 objects of side "
        << so.min_side << "-" << so.max_side << " each.\n1. Proposals: " << windows.size()
        << " square sliding windows per canvas (sides 24, 32, 40, stride 4).\n";

    // How good can the proposals be? The fraction of objects some window overlaps with IoU >= 0.5 bounds the recall.
    std::size_t coverable = 0;
    double mean_best = 0;
    for (std::size_t n = 0; n < n_test; ++n)
        for (const auto& b : test.boxes[n]) {
            double best = 0;
            for (const auto& w : windows)
                best = std::max(best, dlc::overlap_iou(w, b));
            coverable += best >= S::ap_iou;
            mean_best += best;
        }
    mean_best /= double(test_objects);
    out << "   Objects with a window at IoU >= 0.5: " << coverable << " of " << test_objects
        << " (the recall a perfect classifier could reach); the best window's IoU averages " << dlc::fmt(mean_best, 4)
        << ".\n";

    // 2-3. Features of the training regions; the classifier; hard negative mining and a second fit.
    const auto start = std::chrono::steady_clock::now();
    TrainingRegions regions = sample_regions(m, train, windows, c.rng());
    dlc::RegionClassifier clf(S::features, S::classes, c.rng());
    dlc::RegionClassifierOptions fo;
    fo.epochs = quick ? 20 : 30;
    const std::vector<double> losses = clf.fit(regions.features(), regions.label_tensor(), fo, c.rng());
    out << "2-3. Regions warped to 28 x 28 through " << (quick ? name + "-quick" : name) << "'s layers up to its last "
        << "hidden ReLU (84 features); a softmax classifier into 10 classes + background trained on "
        << regions.labels.size() << " regions (" << regions.positives << " with IoU >= 0.5 to an object, "
        << regions.labels.size() - regions.positives << " background, most with 0.1 <= IoU < 0.5), " << fo.epochs
        << " epochs of Adam: loss " << dlc::fmt(losses.front(), 4) << " -> " << dlc::fmt(losses.back(), 4) << ".\n";
    std::size_t shown = 0;
    while (shown + 1 < n_test && test.boxes[shown].size() < 3) ++shown;
    const Detections first = detect(m, clf, test, windows, shown);
    const Evaluation before = evaluate(first, test, names);

    const std::size_t mined = mine_hard_negatives(m, clf, train, windows, n_mine, regions);
    const std::vector<double> losses2 = clf.fit(regions.features(), regions.label_tensor(), fo, c.rng());
    const Detections d = detect(m, clf, test, windows, shown);
    const Evaluation e = evaluate(d, test, names);
    c.timing("train_and_detect_seconds", seconds_since(start));
    out << "   Hard negative mining (R-CNN): on " << n_mine << " training canvases, the " << mined
        << " background windows the classifier called an object most surely (up to " << S::mined_per_canvas
        << " per canvas) join the background examples; trained again: loss " << dlc::fmt(losses2.back(), 4)
        << ". Test mAP before mining " << dlc::fmt(before.map, 4) << ", after " << dlc::fmt(e.map, 4) << ".\n"
        << "   On every test window (IoU >= 0.5: the object's class, else background) the classifier is right for "
        << d.region_correct << " of " << d.region_total << " ("
        << dlc::fmt(100.0 * double(d.region_correct) / double(d.region_total), 4) << "%).\n"
        << "4. Per class, windows with p(k | phi) >= " << S::min_score << " are candidates and NMS at IoU "
        << S::nms_iou << " keeps the best of each overlapping group. Average precision at IoU 0.5:\n"
        << e.table << "mAP at IoU 0.5 (the mean of the " << e.classes_present << " classes' AP): " << dlc::fmt(e.map, 4)
        << "\n";
    c.set("detector", {{"dataset", data.name}, {"model", quick ? name + "-quick" : name}, {"train_scenes", n_train},
                       {"test_scenes", n_test}, {"test_objects", test_objects}, {"windows_per_canvas", windows.size()},
                       {"window_sides", sides}, {"stride", stride}, {"proposal_coverable", coverable},
                       {"proposal_mean_best_iou", mean_best}, {"training_regions", regions.labels.size()},
                       {"training_positives", regions.positives}, {"mined_negatives", mined},
                       {"classifier_losses", losses}, {"classifier_losses_after_mining", losses2},
                       {"region_accuracy", double(d.region_correct) / double(d.region_total)},
                       {"mAP_before_mining", before.map}, {"per_class", e.per_class}, {"mAP", e.map}});
    c.figure(pr_figure(e, names, data.name), "Precision against recall down each class's ranked detections; AP is the "
                                             "area under the monotone envelope");
    std::string found;
    c.figure(steps_figure(test, shown, windows, d, names, found),
             "One test canvas through the pipeline: ground truth, proposals, regions classified as objects (colour = "
             "class), the detections NMS keeps");
    out << "On test canvas " << shown << " the detector reports " << (found.empty() ? std::string("nothing") : found)
        << " with score >= " << dlc::fmt(shown_score, 2) << ".\n";
}

}  // namespace cnn_lecture
