// lib/gan: the exact 1-D quantities (optimal discriminator against a numerical maximisation, KL and JSD against
// closed forms, inverse-CDF sampling, the Kolmogorov-Smirnov distance), the players' losses, gradient checks in
// double of both players' backward passes (the discriminator's loss, and the generator's loss through a fixed
// discriminator: its input gradient, then G's backward) for MLP, conditional and DCGAN players, the Fréchet
// distance against 1-D and 2-D closed forms, packing, mode coverage, and the bad inputs.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"
#include "../nn_check.hpp"

#include "gan/conditional.hpp"
#include "gan/density1d.hpp"
#include "gan/frechet.hpp"
#include "gan/gan_loss.hpp"
#include "gan/modes.hpp"
#include "gan/pack.hpp"
#include "gan/players.hpp"
#include "gan/sampling.hpp"
#include "gan/trainer.hpp"
#include "nn/batchnorm.hpp"
#include "nn/conv2d.hpp"
#include "nn/conv_transpose2d.hpp"
#include "nn/flatten.hpp"
#include "nn/gradcheck.hpp"
#include "nn/linear.hpp"
#include "nn/relu.hpp"
#include "nn/sigmoid.hpp"
#include "optim/adam.hpp"
#include "optim/gd.hpp"

#include <xtensor-blas/xlinalg.hpp>

#include <cmath>
#include <functional>
#include <vector>

BOOST_AUTO_TEST_SUITE(gan)

namespace {

namespace tt = boost::test_tools;

const dlc::Density1d f_x{"2 - 2x", [](double x) { return 2 - 2 * x; }, 0.0, 1.0};
const dlc::Density1d unif{"uniform", [](double) { return 1.0; }, 0.0, 1.0};

// The argmax over D in (0, 1) of p log D + q log(1 - D), by a fine grid then golden section (independent of the formula).
double argmax_pointwise(double p, double q) {
    auto h = [&](double d) { return (p > 0 ? p * std::log(d) : 0.0) + (q > 0 ? q * std::log(1 - d) : 0.0); };
    double best = 0.5, hb = h(0.5);
    for (int i = 1; i < 1000; ++i) {
        const double d = i / 1000.0;
        if (h(d) > hb) hb = h(d), best = d;
    }
    double a = std::max(1e-15, best - 1e-3), b = std::min(1 - 1e-15, best + 1e-3);
    const double r = (std::sqrt(5.0) - 1) / 2;
    while (b - a > 1e-13) {
        const double c = b - r * (b - a), d = a + r * (b - a);
        if (h(c) >= h(d)) b = d; else a = c;
    }
    return 0.5 * (a + b);
}

// All parameter gradients of a module flattened into GradCheckTargets (values point into the module).
std::vector<dlc::GradCheckTarget> targets_of(dlc::Module<double>& m) {
    std::vector<dlc::GradCheckTarget> t;
    for (auto& p : m.parameters()) t.push_back({p.name, p.value, *p.grad});
    return t;
}

dlc::Tensor<double> normal(const dlc::Shape& shape, dlc::Rng& rng) {
    dlc::Tensor<double> t = dlc::Tensor<double>::from_shape(shape);
    for (auto& v : t) v = rng.normal();
    return t;
}

// Gradient checks of both players of one GAN: L_D as a function of D's parameters (G fixed), and L_G as a function
// of G's parameters through the fixed D, for both generator losses; plus G's input-gradient signal: the
// discriminator's input gradient against central differences of L_G in the generated samples.
void check_both_players(dlc::Sequential<double>& G, dlc::Sequential<double>& D, const dlc::Tensor<double>& x,
                        const dlc::Tensor<double>& z, const dlc::Tensor<double>* y_real, const dlc::Tensor<double>* y_fake,
                        const std::string& what, double mismatched_labels = 0) {
    dlc::GradCheckOptions opt;
    opt.max_entries_per_tensor = 40;
    for (auto loss : {dlc::GeneratorLoss::saturating, dlc::GeneratorLoss::non_saturating}) {
        dlc::GradientDescent<double> og(G.parameters(), 0.1), od(D.parameters(), 0.1);
        dlc::GanOptions o;
        o.generator_loss = loss;
        o.mismatched_labels = mismatched_labels;
        dlc::GanTrainer<double> t(G, D, og, od, o);

        od.zero_grad();
        t.discriminator_gradient(x, z, y_real, y_fake);
        auto td = targets_of(D);
        const auto rd = dlc::gradcheck_generic([&] { return t.discriminator_gradient(x, z, y_real, y_fake).loss; }, td, opt);
        BOOST_TEST_MESSAGE(what << " D: " << rd.str());
        BOOST_TEST(rd.entries > 0u);
        BOOST_TEST(rd.max_relative_error < dlc_test::gradcheck_tolerance, what << " discriminator: " << rd.str());

        og.zero_grad();
        t.generator_gradient(z, y_fake);
        for (auto& p : D.parameters()) BOOST_TEST(xt::amax(xt::abs(*p.grad))() == 0.0, "D's gradients are discarded");
        auto tg = targets_of(G);
        const auto rg = dlc::gradcheck_generic([&] { return t.generator_gradient(z, y_fake).loss; }, tg, opt);
        BOOST_TEST_MESSAGE(what << " G (" << dlc::to_string(loss) << "): " << rg.str());
        BOOST_TEST(rg.entries > 0u);
        BOOST_TEST(rg.max_relative_error < dlc_test::gradcheck_tolerance, what << " generator " << dlc::to_string(loss)
                                                                               << ": " << rg.str());
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(simpson_is_exact_on_cubics_and_checks_densities) {
    // [x^4/4 - x^2 + x] from -1 to 2 = 2 - (-7/4) = 3.75; Simpson with two intervals is exact on cubics.
    BOOST_TEST(dlc::simpson([](double x) { return x * x * x - 2 * x + 1; }, -1, 2, 2) == 3.75, tt::tolerance(1e-13));
    BOOST_TEST(dlc::simpson([](double x) { return std::exp(x); }, 0, 1) == std::exp(1.0) - 1, tt::tolerance(1e-13));
    BOOST_CHECK_NO_THROW(dlc::check_density(f_x, "test"));
    dlc_test::check_throws<dlc::ValueError>([] { dlc::simpson([](double x) { return x; }, 0, 1, 3); }, {"even"});
    dlc_test::check_throws<dlc::ValueError>([] { dlc::simpson([](double x) { return x; }, 1, 0); }, {"a < b"});
}

BOOST_AUTO_TEST_CASE(bad_densities_are_rejected) {
    const dlc::Density1d negative{"3x - 1/2", [](double x) { return 3 * x - 0.5; }, 0.0, 1.0};  // integral 1, < 0 below 1/6
    const dlc::Density1d shifted{"2x - 1/2", [](double x) { return 2 * x - 0.5; }, 0.0, 1.0};  // integral 1/2, < 0 below 1/4
    const dlc::Density1d too_much{"2", [](double) { return 2.0; }, 0.0, 1.0};                  // integral 2
    const dlc::Density1d empty{"bad support", [](double) { return 1.0; }, 1.0, 1.0};
    const dlc::Density1d nan{"nan", [](double) { return std::nan(""); }, 0.0, 1.0};
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::check_density(negative, "t"); }, {"f(x) >= 0"});
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::check_density(shifted, "t"); }, {"f(x) >= 0"});
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::check_density(too_much, "t"); }, {"to be 1, got 2"});
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::check_density(empty, "t"); }, {"lo < hi"});
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::check_density(nan, "t"); }, {"finite"});
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::js_divergence(too_much, unif); }, {"js_divergence", "to be 1"});
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::kl_divergence(f_x, shifted); }, {"kl_divergence"});
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::gan_value(f_x, too_much, [](double) { return 0.5; }); },
                                            {"gan_value"});
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::gan_value(f_x, unif, [](double) { return 1.5; }); },
                                            {"D(x) in [0, 1]"});
    dlc_test::check_throws<dlc::ValueError>([] { dlc::optimal_discriminator(-0.1, 1.0); }, {"optimal_discriminator"});
}

