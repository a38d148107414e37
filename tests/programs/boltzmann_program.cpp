// Program run: the graphical-models lecture honours the program contract, and its quick run's results hold what the
// lecture claims (recursion = closed form, enumeration = closed forms, AIS near the exact log Z, the errata found).
#define BOOST_TEST_DYN_LINK
#include "program_run.hpp"

#include <cmath>
#include <set>

BOOST_AUTO_TEST_SUITE(boltzmann_program)

BOOST_AUTO_TEST_CASE(quick_run_writes_json_and_figures) {
    const auto j = dlc_test::run_quick("lectures", "boltzmann",
                                       {"linear_gaussian_dag", "colds_cliques", "pairwise_mrf_conditional",
                                        "rbm_brute_force", "gaussian_bernoulli_rbm", "rbm_mnist"});
    const auto& c = j.at("cases");
    BOOST_TEST(c["linear_gaussian_dag"]["max_abs_diff_recursion_closed_form"].get<double>() < 1e-12);
    BOOST_TEST(c["linear_gaussian_dag"]["max_abs_diff_samples_mean"].get<double>() < 0.1);
    BOOST_TEST(std::abs(c["colds_cliques"]["Z"].get<double>() - 130.0) < 1e-12);
    BOOST_TEST(c["colds_cliques"]["independence_gap_given_hy"].get<double>() < 1e-15);
    BOOST_TEST(c["pairwise_mrf_conditional"]["max_abs_closed_form_minus_enumeration"].get<double>() < 1e-12);
    BOOST_TEST(c["pairwise_mrf_conditional"]["max_abs_printed_minus_complement"].get<double>() < 1e-12);
    BOOST_TEST(c["rbm_brute_force"]["max_abs_theorem_minus_central_difference"].get<double>() < 1e-8);
    BOOST_TEST(c["rbm_brute_force"]["max_abs_theorem_minus_closed_form"].get<double>() < 1e-12);
    BOOST_TEST(std::abs(c["rbm_brute_force"]["log_Z"].get<double>() - c["rbm_brute_force"]["log_Z_brute_force"].get<double>()) < 1e-10);
    BOOST_TEST(std::abs(c["gaussian_bernoulli_rbm"]["log_Z_sigma_form_closed"].get<double>() -
                        c["gaussian_bernoulli_rbm"]["log_Z_sigma_form_numeric"].get<double>()) < 1e-8);
    BOOST_TEST(std::abs(c["rbm_mnist"]["small_rbm_ais_error"].get<double>()) < 0.5);
    BOOST_TEST(c["rbm_mnist"]["log_likelihood"]["CD-1"]["test_log_likelihood"].get<double>() < 0.0);
    // The errata found in chapter 9, each recorded with its case.
    std::multiset<std::string> cases_with_errata;
    for (const auto& e : j.at("errata")) cases_with_errata.insert(e.at("case").get<std::string>());
    BOOST_TEST(cases_with_errata.count("linear_gaussian_dag") == 1u);
    BOOST_TEST(cases_with_errata.count("colds_cliques") == 1u);
    BOOST_TEST(cases_with_errata.count("pairwise_mrf_conditional") == 1u);
    BOOST_TEST(cases_with_errata.count("rbm_brute_force") == 3u);
    BOOST_TEST(cases_with_errata.count("gaussian_bernoulli_rbm") == 1u);
}

BOOST_AUTO_TEST_CASE(bad_flags_exit_nonzero_with_usage) { dlc_test::check_bad_flags("lectures", "boltzmann"); }

BOOST_AUTO_TEST_SUITE_END()
