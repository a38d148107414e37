// Worked examples of the clustering lectures, with every expected number derived by hand in the
// comments (never pasted from program output). Sources: ECE/CS 559 mock final Q1 and Q2 (with the
// handout's solutions) and the L17/18 notes' competitive-learning example.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "cluster/batch_competitive.hpp"
#include "cluster/competitive.hpp"
#include "cluster/init.hpp"
#include "cluster/kmeans.hpp"
#include "core/tensor.hpp"

#include <xtensor/xbuilder.hpp>
#include <xtensor/xio.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

#include <vector>

BOOST_AUTO_TEST_SUITE(kmeans_examples)

namespace {

namespace tt = boost::test_tools;

template <class T>
void check_matrix(const dlc::Matrix<T>& got, const dlc::Matrix<double>& want, double tol) {
    BOOST_REQUIRE(got.shape(0) == want.shape(0));
    BOOST_REQUIRE(got.shape(1) == want.shape(1));
    for (std::size_t i = 0; i < want.shape(0); ++i)
        for (std::size_t j = 0; j < want.shape(1); ++j)
            BOOST_TEST_CONTEXT("at (" << i << ", " << j << ")") {
                BOOST_TEST(static_cast<double>(got(i, j)) == want(i, j), tt::tolerance(tol));
            }
}

template <class T>
void check_vector(const dlc::Vector<T>& got, const std::vector<double>& want, double tol) {
    BOOST_REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i)
        BOOST_TEST_CONTEXT("at " << i) { BOOST_TEST(static_cast<double>(got(i)) == want[i], tt::tolerance(tol)); }
}

// Mock final Q1/Q2 use exact-tolerance comparisons where the numbers are small integers or halves
// (exact in binary); decimals like 0.495 get 1e-12 (double) / 1e-6 (float).

}  // namespace

// ============================================================ (a) Mock final Q1: Lloyd's algorithm
//
// x1 = (-0.01, 1), x2 = (1, 1), x3 = (0.01, -1), x4 = (-1, -1); k = 2; start at the 2nd and 3rd
// points: mu1 = (1, 1), mu2 = (0.01, -1).
//
// Assignment c^(0) (squared distances to mu1 | mu2):
//   x1: (-1.01)^2 + 0 = 1.0201      | (-0.02)^2 + 2^2 = 4.0004   -> 1
//   x2: 0                           | 0.99^2 + 2^2 = 4.9801      -> 1
//   x3: 0.99^2 + 2^2 = 4.9801       | 0                          -> 2
//   x4: 2^2 + 2^2 = 8               | (-1.01)^2 + 0 = 1.0201     -> 2
//   J_0 = 1.0201 + 0 + 0 + 1.0201 = 2.0402.
// Iteration 1, update: mu1 = ((-0.01 + 1)/2, (1 + 1)/2) = (0.495, 1), mu2 = ((0.01 - 1)/2, -1) = (-0.495, -1)
//   (the handout's 0.99/2 and -0.99/2).
// Reassignment c^(1): x1 to mu1: (-0.505)^2 = 0.255025, to mu2: 0.485^2 + 4 -> 1;
//   x2: 0.505^2 = 0.255025 vs 1.495^2 + 4 -> 1; x3: 0.505^2 = 0.255025 (mu2) vs (-0.485)^2 + 4 -> 2;
//   x4: (-0.505)^2 = 0.255025 (mu2) -> 2. Same cells: stop ("Step 2: V1 the same, V2 the same").
//   J_1 = 4 * 0.255025 = 1.0201.
// So: 1 iteration (the handout's Steps 1 and 2 are c^(0) + update and the confirming c^(1)),
// converged, J = (2.0402, 1.0201), final centres (0.495, 1) and (-0.495, -1).
BOOST_AUTO_TEST_CASE(mock_final_q1_lloyd_from_second_and_third_points) {
    const dlc::Matrix<double> X = {{-0.01, 1}, {1, 1}, {0.01, -1}, {-1, -1}};
    dlc::KMeansOptions opt;
    opt.record_trace = true;
    const auto r = dlc::kmeans(X, dlc::points_as_centres(X, {1, 2}), opt);
    BOOST_TEST(r.converged);
    BOOST_TEST(r.iterations == 1u);
    BOOST_REQUIRE(r.objective.size() == 2u);
    BOOST_TEST(r.objective[0] == 2.0402, tt::tolerance(1e-12));
    BOOST_TEST(r.objective[1] == 1.0201, tt::tolerance(1e-12));
    check_matrix(r.centres, {{0.495, 1}, {-0.495, -1}}, 1e-12);
    BOOST_TEST(r.assignments == (dlc::Labels{0, 0, 1, 1}));
    BOOST_REQUIRE(r.trace.size() == 1u);
    check_matrix(r.trace[0].centres_before, {{1, 1}, {0.01, -1}}, 0);
    BOOST_TEST(r.trace[0].assignments == (dlc::Labels{0, 0, 1, 1}));
    check_matrix(r.trace[0].centres_after, {{0.495, 1}, {-0.495, -1}}, 1e-12);
    BOOST_TEST(r.empty_clusters.empty());

    // Float gives the same cells and centres to float precision.
    const dlc::Matrix<float> Xf = xt::cast<float>(X);
    const auto rf = dlc::kmeans(Xf, dlc::points_as_centres(Xf, {1, 2}));
    BOOST_TEST(rf.iterations == 1u);
    check_matrix(rf.centres, {{0.495, 1}, {-0.495, -1}}, 1e-6);
    BOOST_TEST(rf.objective[1] == 1.0201, tt::tolerance(1e-5));
}

