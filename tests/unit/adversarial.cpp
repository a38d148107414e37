// Unit tests of lib/adversarial: the loss's input gradient against central differences (double); FGSM and PGD
// (Linf, L2, untargeted and targeted) against PyTorch on two small fixed networks (tests/fixtures/
// make_adversarial_fixture.py); the attacks' invariants (the perturbation stays in the eps-ball, the image in
// [0, 1], eps = 0 changes nothing, one PGD step of size eps is FGSM, success does not fall as eps grows,
// determinism under a seed); the warp's adjoint; power iteration against the SVD (a matrix and a convolution);
// Theorem 12.2's bound on h(x) = |x|; the certified radius against PGD; bad arguments.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"
#include "../fixture.hpp"
#include "../nn_check.hpp"

#include "adversarial/attacks.hpp"
#include "adversarial/classifier.hpp"
#include "adversarial/eot.hpp"
#include "adversarial/lipschitz.hpp"
#include "adversarial/transformations.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "nn/conv2d.hpp"
#include "nn/flatten.hpp"
#include "nn/linear.hpp"
#include "nn/pooling.hpp"
#include "nn/relu.hpp"
#include "nn/sequential.hpp"

#include <xtensor-blas/xlinalg.hpp>

#include <cmath>
#include <memory>
#include <vector>

BOOST_AUTO_TEST_SUITE(adversarial)

namespace {

using dlc::Labels;
using dlc::Tensor;
using dlc::Tensor3;
using dlc_test::check_throws;

// A JSON nested list of rank 2, 3 or 4 as a tensor.
template <class T>
Tensor<T> nested(const nlohmann::json& j) {
    dlc::Shape shape;
    for (const nlohmann::json* p = &j; p->is_array(); p = &(*p)[0]) shape.push_back(p->size());
    Tensor<T> t = Tensor<T>::from_shape(shape);
    std::size_t k = 0;
    std::function<void(const nlohmann::json&)> walk = [&](const nlohmann::json& e) {
        if (e.is_array())
            for (const auto& c : e) walk(c);
        else
            t.data()[k++] = static_cast<T>(e.get<double>());
    };
    walk(j);
    return t;
}

template <class T>
Tensor3<T> images(const nlohmann::json& j) {
    const Tensor<T> t = nested<T>(j);
    Tensor3<T> r = Tensor3<T>::from_shape({t.shape(0), t.shape(1), t.shape(2)});
    std::copy(t.begin(), t.end(), r.begin());
    return r;
}

Labels labels(const nlohmann::json& j) {
    Labels y = Labels::from_shape({j.size()});
    for (std::size_t i = 0; i < j.size(); ++i) y(i) = j[i].get<std::size_t>();
    return y;
}

// The fixture's networks (without the standardization, which PixelClassifier adds).
template <class T>
std::unique_ptr<dlc::Sequential<T>> fixture_net(const nlohmann::json& w, bool cnn) {
    auto net = std::make_unique<dlc::Sequential<T>>();
    if (cnn) {
        net->template add<dlc::Conv2d<T>>(nested<T>(w["0.K"]), nested<T>(w["0.b"]), dlc::ConvOptions{1, 1});
        net->template add<dlc::ReLU<T>>();
        net->template add<dlc::MaxPool2d<T>>(2);
        net->template add<dlc::Flatten<T>>();
        net->template add<dlc::Linear<T>>(nested<T>(w["4.W"]), nested<T>(w["4.b"]));
    } else {
        net->template add<dlc::Linear<T>>(nested<T>(w["0.W"]), nested<T>(w["0.b"]));
        net->template add<dlc::ReLU<T>>();
        net->template add<dlc::Linear<T>>(nested<T>(w["2.W"]), nested<T>(w["2.b"]));
    }
    return net;
}

template <class T>
double max_diff(const Tensor3<T>& a, const Tensor<double>& b) {
    BOOST_TEST_REQUIRE(a.size() == b.size());
    double m = 0;
    for (std::size_t i = 0; i < a.size(); ++i) m = std::max(m, std::abs(double(a.data()[i]) - b.data()[i]));
    return m;
}

// A small random ReLU MLP on 4 x 4 images (double), 3 classes.
std::unique_ptr<dlc::Sequential<double>> random_mlp(dlc::Rng& rng, std::size_t hidden = 12) {
    // The draws in a fixed order (each bias before its weights): as arguments of one call their order would be the
    // compiler's (GCC draws right to left, clang left to right), and the network with it.
    auto net = std::make_unique<dlc::Sequential<double>>();
    auto b1 = dlc_test::uniform<double>({hidden}, rng, -0.2, 0.2);
    auto W1 = dlc_test::uniform<double>({hidden, 16}, rng);
    net->add<dlc::Linear<double>>(std::move(W1), std::move(b1));
    net->add<dlc::ReLU<double>>();
    auto b2 = dlc_test::uniform<double>({3}, rng, -0.2, 0.2);
    auto W2 = dlc_test::uniform<double>({3, hidden}, rng);
    net->add<dlc::Linear<double>>(std::move(W2), std::move(b2));
    return net;
}

// n random 4 x 4 images in [0, 1], about a quarter of the pixels exactly 0 or 1.
Tensor3<double> random_images(std::size_t n, dlc::Rng& rng) {
    Tensor3<double> x = Tensor3<double>::from_shape({n, 4, 4});
    for (auto& v : x) {
        const double u = rng.uniform();
        v = u < 0.12 ? 0.0 : (u > 0.88 ? 1.0 : rng.uniform());
    }
    return x;
}

Labels random_labels(std::size_t n, dlc::Rng& rng, std::size_t k = 3) {
    Labels y = Labels::from_shape({n});
    for (auto& v : y) v = rng.index(k);
    return y;
}

// The invariants of every attack: within the ball, within [0, 1].
void check_invariants(const Tensor3<double>& x, const Tensor3<double>& adv, double eps, dlc::PerturbationNorm norm,
                      const std::string& what) {
    const auto d = dlc::perturbation_norms(adv, x, norm);
    BOOST_TEST(*std::max_element(d.begin(), d.end()) <= eps + 1e-12, what << ": a perturbation leaves the ball");
    BOOST_TEST(xt::amin(adv)() >= 0.0, what);
    BOOST_TEST(xt::amax(adv)() <= 1.0, what);
}

}  // namespace

