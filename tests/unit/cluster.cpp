// Unit tests of lib/cluster: Lloyd's algorithm, initializations, competitive learning,
// the batch-competitive view of k-means, vector quantization, and the argument checks.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"

#include "cluster/batch_competitive.hpp"
#include "cluster/competitive.hpp"
#include "cluster/init.hpp"
#include "cluster/kmeans.hpp"
#include "cluster/nearest.hpp"
#include "cluster/vq.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "core/tensor.hpp"

#include <xtensor/xbuilder.hpp>
#include <xtensor/xio.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

BOOST_AUTO_TEST_SUITE(cluster)

namespace {

namespace tt = boost::test_tools;

// Gaussian blobs: `k` centres uniform in [-5, 5]^d, points N(centre, 1), n points in all.
template <class T>
dlc::Matrix<T> blobs(std::size_t n, std::size_t d, std::size_t k, dlc::Rng& rng) {
    dlc::Matrix<double> centres = dlc::Matrix<double>::from_shape({k, d});
    for (auto& v : centres) v = rng.uniform(-5, 5);
    dlc::Matrix<T> X = dlc::Matrix<T>::from_shape({n, d});
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t j = rng.index(k);
        for (std::size_t l = 0; l < d; ++l) X(i, l) = static_cast<T>(centres(j, l) + rng.normal());
    }
    return X;
}

template <class T>
dlc::Matrix<T> uniform_matrix(std::size_t n, std::size_t d, dlc::Rng& rng) {
    dlc::Matrix<T> X = dlc::Matrix<T>::from_shape({n, d});
    for (auto& v : X) v = static_cast<T>(rng.uniform(-1, 1));
    return X;
}

// The brute-force nearest centre: every distance by the definition, first minimum wins.
template <class T>
dlc::Labels brute_force_assign(const dlc::Matrix<T>& X, const dlc::Matrix<T>& C) {
    dlc::Labels c = dlc::Labels::from_shape({X.shape(0)});
    for (std::size_t i = 0; i < X.shape(0); ++i) {
        std::size_t best = 0;
        T best_d = std::numeric_limits<T>::infinity();
        for (std::size_t j = 0; j < C.shape(0); ++j) {
            T s = 0;
            for (std::size_t l = 0; l < X.shape(1); ++l) s += (X(i, l) - C(j, l)) * (X(i, l) - C(j, l));
            if (s < best_d) {
                best_d = s;
                best = j;
            }
        }
        c(i) = best;
    }
    return c;
}

}  // namespace

using dlc_test::check_throws;

// ---------------------------------------------------------------- Lloyd's algorithm

BOOST_AUTO_TEST_CASE(lloyd_objective_is_non_increasing) {
    // J(c^(t), mu^(t)) <= J(c^(t-1), mu^(t)) <= J(c^(t-1), mu^(t-1)): each step minimizes J over
    // one block. Both a small problem (direct distances) and a larger one (GEMM expansion).
    // Tolerance: the J values are sums of rounded distances; 1e-12 relative is far above double
    // rounding (~n * 1e-16) yet far below any real increase.
    for (std::uint64_t seed : {1u, 2u, 3u, 4u, 5u}) {
        for (auto [n, d, k] : {std::tuple<std::size_t, std::size_t, std::size_t>{200, 2, 4}, {3000, 12, 8}}) {
            dlc::Rng rng(seed);
            const auto X = blobs<double>(n, d, 6, rng);
            const auto r = dlc::kmeans(X, k, dlc::Init::random_points, rng);
            BOOST_TEST(r.objective.size() == r.iterations + 1);
            for (std::size_t t = 1; t < r.objective.size(); ++t)
                BOOST_TEST(r.objective[t] <= r.objective[t - 1] * (1 + 1e-12), "seed " << seed << " t " << t);
            BOOST_TEST(r.converged);
            BOOST_TEST(r.objective.back() == dlc::objective(X, r.centres, r.assignments), tt::tolerance(1e-10));
        }
    }
}

BOOST_AUTO_TEST_CASE(lloyd_float_objective_is_non_increasing) {
    // Same in float; tolerance 1e-5 relative (float J terms carry ~1e-7 relative rounding each).
    for (std::uint64_t seed : {11u, 12u, 13u}) {
        dlc::Rng rng(seed);
        const auto X = blobs<float>(2000, 10, 5, rng);
        const auto r = dlc::kmeans(X, 5, dlc::Init::kmeans_plus_plus, rng);
        for (std::size_t t = 1; t < r.objective.size(); ++t)
            BOOST_TEST(r.objective[t] <= r.objective[t - 1] * (1 + 1e-5));
    }
}