// (a) continued, Q1(b): a different initialization that converges elsewhere. The handout groups
// V1 = {x1, x4}, V2 = {x2, x3}; start at their means:
//   mu1 = ((-0.01 - 1)/2, (1 - 1)/2) = (-0.505, 0), mu2 = ((1 + 0.01)/2, 0) = (0.505, 0).
// Cells (squared distances to mu1 | mu2):
//   x1 = (-0.01, 1): 0.495^2 + 1 = 1.245025 | (-0.515)^2 + 1 = 1.265225 -> 1
//   x2 = (1, 1):     1.505^2 + 1 = 3.265025 | 0.495^2 + 1 = 1.245025    -> 2
//   x3 = (0.01, -1): 0.515^2 + 1 = 1.265225 | (-0.495)^2 + 1 = 1.245025 -> 2
//   x4 = (-1, -1):   (-0.495)^2 + 1 = 1.245025 | (-1.505)^2 + 1 = 3.265025 -> 1
// The means of these cells are mu1, mu2 again: a fixed point after one iteration (the y-axis is
// the Voronoi boundary), J = 4 * 1.245025 = 4.9801 at both steps.
// 1.0201 < 4.9801: the handout's (a) solution is the better local minimum; (b) is a worse fixed point.
BOOST_AUTO_TEST_CASE(mock_final_q1_other_initialization_other_fixed_point) {
    const dlc::Matrix<double> X = {{-0.01, 1}, {1, 1}, {0.01, -1}, {-1, -1}};
    const dlc::Matrix<double> init = {{-0.505, 0}, {0.505, 0}};
    const auto r = dlc::kmeans(X, init);
    BOOST_TEST(r.converged);
    BOOST_TEST(r.iterations == 1u);
    BOOST_TEST(r.assignments == (dlc::Labels{0, 1, 1, 0}));
    check_matrix(r.centres, {{-0.505, 0}, {0.505, 0}}, 1e-12);
    BOOST_TEST(r.objective[0] == 4.9801, tt::tolerance(1e-12));
    BOOST_TEST(r.objective[1] == 4.9801, tt::tolerance(1e-12));

    const auto a = dlc::kmeans(X, dlc::points_as_centres(X, {1, 2}));
    BOOST_TEST(a.objective.back() < r.objective.back());

    // Section 4 of the notes: the batch-competitive network (weights 2 mu_i, biases -||mu_i||^2)
    // makes the same cells. For mu1 = (-0.505, 0): w = (-1.01, 0), b = -0.255025; at x1:
    // v1 = 0.0101 - 0.255025 = -0.244925 and v2 = -0.0101 - 0.255025 = -0.265125 -> neuron 1 wins.
    const auto layer = dlc::batch_competitive_layer(init);
    BOOST_TEST(dlc::batch_competitive_assign(layer, X) == r.assignments);
    const auto V = dlc::batch_competitive_fields(layer, X);
    BOOST_TEST(V(0, 0) == -0.244925, tt::tolerance(1e-12));
    BOOST_TEST(V(0, 1) == -0.265125, tt::tolerance(1e-12));
}

