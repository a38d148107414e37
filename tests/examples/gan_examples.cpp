// Worked examples of the GAN lecture, every expected number derived by hand in the comments: mock final Q5
// (f_X(x) = 2 - 2x on [0, 1] against a uniform generator), the L22&23 analysis (min over D of the cross-entropy is
// log 2 - JSD), Bahng 11's generator-loss derivatives; and one training iteration of both players of an MLP GAN
// against PyTorch autograd (tests/fixtures/gan_step.json, written by tests/fixtures/make_gan_fixture.py).
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>
#include "../fixture.hpp"

#include "gan/density1d.hpp"
#include "gan/gan_loss.hpp"
#include "gan/sampling.hpp"
#include "gan/trainer.hpp"
#include "nn/linear.hpp"
#include "nn/relu.hpp"
#include "nn/sequential.hpp"
#include "nn/sigmoid.hpp"
#include "optim/adam.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <string>

BOOST_AUTO_TEST_SUITE(gan_examples)

namespace {

namespace tt = boost::test_tools;

const dlc::Density1d f_x{"2 - 2x", [](double x) { return 2 - 2 * x; }, 0.0, 1.0};
const dlc::Density1d unif{"uniform", [](double) { return 1.0; }, 0.0, 1.0};

const nlohmann::json& fixture() {
    static const nlohmann::json j = dlc_test::load_fixture("gan_step.json");
    return j;
}

dlc::Tensor<double> tensor(const nlohmann::json& j) { return dlc_test::tensor_from_json(j); }

double max_diff(const dlc::Tensor<double>& a, const dlc::Tensor<double>& b) {
    BOOST_TEST_REQUIRE(dlc::same_shape(a, b));
    double m = 0;
    for (std::size_t i = 0; i < a.size(); ++i) m = std::max(m, std::abs(a.data()[i] - b.data()[i]));
    return m;
}

// The fixture's players: G = Linear(3 -> 5), ReLU, Linear(5 -> 2), tanh; D = Linear(2 -> 6), LeakyReLU(0.2),
// Linear(6 -> 1), with the stored weights.
void build(const nlohmann::json& init, dlc::Sequential<double>& G, dlc::Sequential<double>& D) {
    G.add<dlc::Linear<double>>(tensor(init["G"]["0.W"]), tensor(init["G"]["0.b"]));
    G.add<dlc::ReLU<double>>();
    G.add<dlc::Linear<double>>(tensor(init["G"]["2.W"]), tensor(init["G"]["2.b"]));
    G.add<dlc::Tanh<double>>();
    D.add<dlc::Linear<double>>(tensor(init["D"]["0.W"]), tensor(init["D"]["0.b"]));
    D.add<dlc::LeakyReLU<double>>(0.2);
    D.add<dlc::Linear<double>>(tensor(init["D"]["2.W"]), tensor(init["D"]["2.b"]));
}

double max_param_diff(dlc::Sequential<double>& net, const nlohmann::json& want) {
    double m = 0;
    for (auto& p : net.parameters()) m = std::max(m, max_diff(*p.value, tensor(want.at(p.name))));
    return m;
}

}  // namespace

// Q5 (a): D*(x) = (2 - 2x)/(3 - 2x): D*(0) = 2/3, D*(1/2) = 1/2, D*(1) = 0.
BOOST_AUTO_TEST_CASE(mockfinal_q5_optimal_discriminator) {
    for (double x : {0.0, 0.2, 0.5, 0.8, 1.0})
        BOOST_TEST(dlc::optimal_discriminator(f_x(x), unif(x)) == (2 - 2 * x) / (3 - 2 * x), tt::tolerance(1e-15));
    BOOST_TEST(dlc::optimal_discriminator(f_x(0.0), unif(0.0)) == 2.0 / 3, tt::tolerance(1e-15));
}

// The loss at D*, with u = 1 - x, p = 2u, m = (1 + 2u)/2:
//   KL(p || m) = int 2u log(4u/(1 + 2u)) du = (log 4 - 1/2) - 3/4 log 3,
//   KL(U || m) = int log(2/(1 + 2u)) du = log 2 - (3/2 log 3 - 1),
//   JSD = (KL + KL)/2 = 3/2 log 2 + 1/4 - 9/8 log 3 = 0.0537822...,
//   L(D*, G) = E[-log D*(X) - log(1 - D*(G(Z)))] = 2 log 2 - 2 JSD = 1.2787300...
BOOST_AUTO_TEST_CASE(mockfinal_q5_loss_is_2log2_minus_2jsd) {
    const double l2 = std::log(2.0), l3 = std::log(3.0);
    const double jsd = 1.5 * l2 + 0.25 - 9.0 / 8 * l3;
    BOOST_TEST(jsd == 0.0537822, tt::tolerance(1e-5));
    BOOST_TEST(dlc::js_divergence(f_x, unif) == jsd, tt::tolerance(1e-9));
    const double loss = -dlc::gan_value(f_x, unif, [](double x) { return (2 - 2 * x) / (3 - 2 * x); });
    BOOST_TEST(loss == 2 * l2 - 2 * jsd, tt::tolerance(1e-9));
    BOOST_TEST(loss == 1.27873, tt::tolerance(1e-5));
    // At the optimum G(Z) ~ X: D = 1/2 and the loss is 2 log 2 = log 4.
    BOOST_TEST(dlc::optimal_discriminator(f_x(0.3), f_x(0.3)) == 0.5);
    BOOST_TEST(-dlc::gan_value(f_x, f_x, [](double) { return 0.5; }) == std::log(4.0), tt::tolerance(1e-12));
}