BOOST_AUTO_TEST_CASE(assignments_equal_brute_force) {
    // n k d = 3000 * 12 * 16 > direct_limit: the GEMM expansion path, checked against the definition.
    for (std::uint64_t seed : {21u, 22u}) {
        dlc::Rng rng(seed);
        const auto Xd = uniform_matrix<double>(3000, 16, rng);
        const auto Cd = uniform_matrix<double>(12, 16, rng);
        dlc::NearestCentre<double> nd(Xd);
        dlc::Labels cd;
        dlc::Vector<double> dd;
        nd.search(Cd, cd, dd);
        BOOST_TEST((nd.last_method() == dlc::DistanceMethod::expansion));
        BOOST_TEST(cd == brute_force_assign(Xd, Cd));
        BOOST_TEST(dlc::assign(Xd, Cd) == cd);

        const dlc::Matrix<float> Xf = xt::cast<float>(Xd);
        const dlc::Matrix<float> Cf = xt::cast<float>(Cd);
        BOOST_TEST(dlc::assign(Xf, Cf) == brute_force_assign(Xf, Cf));
    }
}

BOOST_AUTO_TEST_CASE(blocked_search_with_stripes_matches_brute_force) {
    // k d = 20 * 200 = 4000 -> blocks of 2^18 / 4000 = 65 rows; n = 5000 >= 4 * 16 * 65 -> 4 stripes
    // (on as many threads as the machine has). Labels must equal the definition's, the fused sums
    // and counts must equal a plain pass in row order (up to summation order: 1e-12 relative).
    dlc::Rng rng(23);
    const auto X = uniform_matrix<double>(5000, 200, rng);
    const auto C = uniform_matrix<double>(20, 200, rng);
    dlc::NearestCentre<double> nearest(X);
    dlc::Labels c;
    dlc::Vector<double> dist;
    dlc::Matrix<double> sums;
    std::vector<std::size_t> counts;
    nearest.search_and_sum(C, c, dist, sums, counts);
    BOOST_TEST(nearest.block_rows() == 65u);
    BOOST_TEST(nearest.threads() >= 1u);
    BOOST_TEST(c == brute_force_assign(X, C));
    const auto mu = dlc::update(X, c, C, dlc::EmptyClusterRule::keep);
    std::vector<std::size_t> want_counts(20, 0);
    for (std::size_t i = 0; i < 5000; ++i) ++want_counts[c(i)];
    BOOST_TEST(counts == want_counts, tt::per_element());
    for (std::size_t j = 0; j < 20; ++j)
        for (std::size_t l = 0; l < 200; ++l)
            if (counts[j] > 0) BOOST_TEST(sums(j, l) / counts[j] == mu(j, l), tt::tolerance(1e-12));
    for (std::size_t i = 0; i < 5000; i += 97) {
        double s = 0;
        for (std::size_t l = 0; l < 200; ++l) s += (X(i, l) - C(c(i), l)) * (X(i, l) - C(c(i), l));
        BOOST_TEST(dist(i) == s, tt::tolerance(1e-10));
    }
    // Same input, same output, bit for bit (the stripes are added in a fixed order).
    const auto r1 = dlc::kmeans(X, C);
    const auto r2 = dlc::kmeans(X, C);
    BOOST_TEST(r1.centres == r2.centres);
    BOOST_TEST(r1.objective == r2.objective, tt::per_element());
}

BOOST_AUTO_TEST_CASE(expansion_path_breaks_exact_ties_by_lowest_index) {
    // Integer grid points and centres symmetric about the axes: many points are exactly
    // equidistant from two or more centres. The expansion alone could order such ties either way;
    // the near-tie re-check must give the definition's answer (lowest index), in float and double.
    dlc::Matrix<double> X = dlc::Matrix<double>::from_shape({21 * 21, 2});
    std::size_t i = 0;
    for (int a = -10; a <= 10; ++a)
        for (int b = -10; b <= 10; ++b) {
            X(i, 0) = a;
            X(i, 1) = b;
            ++i;
        }
    const dlc::Matrix<double> C = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {3, 3}, {-3, -3}};
    dlc::NearestCentre<double> nearest(X, dlc::DistanceMethod::expansion);
    dlc::Labels c;
    dlc::Vector<double> dist;
    nearest.search(C, c, dist);
    BOOST_TEST(nearest.rechecked_rows() > 0u);
    BOOST_TEST(c == brute_force_assign(X, C));
    // The origin is at distance 1 from the first four centres: centre 0 wins.
    BOOST_TEST(c(10 * 21 + 10) == 0u);

    const dlc::Matrix<float> Xf = xt::cast<float>(X);
    const dlc::Matrix<float> Cf = xt::cast<float>(C);
    dlc::NearestCentre<float> nf(Xf, dlc::DistanceMethod::expansion);
    dlc::Labels cf;
    dlc::Vector<float> df;
    nf.search(Cf, cf, df);
    BOOST_TEST(cf == c);
}

