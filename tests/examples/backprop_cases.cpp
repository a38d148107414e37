// The backprop lecture's worked cases added for issue 11: the output deltas, regularization gradients, whitening,
// initialization, dropout, GELU, batch norm (against PyTorch, tests/fixtures/batchnorm_reference.json), the slides'
// optimizer iterates (against PyTorch, tests/fixtures/optimizer_iterates.json) and Bahng's numbers (nn.RNN against
// PyTorch, tests/fixtures/bahng_rnn_reference.json). Values derived by hand in the comments, or from the fixtures.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "case_run.hpp"
#include "nn/batchnorm.hpp"
#include "optim/adam.hpp"
#include "optim/rmsprop.hpp"

#include <cmath>
#include <cstdint>
#include <fstream>

BOOST_AUTO_TEST_SUITE(backprop_cases)

namespace {

const nlohmann::json& run() {
    return dlc_test::run_cases("lectures", "backprop",
                               {"softmax_ce_delta", "regularization_gradient", "whitening", "init_variance",
                                "dropout_expectation", "gelu", "batch_norm", "slide_optimizer_iterates",
                                "bahng_numeric_claims"});
}

nlohmann::json fixture(const std::string& name) {
    const char* dir = std::getenv("DLC_FIXTURES");
    BOOST_TEST_REQUIRE(dir != nullptr, "DLC_FIXTURES is set by CTest");
    std::ifstream f(std::string(dir) + "/" + name);
    BOOST_TEST_REQUIRE(f.good(), "missing fixture " << name);
    return nlohmann::json::parse(f);
}

double max_gap(const nlohmann::json& a, const nlohmann::json& b) {
    double m = 0;
    for (std::size_t t = 0; t < a.size(); ++t)
        for (std::size_t k = 0; k < 2; ++k) m = std::max(m, std::abs(a[t][k].get<double>() - b[t][k].get<double>()));
    return m;
}

}  // namespace

// delta = a - y (identity + squared error; softmax + cross-entropy), the Jacobian g_j ([k = j] - g_k): all against
// central differences, and the library's SoftmaxCrossEntropy backward.
BOOST_AUTO_TEST_CASE(output_deltas) {
    const auto& c = run()["cases"]["softmax_ce_delta"];
    BOOST_TEST(std::abs(c["identity"]["delta"].get<double>() - c["identity"]["central_difference"].get<double>()) < 1e-8);
    BOOST_TEST(c["softmax"]["max_difference"].get<double>() < 1e-8);
    BOOST_TEST(c["softmax"]["library_difference"].get<double>() < 1e-14);
    BOOST_TEST(c["jacobian_max_difference"].get<double>() < 1e-8);
    // Each column of the Jacobian sums to 0: sum_k g_j ([k = j] - g_k) = g_j (1 - sum_k g_k) = 0.
    for (std::size_t jcol = 0; jcol < 4; ++jcol) {
        double s = 0;
        for (std::size_t k = 0; k < 4; ++k) s += c["jacobian"][k][jcol].get<double>();
        BOOST_TEST(std::abs(s) < 1e-15);
    }
}

BOOST_AUTO_TEST_CASE(regularization_gradients) {
    const auto& j = run();
    const auto& g = j["cases"]["regularization_gradient"]["gradients"];
    BOOST_TEST(g["l2"]["max_difference"].get<double>() < 1e-5);
    BOOST_TEST(g["l1"]["max_difference"].get<double>() < 1e-5);
    BOOST_TEST(g["l2"]["library_difference"].get<double>() < 1e-14);
    BOOST_TEST(g["l1"]["library_difference"].get<double>() < 1e-14);
}

// x_new = D^{-1/2} U^T (x - mu) with the data's own mu and C: mean 0 and covariance I exactly (to rounding).
BOOST_AUTO_TEST_CASE(whitening_gives_zero_mean_and_identity) {
    const auto& c = run()["cases"]["whitening"];
    BOOST_TEST(c["whitened_mean_max_abs"].get<double>() < 1e-10);
    BOOST_TEST(c["whitened_covariance_max_error"].get<double>() < 1e-10);
    for (const auto& d : c["eigenvalues"]) BOOST_TEST(d.get<double>() > 0);
}

