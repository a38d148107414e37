// Occlusion sensitivity (Zeiler & Fergus 2014): hide a small square of the image (set it to the background)
// at every position and record how much the probability of the true class drops; each pixel gets the mean
// drop over the squares that cover it. It needs no gradient — it asks the network directly — so it is the
// natural referee for the gradient maps: on the same test digits, the rank correlation of the occlusion
// map with |gradient|, gradient x input, and Grad-CAM.
#include "cases.hpp"
#include "common.hpp"

#include "image/colormap.hpp"
#include "interpret/attribution.hpp"
#include "models/lenet5.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace interpretability_lecture {

namespace {

double rank_corr(const dlc::Matrix<double>& a, const dlc::Matrix<double>& b) {
    dlc::Tensor<double> x = dlc::Tensor<double>::from_shape({a.size()}), y = x;
    std::copy(a.begin(), a.end(), x.begin());
    std::copy(b.begin(), b.end(), y.begin());
    return dlc::spearman_correlation(x, y);
}

}  // namespace

void occlusion(dlc::Case& c) {
    auto& out = c.out();
    const auto& data = image_data(c);
    auto& m = model(c, "lenet5");
    auto& net = *m.net;
    const auto idx = examples_per_class(data.test.labels, 1);
    const dlc::Tensor<float> X = pick(m.input(data.test.images), idx);
    dlc::Labels cls = dlc::Labels::from_shape({idx.size()});
    for (std::size_t k = 0; k < idx.size(); ++k) cls(k) = data.test.labels(idx[k]);
    const std::size_t N = idx.size(), H = X.shape(2), W = X.shape(3);

    dlc::OcclusionOptions o;
    o.patch = c.quick() ? 6 : 4;
    o.stride = c.quick() ? 2 : 1;
    o.fill = pixel_range(m).first;  // the background: a pixel of value 0, standardized
    o.target = dlc::AttributionTarget::probability;
    out << "LeNet-5 (" << data.name << "), the first test image of each class. Occlusion: a " << o.patch << "x" << o.patch
        << " square set to the background (pixel 0) at every position, stride " << o.stride << " ("
        << ((H - o.patch) / o.stride + 1) * ((W - o.patch) / o.stride + 1)
        << " occluded copies per image, one forward pass each, no gradient); the map is the mean drop of p(c|x).\n";
    const dlc::Tensor<float> occ = dlc::occlusion_map(net, X, cls, o);
    const dlc::Tensor<float> grad = dlc::input_gradient(net, X, cls, dlc::AttributionTarget::probability);
    const dlc::Tensor<float> sal = dlc::saliency_map(grad);
    const dlc::Tensor<float> gxi = grad * X;
    const auto gc = dlc::grad_cam(net, X, cls, dlc::LeNet5Layers::relu2);
    const dlc::Tensor<float> gcu = dlc::upsample_maps(gc.maps, H, W);

    dlc::TextTable t({"image", "p(c|x)", "largest drop", "rho(occlusion, |grad|)", "rho(occlusion, grad x (x - x'))",
                      "rho(occlusion, Grad-CAM)"});
    std::vector<dlc::Tensor3<double>> tiles;
    std::vector<std::string> caps;
    nlohmann::json j = nlohmann::json::array();
    double s1 = 0, s2 = 0, s3 = 0;
    dlc::Tensor<float> grad_z;
    for (std::size_t n = 0; n < N; ++n) {
        const double p = dlc::target_values(net.forward(rows(X, n, 1)), dlc::Labels{cls(n)},
                                            dlc::AttributionTarget::probability, grad_z)[0];
        const auto om = plane(occ, n);
        // gradient x (input - background): the first-order estimate of the drop when pixels are set to the background
        dlc::Matrix<double> gx = plane(grad, n) * (plane(X, n) - o.fill);
        const double r1 = rank_corr(om, plane(sal, n)), r2 = rank_corr(om, gx), r3 = rank_corr(om, plane(gcu, n));
        s1 += r1, s2 += r2, s3 += r3;
        t.row({data.class_names[cls(n)], dlc::fmt(p, 4), dlc::fmt(xt::amax(om)(), 3), dlc::fmt(r1, 3), dlc::fmt(r2, 3),
               dlc::fmt(r3, 3)});
        j.push_back({{"class", data.class_names[cls(n)]}, {"probability", round_to(p, 4)},
                     {"largest_drop", round_to(xt::amax(om)(), 4)}, {"rho_saliency", round_to(r1, 3)},
                     {"rho_gradient_times_input", round_to(r2, 3)}, {"rho_grad_cam", round_to(r3, 3)}});
        const auto img = to_pixels(plane(X, n), m);
        tiles.push_back(pixel_tile(plane(X, n), m));
        tiles.push_back(dlc::overlay_heat(img, om));
        tiles.push_back(dlc::heat_image(plane(sal, n)));
        tiles.push_back(dlc::diverging_image(gx));
        tiles.push_back(dlc::overlay_heat(img, plane(gcu, n)));
        caps.insert(caps.end(), {"input (" + data.class_names[cls(n)] + ")", "occlusion", "|gradient|",
                                 "grad x (x - x')", "Grad-CAM"});
    }
    out << t.str() << "Mean rank correlation with the occlusion map: |gradient| " << dlc::fmt(s1 / N, 3)
        << ", gradient x (input - background) " << dlc::fmt(s2 / N, 3) << ", Grad-CAM " << dlc::fmt(s3 / N, 3) << ".\n"
        << "The plain gradient says where a small change would matter; occlusion measures what removing ink does. "
           "Gradient x (input - background) is the first-order Taylor estimate of exactly that removal.\n";
    c.set("patch", o.patch);
    c.set("stride", o.stride);
    c.set("images", j);
    c.set("mean_rho_saliency", round_to(s1 / N, 3));
    c.set("mean_rho_gradient_times_input", round_to(s2 / N, 3));
    c.set("mean_rho_grad_cam", round_to(s3 / N, 3));
    dlc::plot::Figure f("occlusion");
    f.title("Occlusion sensitivity against the gradient maps (LeNet-5, " + data.name + ")").rgb_image_grid(stack(tiles), 5, caps);
    c.figure(f, "Per row one test digit: the drop of p(c|x) when a " + std::to_string(o.patch) + "x" +
                    std::to_string(o.patch) + " square is hidden, next to |gradient|, gradient x (input - background) and Grad-CAM");
}

}  // namespace interpretability_lecture