BOOST_AUTO_TEST_CASE(optimal_discriminator_maximises_the_pointwise_integrand) {
    // f_X = 2 - 2x against the uniform, and f = 3x^2 against f_X: the formula against a numerical argmax on a grid.
    const dlc::Density1d cube{"3x^2", [](double x) { return 3 * x * x; }, 0.0, 1.0};
    double worst = 0;
    for (int i = 0; i <= 20; ++i) {
        const double x = i / 20.0;
        worst = std::max(worst, std::abs(dlc::optimal_discriminator(f_x(x), unif(x)) - argmax_pointwise(f_x(x), unif(x))));
        worst = std::max(worst, std::abs(dlc::optimal_discriminator(cube(x), f_x(x)) - argmax_pointwise(cube(x), f_x(x))));
    }
    BOOST_TEST(worst < 1e-7);  // the numerical maximiser locates an optimum to about sqrt(machine epsilon)
    BOOST_TEST(dlc::optimal_discriminator(0.0, 0.0) == 0.5);  // no density on either side: any D is optimal
    // The mock final's (2 - 2x)/(3 - 2x).
    const auto d = dlc::optimal_discriminator(f_x, unif, {0.0, 0.25, 0.5, 1.0});
    BOOST_TEST(d[0] == 2.0 / 3, tt::tolerance(1e-15));
    BOOST_TEST(d[1] == 1.5 / 2.5, tt::tolerance(1e-15));
    BOOST_TEST(d[2] == 0.5, tt::tolerance(1e-15));
    BOOST_TEST(d[3] == 0.0);
    // D* maximises V: any other D gives less.
    const auto dstar = [&](double x) { return dlc::optimal_discriminator(f_x(x), unif(x)); };
    const double v_star = dlc::gan_value(f_x, unif, dstar);
    BOOST_TEST(dlc::gan_value(f_x, unif, [&](double x) { return 0.9 * dstar(x) + 0.05; }) < v_star);
    BOOST_TEST(dlc::gan_value(f_x, unif, [](double) { return 0.5; }) < v_star);
}

