// Unit tests of lib/vae: gradient checks in double of every module and loss (the reparameterization, the closed-form
// KL, the Bernoulli and Gaussian decoders, whole VAEs with and without a condition, the L20 Gaussian autoencoder, the
// convolutional encoder and decoder, the DDPM's noise-prediction loss), one VAE forward/backward against PyTorch (the
// committed fixture tests/fixtures/vae_reference.json), the reparameterized gradient of a known expectation, the KL
// against numerical integration, the IWAE bound against log p(x) by quadrature, the DDPM's closed-form forward
// process, the sample distances, and the bad inputs that must raise a dlc::Error.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"
#include "../fixture.hpp"
#include "../nn_check.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"
#include "latent/divergence.hpp"
#include "nn/binary_cross_entropy.hpp"
#include "nn/gradcheck.hpp"
#include "nn/linear.hpp"
#include "nn/relu.hpp"
#include "nn/sequential.hpp"
#include "optim/adam.hpp"
#include "vae/autoencoder.hpp"
#include "vae/ddpm.hpp"
#include "vae/decoder_likelihood.hpp"
#include "vae/gaussian_autoencoder.hpp"
#include "vae/gaussian_kl.hpp"
#include "vae/iwae.hpp"
#include "vae/networks.hpp"
#include "vae/reparameterize.hpp"
#include "vae/sample_distance.hpp"
#include "vae/softplus.hpp"
#include "vae/vae.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <string>

BOOST_AUTO_TEST_SUITE(vae)

namespace {

using dlc::Tensor;
using dlc_test::check_throws;
using dlc_test::uniform;

constexpr double tolerance = 1e-6;

nlohmann::json load_fixture() { return dlc_test::load_fixture("vae_reference.json"); }

Tensor<double> tensor_from(const nlohmann::json& j) { return dlc_test::tensor_from_json(j); }

// Checks the gradient of a scalar objective with respect to every parameter with dlc::gradcheck_generic.
void check_parameters(const std::function<double()>& objective, const std::vector<dlc::Parameter<double>>& params,
                      const std::string& what) {
    std::vector<dlc::GradCheckTarget> targets;
    for (const auto& p : params) targets.push_back({p.name, p.value, *p.grad});
    const auto r = dlc::gradcheck_generic(objective, targets);
    BOOST_TEST_MESSAGE(what << ": " << r.str());
    BOOST_TEST(r.entries > 0u);
    BOOST_TEST(r.max_relative_error < tolerance, what << ": " << r.str());
}

// A small VAE in double: d -> 7 -> 2k encoder, k (+ c) -> 7 -> d decoder.
std::unique_ptr<dlc::Vae<double>> small_vae(std::size_t d, std::size_t k, std::size_t c, dlc::Rng& rng,
                                            dlc::Likelihood lik = dlc::Likelihood::bernoulli) {
    auto enc = dlc::mlp<double>({d + c, 7, 2 * k}, rng, dlc::HiddenActivation::tanh);
    auto dec = dlc::mlp<double>({k + c, 7, d}, rng, dlc::HiddenActivation::tanh);
    return std::make_unique<dlc::Vae<double>>(std::move(enc), std::move(dec), k, rng, lik, 0.5, c);
}

}  // namespace

// ---------------------------------------------------------------- modules and losses

BOOST_AUTO_TEST_CASE(reparameterize_forward_and_gradient) {
    dlc::Rng rng(1);
    dlc::Reparameterize<double> rep(rng);
    const Tensor<double> h = uniform({4, 6}, rng, -1, 1);  // k = 3
    const Tensor<double> z = rep.forward(h);
    const Tensor<double>& eps = rep.noise();
    for (std::size_t n = 0; n < 4; ++n)
        for (std::size_t j = 0; j < 3; ++j)
            BOOST_TEST(std::abs(z(n, j) - (h(n, j) + std::exp(0.5 * h(n, 3 + j)) * eps(n, j))) < 1e-15);
    rep.hold_noise(true);
    dlc_test::check_gradients(rep, h, "Reparameterize");
    // With the noise held the output repeats; a fresh draw differs.
    const Tensor<double> z2 = rep.forward(h);
    BOOST_TEST(dlc_test::max_abs_diff(z, z2) == 0.0);
    rep.hold_noise(false);
    BOOST_TEST(dlc_test::max_abs_diff(z, Tensor<double>(rep.forward(h))) > 0.0);
    // use_mean: z = mu.
    rep.use_mean(true);
    const Tensor<double> zm = rep.forward(h);
    for (std::size_t n = 0; n < 4; ++n)
        for (std::size_t j = 0; j < 3; ++j) BOOST_TEST(zm(n, j) == h(n, j));
    check_throws<dlc::ShapeError>([&] { rep.forward(uniform({4, 5}, rng)); }, {"Reparameterize::forward", "(N, 2k)"});
}