BOOST_AUTO_TEST_CASE(update_is_the_cluster_mean) {
    // Points 0, 2 in cluster 0 -> mean 1; points 10, 20, 30 in cluster 1 -> mean 20.
    const dlc::Matrix<double> X = {{0, 0}, {2, 4}, {10, 1}, {20, 2}, {30, 3}};
    const dlc::Matrix<double> C = {{0, 0}, {1, 1}};
    const dlc::Labels c = {0, 0, 1, 1, 1};
    const auto mu = dlc::update(X, c, C);
    const dlc::Matrix<double> expected = {{1, 2}, {20, 2}};
    BOOST_TEST(mu == expected);
    // J = |(0,0)-(1,2)|^2 + |(2,4)-(1,2)|^2 + 10^2+1 + 0 + 10^2+1 = 5 + 5 + 101 + 0 + 101 = 212.
    BOOST_TEST(dlc::objective(X, mu, c) == 212.0);
}

BOOST_AUTO_TEST_CASE(trace_links_the_iterations) {
    dlc::Rng rng(31);
    const auto X = blobs<double>(300, 2, 3, rng);
    dlc::KMeansOptions opt;
    opt.record_trace = true;
    std::size_t calls = 0;
    opt.on_iteration = [&](std::size_t t, double J) {
        ++calls;
        BOOST_TEST(t == calls);
        BOOST_TEST(J >= 0);
    };
    const auto r = dlc::kmeans(X, 3, dlc::Init::random_points, rng, opt);
    BOOST_TEST(calls == r.iterations);
    BOOST_REQUIRE(r.trace.size() == r.iterations);
    for (std::size_t t = 0; t < r.trace.size(); ++t) {
        const auto& s = r.trace[t];
        BOOST_TEST(s.assignments == dlc::assign(X, s.centres_before));
        BOOST_TEST(s.centres_after == dlc::update(X, s.assignments, s.centres_before));
        BOOST_TEST(dlc::objective(X, s.centres_before, s.assignments) == r.objective[t], tt::tolerance(1e-12));
        if (t + 1 < r.trace.size()) BOOST_TEST(r.trace[t + 1].centres_before == s.centres_after);
    }
    BOOST_TEST(r.trace.back().centres_after == r.centres);
    BOOST_TEST(r.assignments == r.trace.back().assignments);  // converged: the cells stopped changing
}

BOOST_AUTO_TEST_CASE(max_iterations_stops_unconverged) {
    dlc::Rng rng(41);
    const auto X = blobs<double>(500, 2, 8, rng);
    dlc::KMeansOptions opt;
    opt.max_iterations = 1;
    const auto init = dlc::random_points_init(X, 8, rng);
    const auto r = dlc::kmeans(X, init, opt);
    BOOST_TEST(r.iterations == 1u);
    BOOST_TEST(!r.converged);  // 8 random points do not give a fixed point after one step
    BOOST_TEST(r.objective.size() == 2u);
    // Even unconverged, the assignments are the Voronoi cells of the returned centres.
    BOOST_TEST(r.assignments == dlc::assign(X, r.centres));
}

// ---------------------------------------------------------------- empty clusters