BOOST_AUTO_TEST_CASE(kl_and_jsd_against_closed_forms) {
    // u = 1 - x: KL(f_X || U) = int 2u log 2u du = log 2 - 1/2; KL(U || f_X) = -int log 2u du = 1 - log 2;
    // JSD = 3/2 log 2 + 1/4 - 9/8 log 3 (the GAN lecture's docs derive it).
    const double l2 = std::log(2.0), l3 = std::log(3.0);
    BOOST_TEST(dlc::kl_divergence(f_x, unif) == l2 - 0.5, tt::tolerance(1e-8));
    BOOST_TEST(dlc::kl_divergence(unif, f_x) == 1 - l2, tt::tolerance(1e-3));  // log singularity at x = 1: slow
    BOOST_TEST(dlc::js_divergence(f_x, unif) == 1.5 * l2 + 0.25 - 9.0 / 8 * l3, tt::tolerance(1e-9));
    BOOST_TEST(dlc::js_divergence(f_x, f_x) == 0.0, tt::tolerance(1e-15));
    BOOST_TEST(dlc::js_divergence(unif, f_x) == dlc::js_divergence(f_x, unif), tt::tolerance(1e-12));
    // Disjoint supports: JSD = log 2 exactly, KL infinite; the integration splits at the support ends.
    const dlc::Density1d far{"uniform on [2, 3]", [](double) { return 1.0; }, 2.0, 3.0};
    BOOST_TEST(dlc::js_divergence(unif, far) == l2, tt::tolerance(1e-12));
    BOOST_TEST(std::isinf(dlc::kl_divergence(unif, far)));
    // Two overlapping uniforms, U[0, 1] and U[0.5, 1.5]: JSD = 1/2 log 2.
    const dlc::Density1d half{"uniform on [0.5, 1.5]", [](double) { return 1.0; }, 0.5, 1.5};
    BOOST_TEST(dlc::js_divergence(unif, half) == 0.5 * l2, tt::tolerance(1e-9));
    // V(D*, G) = -log 4 + 2 JSD.
    const double v = dlc::gan_value(f_x, unif, [&](double x) { return dlc::optimal_discriminator(f_x(x), unif(x)); });
    BOOST_TEST(v == -std::log(4.0) + 2 * dlc::js_divergence(f_x, unif), tt::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(inverse_cdf_sampling_and_ks_distance) {
    auto F = [](double x) { return x <= 0 ? 0.0 : x >= 1 ? 1.0 : 2 * x - x * x; };
    for (double u : {0.0, 0.1, 0.5, 0.9, 0.999, 1.0})
        // Bisection to 1e-8 in x (near u = 1, F is flat: F'(1) = 0, so x is known only to about 1e-8 there).
        BOOST_TEST(std::abs(dlc::inverse_cdf(F, u, 0, 1) - (1 - std::sqrt(1 - u))) < 1e-8);
    dlc::Rng rng(7);
    const std::size_t n = 100000;
    const auto x = dlc::sample_inverse_cdf([](double u) { return 1 - std::sqrt(1 - u); }, n, rng);
    double m = 0;
    for (double v : x) m += v / double(n);
    BOOST_TEST(std::abs(m - 1.0 / 3) < 4 * std::sqrt(1.0 / 18 / double(n)));  // Var X = 1/18
    BOOST_TEST(dlc::ks_distance(x, F) < 1.63 / std::sqrt(double(n)));         // the 1% critical value
    // A hand example: {0.1, 0.5, 0.9} against U(0, 1): max(1/3 - 0.1, 0.5 - 1/3, 0.9 - 2/3) = 7/30.
    BOOST_TEST(dlc::ks_distance({0.9, 0.1, 0.5}, [](double v) { return v; }) == 7.0 / 30, tt::tolerance(1e-15));
    // The identity generator against F_X: sup |x - (2x - x^2)| = 1/4.
    const auto u = dlc::sample_inverse_cdf([](double v) { return v; }, n, rng);
    BOOST_TEST(std::abs(dlc::ks_distance(u, F) - 0.25) < 0.01);
    // Kolmogorov's Q(1) = 0.26999967 (lambda = 1 with Stephens' correction at n = 10^6).
    BOOST_TEST(dlc::ks_p_value(1.0 / (1000 + 0.12 + 0.11 / 1000), 1000000) == 0.26999967, tt::tolerance(1e-6));
    BOOST_TEST(dlc::ks_p_value(0.0, 10) == 1.0);
    dlc_test::check_throws<dlc::ShapeError>([&] { dlc::ks_distance({}, F); }, {"ks_distance", "empty"});
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::inverse_cdf(F, 1.5, 0, 1); }, {"inverse_cdf", "u in [0, 1]"});
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::ks_distance({0.5}, [](double) { return 2.0; }); }, {"F(x) in [0, 1]"});
    dlc_test::check_throws<dlc::ValueError>([] { dlc::ks_p_value(0.1, 0); }, {"ks_p_value"});
}