BOOST_AUTO_TEST_CASE(gaussian_kl_value_and_gradient) {
    dlc::Rng rng(2);
    Tensor<double> h = uniform({5, 4}, rng, -1.5, 1.5);
    for (auto reduction : {dlc::Reduction::sum, dlc::Reduction::mean}) {
        dlc::GaussianKl<double> kl(reduction);
        const double v = kl.forward(h);
        // Against the general Gaussian KL of latent/divergence.hpp, row by row.
        double total = 0;
        for (std::size_t n = 0; n < 5; ++n) {
            const dlc::Vector<double> mu = {h(n, 0), h(n, 1)}, zero = {0.0, 0.0};
            const dlc::Matrix<double> S = {{std::exp(h(n, 2)), 0}, {0, std::exp(h(n, 3))}}, I = {{1, 0}, {0, 1}};
            total += dlc::kl_gaussian(mu, S, zero, I);
        }
        if (reduction == dlc::Reduction::mean) total /= 5;
        BOOST_TEST(std::abs(v - total) < 1e-12);
        std::vector<dlc::GradCheckTarget> targets{{"h", &h, Tensor<double>(kl.backward())}};
        const auto r = dlc::gradcheck_generic([&] { return kl.forward(h); }, targets);
        BOOST_TEST(r.max_relative_error < tolerance, r.str());
    }
    // KL = 0 exactly at mu = 0, log sigma^2 = 0.
    dlc::GaussianKl<double> kl;
    BOOST_TEST(kl.forward(xt::zeros<double>({3, 4})) == 0.0);
    check_throws<dlc::ShapeError>([&] { kl.forward(Tensor<double>::from_shape({3, 3})); }, {"GaussianKl::forward"});
    dlc::GaussianKl<double> unused;
    check_throws<dlc::Error>([&] { unused.backward(); }, {"GaussianKl::backward", "forward has not been called"});
}

BOOST_AUTO_TEST_CASE(kl_closed_form_against_numerical_integration) {
    // KL(N(mu, s^2) || N(0, 1)) = int q log(q / p) dz by Simpson's rule on mu +- 12 s (a fixed [-14, 14] cut
    // 2.6e-5 of the tail of N(1.5, 2.5^2), where log(q / p) grows like z^2 / 2).
    for (const auto& [mu, s] : std::vector<std::pair<double, double>>{{0.7, 1.3}, {-2.0, 0.3}, {0.0, 1.0}, {1.5, 2.5}}) {
        const int n = 20000;
        const double a = mu - 12 * s, b = mu + 12 * s, hstep = (b - a) / n;
        double integral = 0;
        for (int i = 0; i <= n; ++i) {
            const double z = a + i * hstep;
            const double log_q = -0.5 * std::log(2 * M_PI * s * s) - 0.5 * (z - mu) * (z - mu) / (s * s);
            const double log_p = -0.5 * std::log(2 * M_PI) - 0.5 * z * z;
            const double w = (i == 0 || i == n) ? 1 : (i % 2 ? 4 : 2);
            integral += w * std::exp(log_q) * (log_q - log_p);
        }
        integral *= hstep / 3;
        const double lv = std::log(s * s);
        const double closed = dlc::kl_to_standard_normal(&mu, &lv, 1);
        BOOST_TEST(std::abs(closed - integral) < 1e-9, "mu " << mu << " s " << s << ": " << closed << " vs " << integral);
    }
}

