// The perceptron lecture's worked cases added for issue 11: the L7 gradients, the L8 activation derivatives, the
// Gumbel MLE of Bahng Example 1.1 (against SciPy's fit, tests/fixtures/gumbel_reference.json) and the checkerboard
// of Bahng Theorem 1.1. Values derived by hand in the comments, or from the committed fixture.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "case_run.hpp"
#include "../check_throws.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "neuron/gumbel.hpp"

#include <cmath>
#include <fstream>

BOOST_AUTO_TEST_SUITE(perceptron_cases)

namespace {

const nlohmann::json& run() {
    return dlc_test::run_cases("lectures", "perceptron",
                               {"linear_regression_gradient", "activation_derivatives", "gumbel_mle",
                                "checkerboard_towers"});
}

nlohmann::json fixture(const std::string& name) {
    const char* dir = std::getenv("DLC_FIXTURES");
    BOOST_TEST_REQUIRE(dir != nullptr, "DLC_FIXTURES is set by CTest");
    std::ifstream f(std::string(dir) + "/" + name);
    BOOST_TEST_REQUIRE(f.good(), "missing fixture " << name);
    return nlohmann::json::parse(f);
}

}  // namespace

// l = ||y - W x||^2 has gradient -2 (y - W x) x^T = -2 y x^T + 2 W x x^T; the printed single-point form drops the
// second 2 (ERRATUM), the all-data form -2 Y X^T + 2 W X X^T has it. W* = Y X^T (X X^T)^{-1} solves least squares.
BOOST_AUTO_TEST_CASE(linear_regression_gradients_and_optimum) {
    const auto& j = run();
    const auto& c = j["cases"]["linear_regression_gradient"];
    BOOST_TEST(c["single_point_printed_error"].get<double>() > 1e-2);  // W x x^T is missing, not rounding
    BOOST_TEST(c["single_point_corrected_error"].get<double>() < 1e-6);
    BOOST_TEST(c["all_data_error"].get<double>() < 1e-5);
    BOOST_TEST(c["normal_vs_least_squares"].get<double>() < 1e-10);
    BOOST_TEST(c["gradient_at_optimum"].get<double>() < 1e-9);
    BOOST_TEST(dlc_test::errata_of(j, "linear_regression_gradient").size() == 1u);
}

// Sigmoid with slope a at v = 0: g = 1/2, g' = a / 4 (0.25 for a = 1, 1.25 for a = 5); at v = -2, a = 1:
// g = 1 / (1 + e^2) = 0.1192029, g' = g (1 - g) = 0.1049936. ReLU: g'(0) = 1 by the notes' convention, while the
// central difference at 0 is (h - 0) / 2h = 1/2.
BOOST_AUTO_TEST_CASE(activation_derivatives_by_hand) {
    const auto& j = run();
    const auto& c = j["cases"]["activation_derivatives"];
    for (const auto& s : c["sigmoid"]) {
        const double a = s["a"].get<double>(), v = s["v"].get<double>();
        BOOST_TEST(std::abs(s["derivative"].get<double>() - s["central_difference"].get<double>()) < 1e-8);
        if (v == 0) BOOST_TEST(std::abs(s["derivative"].get<double>() - a / 4) < 1e-15);
        if (v == -2 && a == 1) {
            BOOST_TEST(std::abs(s["g"].get<double>() - 0.11920292202211755) < 1e-15);
            BOOST_TEST(std::abs(s["derivative"].get<double>() - 0.10499358540350652) < 1e-15);
        }
    }
    BOOST_TEST(c["relu_derivative_at_zero"].get<double>() == 1.0);
    for (const auto& r : c["relu"])
        if (r["v"].get<double>() == 0) BOOST_TEST(std::abs(r["central_difference"].get<double>() - 0.5) < 1e-9);
    BOOST_TEST(c["relu_agrees_away_from_zero"].get<bool>());
    BOOST_TEST(dlc_test::notes_of(j, "activation_derivatives").size() == 1u);
}

// The program's own 500 samples: the printed gradient agrees with central differences and vanishes at the MLE.
BOOST_AUTO_TEST_CASE(gumbel_case) {
    const auto& c = run()["cases"]["gumbel_mle"];
    BOOST_TEST(c["gradient_max_relative_difference"].get<double>() < 1e-6);
    BOOST_TEST(std::abs(c["gradient_at_mle"][0].get<double>()) < 1e-7);
    BOOST_TEST(std::abs(c["gradient_at_mle"][1].get<double>()) < 1e-7);
    BOOST_TEST(c["nll_at_mle"].get<double>() <= c["nll_at_truth"].get<double>());
    BOOST_TEST(std::abs(c["mle"][0].get<double>() - 1.5) < 0.4);  // 500 samples: s.e. about 0.09 and 0.07
    BOOST_TEST(std::abs(c["mle"][1].get<double>() - 2.0) < 0.4);
}

