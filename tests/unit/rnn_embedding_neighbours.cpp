// Unit tests of the embedding geometry (lib/rnn/embedding_neighbours.hpp, NYU slides "Word embeddings"): cosine
// similarities and nearest neighbours on hand-derived values and against brute force, the group test's counts, chance
// rate, means and permutation p-values on a case whose exact answer is known, and the bad inputs.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"
#include "rnn/embedding_neighbours.hpp"

#include <cmath>
#include <limits>
#include <vector>

BOOST_AUTO_TEST_SUITE(rnn_embedding_neighbours)

namespace {

using dlc::Matrix;
using dlc_test::check_throws;

// Two pairs of nearly parallel rows: (1, 0) ~ (0.9, 0.1) and (0, 1) ~ (0.1, 0.9).
const Matrix<double> two_pairs = {{1.0, 0.0}, {0.9, 0.1}, {0.0, 1.0}, {0.1, 0.9}};

}  // namespace

// |(0.9, 0.1)| = sqrt(0.82): S01 = 0.9 / sqrt(0.82), S02 = 0, S03 = S12 = 0.1 / sqrt(0.82), S13 = 0.18 / 0.82,
// S23 = 0.9 / sqrt(0.82). Scaling a row does not change its similarities.
BOOST_AUTO_TEST_CASE(cosine_similarities_by_hand) {
    const Matrix<double> S = dlc::cosine_similarities(two_pairs);
    const double r = std::sqrt(0.82);
    const double want[4][4] = {{1, 0.9 / r, 0, 0.1 / r}, {0.9 / r, 1, 0.1 / r, 0.18 / 0.82}, {0, 0.1 / r, 1, 0.9 / r},
                               {0.1 / r, 0.18 / 0.82, 0.9 / r, 1}};
    for (std::size_t i = 0; i < 4; ++i)
        for (std::size_t j = 0; j < 4; ++j) BOOST_TEST(std::abs(S(i, j) - want[i][j]) < 1e-15, i << "," << j);
    Matrix<double> scaled = two_pairs;
    scaled(1, 0) *= 7, scaled(1, 1) *= 7;
    BOOST_TEST(std::abs(dlc::cosine_similarities(scaled)(1, 3) - 0.18 / 0.82) < 1e-15);
}

// From (1, 0): (0.9, 0.1) first (0.994), then (0.1, 0.9) (0.110), then (0, 1) (0). Among {3, 0, 2} only: 3's nearest is 2.
// Equal similarities go to the lower index.
BOOST_AUTO_TEST_CASE(nearest_neighbours_by_hand) {
    const Matrix<double> S = dlc::cosine_similarities(two_pairs);
    const auto nn = dlc::nearest_neighbours(S, {0, 1, 2, 3}, 3);
    BOOST_TEST(nn[0] == (std::vector<std::size_t>{1, 3, 2}), boost::test_tools::per_element());
    BOOST_TEST(nn[3] == (std::vector<std::size_t>{2, 1, 0}), boost::test_tools::per_element());
    const auto sub = dlc::nearest_neighbours(S, {3, 0, 2}, 1);
    BOOST_TEST(sub.size() == 3u);
    BOOST_TEST(sub[0][0] == 2u);
    BOOST_TEST(sub[1][0] == 3u);
    const Matrix<double> tie = dlc::cosine_similarities(Matrix<double>{{1.0, 0.0}, {0.0, 2.0}, {0.0, 1.0}});
    BOOST_TEST(dlc::nearest_neighbours(tie, {0, 1, 2}, 2)[0] == (std::vector<std::size_t>{1, 2}), boost::test_tools::per_element());
}

// Against brute force on a seeded random table: the nearest neighbour is the argmax of the row over the other
// candidates, the lists are sorted, and the group's means are the plain averages over the pairs.
BOOST_AUTO_TEST_CASE(against_brute_force) {
    dlc::Rng rng(7);
    Matrix<double> A = Matrix<double>::from_shape({12, 5});
    for (auto& v : A) v = rng.normal();
    const Matrix<double> S = dlc::cosine_similarities(A);
    for (std::size_t i = 0; i < 12; ++i)
        for (std::size_t j = 0; j < 12; ++j) {
            double dot = 0, ni = 0, nj = 0;
            for (std::size_t e = 0; e < 5; ++e) dot += A(i, e) * A(j, e), ni += A(i, e) * A(i, e), nj += A(j, e) * A(j, e);
            BOOST_TEST(std::abs(S(i, j) - dot / std::sqrt(ni * nj)) < 1e-14);
        }
    const std::vector<std::size_t> among = {0, 2, 3, 5, 6, 8, 9, 11};
    const auto nn = dlc::nearest_neighbours(S, among, 4);
    for (std::size_t a = 0; a < among.size(); ++a) {
        std::size_t best = among.size();
        for (std::size_t b = 0; b < among.size(); ++b)
            if (b != a && (best == among.size() || S(among[a], among[b]) > S(among[a], among[best]))) best = b;
        BOOST_TEST(nn[a][0] == among[best]);
        for (std::size_t k = 1; k < 4; ++k) BOOST_TEST(S(among[a], nn[a][k - 1]) >= S(among[a], nn[a][k]));
    }
    const std::vector<bool> member = {true, false, true, false, true, false, false, false};  // rows 0, 3, 6
    const auto g = dlc::group_neighbours(S, among, member, rng, 200);
    double within = 0, between = 0;
    std::size_t hits = 0;
    for (std::size_t a = 0; a < among.size(); ++a) {
        if (!member[a]) continue;
        for (std::size_t b = 0; b < among.size(); ++b)
            if (b != a) (member[b] ? within : between) += S(among[a], among[b]);
        for (std::size_t b = 0; b < among.size(); ++b)
            if (among[b] == nn[a][0]) hits += member[b];
    }
    BOOST_TEST(g.hits == hits);
    BOOST_TEST(std::abs(g.within - within / 6.0) < 1e-14);    // 3 members: 6 ordered pairs
    BOOST_TEST(std::abs(g.between - between / 15.0) < 1e-14);  // 3 x 5 (member, non-member) pairs
    BOOST_TEST(std::abs(g.chance - 2.0 / 7.0) < 1e-15);       // (g - 1) / (N - 1)
    BOOST_TEST(g.permutations == 200u);
}