BOOST_AUTO_TEST_CASE(attacks_match_pytorch_on_the_fixture_networks) {
    const auto fx = dlc_test::load_fixture("adversarial_reference.json");
    const auto x = images<double>(fx["pixels"]);
    const Labels y = labels(fx["labels"]), t = labels(fx["targets"]);
    const double mean = fx["standardize"]["mean"], sd = fx["standardize"]["sd"];
    for (const bool cnn : {false, true}) {
        const auto& f = fx[cnn ? "cnn" : "mlp"];
        const std::string name = cnn ? "cnn" : "mlp";
        auto net = fixture_net<double>(f["weights"], cnn);
        dlc::PixelClassifier<double> clf(*net, cnn ? dlc::InputLayout::nchw : dlc::InputLayout::flat, mean, sd);
        BOOST_TEST_MESSAGE(name);
        BOOST_TEST(dlc_test::max_abs_diff(clf.logits(x), nested<double>(f["logits"])) < 1e-12);
        Tensor3<double> g;
        BOOST_TEST(std::abs(clf.loss_gradient(x, y, &g) - f["loss"].get<double>()) < 1e-12);
        BOOST_TEST(max_diff(g, nested<double>(f["input_gradient"])) < 1e-12, name << ": dJ/dx");
        BOOST_TEST(std::abs(clf.loss_gradient(x, t, &g) - f["loss_targeted"].get<double>()) < 1e-12);
        BOOST_TEST(max_diff(g, nested<double>(f["input_gradient_targeted"])) < 1e-12);
        BOOST_TEST(max_diff(dlc::fgsm(clf, x, y, f["fgsm"]["epsilon"]).x, nested<double>(f["fgsm"]["adversarial"])) < 1e-12);
        BOOST_TEST(max_diff(dlc::fgsm(clf, x, t, f["fgsm_targeted"]["epsilon"], true).x,
                            nested<double>(f["fgsm_targeted"]["adversarial"])) < 1e-12);
        for (const char* key : {"pgd_linf", "pgd_linf_targeted", "pgd_l2"}) {
            const auto& a = f[key];
            dlc::PgdOptions o;
            o.epsilon = a["epsilon"];
            o.step = a["alpha"];
            o.steps = a["steps"];
            o.targeted = a["targeted"];
            o.norm = std::string(key) == "pgd_l2" ? dlc::PerturbationNorm::l2 : dlc::PerturbationNorm::linf;
            dlc::Rng rng(0);
            const auto r = dlc::pgd(clf, x, o.targeted ? t : y, o, rng);
            BOOST_TEST(max_diff(r.x, nested<double>(a["adversarial"])) < 1e-12, name << " " << key);
            // the same attack in float on the same weights: equal to 1e-6
            auto net_f = fixture_net<float>(f["weights"], cnn);
            dlc::PixelClassifier<float> clf_f(*net_f, clf.layout(), mean, sd);
            const Tensor3<float> xf = xt::cast<float>(x);
            dlc::Rng rng_f(0);
            BOOST_TEST(max_diff(dlc::pgd(clf_f, xf, o.targeted ? t : y, o, rng_f).x, nested<double>(a["adversarial"])) < 1e-6,
                       name << " " << key << " in float");
        }
    }
}

