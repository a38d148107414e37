// NYU slides "Feature Visualization", "Guided Backprop", "Class activation map (CAM)", "GradCAM": for test
// digits of every class, through LeNet-5,
//   saliency         |d log p(y|x) / dx|                      (the slide's "gradient for cat")
//   guided backprop  the gradient of the class score with guided ReLUs (dlc::ReLUBackward::guided)
//   Grad-CAM         ReLU(sum_k alpha_k A^k), alpha_k = mean_ij d z_c / d A^k_ij, at the last conv layer
//   guided Grad-CAM  guided backprop x upsampled Grad-CAM
//   integrated grad. (x - x') * mean of the gradient along the straight path from a blank baseline x'
// and three checks: (1) on a global-average-pooling network, CAM equals Grad-CAM at its last conv layer up to
// the factor 1/Z and the ReLU (alpha_k = w_k^c / Z); (2) completeness of integrated gradients, sum_i IG_i =
// f(x) - f(x'), to within the quadrature error, which shrinks as the steps grow; (3) Adebayo et al.'s sanity
// check: randomizing the weights layer by layer from the top must change a method's maps (Spearman rank
// correlation with the trained network's maps).
#include "cases.hpp"
#include "common.hpp"

#include "image/colormap.hpp"
#include "interpret/attribution.hpp"
#include "models/gap_cnn.hpp"
#include "models/lenet5.hpp"
#include "models/model_file.hpp"
#include "nn/init.hpp"
#include "nn/linear.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace interpretability_lecture {

namespace {

using L = dlc::LeNet5Layers;

// The five maps of the lecture for a batch: saliency, guided backprop, Grad-CAM (input size), guided Grad-CAM.
struct Maps {
    dlc::Tensor<float> gradient, saliency, guided, gradcam, guided_gradcam;
};

Maps all_maps(dlc::Sequential<float>& net, const dlc::Tensor<float>& X, const dlc::Labels& cls) {
    Maps m;
    m.gradient = dlc::input_gradient(net, X, cls, dlc::AttributionTarget::log_probability);
    m.saliency = dlc::saliency_map(m.gradient);
    m.guided = dlc::input_gradient(net, X, cls, dlc::AttributionTarget::logit, dlc::ReLUBackward::guided);
    const auto gc = dlc::grad_cam(net, X, cls, L::relu2);
    m.gradcam = dlc::upsample_maps(gc.maps, X.shape(2), X.shape(3));
    m.guided_gradcam = dlc::guided_grad_cam(m.guided, m.gradcam);
    return m;
}

// Mean Spearman correlation between the maps of two batches, image by image (absolute values of the maps).
double mean_rank_correlation(const dlc::Tensor<float>& a, const dlc::Tensor<float>& b) {
    const std::size_t N = a.shape(0), per = a.size() / N;
    double s = 0;
    for (std::size_t n = 0; n < N; ++n) {
        dlc::Tensor<float> x = dlc::Tensor<float>::from_shape({per}), y = x;
        for (std::size_t i = 0; i < per; ++i) x(i) = std::abs(a.data()[n * per + i]), y(i) = std::abs(b.data()[n * per + i]);
        s += dlc::spearman_correlation(x, y);
    }
    return s / double(N);
}

// Re-draws module `pos`'s weights N(0, 1/n_in) (as LeNet-5 was initialized) and sets its biases to 0.
void randomize(dlc::Sequential<float>& net, std::size_t pos, dlc::Rng& rng) {
    const std::string prefix = std::to_string(pos) + ".";
    for (auto& p : net.parameters()) {
        if (p.name.rfind(prefix, 0) != 0) continue;
        if (p.is_bias) std::fill(p.value->begin(), p.value->end(), 0.0f);
        else dlc::initialize(*p.value, dlc::WeightInit::normal_fan_in(), rng);
    }
}

}  // namespace

