// Worked examples of the perceptron lecture, with every expected number derived by hand in the comments
// (never pasted from program output). Sources: the ECE/CS 559 L17/18 notes (the Hebbian example with
// w(1) = (0.1, 0.1), the saturation example, the damped rule), the L8 notes (gradient descent on
// R(w) = w^4), and Bahng's "Deep Learning" notes, Examples 1.3 and 1.5 (bump and tower).
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "core/tensor.hpp"
#include "neuron/activation.hpp"
#include "neuron/bump.hpp"
#include "neuron/gd_1d.hpp"
#include "neuron/hebb.hpp"

#include <cmath>
#include <vector>

BOOST_AUTO_TEST_SUITE(perceptron_examples)

namespace {

namespace tt = boost::test_tools;

const dlc::Matrix<double> notes_points = {{1, 1}, {0.9, 1}, {1, 1.1}, {1, -1}, {1.1, -1}, {1, -1.1}};

template <class T>
void check2(const dlc::Vector<T>& got, double a, double b, double tol) {
    BOOST_REQUIRE(got.size() == 2u);
    BOOST_TEST(static_cast<double>(got(0)) == a, tt::tolerance(tol));
    BOOST_TEST(static_cast<double>(got(1)) == b, tt::tolerance(tol));
}

double sigma(double v) { return 1 / (1 + std::exp(-v)); }

}  // namespace

// ============================================================ L17/18: Hebb's rule, one epoch
//
// w(1) = (0.1, 0.1), eta = 1, y(n) = sgn(x_n^T w(n)), w(n+1) = w(n) + x_n y(n):
//   n = 1: x1 = (1, 1):     x1^T w(1) = 0.1 + 0.1 = 0.2      -> y = 1,  w(2) = (1.1, 1.1)
//   n = 2: x2 = (0.9, 1):   0.99 + 1.1 = 2.09                -> y = 1,  w(3) = (2.0, 2.1)
//   n = 3: x3 = (1, 1.1):   2 + 2.31 = 4.31                  -> y = 1,  w(4) = (3.0, 3.2)
//   n = 4: x4 = (1, -1):    3 - 3.2 = -0.2                   -> y = -1, w(5) = (2.0, 4.2)
//   n = 5: x5 = (1.1, -1):  2.2 - 4.2 = -2                   -> y = -1, w(6) = (0.9, 5.2)
//   n = 6: x6 = (1, -1.1):  0.9 - 5.72 = -4.82               -> y = -1, w(7) = (-0.1, 6.3)
// The notes print x5's and x6's outputs as sgn(x^T w(4)): x5^T w(4) = 3.3 - 3.2 = 0.1 > 0 would give +1
// (erratum; the printed -1 is the current weights' output) and x6^T w(4) = 3 - 3.52 = -0.52 gives -1 either way.
// Final outputs: x1..x3: -0.1 + 6.3 = 6.2, -0.09 + 6.3 = 6.21, -0.1 + 6.93 = 6.83 (> 0);
//                x4..x6: -0.1 - 6.3 = -6.4, -0.11 - 6.3 = -6.41, -0.1 - 6.93 = -7.03 (< 0): separated.
BOOST_AUTO_TEST_CASE(notes_hebb_example) {
    dlc::HebbOptions o;
    o.eta = 1;
    o.output = dlc::HebbOutput::sign;
    o.epochs = 1;
    const auto r = dlc::hebb_learning(notes_points, dlc::Vector<double>{0.1, 0.1}, o);
    BOOST_TEST(!r.diverged);
    BOOST_REQUIRE(r.trace.size() == 6u);
    const double fields[6] = {0.2, 2.09, 4.31, -0.2, -2, -4.82};
    const double outputs[6] = {1, 1, 1, -1, -1, -1};
    const double after[6][2] = {{1.1, 1.1}, {2, 2.1}, {3, 3.2}, {2, 4.2}, {0.9, 5.2}, {-0.1, 6.3}};
    for (std::size_t n = 0; n < 6; ++n)
        BOOST_TEST_CONTEXT("step " << n + 1) {
            BOOST_TEST(r.trace[n].field == fields[n], tt::tolerance(1e-12));
            BOOST_TEST(r.trace[n].output == outputs[n]);
            check2(r.trace[n].weights_after, after[n][0], after[n][1], 1e-12);
        }
    check2(r.weights, -0.1, 6.3, 1e-12);
    // The printed indices: with w(4) = (3, 3.2), x5 would give +1 and x6 -1.
    const dlc::Vector<double> w4 = r.trace[3].weights_before;
    check2(w4, 3, 3.2, 1e-12);
    BOOST_TEST(dlc::hebb_output(w4, dlc::Vector<double>{1.1, -1}, dlc::HebbOutput::sign) == 1.0);
    BOOST_TEST(dlc::hebb_output(w4, dlc::Vector<double>{1, -1.1}, dlc::HebbOutput::sign) == -1.0);
    // w(7) separates the clusters.
    for (std::size_t i = 0; i < 6; ++i)
        BOOST_TEST(dlc::hebb_output(r.weights, dlc::Vector<double>(xt::row(notes_points, i)), dlc::HebbOutput::sign) ==
                   (i < 3 ? 1.0 : -1.0));
    // float: the same numbers to single precision.
    const auto rf = dlc::hebb_learning(dlc::Matrix<float>(notes_points), dlc::Vector<float>{0.1f, 0.1f}, o);
    check2(rf.weights, -0.1, 6.3, 1e-5);
}