// ============================================================ (b) Mock final Q2: competitive learning
//
// Data in order x1 = (0,1), x2 = (1,1), x3 = (0,-1), x4 = (-1,-1); eta = 1/2; w1 = (-1,2), w2 = (2,-1);
// winner i = argmax_i w_i^T x, y~ = w_i^T x, update w_i <- w_i + eta y~ (x - w_i) (only the winner),
// then round the winner's weights to integers; 2 epochs (It 1..8). Code indices are 0-based
// (w1 is neuron 0).
//
// Lowest-index ties with half-to-even rounding (the handout's choice; half toward zero gives the
// identical trace because every half met is 1/2 or -1/2, which both send to 0):
//   It1 x=(0,1):   v = (2, -1), winner 1, y~=2: w1 + 1*(x - w1) = x = (0,1).
//   It2 x=(1,1):   v = (1, 1), TIE -> winner 1, y~=1: (0,1) + 1/2 (1,0) = (1/2, 1) -> (0,1).
//   It3 x=(0,-1):  v = (-1, 1), winner 2, y~=1: (2,-1) + 1/2 (-2,0) = (1,-1).
//   It4 x=(-1,-1): v = (-1, 0), winner 2, y~=0: no change, (1,-1).
//   It5 x=(0,1):   v = (1, -1), winner 1, y~=1: (0,1) + 1/2 (0,0) = (0,1).
//   It6 x=(1,1):   v = (1, 0), winner 1, y~=1: (0,1) + 1/2 (1,0) = (1/2, 1) -> (0,1).
//   It7 x=(0,-1):  v = (-1, 1), winner 2, y~=1: (1,-1) + 1/2 (-1,0) = (1/2, -1) -> (0,-1).
//   It8 x=(-1,-1): v = (-1, 1), winner 2, y~=1: (0,-1) + 1/2 (-1,0) = (-1/2, -1) -> (0,-1).
//   Final w1 = (0,1), w2 = (0,-1), as the handout's table ends; clustering: w1 wins x1, x2 (the upper
//   points) and w2 wins x3, x4 (the lower points).
// Handout errata (its final weights are right, some intermediate entries are not):
//   - It4 and It8 print the 4th point as x = (-1, 1); the data is (-1, -1). (With (-1, 1) neuron 1
//     would win It4: v = (1, -2).)
//   - It6 prints 1/2 w1 + 1/2 (1,1) = (1/2, 1/2); it is (1/2, 1). ((1/2, 1/2) would round to (0,0)
//     under half-to-even, not to the (0,1) it shows.)
//   - It7 prints (1/2, -1/2); it is 1/2 (1,-1) + 1/2 (0,-1) = (1/2, -1).
//   - It8 prints (1/2, -1/2); it is 1/2 (0,-1) + 1/2 (-1,-1) = (-1/2, -1), which rounds to (0,-1)
//     except under half-away-from-zero.
BOOST_AUTO_TEST_CASE(mock_final_q2_handout_trace) {
    const dlc::Matrix<double> X = {{0, 1}, {1, 1}, {0, -1}, {-1, -1}};
    const dlc::Matrix<double> W = {{-1, 2}, {2, -1}};
    dlc::CompetitiveOptions opt;
    opt.eta = 0.5;
    opt.rule = dlc::CompetitiveRule::output_scaled;
    opt.rounding = dlc::Rounding::half_to_even;
    opt.tie_break = dlc::TieBreak::lowest_index;
    opt.epochs = 2;
    const auto r = dlc::competitive_learning(X, W, opt);
    BOOST_REQUIRE(r.trace.size() == 8u);

    const std::vector<std::size_t> winners = {0, 0, 1, 1, 0, 0, 1, 1};
    const std::vector<double> outputs = {2, 1, 1, 0, 1, 1, 1, 1};
    const std::vector<std::vector<double>> fields = {{2, -1}, {1, 1}, {-1, 1}, {-1, 0},
                                                     {1, -1}, {1, 0}, {-1, 1}, {-1, 1}};
    const std::vector<std::vector<double>> updates = {{0, 1}, {0.5, 1}, {1, -1}, {1, -1},
                                                      {0, 1}, {0.5, 1}, {0.5, -1}, {-0.5, -1}};
    const std::vector<dlc::Matrix<double>> after = {
        {{0, 1}, {2, -1}}, {{0, 1}, {2, -1}}, {{0, 1}, {1, -1}}, {{0, 1}, {1, -1}},
        {{0, 1}, {1, -1}}, {{0, 1}, {1, -1}}, {{0, 1}, {0, -1}}, {{0, 1}, {0, -1}}};
    for (std::size_t s = 0; s < 8; ++s) {
        const auto& step = r.trace[s];
        BOOST_TEST_CONTEXT("It" << s + 1) {
            BOOST_TEST(step.epoch == (s < 4 ? 1u : 2u));
            BOOST_TEST(step.iteration == s + 1);
            BOOST_TEST(step.point == s % 4);
            check_vector(step.fields, fields[s], 0);
            BOOST_TEST(step.winner == winners[s]);
            BOOST_TEST(step.tie == (s == 1));
            BOOST_TEST(step.output == outputs[s]);
            check_vector(step.update, updates[s], 0);
            check_matrix(step.weights_after, after[s], 0);
        }
    }
    check_matrix(r.weights, {{0, 1}, {0, -1}}, 0);
    // Clustering interpretation: argmax_i w_i^T x puts x1, x2 with w1 and x3, x4 with w2.
    for (std::size_t p = 0; p < 4; ++p) {
        const dlc::Vector<double> x = xt::row(X, p);
        BOOST_TEST(dlc::competitive_winner(dlc::competitive_fields(r.weights, x), dlc::TieBreak::lowest_index) ==
                   (p < 2 ? 0u : 1u));
    }

    // Half toward zero: the same trace (see above).
    opt.rounding = dlc::Rounding::half_toward_zero;
    const auto z = dlc::competitive_learning(X, W, opt);
    for (std::size_t s = 0; s < 8; ++s) check_matrix(z.trace[s].weights_after, after[s], 0);
}

