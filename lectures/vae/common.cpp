#include "common.hpp"

#include "core/check.hpp"
#include "core/error.hpp"
#include "data/datasets.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>

namespace vae_lecture {

FlatImages load_flat_images(dlc::Case& c, std::size_t max_train, std::size_t max_test) {
    const auto data = dlc::load_images<float>(c.options().data, max_train, max_test);
    if (!data.note.empty()) c.out() << "note: " << data.note << "\n";
    dlc::require_28_by_28(data, "vae lecture",
                          "the networks (784-400-k, the 28 x 28 convolutions) and the figures are built for them");
    FlatImages f;
    auto flatten = [](const dlc::Tensor3<float>& images) {
        const std::size_t n = images.shape(0), p = images.shape(1) * images.shape(2);
        dlc::Tensor<float> X = dlc::Tensor<float>::from_shape({n, p});
        std::copy(images.data(), images.data() + images.size(), X.data());
        return X;
    };
    f.train = flatten(data.train.images);
    f.test = flatten(data.test.images);
    f.train_labels = data.train.labels;
    f.test_labels = data.test.labels;
    f.name = data.name;
    f.dir = data.dir;
    f.class_names = data.class_names;
    return f;
}

dlc::Tensor<float> one_hot(const dlc::Labels& labels, std::size_t classes) {
    dlc::Tensor<float> Y = xt::zeros<float>({labels.size(), classes});
    for (std::size_t i = 0; i < labels.size(); ++i) Y(i, labels(i)) = 1.0f;
    return Y;
}

dlc::Tensor3<double> as_images(const dlc::Tensor<float>& rows) {
    const std::size_t n = rows.shape(0);
    dlc::check_shape("as_images", "rows", rows, {dlc::any_extent, 784});
    dlc::Tensor3<double> out = dlc::Tensor3<double>::from_shape({n, std::size_t(28), std::size_t(28)});
    for (std::size_t i = 0; i < n * 784; ++i) out.data()[i] = rows.data()[i];
    return out;
}

dlc::Tensor<float> take_rows(const dlc::Tensor<float>& X, const std::vector<std::size_t>& index) {
    const std::size_t d = X.shape(1);
    dlc::Tensor<float> out = dlc::Tensor<float>::from_shape({index.size(), d});
    for (std::size_t r = 0; r < index.size(); ++r)
        std::copy(X.data() + index[r] * d, X.data() + (index[r] + 1) * d, out.data() + r * d);
    return out;
}

std::vector<std::size_t> first_of_each_class(const dlc::Labels& labels, std::size_t classes) {
    std::vector<std::size_t> out(classes, labels.size());
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (labels(i) < classes && out[labels(i)] == labels.size()) out[labels(i)] = i;
    std::vector<std::size_t> found;
    for (auto i : out)
        if (i < labels.size()) found.push_back(i);
    return found;
}

dlc::Matrix<double> two_moons(std::size_t n, double noise, dlc::Rng& rng) {
    dlc::Matrix<double> X = dlc::Matrix<double>::from_shape({n, std::size_t(2)});
    for (std::size_t i = 0; i < n; ++i) {
        const bool outer = rng.index(2) == 0;
        const double t = rng.uniform(0.0, M_PI);
        // outer moon (cos t, sin t); inner moon (1 - cos t, 1 - sin t - 0.5), as scikit-learn's make_moons
        X(i, 0) = (outer ? std::cos(t) : 1 - std::cos(t)) + rng.normal(0, noise);
        X(i, 1) = (outer ? std::sin(t) : 1 - std::sin(t) - 0.5) + rng.normal(0, noise);
    }
    for (std::size_t a = 0; a < 2; ++a) {
        double mean = 0, var = 0;
        for (std::size_t i = 0; i < n; ++i) mean += X(i, a);
        mean /= double(n);
        for (std::size_t i = 0; i < n; ++i) var += (X(i, a) - mean) * (X(i, a) - mean);
        const double sd = std::sqrt(var / double(n));
        for (std::size_t i = 0; i < n; ++i) X(i, a) = (X(i, a) - mean) / sd;
    }
    return X;
}

double correlation(const std::vector<double>& a, const std::vector<double>& b) {
    const std::size_t n = std::min(a.size(), b.size());
    double ma = 0, mb = 0;
    for (std::size_t i = 0; i < n; ++i) ma += a[i], mb += b[i];
    ma /= double(n), mb /= double(n);
    double sab = 0, saa = 0, sbb = 0;
    for (std::size_t i = 0; i < n; ++i) {
        sab += (a[i] - ma) * (b[i] - mb);
        saa += (a[i] - ma) * (a[i] - ma);
        sbb += (b[i] - mb) * (b[i] - mb);
    }
    return sab / std::sqrt(saa * sbb);
}

nlohmann::json matrix_json(const dlc::Matrix<double>& M) {
    nlohmann::json j = nlohmann::json::array();
    for (std::size_t i = 0; i < M.shape(0); ++i) {
        nlohmann::json row = nlohmann::json::array();
        for (std::size_t l = 0; l < M.shape(1); ++l) row.push_back(M(i, l));
        j.push_back(row);
    }
    return j;
}

std::string fixture_path(const std::string& name) {
    namespace fs = std::filesystem;
    const char* env = std::getenv("DLC_FIXTURES");
    fs::path p = env && *env ? fs::path(env) / name : fs::path(dlc::datasets_dir()) / ".." / "tests" / "fixtures" / name;
    return fs::exists(p) ? p.lexically_normal().string() : "";
}

double frobenius(const dlc::Matrix<double>& A) { return std::sqrt(xt::sum(A * A)()); }

}  // namespace vae_lecture