BOOST_AUTO_TEST_CASE(input_gradient_matches_central_differences) {
    dlc::Rng rng(3);
    auto net = random_mlp(rng);
    dlc::PixelClassifier<double> clf(*net, dlc::InputLayout::flat, 0.3, 0.7);
    const auto x = random_images(4, rng);
    const Labels y = random_labels(4, rng);
    Tensor3<double> g;
    clf.loss_gradient(x, y, &g);
    double worst = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        Tensor3<double> xp = x, xm = x;
        const double h = 1e-6;
        xp.data()[i] += h;
        xm.data()[i] -= h;
        const double numeric = (clf.loss(xp, y) - clf.loss(xm, y)) / (2 * h);
        worst = std::max(worst, std::abs(numeric - g.data()[i]) / std::max(1.0, std::abs(numeric)));
    }
    BOOST_TEST(worst < 1e-7);
}

BOOST_AUTO_TEST_CASE(every_attack_stays_in_the_ball_and_the_range) {
    dlc::Rng rng(5);
    auto net = random_mlp(rng);
    dlc::PixelClassifier<double> clf(*net, dlc::InputLayout::flat, 0.5, 0.25);
    const auto x = random_images(20, rng);
    const Labels y = random_labels(20, rng);
    for (const double eps : {0.05, 0.3}) {
        check_invariants(x, dlc::fgsm(clf, x, y, eps).x, eps, dlc::PerturbationNorm::linf, "fgsm");
        check_invariants(x, dlc::fgsm(clf, x, y, eps, true).x, eps, dlc::PerturbationNorm::linf, "targeted fgsm");
        for (const auto norm : {dlc::PerturbationNorm::linf, dlc::PerturbationNorm::l2}) {
            dlc::PgdOptions o;
            o.epsilon = norm == dlc::PerturbationNorm::l2 ? 4 * eps : eps;
            o.step = o.epsilon / 4;
            o.steps = 10;
            o.norm = norm;
            o.random_start = true;
            o.restarts = 2;
            o.batch = 7;
            check_invariants(x, dlc::pgd(clf, x, y, o, rng).x, o.epsilon, norm, "pgd");
            dlc::EotOptions e;
            e.pgd = o;
            e.pgd.random_start = false;
            e.pgd.restarts = 1;
            e.samples = 3;
            check_invariants(x, dlc::eot_pgd(clf, x, y, e, rng).x, o.epsilon, norm, "eot");
        }
    }
}

BOOST_AUTO_TEST_CASE(epsilon_zero_returns_x_and_one_pgd_step_is_fgsm) {
    dlc::Rng rng(7);
    auto net = random_mlp(rng);
    dlc::PixelClassifier<double> clf(*net, dlc::InputLayout::flat);
    const auto x = random_images(10, rng);
    const Labels y = random_labels(10, rng);
    BOOST_TEST(max_diff(dlc::fgsm(clf, x, y, 0.0).x, x) == 0.0);
    dlc::PgdOptions o;
    o.epsilon = 0;
    o.step = 0.1;
    o.steps = 5;
    o.random_start = true;
    BOOST_TEST(max_diff(dlc::pgd(clf, x, y, o, rng).x, x) == 0.0);
    o.norm = dlc::PerturbationNorm::l2;
    BOOST_TEST(max_diff(dlc::pgd(clf, x, y, o, rng).x, x) == 0.0);
    // PGD with one step of size eps from x (no random start) is FGSM
    dlc::PgdOptions one;
    one.epsilon = one.step = 0.1;
    one.steps = 1;
    const auto p = dlc::pgd(clf, x, y, one, rng);
    const auto f = dlc::fgsm(clf, x, y, 0.1);
    BOOST_TEST(max_diff(p.x, f.x) == 0.0);
    BOOST_TEST(p.success == f.success);
    // ... and FGSM moves every pixel whose gradient is non-zero by eps, unless the range stops it
    Tensor3<double> g;
    clf.loss_gradient(x, y, &g);
    std::size_t moved = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double want = std::min(1.0, std::max(0.0, x.data()[i] + 0.1 * (g.data()[i] > 0 ? 1 : (g.data()[i] < 0 ? -1 : 0))));
        BOOST_TEST(std::abs(f.x.data()[i] - want) < 1e-15);
        moved += std::abs(f.x.data()[i] - x.data()[i]) > 0.099;
    }
    BOOST_TEST(moved > x.size() / 2);
}

