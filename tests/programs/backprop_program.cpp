// Program run: the backprop lecture honours the program contract, and its JSON carries the computed
// worked-example numbers, the initialization and optimizer comparisons, the MNIST accuracy and the errata.
#define BOOST_TEST_DYN_LINK
#include "program_run.hpp"

#include <string>

BOOST_AUTO_TEST_SUITE(backprop_program)

BOOST_AUTO_TEST_CASE(quick_run_writes_json_and_figures) {
    namespace tt = boost::test_tools;
    const auto j = dlc_test::run_quick("lectures", "backprop",
                                       {"bahng_example_1_6", "bahng_example_1_7", "kaiming_depth", "optimizers",
                                        "mnist_mlp", "softmax_ce_delta", "regularization_gradient", "whitening",
                                        "init_variance", "dropout_expectation", "gelu", "batch_norm",
                                        "slide_optimizer_iterates", "bahng_numeric_claims", "early_stopping",
                                        "data_augmentation", "pruning"});
    const auto& c = j.at("cases");

    // Example 1.6: backprop = the handout's closed form = finite differences; the SGD step lowers L on M.
    const auto& e6 = c["bahng_example_1_6"];
    BOOST_TEST(e6["max_difference_backprop_vs_handout"].get<double>() < 1e-12);
    BOOST_TEST(e6["gradcheck_network_max_relative_error"].get<double>() < 1e-6);
    BOOST_TEST(e6["gradcheck_handout_max_relative_error"].get<double>() < 1e-6);
    BOOST_TEST(e6["sgd"]["max_difference_from_handout_step"].get<double>() < 1e-12);
    BOOST_TEST(e6["sgd"]["loss_minibatch_after"].get<double>() < e6["sgd"]["loss_minibatch_before"].get<double>());

    // Example 1.7 (derived by hand in tests/examples/backprop_examples.cpp): y = (0, 2); E = 4 for 1/2 sum
    // and 1/n sum, 8 for the sum; w31 stays 0.5, w42 -> 0.54 and w22 -> 1.02 (0.58 and 1.04 for the sum).
    const auto& e7 = c["bahng_example_1_7"];
    BOOST_TEST(e7["outputs"][0][0].get<double>() == 0.0);
    BOOST_TEST(e7["outputs"][0][1].get<double>() == 2.0);
    BOOST_TEST(e7["half_sum_equals_mean"].get<bool>());
    const auto& half = e7["by_normalization"]["half_sum"];
    const auto& sum = e7["by_normalization"]["sum"];
    BOOST_TEST(half["E"].get<double>() == 4.0);
    BOOST_TEST(sum["E"].get<double>() == 8.0);
    BOOST_TEST(half["w31_new"].get<double>() == 0.5);
    BOOST_TEST(half["w42_new"].get<double>() == 0.54, tt::tolerance(1e-14));
    BOOST_TEST(half["w22_new"].get<double>() == 1.02, tt::tolerance(1e-14));
    BOOST_TEST(sum["w42_new"].get<double>() == 0.58, tt::tolerance(1e-14));
    BOOST_TEST(sum["w22_new"].get<double>() == 1.04, tt::tolerance(1e-14));

    // Kaiming keeps Var[x_20] near (1 - 1/pi) E[x_0^2] = 0.68; std 0.01 and N(0, 1/n) vanish; std 0.1 explodes
    // (gain 256 * 0.01 / 2 = 1.28 per layer at the quick width 256).
    const auto& last = c["kaiming_depth"]["last_layer_variance"];
    BOOST_TEST(last["kaiming"].get<double>() > 0.2);
    BOOST_TEST(last["kaiming"].get<double>() < 2.0);
    BOOST_TEST(last["std_0.01"].get<double>() < 1e-20);
    BOOST_TEST(last["normal_fan_in"].get<double>() < 1e-4);
    BOOST_TEST(last["xavier"].get<double>() < 1e-4);
    BOOST_TEST(last["std_0.1"].get<double>() > 10.0);
    BOOST_TEST(c["kaiming_depth"]["kaiming_second_moment_ratio"].get<double>() == 0.5, tt::tolerance(0.05));

    // Optimizers: every method ends near the quadratic's optimum (1, 3); momentum converges to it.
    for (const auto* m : {"sgd", "momentum", "rmsprop", "adam"}) {
        BOOST_TEST_CONTEXT(m) {
            BOOST_TEST(!c["optimizers"]["quadratic"]["methods"][m]["diverged"].get<bool>());
            BOOST_TEST(c["optimizers"]["quadratic"]["methods"][m]["final_distance"].get<double>() < 0.2);
            BOOST_TEST(!c["optimizers"]["rosenbrock"]["methods"][m]["diverged"].get<bool>());
        }
    }
    BOOST_TEST(c["optimizers"]["quadratic"]["methods"]["momentum"]["final_distance"].get<double>() < 1e-6);
    BOOST_TEST(c["optimizers"]["quadratic"]["optimum"][0].get<double>() == 1.0, tt::tolerance(1e-14));
    BOOST_TEST(c["optimizers"]["quadratic"]["optimum"][1].get<double>() == 3.0, tt::tolerance(1e-14));

    // The MLP learns something even from the --quick subsample.
    BOOST_TEST(c["mnist_mlp"]["test_accuracy"].get<double>() > 0.7);
    BOOST_TEST(!c["mnist_mlp"]["target_applies"].get<bool>());

    // The errata: Example 1.6's two index typos, the Kaiming slide's Var[x_{l+1}] = 1/2 Var[z_l].
    std::size_t e16 = 0, kaiming = 0;
    for (const auto& e : j.at("errata")) {
        const auto id = e.at("case").get<std::string>();
        e16 += id == "bahng_example_1_6";
        kaiming += id == "kaiming_depth";
    }
    BOOST_TEST(e16 == 2u);
    BOOST_TEST(kaiming == 1u);
}

BOOST_AUTO_TEST_CASE(bad_flags_exit_nonzero_with_usage) { dlc_test::check_bad_flags("lectures", "backprop"); }

BOOST_AUTO_TEST_SUITE_END()