// E[W W^T] = n E[w^2] I + n E[w]^2 (1 1^T - I), n = 256: sd 1/16 -> I; variance 1/16 -> 16 I; unit variance -> 256 I;
// mean 0.1 -> off-diagonal 256 * 0.01 = 2.56. (--quick: 100 draws; tolerances are several standard errors.)
BOOST_AUTO_TEST_CASE(initialization_conditions) {
    const auto& j = run();
    const auto& d = j["cases"]["init_variance"]["distributions"];
    BOOST_TEST(d[0]["identity"].get<bool>());
    BOOST_TEST(std::abs(d[0]["diagonal_mean"].get<double>() - 1) < 0.05);
    BOOST_TEST(!d[1]["identity"].get<bool>());
    BOOST_TEST(std::abs(d[1]["diagonal_mean"].get<double>() / 16 - 1) < 0.05);
    BOOST_TEST(!d[2]["identity"].get<bool>());
    BOOST_TEST(std::abs(d[2]["diagonal_mean"].get<double>() / 256 - 1) < 0.05);
    BOOST_TEST(d[3]["identity"].get<bool>());
    BOOST_TEST(!d[4]["identity"].get<bool>());
    BOOST_TEST(std::abs(d[4]["off_diagonal_theory"].get<double>() - 2.56) < 1e-12);
    BOOST_TEST(j["cases"]["init_variance"]["whitened_output_covariance_vs_WWT"].get<double>() < 1e-9);
    BOOST_TEST(dlc_test::notes_of(j, "init_variance").size() == 1u);
}

// W a = (0.5 - 2 - 1 + 0.9, 1.5 + 0.4 + 0.35 + 3, -0.4 + 1.6 - 0.3 - 3.6) = (-1.6, 5.25, -2.7);
// E[z] = 0.7 W a + b = (-1.02, 3.475, -1.59); the notes' p W a = (-1.12, 3.675, -1.89) drops b: the ERRATUM.
BOOST_AUTO_TEST_CASE(dropout_expectations) {
    const auto& j = run();
    const auto& c = j["cases"]["dropout_expectation"];
    const double expected[3] = {-1.02, 3.475, -1.59};
    for (std::size_t i = 0; i < 3; ++i) {
        BOOST_TEST(std::abs(c["expected_z"][i].get<double>() - expected[i]) < 1e-12);
        BOOST_TEST(std::abs(c["mean_z"][i].get<double>() - expected[i]) < 0.05);  // Monte Carlo, --quick
    }
    for (std::size_t i = 0; i < 4; ++i) BOOST_TEST(std::abs(c["mean_mask"][i].get<double>() - 0.7) < 0.02);
    BOOST_TEST(c["pytorch_printout_consistent"].get<bool>());
    BOOST_TEST(dlc_test::errata_of(j, "dropout_expectation").size() == 1u);
    BOOST_TEST(std::abs(c["mean_kept_units"].get<double>() - 2.8) < 0.05);  // p M = 0.7 * 4
}

// x Phi(x): Phi(1) = 0.841344746, Phi(-2) = 0.022750132: GELU(1) = 0.841344746, GELU(-2) = -0.045500264, GELU(0) = 0.
BOOST_AUTO_TEST_CASE(gelu_values) {
    const auto& c = run()["cases"]["gelu"];
    for (const auto& v : c["values"]) {
        const double x = v["x"].get<double>(), g = v["gelu"].get<double>();
        if (x == 1) BOOST_TEST(std::abs(g - 0.8413447460685429) < 1e-12);
        if (x == -2) BOOST_TEST(std::abs(g + 0.04550026389635842) < 1e-12);
        if (x == 0) BOOST_TEST(g == 0.0);
    }
    BOOST_TEST(c["monte_carlo_within_tolerance"].get<bool>());
    BOOST_TEST(c["library_max_difference"].get<double>() < 1e-15);
}

// The library's BatchNorm against PyTorch's batch_norm on the fixture's x, and the running statistics after one
// training batch with momentum 0.1 (unbiased variance, from 0 and 1).
BOOST_AUTO_TEST_CASE(batch_norm_matches_pytorch) {
    const auto ref = fixture("batchnorm_reference.json");
    dlc::Tensor<double> x = dlc::Tensor<double>::from_shape({4, 3, 2, 2});
    for (std::size_t n = 0; n < 4; ++n)
        for (std::size_t c = 0; c < 3; ++c)
            for (std::size_t h = 0; h < 2; ++h)
                for (std::size_t w = 0; w < 2; ++w) x(n, c, h, w) = ref["x"][n][c][h][w].get<double>();
    dlc::BatchNorm<double> bn(3, 0.1, ref["eps"].get<double>());
    for (std::size_t c = 0; c < 3; ++c) bn.gamma()(c) = ref["gamma"][c].get<double>(), bn.beta()(c) = ref["beta"][c].get<double>();
    bn.train();
    const auto& y = bn.forward(x);
    double worst = 0;
    for (std::size_t n = 0; n < 4; ++n)
        for (std::size_t c = 0; c < 3; ++c)
            for (std::size_t h = 0; h < 2; ++h)
                for (std::size_t w = 0; w < 2; ++w)
                    worst = std::max(worst, std::abs(y(n, c, h, w) - ref["y"][n][c][h][w].get<double>()));
    BOOST_TEST(worst < 1e-12);
    for (std::size_t c = 0; c < 3; ++c) {
        BOOST_TEST(std::abs(bn.running_mean()(c) - ref["running_mean"][c].get<double>()) < 1e-14);
        BOOST_TEST(std::abs(bn.running_var()(c) - ref["running_var"][c].get<double>()) < 1e-14);
    }
    // The program's case computes the same y by the formula (its output is y reshaped to (4, 12)).
    const auto& out = run()["cases"]["batch_norm"];
    BOOST_TEST(out["library_vs_formula"].get<double>() < 1e-12);
    for (std::size_t n = 0; n < 4; ++n)
        for (std::size_t k = 0; k < 12; ++k)
            BOOST_TEST(std::abs(out["output"][n][k].get<double>() - ref["y"][n][k / 4][(k % 4) / 2][k % 2].get<double>()) < 1e-12);
}