// 1-D data 0, 1, 10, 12 with centres 0.5, 11, 100: the centre at 100 gets no point.
//   c^(0) = (0, 0, 1, 1): distances 0.25, 0.25, 1, 1, so J_0 = 2.5.
//   Iteration 1, update: mu_0 = (0+1)/2 = 0.5, mu_1 = (10+12)/2 = 11, C_2 empty.
//     farthest_point: the farthest points from their centres are x_2 = 10 and x_3 = 12 (distance 1
//     each, to centre 11); the lowest index, x_2, moves: mu_2 = 10 and mu_1 = 12 (x_3 alone).
//     Reassignment: 0 -> 0.5, 1 -> 0.5, 10 -> 10, 12 -> 12: c^(1) = (0, 0, 2, 1), J_1 = 0.25 + 0.25 = 0.5.
//   Iteration 2: means 0.5, 12, 10 unchanged, c^(2) = c^(1): converged, J_2 = 0.5.
BOOST_AUTO_TEST_CASE(empty_cluster_moves_the_farthest_point) {
    const dlc::Matrix<double> X = {{0}, {1}, {10}, {12}};
    const dlc::Matrix<double> C = {{0.5}, {11}, {100}};
    const auto r = dlc::kmeans(X, C);
    BOOST_TEST(r.converged);
    BOOST_TEST(r.iterations == 2u);
    BOOST_TEST(r.objective == (std::vector<double>{2.5, 0.5, 0.5}), tt::per_element());
    const dlc::Matrix<double> expected = {{0.5}, {12}, {10}};
    BOOST_TEST(r.centres == expected);
    BOOST_TEST(r.assignments == (dlc::Labels{0, 0, 2, 1}));
    BOOST_REQUIRE(r.empty_clusters.size() == 1u);
    BOOST_TEST(r.empty_clusters[0].iteration == 1u);
    BOOST_TEST(r.empty_clusters[0].cluster == 2u);
    BOOST_TEST(r.empty_clusters[0].point == 2u);

    // The stand-alone update step reports it with iteration 0.
    std::vector<dlc::EmptyClusterEvent> events;
    const auto mu = dlc::update(X, dlc::Labels{0, 0, 1, 1}, C, dlc::EmptyClusterRule::farthest_point, &events);
    BOOST_TEST(mu == expected);
    BOOST_REQUIRE(events.size() == 1u);
    BOOST_TEST(events[0].iteration == 0u);
    BOOST_TEST(events[0].point == 2u);
}

BOOST_AUTO_TEST_CASE(empty_cluster_keep_and_error_rules) {
    const dlc::Matrix<double> X = {{0}, {1}, {10}, {12}};
    const dlc::Matrix<double> C = {{0.5}, {11}, {100}};
    // keep: mu^(1) = (0.5, 11, 100) = mu^(0), the cells do not change: one iteration, J = 2.5 twice.
    dlc::KMeansOptions keep;
    keep.empty_cluster = dlc::EmptyClusterRule::keep;
    const auto r = dlc::kmeans(X, C, keep);
    BOOST_TEST(r.converged);
    BOOST_TEST(r.iterations == 1u);
    BOOST_TEST(r.centres == C);
    BOOST_TEST(r.objective == (std::vector<double>{2.5, 2.5}), tt::per_element());
    BOOST_REQUIRE(r.empty_clusters.size() == 1u);
    BOOST_TEST(r.empty_clusters[0].point == dlc::EmptyClusterEvent::npos);

    dlc::KMeansOptions error;
    error.empty_cluster = dlc::EmptyClusterRule::error;
    check_throws<dlc::ValueError>([&] { dlc::kmeans(X, C, error); },
                                  {"kmeans: ", "cluster 2 is empty in iteration 1"});
}

// ---------------------------------------------------------------- initializations