// The literal reading (x5's and x6's outputs with w(4)): y5 = +1 so w(6) = w(5) + x5 = (2 + 1.1, 4.2 - 1) = (3.1, 3.2),
// y6 = sgn(x6^T w(4)) = -1 so w(7) = (3.1 - 1, 3.2 + 1.1) = (2.1, 4.3), which also separates:
// x1: 6.4, x2: 6.19, x3: 6.83; x4: -2.2, x5: -1.99, x6: -2.63.
BOOST_AUTO_TEST_CASE(notes_hebb_example_literal_reading) {
    dlc::Vector<double> w = {2, 4.2};  // w(5), as computed above
    w = dlc::hebb_update(w, dlc::Vector<double>{1.1, -1}, 1.0, 1.0);
    check2(w, 3.1, 3.2, 1e-12);
    w = dlc::hebb_update(w, dlc::Vector<double>{1, -1.1}, -1.0, 1.0);
    check2(w, 2.1, 4.3, 1e-12);
    for (std::size_t i = 0; i < 6; ++i)
        BOOST_TEST(dlc::hebb_output(w, dlc::Vector<double>(xt::row(notes_points, i)), dlc::HebbOutput::sign) ==
                   (i < 3 ? 1.0 : -1.0));
}

// ============================================================ L17/18: saturation
//
// x = 1, w(0) = 1, eta = 1. Sign output: y = sgn(w) = 1 always, w(n+1) = w(n) + 1: 1, 2, 3, 4, 5 (the notes' 1, 2, 4, 8
// is wrong for sgn). Linear output: y = w, w(n+1) = 2 w(n): 1, 2, 4, 8, 16.
// Damped, sign output: w(n+1) = alpha w(n) + 1; alpha = 1/2: 1, 3/2, 7/4, 15/8 -> 1/(1 - 1/2) = 2.
BOOST_AUTO_TEST_CASE(notes_saturation_example) {
    const dlc::Matrix<double> X = {{1}};
    const auto run = [&](dlc::HebbOutput out, double alpha, std::size_t steps) {
        dlc::HebbOptions o;
        o.output = out;
        o.alpha = alpha;
        o.epochs = steps;
        const auto r = dlc::hebb_learning(X, dlc::Vector<double>{1}, o);
        std::vector<double> s{1};
        for (const auto& st : r.trace) s.push_back(st.weights_after(0));
        return s;
    };
    BOOST_TEST(run(dlc::HebbOutput::sign, 1, 4) == (std::vector<double>{1, 2, 3, 4, 5}), tt::per_element());
    BOOST_TEST(run(dlc::HebbOutput::linear, 1, 4) == (std::vector<double>{1, 2, 4, 8, 16}), tt::per_element());
    BOOST_TEST(run(dlc::HebbOutput::sign, 0.5, 3) == (std::vector<double>{1, 1.5, 1.75, 1.875}), tt::per_element());
    // The notes' general terms 1 + alpha, 1 + alpha (1 + alpha) for alpha = 0.9: 1.9, 2.71.
    const auto s9 = run(dlc::HebbOutput::sign, 0.9, 2);
    BOOST_TEST(s9[1] == 1.9, tt::tolerance(1e-15));
    BOOST_TEST(s9[2] == 2.71, tt::tolerance(1e-15));
    // w(n) - 2 = (1/2)^n (1 - 2): after 60 steps |w - 2| = 2^-60.
    const auto s = run(dlc::HebbOutput::sign, 0.5, 60);
    BOOST_TEST(std::abs(s.back() - 2.0) <= std::ldexp(1.0, -60) * 1.0000001);
    BOOST_TEST(dlc::damped_hebb_fixed_point(0.5) == 2.0);
    // Damped, linear output: w(n+1) = (alpha + 1) w(n) = 1.5 w(n): 1, 1.5, 2.25 - still diverging.
    BOOST_TEST(run(dlc::HebbOutput::linear, 0.5, 2) == (std::vector<double>{1, 1.5, 2.25}), tt::per_element());
}

