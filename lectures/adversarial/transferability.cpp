// Transferability (Szegedy et al. 2014; Bahng §12: adversarial examples "are shared by neural networks with varied
// number of layers, activations or trained on different subsets"): examples made on one network, tested on the
// others. Three networks: the store's MLP and LeNet-5, and a second LeNet-5 trained here with the same recipe from
// another seed. Rows: the network attacked; columns: the network tested; entries: its accuracy on those examples.
#include "cases.hpp"
#include "common.hpp"

#include "adversarial/attacks.hpp"
#include "core/progress.hpp"
#include "models/lenet5.hpp"
#include "plot/figure.hpp"
#include "plot/heatmap.hpp"
#include "report/table.hpp"

#include <memory>
#include <string>
#include <vector>

namespace adversarial_lecture {

void transferability(dlc::Case& c) {
    auto& out = c.out();
    const DataSet ds = main_data(c, true);
    const auto& data = *ds.data;
    auto& mlp = model(c, "mlp", ds.suffix);
    auto& lenet = model(c, "lenet5", ds.suffix);
    // a second LeNet-5: the same recipe and data, another seed
    const double mean = lenet.meta["input"]["mean"].get<double>(), sd = lenet.meta["input"]["sd"].get<double>();
    dlc::Sequential<float> other;
    {
        dlc::Rng rng(c.rng().bits());
        dlc::add_lenet5(other, rng, dlc::WeightInit::normal_fan_in());
        const auto recipe = dlc::lenet5_recipe(c.quick());
        const dlc::Tensor<float> Xtrain = dlc::standardized_batch(data.train.images, mean, sd);
        dlc::Progress bar("LeNet-5, second seed", recipe.epochs * recipe.parts);
        dlc::train_cosine_adam(other, Xtrain, data.train.labels, rng, recipe,
                               [&](const dlc::SliceReport& s) { bar.tick(1, "loss " + dlc::fmt(s.stats.loss, 3)); });
        bar.done();
        out << "LeNet-5 (seed B): trained now with the store's recipe (" << recipe.describe() << ") on "
            << data.train.images.shape(0) << " training images, another seed.\n";
    }
    std::vector<dlc::PixelClassifier<float>> nets{dlc::pixel_classifier(mlp), dlc::pixel_classifier(lenet),
                                                  dlc::PixelClassifier<float>(other, dlc::InputLayout::nchw, mean, sd)};
    const std::vector<std::string> names{"MLP", "LeNet-5", "LeNet-5 (seed B)"};
    const std::size_t n = c.quick() ? 200 : 2000;
    const dlc::Tensor3<float> X = first_images(data.test, n);
    const dlc::Labels Y = first_labels(data.test, n);
    const double eps = ds.eps_max * 2 / 3;
    nlohmann::json j = nlohmann::json::object();
    for (const std::string attack : {"FGSM", "PGD-10"}) {
        std::vector<std::string> head{"made on \\ tested on"};
        for (const auto& nm : names) head.push_back(nm);
        dlc::TextTable t(head);
        nlohmann::json matrix = nlohmann::json::array();
        dlc::Matrix<double> M = dlc::Matrix<double>::from_shape({3, 3});
        for (std::size_t a = 0; a < 3; ++a) {
            // untargeted, the final iterate (no early stop: examples pushed further transfer better)
            const dlc::Tensor3<float> adv = attack == "FGSM" ? dlc::fgsm(nets[a], X, Y, eps).x
                                                             : dlc::pgd(nets[a], X, Y, pgd_linf(eps, 10, false), c.rng()).x;
            std::vector<std::string> row{names[a]};
            nlohmann::json jrow = nlohmann::json::array();
            for (std::size_t b = 0; b < 3; ++b) {
                M(a, b) = nets[b].accuracy(adv, Y);
                row.push_back(dlc::fmt(M(a, b), 4) + (a == b ? " (white box)" : ""));
                jrow.push_back(M(a, b));
            }
            t.row(row);
            matrix.push_back(jrow);
        }
        std::vector<std::string> clean{"clean"};
        nlohmann::json jclean = nlohmann::json::array();
        for (auto& net : nets) {
            const double a = net.accuracy(X, Y);
            clean.push_back(dlc::fmt(a, 4));
            jclean.push_back(a);
        }
        t.row(clean);
        std::size_t fa = 0, fb = 1;  // the transfer that costs the most accuracy (off the diagonal)
        for (std::size_t a = 0; a < 3; ++a)
            for (std::size_t b = 0; b < 3; ++b)
                if (a != b && M(a, b) - jclean[b].get<double>() < M(fa, fb) - jclean[fb].get<double>()) fa = a, fb = b;
        const std::string strongest = "the strongest transfer: made on " + names[fa] + ", tested on " + names[fb] + " (" +
                                      dlc::fmt(jclean[fb].get<double>(), 4) + " -> " + dlc::fmt(M(fa, fb), 4) + ")";
        out << attack << " at eps = " << eps_text(eps) << " on the first " << X.shape(0) << " " << data.name
            << " test images: accuracy of each network (column) on the examples made on each network (row).\n"
            << t.str() << "In this table " << strongest << ".\n";
        j[attack] = {{"accuracy", matrix}, {"clean", jclean}, {"strongest_transfer", {names[fa], names[fb]}}};
        dlc::plot::HeatmapOptions h;
        h.row_labels = names;
        h.col_labels = names;
        h.show_values = true;
        h.colour_bar_label = "accuracy";
        dlc::plot::Figure f(attack == "FGSM" ? "transfer_fgsm" : "transfer_pgd10");
        f.title("Transfer of " + attack + " examples, eps " + eps_text(eps) + " (" + data.name + "): accuracy")
            .xlabel("tested on")
            .ylabel("made on")
            .heatmap(M, h);
        c.figure(f, "Accuracy of each network (column) on " + attack + " examples made on each network (row); the "
                    "diagonal is the white-box attack");
    }
    out << "The examples transfer: a network that never saw the attack still loses a large share of its accuracy on "
           "examples made on another, though the white-box attack on the network itself is always the strongest. This "
           "is what makes black-box attacks possible (the slide's \"blackbox vs. whitebox attacks\").\n";
    c.set("eps", round_to(eps, 6));
    c.set("images", X.shape(0));
    c.set("networks", names);
    c.set("transfer", j);
}

}  // namespace adversarial_lecture