BOOST_AUTO_TEST_CASE(losses_and_their_derivatives) {
    using dlc::GeneratorLoss;
    for (double a : {-30.0, -6.0, -1.0, 0.0, 2.0, 30.0}) {
        const double s = 1 / (1 + std::exp(-a));
        BOOST_TEST(dlc::logistic(a) == s, tt::tolerance(1e-14));
        BOOST_TEST(dlc::generator_loss_derivative(GeneratorLoss::saturating, a) == -s, tt::tolerance(1e-14));
        BOOST_TEST(dlc::generator_loss_derivative(GeneratorLoss::non_saturating, a) == s - 1, tt::tolerance(1e-14));
        if (std::abs(a) < 20) {
            BOOST_TEST(dlc::generator_loss_value(GeneratorLoss::saturating, a) == std::log(1 - s), tt::tolerance(1e-12));
            BOOST_TEST(dlc::generator_loss_value(GeneratorLoss::non_saturating, a) == -std::log(s), tt::tolerance(1e-12));
        }
    }
    BOOST_TEST(std::isfinite(dlc::generator_loss_value(GeneratorLoss::non_saturating, -800.0)));  // no overflow
    // Batch versions: means and gradients / m.
    const dlc::Tensor<double> ar = dlc::Matrix<double>{{1.0}, {-2.0}}, af = dlc::Matrix<double>{{0.5}, {3.0}, {-1.0}};
    dlc::Tensor<double> gr, gf, gg;
    const double ld = dlc::discriminator_loss(ar, af, gr, gf);
    double want = 0;
    for (double a : {1.0, -2.0}) want += -std::log(dlc::logistic(a)) / 2;
    for (double a : {0.5, 3.0, -1.0}) want += -std::log(1 - dlc::logistic(a)) / 3;
    BOOST_TEST(ld == want, tt::tolerance(1e-13));
    BOOST_TEST(gr(1, 0) == (dlc::logistic(-2.0) - 1) / 2, tt::tolerance(1e-14));
    BOOST_TEST(gf(1, 0) == dlc::logistic(3.0) / 3, tt::tolerance(1e-14));
    const double lg = dlc::generator_loss(GeneratorLoss::saturating, af, gg);
    BOOST_TEST(lg == (std::log(1 - dlc::logistic(0.5)) + std::log(1 - dlc::logistic(3.0)) + std::log(1 - dlc::logistic(-1.0))) / 3,
               tt::tolerance(1e-13));
    BOOST_TEST(gg(2, 0) == -dlc::logistic(-1.0) / 3, tt::tolerance(1e-14));
    dlc_test::check_throws<dlc::ShapeError>([&] { dlc::generator_loss(GeneratorLoss::saturating, dlc::Tensor<double>({{1.0, 2.0}}), gg); },
                                            {"generator_loss", "(*, 1)"});
}

BOOST_AUTO_TEST_CASE(gradient_checks_of_both_mlp_players) {
    dlc::Rng rng(11);
    dlc::Sequential<double> G, D;
    dlc::add_mlp_generator(G, 3, {6, 5}, 2, dlc::GeneratorOutput::tanh, rng, 0.1);
    dlc::add_mlp_discriminator(D, 2, {7}, rng, 0.2);
    const auto x = normal({5, 2}, rng), z = normal({4, 3}, rng);
    check_both_players(G, D, x, z, nullptr, nullptr, "MLP");
}

BOOST_AUTO_TEST_CASE(gradient_checks_of_conditional_players) {
    dlc::Rng rng(12);
    dlc::Sequential<double> G, D;
    dlc::add_mlp_generator(G, 3 + 4, {6}, 2, dlc::GeneratorOutput::sigmoid, rng);
    dlc::add_mlp_discriminator(D, 2 + 4, {5}, rng);
    const auto x = normal({5, 2}, rng), z = normal({6, 3}, rng);
    const auto yr = dlc::one_hot<double>(dlc::Labels{0, 3, 1, 1, 2}, 4), yf = dlc::one_hot<double>(dlc::Labels{2, 2, 0, 3, 1, 0}, 4);
    check_both_players(G, D, x, z, &yr, &yf, "conditional MLP");
    // With the mismatched pairs of GAN-CLS: the third pass's gradient, weighted, checked the same way.
    check_both_players(G, D, x, z, &yr, &yf, "conditional MLP, mismatched pairs w = 0.5", 0.5);
}