// Q5 (b): F_X(x) = 2x - x^2, g(z) = 1 - sqrt(1 - z): g(3/4) = 1/2 since F_X(1/2) = 3/4.
BOOST_AUTO_TEST_CASE(mockfinal_q5_optimal_generator) {
    auto F = [](double x) { return 2 * x - x * x; };
    BOOST_TEST(dlc::inverse_cdf(F, 0.75, 0, 1) == 0.5, tt::tolerance(1e-13));
    BOOST_TEST(dlc::inverse_cdf(F, 0.19, 0, 1) == 0.1, tt::tolerance(1e-12));  // 2(0.1) - 0.01 = 0.19
    dlc::Rng rng(5);
    const auto x = dlc::sample_inverse_cdf([](double z) { return 1 - std::sqrt(1 - z); }, 50000, rng);
    BOOST_TEST(dlc::ks_distance(x, F) < 0.01);
}

// L22&23: min over D of R = 1/2 E_pop[-log D] + 1/2 E_gen[-log(1 - D)] = log 2 - JSD:
// 0.6931472 - 0.0537822 = 0.6393650 for the mock final's pair.
BOOST_AUTO_TEST_CASE(lec23_min_over_d_is_log2_minus_jsd) {
    const double R = -0.5 * dlc::gan_value(f_x, unif, [](double x) { return (2 - 2 * x) / (3 - 2 * x); });
    BOOST_TEST(R == 0.639365, tt::tolerance(1e-5));
    BOOST_TEST(R == std::log(2.0) - dlc::js_divergence(f_x, unif), tt::tolerance(1e-9));
}

// Bahng 11: d/da log(1 - sigma(a)) = -sigma(a) and d/da (-log sigma(a)) = sigma(a) - 1;
// sigma(-6) = 1/(1 + e^6) = 0.00247262, sigma(-3) = 0.0474259, sigma(0) = 1/2, sigma(3) = 0.952574.
BOOST_AUTO_TEST_CASE(bahng_generator_loss_derivatives) {
    using dlc::GeneratorLoss;
    const double sat[] = {-0.00247262, -0.0474259, -0.5, -0.952574};
    const double non[] = {-0.997527, -0.952574, -0.5, -0.0474259};
    const double as[] = {-6, -3, 0, 3};
    for (int i = 0; i < 4; ++i) {
        BOOST_TEST(dlc::generator_loss_derivative(GeneratorLoss::saturating, as[i]) == sat[i], tt::tolerance(1e-5));
        BOOST_TEST(dlc::generator_loss_derivative(GeneratorLoss::non_saturating, as[i]) == non[i], tt::tolerance(1e-5));
    }
}

// One iteration (and a second, to carry Adam's moments) of both players against PyTorch in float64.
BOOST_AUTO_TEST_CASE(one_training_iteration_against_pytorch) {
    for (const char* kind : {"non-saturating", "saturating"}) {
        BOOST_TEST_CONTEXT(kind) {
            const auto& fx = fixture().at(kind);
            dlc::Sequential<double> G, D;
            build(fx.at("initial"), G, D);
            dlc::Adam<double> og(G.parameters(), 0.01, 0.5, 0.999), od(D.parameters(), 0.01, 0.5, 0.999);
            dlc::GanOptions opt;
            opt.generator_loss = std::string(kind) == "saturating" ? dlc::GeneratorLoss::saturating
                                                                   : dlc::GeneratorLoss::non_saturating;
            dlc::GanTrainer<double> t(G, D, og, od, opt);
            const auto x = tensor(fx.at("x"));
            for (std::size_t it = 0; it < 2; ++it) {
                const auto& want = fx.at("iterations").at(it);
                const auto ds = t.discriminator_step(x, tensor(fx.at("z").at(2 * it)));
                const auto gs = t.generator_step(tensor(fx.at("z").at(2 * it + 1)));
                BOOST_TEST(ds.loss == want.at("loss_d").get<double>(), tt::tolerance(1e-12));
                BOOST_TEST(ds.d_real == want.at("d_real").get<double>(), tt::tolerance(1e-12));
                BOOST_TEST(ds.d_fake == want.at("d_fake").get<double>(), tt::tolerance(1e-12));
                BOOST_TEST(gs.loss == want.at("loss_g").get<double>(), tt::tolerance(1e-12));
                BOOST_TEST(gs.d_fake == want.at("d_fake_generator_step").get<double>(), tt::tolerance(1e-12));
                BOOST_TEST(max_diff(t.generator_input_gradient(), tensor(want.at("generator_input_gradient"))) < 1e-14);
                BOOST_TEST(max_param_diff(G, want.at("G")) < 1e-12);
                BOOST_TEST(max_param_diff(D, want.at("D")) < 1e-12);
            }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
