// FGSM (Goodfellow et al. 2015), the NYU slide's panda: x + 0.007 sign(grad_x J(theta, x, y)) turns a 57.7%
// "panda" into a 99.3% "gibbon". The slide's network (GoogLeNet) and image are not in the course material, so the
// numbers cannot be recomputed; the same phenomenon on our LeNet-5: a confidently classified test image, the
// smallest eps (on a grid of 0.005) at which one signed-gradient step fools it, the perturbation magnified to full
// contrast (the slide's middle picture), and the confidences before and after.
#include "cases.hpp"
#include "common.hpp"

#include "adversarial/attacks.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace adversarial_lecture {

void fgsm_panda(dlc::Case& c) {
    auto& out = c.out();
    c.note("panda", "the slide's example (GoogLeNet on an ImageNet photograph, eps = 0.007: \"panda\" 57.7% -> "
                    "\"gibbon\" 99.3%) cannot be recomputed offline: neither the network nor the image is in the course "
                    "material. Below, the same attack on our LeNet-5.");
    std::vector<dlc::Tensor3<double>> tiles;
    std::vector<std::string> caps;
    nlohmann::json rows = nlohmann::json::array();
    dlc::TextTable t({"data", "image", "p(true) clean", "eps needed", "class after", "p(after)", "p(true) after",
                      "at eps = 0.007"});
    for (const DataSet& ds : both_data(c)) {
        const auto& data = *ds.data;
        auto& m = model(c, "lenet5", ds.suffix);
        auto clf = dlc::pixel_classifier(m);
        // the first test image the network classifies correctly with p >= 0.99 (else the most confident correct one)
        const auto& X = data.test.images;
        std::size_t pick = 0;
        double best = -1;
        for (std::size_t n = 0; n < std::min<std::size_t>(X.shape(0), 200); ++n) {
            const auto p = probabilities(clf, X, n);
            const std::size_t k = std::max_element(p.begin(), p.end()) - p.begin();
            if (k != data.test.labels(n)) continue;
            if (p[k] >= 0.99) {
                pick = n, best = p[k];
                break;
            }
            if (p[k] > best) pick = n, best = p[k];
        }
        const dlc::Tensor3<float> x = dlc::image_range(X, pick, 1);
        const dlc::Labels y{data.test.labels(pick)};
        const auto p0 = probabilities(clf, x, 0);
        // eps = 0.005, 0.010, ...: the first at which FGSM changes the class
        double eps_needed = 0;
        dlc::AttackResult<float> adv;
        for (int k = 1; k <= 100 && eps_needed == 0; ++k) {
            const double eps = 0.005 * k;
            adv = dlc::fgsm(clf, x, y, eps);
            if (adv.success[0]) eps_needed = eps;
        }
        const auto slide = dlc::fgsm(clf, x, y, 0.007);
        const auto ps = probabilities(clf, slide.x, 0);
        const std::string true_name = data.class_names[y(0)];
        nlohmann::json row = {{"data", data.name}, {"test_index", pick}, {"class", true_name},
                              {"p_true_clean", round_to(p0[y(0)], 4)},
                              {"at_slide_eps_0.007", {{"class", data.class_names[slide.predicted(0)]}, {"p_true", round_to(ps[y(0)], 4)}}}};
        if (eps_needed == 0) {
            out << data.name << ": no eps up to 0.5 fools LeNet-5 on test image " << pick << " with one FGSM step.\n";
            row["eps_needed"] = nullptr;
            rows.push_back(row);
            continue;
        }
        const auto p1 = probabilities(clf, adv.x, 0);
        const std::size_t after = adv.predicted(0);
        t.row({data.name, "#" + std::to_string(pick) + " (" + true_name + ")", dlc::fmt(p0[y(0)], 4), eps_text(eps_needed),
               data.class_names[after], dlc::fmt(p1[after], 4), dlc::fmt(p1[y(0)], 4),
               data.class_names[slide.predicted(0)] + ", p(true) " + dlc::fmt(ps[y(0)], 4)});
        row["eps_needed"] = round_to(eps_needed, 4);
        row["class_after"] = data.class_names[after];
        row["p_after"] = round_to(p1[after], 4);
        row["p_true_after"] = round_to(p1[y(0)], 4);
        rows.push_back(row);
        tiles.push_back(pixel_tile(x, 0));
        tiles.push_back(perturbation_tile(adv.x, x, 0, 0.5 / eps_needed));
        tiles.push_back(pixel_tile(adv.x, 0));
        caps.push_back("\"" + true_name + "\" " + dlc::fmt(100 * p0[y(0)], 3) + "%");
        caps.push_back("eps sign(grad) (eps " + eps_text(eps_needed) + "), magnified");
        caps.push_back("\"" + data.class_names[after] + "\" " + dlc::fmt(100 * p1[after], 3) + "%");
    }
    out << t.str()
        << "One step of size eps against the sign of the gradient: every pixel moves by exactly eps (unless the range "
           "[0, 1] stops it), which is invisible at the eps of the slide on a photograph of 224 x 224 x 3 values, but "
           "our 784 pixels need a larger eps. The loss rises by about eps ||grad_x J||_1 to first order (Goodfellow "
           "et al.'s linearity argument): the more pixels, the smaller the eps that suffices.\n";
    c.set("images", rows);
    if (!tiles.empty()) {
        dlc::plot::Figure f("fgsm_panda");
        f.title("FGSM on LeNet-5: x + eps sign(grad_x J) = x_adv").rgb_image_grid(stack(tiles), 3, caps);
        c.figure(f, "The slide's picture on our data: the image, the perturbation eps sign(grad_x J) magnified to "
                    "full contrast around grey (white +eps, black -eps), and the adversarial image, with LeNet-5's confidence");
    }
}

}  // namespace adversarial_lecture
