// Program run: hw7 honours the program contract, and its JSON carries Q1's network, part (a)'s factors and its
// ERRATUM, the table of part (b), the mode collapse of part (c), the last page's step sizes, Q2's shapes, training and
// generated digits, and the improvements with their scores.
#define BOOST_TEST_DYN_LINK
#include "program_run.hpp"

#include <set>
#include <string>

BOOST_AUTO_TEST_SUITE(hw7_program)

BOOST_AUTO_TEST_CASE(quick_run_writes_json_and_figures) {
    namespace tt = boost::test_tools;
    const auto j = dlc_test::run_quick("homework", "hw7",
                                       {"hw7_q1_network", "hw7_q1a_update", "hw7_q1b_cheat", "hw7_q1c_random",
                                        "hw7_bias_variance", "hw7_q2a_shapes", "hw7_q2_autoencoder",
                                        "hw7_q2c_improvements"});
    const auto& cases = j.at("cases");
    const auto& net = cases.at("hw7_q1_network");
    BOOST_TEST(net["parameter_count"].get<std::size_t>() == 7840u);
    BOOST_TEST(net["argmax_equals_nearest"].get<std::size_t>() == net["argmax_checks"].get<std::size_t>());
    BOOST_TEST(net["loss_ratio"].get<double>() == 784.0, tt::tolerance(1e-9));

    // Part (a): 2 eta (b/10) / Z with eta = 4.5, b = 64: 0.9 for Z = b, 0.9 / 784 for Z = 64 x 784.
    const auto& upd = cases.at("hw7_q1a_update");
    BOOST_TEST(upd["factor_batch_mean"].get<double>() == 0.9, tt::tolerance(1e-12));
    BOOST_TEST(upd["factor_mse_default"].get<double>() == 0.9 / 784, tt::tolerance(1e-12));
    BOOST_TEST(upd["reductions"]["elements"]["max_gap_to_argmax_form"].get<double>() < 1e-3);
    std::size_t errata = 0;
    for (const auto& e : j.at("errata")) errata += e.at("case").get<std::string>() == "hw7_q1a_update";
    BOOST_TEST(errata == 1u);

    const auto& cheat = cases.at("hw7_q1b_cheat");
    BOOST_TEST(cheat["table_total"].get<long>() == 6000);  // --quick trains on 6 000 images
    const auto& J = cheat["runs"]["elements"]["objective_per_epoch"];
    BOOST_TEST(J.back().get<double>() < J.front().get<double>());  // training lowers the k-means objective

    const auto& random = cases.at("hw7_q1c_random");
    BOOST_TEST(random["uniform_empty_total"].get<std::size_t>() > random["kmeanspp_empty_total"].get<std::size_t>());

    const auto& bv = cases.at("hw7_bias_variance");
    BOOST_TEST(std::abs(bv["balance_eta_b64"].get<double>() - 4.5) < 0.05);
    BOOST_TEST(bv["best_eta_b64"].get<double>() > bv["balance_eta_b64"].get<double>());
    BOOST_TEST(bv["measured"].size() == 7u);

    const auto& shapes = cases.at("hw7_q2a_shapes");
    BOOST_TEST((shapes["after_first_transposed"] == nlohmann::json{20, 27, 27}));
    BOOST_TEST((shapes["image"] == nlohmann::json{1, 28, 28}));
    BOOST_TEST((shapes["output"] == nlohmann::json{794}));

    const auto& ae = cases.at("hw7_q2_autoencoder");
    BOOST_TEST(ae["train_loss"].size() == ae["epochs"].get<std::size_t>());
    BOOST_TEST(ae["quality"]["n"].get<std::size_t>() == 200u);
    const auto& better = cases.at("hw7_q2c_improvements");
    BOOST_TEST(better["models"].size() == 4u);
    BOOST_TEST(better["improvements_better"].get<std::size_t>() >= 2u, "at least two improvements beat the homework");

    std::set<std::string> figures;
    for (const auto& f : j.at("figures")) figures.insert(f.at("name").get<std::string>());
    for (const char* name : {"q1b_centres", "q1b_table", "q1b_objective", "q1c_uniform_centres", "bias_variance_b64",
                             "bias_variance_measured", "q2a_sketch", "q2_loss", "q2_generated", "q2c_side_by_side"})
        BOOST_TEST(figures.count(name) == 1u, "figure " << name << " missing");
}

BOOST_AUTO_TEST_CASE(bad_flags_exit_nonzero_with_usage) { dlc_test::check_bad_flags("homework", "hw7"); }

BOOST_AUTO_TEST_SUITE_END()