BOOST_AUTO_TEST_CASE(reparameterized_gradient_of_a_known_expectation) {
    // E[z^2] for z ~ N(mu, s^2) is mu^2 + s^2: d/dmu = 2 mu, d/dlog s^2 = s^2. The reparameterized Monte Carlo gradient
    // (the module's backward with dL/dz = 2 z / N) must agree within a few standard errors.
    const double mu = 0.7, s = 1.3;
    const std::size_t n = 200000;
    dlc::Rng rng(3);
    dlc::Reparameterize<double> rep(rng);
    Tensor<double> h = Tensor<double>::from_shape({n, 2});
    for (std::size_t i = 0; i < n; ++i) h(i, 0) = mu, h(i, 1) = std::log(s * s);
    const Tensor<double>& z = rep.forward(h);
    Tensor<double> g = 2.0 * z / double(n);
    const Tensor<double>& gh = rep.backward(g);
    double g_mu = 0, g_lv = 0;
    for (std::size_t i = 0; i < n; ++i) g_mu += gh(i, 0), g_lv += gh(i, 1);
    const double se_mu = 2 * s / std::sqrt(double(n)), se_lv = s * s * std::sqrt(2.0 / double(n)) * 1.5;
    BOOST_TEST(std::abs(g_mu - 2 * mu) < 5 * se_mu, g_mu);
    BOOST_TEST(std::abs(g_lv - s * s) < 5 * se_lv, g_lv);
}

BOOST_AUTO_TEST_CASE(fast_softplus_sigmoid_matches_the_plain_version) {
    // The float polynomials against the double library functions on a fine grid and at the extremes.
    std::vector<float> v;
    for (int i = -200000; i <= 200000; ++i) v.push_back(float(i) * 5e-4f);  // [-100, 100]
    for (float e : {0.0f, 1e-8f, -1e-8f, 86.0f, -86.0f, 87.5f, -87.5f, 200.0f, -200.0f, 1e30f, -1e30f}) v.push_back(e);
    std::vector<float> sp(v.size()), sg(v.size());
    dlc::softplus_sigmoid_fast(v.data(), sp.data(), sg.data(), v.size());
    double worst_sp = 0, worst_sg = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
        double psp, psg;
        const double x = v[i];
        dlc::softplus_sigmoid_plain(&x, &psp, &psg, 1);
        if (psp < 1e-37) {  // below float's normal range: only tininess is required
            BOOST_TEST(sp[i] < 1e-37f);
            continue;
        }
        worst_sp = std::max(worst_sp, std::abs(sp[i] - psp) / std::abs(psp));
        worst_sg = std::max(worst_sg, std::abs(sg[i] - psg) / std::max(std::abs(psg), 1e-30) *
                                          (psg < 1e-37 ? 0.0 : 1.0));  // below float's normal range: ignore
    }
    BOOST_TEST_MESSAGE("largest relative error: softplus " << worst_sp << ", sigma " << worst_sg);
    BOOST_TEST(worst_sp < 1e-6);
    BOOST_TEST(worst_sg < 1e-6);
    const float nan = std::numeric_limits<float>::quiet_NaN();
    float a, b;
    dlc::softplus_sigmoid_fast(&nan, &a, &b, 1);
    BOOST_TEST(std::isnan(a));
    BOOST_TEST(std::isnan(b));
}

BOOST_AUTO_TEST_CASE(fast_sigmoid_alone_is_the_same_sigma) {
    // sigmoid_fast (in place; the RBM's conditionals) gives exactly softplus_sigmoid_fast's sigma, on the same grid.
    std::vector<float> v;
    for (int i = -200000; i <= 200000; ++i) v.push_back(float(i) * 5e-4f);
    for (float e : {0.0f, 86.0f, -86.0f, 87.5f, -87.5f, 200.0f, -200.0f, 1e30f, -1e30f}) v.push_back(e);
    std::vector<float> sp(v.size()), sg(v.size()), alone = v;
    dlc::softplus_sigmoid_fast(v.data(), sp.data(), sg.data(), v.size());
    dlc::sigmoid_fast(alone.data(), alone.size());
    std::size_t differ = 0;
    for (std::size_t i = 0; i < v.size(); ++i) differ += alone[i] != sg[i];
    BOOST_TEST(differ == 0u);
    float nan = std::numeric_limits<float>::quiet_NaN();
    dlc::sigmoid_fast(&nan, 1);
    BOOST_TEST(std::isnan(nan));
}