// ============================================================ L8: gradient descent on w^4
//
// w(t) = w(t-1) - eta 4 w(t-1)^3, w(0) = 1.
// eta = 1/8: w(1) = 1 - 1/2 = 1/2; w(2) = 1/2 - 4 (1/8)(1/8) = 1/2 - 1/16 = 7/16 (the notes print 3/16: erratum).
// eta = 1/2: w(1) = 1 - 2 = -1, w(2) = -1 + 2 = 1: the 2-cycle.
BOOST_AUTO_TEST_CASE(notes_gd_w4) {
    const auto R = [](double w) { return w * w * w * w; };
    const auto dR = [](double w) { return 4 * w * w * w; };
    dlc::Gd1dOptions o;
    o.eta = 1.0 / 8;
    o.max_iterations = 2;
    const auto a = dlc::gradient_descent_1d(R, dR, 1.0, o);
    BOOST_TEST(a.w[1] == 0.5);
    BOOST_TEST(a.w[2] == 7.0 / 16);
    BOOST_TEST(a.w[2] != 3.0 / 16);
    o.eta = 0.5;
    o.max_iterations = 50;
    const auto b = dlc::gradient_descent_1d(R, dR, 1.0, o);
    BOOST_TEST(b.outcome == dlc::Gd1dOutcome::cycle);
    BOOST_TEST(b.cycle_period == 2u);
    // eta = 1/8 converges to 0 with 1/w(t)^2 growing by about 8 eta = 1 per step: w(100) ~ 1/sqrt(100 + 1) ~ 0.1.
    o.eta = 1.0 / 8;
    o.max_iterations = 100;
    const auto c = dlc::gradient_descent_1d(R, dR, 1.0, o);
    BOOST_TEST(c.w[100] == 0.1, tt::tolerance(0.05));
}

// ============================================================ Bahng 1.3 and 1.5: bump and tower
//
// Example 1.3 prints f(x) ~ (1/2) sigma(k(x - a)) - (1/2) sigma(k(x - b)); inside (a, b) with k large the two sigmoids
// are 1 and 0, so this tends to 1/2 (erratum: the bump of height 1 has no factors 1/2). At the centre of (0.3, 0.7) with
// k = 100: sigma(20) - sigma(-20) = 1 - 2 e^{-20} (to first order) = 0.9999999958776927.
BOOST_AUTO_TEST_CASE(bahng_bump_example) {
    const double a = 0.3, b = 0.7, k = 100;
    const double printed = 0.5 * sigma(k * (0.5 - a)) - 0.5 * sigma(k * (0.5 - b));
    BOOST_TEST(printed == 0.5, tt::tolerance(1e-8));
    BOOST_TEST(dlc::bump(0.5, a, b, k) == 1 - 2 * std::exp(-20.0), tt::tolerance(1e-15));
}

// Example 1.5 with the printed offset b2 = 0.7: at (0.5, 0.1) (x1 strip only), k1 = k2 = 100, B1 ~ 1 and B2 ~ 0 so
// sigma(100 * 1 - 0.7) ~ 1: the printed formula fires on the strip (a cross). With the threshold 3/2,
// sigma(100 (1 - 3/2)) = sigma(-50) ~ 2e-22: the tower.
BOOST_AUTO_TEST_CASE(bahng_tower_example) {
    const dlc::TowerBox box{0.3, 0.7, 0.3, 0.7};
    const double k = 100;
    const double s = sigma(k * (0.5 - 0.3)) - sigma(k * (0.5 - 0.7)) + sigma(k * (0.1 - 0.3)) - sigma(k * (0.1 - 0.7));
    BOOST_TEST(s == 1.0, tt::tolerance(1e-8));
    BOOST_TEST(sigma(k * s - box.b2) == 1.0, tt::tolerance(1e-12));
    BOOST_TEST(dlc::tower(0.5, 0.1, box, k, k) == sigma(-50.0), tt::tolerance(1e-6));
    BOOST_TEST(dlc::tower(0.5, 0.5, box, k, k) == 1.0, tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_SUITE_END()
