// The NYU k-means++ slide ("Avoid bad local minima"): the next centroid is drawn with probability proportional to
// D(x)^2, the squared distance to the closest centroid chosen so far. On the mock final Q1 points: the
// probabilities after choosing x1, then after also choosing x4, as exact fractions and decimals, and a sampling
// check of the library's k-means++ draws against them.
#include "cases.hpp"
#include "common.hpp"

#include "cluster/init.hpp"
#include "report/table.hpp"

#include <cmath>
#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

namespace kmeans_lecture {

namespace {

// The coordinates are multiples of 0.01: in units of 0.01 every squared distance is an integer (in units of
// 1e-4), so the probabilities are exact fractions of integers.
std::int64_t hundredths(double v) { return std::llround(v * 100); }

struct Fraction {
    std::int64_t num, den;
    std::string str() const { return num == 0 ? "0" : den == 1 ? std::to_string(num) : std::to_string(num) + "/" + std::to_string(den); }
};

Fraction reduced(std::int64_t num, std::int64_t den) {
    const std::int64_t g = std::gcd(num, den);
    return {num / g, den / g};
}

// D(x_i)^2 in units of 1e-4 for every point, given the chosen points (indices).
std::vector<std::int64_t> scaled_d2(const dlc::Matrix<double>& X, const std::vector<std::size_t>& chosen) {
    std::vector<std::int64_t> d2(X.shape(0));
    for (std::size_t i = 0; i < X.shape(0); ++i) {
        std::int64_t best = -1;
        for (std::size_t j : chosen) {
            const std::int64_t a = hundredths(X(i, 0)) - hundredths(X(j, 0)), b = hundredths(X(i, 1)) - hundredths(X(j, 1));
            const std::int64_t v = a * a + b * b;
            if (best < 0 || v < best) best = v;
        }
        d2[i] = best;
    }
    return d2;
}

std::size_t which_point(const dlc::Matrix<double>& X, const dlc::Matrix<double>& C, std::size_t row) {
    for (std::size_t i = 0; i < X.shape(0); ++i)
        if (X(i, 0) == C(row, 0) && X(i, 1) == C(row, 1)) return i;
    return X.shape(0);
}

}  // namespace

void kmeanspp_probabilities(dlc::Case& c) {
    auto& out = c.out();
    const dlc::Matrix<double> X = mockfinal_q1_points();
    const std::size_t n = X.shape(0);
    out << "Data: x1 = (-0.01, 1), x2 = (1, 1), x3 = (0.01, -1), x4 = (-1, -1). k-means++: the first centroid is a "
           "data point drawn uniformly; each next one is x_i with probability D(x_i)^2 / sum_l D(x_l)^2.\n";

    nlohmann::json stages = nlohmann::json::array();
    const std::vector<std::vector<std::size_t>> chosen_sets = {{0}, {0, 3}};
    std::vector<std::vector<double>> exact(2);
    double worst_library = 0;
    for (std::size_t s = 0; s < chosen_sets.size(); ++s) {
        const auto& chosen = chosen_sets[s];
        std::string names;
        for (std::size_t j : chosen) names += (names.empty() ? "x" : " and x") + std::to_string(j + 1);
        const auto d2 = scaled_d2(X, chosen);
        const std::int64_t total = std::accumulate(d2.begin(), d2.end(), std::int64_t(0));
        const auto library = dlc::kmeanspp_probabilities(X, dlc::points_as_centres(X, chosen));
        dlc::TextTable t({"point", "D(x)^2", "probability (exact)", "decimal", "library"});
        nlohmann::json points = nlohmann::json::array();
        for (std::size_t i = 0; i < n; ++i) {
            const Fraction p = reduced(d2[i], total);
            const double decimal = double(d2[i]) / double(total);
            exact[s].push_back(decimal);
            worst_library = std::max(worst_library, std::abs(library[i] - decimal));
            t.row({"x" + std::to_string(i + 1), dlc::fmt(double(d2[i]) * 1e-4, 8), p.str(), dlc::fmt(decimal, 8),
                   dlc::fmt(library[i], 8)});
            points.push_back({{"point", i + 1},
                              {"d_squared", double(d2[i]) * 1e-4},
                              {"probability_fraction", p.str()},
                              {"probability", decimal}});
        }
        out << "\nChosen so far: " << names << "; sum of D(x)^2 = " << dlc::fmt(double(total) * 1e-4, 8) << ".\n"
            << t.str();
        stages.push_back({{"chosen", chosen.size() == 1 ? nlohmann::json{1} : nlohmann::json{1, 4}}, {"points", points}});
    }
    out << "The library's kmeanspp_probabilities agrees with the exact fractions to " << dlc::fmt(worst_library, 3)
        << ".\nAfter x1 and x4, D(x2)^2 = ||x2 - x1||^2 = 1.0201 and D(x3)^2 = ||x3 - x4||^2 = 1.0201: x2 and x3 are "
           "equally likely.\n";
    c.set("stages", stages);
    c.set("library_vs_exact", worst_library);

    // Sampling check: run the library's k-means++ (k = 3) many times; among runs whose first centre is x1, count the
    // second centre; among runs that chose x1 then x4, count the third. Tolerance: 4 standard errors,
    // 4 sqrt(p (1 - p) / m) for m conditional draws (a false alarm about once in 16 000 comparisons).
    const std::size_t runs = c.quick() ? 20000 : 200000;
    std::vector<std::size_t> second(n, 0), third(n, 0);
    std::size_t first_x1 = 0, first_x1_then_x4 = 0;
    for (std::size_t r = 0; r < runs; ++r) {
        const dlc::Matrix<double> C = dlc::kmeanspp_init(X, 3, c.rng());
        if (which_point(X, C, 0) != 0) continue;
        ++first_x1;
        const std::size_t s = which_point(X, C, 1);
        ++second[s];
        if (s != 3) continue;
        ++first_x1_then_x4;
        ++third[which_point(X, C, 2)];
    }
    dlc::TextTable st({"draw", "point", "probability", "frequency", "|difference|", "tolerance (4 s.e.)", "within?"});
    bool all_within = true;
    nlohmann::json sampled = nlohmann::json::array();
    for (std::size_t s = 0; s < 2; ++s) {
        const auto& counts = s == 0 ? second : third;
        const double m = double(s == 0 ? first_x1 : first_x1_then_x4);
        for (std::size_t i = 0; i < n; ++i) {
            const double p = exact[s][i], f = double(counts[i]) / m;
            const double tol = 4 * std::sqrt(p * (1 - p) / m);
            const bool within = std::abs(f - p) <= tol;
            all_within = all_within && within;
            st.row({s == 0 ? "2nd | 1st = x1" : "3rd | x1, x4", "x" + std::to_string(i + 1), dlc::fmt(p, 6),
                    dlc::fmt(f, 6), dlc::fmt(std::abs(f - p), 3), dlc::fmt(tol, 3), within ? "yes" : "NO"});
            sampled.push_back({{"draw", s == 0 ? "second given x1" : "third given x1, x4"},
                               {"point", i + 1},
                               {"probability", p},
                               {"frequency", f},
                               {"tolerance", tol}});
        }
    }
    out << "\nSampling check: " << runs << " k-means++ initializations with k = 3 (the library's kmeanspp_init); "
        << first_x1 << " started at x1, " << first_x1_then_x4 << " of those drew x4 next.\n"
        << st.str() << "Every frequency is " << (all_within ? "" : "NOT ") << "within its tolerance.\n";
    c.set("sampling_runs", runs);
    c.set("runs_starting_at_x1", first_x1);
    c.set("runs_x1_then_x4", first_x1_then_x4);
    c.set("sampled", sampled);
    c.set("sampling_within_tolerance", all_within);
    c.note("how the slide's k-means++ steps read",
           "The slide says the centroid is drawn 'with probability proportional to the computed distance squared', "
           "where the distance is to the closest centroid chosen so far; a point already chosen has D = 0 and is "
           "never drawn again. The first centroid is 'randomly chosen from the data points', read here as uniformly.");
}

}  // namespace kmeans_lecture
