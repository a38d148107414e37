// Program run: the EM lecture honours the program contract, and its quick run's results hold what the lecture
// claims (scikit-learn agreement, monotone likelihood, the ELBO identity, the k-means limit...).
#define BOOST_TEST_DYN_LINK
#include "program_run.hpp"

#include <set>

BOOST_AUTO_TEST_SUITE(em_program)

BOOST_AUTO_TEST_CASE(quick_run_writes_json_and_figures) {
    const auto j = dlc_test::run_quick("lectures", "em",
                                       {"old_faithful_gmm", "em_monotone", "elbo_gap", "jensen_kl", "kmeans_limit",
                                        "gmm_vs_kmeans", "observable_mle", "gem"});
    const auto& c = j.at("cases");
    BOOST_TEST(c["old_faithful_gmm"]["sklearn_compared"].get<bool>());
    BOOST_TEST(c["old_faithful_gmm"]["sklearn_max_abs_diff"].get<double>() <= 1e-6);
    BOOST_TEST(c["old_faithful_gmm"]["log_likelihood_non_decreasing"].get<bool>());
    BOOST_TEST(c["em_monotone"]["decreases"].get<long>() == 0);
    BOOST_TEST(c["em_monotone"]["perturbations_lowering_log_likelihood"] == c["em_monotone"]["perturbations"]);
    BOOST_TEST(c["elbo_gap"]["max_identity_error"].get<double>() < 1e-10);
    BOOST_TEST(c["elbo_gap"]["elbo_below_evidence"].get<bool>());
    BOOST_TEST(c["kmeans_limit"]["distances_shrink_up_to_relabeling"].get<bool>());
    BOOST_TEST(c["kmeans_limit"]["final_distance"].get<double>() < 1e-9);
    BOOST_TEST(c["gmm_vs_kmeans"]["kmeans_fails_gmm_succeeds"].get<bool>());
    BOOST_TEST(c["observable_mle"]["max_abs_diff_mle_vs_one_hot_m_step"].get<double>() < 1e-12);
    BOOST_TEST(c["observable_mle"]["mle_at_least_truth"].get<bool>());
    BOOST_TEST(c["gem"]["gem_monotone"].get<bool>());
    BOOST_TEST(std::abs(c["gem"]["final_gap_per_point"].get<double>()) < 1e-6);
    BOOST_TEST(c["gem"]["gem_iterations_to_1e-6"].get<long>() > c["gem"]["exact_iterations_to_1e-6"].get<long>());
    // The errata found in the seeds, each recorded with its case.
    std::set<std::string> cases_with_errata;
    for (const auto& e : j.at("errata")) cases_with_errata.insert(e.at("case").get<std::string>());
    BOOST_TEST(cases_with_errata.count("em_monotone") == 1u);
    BOOST_TEST(cases_with_errata.count("kmeans_limit") == 1u);
    BOOST_TEST(cases_with_errata.count("gem") == 1u);
    // The errata policy: the EM-summary slide's "converges to a local minimum" is an ERRATUM (the same sentence says
    // the likelihood improves); the identifiability slide's "at a local minimum" and the name "expectation-
    // minimization" are NOTEs; the UCSD gradient is a formula, so its erratum says what the formula evaluates to.
    std::size_t monotone_errata = 0;
    for (const auto& e : j.at("errata")) {
        if (e.at("case") == "em_monotone") {
            ++monotone_errata;
            BOOST_TEST(e.at("quantity").get<std::string>().find("Summary") != std::string::npos);
        }
        if (e.at("case") == "gem") {
            BOOST_TEST(e.at("handout").get<std::string>().find("Sigma_k (x_n - mu_k)") != std::string::npos);
            BOOST_TEST(e.at("note").get<std::string>().find("formula evaluates to") != std::string::npos);
            BOOST_TEST(e.at("note").get<std::string>().find("prints (") == std::string::npos);
        }
    }
    BOOST_TEST(monotone_errata == 1u);
    std::set<std::string> monotone_notes;
    for (const auto& n : j.at("notes"))
        if (n.at("case") == "em_monotone") monotone_notes.insert(n.at("topic").get<std::string>());
    BOOST_TEST(monotone_notes.size() == 2u);
    BOOST_TEST(std::abs(c["em_monotone"]["relabelled_log_likelihood_difference"].get<double>()) < 1e-9);
}

BOOST_AUTO_TEST_CASE(bad_flags_exit_nonzero_with_usage) { dlc_test::check_bad_flags("lectures", "em"); }

BOOST_AUTO_TEST_SUITE_END()
