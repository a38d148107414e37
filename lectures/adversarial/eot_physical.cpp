// Expectation over transformation (Athalye et al. 2018), the slides' printed photo (Kurakin et al. 2017) and 3-D
// turtle on digits: a perturbation optimised through random shifts of up to 2 pixels, rotations of up to 15 degrees
// and pixel noise, against a plain PGD perturbation of the same size, both then shown to the network under fresh
// random transformations of the same kind. The success rate is the share of (image, transformation) pairs the
// network gets wrong; the clean images under the same transformations give the baseline.
#include "cases.hpp"
#include "common.hpp"

#include "adversarial/eot.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <numeric>
#include <string>
#include <vector>

namespace adversarial_lecture {

void eot_physical(dlc::Case& c) {
    auto& out = c.out();
    const DataSet ds = main_data(c);
    const auto& data = *ds.data;
    auto& m = model(c, "lenet5", ds.suffix);
    auto clf = dlc::pixel_classifier(m);
    // the first n correctly classified test images
    const std::size_t n = c.quick() ? 20 : 100, draws = c.quick() ? 20 : 100;
    const Picked picked = first_correct(clf, data.test, n);
    const dlc::Tensor3<float>& X = picked.x;
    const dlc::Labels& Y = picked.y;

    dlc::TransformRange range;  // shifts of +-2 pixels, rotations of +-15 degrees, noise sd 0.05
    dlc::EotOptions eo;
    eo.pgd = pgd_linf(ds.eps_max, c.quick() ? 10 : 40, false);
    eo.range = range;
    eo.samples = c.quick() ? 4 : 16;
    const auto plain = dlc::pgd(clf, X, Y, eo.pgd, c.rng());
    const auto eot = dlc::eot_pgd(clf, X, Y, eo, c.rng());
    const auto mean = [](const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0) / double(v.size()); };
    const double base = mean(dlc::success_under_transformations(clf, X, Y, range, draws, false, c.rng()));
    const auto plain_t = dlc::success_under_transformations(clf, plain.x, Y, range, draws, false, c.rng());
    const auto eot_t = dlc::success_under_transformations(clf, eot.x, Y, range, draws, false, c.rng());
    const auto survives = [](const std::vector<double>& v) {
        std::size_t k = 0;
        for (double r : v) k += r >= 0.5;
        return k;
    };
    dlc::TextTable t({"images", "fooled as they are", "fooled under transformations", "fooled in >= half of them"});
    const double N = double(X.shape(0));
    t.row({"clean", "0", dlc::fmt(base, 4), "-"});
    t.row({"plain PGD", dlc::fmt(plain.successes() / N, 4), dlc::fmt(mean(plain_t), 4), dlc::fmt(survives(plain_t) / N, 4)});
    t.row({"EOT PGD", dlc::fmt(eot.successes() / N, 4), dlc::fmt(mean(eot_t), 4), dlc::fmt(survives(eot_t) / N, 4)});
    out << "LeNet-5 (" << data.name << "), " << X.shape(0) << " correctly classified test images, eps = " << eps_text(ds.eps_max)
        << " (Linf). Plain: " << eo.pgd.describe() << " on the image as it is. EOT: the same steps on the average "
        << "gradient over " << eo.samples << " random transformations per step (shift +-" << range.shift << " px, rotation +-"
        << range.degrees << " degrees, Gaussian noise sd " << range.noise_sd << "). Each result then seen under " << draws
        << " fresh random transformations:\n"
        << t.str()
        << "The plain perturbation is tuned to one exact position of the digit; moved a pixel or turned a little, much "
           "of it stops working. Optimising the expectation gives up a little on the image as it is and gains a "
           "perturbation that survives the transformations, as the printed and photographed examples of the slides do.\n";
    c.set("eps", round_to(ds.eps_max, 6));
    c.set("images", X.shape(0));
    c.set("draws", draws);
    c.set("samples_per_step", eo.samples);
    c.set("clean_fooled_under_transformations", base);
    c.set("plain", {{"fooled", plain.successes() / N}, {"fooled_under_transformations", mean(plain_t)},
                    {"fooled_in_half", survives(plain_t) / N}});
    c.set("eot", {{"fooled", eot.successes() / N}, {"fooled_under_transformations", mean(eot_t)},
                  {"fooled_in_half", survives(eot_t) / N}});

    // a few examples, each also under one random transformation
    std::vector<dlc::Tensor3<double>> tiles;
    std::vector<std::string> caps;
    dlc::Tensor3<float> moved = dlc::Tensor3<float>::from_shape({2, 28, 28});
    for (std::size_t k = 0; k < 4 && k < X.shape(0); ++k) {
        const dlc::Warp w = dlc::random_warp(range, c.rng());
        dlc::warp_image(plain.x.data() + k * 784, moved.data(), 28, 28, w);
        dlc::warp_image(eot.x.data() + k * 784, moved.data() + 784, 28, 28, w);
        const dlc::Labels p = clf.predict(moved);
        tiles.push_back(pixel_tile(X, k));
        tiles.push_back(pixel_tile(plain.x, k));
        tiles.push_back(pixel_tile(moved, 0));
        tiles.push_back(pixel_tile(eot.x, k));
        tiles.push_back(pixel_tile(moved, 1));
        caps.push_back(data.class_names[Y(k)]);
        caps.push_back("plain: " + data.class_names[plain.predicted(k)]);
        caps.push_back("moved: " + data.class_names[p(0)]);
        caps.push_back("EOT: " + data.class_names[eot.predicted(k)]);
        caps.push_back("moved: " + data.class_names[p(1)]);
    }
    dlc::plot::Figure f("eot_physical");
    f.title("Plain PGD and EOT under a random shift and rotation (LeNet-5, " + data.name + ")").rgb_image_grid(stack(tiles), 5, caps);
    c.figure(f, "Per row: the image, the plain adversarial image and the same after a random shift and rotation, the EOT "
                "adversarial image and the same after that transformation, each with LeNet-5's class");
}

}  // namespace adversarial_lecture
