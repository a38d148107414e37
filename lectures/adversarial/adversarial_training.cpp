// Adversarial training (the NYU slide "Adversarial Defense": "train with millions of adversarial examples"):
// LeNet-5 trained on FGSM examples (Goodfellow et al. 2015) and on PGD examples (Madry et al. 2018: random start,
// 7 steps of 2.5 eps / 7), each minibatch attacked with the current weights, against the store's normally trained
// LeNet-5. The clean and robust accuracy per epoch; then all three against FGSM and PGD-10 as eps grows; and the
// input gradients of the normal and the robust network side by side: the robust one's look like digits.
#include "cases.hpp"
#include "common.hpp"

#include "adversarial/training.hpp"
#include "core/progress.hpp"
#include "image/colormap.hpp"
#include "models/lenet5.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

namespace adversarial_lecture {

namespace {

dlc::Matrix<double> gradient_plane(dlc::PixelClassifier<float>& clf, const dlc::Tensor3<float>& x, const dlc::Labels& y,
                                   std::size_t n) {
    dlc::Tensor3<float> g;
    clf.loss_gradient(dlc::image_range(x, n, 1), dlc::Labels{y(n)}, &g);
    dlc::Matrix<double> m = dlc::Matrix<double>::from_shape({x.shape(1), x.shape(2)});
    std::copy(g.begin(), g.end(), m.begin());
    return m;
}

}  // namespace

void adversarial_training(dlc::Case& c) {
    auto& out = c.out();
    const DataSet ds = main_data(c, true);
    const auto& data = *ds.data;
    auto& normal = model(c, "lenet5", ds.suffix);
    const double mean = normal.meta["input"]["mean"].get<double>(), sd = normal.meta["input"]["sd"].get<double>();
    const double eps = ds.eps_max;
    dlc::AdversarialTrainingOptions base;
    base.recipe = dlc::lenet5_recipe(c.quick());
    base.recipe.epochs = c.quick() ? 1 : 2;
    base.eval_attack = pgd_linf(eps, 10);
    base.eval_images = c.quick() ? 200 : 1000;
    base.attack_options = pgd_linf(eps, 7, false);
    base.attack_options.random_start = true;
    base.warmup = 0.5;  // eps ramps up over the first half of the steps: at the full eps from random weights, PGD training stalls at chance
    out << "Training LeNet-5 from scratch on " << data.train.images.shape(0) << " " << data.name << " training images, "
        << base.recipe.epochs << " epoch(s), Adam batch " << base.recipe.batch_size << ", alpha from "
        << base.recipe.initial_learning_rate << " to 0 along a cosine, every minibatch replaced by its adversarial "
        << "version at eps = " << eps_text(eps) << " (FGSM; or " << base.attack_options.describe()
        << "), eps growing linearly from 0 over the first half of the steps. Robust accuracy after each epoch: " << base.eval_attack.describe() << " on the first " << base.eval_images
        << " test images.\n";
    std::vector<std::unique_ptr<dlc::Sequential<float>>> nets;
    std::vector<dlc::PixelClassifier<float>> clfs{dlc::pixel_classifier(normal)};
    std::vector<std::string> names{"normal (the store's)"};
    dlc::TextTable epochs({"training", "epoch", "train loss", "clean accuracy", "robust accuracy", "seconds"});
    nlohmann::json history = nlohmann::json::object();
    for (const dlc::TrainingAttack attack : {dlc::TrainingAttack::fgsm, dlc::TrainingAttack::pgd}) {
        auto net = std::make_unique<dlc::Sequential<float>>();
        dlc::Rng rng(c.rng().bits());
        dlc::add_lenet5(*net, rng, dlc::WeightInit::normal_fan_in());
        dlc::PixelClassifier<float> clf(*net, dlc::InputLayout::nchw, mean, sd);
        dlc::AdversarialTrainingOptions o = base;
        o.attack = attack;
        const std::string nm = dlc::training_attack_name(attack);
        dlc::Progress bar(nm + " training", o.recipe.epochs);
        nlohmann::json h = nlohmann::json::array();
        dlc::adversarial_training(clf, data.train.images, data.train.labels, data.test.images, data.test.labels, o, rng,
                                  [&](const dlc::RobustEpoch& r) {
                                      epochs.row({nm, std::to_string(r.epoch), dlc::fmt(r.train_loss, 4),
                                                  dlc::fmt(r.clean_accuracy, 4), dlc::fmt(r.robust_accuracy, 4),
                                                  dlc::fmt(r.seconds, 3)});
                                      h.push_back({{"epoch", r.epoch}, {"train_loss", round_to(r.train_loss, 6)},
                                                   {"clean_accuracy", r.clean_accuracy}, {"robust_accuracy", r.robust_accuracy}});
                                      c.timing(nm + "_epoch_" + std::to_string(r.epoch), r.seconds);
                                      bar.tick(1, "robust " + dlc::fmt(r.robust_accuracy, 3));
                                  });
        bar.done();
        history[nm] = h;
        names.push_back(nm + "-trained");
        nets.push_back(std::move(net));
        clfs.push_back(clf);
    }
    out << epochs.str();
    c.set("training_eps", round_to(eps, 6));
    c.set("history", history);

    // all three as eps grows
    const std::size_t n = c.quick() ? 200 : 2000;
    const dlc::Tensor3<float> X = first_images(data.test, n);
    const dlc::Labels Y = first_labels(data.test, n);
    std::vector<double> grid;
    for (int k = 0; k <= 6; k += c.quick() ? 2 : 1) grid.push_back(ds.eps_max * k / 6.0);  // --quick: every other eps
    dlc::TextTable t({"network", "eps", "FGSM", "PGD-10"});
    dlc::plot::Figure f("robust_accuracy");
    f.title("Normal and adversarially trained LeNet-5 (" + data.name + ")").xlabel("eps (Linf)").ylabel("accuracy").yrange(0, 1);
    nlohmann::json curves = nlohmann::json::object();
    for (std::size_t m = 0; m < clfs.size(); ++m) {
        std::vector<double> af{clfs[m].accuracy(X, Y)}, ap{af[0]};
        for (std::size_t e = 1; e < grid.size(); ++e) {
            af.push_back(dlc::fgsm(clfs[m], X, Y, grid[e]).accuracy(Y));
            ap.push_back(dlc::pgd(clfs[m], X, Y, pgd_linf(grid[e], 10), c.rng()).accuracy(Y));
        }
        for (std::size_t e = 0; e < grid.size(); ++e) t.row({names[m], eps_text(grid[e]), dlc::fmt(af[e], 4), dlc::fmt(ap[e], 4)});
        curves[names[m]] = {{"eps", grid}, {"fgsm", af}, {"pgd10", ap}};
        dlc::plot::LineStyle dashed, solid;
        dashed.dashed = dashed.points = solid.points = true;
        f.lines(grid, af, names[m] + ", FGSM", dashed);
        f.lines(grid, ap, names[m] + ", PGD-10", solid);
    }
    out << "Clean (eps = 0) and robust accuracy on the first " << X.shape(0) << " test images:\n" << t.str()
        << "Training on FGSM examples can make a network robust to FGSM alone: it learns to make the one-step linear "
           "attack fail (the gradient at x stops pointing to the examples) while PGD, which takes many steps, still "
           "finds them. PGD training holds against both, at a small cost in clean accuracy (the slide: it \"suffers a "
           "little from normal accuracy\").\n";
    c.set("robust_accuracy", curves);
    c.set("curve_images", X.shape(0));
    c.figure(f, "Accuracy against eps of the normal, FGSM-trained and PGD-trained LeNet-5 under FGSM (dashed) and PGD-10 (solid)");

    // the input gradients dJ/dx: noise for the normal network, strokes for the robust one
    std::vector<dlc::Tensor3<double>> tiles;
    std::vector<std::string> caps;
    for (std::size_t k = 0; k < 6 && k < X.shape(0); ++k) {
        tiles.push_back(pixel_tile(X, k));
        caps.push_back(data.class_names[Y(k)]);
        for (std::size_t m : {std::size_t(0), clfs.size() - 1}) {
            tiles.push_back(dlc::diverging_image(gradient_plane(clfs[m], X, Y, k)));
            caps.push_back(m == 0 ? "grad, normal" : "grad, PGD-trained");
        }
    }
    dlc::plot::Figure g("robust_gradients");
    g.title("dJ/dx of the normal and the PGD-trained LeNet-5").rgb_image_grid(stack(tiles), 6, caps);
    c.figure(g, "Per test image, the gradient of the loss with respect to the pixels (red +, blue -): scattered over the "
                "whole image for the normal network, shaped like the digit's strokes for the robust one");
}

}  // namespace adversarial_lecture