// Group {0, 1} of two_pairs: each member's nearest neighbour is the other (2 hits, rate 1; chance (2 - 1)/(4 - 1) = 1/3);
// within = S01 = 0.9 / sqrt(0.82), between = (S02 + S03 + S12 + S13) / 4 = (0 + 2 * 0.1 / sqrt(0.82) + 0.18 / 0.82) / 4.
// Of the 6 groups of two, {0, 1} and {2, 3} reach 2 hits and the same gap: both p-values tend to 2/6.
BOOST_AUTO_TEST_CASE(group_test_on_a_known_case) {
    const Matrix<double> S = dlc::cosine_similarities(two_pairs);
    dlc::Rng rng(3);
    const auto g = dlc::group_neighbours(S, {0, 1, 2, 3}, {true, true, false, false}, rng, 20000);
    BOOST_TEST(g.candidates == 4u);
    BOOST_TEST(g.members == 2u);
    BOOST_TEST(g.hits == 2u);
    BOOST_TEST(g.rate == 1.0);
    BOOST_TEST(std::abs(g.chance - 1.0 / 3.0) < 1e-15);
    const double r = std::sqrt(0.82);
    BOOST_TEST(std::abs(g.within - 0.9 / r) < 1e-15);
    BOOST_TEST(std::abs(g.between - (0.2 / r + 0.18 / 0.82) / 4) < 1e-15);
    BOOST_TEST(std::abs(g.p_rate - 1.0 / 3.0) < 0.015);  // sd of the estimate: sqrt(2/9 / 20000) = 0.0033
    BOOST_TEST(std::abs(g.p_gap - 1.0 / 3.0) < 0.015);
    // The same seed gives the same p-values.
    dlc::Rng again(3);
    BOOST_TEST(dlc::group_neighbours(S, {0, 1, 2, 3}, {true, true, false, false}, again, 20000).p_rate == g.p_rate);
}

BOOST_AUTO_TEST_CASE(bad_inputs_throw) {
    const Matrix<double> S = dlc::cosine_similarities(two_pairs);
    dlc::Rng rng(1);
    check_throws<dlc::ValueError>([] { dlc::cosine_similarities(Matrix<double>{{1.0, 0.0}, {0.0, 0.0}}); },
                                  {"cosine_similarities", "row 1", "zero"});
    check_throws<dlc::ValueError>(
        [] { dlc::cosine_similarities(Matrix<double>{{1.0, std::numeric_limits<double>::quiet_NaN()}}); },
        {"cosine_similarities", "non-finite"});
    check_throws<dlc::ShapeError>([] { dlc::cosine_similarities(Matrix<double>::from_shape({0, 3})); },
                                  {"cosine_similarities", "empty"});
    check_throws<dlc::ShapeError>([] { dlc::nearest_neighbours(Matrix<double>{{1.0, 0.5}}, {0}, 1); },
                                  {"nearest_neighbours", "S must have shape"});
    check_throws<dlc::ValueError>([&] { dlc::nearest_neighbours(S, {0, 4}, 1); }, {"nearest_neighbours", "among[1] = 4"});
    check_throws<dlc::ValueError>([&] { dlc::nearest_neighbours(S, {0, 1, 0}, 1); }, {"nearest_neighbours", "twice"});
    check_throws<dlc::ValueError>([&] { dlc::nearest_neighbours(S, {0, 1, 2}, 0); }, {"nearest_neighbours", "k = 0"});
    check_throws<dlc::ValueError>([&] { dlc::nearest_neighbours(S, {0, 1, 2}, 3); }, {"nearest_neighbours", "k = 3"});
    check_throws<dlc::ShapeError>([&] { dlc::group_neighbours(S, {0, 1, 2}, {true, true}, rng); },
                                  {"group_neighbours", "expected 3, got 2"});
    check_throws<dlc::ValueError>([&] { dlc::group_neighbours(S, {0, 1, 2}, {true, false, false}, rng); },
                                  {"group_neighbours", "at least 2 members"});
    check_throws<dlc::ValueError>([&] { dlc::group_neighbours(S, {0, 1, 2}, {true, true, true}, rng); },
                                  {"group_neighbours", "1 non-member"});
    check_throws<dlc::ValueError>([&] { dlc::group_neighbours(S, {0, 1, 2}, {true, true, false}, rng, 0); },
                                  {"group_neighbours", "permutations"});
}

BOOST_AUTO_TEST_SUITE_END()
