// Program run: the adversarial lecture honours the program contract (--quick writes valid JSON with all seven case
// ids and real PNGs; bad flags fail with usage), and its JSON carries the checks: Theorem 12.2 on h(x) = |x| (the
// product 2, the constant 1, an ERRATUM), no attack inside a certified radius, the PyTorch check (when it ran: the
// same adversarial accuracy), every target reached, the white-box attack the strongest, EOT surviving
// transformations better than plain PGD. --quick uses the store's short recipes (seconds).
#define BOOST_TEST_DYN_LINK
#include "program_run.hpp"

#include <string>

BOOST_AUTO_TEST_SUITE(adversarial_program)

BOOST_AUTO_TEST_CASE(quick_run_writes_json_and_figures) {
    namespace tt = boost::test_tools;
    const auto j = dlc_test::run_quick("lectures", "adversarial",
                                       {"fgsm_panda", "accuracy_vs_epsilon", "targeted", "transferability",
                                        "adversarial_training", "eot_physical", "lipschitz_bound"});
    const auto& c = j.at("cases");
    // Theorem 12.2 on h(x) = |x|: the product of the spectral norms is 2, the Lipschitz constant 1; an ERRATUM.
    const auto& abs = c["lipschitz_bound"]["abs_value"];
    BOOST_TEST(abs["product"].get<double>() == 2.0, tt::tolerance(1e-12));
    BOOST_TEST(abs["true_constant"].get<double>() == 1.0, tt::tolerance(1e-12));
    BOOST_TEST(abs["worst_difference_quotient"].get<double>() <= 1.0 + 1e-12);
    std::size_t errata = 0;
    for (const auto& e : j.at("errata")) errata += e.at("case") == "lipschitz_bound";
    BOOST_TEST(errata == 1u);
    // The product bounds every gradient norm met, and no attack beat a certificate.
    for (const char* net : {"mlp", "lenet5"}) {
        const auto& n = c["lipschitz_bound"]["networks"][net];
        BOOST_TEST(n["product"].get<double>() >= n["largest_local_norm"].get<double>());
        BOOST_TEST(n["violations"].get<int>() == 0);
        BOOST_TEST(n["median_certified_radius"].get<double>() > 0.0);
    }
    // The PyTorch check (skipped with a note where python3-torch is missing): the same adversarial accuracy, and
    // the same adversarial images except where a near-zero gradient's sign flipped.
    const auto& pc = c["accuracy_vs_epsilon"]["pytorch_check"];
    if (pc["ran"].get<bool>()) {
        for (const auto& r : pc["runs"]) {
            BOOST_TEST(r["accuracy_ours"].get<double>() == r["accuracy_torch"].get<double>());
            BOOST_TEST(r["images_over_1e-6"].get<double>() <= 0.05 * r["n"].get<double>());
        }
    }
    // Accuracy falls as eps grows, and PGD-10 is at least as strong as FGSM (up to a little noise).
    for (const auto& [data, per] : c["accuracy_vs_epsilon"]["results"].items())
        for (const char* net : {"mlp", "lenet5"}) {
            double prev = per[net]["clean"].get<double>();
            for (const auto& row : per[net]["rows"]) {
                BOOST_TEST(row["pgd10"].get<double>() <= prev + 0.01, data << " " << net << " eps " << row["eps"]);
                BOOST_TEST(row["pgd10"].get<double>() <= row["fgsm"].get<double>() + 0.02);
                prev = row["pgd10"].get<double>();
            }
        }
    // Every target reached within eps 0.5.
    BOOST_TEST(c["targeted"]["targets_reached"].get<int>() == 90);
    // The white-box attack is the strongest in each column of the transfer matrix.
    for (const char* attack : {"FGSM", "PGD-10"}) {
        const auto& m = c["transferability"]["transfer"][attack]["accuracy"];
        for (std::size_t b = 0; b < 3; ++b)
            for (std::size_t a = 0; a < 3; ++a) BOOST_TEST(m[b][b].get<double>() <= m[a][b].get<double>());
    }
    // EOT's examples survive the transformations better than plain PGD's.
    BOOST_TEST(c["eot_physical"]["eot"]["fooled_under_transformations"].get<double>() >
               c["eot_physical"]["plain"]["fooled_under_transformations"].get<double>());
    // The panda slide cannot be recomputed: a note says so.
    std::size_t notes = 0;
    for (const auto& n : j.at("notes")) notes += n.at("case") == "fgsm_panda";
    BOOST_TEST(notes == 1u);
}

BOOST_AUTO_TEST_CASE(bad_flags_exit_nonzero_with_usage) { dlc_test::check_bad_flags("lectures", "adversarial"); }

BOOST_AUTO_TEST_SUITE_END()
