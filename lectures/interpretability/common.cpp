#include "common.hpp"

#include "core/check.hpp"
#include "core/error.hpp"
#include "data/skimage.hpp"
#include "image/transform.hpp"

#include <xtensor/xview.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <tuple>

namespace interpretability_lecture {

namespace {

struct DataKey {
    std::string choice;
    bool quick;
    bool operator<(const DataKey& o) const { return std::tie(choice, quick) < std::tie(o.choice, o.quick); }
};

}  // namespace

const dlc::ImageData<float>& image_data(dlc::Case& c) {
    static std::map<DataKey, std::unique_ptr<dlc::ImageData<float>>> cache;
    const DataKey key{c.options().data, c.quick()};
    auto& slot = cache[key];
    if (!slot) {
        slot = std::make_unique<dlc::ImageData<float>>(
            dlc::load_images<float>(c.options().data, 1, c.quick() ? 500 : 0));  // the cases use the test images
        try {
            dlc::require_28_by_28(*slot, "interpretability lecture", "the store's networks read 28 x 28 digits");
        } catch (...) {
            slot.reset();
            throw;
        }
    }
    if (!slot->note.empty()) c.out() << "note: " << slot->note << "\n";
    return *slot;
}

std::string data_suffix(dlc::Case& c) { return image_data(c).name == "MNIST" ? "mnist" : "fashion"; }

dlc::TrainedModel& model(dlc::Case& c, const std::string& family, const std::string& suffix) {
    dlc::TrainedOptions opt;
    opt.quick = c.quick();
    opt.log = &c.out();
    return dlc::trained_once(family + "_" + (suffix.empty() ? data_suffix(c) : suffix), opt);
}

dlc::Tensor<float> rows(const dlc::Tensor<float>& x, std::size_t first, std::size_t n) {
    dlc::Shape s = dlc::shape_of_tensor(x);
    s[0] = n;
    dlc::Tensor<float> r = dlc::Tensor<float>::from_shape(s);
    const std::size_t per = x.size() / x.shape(0);
    std::copy(x.data() + first * per, x.data() + (first + n) * per, r.data());
    return r;
}

dlc::Tensor<float> pick(const dlc::Tensor<float>& x, const std::vector<std::size_t>& which) {
    dlc::Shape s = dlc::shape_of_tensor(x);
    s[0] = which.size();
    dlc::Tensor<float> r = dlc::Tensor<float>::from_shape(s);
    const std::size_t per = x.size() / x.shape(0);
    for (std::size_t k = 0; k < which.size(); ++k)
        std::copy(x.data() + which[k] * per, x.data() + (which[k] + 1) * per, r.data() + k * per);
    return r;
}

std::vector<std::size_t> examples_per_class(const dlc::Labels& labels, std::size_t per_class) {
    std::vector<std::size_t> out;
    for (std::size_t cls = 0; cls < 10; ++cls) {
        std::size_t found = 0;
        for (std::size_t i = 0; i < labels.size() && found < per_class; ++i)
            if (labels(i) == cls) out.push_back(i), ++found;
    }
    return out;
}

dlc::Matrix<double> plane(const dlc::Tensor<float>& t, std::size_t n) {
    const std::size_t H = t.shape(t.dimension() - 2), W = t.shape(t.dimension() - 1);
    dlc::Matrix<double> m = dlc::Matrix<double>::from_shape({H, W});
    const std::size_t per = t.size() / t.shape(0);
    for (std::size_t k = 0; k < H * W; ++k) m.data()[k] = t.data()[n * per + k];
    return m;
}

std::pair<double, double> pixel_range(const dlc::TrainedModel& m) {
    const auto& in = m.meta.at("input");
    const double mean = in.at("mean").get<double>(), sd = in.at("sd").get<double>();
    return {(0 - mean) / sd, (1 - mean) / sd};
}

dlc::Tensor3<double> to_pixels(const dlc::Matrix<double>& s, const dlc::TrainedModel& m) {
    const auto& in = m.meta.at("input");
    const double mean = in.at("mean").get<double>(), sd = in.at("sd").get<double>();
    dlc::Tensor3<double> out = dlc::Tensor3<double>::from_shape({1, s.shape(0), s.shape(1)});
    for (std::size_t k = 0; k < s.size(); ++k) out.data()[k] = std::clamp(mean + sd * s.data()[k], 0.0, 1.0);
    return out;
}

dlc::Tensor3<double> pixel_tile(const dlc::Matrix<double>& s, const dlc::TrainedModel& m) {
    const auto p = to_pixels(s, m);
    dlc::Tensor3<double> out = dlc::Tensor3<double>::from_shape({3, s.shape(0), s.shape(1)});
    for (std::size_t c = 0; c < 3; ++c) std::copy(p.begin(), p.end(), out.data() + c * s.size());
    return out;
}

dlc::Tensor3<double> grey_tile(const dlc::Matrix<double>& m) {
    const double lo = *std::min_element(m.begin(), m.end()), hi = *std::max_element(m.begin(), m.end());
    dlc::Tensor3<double> out = dlc::Tensor3<double>::from_shape({3, m.shape(0), m.shape(1)});
    for (std::size_t c = 0; c < 3; ++c)
        for (std::size_t k = 0; k < m.size(); ++k) out.data()[c * m.size() + k] = hi > lo ? (m.data()[k] - lo) / (hi - lo) : 0.0;
    return out;
}

dlc::Tensor4<double> stack(const std::vector<dlc::Tensor3<double>>& tiles) {
    if (tiles.empty()) throw dlc::ShapeError("stack", "no tiles");
    const std::size_t C = tiles[0].shape(0), H = tiles[0].shape(1), W = tiles[0].shape(2);
    dlc::Tensor4<double> s = dlc::Tensor4<double>::from_shape({tiles.size(), C, H, W});
    for (std::size_t k = 0; k < tiles.size(); ++k) {
        dlc::check_shape("stack", "tile", tiles[k], {long(C), long(H), long(W)});
        std::copy(tiles[k].begin(), tiles[k].end(), s.data() + k * C * H * W);
    }
    return s;
}

dlc::Tensor3<double> as_double(const dlc::Tensor3<float>& image) { return xt::cast<double>(image); }

double round_to(double x, int digits) {
    if (x == 0 || !std::isfinite(x)) return x;
    const double scale = std::pow(10.0, digits - 1 - int(std::floor(std::log10(std::abs(x)))));
    return std::round(x * scale) / scale;
}

nlohmann::json rounded(const dlc::Matrix<double>& m, int digits) {
    nlohmann::json rows = nlohmann::json::array();
    for (std::size_t i = 0; i < m.shape(0); ++i) {
        nlohmann::json r = nlohmann::json::array();
        for (std::size_t j = 0; j < m.shape(1); ++j) r.push_back(round_to(m(i, j), digits));
        rows.push_back(r);
    }
    return rows;
}

}  // namespace interpretability_lecture

namespace interpretability_lecture {

std::vector<std::size_t> texture_widths(dlc::Case& c) {
    return c.quick() ? std::vector<std::size_t>{8, 16, 32} : std::vector<std::size_t>{32, 64, 128, 128};
}

dlc::Tensor<float> centred_picture(const std::string& name, std::size_t side, std::size_t channels) {
    const auto img = dlc::square_resize(dlc::skimage_image(name, channels == 3 ? dlc::PngChannels::rgb : dlc::PngChannels::grey),
                                        side);
    dlc::Tensor<float> x = dlc::Tensor<float>::from_shape({1, channels, side, side});
    for (std::size_t k = 0; k < img.size(); ++k) x.data()[k] = img.data()[k] - 0.5f;
    return x;
}

dlc::Tensor3<double> uncentred(const dlc::Tensor<float>& x) {
    dlc::Tensor3<double> out = dlc::Tensor3<double>::from_shape({x.shape(1), x.shape(2), x.shape(3)});
    for (std::size_t k = 0; k < out.size(); ++k) out.data()[k] = std::clamp(double(x.data()[k]) + 0.5, 0.0, 1.0);
    return out;
}

}  // namespace interpretability_lecture
