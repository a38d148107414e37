#include "rcnn_pipeline.hpp"

#include "detect/nms.hpp"
#include "detect/proposals.hpp"
#include "models/lenet5.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <numeric>

namespace cnn_lecture {

using S = RcnnSettings;

dlc::Tensor<float> region_features(dlc::TrainedModel& m, const dlc::Scenes& s, std::size_t n,
                                   const std::vector<dlc::Box>& boxes) {
    const dlc::Matrix<float> image = xt::view(s.images, n, xt::all(), xt::all());
    const dlc::Tensor3<float> crops = dlc::crop_regions(image, boxes, 28);  // R-CNN's "warped" regions
    return dlc::backbone_features(*m.net, dlc::LeNet5Layers::relu4 + 1, m.input(crops));
}

dlc::Tensor<float> TrainingRegions::features() const {
    dlc::Tensor<float> t = dlc::Tensor<float>::from_shape({labels.size(), S::features});
    std::copy(phi.begin(), phi.end(), t.begin());
    return t;
}

dlc::Labels TrainingRegions::label_tensor() const {
    dlc::Labels y = dlc::Labels::from_shape({labels.size()});
    std::copy(labels.begin(), labels.end(), y.begin());
    return y;
}

TrainingRegions sample_regions(dlc::TrainedModel& m, const dlc::Scenes& train, const std::vector<dlc::Box>& windows,
                               dlc::Rng& rng) {
    TrainingRegions r;
    for (std::size_t n = 0; n < train.images.shape(0); ++n) {
        std::vector<dlc::Box> chosen, near, far;
        for (const auto& w : windows) {
            // IoU >= 0.5 with an object: a positive of its class; 0.1 <= IoU < 0.5: near; below: far.
            const std::size_t lab =
                dlc::region_label(w, train.boxes[n], train.labels[n], S::positive_iou, S::near_iou, S::classes);
            if (lab == dlc::ignored_region) near.push_back(w);
            else if (lab == S::classes) far.push_back(w);
            else chosen.push_back(w), r.labels.push_back(lab), ++r.positives;
        }
        const std::size_t from_near = std::min(near.size(), 3 * S::negatives_per_canvas / 4);
        for (std::size_t i : rng.sample_without_replacement(near.size(), from_near))
            chosen.push_back(near[i]), r.labels.push_back(S::classes);
        for (std::size_t i : rng.sample_without_replacement(far.size(), std::min(far.size(), S::negatives_per_canvas - from_near)))
            chosen.push_back(far[i]), r.labels.push_back(S::classes);
        const dlc::Tensor<float> phi = region_features(m, train, n, chosen);
        r.phi.insert(r.phi.end(), phi.begin(), phi.end());
    }
    return r;
}

std::size_t mine_hard_negatives(dlc::TrainedModel& m, dlc::RegionClassifier& clf, const dlc::Scenes& train,
                                const std::vector<dlc::Box>& windows, std::size_t canvases, TrainingRegions& regions) {
    std::size_t added = 0;
    for (std::size_t n = 0; n < std::min(canvases, train.images.shape(0)); ++n) {
        const dlc::Tensor<float> phi = region_features(m, train, n, windows);
        const dlc::Tensor<float> p = clf.probabilities(phi);
        std::vector<std::pair<double, std::size_t>> false_objects;  // (1 - p(background), window)
        for (std::size_t w = 0; w < windows.size(); ++w) {
            const std::size_t lab = dlc::region_label(windows[w], train.boxes[n], train.labels[n], S::positive_iou,
                                                      S::positive_iou, S::classes);
            const double object = 1.0 - double(p(w, S::classes));
            if (lab == S::classes && object > 0.5) false_objects.push_back({object, w});
        }
        std::sort(false_objects.begin(), false_objects.end(), std::greater<>());
        for (std::size_t i = 0; i < std::min(false_objects.size(), S::mined_per_canvas); ++i) {
            const auto row = xt::view(phi, false_objects[i].second, xt::all());
            regions.phi.insert(regions.phi.end(), row.begin(), row.end());
            regions.labels.push_back(S::classes);
            ++added;
        }
    }
    regions.mined += added;
    return added;
}

Detections detect(dlc::TrainedModel& m, dlc::RegionClassifier& clf, const dlc::Scenes& test,
                  const std::vector<dlc::Box>& windows, std::size_t shown) {
    Detections d;
    d.per_class.resize(S::classes);
    for (std::size_t n = 0; n < test.images.shape(0); ++n) {
        const dlc::Tensor<float> p = clf.probabilities(region_features(m, test, n, windows));  // (R, K + 1)
        for (std::size_t w = 0; w < windows.size(); ++w) {
            const std::size_t truth = dlc::region_label(windows[w], test.boxes[n], test.labels[n], S::positive_iou,
                                                        S::positive_iou, S::classes);
            const std::size_t best = xt::argmax(xt::view(p, w, xt::all()))();
            d.region_total++, d.region_correct += best == truth;
            if (n == shown && best != S::classes) d.shown_objects.push_back({w, best});
        }
        for (std::size_t k = 0; k < S::classes; ++k) {
            std::vector<dlc::Box> cand;
            std::vector<double> score;
            for (std::size_t w = 0; w < windows.size(); ++w)
                if (p(w, k) >= S::min_score) cand.push_back(windows[w]), score.push_back(p(w, k));
            for (std::size_t i : dlc::non_max_suppression(cand, score, S::nms_iou)) {
                d.per_class[k].push_back({n, cand[i], score[i]});
                if (n == shown) d.shown_kept.push_back({k, d.per_class[k].back()});
            }
        }
    }
    return d;
}

Evaluation evaluate(const Detections& d, const dlc::Scenes& test, const std::vector<std::string>& class_names) {
    Evaluation e;
    dlc::TextTable t({"class", "objects", "detections", "recall at the end", "AP", "11-point AP"});
    e.per_class = nlohmann::json::array();
    const std::size_t n_test = test.images.shape(0);
    double sum = 0;
    for (std::size_t k = 0; k < S::classes; ++k) {
        std::vector<std::vector<dlc::Box>> truth(n_test);
        std::size_t objects = 0;
        for (std::size_t n = 0; n < n_test; ++n)
            for (std::size_t j = 0; j < test.boxes[n].size(); ++j)
                if (test.labels[n][j] == k) truth[n].push_back(test.boxes[n][j]), ++objects;
        e.objects.push_back(objects);
        if (objects == 0) {
            e.curves.emplace_back();
            t.row({class_names[k], "0", std::to_string(d.per_class[k].size()), "-", "-", "-"});
            e.per_class.push_back({{"class", class_names[k]}, {"objects", 0}});
            continue;
        }
        e.curves.push_back(dlc::precision_recall(d.per_class[k], truth, S::ap_iou));
        const auto& pr = e.curves.back();
        const double ap11 = dlc::average_precision_11_point(pr.precision, pr.recall);
        const double final_recall = pr.recall.empty() ? 0.0 : pr.recall.back();
        sum += pr.average_precision, ++e.classes_present;
        t.row({class_names[k], std::to_string(objects), std::to_string(d.per_class[k].size()), dlc::fmt(final_recall, 4),
               dlc::fmt(pr.average_precision, 4), dlc::fmt(ap11, 4)});
        e.per_class.push_back({{"class", class_names[k]}, {"objects", objects}, {"detections", d.per_class[k].size()},
                               {"final_recall", final_recall}, {"average_precision", pr.average_precision},
                               {"average_precision_11_point", ap11}});
    }
    e.map = sum / double(e.classes_present);
    e.table = t.str();
    return e;
}

}  // namespace cnn_lecture
