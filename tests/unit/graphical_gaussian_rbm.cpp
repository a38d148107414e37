// lib/graphical's Gaussian-Bernoulli RBM (Bahng Definition 9.12): the closed-form partition function against
// numerical integration, the conditionals against ratios of exp(-E), and the bad inputs (a non-positive variance).
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"
#include "core/error.hpp"
#include "graphical/binary_states.hpp"
#include "graphical/gaussian_rbm.hpp"

#include <cmath>

BOOST_AUTO_TEST_SUITE(graphical_gaussian_rbm)

namespace {

using dlc::Matrix;
using dlc::Vector;

dlc::GaussianBernoulliRbm example() {
    return dlc::make_gaussian_rbm(Matrix<double>{{0.8, -0.5}, {0.3, 1.1}, {-0.6, 0.4}}, Vector<double>{0.2, -0.4, 0.1},
                                  Vector<double>{0.5, -1.0}, Vector<double>{1.5, 0.7});
}

// int over R^2 of f(x) by the trapezoid rule on [-L, L]^2 with step dx (spectrally accurate for these Gaussians).
template <class F>
double integrate_2d(F f, double L, double dx) {
    const int n = static_cast<int>(std::round(2 * L / dx));
    double s = 0;
    for (int a = 0; a <= n; ++a)
        for (int b = 0; b <= n; ++b) {
            const double w = (a == 0 || a == n ? 0.5 : 1.0) * (b == 0 || b == n ? 0.5 : 1.0);
            s += w * f(Vector<double>{-L + a * dx, -L + b * dx});
        }
    return s * dx * dx;
}

}  // namespace

BOOST_AUTO_TEST_CASE(partition_function_by_numerical_integration) {
    const auto g = example();
    double Z = 0;
    for (std::size_t hs = 0; hs < 8; ++hs) {
        const auto h = dlc::binary_state<double>(hs, 3);
        Z += integrate_2d([&](const Vector<double>& x) { return std::exp(-dlc::rbm_energy(g, x, h)); }, 14.0, 0.1);
    }
    BOOST_TEST(std::abs(std::log(Z) - dlc::log_partition_exact(g)) < 1e-10);
}

BOOST_AUTO_TEST_CASE(visible_conditional_is_the_normalized_energy) {
    // p(x | h) = e^{-E(x, h)} / int e^{-E(x', h)} dx' equals N(c + sigma (W^T h), sigma^2) at several points.
    const auto g = example();
    for (std::size_t hs = 0; hs < 8; ++hs) {
        const auto h = dlc::binary_state<double>(hs, 3);
        const double norm =
            integrate_2d([&](const Vector<double>& x) { return std::exp(-dlc::rbm_energy(g, x, h)); }, 14.0, 0.1);
        for (const Vector<double>& x : {Vector<double>{0, 0}, Vector<double>{1.3, -0.7}, Vector<double>{-2, 1}}) {
            const double direct = std::exp(-dlc::rbm_energy(g, x, h)) / norm;
            BOOST_TEST(std::abs(std::log(direct) - dlc::log_visible_conditional(g, x, h)) < 1e-10);
        }
    }
}

BOOST_AUTO_TEST_CASE(hidden_conditional_and_free_energy) {
    const auto g = example();
    const Vector<double> x{0.7, -1.2};
    double sum = 0;
    std::vector<double> w(8);
    for (std::size_t hs = 0; hs < 8; ++hs) sum += (w[hs] = std::exp(-dlc::rbm_energy(g, x, dlc::binary_state<double>(hs, 3))));
    BOOST_TEST(std::abs(dlc::free_energy(g, x) + std::log(sum)) < 1e-12);  // e^{-F} = sum_h e^{-E}
    const auto p = dlc::hidden_probabilities(g, x);
    for (std::size_t j = 0; j < 3; ++j) {
        double num = 0;
        for (std::size_t hs = 0; hs < 8; ++hs)
            if (dlc::state_bit(hs, 3, j)) num += w[hs];
        BOOST_TEST(std::abs(p(j) - num / sum) < 1e-12);
    }
    // The conditional mean: c + sigma (W^T h) for h = (1, 0, 1): (0.5 + 1.5 (0.8 - 0.6), -1 + 0.7 (-0.5 + 0.4)).
    const auto m = dlc::visible_conditional_mean(g, Vector<double>{1, 0, 1});
    BOOST_TEST(std::abs(m(0) - 0.8) < 1e-14);
    BOOST_TEST(std::abs(m(1) - (-1.07)) < 1e-14);
}

BOOST_AUTO_TEST_CASE(gaussian_rbm_bad_inputs) {
    const Matrix<double> W{{1, 0}};
    dlc_test::check_throws<dlc::ValueError>(
        [&] { dlc::make_gaussian_rbm(W, Vector<double>{0}, Vector<double>{0, 0}, Vector<double>{1, -2}); },
        {"make_gaussian_rbm", "sigma_2", "-2"});
    dlc_test::check_throws<dlc::ValueError>(
        [&] { dlc::make_gaussian_rbm(W, Vector<double>{0}, Vector<double>{0, 0}, Vector<double>{0, 1}); }, {"sigma_1"});
    dlc_test::check_throws<dlc::ShapeError>(
        [&] { dlc::make_gaussian_rbm(W, Vector<double>{0}, Vector<double>{0, 0}, Vector<double>{1}); }, {"sigma"});
    const auto g = example();
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::visible_conditional_mean(g, Vector<double>{1, 0.5, 0}); },
                                            {"binary"});
    dlc_test::check_throws<dlc::ValueError>(
        [&] { dlc::free_energy(g, Vector<double>{std::nan(""), 0}); }, {"free_energy", "non-finite"});
    dlc_test::check_throws<dlc::ShapeError>([&] { dlc::free_energy(g, Vector<double>{1, 2, 3}); }, {"x"});
}

BOOST_AUTO_TEST_SUITE_END()
