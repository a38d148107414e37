// Accuracy against eps: the MLP and LeNet-5 of the trained-model store on the test set under FGSM (one step of
// size eps), PGD-10 and PGD-40 (Madry et al.: steps of alpha = 2.5 eps / k inside the Linf ball, an example counted
// as fooled at the first iterate that fools it), for eps from 0 to 0.3 on MNIST and 0 to 0.1 on Fashion-MNIST;
// then the same PGD written in PyTorch on the same weights and images (pgd_torch.py): the adversarial accuracy and
// the adversarial images themselves, compared.
#include "cases.hpp"
#include "common.hpp"
#include "torch_check.hpp"

#include "adversarial/attacks.hpp"
#include "core/progress.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace adversarial_lecture {

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

void accuracy_vs_epsilon(dlc::Case& c) {
    auto& out = c.out();
    const std::size_t n_pgd40 = c.quick() ? 200 : 1000;  // PGD-40 on the first n test images (the time goes there)
    nlohmann::json results = nlohmann::json::object();
    for (const DataSet& ds : both_data(c)) {
        const auto& data = *ds.data;
        const auto& X = data.test.images;
        const dlc::Labels& Y = data.test.labels;
        const dlc::Tensor3<float> X40 = first_images(data.test, n_pgd40);
        const dlc::Labels Y40 = first_labels(data.test, n_pgd40);
        std::vector<double> grid;
        for (int k = 0; k <= 6; k += c.quick() ? 2 : 1) grid.push_back(ds.eps_max * k / 6.0);  // --quick: every other eps
        dlc::plot::Figure f("accuracy_vs_epsilon_" + ds.suffix);
        f.title("Test accuracy under attack (" + data.name + ")").xlabel("eps (Linf, pixels in [0, 1])").ylabel("accuracy");
        f.yrange(0, 1);
        dlc::TextTable t({"network", "eps", "clean", "FGSM", "PGD-10", "PGD-40 (first " + std::to_string(X40.shape(0)) + ")",
                          "PGD-10 on those"});
        nlohmann::json per_data = nlohmann::json::object();
        dlc::Progress bar("accuracy " + data.name, 2 * (grid.size() - 1));
        for (const std::string family : {"mlp", "lenet5"}) {
            auto& m = model(c, family, ds.suffix);
            auto clf = dlc::pixel_classifier(m);
            const double clean = clf.accuracy(X, Y), clean40 = clf.accuracy(X40, Y40);
            std::vector<double> acc_fgsm{clean}, acc_pgd10{clean}, acc_pgd40{clean40};
            nlohmann::json rows = nlohmann::json::array();
            for (std::size_t e = 1; e < grid.size(); ++e) {
                const double eps = grid[e];
                const auto t0 = std::chrono::steady_clock::now();
                const double a_fgsm = dlc::fgsm(clf, X, Y, eps).accuracy(Y);
                const auto pgd10 = dlc::pgd(clf, X, Y, pgd_linf(eps, 10), c.rng());
                const double a10 = pgd10.accuracy(Y);
                const auto pgd40 = dlc::pgd(clf, X40, Y40, pgd_linf(eps, 40), c.rng());
                const double a40 = pgd40.accuracy(Y40);
                double a10_on40 = 0;  // PGD-10 on the PGD-40 images, to compare like with like
                for (std::size_t n = 0; n < Y40.size(); ++n) a10_on40 += pgd10.predicted(n) == Y40(n);
                a10_on40 /= double(Y40.size());
                acc_fgsm.push_back(a_fgsm), acc_pgd10.push_back(a10), acc_pgd40.push_back(a40);
                t.row({display_name(family), eps_text(eps), dlc::fmt(clean, 4), dlc::fmt(a_fgsm, 4), dlc::fmt(a10, 4),
                       dlc::fmt(a40, 4), dlc::fmt(a10_on40, 4)});
                rows.push_back({{"eps", round_to(eps, 6)}, {"fgsm", a_fgsm}, {"pgd10", a10}, {"pgd40", a40},
                                {"pgd10_on_pgd40_images", a10_on40}});
                c.timing(ds.suffix + "_" + family + "_eps_" + eps_text(eps), seconds_since(t0));
                bar.tick(1, display_name(family) + " eps " + eps_text(eps));
            }
            per_data[family] = {{"clean", clean}, {"clean_on_pgd40_images", clean40}, {"rows", rows}};
            const std::string nm = display_name(family);
            dlc::plot::LineStyle dashed;
            dashed.dashed = true;
            dashed.points = true;
            dlc::plot::LineStyle solid;
            solid.points = true;
            f.lines(grid, acc_fgsm, nm + " FGSM", family == "mlp" ? dashed : solid);
            f.lines(grid, acc_pgd10, nm + " PGD-10", family == "mlp" ? dashed : solid);
            f.lines(grid, acc_pgd40, nm + " PGD-40 (first " + std::to_string(X40.shape(0)) + ")", family == "mlp" ? dashed : solid);
        }
        bar.done();
        out << data.name << ", " << X.shape(0) << " test images (PGD-40: the first " << X40.shape(0)
            << "), alpha = 2.5 eps / k, an example fooled at any iterate counts as fooled:\n"
            << t.str();
        results[ds.suffix] = per_data;
        c.figure(f, "Accuracy of the MLP (dashed) and LeNet-5 (solid) on the " + data.name +
                        " test set under FGSM, PGD-10 and PGD-40 as eps grows");
    }
    out << "FGSM is one linear step; PGD takes many small ones and finds far more adversarial examples at the same eps. "
           "Forty steps add little to ten here: the loss is easy to climb. A clean accuracy of 99% says nothing about "
           "the accuracy under attack.\n";
    c.set("results", results);

    // The same PGD in PyTorch on the same weights and images (no random start, no early stopping).
    const DataSet ds = main_data(c);
    const std::size_t n = c.quick() ? 100 : 500;
    const dlc::Tensor3<float> X = first_images(ds.data->test, n);
    const dlc::Labels Y = first_labels(ds.data->test, n);
    dlc::TextTable t({"network", "attack", "images", "accuracy (ours)", "accuracy (PyTorch)", "max |difference|",
                      "pixels > 1e-6", "images with one"});
    nlohmann::json checks = nlohmann::json::array();
    for (const std::string family : {"mlp", "lenet5"}) {
        for (const std::size_t steps : {std::size_t(10), std::size_t(40)}) {
            if (c.quick() && (steps == 40 || family == "mlp")) continue;  // --quick: one run, LeNet-5's PGD-10
            const dlc::PgdOptions o = pgd_linf(ds.eps_max / 3, steps, false);
            const TorchCheck r = torch_pgd_check(c, model(c, family, ds.suffix), X, Y, o);
            if (!r.ran) {
                c.note("PyTorch check", "skipped: " + r.why_not);
                c.set("pytorch_check", {{"ran", false}, {"why_not", r.why_not}});
                return;
            }
            t.row({display_name(family), o.describe(), std::to_string(r.n), dlc::fmt(r.accuracy_ours, 4),
                   dlc::fmt(r.accuracy_torch, 4), dlc::fmt(r.max_difference, 3), std::to_string(r.pixels_over_1e6),
                   std::to_string(r.images_over_1e6)});
            checks.push_back({{"network", family}, {"attack", o.describe()}, {"n", r.n}, {"accuracy_ours", r.accuracy_ours},
                              {"accuracy_torch", r.accuracy_torch}, {"max_difference", r.max_difference},
                              {"pixels_over_1e-6", r.pixels_over_1e6}, {"images_over_1e-6", r.images_over_1e6}});
        }
    }
    out << "The same attack written in PyTorch (lectures/adversarial/pgd_torch.py, autograd, float32) on the same weights "
           "and the first " << n << " " << ds.data->name << " test images:\n" << t.str()
        << "Where a pixel differs, a gradient component was so close to 0 that float rounding flipped its sign; the "
           "step then moved that pixel the other way.\n";
    c.set("pytorch_check", {{"ran", true}, {"runs", checks}});
}

}  // namespace adversarial_lecture
