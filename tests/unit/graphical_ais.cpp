// lib/graphical's annealed importance sampling: log Z of an RBM against the exact value where both can be computed,
// its schedule and base model, and the bad inputs.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "graphical/ais.hpp"
#include "graphical/rbm.hpp"
#include "graphical/rbm_exact.hpp"

#include <cmath>

BOOST_AUTO_TEST_SUITE(graphical_ais)

namespace {

template <class T>
dlc::Rbm<T> random_rbm(std::size_t D, std::size_t H, dlc::Rng& rng, double sd) {
    auto r = dlc::make_rbm<T>(D, H, rng, sd);
    for (auto& v : r.b) v = static_cast<T>(rng.normal(0, sd));
    for (auto& v : r.c) v = static_cast<T>(rng.normal(0, sd));
    return r;
}

}  // namespace

BOOST_AUTO_TEST_CASE(schedule_runs_from_zero_to_one) {
    const auto beta = dlc::ais_schedule(14500);
    BOOST_TEST(beta.size() == 14501u);
    BOOST_TEST(beta.front() == 0.0);
    BOOST_TEST(beta.back() == 1.0);
    bool increasing = true;
    for (std::size_t k = 1; k < beta.size(); ++k) increasing = increasing && beta[k] > beta[k - 1];
    BOOST_TEST(increasing);
    // Salakhutdinov and Murray's steps: 1e-3 up to 0.5, 1e-4 up to 0.9, 1e-5 up to 1.
    BOOST_TEST(std::abs(beta[1] - 1e-3) < 1e-15);
    BOOST_TEST(std::abs(beta[501] - beta[500] - 1e-4) < 1e-12);
    BOOST_TEST(std::abs(beta[14500] - beta[14499] - 1e-5) < 1e-12);
    BOOST_TEST(dlc::ais_schedule(3).size() == 4u);
}

BOOST_AUTO_TEST_CASE(base_rate_bias_matches_the_pixel_means) {
    const dlc::Matrix<double> X{{1, 0, 1}, {1, 0, 0}, {1, 1, 0}};
    const auto c = dlc::base_rate_visible_bias(X, 1.0);
    // p_hat = (3 + 1) / 5, (1 + 1) / 5, (1 + 1) / 5.
    BOOST_TEST(std::abs(c(0) - std::log(0.8 / 0.2)) < 1e-15);
    BOOST_TEST(std::abs(c(1) - std::log(0.4 / 0.6)) < 1e-15);
}

BOOST_AUTO_TEST_CASE(ais_equals_exact_log_z_in_double) {
    // A 12 x 8 RBM with sd-1 parameters (exact log Z by enumeration); 4 runs x 100 chains, 3000 temperatures.
    // The runs' spread is the error bar: the estimate must be within 0.05 nats, and inside its +-3 SE band.
    dlc::Rng rng(21);
    const auto rbm = random_rbm<double>(12, 8, rng, 1.0);
    const double exact = dlc::log_partition_exact(rbm);
    dlc::AisOptions opt;
    opt.temperatures = 3000;
    opt.runs = 4;
    opt.chains = 100;
    const auto r = dlc::ais_log_partition(rbm, dlc::Vector<double>(xt::zeros<double>({12})), opt, rng);
    BOOST_TEST_MESSAGE("AIS log Z = " << r.log_z << " (runs sd " << r.run_sd << ", band [" << r.log_z_low << ", "
                                      << r.log_z_high << "]), exact " << exact);
    BOOST_TEST(std::abs(r.log_z - exact) < 0.05);
    BOOST_TEST(r.log_z_low <= exact + 1e-9);
    BOOST_TEST(r.log_z_high >= exact - 1e-9);
    BOOST_TEST(r.run_log_z.size() == 4u);
    BOOST_TEST(r.log_weights.size() == 400u);
    BOOST_TEST(r.run_sd < 0.1);
    // log Z_A of the zero-bias base model: (D + H) log 2.
    BOOST_TEST(std::abs(r.log_z_base - 20 * std::log(2.0)) < 1e-12);
}

BOOST_AUTO_TEST_CASE(ais_equals_exact_log_z_in_float_with_a_base_rate_model) {
    // A wider float RBM (60 x 10, exact by enumerating the 2^10 hidden states) started from a base-rate model.
    dlc::Rng rng(22);
    const auto rbm = random_rbm<float>(60, 10, rng, 0.3);
    dlc::Matrix<float> X = xt::zeros<float>({200, 60});
    for (auto& x : X) x = rng.uniform() < 0.3 ? 1.0f : 0.0f;
    const auto base = dlc::base_rate_visible_bias(X);
    const double exact = dlc::log_partition_exact(rbm);
    dlc::AisOptions opt;
    opt.temperatures = 2000;
    opt.runs = 2;
    opt.chains = 100;
    const auto r = dlc::ais_log_partition(rbm, base, opt, rng);
    BOOST_TEST_MESSAGE("float AIS log Z = " << r.log_z << ", exact " << exact);
    BOOST_TEST(std::abs(r.log_z - exact) < 0.05);
}

BOOST_AUTO_TEST_CASE(ais_with_zero_weights_is_exact) {
    // W = 0, b = 0: p_beta is the same product of independent units for every beta when c = c_A; every weight is 1.
    dlc::Rng rng(23);
    auto rbm = dlc::make_rbm<double>(5, 3, rng, 0.0);
    rbm.c = dlc::Vector<double>{0.5, -1, 2, 0, 0.3};
    dlc::AisOptions opt;
    opt.temperatures = 10;
    opt.runs = 1;
    opt.chains = 5;
    const auto r = dlc::ais_log_partition(rbm, rbm.c, opt, rng);
    BOOST_TEST(std::abs(r.log_z - dlc::log_partition_exact(rbm)) < 1e-12);
    BOOST_TEST(r.run_sd == 0.0);
}

BOOST_AUTO_TEST_CASE(ais_bad_inputs) {
    dlc::Rng rng(24);
    const auto rbm = random_rbm<double>(4, 3, rng, 1.0);
    const dlc::Vector<double> c0 = xt::zeros<double>({4});
    dlc::AisOptions opt;
    opt.temperatures = 2;
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::ais_log_partition(rbm, c0, opt, rng); }, {"ais_schedule", "3"});
    opt = {};
    opt.chains = 0;
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::ais_log_partition(rbm, c0, opt, rng); }, {"ais_log_partition"});
    dlc_test::check_throws<dlc::ShapeError>(
        [&] { dlc::ais_log_partition(rbm, dlc::Vector<double>(xt::zeros<double>({3})), dlc::AisOptions{}, rng); },
        {"base_c"});
    dlc_test::check_throws<dlc::ValueError>(
        [] { dlc::base_rate_visible_bias(dlc::Matrix<double>{{0, 0.5}}); }, {"base_rate_visible_bias", "binary"});
    dlc_test::check_throws<dlc::ValueError>(
        [] { dlc::base_rate_visible_bias(dlc::Matrix<double>{{0, 1}}, 0.0); }, {"pseudo-count"});
}

BOOST_AUTO_TEST_SUITE_END()
