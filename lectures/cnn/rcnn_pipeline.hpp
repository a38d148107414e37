// The R-CNN of the object_detection case (rcnn_digits.cpp), step by step: the CNN's features of warped regions,
// the training regions as Fast R-CNN samples them, R-CNN's hard negative mining, detection with per-class NMS, and
// the average precision of each class.
#pragma once

#include "core/rng.hpp"
#include "core/tensor.hpp"
#include "detect/average_precision.hpp"
#include "detect/box.hpp"
#include "detect/region_classifier.hpp"
#include "detect/scenes.hpp"
#include "models/trained.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace cnn_lecture {

/// The detector's settings: ten digit classes (+ background = 10), a window is an object's if IoU >= 0.5, background
/// examples come mostly from windows with 0.1 <= IoU < 0.5, NMS at IoU 0.3, AP at IoU 0.5, candidates p >= 0.05.
struct RcnnSettings {
    static constexpr std::size_t classes = 10, features = 84, negatives_per_canvas = 48, mined_per_canvas = 16;
    static constexpr double positive_iou = 0.5, near_iou = 0.1, nms_iou = 0.3, ap_iou = 0.5, min_score = 0.05;
};

/// The CNN's features phi (n, 84) of the regions `boxes` of canvas n: warped to 28 x 28 (dlc::crop_regions),
/// standardized as the network was trained, through LeNet-5 up to its last hidden ReLU (dlc::backbone_features).
dlc::Tensor<float> region_features(dlc::TrainedModel& m, const dlc::Scenes& s, std::size_t n,
                                   const std::vector<dlc::Box>& boxes);

/// Labelled training regions, as rows of features.
struct TrainingRegions {
    std::vector<float> phi;            ///< row-major (n, 84)
    std::vector<std::size_t> labels;   ///< 0..9, or 10 for background
    std::size_t positives = 0;         ///< rows with a digit label
    std::size_t mined = 0;             ///< background rows added by hard negative mining
    dlc::Tensor<float> features() const;
    dlc::Labels label_tensor() const;
};

/// Every window with IoU >= 0.5 to an object (its class) and 48 background windows per canvas, three in four from
/// those that overlap an object a little (0.1 <= IoU < 0.5), as Fast R-CNN samples them.
TrainingRegions sample_regions(dlc::TrainedModel& m, const dlc::Scenes& train, const std::vector<dlc::Box>& windows,
                               dlc::Rng& rng);

/// R-CNN's hard negative mining: on the first `canvases` training canvases, the background windows (IoU < 0.5 with
/// every object) that `clf` calls an object most confidently (highest 1 - p(background)), up to 16 per canvas, are
/// added to `regions` as background. Returns how many were added.
std::size_t mine_hard_negatives(dlc::TrainedModel& m, dlc::RegionClassifier& clf, const dlc::Scenes& train,
                                const std::vector<dlc::Box>& windows, std::size_t canvases, TrainingRegions& regions);

/// Each class's detections on the test canvases, and what happened on canvas `shown` (for the figure).
struct Detections {
    std::vector<std::vector<dlc::ScoredBox>> per_class;          ///< per class, after NMS
    std::vector<std::pair<std::size_t, std::size_t>> shown_objects;  ///< canvas `shown`: (window, class) not background
    std::vector<std::pair<std::size_t, dlc::ScoredBox>> shown_kept;  ///< canvas `shown`: (class, detection) after NMS
    std::size_t region_correct = 0, region_total = 0;  ///< windows classified right (IoU >= 0.5: class, else background)
};

/// Scores every window of every test canvas, keeps per class the candidates with p(k | phi) >= 0.05, and suppresses
/// duplicates by NMS at IoU 0.3.
Detections detect(dlc::TrainedModel& m, dlc::RegionClassifier& clf, const dlc::Scenes& test,
                  const std::vector<dlc::Box>& windows, std::size_t shown);

/// The average precision of each class present at IoU 0.5, and their mean.
struct Evaluation {
    std::vector<dlc::PrecisionRecall> curves;  ///< per class (empty curve for a class with no object)
    std::vector<std::size_t> objects;          ///< per class: objects in the test canvases
    nlohmann::json per_class;                  ///< per class: objects, detections, final recall, AP, 11-point AP
    std::string table;                         ///< the same as a text table
    double map = 0;                            ///< mean AP over the classes present
    std::size_t classes_present = 0;
};

Evaluation evaluate(const Detections& d, const dlc::Scenes& test, const std::vector<std::string>& class_names);

}  // namespace cnn_lecture
