// The CNN lecture's object_detection case (Bahng §3.4), run with --quick: the measures by hand (each number derived
// below) and the R-CNN's recorded results, checked for consistency with each other.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "case_run.hpp"

#include <cmath>
#include <vector>

BOOST_AUTO_TEST_SUITE(cnn_detection)

namespace {

const nlohmann::json& run() { return dlc_test::run_cases("lectures", "cnn", {"object_detection"}); }
const nlohmann::json& result() { return run()["cases"]["object_detection"]; }

}  // namespace

// (0,0,2,2) and (1,1,3,3): intersection 1 (the unit square [1,2]^2), union 4 + 4 - 1 = 7 -> 1/7. Counting pixels
// inclusively (3 x 3 boxes overlapping in 2 x 2): 4 / (9 + 9 - 4) = 2/7. Touching boxes: 0.
BOOST_AUTO_TEST_CASE(iou_of_the_issue_pair) {
    const auto& pairs = result()["iou_pairs"];
    BOOST_TEST(pairs[0]["a"] == nlohmann::json::parse("[0.0, 0.0, 2.0, 2.0]"));
    BOOST_TEST(pairs[0]["iou"].get<double>() == 1.0 / 7.0, boost::test_tools::tolerance(1e-15));
    BOOST_TEST(pairs[0]["inclusive_pixel_iou"].get<double>() == 2.0 / 7.0, boost::test_tools::tolerance(1e-15));
    for (const auto& p : pairs) {
        BOOST_TEST(p["iou"].get<double>() == p["intersection"].get<double>() / p["union"].get<double>(),
                   boost::test_tools::tolerance(1e-15));
        if (p["what"] == "touching along an edge" || p["what"] == "disjoint") BOOST_TEST(p["iou"].get<double>() == 0.0);
    }
}

// NMS: IoU(b0, b1) = 1444/1756, IoU(b3, b4) = 1444/1676 exceed 0.5; b4 (0.65) outranks b3 (0.6); IoU(b0, b2) = 1/7
// stays below 0.5 but exceeds 0.1. So tau = 0.5 keeps b0, b2, b4 and tau = 0.1 keeps b0, b4.
BOOST_AUTO_TEST_CASE(nms_keeps_one_box_per_object) {
    const auto& nms = result()["nms"];
    BOOST_TEST(nms["kept"]["0.5"] == nlohmann::json::parse("[0, 2, 4]"));
    BOOST_TEST(nms["kept"]["0.1"] == nlohmann::json::parse("[0, 4]"));
    BOOST_TEST(nms["iou"][0][1].get<double>() == 1444.0 / 1756.0, boost::test_tools::tolerance(1e-15));
    BOOST_TEST(nms["iou"][3][4].get<double>() == 1444.0 / 1676.0, boost::test_tools::tolerance(1e-15));
}

// Ranked TP, FP, TP, FP, FP, TP with 4 objects: precision 1, 1/2, 2/3, 1/2, 2/5, 1/2; recall 1/4, 1/4, 1/2, 1/2,
// 1/2, 3/4; AP = 1/4 (1) + 1/4 (2/3) + 1/4 (1/2) = 13/24; 11-point (3 * 1 + 3 * 2/3 + 2 * 1/2) / 11 = 6/11;
// F1 at rank 6: 2 (1/2)(3/4) / (5/4) = 3/5.
BOOST_AUTO_TEST_CASE(average_precision_of_the_ranked_list) {
    const auto& r = result()["ranked"];
    BOOST_TEST(r["true_positive"] == nlohmann::json::parse("[true, false, true, false, false, true]"));
    BOOST_TEST(r["average_precision"].get<double>() == 13.0 / 24.0, boost::test_tools::tolerance(1e-15));
    BOOST_TEST(r["average_precision_11_point"].get<double>() == 6.0 / 11.0, boost::test_tools::tolerance(1e-15));
    BOOST_TEST(r["precision"][4].get<double>() == 0.4, boost::test_tools::tolerance(1e-15));
    BOOST_TEST(r["recall"][5].get<double>() == 0.75);
    BOOST_TEST(r["f1"][5].get<double>() == 0.6, boost::test_tools::tolerance(1e-15));
    BOOST_TEST(r["positives"].get<int>() == 4);
}

// Max pooling 2 x 2 sends pixel x (1-based) to ceil(x/2): the notes' claim, checked, and two notes.
BOOST_AUTO_TEST_CASE(pooling_map_and_notes) {
    BOOST_TEST(result()["pooling_coordinate_map"]["one_based_ceil"].get<bool>());
    BOOST_TEST(result()["pooling_coordinate_map"]["zero_based_floor"].get<bool>());
    BOOST_TEST(dlc_test::errata_of(run(), "object_detection").empty());
    BOOST_TEST(dlc_test::notes_of(run(), "object_detection").size() == 2u);
}

// The detector: 875 windows per canvas (19^2 + 17^2 + 15^2); its mAP is the mean of the per-class APs of the classes
// present; each AP lies in [0, 1]; the classifier's loss fell; it finds more than a detector guessing would.
BOOST_AUTO_TEST_CASE(detector_results_are_consistent) {
    const auto& d = result()["detector"];
    BOOST_TEST(d["windows_per_canvas"].get<int>() == 875);
    BOOST_TEST(d["proposal_coverable"].get<int>() <= d["test_objects"].get<int>());
    BOOST_TEST(d["proposal_mean_best_iou"].get<double>() > 0.5);
    double sum = 0;
    int classes = 0, objects = 0;
    for (const auto& k : d["per_class"]) {
        objects += k["objects"].get<int>();
        if (k["objects"].get<int>() == 0) continue;
        const double ap = k["average_precision"].get<double>();
        BOOST_TEST((ap >= 0 && ap <= 1));
        BOOST_TEST(k["final_recall"].get<double>() <= 1.0);
        sum += ap, ++classes;
    }
    BOOST_TEST(objects == d["test_objects"].get<int>());
    BOOST_TEST(d["mAP"].get<double>() == sum / classes, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(d["mAP"].get<double>() > 0.1);
    const auto& losses = d["classifier_losses"];
    BOOST_TEST(losses.back().get<double>() < losses.front().get<double>());
    BOOST_TEST(d["region_accuracy"].get<double>() > 0.5);
}

BOOST_AUTO_TEST_SUITE_END()