BOOST_AUTO_TEST_CASE(decoder_likelihoods_and_gradients) {
    dlc::Rng rng(4);
    const Tensor<double> v = uniform({3, 5}, rng, -3, 3), x = uniform({3, 5}, rng, 0, 1);
    for (auto reduction : {dlc::Reduction::sum, dlc::Reduction::mean}) {
        dlc::BernoulliNll<double> nll(reduction);
        dlc::BinaryCrossEntropy<double> bce(reduction, dlc::BceInput::logits);
        BOOST_TEST(std::abs(nll.forward(v, x) - bce.forward(v, x)) < 1e-12);
        BOOST_TEST(dlc_test::max_abs_diff(Tensor<double>(nll.backward()), Tensor<double>(bce.backward())) < 1e-15);
        auto r = dlc::gradcheck(nll, v, x);
        BOOST_TEST(r.max_relative_error < tolerance, r.str());
        dlc::GaussianNll<double> gauss(0.3, reduction);
        r = dlc::gradcheck(gauss, v, x);
        BOOST_TEST(r.max_relative_error < tolerance, r.str());
    }
    // -log N(x; f, s^2 I) for one example by hand: d = 2, s^2 = 2, x - f = (1, 2): 5/4 + log(4 pi).
    dlc::GaussianNll<double> g(2.0);
    BOOST_TEST(std::abs(g.forward(Tensor<double>{{0.0, 0.0}}, Tensor<double>{{1.0, 2.0}}) - (1.25 + std::log(4 * M_PI))) < 1e-14);
    check_throws<dlc::ValueError>([] { dlc::GaussianNll<double>(0.0); }, {"GaussianNll", "variance"});
    dlc::BernoulliNll<double> nll;
    check_throws<dlc::Error>([&] { nll.backward(); }, {"forward has not been called"});
    dlc::GaussianNll<double> fresh(1.0);
    check_throws<dlc::Error>([&] { fresh.backward(); }, {"GaussianNll::backward", "forward has not been called"});
}

// ---------------------------------------------------------------- whole models

BOOST_AUTO_TEST_CASE(vae_forward_backward_matches_pytorch_fixture) {
    const auto fx = load_fixture().at("vae");
    const auto& L = fx.at("layers");
    auto layer = [&](const char* name) {
        return std::make_unique<dlc::Linear<double>>(tensor_from(L.at(name).at("W")), tensor_from(L.at(name).at("b")));
    };
    auto enc = std::make_unique<dlc::Sequential<double>>();
    enc->add(layer("enc1"));
    enc->add<dlc::ReLU<double>>();
    enc->add(layer("enc2"));
    auto dec = std::make_unique<dlc::Sequential<double>>();
    dec->add(layer("dec1"));
    dec->add<dlc::ReLU<double>>();
    dec->add(layer("dec2"));
    dlc::Rng rng(0);
    dlc::Vae<double> vae(std::move(enc), std::move(dec), fx.at("latent").get<std::size_t>(), rng);
    vae.sampler().set_noise(tensor_from(fx.at("eps")));
    const auto terms = vae.forward(tensor_from(fx.at("x")));
    BOOST_TEST(std::abs(terms.reconstruction - fx.at("reconstruction").get<double>()) < 1e-12);
    BOOST_TEST(std::abs(terms.kl - fx.at("kl").get<double>()) < 1e-12);
    vae.zero_grad();
    vae.backward();
    // Parameters in order: encoder.0.W, .0.b, .2.W, .2.b, decoder.0.W, ...
    const auto params = vae.parameters();
    const char* names[] = {"enc1", "enc1", "enc2", "enc2", "dec1", "dec1", "dec2", "dec2"};
    for (std::size_t i = 0; i < params.size(); ++i) {
        const Tensor<double> expected = tensor_from(L.at(names[i]).at(i % 2 ? "grad_b" : "grad_W"));
        BOOST_TEST(dlc_test::max_abs_diff(*params[i].grad, expected) < 1e-12, params[i].name);
    }
}