BOOST_AUTO_TEST_CASE(mismatched_pairs_loss) {
    // L_D with w = 0.5 is the plain loss's real term, half its fake term and half the fake-labelled loss of the real
    // batch with every label moved to another class: checked against the plain trainer's pieces, computed here.
    dlc::Rng rng(13);
    dlc::Sequential<double> G, D;
    dlc::add_mlp_generator(G, 3 + 3, {5}, 2, dlc::GeneratorOutput::sigmoid, rng);
    dlc::add_mlp_discriminator(D, 2 + 3, {4}, rng);
    const auto x = normal({4, 2}, rng), z = normal({4, 3}, rng);
    const auto yr = dlc::one_hot<double>(dlc::Labels{0, 1, 2, 2}, 3), yf = dlc::one_hot<double>(dlc::Labels{1, 1, 0, 2}, 3);
    dlc::GradientDescent<double> og(G.parameters(), 0.1), od(D.parameters(), 0.1);
    dlc::GanOptions plain_options, cls_options;
    cls_options.mismatched_labels = 0.5;
    dlc::GanTrainer<double> plain(G, D, og, od, plain_options), cls(G, D, og, od, cls_options);
    // -mean log sigma(D([x, y])) by hand, and -mean log(1 - sigma(D([x, y~]))) with y~ = y shifted by 1 + (i mod 2).
    const auto logit = [&](const dlc::Tensor<double>& xs, const dlc::Labels& labels) {
        dlc::Tensor<double> input;
        dlc::concat_label_columns(xs, dlc::one_hot<double>(labels, 3), input);
        return dlc::Tensor<double>(D.forward(input));
    };
    const auto a_real = logit(x, dlc::Labels{0, 1, 2, 2}), a_wrong = logit(x, dlc::Labels{1, 0, 0, 1});
    double real = 0, wrong = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        real += -std::log(1 / (1 + std::exp(-a_real(i, 0)))) / 4;
        wrong += -std::log(1 - 1 / (1 + std::exp(-a_wrong(i, 0)))) / 4;
    }
    od.zero_grad();
    const double l_plain = plain.discriminator_gradient(x, z, &yr, &yf).loss;
    od.zero_grad();
    const double l_cls = cls.discriminator_gradient(x, z, &yr, &yf).loss;
    const double fake = l_plain - real;
    BOOST_TEST(l_cls == real + 0.5 * fake + 0.5 * wrong, boost::test_tools::tolerance(1e-12));
    // Bad settings: w outside [0, 1), and mismatched pairs without labels.
    dlc::GanOptions bad;
    bad.mismatched_labels = 1;
    BOOST_CHECK_THROW(dlc::GanTrainer<double>(G, D, og, od, bad), dlc::ValueError);
    dlc::Sequential<double> G1, D1;
    dlc::add_mlp_generator(G1, 3, {5}, 2, dlc::GeneratorOutput::sigmoid, rng);
    dlc::add_mlp_discriminator(D1, 2, {4}, rng);
    dlc::GradientDescent<double> og1(G1.parameters(), 0.1), od1(D1.parameters(), 0.1);
    dlc::GanTrainer<double> unlabelled(G1, D1, og1, od1, cls_options);
    BOOST_CHECK_THROW(unlabelled.discriminator_gradient(x, z), dlc::ValueError);
}

BOOST_AUTO_TEST_CASE(gradient_checks_of_both_dcgan_players) {
    // The DCGAN players' layers (Linear, Unflatten, BatchNorm, ConvTranspose2d, Conv2d, Flatten, tanh) in their order,
    // with GELU in place of ReLU and leaky ReLU: the central differences (steps up to 2e-4) would cross some of the
    // thousands of kinks of the real players, whose batch norm moves every unit when one input moves (relative errors
    // of 1-4 % at a kink, not from a wrong backward). The real players are built and run below.
    dlc::Rng rng(13);
    const std::size_t latent = 3, w = 2;
    const auto init = dlc::WeightInit::gaussian(0.06);  // DCGAN's N(0, 0.02^2) x 3: every layer matters at 1e-6
    dlc::ConvTransposeOptions up;
    up.stride = 2;
    up.padding = 1;
    dlc::ConvOptions down;
    down.stride = 2;
    down.padding = 1;
    dlc::Sequential<double> G, D;
    G.add<dlc::Linear<double>>(latent, 2 * w * 7 * 7, rng, init, dlc::WeightInit::zeros(), false);
    G.add<dlc::Unflatten<double>>(dlc::Shape{2 * w, 7, 7});
    G.add<dlc::BatchNorm<double>>(2 * w);
    G.add<dlc::GELU<double>>();
    G.add<dlc::ConvTranspose2d<double>>(2 * w, w, 4, 4, rng, up, init, dlc::WeightInit::zeros(), false);
    G.add<dlc::BatchNorm<double>>(w);
    G.add<dlc::GELU<double>>();
    G.add<dlc::ConvTranspose2d<double>>(w, 1, 4, 4, rng, up, init);
    G.add<dlc::Tanh<double>>();
    D.add<dlc::Conv2d<double>>(1, w, 4, 4, rng, down, init);
    D.add<dlc::GELU<double>>();
    D.add<dlc::Conv2d<double>>(w, 2 * w, 4, 4, rng, down, init, dlc::WeightInit::zeros(), false);
    D.add<dlc::BatchNorm<double>>(2 * w);
    D.add<dlc::GELU<double>>();
    D.add<dlc::Flatten<double>>();
    D.add<dlc::Linear<double>>(2 * w * 7 * 7, 1, rng, init);
    const auto x = normal({3, 1, 28, 28}, rng), z = normal({4, 3}, rng);
    check_both_players(G, D, x, z, nullptr, nullptr, "DCGAN layers with GELU");

    dlc::Sequential<double> Gr, Dr;
    dlc::add_dcgan_generator(Gr, latent, w, rng);
    dlc::add_dcgan_discriminator(Dr, w, rng);
    BOOST_TEST(Gr.size() == G.size());
    BOOST_TEST(Dr.size() == D.size());
    BOOST_TEST(Gr.parameter_count() == G.parameter_count());
    BOOST_TEST(Dr.parameter_count() == D.parameter_count());
    BOOST_TEST(Gr.forward(z).shape(2) == 28u);
    BOOST_TEST(Dr.forward(x).shape(1) == 1u);
}

