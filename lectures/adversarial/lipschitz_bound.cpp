// Bahng §12, Theorem 12.2: for h = T_K o rho o ... o rho o T_1 with affine T_k(x) = M_k x + b_k and 1-Lipschitz
// activations, Lip(h) <= prod_k ||M_k||_op. First on the smallest example, h(x) = M2 ReLU(M1 x) with M1 = [[1], [-1]],
// M2 = [[1, 1]], i.e. h(x) = |x|: the product is 2, the constant 1. Then on the store's MLP and LeNet-5: the
// factors (power iteration), the product, the largest gradient norm ||D_x z||_op found at test images and at their
// adversarial examples (a lower bound, Theorem 12.1), and per test image the radius the product certifies,
// margin / (sqrt 2 L), against the smallest L2 perturbation PGD finds.
#include "cases.hpp"
#include "common.hpp"

#include "adversarial/lipschitz.hpp"
#include "nn/linear.hpp"
#include "nn/relu.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace adversarial_lecture {

namespace {

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
}

// The toy network h(x) = |x| of the theorem's discussion.
void absolute_value(dlc::Case& c) {
    auto& out = c.out();
    dlc::Sequential<double> net;
    dlc::Tensor<double> M1 = dlc::Tensor<double>::from_shape({2, 1}), M2 = dlc::Tensor<double>::from_shape({1, 2});
    M1(0, 0) = 1, M1(1, 0) = -1, M2(0, 0) = 1, M2(0, 1) = 1;
    net.add<dlc::Linear<double>>(M1, dlc::Tensor<double>(xt::zeros<double>({2})));
    net.add<dlc::ReLU<double>>();
    net.add<dlc::Linear<double>>(M2, dlc::Tensor<double>(xt::zeros<double>({1})));
    dlc::PixelClassifier<double> h(net, dlc::InputLayout::flat);
    dlc::Rng rng(c.rng().bits());
    const auto bound = dlc::lipschitz_upper_bound(h, 1, 1, rng);
    // Lip(h) = sup |h'(x)| (Theorem 12.1): h'(x) = -1 or 1 away from 0
    dlc::Tensor3<double> pts = dlc::Tensor3<double>::from_shape({40, 1, 1});
    for (std::size_t k = 0; k < 40; ++k) pts(k, 0, 0) = -2.0 + 4.0 * (double(k) + 0.5) / 40.0;
    const auto g = dlc::jacobian_norms(h, pts);
    const double lip = *std::max_element(g.begin(), g.end());
    // and the worst difference quotient |h(x) - h(y)| / |x - y| over random pairs
    double worst_quotient = 0;
    for (int k = 0; k < 1000; ++k) {
        dlc::Tensor3<double> two = dlc::Tensor3<double>::from_shape({2, 1, 1});
        two(0, 0, 0) = rng.uniform(-2, 2), two(1, 0, 0) = rng.uniform(-2, 2);
        const auto& z = h.logits(two);
        worst_quotient = std::max(worst_quotient, std::abs(z(0, 0) - z(1, 0)) / std::abs(two(0, 0, 0) - two(1, 0, 0)));
    }
    dlc::TextTable t({"factor", "Lipschitz constant", "why"});
    for (const auto& f : bound.layers) t.row({f.name, dlc::fmt(f.constant, 10), f.reason});
    out << "h(x) = M2 ReLU(M1 x), M1 = [[1], [-1]], M2 = [[1, 1]]: h(x) = ReLU(x) + ReLU(-x) = |x|.\n" << t.str()
        << "Product of the spectral norms: " << dlc::fmt(bound.product, 10) << " (= sqrt 2 * sqrt 2). The true constant: max "
        << "|h'(x)| over 40 points = " << dlc::fmt(lip, 10) << ", the largest |h(x) - h(y)| / |x - y| over 1000 random pairs = "
        << dlc::fmt(worst_quotient, 10) << ".\n";
    c.erratum("Theorem 12.2: Lip(h) = the product of the operator norms of the M_k (h(x) = |x|)", round_to(bound.product, 12), lip,
              "the text says the Lipschitz constant of the composition \"is simply the product of all operator norms\"; "
              "the product is only an upper bound (the theorem's title says so): M1 x = (x, -x) has norm sqrt 2 |x|, but "
              "ReLU then keeps one of the two entries, and M2 adds them back without the sqrt 2 gain, so h = |x| has "
              "constant 1 while the product is 2");
    c.set("abs_value", {{"factors", {bound.layers[1].constant, bound.layers[3].constant}}, {"product", bound.product},
                        {"true_constant", lip}, {"worst_difference_quotient", worst_quotient}});
}

}  // namespace