BOOST_AUTO_TEST_CASE(vae_gradients_checked_numerically) {
    for (const auto& [lik, c] : std::vector<std::pair<dlc::Likelihood, std::size_t>>{
             {dlc::Likelihood::bernoulli, 0}, {dlc::Likelihood::gaussian, 0}, {dlc::Likelihood::bernoulli, 3}}) {
        dlc::Rng rng(5);
        auto vae = small_vae(6, 2, c, rng, lik);
        const Tensor<double> x = uniform({4, 6}, rng, 0, 1);
        Tensor<double> y;
        if (c) {
            y = xt::zeros<double>({std::size_t(4), c});
            for (std::size_t n = 0; n < 4; ++n) y(n, n % c) = 1;
        }
        vae->forward(x, y);  // draws eps once
        vae->sampler().hold_noise(true);
        vae->zero_grad();
        vae->forward(x, y);
        vae->backward();
        check_parameters([&] { return vae->forward(x, y).negative_elbo(); }, vae->parameters(),
                         std::string("VAE ") + (lik == dlc::Likelihood::bernoulli ? "Bernoulli" : "Gaussian") +
                             (c ? " conditional" : ""));
    }
}

BOOST_AUTO_TEST_CASE(gaussian_autoencoder_is_the_unit_variance_vae) {
    dlc::Rng rng(6);
    const std::size_t d = 5, k = 2;
    auto enc = dlc::mlp<double>({d, 6, k}, rng, dlc::HiddenActivation::tanh);
    auto dec = dlc::mlp<double>({k, 6, d}, rng, dlc::HiddenActivation::tanh);
    dlc::GaussianAutoencoder<double> ae(std::move(enc), std::move(dec), k, rng);
    const Tensor<double> x = uniform({3, d}, rng, 0, 1);
    ae.forward(x);
    ae.hold_noise(true);
    const auto terms = ae.forward(x);
    // The representation term is 1/2 ||g||^2 = KL(N(g, I) || N(0, I)).
    const Tensor<double> g = ae.encode(x);
    double kl = 0;
    const Tensor<double> zero = xt::zeros<double>({k});
    for (std::size_t n = 0; n < 3; ++n) kl += dlc::kl_to_standard_normal(&g(n, 0), zero.data(), k);
    BOOST_TEST(std::abs(terms.representation - kl) < 1e-12);
    ae.zero_grad();
    ae.forward(x);
    ae.backward();
    check_parameters([&] { return ae.forward(x).total(); }, ae.parameters(), "GaussianAutoencoder");
    BOOST_TEST(ae.generate(4, rng).shape(0) == 4u);
    check_throws<dlc::ValueError>([&] { dlc::GaussianAutoencoder<double>(nullptr, nullptr, 2, rng); }, {"GaussianAutoencoder"});
}

BOOST_AUTO_TEST_CASE(conv_encoder_and_decoder_gradients) {
    dlc::Rng rng(7);
    // GELU for the checks: with ReLU, the central differences (steps up to 2e-4) cross some of the ~1200 kinks of
    // these networks (the decoder's worst entry then errs by 1.5e-2; with steps of 1e-7 by 3e-5, rounding). The
    // layers are the same either way; the ReLU versions are built and run below.
    const auto smooth = dlc::HiddenActivation::gelu;
    BOOST_TEST(dlc::conv_decoder_28<double>(3, rng, 2)->forward(uniform({2, 3}, rng)).shape(1) == 784u);
    auto enc = dlc::conv_encoder_28<double>(4, rng, 2, smooth);
    auto dec = dlc::conv_decoder_28<double>(3, rng, 2, smooth);
    const Tensor<double> x = uniform({2, 784}, rng, 0, 1), z = uniform({2, 3}, rng, -1, 1);
    BOOST_TEST(enc->forward(x).shape(1) == 4u);
    BOOST_TEST(dec->forward(z).shape(1) == 784u);
    dlc::GradCheckOptions opt;
    opt.max_entries_per_tensor = 60;
    dlc_test::check_gradients(*enc, x, "conv_encoder_28", opt);
    dlc_test::check_gradients(*dec, z, "conv_decoder_28", opt);
    dlc_test::check_gradients(*dlc::mlp<double>({4, 5, 3}, rng, dlc::HiddenActivation::gelu), uniform({3, 4}, rng), "mlp");
}