BOOST_AUTO_TEST_CASE(generator_signal_is_the_discriminators_input_gradient) {
    // d L_G / d x for the generated samples x = G(z): the trainer's signal against central differences of
    // L_G(x) = mean l(D(x)) in every entry of x, D fixed.
    dlc::Rng rng(14);
    dlc::Sequential<double> G, D;
    dlc::add_mlp_generator(G, 2, {4}, 3, dlc::GeneratorOutput::identity, rng);
    dlc::add_mlp_discriminator(D, 3, {5}, rng, 0.2);
    const auto z = normal({4, 2}, rng);
    for (auto loss : {dlc::GeneratorLoss::saturating, dlc::GeneratorLoss::non_saturating}) {
        dlc::GradientDescent<double> og(G.parameters(), 0.1), od(D.parameters(), 0.1);
        dlc::GanOptions o;
        o.generator_loss = loss;
        dlc::GanTrainer<double> t(G, D, og, od, o);
        t.generator_gradient(z);
        dlc::Tensor<double> x = G.forward(z);
        std::vector<dlc::GradCheckTarget> target{{"x", &x, t.generator_input_gradient()}};
        dlc::Tensor<double> g;
        const auto r = dlc::gradcheck_generic([&] { return dlc::generator_loss(loss, D.forward(x), g); }, target);
        BOOST_TEST(r.max_relative_error < dlc_test::gradcheck_tolerance, r.str());
    }
}

BOOST_AUTO_TEST_CASE(each_step_changes_only_its_player) {
    dlc::Rng rng(15);
    dlc::Sequential<double> G, D;
    dlc::add_mlp_generator(G, 2, {4}, 2, dlc::GeneratorOutput::identity, rng);
    dlc::add_mlp_discriminator(D, 2, {4}, rng);
    dlc::Adam<double> og(G.parameters(), 0.01), od(D.parameters(), 0.01);
    dlc::GanTrainer<double> t(G, D, og, od);
    auto snapshot = [](dlc::Module<double>& m) {
        std::vector<dlc::Tensor<double>> v;
        for (auto& p : m.parameters()) v.push_back(*p.value);
        return v;
    };
    auto same = [](const std::vector<dlc::Tensor<double>>& a, const std::vector<dlc::Tensor<double>>& b) {
        for (std::size_t i = 0; i < a.size(); ++i)
            if (a[i] != b[i]) return false;
        return true;
    };
    const auto x = normal({6, 2}, rng), z = normal({6, 2}, rng);
    auto g0 = snapshot(G), d0 = snapshot(D);
    t.discriminator_step(x, z);
    BOOST_TEST(same(snapshot(G), g0));
    BOOST_TEST(!same(snapshot(D), d0));
    d0 = snapshot(D);
    t.generator_step(z);
    BOOST_TEST(same(snapshot(D), d0));
    BOOST_TEST(!same(snapshot(G), g0));
}

BOOST_AUTO_TEST_CASE(k_discriminator_steps_per_generator_step) {
    dlc::Rng rng(16);
    dlc::Sequential<double> G, D;
    dlc::add_mlp_generator(G, 2, {4}, 2, dlc::GeneratorOutput::identity, rng);
    dlc::add_mlp_discriminator(D, 2, {4}, rng);
    dlc::Adam<double> og(G.parameters(), 0.01), od(D.parameters(), 0.01);
    dlc::GanOptions o;
    o.k = 3;
    dlc::GanTrainer<double> t(G, D, og, od, o);
    std::size_t real_calls = 0, latent_calls = 0;
    dlc::GanBatches<double> b;
    b.real = [&](dlc::Tensor<double>& x, dlc::Tensor<double>&) { x = normal({4, 2}, rng), ++real_calls; };
    b.latent = [&](dlc::Tensor<double>& z, dlc::Tensor<double>&) { z = normal({4, 2}, rng), ++latent_calls; };
    t.iteration(b);
    t.iteration(b);
    BOOST_TEST(real_calls == 6u);
    BOOST_TEST(latent_calls == 8u);  // k for D and one for G, per iteration
    BOOST_TEST(od.steps() == 6u);
    BOOST_TEST(og.steps() == 2u);
}

