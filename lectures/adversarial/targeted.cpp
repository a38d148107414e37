// Targeted attacks: from one correctly classified test image of each class to every other class, PGD lowering
// the loss of the target, J(x, t), inside the Linf ball. For each of the 90 (source, target) pairs the smallest eps
// on a grid at which the attack reaches the target: a 10 x 10 grid of adversarial images (the diagonal: the
// originals) and the matrix of the eps each target needed.
#include "cases.hpp"
#include "common.hpp"

#include "adversarial/attacks.hpp"
#include "core/progress.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <string>
#include <vector>

namespace adversarial_lecture {

void targeted(dlc::Case& c) {
    auto& out = c.out();
    const DataSet ds = main_data(c);
    const auto& data = *ds.data;
    auto& m = model(c, "lenet5", ds.suffix);
    auto clf = dlc::pixel_classifier(m);
    const std::size_t K = data.class_names.size();
    // the first correctly classified test image of each class
    const dlc::Labels pred = clf.predict(data.test.images);
    std::vector<std::size_t> source(K, SIZE_MAX);
    for (std::size_t n = 0; n < pred.size(); ++n)
        if (pred(n) == data.test.labels(n) && source[pred(n)] == SIZE_MAX) source[pred(n)] = n;
    for (std::size_t k = 0; k < K; ++k)
        if (source[k] == SIZE_MAX) throw dlc::DataError("targeted", "no correctly classified test image of class " + data.class_names[k]);
    // the pairs (i, t), i != t
    std::vector<std::size_t> pair_src, pair_tgt;
    for (std::size_t i = 0; i < K; ++i)
        for (std::size_t t = 0; t < K; ++t)
            if (i != t) pair_src.push_back(source[i]), pair_tgt.push_back(t);
    const std::size_t P = pair_src.size();
    const dlc::Tensor3<float> x = dlc::gather_images(data.test.images, pair_src);
    dlc::Labels target = dlc::Labels::from_shape({P});
    for (std::size_t p = 0; p < P; ++p) target(p) = pair_tgt[p];
    // eps = step, 2 step, ...: at each eps, attack the pairs that have not reached their target yet
    const double step = c.quick() ? 0.05 : 0.01, eps_top = 0.5;
    const std::size_t steps = c.quick() ? 10 : 20;
    std::vector<double> needed(P, 0.0);
    dlc::Tensor3<float> adv = x;
    std::vector<std::size_t> open(P);
    for (std::size_t p = 0; p < P; ++p) open[p] = p;
    dlc::Progress bar("targeted", std::size_t(eps_top / step + 0.5));
    for (int k = 1; k * step <= eps_top + 1e-9 && !open.empty(); ++k) {
        const double eps = k * step;
        dlc::PgdOptions o = pgd_linf(eps, steps);
        o.targeted = true;
        dlc::Labels t = dlc::Labels::from_shape({open.size()});
        for (std::size_t a = 0; a < open.size(); ++a) t(a) = target(open[a]);
        const auto r = dlc::pgd(clf, dlc::gather_images(x, open), t, o, c.rng());
        std::vector<std::size_t> still;
        for (std::size_t a = 0; a < open.size(); ++a) {
            if (r.success[a]) {
                needed[open[a]] = eps;
                std::copy(r.x.data() + a * 784, r.x.data() + (a + 1) * 784, adv.data() + open[a] * 784);
            } else {
                still.push_back(open[a]);
            }
        }
        open.swap(still);
        bar.tick(1, std::to_string(P - open.size()) + " of " + std::to_string(P) + " reached");
    }
    bar.done();
    // the table and the grid (row: source class, column: target)
    std::vector<std::string> head{"from \\ to"};
    for (const auto& nm : data.class_names) head.push_back(nm);
    dlc::TextTable table(head);
    std::vector<dlc::Tensor3<double>> tiles;
    std::vector<std::string> caps;
    nlohmann::json matrix = nlohmann::json::array();
    double sum = 0, hardest = 0;
    std::size_t reached = 0;
    for (std::size_t i = 0, p = 0; i < K; ++i) {
        std::vector<std::string> row{data.class_names[i]};
        nlohmann::json jrow = nlohmann::json::array();
        for (std::size_t t = 0; t < K; ++t) {
            if (t == i) {
                row.push_back("-");
                jrow.push_back(0.0);
                tiles.push_back(pixel_tile(dlc::image_range(data.test.images, source[i], 1), 0));
                caps.push_back(data.class_names[i] + " (original)");
                continue;
            }
            const bool ok = needed[p] > 0;
            row.push_back(ok ? eps_text(needed[p]) : "> " + eps_text(eps_top));
            jrow.push_back(ok ? nlohmann::json(round_to(needed[p], 4)) : nlohmann::json(nullptr));
            tiles.push_back(pixel_tile(adv, p));
            caps.push_back("-> " + data.class_names[t] + (ok ? " @" + eps_text(needed[p]) : " failed"));
            if (ok) sum += needed[p], hardest = std::max(hardest, needed[p]), ++reached;
            ++p;
        }
        table.row(row);
        matrix.push_back(jrow);
    }
    out << "LeNet-5 (" << data.name << "), targeted PGD-" << steps << " (alpha = 2.5 eps / " << steps
        << "), eps on a grid of " << eps_text(step) << " up to " << eps_text(eps_top)
        << ": the smallest eps at which the image is classified as the target (row: the image's class, column: the target).\n"
        << table.str() << reached << " of " << P << " targets reached; mean eps needed " << dlc::fmt(reached ? sum / reached : 0, 3)
        << ", the hardest " << eps_text(hardest) << ".\n";
    c.set("source_test_indices", source);
    c.set("eps_grid_step", step);
    c.set("pgd_steps", steps);
    c.set("eps_needed", matrix);
    c.set("targets_reached", reached);
    c.set("mean_eps_needed", round_to(reached ? sum / reached : 0, 4));
    dlc::plot::Figure f("targeted");
    f.title("Targeted PGD on LeNet-5 (" + data.name + "): row = the image's class, column = the target").rgb_image_grid(stack(tiles), K, caps);
    c.figure(f, "Each test image pushed to every other class with the smallest eps that reaches it (the diagonal: the originals)");
}

}  // namespace adversarial_lecture
