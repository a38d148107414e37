// Program run: the GAN lecture honours the program contract (--quick writes valid JSON with all seven case ids and
// real PNGs; bad flags fail with usage), and its JSON carries the computed mock-final numbers and the errata it must
// report (the L22&23 direction of the JSD and the form of the minimised cross-entropy; Bahng's "modified" cost).
#define BOOST_TEST_DYN_LINK
#include "program_run.hpp"

#include <cmath>
#include <string>

BOOST_AUTO_TEST_SUITE(gan_program)

BOOST_AUTO_TEST_CASE(quick_run_writes_json_and_figures) {
    namespace tt = boost::test_tools;
    const auto j = dlc_test::run_quick("lectures", "gan",
                                       {"mockfinal_q5", "lec23_jsd_direction", "generator_gradient", "gan_1d_training",
                                        "mode_collapse_2d", "mnist_gan", "conditional_gan"});
    const auto& c = j.at("cases");
    // Q5: D* = (2 - 2x)/(3 - 2x); JSD = 3/2 log 2 + 1/4 - 9/8 log 3; the loss at D* = 2 log 2 - 2 JSD = 1.27873;
    // the identity's KS distance to F_X is about 1/4; at the optimum the loss is log 4.
    const auto& q5 = c["mockfinal_q5"];
    BOOST_TEST(q5["formula_max_difference"].get<double>() < 1e-12);
    BOOST_TEST(q5["jsd"].get<double>() == 1.5 * std::log(2.0) + 0.25 - 9.0 / 8 * std::log(3.0), tt::tolerance(1e-8));
    BOOST_TEST(q5["loss_at_optimal_D"].get<double>() == 1.27873, tt::tolerance(1e-5));
    BOOST_TEST(std::abs(q5["ks"]["identity"].get<double>() - 0.25) < 0.04);
    BOOST_TEST(q5["ks"]["optimal_generator"].get<double>() < 0.05);
    BOOST_TEST(q5["optimum"]["loss"].get<double>() == std::log(4.0), tt::tolerance(1e-10));
    // L22&23: min_D R = log 2 - JSD for every generator of the family.
    BOOST_TEST(c["lec23_jsd_direction"]["max_difference_R_vs_log2_minus_jsd"].get<double>() < 1e-8);
    // Bahng: the derivatives match central differences.
    BOOST_TEST(c["generator_gradient"]["max_difference_to_central_differences"].get<double>() < 1e-8);
    // 1-D training: the KS distance falls for the non-saturating loss.
    const auto& t1 = c["gan_1d_training"];
    BOOST_TEST(t1["results"]["non-saturating"]["ks"].get<double>() < t1["ks_start"].get<double>());
    // The 2-D and MNIST cases record their measures.
    BOOST_TEST(c["mode_collapse_2d"]["variants"]["plain"]["modes_covered_last"].get<double>() >= 0.0);
    BOOST_TEST(c["mnist_gan"]["test_floor"]["frechet"].get<double>() >= 0.0);
    // The judge (the store's LeNet-5, its --quick recipe: one epoch on 2000 digits) reads most test digits, and the
    // conditional case uses the same network.
    BOOST_TEST(c["mnist_gan"]["judge"]["test_accuracy"].get<double>() > 0.7);
    BOOST_TEST(c["mnist_gan"]["judge"]["model"].get<std::string>() == "lenet5_mnist-quick");
    BOOST_TEST(c["conditional_gan"]["judge"]["test_accuracy"].get<double>() ==
               c["mnist_gan"]["judge"]["test_accuracy"].get<double>());
    BOOST_TEST(c["mnist_gan"]["models"]["mnist_dcgan"]["histogram"].size() == 10u);
    const double acc = c["conditional_gan"]["accuracy"].get<double>();
    BOOST_TEST((acc >= 0.0 && acc <= 1.0));
    // Both conditional runs (the notes' loss and GAN-CLS's mismatched pairs) are judged on the same requests; the
    // lecture's accuracy is GAN-CLS's.
    const auto& runs = c["conditional_gan"]["runs"];
    BOOST_TEST(runs["plain"]["mismatched_labels"].get<double>() == 0.0);
    BOOST_TEST(runs["mismatched_pairs"]["mismatched_labels"].get<double>() == 0.5);
    BOOST_TEST(runs["mismatched_pairs"]["accuracy"].get<double>() == acc);
    BOOST_TEST(c["conditional_gan"]["accuracy_plain"].get<double>() == runs["plain"]["accuracy"].get<double>());

    bool direction = false, kl_sum = false, modified = false;
    for (const auto& e : j.at("errata")) {
        const auto id = e.at("case").get<std::string>();
        const auto q = e.at("quantity").get<std::string>();
        direction |= id == "lec23_jsd_direction" && q.find("objective") != std::string::npos;
        kl_sum |= id == "lec23_jsd_direction" && q.find("KL") != std::string::npos && e.contains("value");
        modified |= id == "generator_gradient" && q.find("modified") != std::string::npos;
    }
    BOOST_TEST(direction);
    BOOST_TEST(kl_sum);
    BOOST_TEST(modified);
}

BOOST_AUTO_TEST_CASE(bad_flags_exit_nonzero_with_usage) { dlc_test::check_bad_flags("lectures", "gan"); }

BOOST_AUTO_TEST_SUITE_END()