BOOST_AUTO_TEST_CASE(iwae_bounds_tighten_to_log_p) {
    // A VAE with a 1-D latent: log p(x) = log int p(x|z) N(z; 0, 1) dz by the trapezoidal rule; L_1 <= L_k <= log p(x),
    // L_k -> log p(x).
    dlc::Rng rng(8);
    auto vae = small_vae(5, 1, 0, rng);
    const Tensor<double> x = uniform({2, 5}, rng, 0, 1);
    std::vector<double> log_p(2);
    for (std::size_t n = 0; n < 2; ++n) {
        const int steps = 4000;
        std::vector<double> terms;
        Tensor<double> z = Tensor<double>::from_shape({std::size_t(steps + 1), std::size_t(1)});
        for (int i = 0; i <= steps; ++i) z(i, 0) = -10 + 20.0 * i / steps;
        const Tensor<double> logits = vae->decode(z);
        double m = -1e300;
        for (int i = 0; i <= steps; ++i) {
            double ll = -0.5 * std::log(2 * M_PI) - 0.5 * z(i, 0) * z(i, 0);
            for (std::size_t j = 0; j < 5; ++j) {
                const double v = logits(i, j);
                ll += x(n, j) * v - (std::max(v, 0.0) + std::log1p(std::exp(-std::abs(v))));
            }
            terms.push_back(ll + std::log(20.0 / steps * ((i == 0 || i == steps) ? 0.5 : 1.0)));
            m = std::max(m, terms.back());
        }
        double s = 0;
        for (double t : terms) s += std::exp(t - m);
        log_p[n] = m + std::log(s);
    }
    const double mean_log_p = 0.5 * (log_p[0] + log_p[1]);
    // Average many independent bounds so that the Monte Carlo noise is small.
    Tensor<double> X = Tensor<double>::from_shape({2000, 5});
    for (std::size_t r = 0; r < 2000; ++r)
        for (std::size_t j = 0; j < 5; ++j) X(r, j) = x(r % 2, j);
    const auto b1 = dlc::iwae_bound(*vae, X, Tensor<double>(), 1, rng);
    const auto b10 = dlc::iwae_bound(*vae, X, Tensor<double>(), 10, rng);
    const auto b500 = dlc::iwae_bound(*vae, X, Tensor<double>(), 500, rng, 50);
    BOOST_TEST_MESSAGE("log p " << mean_log_p << ", L1 " << b1.bound << ", L10 " << b10.bound << ", L500 " << b500.bound);
    BOOST_TEST(b1.bound < b10.bound);
    BOOST_TEST(b10.bound < b500.bound);
    BOOST_TEST(b500.bound < mean_log_p + 1e-3);
    BOOST_TEST(std::abs(b500.bound - mean_log_p) < 0.02);
    // k = 1: the bound is the Monte Carlo ELBO; close to the closed-form-KL estimate.
    BOOST_TEST(std::abs(b1.bound - b1.elbo) < 1e-12);
    const auto ev = dlc::vae_evaluate(*vae, X, Tensor<double>(), 500);
    BOOST_TEST(std::abs(-ev.negative_elbo - b1.bound) < 0.1);
}

BOOST_AUTO_TEST_CASE(vae_training_lowers_the_negative_elbo) {
    dlc::Rng rng(9);
    auto vae = small_vae(8, 2, 0, rng);
    Tensor<double> X = Tensor<double>::from_shape({400, 8});
    for (std::size_t r = 0; r < 400; ++r)
        for (std::size_t j = 0; j < 8; ++j) X(r, j) = (r % 2 ? j < 4 : j >= 4) ? 0.9 : 0.1;  // two patterns
    dlc::Adam<double> adam(vae->parameters(), 1e-2);
    const double before = dlc::vae_evaluate(*vae, X, Tensor<double>()).negative_elbo;
    for (int e = 0; e < 30; ++e) dlc::vae_train_epoch(*vae, adam, X, Tensor<double>(), 32, rng);
    const double after = dlc::vae_evaluate(*vae, X, Tensor<double>()).negative_elbo;
    BOOST_TEST(after < before - 1.0, before << " -> " << after);
}

// ---------------------------------------------------------------- autoencoders

