// Unit tests of lib/core: errors, shape checks, the seeded generator.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "core/check.hpp"
#include "core/rng.hpp"
#include "core/tensor.hpp"

#include <algorithm>
#include <set>

BOOST_AUTO_TEST_SUITE(core)

BOOST_AUTO_TEST_CASE(shape_error_names_function_and_shapes) {
    dlc::Matrix<double> m = xt::zeros<double>({2, 3});
    BOOST_CHECK_NO_THROW(dlc::check_shape("f", "X", m, {2, dlc::any_extent}));
    try {
        dlc::check_shape("kmeans", "X", m, {dlc::any_extent, 4});
        BOOST_FAIL("expected a ShapeError");
    } catch (const dlc::ShapeError& e) {
        BOOST_TEST(std::string(e.what()) == "kmeans: X must have shape (*, 4), got (2, 3)");
    }
}

BOOST_AUTO_TEST_CASE(check_finite_names_first_bad_index) {
    dlc::Vector<double> v = {1.0, 2.0, std::nan(""), 4.0};
    BOOST_CHECK_EXCEPTION(dlc::check_finite("f", "x", v), dlc::ValueError, [](const dlc::ValueError& e) {
        return std::string(e.what()).find("flat index 2") != std::string::npos;
    });
}

BOOST_AUTO_TEST_CASE(rng_same_seed_same_stream) {
    dlc::Rng a(42), b(42), c(43);
    for (int i = 0; i < 100; ++i) {
        const double x = a.normal();
        BOOST_TEST(x == b.normal());
        (void)c.uniform();
    }
    BOOST_TEST(dlc::Rng(1).bits() != dlc::Rng(2).bits());
}

BOOST_AUTO_TEST_CASE(rng_uniform_and_normal_moments) {
    dlc::Rng rng(7);
    const int n = 200000;
    double su = 0, sn = 0, sn2 = 0;
    for (int i = 0; i < n; ++i) {
        const double u = rng.uniform();
        BOOST_REQUIRE(u >= 0.0 && u < 1.0);
        su += u;
        const double z = rng.normal(1.0, 2.0);
        sn += z;
        sn2 += z * z;
    }
    // Standard errors: uniform mean 0.29/sqrt(n) ~ 6.5e-4; normal mean 2/sqrt(n) ~ 4.5e-3.
    BOOST_TEST(std::abs(su / n - 0.5) < 4e-3);
    BOOST_TEST(std::abs(sn / n - 1.0) < 2.5e-2);
    BOOST_TEST(std::abs((sn2 / n - (sn / n) * (sn / n)) - 4.0) < 0.1);
}

BOOST_AUTO_TEST_CASE(rng_categorical_follows_weights) {
    dlc::Rng rng(3);
    const std::vector<double> w = {1.0, 0.0, 3.0};
    std::vector<int> counts(3, 0);
    const int n = 40000;
    for (int i = 0; i < n; ++i) ++counts[rng.categorical(w)];
    BOOST_TEST(counts[1] == 0);
    // p = 0.25, sd of the frequency = sqrt(.25*.75/n) ~ 2.2e-3; allow 5 sd.
    BOOST_TEST(std::abs(counts[0] / double(n) - 0.25) < 0.011);
    BOOST_CHECK_THROW(rng.categorical({0.0, 0.0}), dlc::ValueError);
    BOOST_CHECK_THROW(rng.categorical({1.0, -1.0}), dlc::ValueError);
}

BOOST_AUTO_TEST_CASE(rng_permutation_and_sampling) {
    dlc::Rng rng(5);
    auto p = rng.permutation(50);
    std::vector<std::size_t> sorted = p;
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i = 0; i < 50; ++i) BOOST_TEST(sorted[i] == i);
    auto s = rng.sample_without_replacement(10, 10);
    BOOST_TEST(std::set<std::size_t>(s.begin(), s.end()).size() == 10u);
    BOOST_CHECK_THROW(rng.sample_without_replacement(3, 4), dlc::ValueError);
    BOOST_CHECK_THROW(rng.index(0), dlc::ValueError);
}

BOOST_AUTO_TEST_SUITE_END()
