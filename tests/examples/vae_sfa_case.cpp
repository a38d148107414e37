// The VAE lecture's slow feature analysis case (Bahng 8.3) as numbers: a quadratic SFA recovers the slow source that
// linear SFA and PCA's first component miss; its features meet the notes' constraints; its slowness is the minimum of
// its function space (not above the true unmixing's); and the two notes on the formulation.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "case_run.hpp"

#include <cmath>
#include <string>

BOOST_AUTO_TEST_SUITE(vae_sfa_case)

namespace {

const nlohmann::json& run() { return dlc_test::run_cases("lectures", "vae", {"slow_feature_analysis"}); }

const nlohmann::json& results() { return run()["cases"]["slow_feature_analysis"]; }

}  // namespace

// s is sin(w_s t) hidden in x1 behind 2 f1^2: only a quadratic function of x reaches it. The slowest quadratic feature
// correlates with it almost perfectly, on the training samples and after them; linear SFA's slowest feature is the
// slowest fast sine f1, and PCA's first component a loud fast source.
BOOST_AUTO_TEST_CASE(quadratic_sfa_recovers_the_slow_source) {
    const auto& c = results();
    BOOST_TEST(c["sfa_abs_corr"].get<double>() > 0.99);
    BOOST_TEST(c["sfa_abs_corr_held_out"].get<double>() > 0.99);
    BOOST_TEST(c["linear_sfa"]["abs_corr_train"].get<double>() < 0.1);
    BOOST_TEST(c["linear_sfa_abs_corr_with_f1"].get<double>() > 0.99);
    BOOST_TEST(c["pca_abs_corr"].get<double>() < 0.2);
    // The slowest feature is slower than every other, and as slow as the true unmixing allows: the oracle
    // g1 - 2 g2^2 with g = M^-1 x is in the function space, so SFA's minimum cannot exceed its slowness.
    const auto& f = c["quadratic_sfa"]["features"];
    for (std::size_t j = 1; j < f.size(); ++j) BOOST_TEST(f[j - 1]["delta"].get<double>() <= f[j]["delta"].get<double>());
    BOOST_TEST(f[0]["delta"].get<double>() <= c["oracle"]["delta"].get<double>());
    BOOST_TEST(c["oracle"]["abs_corr_train"].get<double>() - c["sfa_abs_corr"].get<double>() < 0.002);
    // White noise mixed in with share p raises Delta from Delta_s to (1 - p) Delta_s + 2 p and lowers |corr| to
    // sqrt(1 - p): the recorded p reproduces the measured |corr| to within 0.001.
    const double p = c["noise_share"].get<double>(), ds = c["slow_source_delta"].get<double>();
    BOOST_TEST(std::abs((1 - p) * ds + 2 * p - f[0]["delta"].get<double>()) < 1e-12);
    BOOST_TEST(std::abs(std::sqrt(1 - p) - c["sfa_abs_corr"].get<double>()) < 1e-3);
    // A unit-variance sine of w radians per sample has Delta close to 2 (1 - cos w).
    BOOST_TEST(std::abs(ds / c["sine_delta_formula"].get<double>() - 1) < 0.01);
    BOOST_TEST(c["quadratic_sfa"]["expanded_dim"].get<int>() == 14);
}

// E_t[y_i] = 0, E_t[y_i^2] = 1, E_t[y_i y_j] = 0 to rounding; without decorrelation output 2 would repeat output 1.
BOOST_AUTO_TEST_CASE(constraints_and_notes) {
    const auto& c = results();
    for (const char* k : {"max_abs_mean", "max_abs_variance_minus_1", "max_abs_cross_moment", "max_abs_delta_minus_measured"})
        BOOST_TEST(c["constraints"][k].get<double>() < 1e-12, k);
    BOOST_TEST(c["delta_2_without_decorrelation"].get<double>() == c["quadratic_sfa"]["features"][0]["delta"].get<double>());
    BOOST_TEST(c["delta_2_with_decorrelation"].get<double>() == c["quadratic_sfa"]["features"][1]["delta"].get<double>());
    const auto notes = dlc_test::notes_of(run(), "slow_feature_analysis");
    BOOST_TEST(notes.size() == 2u);
    BOOST_TEST(notes[0]["topic"].get<std::string>() == "Bahng 8.3, the SFA constraints");
    BOOST_TEST(dlc_test::errata_of(run(), "slow_feature_analysis").empty());
    BOOST_TEST(c["checked"].size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