BOOST_AUTO_TEST_CASE(corruption_and_autoencoder_training) {
    dlc::Rng rng(10);
    const Tensor<double> x = xt::ones<double>({200, 50});
    Tensor<double> out;
    dlc::corrupt(x, {dlc::Corruption::Kind::masking, 0.3}, rng, out);
    const double kept = xt::sum(out)() / double(x.size());
    BOOST_TEST(std::abs(kept - 0.7) < 0.02);
    dlc::corrupt(x, {dlc::Corruption::Kind::gaussian, 0.5}, rng, out);
    BOOST_TEST(std::abs(std::sqrt(xt::variance(out)()) - 0.5) < 0.02);
    check_throws<dlc::ValueError>([&] { dlc::corrupt(x, {dlc::Corruption::Kind::masking, 1.5}, rng, out); }, {"corrupt", "nu"});
    // A denoising autoencoder learns to fill in masked entries of two patterns.
    Tensor<double> X = Tensor<double>::from_shape({300, 6});
    for (std::size_t r = 0; r < 300; ++r)
        for (std::size_t j = 0; j < 6; ++j) X(r, j) = (r % 2 ? j < 3 : j >= 3) ? 1.0 : 0.0;
    auto net = dlc::mlp<double>({6, 8, 2, 8, 6}, rng, dlc::HiddenActivation::tanh);
    dlc::BernoulliNll<double> loss(dlc::Reduction::mean);
    dlc::Adam<double> adam(net->parameters(), 1e-2);
    const dlc::Corruption mask{dlc::Corruption::Kind::masking, 0.3};
    const double first = dlc::autoencoder_train_epoch(*net, loss, adam, X, 16, rng, mask);
    double last = first;
    for (int e = 0; e < 40; ++e) last = dlc::autoencoder_train_epoch(*net, loss, adam, X, 16, rng, mask);
    BOOST_TEST(last < 0.5 * first, first << " -> " << last);
}

// ---------------------------------------------------------------- diffusion

BOOST_AUTO_TEST_CASE(ddpm_schedule_forward_process_and_gradient) {
    const auto s = dlc::NoiseSchedule::linear(50, 1e-3, 0.2);
    BOOST_TEST(s.steps() == 50u);
    double prod = 1;
    for (std::size_t t = 1; t <= 50; ++t) prod *= 1 - s.beta_at(t);
    BOOST_TEST(std::abs(s.alpha_bar_at(50) - prod) < 1e-15);
    BOOST_TEST(s.posterior_variance(1) == 0.0);
    // The closed form q(x_t | x_0) has mean sqrt(ab) x0 and variance 1 - ab: check by sampling.
    dlc::Rng rng(11);
    const std::size_t n = 40000;
    Tensor<double> x0 = xt::ones<double>({n, std::size_t(1)}) * 2.0, eps = Tensor<double>::from_shape({n, 1}), xt_;
    for (auto& e : eps) e = rng.normal();
    dlc::diffuse(x0, std::vector<std::size_t>(n, 20), eps, s, xt_);
    BOOST_TEST(std::abs(xt::mean(xt_)() - 2 * std::sqrt(s.alpha_bar_at(20))) < 0.02);
    BOOST_TEST(std::abs(xt::variance(xt_)() - (1 - s.alpha_bar_at(20))) < 0.02);
    // Composing the one-step kernels q(x_t | x_{t-1}) gives the same moments.
    Tensor<double> chain = x0;
    for (std::size_t t = 1; t <= 20; ++t)
        for (auto& v : chain) v = std::sqrt(1 - s.beta_at(t)) * v + std::sqrt(s.beta_at(t)) * rng.normal();
    BOOST_TEST(std::abs(xt::mean(chain)() - 2 * std::sqrt(s.alpha_bar_at(20))) < 0.02);
    BOOST_TEST(std::abs(xt::variance(chain)() - (1 - s.alpha_bar_at(20))) < 0.02);

    // The noise-prediction loss's gradient (the same t and eps at every evaluation: a fresh Rng with one seed).
    dlc::Rng init(12);
    dlc::Ddpm<double> ddpm(s, dlc::mlp<double>({2 + 4, 8, 2}, init, dlc::HiddenActivation::tanh), 2, 4);
    const Tensor<double> data = uniform({5, 2}, init, -1, 1);
    dlc::Rng r1(99);
    ddpm.zero_grad();
    ddpm.loss_forward(data, r1);
    ddpm.backward();
    check_parameters(
        [&] {
            dlc::Rng r(99);
            return ddpm.loss_forward(data, r);
        },
        ddpm.parameters(), "DDPM loss");
    // Sampling and the bound run and give finite numbers.
    const Tensor<double> samples = ddpm.sample(10, rng);
    BOOST_TEST(samples.shape(0) == 10u);
    const auto bound = ddpm.negative_elbo(data, rng);
    BOOST_TEST(std::isfinite(bound.total()));
    BOOST_TEST(bound.prior > 0);
    check_throws<dlc::ValueError>([] { dlc::NoiseSchedule::linear(10, 0.5, 0.1); }, {"NoiseSchedule::linear"});
    check_throws<dlc::ValueError>([&] { dlc::Ddpm<double>(s, dlc::mlp<double>({3, 2}, init), 2, 3); }, {"Ddpm", "even"});
}