void lipschitz_bound(dlc::Case& c) {
    auto& out = c.out();
    absolute_value(c);
    const DataSet ds = main_data(c);
    const auto& data = *ds.data;
    const std::size_t n_grad = c.quick() ? 20 : 200, n_cert = c.quick() ? 10 : 50;
    nlohmann::json nets = nlohmann::json::object();
    for (const std::string family : {"mlp", "lenet5"}) {
        auto& m = model(c, family, ds.suffix);
        auto clf = dlc::pixel_classifier(m);
        dlc::Rng rng(c.rng().bits());
        const auto bound = dlc::lipschitz_upper_bound(clf, 28, 28, rng);
        dlc::TextTable t({"factor", "Lipschitz constant", "why"});
        nlohmann::json factors = nlohmann::json::array();
        for (const auto& f : bound.layers) {
            t.row({f.name, dlc::fmt(f.constant, 5), f.reason});
            factors.push_back({{"module", f.name}, {"constant", round_to(f.constant, 6)}});
        }
        // the largest local gradient norm: at test images and at their PGD-10 examples (eps_max / 3)
        const dlc::Tensor3<float> X = first_images(data.test, n_grad);
        const dlc::Labels Y = first_labels(data.test, n_grad);
        const auto at_x = dlc::jacobian_norms(clf, X);
        const auto adv = dlc::pgd(clf, X, Y, pgd_linf(ds.eps_max / 3, 10, false), c.rng());
        const auto at_adv = dlc::jacobian_norms(clf, adv.x);
        const double local = std::max(*std::max_element(at_x.begin(), at_x.end()), *std::max_element(at_adv.begin(), at_adv.end()));
        out << display_name(family) << " (" << data.name << "), the map from pixels to logits:\n" << t.str()
            << "Product bound L = " << dlc::fmt(bound.product, 5) << "; the largest ||D_x z||_op found at " << X.shape(0)
            << " test images and their PGD-10 examples: " << dlc::fmt(local, 5) << " (the bound is "
            << dlc::fmt(bound.product / local, 4) << " times that).\n";
        // certified radius against the smallest L2 perturbation PGD finds, for the first correctly classified images
        const Picked picked = first_correct(clf, data.test, n_cert);
        const std::vector<std::size_t>& which = picked.index;
        const dlc::Tensor3<float>& Xc = picked.x;
        const dlc::Labels& Yc = picked.y;
        const auto margins = dlc::logit_margins(clf, Xc, Yc);
        const auto local_c = dlc::jacobian_norms(clf, Xc);
        std::vector<double> found(which.size(), 0.0), certified(which.size()), estimate(which.size());
        std::vector<std::size_t> open(which.size());
        for (std::size_t k = 0; k < open.size(); ++k) open[k] = k;
        for (double eps = 0.05; eps < 20 && !open.empty(); eps *= 1.15) {  // a geometric grid of L2 radii
            dlc::PgdOptions o;
            o.norm = dlc::PerturbationNorm::l2;
            o.epsilon = eps;
            o.steps = c.quick() ? 10 : 20;
            o.step = 2.5 * eps / double(o.steps);
            o.stop_on_success = true;
            dlc::Labels yo = dlc::Labels::from_shape({open.size()});
            for (std::size_t a = 0; a < open.size(); ++a) yo(a) = Yc(open[a]);
            const auto r = dlc::pgd(clf, dlc::gather_images(Xc, open), yo, o, c.rng());
            std::vector<std::size_t> still;
            for (std::size_t a = 0; a < open.size(); ++a)
                if (r.success[a]) found[open[a]] = eps;
                else still.push_back(open[a]);
            open.swap(still);
        }
        nlohmann::json per = nlohmann::json::array();
        std::vector<double> ok_found;
        for (std::size_t k = 0; k < which.size(); ++k) {
            certified[k] = dlc::certified_radius(margins[k], bound.product);
            estimate[k] = margins[k] / (std::sqrt(2.0) * local_c[k]);
            per.push_back({{"test_index", which[k]}, {"margin", round_to(margins[k], 5)},
                           {"certified_radius", round_to(certified[k], 5)}, {"local_estimate", round_to(estimate[k], 5)},
                           {"smallest_pgd_l2", found[k] > 0 ? nlohmann::json(round_to(found[k], 4)) : nlohmann::json(nullptr)}});
            if (found[k] > 0) ok_found.push_back(found[k]);
        }
        std::size_t violations = 0;
        for (std::size_t k = 0; k < which.size(); ++k) violations += found[k] > 0 && found[k] < certified[k];
        out << "Per test image (the first " << which.size() << " classified correctly), in L2 pixel units: the radius the "
            << "product certifies, margin / (sqrt 2 L), has median " << dlc::fmt(median(certified), 4)
            << "; the smallest PGD-L2 perturbation found (a grid of factor 1.15) has median "
            << dlc::fmt(median(ok_found), 4) << " (" << ok_found.size() << " of " << which.size()
            << " found below 20); the same formula with the local gradient norm instead of L (not a certificate) gives "
            << dlc::fmt(median(estimate), 4) << ". No attack beat a certificate: " << violations << " violations.\n";
        nets[family] = {{"factors", factors}, {"product", round_to(bound.product, 6)}, {"largest_local_norm", round_to(local, 6)},
                        {"median_certified_radius", round_to(median(certified), 5)},
                        {"median_smallest_pgd_l2", round_to(median(ok_found), 5)},
                        {"median_local_estimate", round_to(median(estimate), 5)}, {"violations", violations}, {"images", per}};
        // sorted by the attack's radius: certified, estimated, found
        std::vector<std::size_t> order(which.size());
        for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return found[a] < found[b]; });
        std::vector<double> xs, a1, a2, a3;
        for (std::size_t k = 0; k < order.size(); ++k) {
            if (found[order[k]] <= 0 || certified[order[k]] <= 0) continue;
            xs.push_back(double(xs.size() + 1));
            a1.push_back(found[order[k]]), a2.push_back(estimate[order[k]]), a3.push_back(certified[order[k]]);
        }
        if (!xs.empty()) {
            dlc::plot::LineStyle pts;
            pts.points = true;
            dlc::plot::Figure f("certified_radius_" + family);
            f.title(display_name(family) + " (" + data.name + "): certified and attacked L2 radii").xlabel("test image (sorted)")
                .ylabel("L2 radius (pixels in [0, 1])").log_y();
            f.lines(xs, a1, "smallest PGD-L2 perturbation found", pts);
            f.lines(xs, a2, "margin / (sqrt 2 local gradient norm)", pts);
            f.lines(xs, a3, "certified: margin / (sqrt 2 L)", pts);
            c.figure(f, "Per test image: the L2 radius the product bound certifies, the local estimate and the smallest "
                        "adversarial perturbation PGD finds (" + display_name(family) + ")");
        }
    }
    out << "Theorem 12.2's product is a true bound, and the certificates it gives hold, but they are tiny: the worst "
           "case of every layer at once never happens at one input. The gradient norms actually met are far smaller, "
           "which is why the network can be fooled at radii that are large compared with the certificate but small "
           "compared with the image.\n";
    c.set("networks", nets);
}

}  // namespace adversarial_lecture