void saliency_guided_gradcam(dlc::Case& c) {
    auto& out = c.out();
    const auto& data = image_data(c);
    auto& m = model(c, "lenet5");
    auto& net = *m.net;
    const auto idx = examples_per_class(data.test.labels, c.quick() ? 1 : 2);
    const dlc::Tensor<float> X = pick(m.input(data.test.images), idx);
    dlc::Labels cls = dlc::Labels::from_shape({idx.size()});
    for (std::size_t k = 0; k < idx.size(); ++k) cls(k) = data.test.labels(idx[k]);
    const std::size_t N = idx.size(), H = X.shape(2), W = X.shape(3);
    out << "LeNet-5 (" << data.name << "), " << N << " test images (" << N / 10 << " per class), each explained for its "
        << "true class c. Grad-CAM at conv 2 + ReLU (16 maps of 10x10), upsampled bilinearly to 28x28.\n";

    const Maps maps = all_maps(net, X, cls);

    // Integrated gradients from a blank image (pixels 0, standardized), for the class score.
    const auto [lo, hi] = pixel_range(m);
    const std::size_t ig_steps = c.quick() ? 16 : 64;
    dlc::Tensor<float> ig = xt::zeros_like(X);
    const dlc::Tensor<float> blank = xt::ones<float>({std::size_t(1), std::size_t(1), H, W}) * float(lo);
    std::vector<double> ig_rel_errors;
    for (std::size_t n = 0; n < N; ++n) {
        const auto r = dlc::integrated_gradients(net, rows(X, n, 1), blank, cls(n), ig_steps);
        std::copy(r.attributions.begin(), r.attributions.end(), ig.data() + n * H * W);
        ig_rel_errors.push_back(r.completeness_error / std::max(1e-12, std::abs(r.f_input - r.f_baseline)));
    }

    // The gallery: one image per class (the first of each), six columns.
    {
        std::vector<dlc::Tensor3<double>> tiles;
        std::vector<std::string> caps;
        const std::size_t per = N / 10;
        for (std::size_t k = 0; k < N; k += per) {
            const auto img = to_pixels(plane(X, k), m);
            tiles.push_back(pixel_tile(plane(X, k), m));
            tiles.push_back(dlc::heat_image(plane(maps.saliency, k)));
            dlc::Matrix<double> g = plane(maps.guided, k);
            g = xt::maximum(g, 0.0);  // the positive part, what excites the class
            tiles.push_back(grey_tile(g));
            tiles.push_back(dlc::overlay_heat(img, plane(maps.gradcam, k)));
            dlc::Matrix<double> gg = xt::maximum(plane(maps.guided_gradcam, k), 0.0);
            tiles.push_back(grey_tile(gg));
            tiles.push_back(dlc::diverging_image(plane(ig, k)));
            const std::string label = data.class_names[cls(k)];
            for (const char* name : {"input", "saliency", "guided BP", "Grad-CAM", "guided Grad-CAM", "int. gradients"})
                caps.push_back(std::string(name) + (std::string(name) == "input" ? " (" + label + ")" : ""));
        }
        dlc::plot::Figure f("saliency_methods");
        f.title("LeNet-5 on " + data.name + ": what each method says the class score depends on")
            .rgb_image_grid(stack(tiles), 6, caps);
        c.figure(f, "Per row one test image: |d log p/dx| (heat), guided backprop (positive part), Grad-CAM over the "
                    "digit, guided Grad-CAM, integrated gradients (red +, blue -)");
    }

    // (1) CAM = Grad-CAM on the global-average-pooling network.
    using G = dlc::GapCnnLayers;
    auto& g = model(c, "gapcnn");
    const dlc::Tensor<float> Xg = pick(g.input(data.test.images), idx);
    const auto cam = dlc::class_activation_map(*g.net, Xg, cls, G::relu3, G::fc);
    const auto gcam = dlc::grad_cam(*g.net, Xg, cls, G::relu3);
    const double Z = double(gcam.maps.shape(1) * gcam.maps.shape(2));
    const auto& fcW = dynamic_cast<dlc::Linear<float>&>((*g.net)[G::fc]).W();
    double map_diff = 0, map_scale = 0, alpha_diff = 0, alpha_scale = 0;
    for (std::size_t n = 0; n < N; ++n) {
        for (std::size_t i = 0; i < cam.shape(1); ++i)
            for (std::size_t j = 0; j < cam.shape(2); ++j) {
                map_diff = std::max(map_diff, std::abs(Z * gcam.maps(n, i, j) - std::max(0.0f, cam(n, i, j))));
                map_scale = std::max(map_scale, double(std::abs(cam(n, i, j))));
            }
        for (std::size_t k = 0; k < gcam.weights.shape(1); ++k) {
            alpha_diff = std::max(alpha_diff, std::abs(Z * gcam.weights(n, k) - fcW(cls(n), k)));
            alpha_scale = std::max(alpha_scale, double(std::abs(fcW(cls(n), k))));
        }
    }
    out << "\n(1) CAM and Grad-CAM on the GAP network (" << g.net->name() << ", test accuracy "
        << dlc::fmt(100 * g.meta.at("test_accuracy").get<double>(), 4) << "%): z_c = sum_k w_k^c (1/Z) sum_ij A^k_ij + b_c, "
        << "so dz_c/dA^k_ij = w_k^c / Z and Grad-CAM's alpha_k = w_k^c / Z with Z = " << Z << ".\n"
        << "   max |Z alpha_k - w_k^c| = " << dlc::fmt(alpha_diff, 3) << " (weights up to " << dlc::fmt(alpha_scale, 3)
        << "); max |Z Grad-CAM - ReLU(CAM)| = " << dlc::fmt(map_diff, 3) << " (CAM values up to " << dlc::fmt(map_scale, 3)
        << "): equal up to float rounding.\n";
    c.set("cam_gradcam", {{"Z", Z},
                          {"max_alpha_difference", round_to(alpha_diff, 3)},
                          {"max_weight", round_to(alpha_scale)},
                          {"relative_alpha_difference", round_to(alpha_diff / alpha_scale, 3)},
                          {"max_map_difference", round_to(map_diff, 3)},
                          {"max_cam", round_to(map_scale)},
                          {"relative_map_difference", round_to(map_diff / std::max(map_scale, 1e-30), 3)},
                          {"gapcnn_test_accuracy", g.meta.at("test_accuracy")}});
    {
        std::vector<dlc::Tensor3<double>> tiles;
        std::vector<std::string> caps;
        const dlc::Tensor<float> cam_up = dlc::upsample_maps(cam, H, W), gc_up = dlc::upsample_maps(gcam.maps, H, W);
        for (std::size_t k = 0; k < std::min<std::size_t>(N, 5 * (N / 10)); k += N / 10) {
            const auto img = to_pixels(plane(Xg, k), g);
            tiles.push_back(pixel_tile(plane(Xg, k), g));
            tiles.push_back(dlc::overlay_heat(img, plane(cam_up, k)));
            tiles.push_back(dlc::overlay_heat(img, plane(gc_up, k)));
            caps.insert(caps.end(), {"input (" + data.class_names[cls(k)] + ")", "CAM", "Grad-CAM"});
        }
        dlc::plot::Figure f("cam_vs_gradcam");
        f.title("A global-average-pooling CNN: CAM = sum_k w_k^c A^k and Grad-CAM at its last conv layer")
            .rgb_image_grid(stack(tiles), 6, caps);
        c.figure(f, "CAM and Grad-CAM agree on a GAP network (Grad-CAM = ReLU(CAM) / Z)");
    }

    // (2) Completeness of integrated gradients as the number of steps grows.
    const std::vector<std::size_t> step_counts = c.quick() ? std::vector<std::size_t>{4, 16}
                                                           : std::vector<std::size_t>{4, 16, 64, 256};
    dlc::TextTable tc({"steps m", "mean |sum IG - (f(x) - f(x'))|", "max", "mean relative to |f(x) - f(x')|"});
    std::vector<double> xs, mean_err;
    nlohmann::json jc = nlohmann::json::array();
    const std::size_t per = N / 10;
    for (std::size_t steps : step_counts) {
        double s = 0, mx = 0, rel = 0;
        std::size_t count = 0;
        for (std::size_t n = 0; n < N; n += per, ++count) {
            const auto r = dlc::integrated_gradients(net, rows(X, n, 1), blank, cls(n), steps);
            s += r.completeness_error;
            mx = std::max(mx, r.completeness_error);
            rel += r.completeness_error / std::max(1e-12, std::abs(r.f_input - r.f_baseline));
        }
        tc.row({std::to_string(steps), dlc::fmt(s / count, 3), dlc::fmt(mx, 3), dlc::fmt(rel / count, 3)});
        xs.push_back(std::log2(double(steps)));
        mean_err.push_back(s / count);
        jc.push_back({{"steps", steps}, {"mean_error", round_to(s / count, 3)}, {"max_error", round_to(mx, 3)},
                      {"mean_relative_error", round_to(rel / count, 3)}});
    }
    out << "\n(2) Completeness of integrated gradients (class score f = z_c, baseline x' = blank image, trapezoid rule on "
           "m steps): sum_i IG_i must equal f(x) - f(x'), up to the quadrature error.\n"
        << tc.str();
    c.set("integrated_gradients_completeness", jc);
    double worst_rel = 0;
    for (double e : ig_rel_errors) worst_rel = std::max(worst_rel, e);
    c.set("integrated_gradients_steps_in_gallery", ig_steps);
    c.set("integrated_gradients_gallery_max_relative_error", round_to(worst_rel, 3));
    {
        dlc::plot::Figure f("ig_completeness");
        dlc::plot::LineStyle s;
        s.points = true;
        f.title("Integrated gradients: |sum IG - (f(x) - f(x'))| against the number of steps").xlabel("log2(steps m)")
            .ylabel("mean completeness error").log_y().lines(xs, mean_err, "trapezoid rule", s);
        c.figure(f, "The completeness error of integrated gradients falls as the path is sampled more finely");
    }

    // (3) The sanity check: cascading randomization from the top layer down.
    auto copy = dlc::parse_model<float>(dlc::serialize_model(net));
    auto& rnet = *copy.model;
    rnet.eval();
    dlc::Rng rng = c.rng().split();
    const std::vector<std::pair<std::size_t, std::string>> stages = {
        {L::fc3, "fc3 (logits)"}, {L::fc2, "fc2"}, {L::fc1, "fc1"}, {L::conv2, "conv2"}, {L::conv1, "conv1"}};
    dlc::TextTable ts({"randomized from the top down to", "saliency", "gradient x input", "guided backprop", "Grad-CAM"});
    std::vector<double> at, r_sal, r_gxi, r_gbp, r_gc;
    nlohmann::json js = nlohmann::json::array();
    const dlc::Tensor<float> gxi0 = maps.gradient * X;
    for (std::size_t s = 0; s < stages.size(); ++s) {
        randomize(rnet, stages[s].first, rng);
        const Maps rm = all_maps(rnet, X, cls);
        const double a = mean_rank_correlation(maps.saliency, rm.saliency);
        const double b = mean_rank_correlation(gxi0, dlc::Tensor<float>(rm.gradient * X));
        const double gb = mean_rank_correlation(maps.guided, rm.guided);
        const double gc = mean_rank_correlation(maps.gradcam, rm.gradcam);
        ts.row({stages[s].second, dlc::fmt(a, 3), dlc::fmt(b, 3), dlc::fmt(gb, 3), dlc::fmt(gc, 3)});
        at.push_back(double(s + 1));
        r_sal.push_back(a), r_gxi.push_back(b), r_gbp.push_back(gb), r_gc.push_back(gc);
        js.push_back({{"randomized_to", stages[s].second}, {"saliency", round_to(a, 3)}, {"gradient_x_input", round_to(b, 3)},
                      {"guided_backprop", round_to(gb, 3)}, {"grad_cam", round_to(gc, 3)}});
    }
    out << "\n(3) Sanity check (Adebayo et al. 2018, cascading randomization): the weights are re-drawn N(0, 1/n_in) from "
           "the top layer down; mean Spearman rank correlation of |map| with the trained network's, over the "
        << N << " images (1 = unchanged):\n"
        << ts.str()
        << "A method that explains the *model* must lose its picture when the model's weights are destroyed.\n";
    c.set("sanity_check", js);
    {
        dlc::plot::Figure f("sanity_check");
        dlc::plot::LineStyle s;
        s.points = true;
        f.title("Sanity check: rank correlation with the trained network's maps as layers are randomized")
            .xlabel("layers randomized from the top (1 = fc3, ..., 5 = all down to conv1)").ylabel("Spearman rank correlation")
            .yrange(-0.2, 1.05).legend(dlc::plot::Legend::bottom_left)
            .lines(at, r_sal, "saliency |grad|", s).lines(at, r_gxi, "gradient x input", s)
            .lines(at, r_gbp, "guided backprop", s).lines(at, r_gc, "Grad-CAM", s);
        c.figure(f, "Cascading randomization (Adebayo et al.): how much of each map survives when the network is destroyed");
    }
    c.set("images", N);
    c.set("classes_explained", "true labels");
}

}  // namespace interpretability_lecture