BOOST_AUTO_TEST_CASE(sample_distances) {
    dlc::Rng rng(13);
    dlc::Matrix<double> A = dlc::Matrix<double>::from_shape({600, 2}), B = A, C = A;
    for (std::size_t i = 0; i < 600; ++i) {
        A(i, 0) = rng.normal(), A(i, 1) = rng.normal();
        B(i, 0) = rng.normal(), B(i, 1) = rng.normal();
        C(i, 0) = rng.normal(3, 1), C(i, 1) = rng.normal();
    }
    const double same = dlc::energy_distance(A, B), shifted = dlc::energy_distance(A, C);
    BOOST_TEST(std::abs(same) < 0.05);
    // For N(0, I) against N((3, 0), I) the population energy distance is 2 E||x - y|| - 2 E||x - x'||, about 3.6.
    BOOST_TEST(shifted > 2.5);
    BOOST_TEST(dlc::sliced_wasserstein(A, B, 50, rng) < 0.2);
    // Shift by 3 along x: the sliced W2 is 3 sqrt(E cos^2) = 3 / sqrt 2 in 2-D.
    BOOST_TEST(std::abs(dlc::sliced_wasserstein(A, C, 400, rng) - 3 / std::sqrt(2.0)) < 0.2);
    check_throws<dlc::ShapeError>([&] { dlc::energy_distance(A, dlc::Matrix<double>::from_shape({5, 3})); }, {"energy_distance"});
}

// ---------------------------------------------------------------- bad inputs

BOOST_AUTO_TEST_CASE(bad_inputs_raise_errors) {
    dlc::Rng rng(14);
    // A latent size of 0.
    check_throws<dlc::ValueError>(
        [&] { dlc::Vae<double>(dlc::mlp<double>({4, 2}, rng), dlc::mlp<double>({1, 4}, rng), 0, rng); },
        {"Vae", "latent size"});
    check_throws<dlc::ValueError>([&] { dlc::mlp<double>({4, 0, 2}, rng); }, {"mlp"});
    auto vae = small_vae(4, 2, 0, rng);
    // NaN data.
    Tensor<double> X = uniform({10, 4}, rng, 0, 1);
    X(3, 2) = std::numeric_limits<double>::quiet_NaN();
    dlc::Adam<double> adam(vae->parameters());
    check_throws<dlc::ValueError>([&] { dlc::vae_train_epoch(*vae, adam, X, Tensor<double>(), 4, rng); },
                                  {"vae_train_epoch", "non-finite"});
    // Wrong widths, a condition given to an unconditional VAE, an encoder of the wrong width.
    check_throws<dlc::ShapeError>([&] { vae->forward(uniform({2, 5}, rng)); }, {"Linear"});
    check_throws<dlc::ShapeError>([&] { vae->forward(uniform({2, 4}, rng), uniform({2, 3}, rng)); }, {"no condition"});
    dlc::Vae<double> wrong(dlc::mlp<double>({4, 3}, rng), dlc::mlp<double>({2, 4}, rng), 2, rng);
    check_throws<dlc::ShapeError>([&] { wrong.forward(uniform({2, 4}, rng)); }, {"Vae::encode", "(N, 4)"});
    auto cvae = small_vae(4, 2, 3, rng);
    check_throws<dlc::ShapeError>([&] { cvae->forward(uniform({2, 4}, rng)); }, {"condition y"});
    check_throws<dlc::ValueError>([&] { dlc::iwae_bound(*vae, uniform({2, 4}, rng), Tensor<double>(), 0, rng); }, {"iwae_bound"});
    check_throws<dlc::Error>([&] { small_vae(4, 2, 0, rng)->backward(); }, {"Vae::backward"});
}

BOOST_AUTO_TEST_SUITE_END()
