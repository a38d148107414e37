// Q1 (b): the "cheat" start, C_i = an image of digit i, then 10 epochs of SGD (eta = 4.5, batch 64) on the
// prescribed loss; the centres, the 10 x 10 digit x centre table (it sums to the 60 000 training images), the
// objective per epoch, and where k-means struggles, read off the table. For comparison, the same start trained with
// the loss averaged over the batch only (the factor eta/5 of part (a)) and Lloyd's algorithm.
#include "cases.hpp"

#include "cluster/kmeans.hpp"
#include "cluster/kmeans_network.hpp"
#include "core/progress.hpp"
#include "plot/figure.hpp"
#include "report/json.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace hw7 {

namespace {

// Where the clustering struggles, in sentences computed from the table: digits that share their main centre,
// digits spread over several centres, and centres that are no digit's main one.
std::vector<std::string> discussion(const xt::xtensor<long, 2>& t, const std::vector<std::string>& names,
                                    nlohmann::json& j) {
    const std::size_t k = t.shape(1);
    std::vector<std::size_t> main_centre(10);
    std::vector<double> main_share(10);
    for (std::size_t l = 0; l < 10; ++l) {
        long total = 0;
        std::size_t best = 0;
        for (std::size_t c = 0; c < k; ++c) {
            total += t(l, c);
            if (t(l, c) > t(l, best)) best = c;
        }
        main_centre[l] = best;
        main_share[l] = total ? double(t(l, best)) / double(total) : 0;
    }
    std::vector<std::string> lines;
    nlohmann::json shared = nlohmann::json::array(), spread = nlohmann::json::array(), unused = nlohmann::json::array();
    for (std::size_t c = 0; c < k; ++c) {
        std::vector<std::size_t> digits;
        for (std::size_t l = 0; l < 10; ++l)
            if (main_centre[l] == c) digits.push_back(l);
        if (digits.size() >= 2) {
            std::string s = "digits";
            nlohmann::json ds = nlohmann::json::array();
            for (std::size_t l : digits) s += " " + names[l], ds.push_back(l);
            lines.push_back(s + " have the same main centre C" + std::to_string(c) + ": k-means cannot tell them apart "
                                "(their average images are close in pixel distance)");
            shared.push_back({{"centre", c}, {"digits", ds}});
        } else if (digits.empty()) {
            long size = 0;
            for (std::size_t l = 0; l < 10; ++l) size += t(l, c);
            unused.push_back(c);
            lines.push_back("centre C" + std::to_string(c) + " is no digit's main centre (" + std::to_string(size) +
                            " images): it holds one style of a digit that another centre also covers");
        }
    }
    for (std::size_t l = 0; l < 10; ++l)
        if (main_share[l] < 0.6) {
            spread.push_back({{"digit", l}, {"main_share", main_share[l]}});
            lines.push_back("digit " + names[l] + " is spread out: its main centre holds only " +
                            dlc::fmt(100 * main_share[l], 3) + "% of its images (several writing styles)");
        }
    j = {{"main_centre", main_centre}, {"main_share", main_share}, {"shared", shared}, {"spread", spread},
         {"no_digit_main", unused}};
    return lines;
}

}  // namespace