BOOST_AUTO_TEST_CASE(success_does_not_decrease_with_epsilon) {
    dlc::Rng rng(11);
    auto net = random_mlp(rng, 24);
    dlc::PixelClassifier<double> clf(*net, dlc::InputLayout::flat);
    const auto x = random_images(200, rng);
    const Labels y = clf.predict(x);  // attack the network's own answers: every example starts correct
    std::size_t prev = 0;
    std::vector<std::size_t> counts;
    for (const double eps : {0.0, 0.02, 0.05, 0.1, 0.2, 0.4}) {
        dlc::PgdOptions o;
        o.epsilon = eps;
        o.step = std::max(eps, 1e-3) / 10;
        o.steps = 40;
        o.stop_on_success = true;
        const std::size_t s = dlc::pgd(clf, x, y, o, rng).successes();
        counts.push_back(s);
        BOOST_TEST(s >= prev, "eps " << eps << ": " << s << " successes after " << prev);
        prev = s;
    }
    BOOST_TEST(counts.front() == 0u);
    BOOST_TEST(counts.back() > 100u);
}

BOOST_AUTO_TEST_CASE(attacks_are_deterministic_under_a_seed_and_early_stopping_keeps_a_success) {
    dlc::Rng rng(13);
    auto net = random_mlp(rng);
    dlc::PixelClassifier<double> clf(*net, dlc::InputLayout::flat);
    const auto x = random_images(30, rng);
    const Labels y = clf.predict(x);
    dlc::PgdOptions o;
    o.epsilon = 0.15;
    o.step = 0.03;
    o.steps = 20;
    o.random_start = true;
    o.restarts = 3;
    o.stop_on_success = true;
    dlc::Rng a(42), b(42);
    const auto ra = dlc::pgd(clf, x, y, o, a), rb = dlc::pgd(clf, x, y, o, b);
    BOOST_TEST(max_diff(ra.x, rb.x) == 0.0);
    BOOST_TEST(ra.successes() > 0u);
    const Labels p = clf.predict(ra.x);
    for (std::size_t n = 0; n < x.shape(0); ++n) {
        BOOST_TEST(p(n) == ra.predicted(n));
        BOOST_TEST(bool(ra.success[n]) == (p(n) != y(n)));
        BOOST_TEST(ra.steps_used[n] <= o.steps);
    }
}

BOOST_AUTO_TEST_CASE(targeted_attacks_reach_their_targets) {
    dlc::Rng rng(17);
    auto net = random_mlp(rng, 24);
    dlc::PixelClassifier<double> clf(*net, dlc::InputLayout::flat);
    const auto x = random_images(30, rng);
    const Labels y = clf.predict(x);
    Labels target = y;
    for (auto& v : target) v = (v + 1) % 3;
    dlc::PgdOptions o;
    o.epsilon = 1.0;  // the whole range: every target is reachable unless the network cannot output it
    o.step = 0.05;
    o.steps = 60;
    o.targeted = true;
    const auto r = dlc::pgd(clf, x, target, o, rng);
    const Labels p = clf.predict(r.x);
    std::size_t hit = 0;
    for (std::size_t n = 0; n < p.size(); ++n) hit += p(n) == target(n);
    BOOST_TEST(hit == r.successes());
    BOOST_TEST(hit > 20u);
}

