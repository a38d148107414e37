// k-means as the small-variance limit of EM (UCSD "Kmeans and EM (9.3.2)"): with Sigma_k = eps I and pi fixed,
// the responsibilities (9.42) harden into 0/1 and the means approach Lloyd's from the same start as eps -> 0.
#include "cases.hpp"
#include "common.hpp"

#include "cluster/kmeans.hpp"
#include "latent/small_variance.hpp"
#include "report/json.hpp"
#include "report/table.hpp"

#include <xtensor/xmanipulation.hpp>

#include <algorithm>
#include <cmath>

namespace em_lecture {

namespace {
constexpr double pi_value = 3.14159265358979323846;
}  // namespace

void kmeans_limit(dlc::Case& c) {
    auto& out = c.out();
    const OldFaithful of = load_old_faithful_standardized();
    const dlc::Matrix<double>& X = of.X;
    const std::size_t n = X.shape(0);
    const dlc::Matrix<double> mu0 = {{-1.0, 1.0}, {1.0, -1.0}};
    const auto lloyd = dlc::kmeans(X, mu0);
    out << "Old Faithful (standardized), k = 2, both from mu^(0) = (-1, 1), (1, -1) (the k-means lecture's start).\n"
        << "Lloyd's algorithm: " << lloyd.iterations << " iterations, centres " << dlc::fmt_vec(xt::row(lloyd.centres, 0), 6)
        << ", " << dlc::fmt_vec(xt::row(lloyd.centres, 1), 6) << ".\n"
        << "EM with Sigma_k = eps I and pi_k = 1/2 fixed: gamma(z_nk) = exp(-||x_n - mu_k||^2 / 2 eps) / sum_j exp(-||x_n - "
           "mu_j||^2 / 2 eps) (9.42), mu_k = (1/N_k) sum_n gamma(z_nk) x_n (9.17).\n\n";

    dlc::TextTable table({"eps", "iterations", "mu_1", "mu_2", "max |mu - mu_Lloyd|", "up to relabeling", "min_n max_k gamma",
                          "points with max gamma < 0.99", "labels = Lloyd's"});
    nlohmann::json rows = nlohmann::json::array();
    std::vector<double> distances, matched_distances;
    dlc::plot::Figure sig("kmeans_limit_responsibilities");
    dlc::plot::Figure paths("kmeans_limit_means");
    std::vector<std::string> cell_names = {"Lloyd cell 1", "Lloyd cell 2"};
    paths.equal_aspect().xrange(-2.6, 2.6).yrange(-2.6, 2.6).legend(dlc::plot::Legend::outside)
        .scatter(X, lloyd.assignments, cell_names, dlc::plot::PointStyle::dot(0.6))
        .centres(lloyd.centres, "Lloyd's centres", dlc::plot::PointStyle::cross(2.2));
    const std::vector<double> eps_values = {1.0, 0.1, 0.01, 0.001};
    const std::vector<std::string> colours = {"#E69F00", "#009E73", "#CC79A7", "#222222"};
    const std::vector<dlc::plot::Marker> markers = {dlc::plot::Marker::triangle, dlc::plot::Marker::square,
                                                    dlc::plot::Marker::diamond, dlc::plot::Marker::circle};
    for (std::size_t e = 0; e < eps_values.size(); ++e) {
        const double eps = eps_values[e];
        const auto r = dlc::small_variance_em(X, mu0, eps);
        const double dist = max_abs_diff(r.means, lloyd.centres);
        const dlc::Matrix<double> swapped = xt::flip(r.means, 0);
        const double matched = std::min(dist, max_abs_diff(swapped, lloyd.centres));
        std::size_t soft = 0, same = 0;
        for (std::size_t i = 0; i < n; ++i) {
            soft += std::max(r.responsibilities(i, 0), r.responsibilities(i, 1)) < 0.99;
            same += r.hard_assignments(i) == lloyd.assignments(i);
        }
        distances.push_back(dist);
        matched_distances.push_back(matched);
        table.row({dlc::fmt(eps), std::to_string(r.iterations), dlc::fmt_vec(xt::row(r.means, 0), 6),
                   dlc::fmt_vec(xt::row(r.means, 1), 6), dlc::fmt(dist, 3), dlc::fmt(matched, 3),
                   dlc::fmt(r.min_max_responsibility, 4),
                   std::to_string(soft), std::to_string(same) + "/" + std::to_string(n)});
        rows.push_back({{"epsilon", eps}, {"iterations", r.iterations}, {"means", dlc::to_json_value(r.means)},
                        {"max_abs_distance_to_lloyd", dist},
                        {"max_abs_distance_to_lloyd_up_to_relabeling", matched}, {"min_max_responsibility", r.min_max_responsibility},
                        {"soft_points", soft}, {"labels_equal_lloyd", same}});
        // gamma_1 against the difference of squared distances: the logistic sigma(delta / 2 eps) sharpening to a step.
        std::vector<std::pair<double, double>> pts;
        for (std::size_t i = 0; i < n; ++i) {
            double d1 = 0, d2 = 0;
            for (std::size_t j = 0; j < 2; ++j) {
                d1 += (X(i, j) - r.means(0, j)) * (X(i, j) - r.means(0, j));
                d2 += (X(i, j) - r.means(1, j)) * (X(i, j) - r.means(1, j));
            }
            pts.push_back({d2 - d1, r.responsibilities(i, 0)});
        }
        dlc::Matrix<double> P = dlc::Matrix<double>::from_shape({pts.size(), std::size_t(2)});
        for (std::size_t i = 0; i < pts.size(); ++i) P(i, 0) = pts[i].first, P(i, 1) = pts[i].second;
        std::vector<double> dx, sx;
        for (int i = -400; i <= 400; ++i) {
            dx.push_back(i / 100.0);
            sx.push_back(1 / (1 + std::exp(-dx.back() / (2 * eps))));
        }
        dlc::plot::LineStyle ls;
        ls.colour = colours[e];
        ls.width = 1.5;
        sig.lines(dx, sx, "σ(Δ / 2ε), ε = " + dlc::fmt(eps), ls)
            .scatter(P, "", dlc::plot::PointStyle{markers[e], 1.0, 1.0, colours[e]});
        paths.scatter(r.means, "EM means, ε = " + dlc::fmt(eps), dlc::plot::PointStyle{markers[e], 1.6, 1.5, colours[e]});
    }
    out << table.str();
    bool shrinking = true;
    for (std::size_t e = 1; e < matched_distances.size(); ++e)
        shrinking = shrinking && matched_distances[e] <= matched_distances[e - 1];
    std::size_t follows = 0;  // the first eps from which EM ends on Lloyd's labeling
    for (std::size_t e = distances.size(); e-- > 0;)
        if (distances[e] == matched_distances[e]) follows = e; else break;
    out << "As eps -> 0 the responsibilities become 0/1 (\"delta functions\") and the EM means approach Lloyd's centres: "
        << "up to relabeling the distance " << (shrinking ? "shrinks at every step" : "does NOT shrink monotonically")
        << ", to " << dlc::fmt(matched_distances.back(), 3) << " at eps = 0.001. "
        << "From eps = " << dlc::fmt(eps_values[follows]) << " on, EM also ends with Lloyd's labels (it follows Lloyd's "
           "path); with larger eps the soft first steps send component 1 to the other cluster.\n";
    // (9.41)'s normalization: in D dimensions the constant is (2 pi eps)^(-D/2), not (2 pi eps)^(-1/2).
    const double eps = 0.1, D = 2;
    const double printed = 1 / std::sqrt(2 * pi_value * eps), correct = 1 / std::pow(2 * pi_value * eps, D / 2);
    double integral = 0;
    const double h = 0.005;
    for (double x = -3; x <= 3; x += h)
        for (double y = -3; y <= 3; y += h) integral += printed * std::exp(-(x * x + y * y) / (2 * eps)) * h * h;
    out << "(9.41) in D = 2 at eps = 0.1: the printed density 1/(2 pi eps)^(1/2) exp(-||x - mu||^2 / 2 eps) integrates to "
        << dlc::fmt(integral, 6) << " over the plane (Riemann sum), not 1; with 1/(2 pi eps)^(D/2) = " << dlc::fmt(correct, 6)
        << " it integrates to " << dlc::fmt(integral * correct / printed, 6) << ".\n";
    c.erratum("normalizing constant of (9.41), Sigma_k = eps I in D = 2 dimensions, eps = 0.1 (UCSD 'Kmeans and EM')",
              "1/(2 pi eps)^(1/2) = " + dlc::fmt(printed, 6), "1/(2 pi eps)^(D/2) = " + dlc::fmt(correct, 6),
              "The density of N(mu, eps I) in R^D has (2 pi eps)^(D/2) in the denominator; the printed one integrates to "
              "(2 pi eps)^((D-1)/2) = " + dlc::fmt(integral, 5) +
                  " over R^2. The constant cancels in the responsibilities (9.42), so the k-means limit is unaffected.");

    c.set("lloyd_centres", dlc::to_json_value(lloyd.centres));
    c.set("lloyd_iterations", lloyd.iterations);
    c.set("table", rows);
    c.set("distances_shrink_up_to_relabeling", shrinking);
    c.set("final_distance", distances.back());
    c.set("same_labels_as_lloyd_from_epsilon", eps_values[follows]);
    c.set("printed_941_integral", integral);

    sig.title("Responsibilities (9.42) harden into a step as ε → 0")
        .xlabel("Δ = ||x − μ₂||² − ||x − μ₁||²")
        .ylabel("γ(z_n1)  (points: the data)")
        .xrange(-4, 4)
        .yrange(-0.05, 1.05)
        .legend(dlc::plot::Legend::bottom_right);
    c.figure(sig, "as ε shrinks, the soft assignment (9.42) becomes the hard nearest-centre assignment of k-means");
    paths.title("EM means for ε = 1, 0.1, 0.01, 0.001 and Lloyd's centres")
        .xlabel("eruptions (standardized)")
        .ylabel("waiting (standardized)");
    c.figure(paths, "the EM means move onto Lloyd's centres as ε → 0");
}

}  // namespace em_lecture
