#include "common.hpp"

#include "data/datasets.hpp"
#include "plot/palette.hpp"
#include "report/json.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <numeric>

namespace em_lecture {

OldFaithful load_old_faithful_standardized() {
    const dlc::Table table = dlc::load_old_faithful();
    OldFaithful of;
    of.raw = table.values;
    of.X = of.scaler.fit_transform(of.raw);
    of.columns = table.columns;
    return of;
}

dlc::GaussianMixture bishop_initial_theta() {
    dlc::Tensor3<double> cov = xt::zeros<double>({std::size_t(2), std::size_t(2), std::size_t(2)});
    for (std::size_t z = 0; z < 2; ++z) cov(z, 0, 0) = cov(z, 1, 1) = 0.5;
    return dlc::make_mixture({0.5, 0.5}, {{-1.5, 1.0}, {1.5, -1.0}}, cov);
}

nlohmann::json mixture_json(const dlc::GaussianMixture& theta) {
    return {{"weights", dlc::to_json_value(theta.weights)},
            {"means", dlc::to_json_value(theta.means)},
            {"covariances", dlc::to_json_value(theta.covariances)},
            {"covariance_type", dlc::to_string(theta.type)}};
}

dlc::GaussianMixture to_original_units(const dlc::GaussianMixture& theta, const dlc::Standardizer<double>& scaler) {
    dlc::GaussianMixture out = theta;
    const std::size_t k = theta.components(), d = theta.dim();
    for (std::size_t z = 0; z < k; ++z)
        for (std::size_t r = 0; r < d; ++r) {
            out.means(z, r) = scaler.mean()(r) + scaler.sd()(r) * theta.means(z, r);
            for (std::size_t c = 0; c < d; ++c)
                out.covariances(z, r, c) = scaler.sd()(r) * theta.covariances(z, r, c) * scaler.sd()(c);
        }
    return out;
}

std::string component_colour(std::size_t z) {
    if (z == 0) return "#0072B2";
    if (z == 1) return "#D55E00";
    return dlc::plot::class_colour(z);
}

std::string responsibility_colour(double gamma1) {
    const int a[3] = {0x00, 0x72, 0xB2}, b[3] = {0xD5, 0x5E, 0x00};
    const double t = std::clamp(gamma1, 0.0, 1.0);
    char buf[8];
    int c[3];
    for (int i = 0; i < 3; ++i) c[i] = static_cast<int>(std::lround(t * a[i] + (1 - t) * b[i]));
    std::snprintf(buf, sizeof buf, "#%02X%02X%02X", c[0], c[1], c[2]);
    return buf;
}

dlc::plot::Figure responsibility_figure(const std::string& name, const std::string& title, const dlc::Matrix<double>& X,
                                        const dlc::GaussianMixture& theta, const dlc::Matrix<double>& resp) {
    dlc::plot::Figure fig(name);
    fig.title(title).equal_aspect().xrange(-2.6, 2.6).yrange(-2.6, 2.6).legend(dlc::plot::Legend::outside);
    const std::size_t n = X.shape(0), k = theta.components();
    const std::size_t bins = 11;
    if (k == 2) {
        // Bin gamma_1 into 11 shades; every shade is one scatter series of its own colour.
        for (std::size_t b = 0; b < bins; ++b) {
            std::vector<std::size_t> rows;
            for (std::size_t i = 0; i < n; ++i)
                if (std::min<std::size_t>(bins - 1, std::size_t(std::floor(resp(i, 0) * double(bins)))) == b)
                    rows.push_back(i);
            if (rows.empty()) continue;
            dlc::Matrix<double> P = dlc::Matrix<double>::from_shape({rows.size(), std::size_t(2)});
            for (std::size_t r = 0; r < rows.size(); ++r) P(r, 0) = X(rows[r], 0), P(r, 1) = X(rows[r], 1);
            std::string label;
            if (b == bins - 1) label = "γ₁ > 0.9";
            if (b == 0) label = "γ₂ > 0.9";
            if (b == bins / 2) label = "γ₁ ≈ γ₂";
            fig.scatter(P, label,
                        dlc::plot::PointStyle{dlc::plot::Marker::dot, 0.7, 1.0,
                                              responsibility_colour((double(b) + 0.5) / double(bins))});
        }
    } else {
        std::vector<std::string> names;
        for (std::size_t z = 0; z < k; ++z) names.push_back("component " + std::to_string(z + 1));
        fig.scatter(X, argmax_rows(resp), names, dlc::plot::PointStyle::dot(0.7));
    }
    for (std::size_t z = 0; z < k; ++z) {
        dlc::plot::LineStyle one, two;
        one.colour = two.colour = component_colour(z);
        two.dashed = true;
        two.width = 1.5;
        const dlc::Vector<double> mu = theta.mean(z);
        const dlc::Matrix<double> S = theta.covariance(z);
        fig.ellipse(mu, S, 1.0, "component " + std::to_string(z + 1) + ": 1 sd", one);
        fig.ellipse(mu, S, 2.0, "2 sd", two);
    }
    return fig;
}

dlc::Labels argmax_rows(const dlc::Matrix<double>& M) {
    dlc::Labels out = dlc::Labels::from_shape({M.shape(0)});
    for (std::size_t i = 0; i < M.shape(0); ++i) {
        std::size_t best = 0;
        for (std::size_t z = 1; z < M.shape(1); ++z)
            if (M(i, z) > M(i, best)) best = z;
        out(i) = best;
    }
    return out;
}

double best_permutation_accuracy(const dlc::Labels& truth, const dlc::Labels& found, std::size_t k) {
    std::vector<std::size_t> perm(k);
    std::iota(perm.begin(), perm.end(), std::size_t(0));
    std::size_t best = 0;
    do {
        std::size_t hits = 0;
        for (std::size_t i = 0; i < truth.size(); ++i) hits += perm[found(i)] == truth(i);
        best = std::max(best, hits);
    } while (std::next_permutation(perm.begin(), perm.end()));
    return double(best) / double(truth.size());
}

std::string fixture_path(const std::string& name) {
    namespace fs = std::filesystem;
    const char* env = std::getenv("DLC_FIXTURES");
    fs::path p = env && *env ? fs::path(env) / name : fs::path(dlc::datasets_dir()) / ".." / "tests" / "fixtures" / name;
    return fs::exists(p) ? p.lexically_normal().string() : "";
}

}  // namespace em_lecture
