// Q1 (c): centres drawn uniformly from [0, 1]^784, trained as in (b), for several seeds: how many centres end with
// no image in their cell, and how many end as near-duplicates of another ("mode collapse"); k-means++ starts for
// comparison. A random centre has ||C_i||^2 about 784/3 = 261 while an image's is about 100, so one centre wins
// every image at first (largest x C_i^T - 1/2 ||C_i||^2), and the sharp softmax gives the others almost no gradient.
#include "cases.hpp"

#include "cluster/init.hpp"
#include "cluster/kmeans_network.hpp"
#include "core/progress.hpp"
#include "report/table.hpp"

#include <cmath>

namespace hw7 {

namespace {

struct Outcome {
    std::size_t empty = 0, duplicate_pairs = 0;
    double min_distance = 0, objective = 0;
    dlc::Matrix<float> centres;
};

// Near-duplicates: two centres closer than this (pixel units; distinct digits' centres are several units apart).
constexpr double duplicate_distance = 1.0;

Outcome train_from(dlc::Case& c, const Digits& d, const dlc::Matrix<float>& C0, dlc::Progress& bar) {
    dlc::KMeansNetwork<float> net(C0, sharpness);
    for (std::size_t e = 0; e < q1_epochs(c); ++e) {
        dlc::kmeans_network_epoch(net, d.train, batch_size, eta_homework, dlc::MseReduction::elements, c.rng());
        bar.tick();
    }
    Outcome o;
    o.centres = net.centres();
    const dlc::Labels cell = net.assign(d.train);
    std::vector<std::size_t> size(k_clusters, 0);
    for (std::size_t v : cell) ++size[v];
    for (std::size_t s : size) o.empty += s == 0;
    o.min_distance = INFINITY;
    for (std::size_t i = 0; i < k_clusters; ++i)
        for (std::size_t j = i + 1; j < k_clusters; ++j) {
            const double dist = std::sqrt(double(xt::sum(xt::square(xt::row(o.centres, i) - xt::row(o.centres, j)))()));
            o.min_distance = std::min(o.min_distance, dist);
            o.duplicate_pairs += dist < duplicate_distance;
        }
    o.objective = objective_per_image(d.train, o.centres);
    return o;
}

}  // namespace

void hw7_q1c_random(dlc::Case& c) {
    auto& out = c.out();
    const Digits& d = load_digits(c);
    const std::size_t seeds = c.quick() ? 2 : 5;
    out << "Each start trained " << q1_epochs(c) << " epochs as in (b) (MSELoss(), eta = " << eta_homework
        << ", batch " << batch_size << "). Near-duplicates: centres closer than " << duplicate_distance
        << " (pixel units).\n";
    dlc::TextTable table({"start", "empty cells", "near-duplicate pairs", "closest centres", "J/n"});
    nlohmann::json uniform = nlohmann::json::array(), plusplus = nlohmann::json::array();
    dlc::Progress bar("Q1 (c) epochs", 2 * seeds * q1_epochs(c));
    dlc::Matrix<float> first_uniform;
    std::size_t uniform_empty = 0, plusplus_empty = 0;
    for (std::size_t s = 0; s < seeds; ++s) {
        dlc::Matrix<float> C0 = dlc::Matrix<float>::from_shape({k_clusters, std::size_t{784}});
        for (auto& v : C0) v = float(c.rng().uniform());
        const Outcome u = train_from(c, d, C0, bar);
        const Outcome p = train_from(c, d, dlc::kmeanspp_init(d.train, k_clusters, c.rng()), bar);
        if (s == 0) first_uniform = u.centres;
        uniform_empty += u.empty, plusplus_empty += p.empty;
        for (const auto& [name, o, j] : {std::tuple{"uniform [0, 1] #", &u, &uniform}, {"k-means++ #", &p, &plusplus}}) {
            table.row({name + std::to_string(s + 1), std::to_string(o->empty), std::to_string(o->duplicate_pairs),
                       dlc::fmt(o->min_distance, 4), dlc::fmt(o->objective, 5)});
            j->push_back({{"empty_cells", o->empty}, {"duplicate_pairs", o->duplicate_pairs},
                          {"min_distance", o->min_distance}, {"objective_per_image", o->objective}});
        }
    }
    bar.done();
    out << table.str();
    out << "Uniform starts left " << uniform_empty << " of " << seeds * k_clusters << " centres with an empty cell; "
        << "k-means++ starts left " << plusplus_empty << ".\n";
    if (uniform_empty > 0)
        out << "That is mode collapse: the dead centres never win an image, so their gradient through the sharp softmax "
               "is nearly 0 and they stay where they started (a bright random square); the living ones share the "
               "digits among fewer modes.\n";
    const dlc::Labels cell = dlc::KMeansNetwork<float>(first_uniform, sharpness).assign(d.train);
    const auto t = label_by_cluster(d.train_labels, cell, k_clusters);
    centres_figure(c, "q1c_uniform_centres", "Q1 (c): centres after training from a uniform start (seed 1)",
                   first_uniform, majority_captions(t, d.class_names),
                   "A uniform [0, 1] start after training: 'empty' centres never won an image");
    c.set("seeds", seeds);
    c.set("duplicate_distance", duplicate_distance);
    c.set("uniform", uniform);
    c.set("kmeanspp", plusplus);
    c.set("uniform_empty_total", uniform_empty);
    c.set("kmeanspp_empty_total", plusplus_empty);
}

}  // namespace hw7