BOOST_AUTO_TEST_CASE(warp_adjoint_and_identity) {
    dlc::Rng rng(19);
    const std::size_t H = 9, W = 7;
    std::vector<double> x(H * W), y(H * W), Ax(H * W), ATy(H * W, 0.0), same(H * W);
    for (auto& v : x) v = rng.normal();
    for (auto& v : y) v = rng.normal();
    dlc::warp_image(x.data(), same.data(), H, W, dlc::Warp{});
    for (std::size_t i = 0; i < x.size(); ++i) BOOST_TEST(same[i] == x[i]);
    for (int k = 0; k < 5; ++k) {
        const dlc::Warp w = dlc::random_warp(dlc::TransformRange{}, rng);
        dlc::warp_image(x.data(), Ax.data(), H, W, w);
        std::fill(ATy.begin(), ATy.end(), 0.0);
        dlc::warp_adjoint(y.data(), ATy.data(), H, W, w);
        double lhs = 0, rhs = 0;  // <A x, y> = <x, A^T y>
        for (std::size_t i = 0; i < x.size(); ++i) lhs += Ax[i] * y[i], rhs += x[i] * ATy[i];
        BOOST_TEST(std::abs(lhs - rhs) < 1e-12);
    }
    // a shift by one whole pixel moves the image
    dlc::warp_image(x.data(), Ax.data(), H, W, dlc::Warp{1.0, 0.0, 0.0});
    BOOST_TEST(std::abs(Ax[3 * W + 4] - x[3 * W + 3]) < 1e-12);
    BOOST_TEST(Ax[3 * W + 0] == 0.0);
}

BOOST_AUTO_TEST_CASE(power_iteration_matches_the_svd) {
    dlc::Rng rng(23);
    dlc::Matrix<double> M = dlc::Matrix<double>::from_shape({7, 5});
    for (auto& v : M) v = rng.normal();
    const auto s = std::get<1>(xt::linalg::svd(M, false, false));
    const auto p = dlc::spectral_norm(M, rng);
    BOOST_TEST(p.converged);
    BOOST_TEST(std::abs(p.sigma - s(0)) < 1e-8 * s(0));
    // a convolution: its matrix, column j = the convolution of the j-th unit image
    const std::size_t C = 2, F = 3, H = 6, W = 5;
    dlc::Conv2d<double> conv(dlc_test::uniform<double>({F, C, 3, 3}, rng), dlc_test::uniform<double>({F}, rng),
                             dlc::ConvOptions{1, 1});
    dlc::Matrix<double> A = dlc::Matrix<double>::from_shape({F * H * W, C * H * W});
    Tensor<double> zero = xt::zeros<double>({std::size_t(1), C, H, W});
    const Tensor<double> bias_only = conv.forward(zero);
    for (std::size_t j = 0; j < C * H * W; ++j) {
        Tensor<double> e = zero;
        e.data()[j] = 1;
        const Tensor<double>& out = conv.forward(e);
        for (std::size_t i = 0; i < out.size(); ++i) A(i, j) = out.data()[i] - bias_only.data()[i];
    }
    const auto sa = std::get<1>(xt::linalg::svd(A, false, false));
    const auto pc = dlc::conv_spectral_norm(conv, H, W, rng);
    BOOST_TEST(std::abs(pc.sigma - sa(0)) < 1e-7 * sa(0));
}

BOOST_AUTO_TEST_CASE(theorem_12_2_on_the_absolute_value) {
    // h(x) = M2 ReLU(M1 x), M1 = [[1], [-1]], M2 = [[1, 1]]: h(x) = |x|, Lip(h) = 1, the product bound 2
    dlc::Sequential<double> net;
    Tensor<double> M1 = Tensor<double>::from_shape({2, 1}), M2 = Tensor<double>::from_shape({1, 2});
    M1(0, 0) = 1, M1(1, 0) = -1, M2(0, 0) = 1, M2(0, 1) = 1;
    net.add<dlc::Linear<double>>(M1, Tensor<double>(xt::zeros<double>({2})));
    net.add<dlc::ReLU<double>>();
    net.add<dlc::Linear<double>>(M2, Tensor<double>(xt::zeros<double>({1})));
    dlc::PixelClassifier<double> h(net, dlc::InputLayout::flat);
    dlc::Rng rng(29);
    const auto bound = dlc::lipschitz_upper_bound(h, 1, 1, rng);
    BOOST_TEST(std::abs(bound.product - 2.0) < 1e-9);
    Tensor3<double> pts = Tensor3<double>::from_shape({4, 1, 1});
    pts(0, 0, 0) = -2, pts(1, 0, 0) = -0.5, pts(2, 0, 0) = 0.25, pts(3, 0, 0) = 3;
    const auto local = dlc::jacobian_norms(h, pts);
    for (double v : local) BOOST_TEST(std::abs(v - 1.0) < 1e-12);
    BOOST_TEST(std::abs(h.logits(pts)(1, 0) - 0.5) < 1e-15);
}