BOOST_AUTO_TEST_CASE(kmeanspp_probabilities_are_normalized_squared_distances) {
    // Points 0, 1, 3, 6 on a line, chosen centre 0: D^2 = 0, 1, 9, 36, sum 46.
    const dlc::Matrix<double> X = {{0}, {1}, {3}, {6}};
    const auto p = dlc::kmeanspp_probabilities(X, dlc::Matrix<double>{{0}});
    const std::vector<double> want_p = {0, 1 / 46.0, 9 / 46.0, 36 / 46.0};
    for (std::size_t i = 0; i < 4; ++i) BOOST_TEST(p[i] == want_p[i], tt::tolerance(1e-15));
    // Chosen 0 and 6: D^2 = 0, 1, 9, 0 -> 0, 0.1, 0.9, 0.
    const auto q = dlc::kmeanspp_probabilities(X, dlc::Matrix<double>{{0}, {6}});
    const std::vector<double> want_q = {0, 0.1, 0.9, 0};
    for (std::size_t i = 0; i < 4; ++i) BOOST_TEST(q[i] == want_q[i], tt::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(kmeanspp_draws_follow_the_probabilities) {
    // Points 0, 1, 3, 6; k = 2. The first centre a is uniform (1/4); the second b has probability
    // D_a(b)^2 / sum_l D_a(l)^2 with D_a(b) = |x_b - x_a|:
    //   a = 0: D^2 = 0, 1, 9, 36 (sum 46)     a = 1: 1, 0, 4, 25 (sum 30)
    //   a = 3: 9, 4, 0, 9 (sum 22)            a = 6: 36, 25, 9, 0 (sum 70)
    // P(a, b) = 1/4 * D_a(b)^2 / sum. Over N draws the count of (a, b) is binomial(N, P), so its
    // frequency has standard deviation sqrt(P(1-P)/N); we allow 5 of them (a false alarm has
    // probability < 1e-5 over the 16 cells; the seed is fixed anyway). P = 0 cells must be empty.
    const dlc::Matrix<double> X = {{0}, {1}, {3}, {6}};
    const double x[4] = {0, 1, 3, 6};
    const int N = 40000;
    dlc::Rng rng(2024);
    std::map<std::pair<int, int>, int> counts;
    for (int draw = 0; draw < N; ++draw) {
        const auto C = dlc::kmeanspp_init(X, 2, rng);
        int a = -1, b = -1;
        for (int i = 0; i < 4; ++i) {
            if (C(0, 0) == x[i]) a = i;
            if (C(1, 0) == x[i]) b = i;
        }
        ++counts[{a, b}];
    }
    for (int a = 0; a < 4; ++a) {
        double sum = 0;
        for (int b = 0; b < 4; ++b) sum += (x[b] - x[a]) * (x[b] - x[a]);
        for (int b = 0; b < 4; ++b) {
            const double P = 0.25 * (x[b] - x[a]) * (x[b] - x[a]) / sum;
            const int count = counts[std::make_pair(a, b)];
            const double freq = count / double(N);
            if (P == 0) {
                BOOST_TEST(count == 0);
            } else {
                BOOST_TEST(std::abs(freq - P) <= 5 * std::sqrt(P * (1 - P) / N), "pair " << a << "," << b);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(initializations_choose_distinct_data_points) {
    dlc::Rng rng(51);
    const auto X = blobs<double>(50, 3, 4, rng);
    for (auto init : {dlc::Init::random_points, dlc::Init::kmeans_plus_plus}) {
        const auto C = dlc::init_centres(X, 10, init, rng);
        BOOST_TEST(C.shape(0) == 10u);
        // Every centre is a data point (distance 0 to some row), and the rows are distinct.
        for (std::size_t j = 0; j < 10; ++j) {
            bool found = false;
            for (std::size_t i = 0; i < 50 && !found; ++i) found = xt::row(X, i) == xt::row(C, j);
            BOOST_TEST(found);
            for (std::size_t m = 0; m < j; ++m) BOOST_TEST(!(xt::row(C, m) == xt::row(C, j)));
        }
    }
    // Fewer distinct points than k: k-means++ falls back to the points not yet chosen.
    const dlc::Matrix<double> dup = {{0}, {0}, {0}, {5}};
    const auto C = dlc::kmeanspp_init(dup, 3, rng);
    int zeros = 0, fives = 0;
    for (std::size_t j = 0; j < 3; ++j) (C(j, 0) == 0 ? zeros : fives) += 1;
    BOOST_TEST(zeros == 2);
    BOOST_TEST(fives == 1);
}

BOOST_AUTO_TEST_CASE(restarts_keep_the_lowest_objective) {
    dlc::Rng rng(61);
    const auto X = blobs<double>(400, 2, 6, rng);
    dlc::Rng a(7), b(7);
    const auto r = dlc::kmeans_restarts(X, 6, 5, dlc::Init::random_points, a);
    BOOST_TEST(r.final_objectives.size() == 5u);
    for (double J : r.final_objectives) BOOST_TEST(r.best.objective.back() <= J);
    BOOST_TEST(r.final_objectives[r.best_restart] == r.best.objective.back());
    // Same seed, same runs.
    const auto s = dlc::kmeans_restarts(X, 6, 5, dlc::Init::random_points, b);
    BOOST_TEST(s.final_objectives == r.final_objectives, tt::per_element());
    BOOST_TEST(s.best.centres == r.best.centres);
}

// ---------------------------------------------------------------- competitive learning

BOOST_AUTO_TEST_CASE(rounding_conventions) {
    const std::vector<double> v = {-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 0.3, -0.7, 2.0};
    const std::map<dlc::Rounding, std::vector<double>> expected = {
        {dlc::Rounding::half_to_even, {-2, -2, 0, 0, 2, 2, 0, -1, 2}},
        {dlc::Rounding::half_away_from_zero, {-3, -2, -1, 1, 2, 3, 0, -1, 2}},
        {dlc::Rounding::half_toward_zero, {-2, -1, 0, 0, 1, 2, 0, -1, 2}},
        {dlc::Rounding::half_up, {-2, -1, 0, 1, 2, 3, 0, -1, 2}},
        {dlc::Rounding::none, v},
    };
    for (const auto& [mode, want] : expected)
        for (std::size_t i = 0; i < v.size(); ++i) {
            BOOST_TEST(dlc::round_to_integer(v[i], mode) == want[i], "value " << v[i]);
            BOOST_TEST(dlc::round_to_integer(static_cast<float>(v[i]), mode) == static_cast<float>(want[i]));
        }
}

// W = [(1,0), (0,1)], points (2,1), (1,1), (0,3), (1,1); rule w_i += eta y~ (x - w_i), eta = 1/4,
// half-to-even rounding, one epoch.
//   1: x=(2,1): v = (2, 1), winner 0, y~ = 2: (1,0) + 1/2 ((2,1)-(1,0)) = (1.5, 0.5) -> (2, 0).
//   2: x=(1,1): v = (2, 1), winner 0, y~ = 2: (2,0) + 1/2 ((1,1)-(2,0)) = (1.5, 0.5) -> (2, 0).
//   3: x=(0,3): v = (0, 3), winner 1, y~ = 3: (0,1) + 3/4 ((0,3)-(0,1)) = (0, 2.5) -> (0, 2).
//   4: x=(1,1): v = (2, 2), a tie. Lowest index: winner 0, y~ = 2, update (1.5, 0.5) -> (2, 0).
//      Highest index: winner 1, y~ = 2: (0,2) + 1/2 ((1,1)-(0,2)) = (0.5, 1.5) -> (0, 2).
BOOST_AUTO_TEST_CASE(competitive_trace_small_case) {
    const dlc::Matrix<double> X = {{2, 1}, {1, 1}, {0, 3}, {1, 1}};
    const dlc::Matrix<double> W = {{1, 0}, {0, 1}};
    dlc::CompetitiveOptions opt;
    opt.eta = 0.25;
    opt.rule = dlc::CompetitiveRule::output_scaled;
    opt.rounding = dlc::Rounding::half_to_even;
    const auto r = dlc::competitive_learning(X, W, opt);
    BOOST_REQUIRE(r.trace.size() == 4u);
    const std::vector<std::size_t> winners = {0, 0, 1, 0};
    const std::vector<double> outputs = {2, 2, 3, 2};
    const std::vector<dlc::Vector<double>> fields = {{2, 1}, {2, 1}, {0, 3}, {2, 2}};
    const std::vector<dlc::Vector<double>> updates = {{1.5, 0.5}, {1.5, 0.5}, {0, 2.5}, {1.5, 0.5}};
    const std::vector<dlc::Matrix<double>> after = {
        {{2, 0}, {0, 1}}, {{2, 0}, {0, 1}}, {{2, 0}, {0, 2}}, {{2, 0}, {0, 2}}};
    for (std::size_t s = 0; s < 4; ++s) {
        const auto& step = r.trace[s];
        BOOST_TEST(step.epoch == 1u);
        BOOST_TEST(step.iteration == s + 1);
        BOOST_TEST(step.point == s);
        BOOST_TEST(step.x == xt::eval(xt::row(X, s)));
        BOOST_TEST(step.fields == fields[s]);
        BOOST_TEST(step.winner == winners[s]);
        BOOST_TEST(step.output == outputs[s]);
        BOOST_TEST(step.tie == (s == 3));
        BOOST_TEST(step.update == updates[s]);
        BOOST_TEST(step.weights_after == after[s]);
        BOOST_TEST(step.weights_before == (s == 0 ? W : after[s - 1]));
    }
    BOOST_TEST(r.weights == after[3]);

    opt.tie_break = dlc::TieBreak::highest_index;
    const auto h = dlc::competitive_learning(X, W, opt);
    BOOST_TEST(h.trace[3].winner == 1u);
    BOOST_TEST(h.trace[3].update == (dlc::Vector<double>{0.5, 1.5}));
    BOOST_TEST(h.weights == after[3]);
}

BOOST_AUTO_TEST_CASE(competitive_winner_and_ties) {
    bool tie = false;
    const dlc::Vector<double> v = {1, 3, 2, 3};
    BOOST_TEST(dlc::competitive_winner(v, dlc::TieBreak::lowest_index, &tie) == 1u);
    BOOST_TEST(tie);
    BOOST_TEST(dlc::competitive_winner(v, dlc::TieBreak::highest_index) == 3u);
    BOOST_TEST(dlc::competitive_winner(dlc::Vector<double>{5, 1}, dlc::TieBreak::highest_index, &tie) == 0u);
    BOOST_TEST(!tie);
    BOOST_TEST(dlc::competitive_fields(dlc::Matrix<double>{{1, 2}, {3, 4}}, dlc::Vector<double>{1, -1}) ==
               (dlc::Vector<double>{-1, -1}));
}

// ---------------------------------------------------------------- batch competitive view

BOOST_AUTO_TEST_CASE(batch_competitive_assignment_equals_lloyd) {
    for (std::uint64_t seed : {71u, 72u}) {
        dlc::Rng rng(seed);
        const auto X = blobs<double>(2000, 5, 7, rng);
        const auto C = dlc::random_points_init(X, 7, rng);
        const auto layer = dlc::batch_competitive_layer(C);
        BOOST_TEST(dlc::batch_competitive_assign(layer, X) == dlc::assign(X, C));
        // v_i = 2 c_i^T x - ||c_i||^2 = ||x||^2 - ||x - c_i||^2.
        const auto V = dlc::batch_competitive_fields(layer, X);
        for (std::size_t i = 0; i < 5; ++i)
            for (std::size_t j = 0; j < 7; ++j) {
                double x2 = 0, d2 = 0;
                for (std::size_t l = 0; l < 5; ++l) {
                    x2 += X(i, l) * X(i, l);
                    d2 += (X(i, l) - C(j, l)) * (X(i, l) - C(j, l));
                }
                BOOST_TEST(V(i, j) == x2 - d2, tt::tolerance(1e-9));
            }
        // One epoch of the network = one Lloyd update (empty neurons kept).
        const auto next = dlc::batch_competitive_epoch(layer, X);
        const auto mu = dlc::update(X, dlc::assign(X, C), C, dlc::EmptyClusterRule::keep);
        BOOST_TEST(dlc::batch_competitive_centres(next) == mu);

        const dlc::Matrix<float> Xf = xt::cast<float>(X);
        const dlc::Matrix<float> Cf = xt::cast<float>(C);
        BOOST_TEST(dlc::batch_competitive_assign(dlc::batch_competitive_layer(Cf), Xf) == dlc::assign(Xf, Cf));
    }
}

// ---------------------------------------------------------------- vector quantization

BOOST_AUTO_TEST_CASE(vq_round_trip) {
    dlc::Rng rng(81);
    const auto X = blobs<double>(1000, 3, 4, rng);
    const auto codebook = dlc::kmeans(X, 8, dlc::Init::kmeans_plus_plus, rng).centres;
    const auto idx = dlc::vq_encode(X, codebook);
    const auto Xq = dlc::vq_decode(idx, codebook);
    BOOST_TEST(Xq.shape(0) == 1000u);
    for (std::size_t i = 0; i < 1000; ++i) BOOST_TEST(xt::row(Xq, i) == xt::row(codebook, idx(i)));
    // Quantized data is its own code: encode(decode(idx)) = idx (distinct codebook rows).
    BOOST_TEST(dlc::vq_encode(Xq, codebook) == idx);
    check_throws<dlc::ValueError>([&] { dlc::vq_decode(dlc::Labels{0, 8}, codebook); },
                                  {"vq_decode: ", "must be < K = 8, got 8 at position 1"});
}

BOOST_AUTO_TEST_CASE(vq_bit_counts) {
    // The slide: N = 64k pixels of C = 8 bits, K = 4: N C = 64000 * 8 = 512 000 bits (the slide's
    // "513k" is a typo) and N log2 K + K C = 64000 * 2 + 4 * 8 = 128 032 bits, "a factor 4":
    // 512000 / 128032 = 3.99900...
    const auto b = dlc::vq_bits(64000, 8, 4);
    BOOST_TEST(b.bits_per_index == 2u);
    BOOST_TEST(b.raw_bits == 512000u);
    BOOST_TEST(b.coded_bits == 128032u);
    BOOST_TEST(b.compression_factor == 512000.0 / 128032.0);
    // ceil(log2 K) for K not a power of 2: 5 -> 3 bits, 257 -> 9, 256 -> 8, 1 -> 0.
    BOOST_TEST(dlc::vq_bits(10, 8, 5).bits_per_index == 3u);
    BOOST_TEST(dlc::vq_bits(10, 8, 257).bits_per_index == 9u);
    BOOST_TEST(dlc::vq_bits(10, 8, 256).bits_per_index == 8u);
    BOOST_TEST(dlc::vq_bits(10, 8, 1).coded_bits == 8u);  // 10 * 0 + 1 * 8
    // D = 3 (RGB): raw 100 * 3 * 8 = 2400; coded 100 * 4 + 16 * 3 * 8 = 784.
    const auto rgb = dlc::vq_bits(100, 8, 16, 3);
    BOOST_TEST(rgb.raw_bits == 2400u);
    BOOST_TEST(rgb.coded_bits == 784u);
    check_throws<dlc::ValueError>([] { dlc::vq_bits(100, 8, 0); }, {"vq_bits: ", "K = 0"});
}

// ---------------------------------------------------------------- errors

BOOST_AUTO_TEST_CASE(errors_name_function_and_values) {
    const dlc::Matrix<double> X = {{0, 0}, {1, 0}, {0, 1}};
    check_throws<dlc::ValueError>([&] { dlc::kmeans(X, dlc::Matrix<double>(xt::zeros<double>({5, 2}))); },
                                  {"kmeans: ", "between 1 and n = 3, got k = 5"});
    check_throws<dlc::ValueError>([&] { dlc::kmeans(X, dlc::Matrix<double>::from_shape({0, 2})); },
                                  {"kmeans: ", "got k = 0"});
    check_throws<dlc::ShapeError>([&] { dlc::kmeans(dlc::Matrix<double>::from_shape({0, 2}), X); },
                                  {"kmeans: ", "X is empty, shape (0, 2)"});
    dlc::Matrix<double> bad = X;
    bad(1, 0) = std::nan("");
    check_throws<dlc::ValueError>([&] { dlc::kmeans(bad, X); }, {"kmeans: ", "X must be finite", "row 1, column 0"});
    check_throws<dlc::ShapeError>([&] { dlc::kmeans(X, dlc::Matrix<double>(xt::zeros<double>({2, 3}))); },
                                  {"kmeans: ", "initial_centres must have shape (*, 2), got (2, 3)"});
    dlc::Matrix<double> nan_centres = {{0, 0}, {std::nan(""), 1}};
    check_throws<dlc::ValueError>([&] { dlc::kmeans(X, nan_centres); }, {"kmeans: ", "initial_centres"});
    dlc::KMeansOptions zero;
    zero.max_iterations = 0;
    check_throws<dlc::ValueError>([&] { dlc::kmeans(X, X, zero); }, {"kmeans: ", "max_iterations", "got 0"});

    check_throws<dlc::ShapeError>([&] { dlc::assign(X, dlc::Matrix<double>{{0, 0, 0}}); },
                                  {"assign: ", "centres must have shape (*, 2), got (1, 3)"});
    check_throws<dlc::ShapeError>([&] { dlc::update(X, dlc::Labels{0, 1}, X); },
                                  {"update: ", "assignments must have shape (3), got (2)"});
    check_throws<dlc::ValueError>([&] { dlc::update(X, dlc::Labels{0, 1, 3}, X); },
                                  {"update: ", "got 3 at index 2"});
    check_throws<dlc::ValueError>([&] { dlc::objective(X, X, dlc::Labels{0, 5, 1}); }, {"objective: ", "got 5"});

    dlc::Rng rng(1);
    check_throws<dlc::ValueError>([&] { dlc::kmeanspp_init(X, 4, rng); },
                                  {"kmeanspp_init: ", "between 1 and n = 3, got k = 4"});
    check_throws<dlc::ValueError>([&] { dlc::random_points_init(X, 0, rng); }, {"random_points_init: ", "got k = 0"});
    check_throws<dlc::ValueError>([&] { dlc::kmeans_restarts(X, 2, 0, dlc::Init::random_points, rng); },
                                  {"kmeans_restarts: ", "restarts must be at least 1, got 0"});
    check_throws<dlc::ValueError>([&] { dlc::points_as_centres(X, {0, 7}); },
                                  {"points_as_centres: ", "got 7 at position 1"});

    check_throws<dlc::ShapeError>(
        [&] { dlc::competitive_learning(X, dlc::Matrix<double>{{1, 2, 3}}); },
        {"competitive_learning: ", "initial_weights must have shape (*, 2), got (1, 3)"});
    dlc::CompetitiveOptions neg;
    neg.eta = -1;
    check_throws<dlc::ValueError>([&] { dlc::competitive_learning(X, X, neg); },
                                  {"competitive_learning: ", "eta must be finite and > 0"});
    check_throws<dlc::ShapeError>([&] { dlc::batch_competitive_fields(dlc::batch_competitive_layer(X), dlc::Matrix<double>{{1, 2, 3}}); },
                                  {"batch_competitive_fields: ", "X must have shape (*, 2), got (1, 3)"});
}

BOOST_AUTO_TEST_SUITE_END()