// Against SciPy: the same 500 samples (from the fixture), scipy.stats.gumbel_r.fit's MLE, and the cost and the
// notes' two partial derivatives at two points.
BOOST_AUTO_TEST_CASE(gumbel_mle_matches_scipy) {
    const auto ref = fixture("gumbel_reference.json");
    const auto& s = ref["samples"];
    dlc::Vector<double> x = dlc::Vector<double>::from_shape({s.size()});
    for (std::size_t i = 0; i < s.size(); ++i) x(i) = s[i].get<double>();
    const auto mle = dlc::gumbel_mle(x);
    BOOST_TEST(std::abs(mle(0) - ref["mle"][0].get<double>()) < 1e-6);
    BOOST_TEST(std::abs(mle(1) - ref["mle"][1].get<double>()) < 1e-6);
    BOOST_TEST(dlc::gumbel_nll(x, mle(0), mle(1)) <= ref["nll_at_mle"].get<double>() + 1e-9);
    for (const auto& ch : ref["checks"]) {
        const double mu = ch["mu"].get<double>(), beta = ch["beta"].get<double>();
        const double nll = ch["nll"].get<double>();
        BOOST_TEST(std::abs(dlc::gumbel_nll(x, mu, beta) - nll) < 1e-10 * std::abs(nll));
        const auto g = dlc::gumbel_nll_gradient(x, mu, beta);
        for (std::size_t k = 0; k < 2; ++k)
            BOOST_TEST(std::abs(g(k) - ch["gradient"][k].get<double>()) < 1e-9 * (1 + std::abs(g(k))));
    }
}

// Hand-checkable: samples {0, 1}; at (mu, beta) = (0, 1), l = 2 ln 1 + (1 - 0) + (e^0 + e^-1) = 2 + e^-1,
// dl/dmu = -2 + (1 + e^-1), dl/dbeta = 2 - 1 + (0 + 1 e^-1) = 1 + e^-1. Bad inputs throw.
BOOST_AUTO_TEST_CASE(gumbel_by_hand_and_errors) {
    const dlc::Vector<double> x = {0.0, 1.0};
    const double em1 = std::exp(-1.0);
    BOOST_TEST(std::abs(dlc::gumbel_nll(x, 0, 1) - (2 + em1)) < 1e-15);
    const auto g = dlc::gumbel_nll_gradient(x, 0, 1);
    BOOST_TEST(std::abs(g(0) - (-1 + em1)) < 1e-15);
    BOOST_TEST(std::abs(g(1) - (1 + em1)) < 1e-15);
    BOOST_TEST((dlc_test::throws_with<dlc::ValueError>([&] { dlc::gumbel_nll(x, 0, 0); }, {"gumbel_nll", "beta"})));
    BOOST_TEST((dlc_test::throws_with<dlc::ShapeError>([&] { dlc::gumbel_mle(dlc::Vector<double>{1.0}); },
                                                       {"gumbel_mle", "at least 2"})));
    BOOST_TEST((dlc_test::throws_with<dlc::ValueError>([&] { dlc::gumbel_mle(dlc::Vector<double>{2.0, 2.0}); },
                                                       {"gumbel_mle", "equal"})));
    dlc::Rng rng(1);
    const auto big = dlc::gumbel_sample(20000, -1.0, 0.5, rng);
    const auto fit = dlc::gumbel_mle(big);
    BOOST_TEST(std::abs(fit(0) + 1.0) < 0.03);
    BOOST_TEST(std::abs(fit(1) - 0.5) < 0.03);
}

// K x K squares, side 1/K. Centre value: error <= L / (sqrt(2) K) < eps <=> K > L / (sqrt(2) eps):
// (1, 0.01) -> K > 70.71, K = 71; (2, 0.1) -> K > 14.14, K = 15; (5, 0.05) -> 71. Corner value: K > sqrt(2) L / eps:
// 141.42 -> 142, 28.28 -> 29, 141.42 -> 142.
BOOST_AUTO_TEST_CASE(checkerboard_least_K) {
    const auto& c = run()["cases"]["checkerboard_towers"];
    const int expected[6] = {71, 142, 15, 29, 71, 142};
    for (std::size_t i = 0; i < 6; ++i) {
        BOOST_TEST(c["cases"][i]["K"].get<int>() == expected[i]);
        BOOST_TEST(c["cases"][i]["sup_error_tight"].get<double>() < c["cases"][i]["eps"].get<double>());
        BOOST_TEST(c["cases"][i]["sup_error_tight_K_minus_1"].get<double>() >= c["cases"][i]["eps"].get<double>());
    }
    BOOST_TEST(c["bound_holds_at_least_K"].get<bool>());
    BOOST_TEST(c["least_K_is_tight"].get<bool>());
}

BOOST_AUTO_TEST_SUITE_END()
