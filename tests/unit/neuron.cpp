// Unit tests of lib/neuron: activations, the extended notation, the perceptron (with margins and
// Novikoff's bound), Hebb's and Oja's rules, LMS / the delta rule / closed-form regression (against
// NumPy reference values in tests/fixtures/neuron_reference.json), 1-D gradient descent and the
// bump/tower functions. Expected numbers are derived by hand in the comments.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "core/tensor.hpp"
#include "neuron/activation.hpp"
#include "neuron/bump.hpp"
#include "neuron/extended.hpp"
#include "neuron/gd_1d.hpp"
#include "neuron/hebb.hpp"
#include "neuron/lms.hpp"
#include "neuron/oja.hpp"
#include "neuron/perceptron.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <string>

BOOST_AUTO_TEST_SUITE(neuron)

namespace {

namespace tt = boost::test_tools;

const nlohmann::json& fixture() {
    static const nlohmann::json j = [] {
        const char* dir = std::getenv("DLC_FIXTURES");
        BOOST_TEST_REQUIRE(dir != nullptr, "DLC_FIXTURES is set by CTest");
        std::ifstream f(std::string(dir) + "/neuron_reference.json");
        BOOST_TEST_REQUIRE(f.good(), "cannot open neuron_reference.json in " << dir);
        return nlohmann::json::parse(f);
    }();
    return j;
}

dlc::Matrix<double> matrix(const nlohmann::json& rows) {
    dlc::Matrix<double> M = dlc::Matrix<double>::from_shape({rows.size(), rows.at(0).size()});
    for (std::size_t i = 0; i < rows.size(); ++i)
        for (std::size_t j = 0; j < rows[i].size(); ++j) M(i, j) = rows[i][j].get<double>();
    return M;
}

dlc::Vector<double> vector(const nlohmann::json& v) {
    dlc::Vector<double> r = dlc::Vector<double>::from_shape({v.size()});
    for (std::size_t i = 0; i < v.size(); ++i) r(i) = v[i].get<double>();
    return r;
}

// The message of the exception `f` throws (fails the test if it throws none).
template <class E, class F>
std::string message_of(F f) {
    try {
        f();
    } catch (const E& e) {
        return e.what();
    }
    BOOST_FAIL("no exception thrown");
    return "";
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

// ================================================================ activations

BOOST_AUTO_TEST_CASE(step_and_sign) {
    // u(v) = 1 for v >= 0 (u(0) = 1), sgn(0) = 0.
    BOOST_TEST(dlc::heaviside(0.0) == 1.0);
    BOOST_TEST(dlc::heaviside(-1e-300) == 0.0);
    BOOST_TEST(dlc::heaviside(2.5f) == 1.0f);
    BOOST_TEST(dlc::signum(0.0) == 0.0);
    BOOST_TEST(dlc::signum(-3.0) == -1.0);
    BOOST_TEST(dlc::signum(1e-300) == 1.0);
}

BOOST_AUTO_TEST_CASE(logistic_with_slope) {
    // g(0) = 1/2 for every slope; g(1; a = 2) = 1/(1 + e^{-2}) = 0.8807970779778823.
    BOOST_TEST(dlc::logistic(0.0, 3.0) == 0.5);
    BOOST_TEST(dlc::logistic(1.0, 2.0) == 0.8807970779778823, tt::tolerance(1e-15));
    BOOST_TEST(dlc::logistic(-1.0, 2.0) == 1 - 0.8807970779778823, tt::tolerance(1e-14));
    // No overflow: e^{1000} is not formed.
    BOOST_TEST(dlc::logistic(-1000.0, 1.0) == 0.0);
    BOOST_TEST(dlc::logistic(1000.0, 1.0) == 1.0);
    BOOST_TEST(std::isfinite(dlc::logistic(-200.0f, 1.0f)));
    // g'(0; a) = a/4.
    BOOST_TEST(dlc::logistic_derivative(0.0, 2.0) == 0.5);
}

BOOST_AUTO_TEST_CASE(logistic_derivative_matches_central_differences) {
    for (double a : {0.5, 1.0, 5.0})
        for (double v : {-2.0, -0.3, 0.0, 0.7, 1.9}) {
            const double h = 1e-5;
            const double num = (dlc::logistic(v + h, a) - dlc::logistic(v - h, a)) / (2 * h);
            BOOST_TEST(dlc::logistic_derivative(v, a) == num, tt::tolerance(1e-8));
        }
}

// ================================================================ extended notation

BOOST_AUTO_TEST_CASE(extended_inputs) {
    const dlc::Vector<double> x = {2, -1};
    BOOST_TEST(dlc::extend(x) == (dlc::Vector<double>{1, 2, -1}));
    const dlc::Matrix<double> X = {{1, 2}, {3, 4}};
    BOOST_TEST(dlc::with_bias_input(X) == (dlc::Matrix<double>{{1, 1, 2}, {1, 3, 4}}));
    // v = w^T x = 0.5 * 1 + 1 * 2 - 2 * (-1) = 4.5
    BOOST_TEST(dlc::local_field(dlc::Vector<double>{0.5, 1, -2}, dlc::Vector<double>{1, 2, -1}) == 4.5);
    const auto msg = message_of<dlc::ShapeError>(
        [] { dlc::local_field(dlc::Vector<double>{1, 2}, dlc::Vector<double>{1, 2, 3}); });
    BOOST_TEST(contains(msg, "local_field"));
    BOOST_TEST(contains(msg, "(2)"));
    BOOST_TEST(contains(msg, "(3)"));
}

// ================================================================ perceptron

// AND with x~ = (1, x1, x2), d = (0, 0, 0, 1), w(0) = 0, eta = 1 (v >= 0 gives y = 1):
// epoch 1: (1,0,0) v=0 y=1 d=0 -> w=(-1,0,0); (1,0,1) v=-1 ok; (1,1,0) v=-1 ok; (1,1,1) v=-1 y=0 d=1 -> (0,1,1)
// epoch 2: v=0 -> (-1,1,1); v=0 -> (-2,1,0); v=-1 ok; v=-1 -> (-1,2,1)                      [3 mistakes]
// epoch 3: v=-1 ok; v=0 -> (-2,2,0); v=0 -> (-3,1,0); v=-2 -> (-2,2,1)                       [3]
// epoch 4: v=-2 ok; v=-1 ok; v=0 -> (-3,1,1); v=-1 -> (-2,2,2)                               [2]
// epoch 5: v=-2 ok; v=0 -> (-3,2,1); v=-1 ok; v=0 y=1 d=1 ok                                 [1]
// epoch 6: v=-3, -2, -1, 0: all correct                                                      [0]
BOOST_AUTO_TEST_CASE(perceptron_learns_and_by_hand) {
    const auto X = dlc::with_bias_input(dlc::Matrix<double>{{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    const dlc::Labels d = {0, 0, 0, 1};
    const auto r = dlc::perceptron_learning(X, d, dlc::Vector<double>{0, 0, 0});
    BOOST_TEST(r.converged);
    BOOST_TEST(!r.cycle);
    BOOST_TEST(r.epochs == 6u);
    BOOST_TEST(r.mistakes == (std::vector<std::size_t>{2, 3, 3, 2, 1, 0}), tt::per_element());
    BOOST_TEST(r.weights == (dlc::Vector<double>{-3, 2, 1}));
    BOOST_TEST(r.epoch_weights[1] == (dlc::Vector<double>{0, 1, 1}));
    BOOST_TEST(r.epoch_weights[4] == (dlc::Vector<double>{-2, 2, 2}));
    BOOST_REQUIRE(r.trace.size() == 24u);
    BOOST_TEST(r.trace[0].field == 0.0);
    BOOST_TEST(r.trace[0].output == 1.0);
    BOOST_TEST(r.trace[0].mistake);
    BOOST_TEST(r.trace[0].weights_after == (dlc::Vector<double>{-1, 0, 0}));
    BOOST_TEST(dlc::perceptron_predict(X, r.weights) == d);
    // The float instantiation follows the same integer path.
    const auto rf = dlc::perceptron_learning(dlc::Matrix<float>(X), d, dlc::Vector<float>{0, 0, 0});
    BOOST_TEST(rf.epochs == 6u);
    BOOST_TEST(rf.weights == (dlc::Vector<float>{-3, 2, 1}));
}

// XOR, w(0) = 0, eta = 1:
// epoch 1: (1,0,0) d0 v=0 -> (-1,0,0); (1,0,1) d1 v=-1 -> (0,0,1); (1,1,0) d1 v=0 ok; (1,1,1) d0 v=1 -> (-1,-1,0)
// epoch 2: v=-1 ok; v=-1 -> (0,-1,1); v=-1 -> (1,0,1); v=2 -> (0,-1,0)
// epoch 3: v=0 -> (-1,-1,0); v=-1 -> (0,-1,1); v=-1 -> (1,0,1); v=2 -> (0,-1,0) = the end of epoch 2:
// the weights cycle with period 1 from epoch 2 on, 4 mistakes per epoch: never converges.
BOOST_AUTO_TEST_CASE(perceptron_cycles_on_xor) {
    const auto X = dlc::with_bias_input(dlc::Matrix<double>{{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    const dlc::Labels d = {0, 1, 1, 0};
    const auto r = dlc::perceptron_learning(X, d, dlc::Vector<double>{0, 0, 0});
    BOOST_TEST(!r.converged);
    BOOST_TEST(r.cycle);
    BOOST_TEST(r.cycle_start == 2u);
    BOOST_TEST(r.cycle_length == 1u);
    BOOST_TEST(r.epochs == 3u);
    BOOST_TEST(r.mistakes == (std::vector<std::size_t>{3, 3, 4}), tt::per_element());
    BOOST_TEST(r.epoch_weights[2] == (dlc::Vector<double>{0, -1, 0}));
    // Without cycle detection it runs to the epoch budget.
    dlc::PerceptronOptions o;
    o.detect_cycles = false;
    o.max_epochs = 25;
    const auto r2 = dlc::perceptron_learning(X, d, dlc::Vector<double>{0, 0, 0}, o);
    BOOST_TEST(!r2.converged);
    BOOST_TEST(r2.epochs == 25u);
}

BOOST_AUTO_TEST_CASE(perceptron_argument_errors) {
    const dlc::Matrix<double> X = {{1, 0}, {1, 1}};
    BOOST_CHECK_THROW(dlc::perceptron_learning(X, dlc::Labels{0, 2}, dlc::Vector<double>{0, 0}), dlc::ValueError);
    const auto msg = message_of<dlc::ShapeError>(
        [&] { dlc::perceptron_learning(X, dlc::Labels{0, 1, 1}, dlc::Vector<double>{0, 0}); });
    BOOST_TEST(contains(msg, "perceptron_learning: desired must have shape (2), got (3)"));
    BOOST_CHECK_THROW(dlc::perceptron_learning(X, dlc::Labels{0, 1}, dlc::Vector<double>{0, 0, 0}), dlc::ShapeError);
    dlc::PerceptronOptions o;
    o.eta = 0;
    BOOST_CHECK_THROW(dlc::perceptron_learning(X, dlc::Labels{0, 1}, dlc::Vector<double>{0, 0}, o), dlc::ValueError);
}

// Class 1 {(0, 2), (2, 2)} and class 0 {(0, 0), (2, 0)}: the hulls are the segments y = 2 and y = 0, distance 2,
// so gamma* = 1 with the line y = 1: w = (0, 1), b = -1.
BOOST_AUTO_TEST_CASE(max_margin_of_two_segments) {
    const dlc::Matrix<double> X = {{0, 2}, {2, 2}, {0, 0}, {2, 0}};
    const dlc::Labels d = {1, 1, 0, 0};
    const auto m = dlc::max_margin_2d(X, d);
    BOOST_TEST(m.separable);
    BOOST_TEST(m.margin == 1.0, tt::tolerance(1e-15));
    BOOST_TEST(m.extended_w(0) == -1.0, tt::tolerance(1e-15));
    BOOST_TEST(std::abs(m.extended_w(1)) < 1e-15);
    BOOST_TEST(m.extended_w(2) == 1.0, tt::tolerance(1e-15));
    BOOST_TEST(m.closest_class1(1) == 2.0);
    BOOST_TEST(m.closest_class0(1) == 0.0);
    BOOST_TEST(dlc::separator_margin(X, d, m.extended_w) == 1.0, tt::tolerance(1e-15));
}

// A point against a segment: class 1 {(2, 0)}, class 0 {(0, -1), (0, 1)}: distance 2 to the segment x = 0,
// margin 1, line x = 1 (b = -1, w = (1, 0)). A triangle around a point of the other class: not separable.
BOOST_AUTO_TEST_CASE(max_margin_point_segment_and_overlap) {
    const auto m = dlc::max_margin_2d(dlc::Matrix<double>{{2, 0}, {0, -1}, {0, 1}}, dlc::Labels{1, 0, 0});
    BOOST_TEST(m.separable);
    BOOST_TEST(m.margin == 1.0, tt::tolerance(1e-15));
    BOOST_TEST(m.extended_w(0) == -1.0, tt::tolerance(1e-15));
    BOOST_TEST(m.extended_w(1) == 1.0, tt::tolerance(1e-15));
    const auto inside = dlc::max_margin_2d(dlc::Matrix<double>{{0, 0}, {-1, -1}, {1, -1}, {0, 1}}, dlc::Labels{1, 0, 0, 0});
    BOOST_TEST(!inside.separable);
    BOOST_TEST(inside.margin == 0.0);
    const auto xr = dlc::max_margin_2d(dlc::Matrix<double>{{0, 0}, {0, 1}, {1, 0}, {1, 1}}, dlc::Labels{0, 1, 1, 0});
    BOOST_TEST(!xr.separable);
    BOOST_CHECK_THROW(dlc::max_margin_2d(dlc::Matrix<double>{{0, 0}, {1, 1}}, dlc::Labels{1, 1}), dlc::ValueError);
}

// The max-margin line of a random separable set is at least as wide as any line the perceptron finds, and
// its margin equals the distance of the closest points to it.
BOOST_AUTO_TEST_CASE(max_margin_beats_the_perceptron_line) {
    dlc::Rng rng(7);
    dlc::Matrix<double> X = dlc::Matrix<double>::from_shape({60, 2});
    dlc::Labels d = dlc::Labels::from_shape({60});
    for (std::size_t i = 0; i < 60;) {
        const double a = rng.uniform(-1, 1), b = rng.uniform(-1, 1), s = 0.3 * a + b - 0.1;
        if (std::abs(s) < 0.05) continue;
        X(i, 0) = a, X(i, 1) = b, d(i) = s > 0, ++i;
    }
    const auto m = dlc::max_margin_2d(X, d);
    BOOST_REQUIRE(m.separable);
    BOOST_TEST(dlc::separator_margin(X, d, m.extended_w) == m.margin, tt::tolerance(1e-12));
    const auto r = dlc::perceptron_learning(dlc::with_bias_input(X), d, dlc::Vector<double>{0, 0, 0});
    BOOST_REQUIRE(r.converged);
    BOOST_TEST(dlc::separator_margin(X, d, r.weights) > 0.0);
    BOOST_TEST(dlc::separator_margin(X, d, r.weights) <= m.margin + 1e-12);
    // Novikoff: updates <= (R / gamma~)^2 for the extended max-margin separator.
    const auto bound = dlc::novikoff_bound(dlc::with_bias_input(X), d, m.extended_w);
    std::size_t updates = 0;
    for (auto k : r.mistakes) updates += k;
    BOOST_TEST(double(updates) <= bound.mistake_bound);
}

// x~ = (1, 0, 1) with d = 1 and (1, 0, -1) with d = 0, w* = (0, 0, 1): R = sqrt(2), gamma = 1, bound 2.
// separator_margin with (b, w) = (0, 0, 2): (0 + 2 * 1) / 2 = 1 and -(0 - 2) / 2 = 1.
BOOST_AUTO_TEST_CASE(novikoff_and_separator_margin_by_hand) {
    const auto b = dlc::novikoff_bound(dlc::Matrix<double>{{1, 0, 1}, {1, 0, -1}}, dlc::Labels{1, 0},
                                       dlc::Vector<double>{0, 0, 1});
    BOOST_TEST(b.radius == std::sqrt(2.0), tt::tolerance(1e-15));
    BOOST_TEST(b.margin == 1.0);
    BOOST_TEST(b.mistake_bound == 2.0, tt::tolerance(1e-15));
    const dlc::Matrix<double> X = {{0, 1}, {0, -1}};
    BOOST_TEST(dlc::separator_margin(X, dlc::Labels{1, 0}, dlc::Vector<double>{0, 0, 2}) == 1.0);
    // Swapped labels: both points on the wrong side at distance 1.
    BOOST_TEST(dlc::separator_margin(X, dlc::Labels{0, 1}, dlc::Vector<double>{0, 0, 2}) == -1.0);
    BOOST_CHECK_THROW(dlc::separator_margin(X, dlc::Labels{0, 1}, dlc::Vector<double>{1, 0, 0}), dlc::ValueError);
}

// ================================================================ Hebb

// alpha w + eta x y with w = (1, 2), x = (3, -1), y = 2, eta = 0.5, alpha = 0.9: (0.9 + 3, 1.8 - 1) = (3.9, 0.8).
BOOST_AUTO_TEST_CASE(hebb_update_and_output) {
    const auto w = dlc::hebb_update(dlc::Vector<double>{1, 2}, dlc::Vector<double>{3, -1}, 2.0, 0.5, 0.9);
    BOOST_TEST(w(0) == 3.9, tt::tolerance(1e-15));
    BOOST_TEST(w(1) == 0.8, tt::tolerance(1e-15));
    // x^T w = 1 - 1 = 0: sgn gives 0, linear gives 0; x^T w = 3 * 1 - 2 = 1 for w = (1, 2), x = (3, -1).
    BOOST_TEST(dlc::hebb_output(dlc::Vector<double>{1, 1}, dlc::Vector<double>{1, -1}, dlc::HebbOutput::sign) == 0.0);
    BOOST_TEST(dlc::hebb_output(dlc::Vector<double>{1, 2}, dlc::Vector<double>{3, -1}, dlc::HebbOutput::linear) == 1.0);
    BOOST_TEST(dlc::hebb_output(dlc::Vector<double>{1, 2}, dlc::Vector<double>{-3, 1}, dlc::HebbOutput::sign) == -1.0);
}

// Linear output on x = 1 from w = 1: w(n) = 2^n. With blowup 1e6 the step to 2^20 = 1048576 is refused:
// 19 steps taken, w = 2^19, diverged at step 20.
BOOST_AUTO_TEST_CASE(hebb_divergence_is_reported) {
    dlc::HebbOptions o;
    o.output = dlc::HebbOutput::linear;
    o.epochs = 100;
    o.blowup = 1e6;
    const auto r = dlc::hebb_learning(dlc::Matrix<double>{{1}}, dlc::Vector<double>{1}, o);
    BOOST_TEST(r.diverged);
    BOOST_TEST(r.steps == 19u);
    BOOST_TEST(r.weights(0) == 524288.0);
    BOOST_TEST(r.trace.size() == 19u);
    BOOST_TEST(contains(r.diagnosis, "step 20"));
    BOOST_TEST(contains(r.diagnosis, "hebb_learning"));
}

BOOST_AUTO_TEST_CASE(damped_fixed_point_and_errors) {
    // w* = eta / (1 - alpha): 1 / 0.5 = 2, 2 / 0.1 = 20.
    BOOST_TEST(dlc::damped_hebb_fixed_point(0.5) == 2.0);
    BOOST_TEST(dlc::damped_hebb_fixed_point(0.9, 2.0) == 20.0, tt::tolerance(1e-14));
    BOOST_CHECK_THROW(dlc::damped_hebb_fixed_point(1.0), dlc::ValueError);
    BOOST_CHECK_THROW(dlc::hebb_learning(dlc::Matrix<double>{{1, 2}}, dlc::Vector<double>{1}), dlc::ShapeError);
    dlc::HebbOptions o;
    o.epochs = 0;
    BOOST_CHECK_THROW(dlc::hebb_learning(dlc::Matrix<double>{{1}}, dlc::Vector<double>{1}, o), dlc::ValueError);
    // The damped rule on x = 1, sign output, converges to 1/(1 - alpha).
    o.epochs = 200;
    o.alpha = 0.5;
    const auto r = dlc::hebb_learning(dlc::Matrix<double>{{1}}, dlc::Vector<double>{1}, o);
    BOOST_TEST(r.weights(0) == 2.0, tt::tolerance(1e-12));
}

// ================================================================ Oja

// w = (1, 0), x = (1, 1), eta = 0.1: y = 1; Oja: w + 0.1 * 1 * ((1, 1) - (1, 0)) = (1, 0.1);
// normalized Hebb: (1.1, 0.1) / sqrt(1.22).
BOOST_AUTO_TEST_CASE(oja_and_normalized_hebb_steps_by_hand) {
    const auto a = dlc::oja_update(dlc::Vector<double>{1, 0}, dlc::Vector<double>{1, 1}, 0.1);
    BOOST_TEST(a(0) == 1.0);
    BOOST_TEST(a(1) == 0.1, tt::tolerance(1e-15));
    const auto b = dlc::normalized_hebb_update(dlc::Vector<double>{1, 0}, dlc::Vector<double>{1, 1}, 0.1);
    BOOST_TEST(b(0) == 1.1 / std::sqrt(1.22), tt::tolerance(1e-15));
    BOOST_TEST(b(1) == 0.1 / std::sqrt(1.22), tt::tolerance(1e-14));
    // The two agree to O(eta^2): the gap shrinks ~100x per 10x smaller eta.
    const dlc::Vector<double> w = {0.6, 0.8}, x = {1.5, -0.5};
    const auto gap = [&](double eta) {
        const auto p = dlc::oja_update(w, x, eta), q = dlc::normalized_hebb_update(w, x, eta);
        return std::hypot(p(0) - q(0), p(1) - q(1));
    };
    BOOST_TEST(gap(0.01) / gap(0.001) == 100.0, tt::tolerance(0.02));
}

BOOST_AUTO_TEST_CASE(top_eigenvector_matches_numpy) {
    const auto& f = fixture();
    const auto X = matrix(f["oja"]["X"]);
    const auto C = dlc::second_moment(X);
    const auto Cref = matrix(f["oja"]["C"]);
    for (std::size_t i = 0; i < 2; ++i)
        for (std::size_t j = 0; j < 2; ++j) BOOST_TEST(C(i, j) == Cref(i, j), tt::tolerance(1e-12));
    const auto pc = dlc::top_eigenvector(C);
    const auto u = vector(f["oja"]["top_eigenvector"]);
    BOOST_TEST(pc.eigenvalue == f["oja"]["eigenvalues"][0].get<double>(), tt::tolerance(1e-12));
    BOOST_TEST(pc.second_eigenvalue == f["oja"]["eigenvalues"][1].get<double>(), tt::tolerance(1e-12));
    BOOST_TEST(pc.direction(0) == u(0), tt::tolerance(1e-10));
    BOOST_TEST(pc.direction(1) == u(1), tt::tolerance(1e-10));
    const auto p3 = dlc::top_eigenvector(matrix(f["eig3"]["S"]));
    const auto u3 = vector(f["eig3"]["top_eigenvector"]);
    BOOST_TEST(p3.eigenvalue == f["eig3"]["eigenvalues"][0].get<double>(), tt::tolerance(1e-12));
    for (std::size_t l = 0; l < 3; ++l) BOOST_TEST(p3.direction(l) == u3(l), tt::tolerance(1e-10));
    BOOST_CHECK_THROW(dlc::top_eigenvector(dlc::Matrix<double>{{1, 2, 3}, {4, 5, 6}}), dlc::ShapeError);
}

BOOST_AUTO_TEST_CASE(oja_converges_to_numpys_principal_component) {
    const auto& f = fixture();
    const auto X = matrix(f["oja"]["X"]);
    const auto u = vector(f["oja"]["top_eigenvector"]);
    dlc::Rng rng(3);
    dlc::OjaOptions o;
    o.eta = 0.002;
    o.epochs = 30;
    const auto r = dlc::oja_learning(X, dlc::Vector<double>{0.2, 0.9}, o, &rng);
    BOOST_TEST(!r.diverged);
    BOOST_TEST(r.epoch_weights.size() == 31u);
    BOOST_TEST(dlc::direction_angle_degrees(r.weights, u) < 2.0);
    BOOST_TEST(std::hypot(r.weights(0), r.weights(1)) == 1.0, tt::tolerance(0.02));
    // float gives the same direction.
    dlc::Rng rng2(3);
    const auto rf = dlc::oja_learning(dlc::Matrix<float>(X), dlc::Vector<float>{0.2f, 0.9f}, o, &rng2);
    BOOST_TEST(dlc::direction_angle_degrees(rf.weights, dlc::Vector<float>(u)) < 2.0);
}

BOOST_AUTO_TEST_CASE(oja_divergence_and_errors) {
    const auto X = matrix(fixture()["oja"]["X"]);
    dlc::OjaOptions o;
    o.eta = 5;
    o.shuffle = false;
    const auto r = dlc::oja_learning(X, dlc::Vector<double>{1, 0}, o);
    BOOST_TEST(r.diverged);
    BOOST_TEST(contains(r.diagnosis, "eta"));
    for (auto v : r.weights) BOOST_TEST(std::isfinite(v));
    BOOST_CHECK_THROW(dlc::oja_learning(X, dlc::Vector<double>{0, 0}, o), dlc::ValueError);
    o.shuffle = true;
    BOOST_CHECK_THROW(dlc::oja_learning(X, dlc::Vector<double>{1, 0}, o), dlc::ValueError);
}

BOOST_AUTO_TEST_CASE(direction_angles) {
    BOOST_TEST(dlc::direction_angle_degrees(dlc::Vector<double>{1, 0}, dlc::Vector<double>{1, 1}) == 45.0,
               tt::tolerance(1e-13));
    // Opposite vectors span the same line.
    BOOST_TEST(dlc::direction_angle_degrees(dlc::Vector<double>{1, 0}, dlc::Vector<double>{-2, 0}) == 0.0);
    // Tiny angles stay accurate: atan(1e-10) = 1e-10 rad = 5.729577951308232e-09 degrees.
    BOOST_TEST(dlc::direction_angle_degrees(dlc::Vector<double>{1, 0}, dlc::Vector<double>{1, 1e-10}) ==
                   5.729577951308232e-09,
               tt::tolerance(1e-9));
    BOOST_CHECK_THROW(dlc::direction_angle_degrees(dlc::Vector<double>{0, 0}, dlc::Vector<double>{1, 0}),
                      dlc::ValueError);
}

// ================================================================ LMS, delta rule, regression

BOOST_AUTO_TEST_CASE(closed_form_regression_matches_numpy) {
    const auto& f = fixture()["regression"];
    const auto X = matrix(f["X"]), Y = matrix(f["Y"]), Wref = matrix(f["W"]);
    const auto W = dlc::linear_regression(X, Y);
    const auto Wp = dlc::linear_regression_pinv(X, Y);
    BOOST_REQUIRE(W.shape(0) == 2u);
    BOOST_REQUIRE(W.shape(1) == 3u);
    for (std::size_t i = 0; i < 2; ++i)
        for (std::size_t j = 0; j < 3; ++j) {
            BOOST_TEST(W(i, j) == Wref(i, j), tt::tolerance(1e-10));
            BOOST_TEST(Wp(i, j) == Wref(i, j), tt::tolerance(1e-10));
        }
    const auto Wf = dlc::linear_regression(dlc::Matrix<float>(X), dlc::Matrix<float>(Y));
    for (std::size_t i = 0; i < 2; ++i)
        for (std::size_t j = 0; j < 3; ++j) BOOST_TEST(double(Wf(i, j)) == Wref(i, j), tt::tolerance(1e-4));
}

BOOST_AUTO_TEST_CASE(rank_deficient_regression_needs_the_pseudo_inverse) {
    const auto& f = fixture()["regression"];
    const auto Xd = matrix(f["X_rank_deficient"]), Y = matrix(f["Y"]), Wref = matrix(f["W_pinv_rank_deficient"]);
    const auto msg = message_of<dlc::ValueError>([&] { dlc::linear_regression(Xd, Y); });
    BOOST_TEST(contains(msg, "linear_regression: X^T X is singular"));
    BOOST_TEST(contains(msg, "linear_regression_pinv"));
    const auto W = dlc::linear_regression_pinv(Xd, Y);
    for (std::size_t i = 0; i < Wref.shape(0); ++i)
        for (std::size_t j = 0; j < Wref.shape(1); ++j) BOOST_TEST(W(i, j) == Wref(i, j), tt::tolerance(1e-9));
    // Fewer points than weights.
    BOOST_CHECK_THROW(dlc::linear_regression(dlc::Matrix<double>{{1, 2, 3}}, dlc::Matrix<double>{{1}}), dlc::ValueError);
    const auto shape_msg =
        message_of<dlc::ShapeError>([&] { dlc::linear_regression(Xd, dlc::Matrix<double>{{1}, {2}}); });
    BOOST_TEST(contains(shape_msg, "Y must have shape (40, *), got (2, 1)"));
}

// X = [[1, 2]], y = [3], w(0) = 0, eta = 0.1. LMS: e = 3, w = 0.1 * 3 * (1, 2) = (0.3, 0.6);
// R(0) = 9, R(w) = (3 - 0.3 - 1.2)^2 = 2.25. Batch: w = 2 * 0.1 * 3 * (1, 2) = (0.6, 1.2), R = (3 - 3)^2 = 0.
BOOST_AUTO_TEST_CASE(lms_steps_by_hand) {
    const dlc::Matrix<double> X = {{1, 2}};
    const dlc::Vector<double> y = {3}, w0 = {0, 0};
    dlc::LmsOptions o;
    o.eta = 0.1;
    o.epochs = 1;
    const auto r = dlc::lms(X, y, w0, o);
    BOOST_TEST(r.weights(0) == 0.3, tt::tolerance(1e-15));
    BOOST_TEST(r.weights(1) == 0.6, tt::tolerance(1e-15));
    BOOST_REQUIRE(r.risk.size() == 2u);
    BOOST_TEST(r.risk[0] == 9.0);
    BOOST_TEST(r.risk[1] == 2.25, tt::tolerance(1e-14));
    const auto b = dlc::lms_batch(X, y, w0, o);
    BOOST_TEST(b.weights(0) == 0.6, tt::tolerance(1e-15));
    BOOST_TEST(b.weights(1) == 1.2, tt::tolerance(1e-15));
    BOOST_TEST(b.risk[1] < 1e-28);
}

BOOST_AUTO_TEST_CASE(lms_converges_to_the_least_squares_weights) {
    const auto& f = fixture();
    const auto X = matrix(f["regression"]["X"]);
    const auto y = vector(f["lms"]["y"]), wref = vector(f["lms"]["w"]);
    dlc::LmsOptions o;
    o.eta = 0.005;
    o.epochs = 600;
    const auto b = dlc::lms_batch(X, y, dlc::Vector<double>{0, 0, 0}, o);
    BOOST_TEST(!b.diverged);
    for (std::size_t l = 0; l < 3; ++l) BOOST_TEST(b.weights(l) == wref(l), tt::tolerance(1e-9));
    BOOST_TEST(b.risk.back() == f["lms"]["risk"].get<double>(), tt::tolerance(1e-9));
    // Per-sample LMS with a small constant eta ends near (not at) the optimum.
    dlc::Rng rng(1);
    o.eta = 0.002;
    o.epochs = 300;
    o.shuffle = true;
    const auto s = dlc::lms(X, y, dlc::Vector<double>{0, 0, 0}, o, &rng);
    BOOST_TEST(!s.diverged);
    for (std::size_t l = 0; l < 3; ++l) BOOST_TEST(std::abs(s.weights(l) - wref(l)) < 0.02);
}

BOOST_AUTO_TEST_CASE(lms_divergence_is_reported_not_nan) {
    const auto& f = fixture();
    const auto X = matrix(f["regression"]["X"]);
    const auto y = vector(f["lms"]["y"]);
    dlc::LmsOptions o;
    o.eta = 2;
    o.epochs = 50;
    const auto r = dlc::lms(X, y, dlc::Vector<double>{0, 0, 0}, o);
    BOOST_TEST(r.diverged);
    BOOST_TEST(contains(r.diagnosis, "lms: diverged at epoch 1"));
    BOOST_TEST(r.epochs == 0u);
    for (auto v : r.weights) BOOST_TEST(std::isfinite(v));
    for (double v : r.risk) BOOST_TEST(std::isfinite(v));
    o.eta = -1;
    BOOST_CHECK_THROW(dlc::lms(X, y, dlc::Vector<double>{0, 0, 0}, o), dlc::ValueError);
    o.eta = 0.1;
    BOOST_CHECK_THROW(dlc::lms(X, dlc::Vector<double>{1, 2}, dlc::Vector<double>{0, 0, 0}, o), dlc::ShapeError);
}

// X = [[1, 1]], y = [1], w(0) = 0, a = 2, eta = 1: v = 0, g = 1/2, g' = 2 * 1/2 * 1/2 = 1/2,
// (y - g) g' = 1/4, w = (1/4, 1/4). Then v = 1/2, g = 1/(1 + e^{-1}) = 0.7310585786300049,
// R = (1 - g)^2 = 0.2689414213699951^2 = 0.07232948812851325.
BOOST_AUTO_TEST_CASE(delta_rule_step_by_hand) {
    dlc::LmsOptions o;
    o.eta = 1;
    o.epochs = 1;
    const auto r = dlc::delta_rule(dlc::Matrix<double>{{1, 1}}, dlc::Vector<double>{1}, dlc::Vector<double>{0, 0}, 2.0, o);
    BOOST_TEST(r.weights(0) == 0.25);
    BOOST_TEST(r.weights(1) == 0.25);
    BOOST_TEST(r.risk[0] == 0.25);
    BOOST_TEST(r.risk[1] == 0.07232948812851325, tt::tolerance(1e-14));
    BOOST_CHECK_THROW(dlc::delta_rule(dlc::Matrix<double>{{1, 1}}, dlc::Vector<double>{1}, dlc::Vector<double>{0, 0},
                                      0.0, o),
                      dlc::ValueError);
}

// One delta-rule step is w - (eta/2) grad_w (y - g(w^T x))^2 (the notes absorb the 2): check with central
// differences at a few random points.
BOOST_AUTO_TEST_CASE(delta_rule_is_a_gradient_step) {
    dlc::Rng rng(11);
    for (int trial = 0; trial < 5; ++trial) {
        const dlc::Vector<double> x = {rng.uniform(-2, 2), rng.uniform(-2, 2)}, w = {rng.uniform(-1, 1), rng.uniform(-1, 1)};
        const double y = rng.uniform(0, 1), a = rng.uniform(0.5, 3), eta = 0.1;
        dlc::LmsOptions o;
        o.eta = eta;
        o.epochs = 1;
        const auto r = dlc::delta_rule(dlc::Matrix<double>{{x(0), x(1)}}, dlc::Vector<double>{y}, w, a, o);
        for (std::size_t l = 0; l < 2; ++l) {
            const double h = 1e-6;
            dlc::Vector<double> wp = w, wm = w;
            wp(l) += h;
            wm(l) -= h;
            const auto loss = [&](const dlc::Vector<double>& v) {
                const double e = y - dlc::logistic(v(0) * x(0) + v(1) * x(1), a);
                return e * e;
            };
            const double grad = (loss(wp) - loss(wm)) / (2 * h);
            BOOST_TEST(r.weights(l) == w(l) - eta / 2 * grad, tt::tolerance(1e-7));
        }
    }
}

// ================================================================ 1-D gradient descent

BOOST_AUTO_TEST_CASE(gd_on_w4) {
    const auto R = [](double w) { return w * w * w * w; };
    const auto dR = [](double w) { return 4 * w * w * w; };
    dlc::Gd1dOptions o;
    o.eta = 0.125;
    o.max_iterations = 3;
    // w(1) = 1 - 4/8 = 1/2; w(2) = 1/2 - 4 (1/8) / 8 = 7/16; w(3) = 7/16 - (7/16)^3 / 2 = 3584/8192 - 343/8192.
    const auto r = dlc::gradient_descent_1d(R, dR, 1.0, o);
    BOOST_REQUIRE(r.w.size() == 4u);
    BOOST_TEST(r.w[1] == 0.5);
    BOOST_TEST(r.w[2] == 7.0 / 16);
    BOOST_TEST(r.w[3] == 3241.0 / 8192);
    BOOST_TEST(r.value[2] == std::pow(7.0 / 16, 4));
    BOOST_TEST(r.gradient[1] == 0.5);
    BOOST_TEST(r.outcome == dlc::Gd1dOutcome::max_iterations);
    BOOST_TEST(dlc::outcome_name(r.outcome) == "max_iterations");
    // eta = 1/2: 1 -> 1 - 2 = -1 -> -1 + 2 = 1: a cycle of period 2.
    o.eta = 0.5;
    o.max_iterations = 100;
    const auto c = dlc::gradient_descent_1d(R, dR, 1.0, o);
    BOOST_TEST(c.outcome == dlc::Gd1dOutcome::cycle);
    BOOST_TEST(c.cycle_period == 2u);
    BOOST_TEST(c.cycle_start == 0u);
    BOOST_TEST(c.w == (std::vector<double>{1, -1, 1}), tt::per_element());
    // eta = 1: 1 -> -3 -> -3 + 4 * 27 = 105 -> 105 - 4 * 105^3 = -4630395: |w| > 1e6 at step 3.
    o.eta = 1;
    o.blowup = 1e6;
    const auto d = dlc::gradient_descent_1d(R, dR, 1.0, o);
    BOOST_TEST(d.outcome == dlc::Gd1dOutcome::diverged);
    BOOST_TEST(d.iterations == 3u);
    BOOST_TEST(d.w == (std::vector<double>{1, -3, 105}), tt::per_element());
    BOOST_TEST(contains(d.diagnosis, "diverged at step 3"));
    const auto msg = message_of<dlc::DivergenceError>([&] { dlc::require_converged(d); });
    BOOST_TEST(contains(msg, "gradient_descent_1d: diverged at step 3"));
}

// R = (w - 3)^2, eta = 0.25: w - 0.5 (w - 3) halves the distance to 3 each step; from 0: 1.5, 2.25, ...
BOOST_AUTO_TEST_CASE(gd_converges_on_a_quadratic) {
    dlc::Gd1dOptions o;
    o.eta = 0.25;
    o.max_iterations = 200;
    o.gradient_tolerance = 1e-12;
    const auto r = dlc::gradient_descent_1d([](double w) { return (w - 3) * (w - 3); },
                                            [](double w) { return 2 * (w - 3); }, 0.0, o);
    BOOST_TEST(r.outcome == dlc::Gd1dOutcome::converged);
    BOOST_TEST(r.w[1] == 1.5);
    BOOST_TEST(r.w[2] == 2.25);
    BOOST_TEST(r.w.back() == 3.0, tt::tolerance(1e-12));
    BOOST_CHECK_NO_THROW(dlc::require_converged(r));
    o.eta = 0;
    BOOST_CHECK_THROW(dlc::gradient_descent_1d([](double w) { return w; }, [](double) { return 1.0; }, 0.0, o),
                      dlc::ValueError);
}

// ================================================================ bumps and towers

// bump(0; -1, 1, k = 1) = sigma(1) - sigma(-1) = 2 sigma(1) - 1 = tanh(1/2) = 0.46211715726000974.
BOOST_AUTO_TEST_CASE(bump_values) {
    BOOST_TEST(dlc::bump(0.0, -1.0, 1.0, 1.0) == std::tanh(0.5), tt::tolerance(1e-15));
    BOOST_TEST(dlc::bump(0.5, 0.3, 0.7, 1000.0) == 1.0, tt::tolerance(1e-15));
    BOOST_TEST(dlc::bump(0.3, 0.3, 0.7, 1000.0) == 0.5, tt::tolerance(1e-15));  // sigma(0) - sigma(-400)
    BOOST_TEST(dlc::bump(0.9, 0.3, 0.7, 1000.0) < 1e-80);
    BOOST_TEST(dlc::bump(0.5, 0.3, 0.7, 1000.0, 2.5) == 2.5, tt::tolerance(1e-15));
    BOOST_CHECK_THROW(dlc::bump(0.0, 1.0, 1.0, 5.0), dlc::ValueError);
    BOOST_CHECK_THROW(dlc::bump(0.0, 0.0, 1.0, -5.0), dlc::ValueError);
}

// In the box B1 + B2 -> 2, on one strip -> 1, outside -> 0; sigma(k2 (S - 3/2)) -> 1, 0, 0.
BOOST_AUTO_TEST_CASE(tower_values) {
    const dlc::TowerBox box{0.3, 0.7, 0.3, 0.7};
    BOOST_TEST(dlc::tower(0.5, 0.5, box, 200.0, 200.0) == 1.0, tt::tolerance(1e-12));
    BOOST_TEST(dlc::tower(0.5, 0.1, box, 200.0, 200.0) < 1e-40);
    BOOST_TEST(dlc::tower(0.1, 0.1, box, 200.0, 200.0) < 1e-100);
    // Threshold 1/2 keeps the strips too: a cross.
    BOOST_TEST(dlc::tower(0.5, 0.1, box, 200.0, 200.0, 0.5) == 1.0, tt::tolerance(1e-12));
    BOOST_TEST(dlc::tower(0.5f, 0.5f, box, 200.0f, 200.0f) == 1.0f, tt::tolerance(1e-6f));
    BOOST_CHECK_THROW(dlc::tower(0.5, 0.5, dlc::TowerBox{0.7, 0.3, 0, 1}, 10.0, 10.0), dlc::ValueError);
}

// edges (0, 1, 2), heights (2, -1), k = 1000: 2 on (0, 1), -1 on (1, 2), (2 - 1)/2 = 1/2 at x = 1.
BOOST_AUTO_TEST_CASE(bump_staircase) {
    const dlc::Vector<double> e = {0, 1, 2}, h = {2, -1};
    BOOST_TEST(dlc::bump_sum(0.5, e, h, 1000.0) == 2.0, tt::tolerance(1e-12));
    BOOST_TEST(dlc::bump_sum(1.5, e, h, 1000.0) == -1.0, tt::tolerance(1e-12));
    BOOST_TEST(dlc::bump_sum(1.0, e, h, 1000.0) == 0.5, tt::tolerance(1e-12));
    BOOST_CHECK_THROW(dlc::bump_sum(0.5, e, dlc::Vector<double>{1}, 10.0), dlc::ShapeError);
    BOOST_CHECK_THROW(dlc::bump_sum(0.5, dlc::Vector<double>{0, 2, 1}, h, 10.0), dlc::ValueError);
}

BOOST_AUTO_TEST_SUITE_END()
