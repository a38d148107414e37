// k-means with k = 10 on the MNIST training images: do the 10 centres look like the 10 digits?
// (Fashion-MNIST when the digits cannot be had; --quick uses a subsample.)
#include "cases.hpp"
#include "common.hpp"

#include "cluster/init.hpp"
#include "cluster/kmeans.hpp"
#include "core/progress.hpp"
#include "data/datasets.hpp"
#include "report/json.hpp"
#include "report/table.hpp"

#include <chrono>

namespace kmeans_lecture {

void mnist_centres(dlc::Case& c) {
    auto& out = c.out();
    const std::size_t max_train = c.quick() ? 2000 : 0;
    const auto data = dlc::load_images<float>(c.options().data, max_train, 1);
    if (!data.note.empty()) out << "note: " << data.note << "\n";
    const auto& images = data.train.images;
    const std::size_t n = images.shape(0), h = images.shape(1), w = images.shape(2);
    const dlc::Matrix<float> X = xt::reshape_view(images, {n, h * w});
    out << data.name << " training images from " << data.dir << ": n = " << n << ", d = " << h * w
        << " (pixels in [0, 1])" << (c.quick() ? " (--quick: a subsample)" : "") << "; k = 10, k-means++ start.\n";

    dlc::KMeansOptions opt;
    opt.max_iterations = c.quick() ? 30 : 300;
    dlc::Progress bar("Lloyd iterations", opt.max_iterations);
    opt.on_iteration = [&](std::size_t, double J) { bar.tick(1, "J = " + dlc::fmt(J, 6)); };
    const auto t0 = std::chrono::steady_clock::now();
    const auto r = dlc::kmeans(X, 10, dlc::Init::kmeans_plus_plus, c.rng(), opt);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    bar.done();
    out << (r.converged ? "Converged" : "Stopped") << " after " << r.iterations << " iterations in "
        << dlc::fmt(seconds, 3) << " s; J = " << dlc::fmt(r.objective.front(), 6) << " -> "
        << dlc::fmt(r.objective.back(), 6) << ".\n";

    // The table of true label x cluster: rows sum to the class counts, the total is n.
    xt::xtensor<long, 2> table = xt::zeros<long>({std::size_t(10), std::size_t(10)});
    for (std::size_t i = 0; i < n; ++i) ++table(data.train.labels(i), r.assignments(i));
    std::vector<std::string> header{"label \\ cluster"};
    for (std::size_t j = 0; j < 10; ++j) header.push_back(std::to_string(j + 1));
    header.push_back("total");
    dlc::TextTable text(header);
    for (std::size_t l = 0; l < 10; ++l) {
        std::vector<std::string> row{data.class_names[l]};
        long total = 0;
        for (std::size_t j = 0; j < 10; ++j) {
            row.push_back(std::to_string(table(l, j)));
            total += table(l, j);
        }
        row.push_back(std::to_string(total));
        text.row(row);
    }
    out << text.str();

    // Each cluster's majority label and purity.
    std::vector<std::string> captions;
    nlohmann::json majority = nlohmann::json::array();
    long agree = 0;
    for (std::size_t j = 0; j < 10; ++j) {
        std::size_t best = 0;
        long size = 0;
        for (std::size_t l = 0; l < 10; ++l) {
            size += table(l, j);
            if (table(l, j) > table(best, j)) best = l;
        }
        agree += table(best, j);
        const double purity = size ? double(table(best, j)) / size : 0.0;
        captions.push_back(std::to_string(j + 1) + ": " + data.class_names[best] + " " + dlc::fmt(100 * purity, 2) + "%");
        majority.push_back({{"cluster", j + 1}, {"size", size}, {"majority", data.class_names[best]}, {"purity", purity}});
    }
    out << "Majority label per cluster (purity): ";
    for (const auto& s : captions) out << s << "  ";
    out << "\nLabelling each cluster by its majority label gets " << dlc::fmt(100.0 * agree / n, 3)
        << "% of the training images right, without ever looking at a label during clustering.\n";

    c.set("dataset", data.name);
    c.set("n_train", n);
    c.set("iterations", r.iterations);
    c.set("converged", r.converged);
    c.timing("seconds", seconds);
    c.set("objective_per_iteration", r.objective);
    c.set("label_by_cluster", dlc::to_json_value(table));
    c.set("clusters", majority);
    c.set("majority_accuracy", double(agree) / n);

    dlc::Tensor3<double> centres = xt::cast<double>(xt::reshape_view(r.centres, {std::size_t(10), h, w}));
    dlc::plot::Figure grid("mnist_centres");
    grid.title("The 10 k-means centres of the " + data.name + " training images").image_grid(centres, 5, captions);
    c.figure(grid, "The 10 centres as images, with each cluster's majority label and purity");

    dlc::plot::HeatmapOptions hopt;
    hopt.show_values = true;
    hopt.row_labels = data.class_names;
    for (std::size_t j = 0; j < 10; ++j) hopt.col_labels.push_back(std::to_string(j + 1));
    hopt.colour_bar_label = "images";
    dlc::plot::Figure heat("mnist_label_by_cluster");
    heat.title("True label (rows) x cluster (columns)").xlabel("cluster").ylabel("label")
        .heatmap(xt::cast<double>(table), hopt);
    c.figure(heat, "How the labels spread over the clusters (rows sum to the class counts)");

    dlc::plot::Figure jfig("mnist_objective");
    std::vector<double> t_axis;
    for (std::size_t t = 0; t < r.objective.size(); ++t) t_axis.push_back(double(t));
    jfig.title("k-means on " + data.name + ": J per iteration").xlabel("iteration").ylabel("J")
        .lines(t_axis, r.objective, "J").legend(dlc::plot::Legend::off);
    c.figure(jfig, "The objective J falls quickly, then creeps as few points change cluster");
}

}  // namespace kmeans_lecture