BOOST_AUTO_TEST_CASE(no_attack_beats_the_certified_radius) {
    dlc::Rng rng(31);
    auto net = random_mlp(rng, 16);
    dlc::PixelClassifier<double> clf(*net, dlc::InputLayout::flat, 0.5, 0.5);
    const auto x = random_images(40, rng);
    const Labels y = clf.predict(x);
    const double L = dlc::lipschitz_upper_bound(clf, 4, 4, rng).product;
    const auto m = dlc::logit_margins(clf, x, y);
    const auto local = dlc::jacobian_norms(clf, x);
    for (double v : local) BOOST_TEST(v <= L * (1 + 1e-9));
    for (std::size_t n = 0; n < x.shape(0); ++n) {
        const double r = dlc::certified_radius(m[n], L);
        BOOST_TEST(r > 0.0);
        dlc::PgdOptions o;
        o.norm = dlc::PerturbationNorm::l2;
        o.epsilon = 0.999 * r;
        o.step = o.epsilon / 5;
        o.steps = 50;
        const auto a = dlc::pgd(clf, dlc::image_range(x, n, 1), Labels{y(n)}, o, rng);
        BOOST_TEST(a.successes() == 0u, "image " << n << " was flipped inside its certified radius " << r);
    }
    BOOST_TEST(dlc::certified_radius(-1.0, L) == 0.0);
}

BOOST_AUTO_TEST_CASE(bad_arguments_are_refused) {
    dlc::Rng rng(37);
    auto net = random_mlp(rng);
    dlc::PixelClassifier<double> clf(*net, dlc::InputLayout::flat);
    const auto x = random_images(3, rng);
    const Labels y = random_labels(3, rng);
    check_throws<dlc::ValueError>([&] { dlc::fgsm(clf, x, y, -0.1); }, {"fgsm", "epsilon"});
    dlc::PgdOptions o;
    o.step = 0;
    check_throws<dlc::ValueError>([&] { dlc::pgd(clf, x, y, o, rng); }, {"pgd", "step size"});
    o.step = -1;
    check_throws<dlc::ValueError>([&] { dlc::pgd(clf, x, y, o, rng); }, {"step size"});
    o.step = 0.1;
    o.epsilon = std::nan("");
    check_throws<dlc::ValueError>([&] { dlc::pgd(clf, x, y, o, rng); }, {"epsilon"});
    o.epsilon = 0.1;
    o.restarts = 2;
    check_throws<dlc::ValueError>([&] { dlc::pgd(clf, x, y, o, rng); }, {"random start"});
    o.restarts = 1;
    Labels bad = y;
    bad(1) = 7;
    check_throws<dlc::ValueError>([&] { dlc::pgd(clf, x, bad, o, rng); }, {"class 7"});
    check_throws<dlc::ValueError>([&] { dlc::fgsm(clf, x, bad, 0.1, true); }, {"class 7"});
    check_throws<dlc::ShapeError>([&] { dlc::fgsm(clf, x, Labels({0, 1}), 0.1); }, {"labels"});
    Tensor3<double> outside = x;
    outside(1, 2, 3) = 1.5;
    check_throws<dlc::ValueError>([&] { dlc::fgsm(clf, outside, y, 0.1); }, {"outside the valid range"});
    dlc::EotOptions e;
    e.samples = 0;
    check_throws<dlc::ValueError>([&] { dlc::eot_pgd(clf, x, y, e, rng); }, {"transformations per step"});
    check_throws<dlc::ValueError>([&] { dlc::PixelClassifier<double>(*net, dlc::InputLayout::flat, 0.0, 0.0); },
                                  {"standard deviation"});
    check_throws<dlc::ValueError>([&] { dlc::certified_radius(1.0, 0.0); }, {"Lipschitz"});
}

BOOST_AUTO_TEST_SUITE_END()