BOOST_AUTO_TEST_CASE(bad_inputs_of_the_trainer) {
    dlc::Rng rng(17);
    dlc::Sequential<double> G, D, other;
    dlc::add_mlp_generator(G, 3, {4}, 2, dlc::GeneratorOutput::identity, rng);
    dlc::add_mlp_discriminator(D, 2, {4}, rng);
    dlc::add_mlp_discriminator(other, 2, {4}, rng);
    dlc::Adam<double> og(G.parameters(), 0.01), od(D.parameters(), 0.01), oo(other.parameters(), 0.01);
    dlc::GanOptions k0;
    k0.k = 0;
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::GanTrainer<double>(G, D, og, od, k0); }, {"GanTrainer", "k = 0"});
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::GanTrainer<double>(G, D, og, oo); }, {"opt_D"});
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::GanTrainer<double>(G, D, od, og); }, {"opt_G"});
    dlc::GanTrainer<double> t(G, D, og, od);
    const auto x = normal({4, 2}, rng);
    // A latent batch of the wrong size: the generator's first layer names the expected width.
    dlc_test::check_throws<dlc::ShapeError>([&] { t.discriminator_step(x, normal({4, 5}, rng)); }, {"(*, 3)", "(4, 5)"});
    dlc_test::check_throws<dlc::ShapeError>([&] { t.generator_step(normal({4, 2}, rng)); }, {"(*, 3)"});
    // Real samples of another shape than the generated ones.
    dlc_test::check_throws<dlc::ShapeError>([&] { t.discriminator_step(normal({4, 3}, rng), normal({4, 3}, rng)); },
                                            {"same shape per example"});
    // Labels for one batch only, or with the wrong number of rows.
    const auto y = dlc::one_hot<double>(dlc::Labels{0, 1, 0, 1}, 2);
    dlc_test::check_throws<dlc::ValueError>([&] { t.discriminator_step(x, normal({4, 3}, rng), &y, nullptr); }, {"both"});
    dlc_test::check_throws<dlc::ShapeError>([&] { t.generator_step(normal({3, 3}, rng), &y); }, {"labels"});
    dlc::GanBatches<double> empty;
    dlc_test::check_throws<dlc::ValueError>([&] { t.iteration(empty); }, {"callbacks"});
    dlc_test::check_throws<dlc::ValueError>([] { dlc::one_hot<double>(dlc::Labels{0, 5}, 3); }, {"one_hot", "< 3"});
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::generate<double>(G, normal({2, 3}, rng), nullptr, 0); }, {"generate"});
    // A diverged discriminator (NaN weights) stops with a diagnosis.
    (*D.parameters()[0].value)(0, 0) = std::nan("");
    dlc_test::check_throws<dlc::DivergenceError>([&] { t.discriminator_step(x, normal({4, 3}, rng)); }, {"not finite"});
}

BOOST_AUTO_TEST_CASE(players_and_their_shapes) {
    dlc::Rng rng(18);
    dlc::Sequential<float> G, D;
    dlc::add_dcgan_generator(G, 16, 8, rng);
    dlc::add_dcgan_discriminator(D, 8, rng);
    const auto z = dlc::Tensor<float>(xt::ones<float>({std::size_t{5}, std::size_t{16}}));
    const auto& x = G.forward(z);
    BOOST_TEST(dlc::shape_of(x) == "(5, 1, 28, 28)");
    BOOST_TEST(xt::amax(xt::abs(x))() < 1.0f);  // tanh
    BOOST_TEST(dlc::shape_of(D.forward(x)) == "(5, 1)");
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::add_dcgan_generator(G, 0, 8, rng); }, {"add_dcgan_generator"});
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::add_mlp_discriminator(D, 2, {0}, rng); }, {"hidden"});
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::add_mlp_generator(G, 2, {3}, 2, dlc::GeneratorOutput::tanh, rng, 1.5); },
                                            {"leak"});
}

BOOST_AUTO_TEST_CASE(conditional_plumbing) {
    const auto y = dlc::one_hot<double>(dlc::Labels{2, 0}, 3);
    BOOST_TEST(y(0, 2) == 1.0);
    BOOST_TEST(xt::sum(y)() == 2.0);
    const dlc::Tensor<double> A = {{1, 2}, {3, 4}};
    dlc::Tensor<double> M, back;
    dlc::concat_label_columns(A, y, M);
    BOOST_TEST(dlc::shape_of(M) == "(2, 5)");
    BOOST_TEST(M(1, 1) == 4.0);
    BOOST_TEST(M(0, 4) == 1.0);
    dlc::take_columns(M, A, back);
    BOOST_TEST(dlc_test::max_abs_diff(back, A) == 0.0);
    dlc_test::check_throws<dlc::ShapeError>([&] { dlc::concat_label_columns(A, dlc::one_hot<double>(dlc::Labels{1}, 3), M); },
                                            {"concat_label_columns"});
}