void hw7_q1b_cheat(dlc::Case& c) {
    auto& out = c.out();
    const Digits& d = load_digits(c);
    const std::size_t epochs = q1_epochs(c), n = d.train.shape(0);
    const dlc::Matrix<float> C0 = first_image_of_each_digit(d);
    out << "Start: C_i = the first training image of digit i. " << epochs << " epochs, batch " << batch_size
        << ", eta = " << eta_homework << ", loss MSELoss() (the prescribed one).\n";

    nlohmann::json runs;
    dlc::Matrix<float> C_final;
    std::vector<double> axis;
    for (std::size_t e = 0; e <= epochs; ++e) axis.push_back(double(e));
    dlc::plot::Figure jfig("q1b_objective");
    jfig.title("Q1 (b): the k-means objective per image during training").xlabel("epoch").ylabel("J / n (training)");
    for (const auto r : {dlc::MseReduction::elements, dlc::MseReduction::batch}) {
        dlc::KMeansNetwork<float> net(C0, sharpness);
        std::vector<double> J{objective_per_image(d.train, C0)}, loss;
        dlc::Progress bar(std::string("Q1 (b) epochs, ") + dlc::reduction_name(r), epochs);
        const auto t0 = std::chrono::steady_clock::now();
        // Divergence: after an epoch the centres overflowed, or J/n exceeds 10 times its start.
        std::size_t diverged_at = 0;
        bool overflowed = false;
        for (std::size_t e = 0; e < epochs && diverged_at == 0; ++e) {
            const double L = dlc::kmeans_network_epoch(net, d.train, batch_size, eta_homework, r, c.rng()).mean_loss;
            overflowed = !xt::all(xt::isfinite(net.centres()));
            if (overflowed) {
                diverged_at = e + 1;
                break;
            }
            loss.push_back(L);
            J.push_back(objective_per_image(d.train, net.centres()));
            bar.tick(1, "J/n = " + dlc::fmt(J.back(), 5));
            if (J.back() > 10 * J.front()) diverged_at = e + 1;
        }
        bar.done();
        if (diverged_at > 0) {
            // A cell holding n_i of the batch's b images gets the factor 2 eta n_i / b; above 2 the step overshoots
            // the cell mean by more than it started away from it, so the centre runs off: n_i > b / eta.
            const auto cells = label_by_cluster(d.train_labels, dlc::assign(d.train, C0), k_clusters);
            double largest = 0;
            for (std::size_t j = 0; j < k_clusters; ++j) largest = std::max(largest, double(xt::sum(xt::col(cells, j))()));
            largest /= double(n);
            out << "  The loss averaged over the batch diverges: J/n = "
                << (overflowed ? std::string("infinite (the centres overflowed)") : dlc::fmt(J.back(), 3))
                << " after epoch "
                << diverged_at << ". Its factor 2 eta n_i / b exceeds 2 (the step overshoots the cell mean and the "
                << "centre runs off) once a cell holds more than b / eta = " << dlc::fmt(double(batch_size) / eta_homework, 3)
                << " of a batch's " << batch_size << " images (" << dlc::fmt(100 / eta_homework, 3) << "%); at the "
                << "start the largest cell holds " << dlc::fmt(100 * largest, 3) << "% of the images. The homework's "
                << "eta/5 assumes a tenth of the batch per cell.\n";
            runs["batch_diverged_after_epoch"] = diverged_at;
            runs["batch_largest_cell_share_at_start"] = largest;
            c.note("HW7 Q1 (a) with a loss averaged over the batch only",
                   "eta = 4.5 diverges from the cheat start: a step's factor is 2 eta n_i / b, above 2 whenever a cell "
                   "holds more than b / eta = " + dlc::fmt(double(batch_size) / eta_homework, 3) + " of " +
                       std::to_string(batch_size) + " images, and the cells are far from a tenth each (the largest "
                       "holds " + dlc::fmt(100 * largest, 3) + "% at the start)");
        }
        c.timing(std::string("seconds_") + dlc::reduction_name(r),
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        if (diverged_at > 0) {  // J and the losses up to the last finite epoch
            runs[dlc::reduction_name(r)] = {{"objective_per_epoch", J}, {"train_loss_per_epoch", loss}};
            continue;
        }
        const double test_loss = [&] {
            dlc::KMeansNetwork<float> eval(net.centres(), sharpness);
            eval.forward(d.test);
            return eval.loss(r);
        }();
        out << (r == dlc::MseReduction::elements ? "  MSELoss() (factor eta/3920 per step):    "
                                                 : "  batch-mean loss (factor eta/5 per step): ")
            << "J/n " << dlc::fmt(J.front(), 5) << " -> " << dlc::fmt(J.back(), 5) << "; test loss "
            << dlc::fmt(test_loss, 5) << ".\n";
        runs[dlc::reduction_name(r)] = {{"objective_per_epoch", J}, {"train_loss_per_epoch", loss}, {"test_loss", test_loss}};
        jfig.lines(axis, J, r == dlc::MseReduction::elements ? "MSELoss() (homework)" : "loss averaged over the batch");
        if (r == dlc::MseReduction::elements) C_final = net.centres();
    }
    // Lloyd's algorithm from the same start, for the objective it reaches.
    dlc::KMeansOptions opt;
    opt.max_iterations = c.quick() ? 30 : 300;
    const auto lloyd = dlc::kmeans(d.train, C0, opt);
    const double J_lloyd = objective_per_image(d.train, lloyd.centres);
    out << "  Lloyd's algorithm from the same start: J/n = " << dlc::fmt(J_lloyd, 5) << " after " << lloyd.iterations
        << " iterations.\n";
    jfig.lines(axis, std::vector<double>(axis.size(), J_lloyd), "Lloyd's algorithm, converged");
    c.figure(jfig, "The objective per image after each epoch, with Lloyd's converged value for scale");

    const dlc::Labels cluster = dlc::KMeansNetwork<float>(C_final, sharpness).assign(d.train);
    const auto table = label_by_cluster(d.train_labels, cluster, k_clusters);
    out << "The table: training images of digit i (rows) in the cell of centre j (columns), after training with "
           "MSELoss():\n"
        << table_text(table, d.class_names);
    long total = 0;
    for (long v : table) total += v;
    out << "It sums to " << total << " = the number of training images.\n";
    const auto captions = majority_captions(table, d.class_names);
    centres_figure(c, "q1b_centres", "Q1 (b): the 10 centres after training (cheat start)", C_final, captions,
                   "The centres after " + std::to_string(epochs) + " epochs, with each cell's main digit and its share");
    table_figure(c, "q1b_table", "Q1 (b): digit (rows) x centre (columns)", table, d.class_names,
                 "How the digits spread over the centres; the rows sum to the digit counts, the whole to " +
                     std::to_string(n));
    nlohmann::json found;
    out << "Where k-means struggles (read off the table):\n";
    for (const auto& s : discussion(table, d.class_names, found)) out << "  - " << s << ".\n";
    out << "Why: k-means measures plain pixel distance to one average image per cluster. Digits whose average images "
           "overlap fall into the same cell (the shared centres above), and a digit written in several styles needs "
           "more than one centre, taking a centre away from another digit (the spread digits above).\n";

    c.set("epochs", epochs);
    c.set("runs", runs);
    c.set("lloyd_objective_per_image", J_lloyd);
    c.set("table", dlc::to_json_value(table));
    c.set("table_total", total);
    c.set("discussion", found);
}

}  // namespace hw7
