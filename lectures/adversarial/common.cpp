#include "common.hpp"

#include "core/error.hpp"

#include <xtensor/xview.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <sstream>
#include <tuple>

namespace adversarial_lecture {

namespace {

// The data set `choice`, loaded once per run; with `test_only` one training image (the cases that attack the
// test set need no training images: 188 MB less).
const dlc::ImageData<float>& load(dlc::Case& c, const std::string& choice, bool test_only) {
    static std::map<std::tuple<std::string, bool, bool>, std::unique_ptr<dlc::ImageData<float>>> cache;
    auto& slot = cache[{choice, c.quick(), test_only}];
    if (!slot) {
        slot = std::make_unique<dlc::ImageData<float>>(
            dlc::load_images<float>(choice, test_only ? 1 : (c.quick() ? 2000 : 0), c.quick() ? 500 : 0));
        try {
            dlc::require_28_by_28(*slot, "adversarial lecture", "the store's networks read 28 x 28 images");
        } catch (...) {
            slot.reset();
            throw;
        }
    }
    if (!slot->note.empty()) c.out() << "note: " << slot->note << "\n";
    return *slot;
}

DataSet described(const dlc::ImageData<float>& d) {
    DataSet s;
    s.data = &d;
    s.suffix = d.name == "MNIST" ? "mnist" : "fashion";
    s.eps_max = s.suffix == "mnist" ? 0.3 : 0.1;
    return s;
}

}  // namespace

DataSet main_data(dlc::Case& c, bool with_training) {
    return described(load(c, c.options().data, !with_training));
}

std::vector<DataSet> both_data(dlc::Case& c) {
    const std::string& choice = c.options().data;
    if (!choice.empty() && choice != "mnist") return {main_data(c)};
    std::vector<DataSet> r{main_data(c)};
    if (r[0].suffix == "fashion") return r;  // MNIST was not found and Fashion-MNIST stood in (the note said so)
    try {
        r.push_back(described(load(c, "fashion", true)));
    } catch (const dlc::DataError& e) {
        c.note("Fashion-MNIST", std::string("not found, so only MNIST is shown (") + e.what() + ")");
    }
    return r;
}

dlc::TrainedModel& model(dlc::Case& c, const std::string& family, const std::string& suffix) {
    dlc::TrainedOptions opt;
    opt.quick = c.quick();
    opt.log = &c.out();
    return dlc::trained_once(family + "_" + suffix, opt);
}

std::string display_name(const std::string& family) { return family == "mlp" ? "MLP" : "LeNet-5"; }

dlc::Tensor3<float> first_images(const dlc::ImageSet<float>& set, std::size_t n) {
    return dlc::image_range(set.images, 0, std::min(n, set.images.shape(0)));
}

dlc::Labels first_labels(const dlc::ImageSet<float>& set, std::size_t n) {
    return xt::eval(xt::view(set.labels, xt::range(0, std::min(n, set.labels.size()))));
}

Picked first_correct(dlc::PixelClassifier<float>& clf, const dlc::ImageSet<float>& set, std::size_t n) {
    Picked p;
    const dlc::Labels pred = clf.predict(set.images);
    for (std::size_t k = 0; k < pred.size() && p.index.size() < n; ++k)
        if (pred(k) == set.labels(k)) p.index.push_back(k);
    p.x = dlc::gather_images(set.images, p.index);
    p.y = dlc::Labels::from_shape({p.index.size()});
    for (std::size_t k = 0; k < p.index.size(); ++k) p.y(k) = set.labels(p.index[k]);
    return p;
}

dlc::PgdOptions pgd_linf(double eps, std::size_t steps, bool stop_on_success) {
    dlc::PgdOptions o;
    o.epsilon = eps;
    o.steps = steps;
    o.step = 2.5 * eps / double(steps);
    o.stop_on_success = stop_on_success;
    return o;
}

std::vector<double> probabilities(dlc::PixelClassifier<float>& clf, const dlc::Tensor3<float>& x, std::size_t n) {
    const auto& z = clf.logits(dlc::image_range(x, n, 1));
    const std::size_t K = z.shape(1);
    double mx = -INFINITY, s = 0;
    for (std::size_t k = 0; k < K; ++k) mx = std::max(mx, double(z(0, k)));
    std::vector<double> p(K);
    for (std::size_t k = 0; k < K; ++k) s += p[k] = std::exp(double(z(0, k)) - mx);
    for (auto& v : p) v /= s;
    return p;
}

dlc::Tensor3<double> pixel_tile(const dlc::Tensor3<float>& x, std::size_t n) {
    const std::size_t H = x.shape(1), W = x.shape(2);
    dlc::Tensor3<double> t = dlc::Tensor3<double>::from_shape({3, H, W});
    for (std::size_t ch = 0; ch < 3; ++ch)
        for (std::size_t i = 0; i < H; ++i)
            for (std::size_t j = 0; j < W; ++j) t(ch, i, j) = std::clamp(double(x(n, i, j)), 0.0, 1.0);
    return t;
}

dlc::Tensor3<double> perturbation_tile(const dlc::Tensor3<float>& adv, const dlc::Tensor3<float>& x, std::size_t n,
                                       double gain) {
    const std::size_t H = x.shape(1), W = x.shape(2);
    dlc::Tensor3<double> t = dlc::Tensor3<double>::from_shape({3, H, W});
    for (std::size_t ch = 0; ch < 3; ++ch)
        for (std::size_t i = 0; i < H; ++i)
            for (std::size_t j = 0; j < W; ++j)
                t(ch, i, j) = std::clamp(0.5 + gain * (double(adv(n, i, j)) - double(x(n, i, j))), 0.0, 1.0);
    return t;
}

dlc::Tensor4<double> stack(const std::vector<dlc::Tensor3<double>>& tiles) {
    const std::size_t n = tiles.size(), C = tiles.at(0).shape(0), H = tiles[0].shape(1), W = tiles[0].shape(2);
    dlc::Tensor4<double> s = dlc::Tensor4<double>::from_shape({n, C, H, W});
    for (std::size_t k = 0; k < n; ++k) std::copy(tiles[k].begin(), tiles[k].end(), s.data() + k * C * H * W);
    return s;
}

double round_to(double x, int digits) {
    if (x == 0 || !std::isfinite(x)) return x;
    const double scale = std::pow(10.0, digits - 1 - static_cast<int>(std::floor(std::log10(std::abs(x)))));
    return std::round(x * scale) / scale;
}

std::string eps_text(double eps) {
    std::ostringstream s;
    s << round_to(eps, 4);
    return s.str();
}

}  // namespace adversarial_lecture