BOOST_AUTO_TEST_CASE(pack_is_a_reshape_with_a_gradient) {
    dlc::Rng rng(19);
    dlc::Pack<double> pack(3);
    const auto x = normal({6, 2}, rng);
    const auto& y = pack.forward(x);
    BOOST_TEST(dlc::shape_of(y) == "(2, 6)");
    BOOST_TEST(y(1, 2) == x(4, 0));
    dlc_test::check_gradients(pack, x, "Pack(3)");
    dlc_test::check_throws<dlc::ShapeError>([&] { pack.forward(normal({4, 2}, rng)); }, {"multiple of 3"});
    dlc_test::check_throws<dlc::ValueError>([] { dlc::Pack<double> p(0); }, {"m = 0"});
}

BOOST_AUTO_TEST_CASE(frechet_distance_against_closed_forms) {
    dlc::Rng rng(20);
    // 1-D: (mu1 - mu2)^2 + (s1 - s2)^2 with the fitted means and (n - 1) standard deviations.
    dlc::Matrix<double> a = dlc::Matrix<double>::from_shape({500, 1}), b = dlc::Matrix<double>::from_shape({300, 1});
    for (auto& v : a) v = rng.normal(1.0, 2.0);
    for (auto& v : b) v = rng.normal(-0.5, 0.7);
    const auto fa = dlc::fit_gaussian(a), fb = dlc::fit_gaussian(b);
    const double sa = std::sqrt(fa.cov(0, 0)), sb = std::sqrt(fb.cov(0, 0));
    BOOST_TEST(dlc::frechet_distance(a, b) ==
                   (fa.mean(0) - fb.mean(0)) * (fa.mean(0) - fb.mean(0)) + (sa - sb) * (sa - sb), tt::tolerance(1e-10));
    BOOST_TEST(dlc::frechet_distance(a, a) < 1e-10);
    // 2-D, full covariances: tr (S1 S2)^{1/2} = sqrt(tr(S1 S2) + 2 sqrt(det(S1 S2))) for 2 x 2 matrices.
    dlc::GaussianFit g1{{0.0, 1.0}, {{2.0, 0.6}, {0.6, 1.0}}}, g2{{1.0, -1.0}, {{0.5, -0.3}, {-0.3, 1.5}}};
    const dlc::Matrix<double> P = xt::linalg::dot(g1.cov, g2.cov);
    const double tr = P(0, 0) + P(1, 1), det = P(0, 0) * P(1, 1) - P(0, 1) * P(1, 0);
    const double want = 1 + 4 + 2 + 1 + 0.5 + 1.5 - 2 * std::sqrt(tr + 2 * std::sqrt(det));
    BOOST_TEST(dlc::frechet_distance(g1, g2) == want, tt::tolerance(1e-10));
    dlc_test::check_throws<dlc::ShapeError>([&] { dlc::frechet_distance(a, dlc::Matrix<double>({{1.0, 2.0}, {3.0, 4.0}})); },
                                            {"frechet_distance", "dimension"});
    dlc_test::check_throws<dlc::ShapeError>([] { dlc::fit_gaussian(dlc::Matrix<double>({{1.0, 2.0}})); }, {"n >= 2"});
}

BOOST_AUTO_TEST_CASE(ring_mixture_and_mode_coverage) {
    const auto C = dlc::ring_centres(8, 2.0);
    BOOST_TEST(C(2, 0) == 0.0, tt::tolerance(1e-12));
    BOOST_TEST(C(2, 1) == 2.0, tt::tolerance(1e-12));
    dlc::Rng rng(21);
    const auto X = dlc::sample_gaussian_mixture<double>(C, 0.02, 8000, rng);
    const auto cov = dlc::mode_coverage(X, C, 0.02, 0.05);
    BOOST_TEST(cov.covered == 8u);
    // Within 3 sigma of its centre lies a share 1 - e^{-9/2} = 0.98889 of an isotropic 2-D Gaussian.
    BOOST_TEST(std::abs(cov.high_quality_share - (1 - std::exp(-4.5))) < 0.005);
    // All samples on one mode: one mode covered.
    dlc::Matrix<double> one = dlc::Matrix<double>::from_shape({100, 2});
    for (std::size_t i = 0; i < 100; ++i) one(i, 0) = 2.0 + 0.001 * double(i % 3), one(i, 1) = 0.0;
    const auto c1 = dlc::mode_coverage(one, C, 0.02, 0.05);
    BOOST_TEST(c1.covered == 1u);
    BOOST_TEST(c1.counts[0] == 100u);
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::mode_coverage(one, C, 0.0, 0.05); }, {"sigma > 0"});
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::mode_coverage(one, C, 0.02, 0.0); }, {"min_share"});
    dlc_test::check_throws<dlc::ValueError>([] { dlc::ring_centres(0, 1.0); }, {"ring_centres"});
}

BOOST_AUTO_TEST_SUITE_END()