// Five steps on theta_0^2 + 10 theta_1^2 from (1, 1). Step 1 by hand: RMSprop moves each coordinate by
// 0.01 / sqrt(0.1) = 0.0316228 (theta(1) = 0.968377 twice); Adam by 0.1 (theta(1) = (0.9, 0.9)).
BOOST_AUTO_TEST_CASE(slide_optimizers_match_pytorch) {
    const auto ref = fixture("optimizer_iterates.json");
    const auto& c = run()["cases"]["slide_optimizer_iterates"];
    BOOST_TEST(std::abs(c["rmsprop_slide_form"][1][0].get<double>() - (1 - 0.02 / std::sqrt(0.4 + 1e-8))) < 1e-15);
    BOOST_TEST(std::abs(c["adam"][1][1].get<double>() - 0.9) < 1e-8);
    BOOST_TEST(max_gap(c["rmsprop_slide_form"], ref["rmsprop_slides"]) < 1e-14);
    BOOST_TEST(max_gap(c["rmsprop_pytorch_form"], ref["rmsprop_torch"]) < 1e-14);
    BOOST_TEST(max_gap(c["rmsprop_slide_form"], ref["rmsprop_torch"]) < 1e-8);  // eps inside vs outside the root
    BOOST_TEST(max_gap(c["adam"], ref["adam_torch"]) < 1e-13);
    BOOST_TEST(max_gap(c["adam"], ref["adam_slides"]) < 1e-13);
    BOOST_TEST(c["rmsprop_fast_vs_plain"].get<double>() < 1e-15);
    BOOST_TEST(c["adam_fast_vs_plain"].get<double>() < 1e-14);
}

// §2.6: -log(1/10) = log 10 = 2.302585 (the printed log(1/10) is -2.302585: ERRATUM). §3.1: 100 - 3 + 1 = 98,
// 98 / 2 = 49; (1 + 27) 3 = 84 parameters. Footnote: 3 * 1024^2 = 3 145 728, * 1000 = 3 145 728 000 weights,
// * 4 = 12 582 912 000 bytes. §3.3: 32 -> 28 -> 14 -> 10 -> 5, 16 * 5 * 5 = 400 features; 456 + 2416 + 48120 +
// 10164 + 850 = 62006 parameters. §5.2.1: against PyTorch (fixture). §9.1: the chain's rank equals its count.
BOOST_AUTO_TEST_CASE(bahng_numbers) {
    const auto& j = run();
    const auto& c = j["cases"]["bahng_numeric_claims"];
    BOOST_TEST(std::abs(c["initial_softmax_loss_10_classes"].get<double>() - 2.302585092994046) < 1e-15);
    BOOST_TEST(std::abs(c["initial_loss_small_random_layer"].get<double>() - 2.302585) < 0.01);
    BOOST_TEST(c["conv_output_shape"] == nlohmann::json::parse("[3, 98, 98]"));
    BOOST_TEST(c["pool_output_shape"] == nlohmann::json::parse("[3, 49, 49]"));
    BOOST_TEST(c["conv_parameters"].get<int>() == 84);
    BOOST_TEST(c["footnote_inputs"].get<std::uint64_t>() == 3145728u);
    BOOST_TEST(c["footnote_weights"].get<std::uint64_t>() == 3145728000u);
    BOOST_TEST(c["footnote_bytes"].get<std::uint64_t>() == 12582912000u);
    BOOST_TEST(c["cnn_feature_size"].get<int>() == 400);
    BOOST_TEST(c["cnn_parameters"].get<int>() == 62006);
    const auto rnn = fixture("bahng_rnn_reference.json");
    BOOST_TEST(c["rnn_weight_shapes"] == rnn["weight_shapes"]);
    BOOST_TEST(c["rnn_parameters"] == rnn["parameters"]);
    BOOST_TEST(c["rnn_output_shape"] == rnn["output_size"]);
    BOOST_TEST(c["rnn_hn_shape"] == rnn["hn_size"]);
    BOOST_TEST(rnn["printed_line_error"].get<std::string>().find("NameError") == 0u);
    for (const auto& p : c["parameter_counts"]) BOOST_TEST(p["chain"] == p["chain_rank"]);
    BOOST_TEST(dlc_test::errata_of(j, "bahng_numeric_claims").size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