// The other conventions, each traced by hand (only the steps that differ from the table above
// are spelled out; "-> " is the rounding).
//
// Lowest index, half away from zero (std::round) -- and half up, identical since every half met
// here is positive:
//   It1 w1 = (0,1). It2 tie -> w1: (1/2, 1) -> (1,1). It3 v = (-1, 1): w2 = (1,-1).
//   It4 v = (-2, 0): winner 2, y~=0, no change. It5 v = (1, -1): w1: (1,1) + 1/2 (-1,0) = (1/2,1) -> (1,1).
//   It6 v = (2, 0): y~=2, w1 = x = (1,1). It7 v = (-1, 1): w2: (1,-1) + 1/2 (-1,0) = (1/2,-1) -> (1,-1).
//   It8 v = (-2, 0): y~=0, no change.  Final w1 = (1,1), w2 = (1,-1). One tie (It2).
//
// Highest index, half to even:
//   It1 w1 = (0,1). It2 v = (1,1) tie -> w2, y~=1: (2,-1) + 1/2 (-1,2) = (3/2, 0) -> (2,0).
//   It3 x=(0,-1): v = (-1, 0): winner 2, y~=0, no change.
//   It4 x=(-1,-1): v = (-1, -2): winner 1, y~=-1: (0,1) - 1/2 ((-1,-1) - (0,1)) = (1/2, 2) -> (0,2).
//   It5 x=(0,1): v = (2, 0): winner 1, y~=2: w1 = x = (0,1).
//   It6 x=(1,1): v = (1, 2): winner 2, y~=2: w2 = x = (1,1).
//   It7 x=(0,-1): v = (-1,-1) tie -> w2, y~=-1: (1,1) - 1/2 ((0,-1) - (1,1)) = (3/2, 2) -> (2,2).
//   It8 x=(-1,-1): v = (-1,-4): winner 1, y~=-1: (0,1) + (1/2, 1) = (1/2, 2) -> (0,2).
//   Final w1 = (0,2), w2 = (2,2). Ties at It2, It7.
//
// Highest index, half toward zero:
//   It2 tie -> w2: (3/2, 0) -> (1,0). It3 v = (-1, 0): winner 2, y~=0, no change.
//   It4 x=(-1,-1): v = (-1,-1) tie -> w2, y~=-1: (1,0) - 1/2 ((-1,-1) - (1,0)) = (2, 1/2) -> (2,0).
//   It5 v = (1, 0): winner 1, y~=1: (0,1) unchanged. It6 v = (1, 2): w2 = x = (1,1).
//   It7 v = (-1,-1) tie -> w2, y~=-1: (3/2, 2) -> (1,2).
//   It8 v = (-1,-3): winner 1, y~=-1: (1/2, 2) -> (0,2).
//   Final w1 = (0,2), w2 = (1,2). Ties at It2, It4, It7.
//
// Highest index, half away from zero -- and half up, identical (all halves positive):
//   It2 tie -> w2: (3/2, 0) -> (2,0). It3 v = (-1, 0): no change. It4 v = (-1,-2): winner 1, y~=-1:
//   (1/2, 2) -> (1,2). It5 v = (2, 0): w1 = x = (0,1). It6 v = (1, 2): w2 = x = (1,1).
//   It7 v = (-1,-1) tie -> w2: (3/2, 2) -> (2,2). It8 v = (-1,-4): winner 1: (1/2, 2) -> (1,2).
//   Final w1 = (1,2), w2 = (2,2). Ties at It2, It7.
//
// With the highest-index tie rule the rule does not cluster this data: the weights grow away from it.
BOOST_AUTO_TEST_CASE(mock_final_q2_every_rounding_and_tie_rule) {
    const dlc::Matrix<double> X = {{0, 1}, {1, 1}, {0, -1}, {-1, -1}};
    const dlc::Matrix<double> W = {{-1, 2}, {2, -1}};
    using R = dlc::Rounding;
    using B = dlc::TieBreak;
    struct Case {
        B tie;
        R rounding;
        dlc::Matrix<double> final_weights;
        std::vector<std::size_t> tie_steps;  // 1-based It numbers
    };
    const std::vector<Case> cases = {
        {B::lowest_index, R::half_to_even, {{0, 1}, {0, -1}}, {2}},
        {B::lowest_index, R::half_toward_zero, {{0, 1}, {0, -1}}, {2}},
        {B::lowest_index, R::half_away_from_zero, {{1, 1}, {1, -1}}, {2}},
        {B::lowest_index, R::half_up, {{1, 1}, {1, -1}}, {2}},
        {B::highest_index, R::half_to_even, {{0, 2}, {2, 2}}, {2, 7}},
        {B::highest_index, R::half_toward_zero, {{0, 2}, {1, 2}}, {2, 4, 7}},
        {B::highest_index, R::half_away_from_zero, {{1, 2}, {2, 2}}, {2, 7}},
        {B::highest_index, R::half_up, {{1, 2}, {2, 2}}, {2, 7}},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT("tie " << int(c.tie) << " rounding " << int(c.rounding)) {
            dlc::CompetitiveOptions opt;
            opt.eta = 0.5;
            opt.rule = dlc::CompetitiveRule::output_scaled;
            opt.rounding = c.rounding;
            opt.tie_break = c.tie;
            opt.epochs = 2;
            const auto r = dlc::competitive_learning(X, W, opt);
            check_matrix(r.weights, c.final_weights, 0);
            std::vector<std::size_t> ties;
            for (const auto& s : r.trace)
                if (s.tie) ties.push_back(s.iteration);
            BOOST_TEST(ties == c.tie_steps, tt::per_element());
        }
    }
    // Spot checks of the highest-index/half-to-even trace: It4's update and It7's tie.
    dlc::CompetitiveOptions opt;
    opt.eta = 0.5;
    opt.rule = dlc::CompetitiveRule::output_scaled;
    opt.rounding = R::half_to_even;
    opt.tie_break = B::highest_index;
    opt.epochs = 2;
    const auto r = dlc::competitive_learning(X, W, opt);
    BOOST_TEST(r.trace[3].winner == 0u);
    BOOST_TEST(r.trace[3].output == -1.0);
    check_vector(r.trace[3].update, {0.5, 2}, 0);
    BOOST_TEST(r.trace[6].winner == 1u);
    check_vector(r.trace[6].update, {1.5, 2}, 0);
    check_matrix(r.trace[6].weights_after, {{0, 1}, {2, 2}}, 0);
}

