// Bahng 8.2's cocktail party: three seeded sources (a sine, a square wave, a sawtooth) mixed by a known matrix with a
// little sensor noise, separated by FastICA (symmetric, G = log cosh, after whitening). The correlation of each recovered
// signal with its source (up to the sign and order ICA cannot know); PCA's components on the same mixtures stay mixed;
// the mixtures are closer to Gaussian than the sources (the CLT argument); and two Gaussian sources cannot be unmixed.
#include "cases.hpp"
#include "common.hpp"

#include "latent/fastica.hpp"
#include "latent/pca.hpp"
#include "plot/figure.hpp"
#include "report/json.hpp"
#include "report/table.hpp"

#include <xtensor-blas/xlinalg.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

namespace vae_lecture {

namespace {

std::vector<double> column(const dlc::Matrix<double>& M, std::size_t j) {
    std::vector<double> v(M.shape(0));
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = M(i, j);
    return v;
}

// |correlation| between each source (rows) and each recovered signal (columns).
dlc::Matrix<double> abs_correlations(const dlc::Matrix<double>& S, const dlc::Matrix<double>& Y) {
    dlc::Matrix<double> C = dlc::Matrix<double>::from_shape({S.shape(1), Y.shape(1)});
    for (std::size_t a = 0; a < S.shape(1); ++a)
        for (std::size_t b = 0; b < Y.shape(1); ++b) C(a, b) = std::abs(correlation(column(S, a), column(Y, b)));
    return C;
}

// The permutation of the recovered signals matching the sources best (max sum of |correlation|): for each source its
// |correlation| with its match.
std::vector<double> matched(const dlc::Matrix<double>& C, std::vector<std::size_t>& perm) {
    const std::size_t n = C.shape(0);
    std::vector<std::size_t> p(n);
    std::iota(p.begin(), p.end(), std::size_t(0));
    double best = -1;
    do {
        double s = 0;
        for (std::size_t a = 0; a < n; ++a) s += C(a, p[a]);
        if (s > best) best = s, perm = p;
    } while (std::next_permutation(p.begin(), p.end()));
    std::vector<double> out(n);
    for (std::size_t a = 0; a < n; ++a) out[a] = C(a, perm[a]);
    return out;
}

// A figure of the columns of M stacked with vertical offsets (first `show` samples), each scaled to unit sd.
dlc::plot::Figure stacked(const std::string& name, const std::string& title, const dlc::Matrix<double>& M,
                          const std::vector<std::string>& labels, std::size_t show, const std::vector<std::size_t>& order = {}) {
    dlc::plot::Figure f(name);
    f.title(title).xlabel("sample index t").ylabel("signal (unit sd, offset by 4 per signal)").legend(dlc::plot::Legend::outside);
    for (std::size_t j = 0; j < M.shape(1); ++j) {
        const std::size_t col = order.empty() ? j : order[j];
        std::vector<double> t, y;
        double mean = 0, var = 0;
        for (std::size_t i = 0; i < M.shape(0); ++i) mean += M(i, col);
        mean /= double(M.shape(0));
        for (std::size_t i = 0; i < M.shape(0); ++i) var += (M(i, col) - mean) * (M(i, col) - mean);
        const double sd = std::sqrt(var / double(M.shape(0)));
        for (std::size_t i = 0; i < std::min(show, M.shape(0)); ++i) {
            t.push_back(double(i));
            y.push_back((M(i, col) - mean) / sd - 4.0 * double(j));
        }
        dlc::plot::LineStyle s;
        s.width = 1.5;
        f.lines(t, y, labels[j], s);
    }
    return f;
}

}  // namespace

void ica_cocktail(dlc::Case& c) {
    auto& out = c.out();
    const std::size_t n = c.quick() ? 2000 : 4000;
    dlc::Matrix<double> S = dlc::Matrix<double>::from_shape({n, std::size_t(3)});
    for (std::size_t i = 0; i < n; ++i) {
        const double t = 20.0 * double(i) / double(n);
        S(i, 0) = std::sin(2 * t);                      // sine
        S(i, 1) = std::sin(3 * t) >= 0 ? 1.0 : -1.0;    // square wave
        S(i, 2) = 2 * (t - std::floor(t)) - 1;          // sawtooth
    }
    const dlc::Matrix<double> A = {{1.0, 1.0, 1.0}, {0.5, 2.0, 1.0}, {1.5, 1.0, 2.0}};
    dlc::Matrix<double> X = xt::linalg::dot(S, xt::transpose(A));  // x = W h, one row per time step
    for (auto& v : X) v += c.rng().normal(0, 0.05);                   // sensor noise
    const std::vector<std::string> names = {"sine", "square", "sawtooth"};
    out << "Sources h(t): sine sin(2t), square sign(sin 3t), sawtooth 2(t mod 1) - 1, " << n
        << " samples on t in [0, 20); mixed by W = [[1, 1, 1], [0.5, 2, 1], [1.5, 1, 2]] plus N(0, 0.05^2) noise: x = W h.\n";

    // Non-Gaussianity: the sources' excess kurtosis against the mixtures'.
    dlc::TextTable kt({"signal", "excess kurtosis"});
    nlohmann::json kurt;
    for (std::size_t j = 0; j < 3; ++j) {
        const double ks = dlc::excess_kurtosis(dlc::Vector<double>(xt::view(S, xt::all(), j)));
        const double km = dlc::excess_kurtosis(dlc::Vector<double>(xt::view(X, xt::all(), j)));
        kt.row({"source " + names[j], dlc::fmt(ks, 4)});
        kt.row({"mixture x_" + std::to_string(j + 1), dlc::fmt(km, 4)});
        kurt["source_" + names[j]] = ks;
        kurt["mixture_" + std::to_string(j + 1)] = km;
    }
    out << "Excess kurtosis (0 for a Gaussian): mixing pulls every signal towards the Gaussian value, as the CLT argument "
           "of Bahng 8.2 says:\n" << kt.str();
    c.set("excess_kurtosis", kurt);

    const auto ica = dlc::fastica(X, c.rng(), dlc::IcaNonlinearity::logcosh);
    std::vector<std::size_t> perm_ica, perm_pca;
    const dlc::Matrix<double> C_ica = abs_correlations(S, ica.sources);
    const auto best_ica = matched(C_ica, perm_ica);
    // PCA on the same mixtures: the principal component scores.
    const dlc::Pca pca = dlc::fit_pca(X, 3);
    const dlc::Matrix<double> Z = dlc::pca_encode(pca, X);
    const dlc::Matrix<double> C_pca = abs_correlations(S, Z);
    const auto best_pca = matched(C_pca, perm_pca);
    // The ceiling: the true inverse W^-1 applied to the noisy mixtures (the sensor noise, amplified by the unmixing, is
    // all that separates the recovered signals from the sources).
    std::vector<std::size_t> perm_oracle;
    const dlc::Matrix<double> oracle = xt::linalg::dot(X, xt::transpose(xt::linalg::inv(A)));
    const auto best_oracle = matched(abs_correlations(S, oracle), perm_oracle);
    const double min_oracle = *std::min_element(best_oracle.begin(), best_oracle.end());
    dlc::TextTable t({"source", "FastICA |corr|", "PCA |corr|", "true W^-1 x |corr| (the ceiling)"});
    for (std::size_t j = 0; j < 3; ++j)
        t.row({names[j], dlc::fmt(best_ica[j], 5), dlc::fmt(best_pca[j], 5), dlc::fmt(best_oracle[j], 5)});
    out << "FastICA (g = tanh, symmetric, " << ica.iterations << " iterations, converged: " << (ica.converged ? "yes" : "no")
        << ") against PCA, each source matched with its best recovered signal:\n" << t.str();
    const double min_ica = *std::min_element(best_ica.begin(), best_ica.end());
    const double min_pca = *std::min_element(best_pca.begin(), best_pca.end());
    out << "ICA recovers every source (smallest |corr| " << dlc::fmt(min_ica, 4) << "); PCA only decorrelates the mixtures "
        << "(smallest |corr| " << dlc::fmt(min_pca, 4) << "): uncorrelated is not independent. Even the true inverse W^-1 "
        << "reaches only " << dlc::fmt(min_oracle, 4) << ": it amplifies the sensor noise as much as ICA's unmixing does.\n";
    // The estimated unmixing times the mixing: a scaled permutation.
    const dlc::Matrix<double> BA = xt::linalg::dot(ica.unmixing, A);
    out << "Unmixing x mixing (rows: recovered, columns: sources), a scaled, signed permutation:\n";
    for (std::size_t i = 0; i < 3; ++i) out << "  " << dlc::fmt_vec(xt::row(BA, i), 3) << "\n";
    c.set("ica", {{"iterations", ica.iterations}, {"converged", ica.converged}, {"abs_correlation", matrix_json(C_ica)},
                  {"matched_abs_correlation", best_ica}, {"unmixing_times_mixing", matrix_json(BA)}});
    c.set("pca", {{"abs_correlation", matrix_json(C_pca)}, {"matched_abs_correlation", best_pca}});
    c.set("ica_min_abs_correlation", min_ica);
    c.set("pca_min_abs_correlation", min_pca);
    c.set("oracle_matched_abs_correlation", best_oracle);
    c.set("ica_beats_pca", min_ica > min_oracle - 0.01 && min_pca < min_ica - 0.1);
    c.agrees("Bahng 8.2: ICA recovers the sources up to scale, sign and permutation", min_ica);

    // Gaussian sources cannot be separated: on five fresh samples of two Gaussian sources mixed alike, FastICA's
    // unmixing points in unrelated directions (the angle of its first row, after whitening, varies from sample to sample).
    const dlc::Matrix<double> A2 = {{1.0, 0.6}, {0.4, 1.0}};
    std::vector<double> gmin, gangle, smin;
    for (int trial = 0; trial < 5; ++trial) {
        dlc::Matrix<double> G = dlc::Matrix<double>::from_shape({n, std::size_t(2)});
        for (auto& v : G) v = c.rng().normal();
        const dlc::Matrix<double> XG = xt::linalg::dot(G, xt::transpose(A2));
        const auto ig = dlc::fastica(XG, c.rng(), dlc::IcaNonlinearity::logcosh, 200);
        std::vector<std::size_t> p;
        const auto m = matched(abs_correlations(G, ig.sources), p);
        gmin.push_back(*std::min_element(m.begin(), m.end()));
        gangle.push_back(std::fmod(std::atan2(ig.rotation(0, 1), ig.rotation(0, 0)) * 180 / M_PI + 360.0, 90.0));
        // The same with a square wave and a sawtooth in place of the Gaussians (fresh noise only).
        dlc::Matrix<double> Q = dlc::Matrix<double>::from_shape({n, std::size_t(2)});
        for (std::size_t i = 0; i < n; ++i) Q(i, 0) = S(i, 1), Q(i, 1) = S(i, 2);
        dlc::Matrix<double> XQ = xt::linalg::dot(Q, xt::transpose(A2));
        for (auto& v : XQ) v += c.rng().normal(0, 0.05);
        const auto iq = dlc::fastica(XQ, c.rng(), dlc::IcaNonlinearity::logcosh, 200);
        const auto mq = matched(abs_correlations(Q, iq.sources), p);
        smin.push_back(*std::min_element(mq.begin(), mq.end()));
    }
    out << "Two Gaussian sources mixed by [[1, 0.6], [0.4, 1]], five fresh samples: the smallest |corr| with the sources is "
        << dlc::fmt_vec(gmin, 3) << " and the unmixing direction (mod 90 deg) " << dlc::fmt_vec(gangle, 3)
        << " deg, changing from sample to sample: after whitening every rotation of Gaussians is as independent as any "
           "other (Bahng 8.2: h must not be Gaussian). A square wave and a sawtooth mixed the same way: "
        << dlc::fmt_vec(smin, 4) << ".\n";
    c.set("gaussian_sources_min_abs_correlation", gmin);
    c.set("gaussian_sources_unmixing_angle_deg", gangle);
    c.set("nongaussian_pair_min_abs_correlation", smin);

    const std::size_t show = std::min<std::size_t>(n, n / 2);
    c.figure(stacked("ica_sources", "The sources h(t)", S, names, show), "Three independent, non-Gaussian sources");
    c.figure(stacked("ica_mixtures", "The mixtures x = W h (what the microphones record)", X, {"x1", "x2", "x3"}, show),
             "Each microphone hears a mixture of the three");
    std::vector<std::string> ica_names, pca_names;
    for (std::size_t j = 0; j < 3; ++j) {
        ica_names.push_back("recovered for " + names[j] + " (|corr| " + dlc::fmt(best_ica[j], 3) + ")");
        pca_names.push_back("PC matched to " + names[j] + " (|corr| " + dlc::fmt(best_pca[j], 3) + ")");
    }
    c.figure(stacked("ica_recovered", "FastICA's recovered signals (matched, unit sd)", ica.sources, ica_names, show, perm_ica),
             "FastICA separates the sources, up to sign and scale");
    c.figure(stacked("pca_recovered", "PCA's components of the same mixtures (matched, unit sd)", Z, pca_names, show, perm_pca),
             "PCA's components stay mixtures");
}

}  // namespace vae_lecture