// ============================================================ (c) Notes L17/18: competitive learning
//
// eta = 0.5, plain rule w_i <- w_i + eta (x - w_i), w1 = (0.8, 0), w2 = (0.9, 0.1); one epoch over
// x1 = (1,1), x2 = (0.9,1), x3 = (1,1.1), x4 = (1,-1), x5 = (1.1,-1), x6 = (1,-1.1).
//   x1: v = (0.8, 0.9 + 0.1 = 1.0), 2 wins: w2 = (0.9,0.1) + 0.5 (0.1, 0.9) = (0.95, 0.55).
//   x2: v = (0.72, 0.855 + 0.55 = 1.405), 2 wins: w2 = (0.95,0.55) + 0.5 (-0.05, 0.45) = (0.925, 0.775).
//   x3: v = (0.8, 0.925 + 0.8525 = 1.7775), 2 wins: w2 = (0.925,0.775) + 0.5 (0.075, 0.325) = (0.9625, 0.9375).
//   x4: v = (0.8, 0.9625 - 0.9375 = 0.025), 1 wins: w1 = (0.8,0) + 0.5 (0.2, -1) = (0.9, -0.5).
//   x5: v = (0.99 + 0.5 = 1.49, 1.05875 - 0.9375 = 0.12125), 1 wins: w1 = (0.9,-0.5) + 0.5 (0.2, -0.5) = (1, -0.75).
//   x6: v = (1 + 0.825 = 1.825, 0.9625 - 1.03125 = -0.06875), 1 wins: w1 = (1,-0.75) + 0.5 (0, -0.35) = (1, -0.925).
// Winners 2,2,2,1,1,1; final w1 = (1, -0.925), w2 = (0.9625, 0.9375). Every number the handout
// prints for this run checks out (including x3's field 1.7775 and w1 = (1, -0.925) after x6).
// Its preliminary table with the initial weights also holds: at x4 both fields are 0.8 ("Draw"),
// at x5 0.88 vs 0.89, at x6 0.80 vs 0.79.
BOOST_AUTO_TEST_CASE(notes_competitive_example) {
    const dlc::Matrix<double> X = {{1, 1}, {0.9, 1}, {1, 1.1}, {1, -1}, {1.1, -1}, {1, -1.1}};
    const dlc::Matrix<double> W = {{0.8, 0}, {0.9, 0.1}};
    dlc::CompetitiveOptions opt;
    opt.eta = 0.5;
    opt.rule = dlc::CompetitiveRule::plain;
    const auto r = dlc::competitive_learning(X, W, opt);
    BOOST_REQUIRE(r.trace.size() == 6u);
    const std::vector<std::size_t> winners = {1, 1, 1, 0, 0, 0};
    const std::vector<std::vector<double>> fields = {{0.8, 1.0},  {0.72, 1.405},   {0.8, 1.7775},
                                                     {0.8, 0.025}, {1.49, 0.12125}, {1.825, -0.06875}};
    const std::vector<dlc::Matrix<double>> after = {
        {{0.8, 0}, {0.95, 0.55}},   {{0.8, 0}, {0.925, 0.775}},      {{0.8, 0}, {0.9625, 0.9375}},
        {{0.9, -0.5}, {0.9625, 0.9375}}, {{1, -0.75}, {0.9625, 0.9375}}, {{1, -0.925}, {0.9625, 0.9375}}};
    for (std::size_t s = 0; s < 6; ++s) {
        BOOST_TEST_CONTEXT("x" << s + 1) {
            BOOST_TEST(r.trace[s].winner == winners[s]);
            BOOST_TEST(!r.trace[s].tie);
            check_vector(r.trace[s].fields, fields[s], 1e-12);
            check_matrix(r.trace[s].weights_after, after[s], 1e-12);
        }
    }
    check_matrix(r.weights, {{1, -0.925}, {0.9625, 0.9375}}, 1e-12);

    // The preliminary table: fields with the initial weights.
    const std::vector<std::vector<double>> initial_fields = {{0.8, 1.0}, {0.72, 0.91}, {0.8, 1.01},
                                                             {0.8, 0.8}, {0.88, 0.89}, {0.8, 0.79}};
    for (std::size_t p = 0; p < 6; ++p) {
        const dlc::Vector<double> x = xt::row(X, p);
        check_vector(dlc::competitive_fields(W, x), initial_fields[p], 1e-12);
    }
    // The "Draw" at x4: 0.9 * 1 + 0.1 * (-1) and 0.8 * 1 + 0 * (-1) are both exactly the double 0.8.
    bool tie = false;
    dlc::competitive_winner(dlc::competitive_fields(W, dlc::Vector<double>{1, -1}), dlc::TieBreak::lowest_index, &tie);
    BOOST_TEST(tie);

    // Float: same winners, weights to float precision.
    const dlc::Matrix<float> Xf = xt::cast<float>(X);
    const dlc::Matrix<float> Wf = xt::cast<float>(W);
    const auto rf = dlc::competitive_learning(Xf, Wf, opt);
    for (std::size_t s = 0; s < 6; ++s) BOOST_TEST(rf.trace[s].winner == winners[s]);
    check_matrix(rf.weights, {{1, -0.925}, {0.9625, 0.9375}}, 1e-6);
}

BOOST_AUTO_TEST_SUITE_END()
