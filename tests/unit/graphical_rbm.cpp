// lib/graphical's Bernoulli RBM (Bahng ch. 9.2.1): Lemmas 9.2-9.3 and Theorem 9.4 against enumeration, the
// free energy's gradient against central differences, CD-k's fast path against the per-example loop, block Gibbs
// sampling's stationary distribution (exactly, and by a chi-square test), and the bad inputs.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "graphical/binary_states.hpp"
#include "graphical/cd.hpp"
#include "graphical/gibbs.hpp"
#include "graphical/rbm.hpp"
#include "graphical/rbm_exact.hpp"
#include "nn/gradcheck.hpp"

#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xadapt.hpp>

#include <cmath>

BOOST_AUTO_TEST_SUITE(graphical_rbm)

namespace {

using dlc::Matrix;
using dlc::Rbm;
using dlc::Vector;

Rbm<double> random_rbm(std::size_t D, std::size_t H, dlc::Rng& rng, double sd = 1.0) {
    Rbm<double> r = dlc::make_rbm<double>(D, H, rng, sd);
    for (auto& v : r.b) v = rng.normal(0, sd);
    for (auto& v : r.c) v = rng.normal(0, sd);
    return r;
}

Matrix<double> random_binary(std::size_t n, std::size_t D, dlc::Rng& rng) {
    Matrix<double> X = xt::zeros<double>({n, D});
    for (auto& x : X) x = rng.uniform() < 0.5 ? 1.0 : 0.0;
    return X;
}

template <class A, class B>
double max_abs(const A& a, const B& b) {
    return xt::amax(xt::abs(a - b))();
}

double max_abs(const dlc::RbmGradient<double>& a, const dlc::RbmGradient<double>& b) {
    return std::max({max_abs(a.W, b.W), max_abs(a.b, b.b), max_abs(a.c, b.c)});
}

}  // namespace

BOOST_AUTO_TEST_CASE(free_energy_sums_out_the_hidden_units) {
    // Lemma 9.3: e^{-F(x)} = sum_h e^{-E(x, h)} for every x.
    dlc::Rng rng(1);
    for (auto [D, H] : {std::pair<std::size_t, std::size_t>{3, 2}, {4, 3}, {2, 5}}) {
        const auto rbm = random_rbm(D, H, rng);
        for (std::size_t xs = 0; xs < (1u << D); ++xs) {
            const auto x = dlc::binary_state<double>(xs, D);
            double s = 0;
            for (std::size_t hs = 0; hs < (1u << H); ++hs) s += std::exp(-dlc::rbm_energy(rbm, x, dlc::binary_state<double>(hs, H)));
            BOOST_TEST(std::abs(dlc::free_energy(rbm, x) + std::log(s)) < 1e-12);
        }
        const Matrix<double> X = random_binary(7, D, rng);
        const Vector<double> F = dlc::free_energy_rows(rbm, X);
        for (std::size_t t = 0; t < 7; ++t)
            BOOST_TEST(std::abs(F(t) - dlc::free_energy(rbm, Vector<double>(xt::row(X, t)))) < 1e-12);
    }
}

BOOST_AUTO_TEST_CASE(conditionals_equal_enumeration) {
    // Lemma 9.2 against p(h_j = 1 | x) = sum_{h: h_j = 1} p(x, h) / p(x) from the joint table, and likewise p(x_k | h).
    dlc::Rng rng(2);
    const std::size_t D = 3, H = 2;
    const auto rbm = random_rbm(D, H, rng);
    const auto joint = dlc::rbm_joint_table(rbm);
    double total = 0;
    for (double p : joint) total += p;
    BOOST_TEST(std::abs(total - 1.0) < 1e-12);
    Matrix<double> allx = xt::zeros<double>({std::size_t(1) << D, D}), allh = xt::zeros<double>({std::size_t(1) << H, H});
    for (std::size_t s = 0; s < (1u << D); ++s) xt::row(allx, s) = dlc::binary_state<double>(s, D);
    for (std::size_t s = 0; s < (1u << H); ++s) xt::row(allh, s) = dlc::binary_state<double>(s, H);
    const Matrix<double> PH = dlc::hidden_probabilities(rbm, allx), PX = dlc::visible_probabilities(rbm, allh);
    for (std::size_t xs = 0; xs < (1u << D); ++xs)
        for (std::size_t j = 0; j < H; ++j) {
            double num = 0, den = 0;
            for (std::size_t hs = 0; hs < (1u << H); ++hs) {
                den += joint[(xs << H) | hs];
                if (dlc::state_bit(hs, H, j)) num += joint[(xs << H) | hs];
            }
            BOOST_TEST(std::abs(PH(xs, j) - num / den) < 1e-12);
        }
    for (std::size_t hs = 0; hs < (1u << H); ++hs)
        for (std::size_t k = 0; k < D; ++k) {
            double num = 0, den = 0;
            for (std::size_t xs = 0; xs < (1u << D); ++xs) {
                den += joint[(xs << H) | hs];
                if (dlc::state_bit(xs, D, k)) num += joint[(xs << H) | hs];
            }
            BOOST_TEST(std::abs(PX(hs, k) - num / den) < 1e-12);
        }
    // The GEMM forms equal the entry-by-entry ones.
    Matrix<double> P1 = Matrix<double>::from_shape(PH.shape()), P2 = Matrix<double>::from_shape(PX.shape());
    dlc::hidden_probabilities_into(rbm, allx.data(), allx.shape(0), P1.data());
    dlc::visible_probabilities_into(rbm, allh.data(), allh.shape(0), P2.data());
    BOOST_TEST(max_abs(P1, PH) < 1e-15);
    BOOST_TEST(max_abs(P2, PX) < 1e-15);
}

BOOST_AUTO_TEST_CASE(fast_conditionals_on_a_large_batch) {
    // Past the small-GEMM limit (BLAS path), in float and double.
    dlc::Rng rng(3);
    const auto rbm = random_rbm(40, 30, rng, 0.3);
    const Matrix<double> X = random_binary(50, 40, rng);
    Matrix<double> P = Matrix<double>::from_shape({50, 30});
    dlc::hidden_probabilities_into(rbm, X.data(), 50, P.data());
    BOOST_TEST(max_abs(P, dlc::hidden_probabilities(rbm, X)) < 1e-14);
    const Rbm<float> rf{xt::cast<float>(rbm.W), xt::cast<float>(rbm.b), xt::cast<float>(rbm.c)};
    const Matrix<float> Xf = xt::cast<float>(X);
    Matrix<float> Pf = Matrix<float>::from_shape({50, 30});
    dlc::hidden_probabilities_into(rf, Xf.data(), 50, Pf.data());
    BOOST_TEST(max_abs(xt::cast<double>(Pf), P) < 1e-5);
}

BOOST_AUTO_TEST_CASE(definition_9_11_names_the_same_model) {
    // E(v, h) = -v^T W' h - b'^T v - a'^T h with W' (D, H), b' visible, a' hidden.
    dlc::Rng rng(4);
    const std::size_t D = 3, H = 2;
    Matrix<double> Wd = xt::zeros<double>({D, H});
    for (auto& w : Wd) w = rng.normal();
    const Vector<double> bd{0.3, -0.2, 0.5}, ad{-0.4, 0.7};
    const auto rbm = dlc::rbm_from_definition_9_11(Wd, bd, ad);
    for (std::size_t xs = 0; xs < 8; ++xs)
        for (std::size_t hs = 0; hs < 4; ++hs) {
            const auto v = dlc::binary_state<double>(xs, D);
            const auto h = dlc::binary_state<double>(hs, H);
            const double E_def = -xt::linalg::dot(v, xt::linalg::dot(Wd, h))() - xt::linalg::dot(bd, v)() -
                                 xt::linalg::dot(ad, h)();
            BOOST_TEST(std::abs(dlc::rbm_energy(rbm, v, h) - E_def) < 1e-14);
        }
}

BOOST_AUTO_TEST_CASE(log_partition_three_ways) {
    dlc::Rng rng(5);
    for (auto [D, H] : {std::pair<std::size_t, std::size_t>{3, 2}, {5, 7}, {7, 5}, {1, 1}}) {
        const auto rbm = random_rbm(D, H, rng);
        const double brute = dlc::log_partition_brute_force(rbm);
        BOOST_TEST(std::abs(dlc::log_partition_exact(rbm) - brute) < 1e-10);
        const auto px = dlc::visible_distribution(rbm);
        double s = 0;
        for (double p : px) s += p;
        BOOST_TEST(std::abs(s - 1.0) < 1e-12);
        const auto joint = dlc::rbm_joint_table(rbm);
        for (std::size_t xs = 0; xs < px.size(); ++xs) {
            double m = 0;
            for (std::size_t hs = 0; hs < (1u << H); ++hs) m += joint[(xs << H) | hs];
            BOOST_TEST(std::abs(px[xs] - m) < 1e-12);
        }
    }
    // A wide visible layer (past the 512-state block and BLAS sizes): hidden enumeration vs visible enumeration.
    const auto wide = random_rbm(12, 11, rng, 0.5);
    BOOST_TEST(std::abs(dlc::log_partition_exact(wide) - dlc::log_partition_brute_force(wide)) < 1e-9);
}

BOOST_AUTO_TEST_CASE(theorem_9_4_equals_the_exact_gradient_and_finite_differences) {
    dlc::Rng rng(6);
    const std::size_t D = 3, H = 2;
    auto rbm = random_rbm(D, H, rng);
    const Matrix<double> X = random_binary(5, D, rng);
    // Theorem 9.4 for each x_t by brute force, averaged, equals the closed form with the model expectation.
    dlc::RbmGradient<double> avg{xt::zeros<double>({H, D}), xt::zeros<double>({H}), xt::zeros<double>({D})};
    for (std::size_t t = 0; t < 5; ++t) {
        const auto g = dlc::theorem_9_4_gradient(rbm, Vector<double>(xt::row(X, t)));
        avg.W += g.W / 5.0;
        avg.b += g.b / 5.0;
        avg.c += g.c / 5.0;
    }
    const auto exact = dlc::nll_gradient_exact(rbm, X);
    BOOST_TEST(max_abs(exact, avg) < 1e-12);
    // Both against central differences of the exact average negative log-likelihood.
    dlc::Tensor<double> W = rbm.W, b = rbm.b, c = rbm.c;
    std::vector<dlc::GradCheckTarget> targets{{"W", &W, exact.W}, {"b", &b, exact.b}, {"c", &c, exact.c}};
    const auto objective = [&] {
        const Rbm<double> r{Matrix<double>(W), Vector<double>(b), Vector<double>(c)};
        return -dlc::mean_log_likelihood_exact(r, X);
    };
    const auto res = dlc::gradcheck_generic(objective, targets);
    BOOST_TEST_MESSAGE("exact NLL gradient: " << res.str());
    BOOST_TEST(res.entries == H * D + H + D);
    BOOST_TEST(res.max_relative_error < 1e-8);
    // Enumerating the visible layer instead (H > D) gives the same gradient as brute force.
    auto tall = random_rbm(2, 4, rng);
    const Matrix<double> X2 = random_binary(3, 2, rng);
    dlc::RbmGradient<double> avg2{xt::zeros<double>({4, 2}), xt::zeros<double>({4}), xt::zeros<double>({2})};
    for (std::size_t t = 0; t < 3; ++t) {
        const auto g = dlc::theorem_9_4_gradient(tall, Vector<double>(xt::row(X2, t)));
        avg2.W += g.W / 3.0;
        avg2.b += g.b / 3.0;
        avg2.c += g.c / 3.0;
    }
    BOOST_TEST(max_abs(dlc::nll_gradient_exact(tall, X2), avg2) < 1e-12);
}

BOOST_AUTO_TEST_CASE(free_energy_gradient_check) {
    dlc::Rng rng(7);
    const auto rbm = random_rbm(6, 4, rng);
    for (std::size_t xs : {0u, 13u, 42u, 63u}) {
        const auto x = dlc::binary_state<double>(xs, 6);
        const auto g = dlc::free_energy_gradient(rbm, x);
        dlc::Tensor<double> W = rbm.W, b = rbm.b, c = rbm.c;
        std::vector<dlc::GradCheckTarget> targets{{"W", &W, g.W}, {"b", &b, g.b}, {"c", &c, g.c}};
        const auto res = dlc::gradcheck_generic(
            [&] { return dlc::free_energy(Rbm<double>{Matrix<double>(W), Vector<double>(b), Vector<double>(c)}, x); },
            targets);
        BOOST_TEST_MESSAGE("dF/dtheta at x = " << xs << ": " << res.str());
        BOOST_TEST(res.max_relative_error < 1e-8);
    }
}

BOOST_AUTO_TEST_CASE(cd_fast_step_equals_the_per_example_loop) {
    dlc::Rng rng(8);
    for (std::size_t k : {1u, 3u})
        for (bool persistent : {false, true}) {
            auto fast = random_rbm(20, 12, rng, 0.5);  // past the small-GEMM limit
            auto plain = fast;
            dlc::CdOptions opt;
            opt.k = k;
            opt.persistent = persistent;
            opt.learning_rate = 0.1;
            opt.batch_size = 16;
            dlc::CdTrainer<double> trainer(fast, opt);
            Matrix<double> chains;
            for (int step = 0; step < 3; ++step) {
                const std::size_t B = step == 2 ? 9 : 16;  // a short last minibatch
                const Matrix<double> X0 = random_binary(B, 20, rng);
                std::vector<double> U(trainer.uniforms_per_step(B));
                for (auto& u : U) u = rng.uniform();
                trainer.step_with_uniforms(X0.data(), B, U.data());
                if (!persistent) {
                    Matrix<double> start = X0;
                    dlc::cd_step_plain(plain, X0, start, U, k, 0.1);
                } else {
                    if (step == 0) chains = X0;  // the chains start at the first minibatch
                    dlc::cd_step_plain(plain, X0, chains, U, k, 0.1);
                    BOOST_TEST(max_abs(chains, trainer.negatives()) == 0.0);
                }
                BOOST_TEST(max_abs(fast.W, plain.W) < 1e-13);
                BOOST_TEST(max_abs(fast.b, plain.b) < 1e-13);
                BOOST_TEST(max_abs(fast.c, plain.c) < 1e-13);
            }
        }
}

BOOST_AUTO_TEST_CASE(cd_momentum_and_weight_decay) {
    // Two steps: V1 = alpha (g1 - lambda W0), W1 = W0 + V1; V2 = mu V1 + alpha (g2 - lambda W1), W2 = W1 + V2,
    // with g the plain update direction (read off cd_step_plain with alpha = 1 on a copy).
    dlc::Rng rng(9);
    auto rbm = random_rbm(5, 4, rng, 0.5);
    dlc::CdOptions opt;
    opt.learning_rate = 0.2;
    opt.momentum = 0.5;
    opt.weight_decay = 0.01;
    opt.batch_size = 3;
    dlc::CdTrainer<double> trainer(rbm, opt);
    Matrix<double> W = rbm.W, V = xt::zeros<double>(W.shape());
    for (int step = 0; step < 2; ++step) {
        const Matrix<double> X0 = random_binary(3, 5, rng);
        std::vector<double> U(trainer.uniforms_per_step(3));
        for (auto& u : U) u = rng.uniform();
        auto probe = rbm;
        Matrix<double> start = X0;
        dlc::cd_step_plain(probe, X0, start, U, 1, 1.0);
        const Matrix<double> g = probe.W - rbm.W;
        V = 0.5 * V + 0.2 * (g - 0.01 * W);
        W = W + V;
        trainer.step_with_uniforms(X0.data(), 3, U.data());
        BOOST_TEST(max_abs(rbm.W, W) < 1e-14);
    }
}

BOOST_AUTO_TEST_CASE(cd_k_expected_update_tends_to_the_exact_gradient) {
    // The negative statistic of CD-k started at x, averaged over the chain exactly, is
    // N_k(x) = sum_y K^k(x, y) h(y) y^T; the exact gradient's model term is E_p[h(x) x^T] = sum_y p(y) h(y) y^T.
    // CD-1 is biased; N_k tends to the model term as k grows.
    dlc::Rng rng(10);
    const auto rbm = random_rbm(3, 2, rng);
    const Matrix<double> K = dlc::visible_transition_matrix(rbm);
    const auto px = dlc::visible_distribution(rbm);
    Matrix<double> allx = xt::zeros<double>({8, 3});
    for (std::size_t s = 0; s < 8; ++s) xt::row(allx, s) = dlc::binary_state<double>(s, 3);
    const Matrix<double> PH = dlc::hidden_probabilities(rbm, allx);
    auto stat = [&](const std::vector<double>& w) {  // sum_y w(y) h(y) y^T
        Matrix<double> S = xt::zeros<double>({2, 3});
        for (std::size_t y = 0; y < 8; ++y)
            for (std::size_t j = 0; j < 2; ++j)
                for (std::size_t k = 0; k < 3; ++k) S(j, k) += w[y] * PH(y, j) * allx(y, k);
        return S;
    };
    const Matrix<double> model = stat(px);
    Matrix<double> Kk = xt::eye<double>(8);
    const std::size_t x0 = 5;
    double bias1 = 0, bias300 = 0;
    for (int k = 1; k <= 300; ++k) {
        Kk = xt::linalg::dot(Kk, K);
        std::vector<double> row(8);
        for (std::size_t y = 0; y < 8; ++y) row[y] = Kk(x0, y);
        const double bias = max_abs(stat(row), model);
        if (k == 1) bias1 = bias;
        if (k == 300) bias300 = bias;
    }
    BOOST_TEST_MESSAGE("CD-k negative-phase bias at x = 101: k = 1: " << bias1 << ", k = 300: " << bias300);
    BOOST_TEST(bias1 > 1e-3);
    BOOST_TEST(bias300 < 1e-10);
}

BOOST_AUTO_TEST_CASE(gibbs_stationary_distribution_exact) {
    // p K = p: the visible chain of block Gibbs sampling leaves p(x) invariant; rows of K sum to 1.
    dlc::Rng rng(11);
    for (auto [D, H] : {std::pair<std::size_t, std::size_t>{3, 2}, {5, 4}}) {
        const auto rbm = random_rbm(D, H, rng);
        const Matrix<double> K = dlc::visible_transition_matrix(rbm);
        const auto px = dlc::visible_distribution(rbm);
        const Vector<double> p = xt::adapt(px, {px.size()});
        BOOST_TEST(max_abs(xt::linalg::dot(p, K), p) < 1e-12);
        BOOST_TEST(max_abs(xt::sum(K, {1}), xt::ones<double>({px.size()})) < 1e-12);
    }
}

BOOST_AUTO_TEST_CASE(gibbs_chi_square_on_a_3x2_rbm) {
    // 20 000 independent chains, 30 sweeps each from x = 0; the final (x, h) of each chain is one draw. Burn-in:
    // the exact K^30 row of x = 0 is within 1e-6 of p(x) in total variation (checked below), so the draws are
    // p(x, h) up to that. Chi-square over the 32 joint states, 31 degrees of freedom: the test accepts below
    // 61.1, the 0.999 quantile of chi^2_31 (a correct sampler fails with probability 1e-3; the seed is fixed).
    // A sampler from a wrong model (W scaled by 1.2) must be rejected by the same statistic.
    dlc::Rng rng(12);
    const auto rbm = random_rbm(3, 2, rng);
    const auto joint = dlc::rbm_joint_table(rbm);
    const Matrix<double> K = dlc::visible_transition_matrix(rbm);
    Matrix<double> K30 = xt::eye<double>(8);
    for (int s = 0; s < 30; ++s) K30 = xt::linalg::dot(K30, K);
    const auto px = dlc::visible_distribution(rbm);
    double tv = 0;
    for (std::size_t ys = 0; ys < 8; ++ys) tv += 0.5 * std::abs(K30(0, ys) - px[ys]);
    BOOST_TEST(tv < 1e-6);

    const std::size_t n = 20000;
    auto chi2 = [&](const Rbm<double>& sampled) {
        dlc::GibbsSampler<double> gibbs(sampled, xt::zeros<double>({n, std::size_t(3)}));
        dlc::Rng r(13);
        gibbs.run(30, r);
        std::vector<double> counts(32, 0.0);
        for (std::size_t t = 0; t < n; ++t) {
            std::size_t s = 0;
            for (std::size_t k = 0; k < 3; ++k) s = (s << 1) | std::size_t(gibbs.visible()(t, k));
            for (std::size_t j = 0; j < 2; ++j) s = (s << 1) | std::size_t(gibbs.hidden()(t, j));
            counts[s] += 1;
        }
        double stat = 0;
        for (std::size_t s = 0; s < 32; ++s) {
            const double e = n * joint[s];
            stat += (counts[s] - e) * (counts[s] - e) / e;
        }
        return stat;
    };
    const double good = chi2(rbm);
    BOOST_TEST_MESSAGE("chi-square of the Gibbs draws: " << good << " (accept below 61.1)");
    BOOST_TEST(good < 61.1);
    auto wrong = rbm;
    wrong.W *= 1.2;
    const double bad = chi2(wrong);
    BOOST_TEST_MESSAGE("chi-square against a model with W x 1.2: " << bad);
    BOOST_TEST(bad > 61.1);
}

BOOST_AUTO_TEST_CASE(reconstruction_error_is_small_for_a_copying_rbm) {
    // An RBM with one hidden unit per pixel, W = 20 I, b = -10, c = -10, copies x through h: error ~ 0.
    const std::size_t D = 4;
    const Rbm<double> copy = dlc::make_rbm<double>(20.0 * xt::eye<double>(D), xt::full_like(Vector<double>::from_shape({D}), -10.0),
                                                   xt::full_like(Vector<double>::from_shape({D}), -10.0));
    dlc::Rng rng(14);
    const Matrix<double> X = random_binary(50, D, rng);
    BOOST_TEST(dlc::reconstruction_error(copy, X, rng) < 1e-6);
    const Rbm<double> blank = dlc::make_rbm<double>(xt::zeros<double>({D, D}), xt::zeros<double>({D}), xt::zeros<double>({D}));
    BOOST_TEST(std::abs(dlc::reconstruction_error(blank, X, rng) - 0.25 * D) < 1e-12);  // p(x|h) = 1/2 everywhere
}

BOOST_AUTO_TEST_CASE(same_seed_same_training) {
    dlc::Rng init(15);
    const auto start = random_rbm(30, 10, init, 0.1);
    const Matrix<double> X = random_binary(70, 30, init);
    auto run = [&] {
        auto rbm = start;
        dlc::CdOptions opt;
        opt.batch_size = 16;
        opt.persistent = true;
        dlc::CdTrainer<double> t(rbm, opt);
        dlc::Rng rng(16);
        t.epoch(X, rng);
        t.epoch(X, rng);
        return rbm;
    };
    const auto a = run(), b = run();
    BOOST_TEST(max_abs(a.W, b.W) == 0.0);
    BOOST_TEST(max_abs(a.W, start.W) > 0.0);
}

BOOST_AUTO_TEST_CASE(rbm_bad_inputs) {
    dlc::Rng rng(17);
    const auto rbm = random_rbm(3, 2, rng);
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::free_energy(rbm, Vector<double>{1, 0.5, 0}); },
                                            {"free_energy", "Bernoulli", "x[1]", "0.5"});
    dlc_test::check_throws<dlc::ValueError>(
        [&] { dlc::rbm_energy(rbm, Vector<double>{1, 0, 0}, Vector<double>{1, 2}); }, {"rbm_energy", "h[1]"});
    dlc_test::check_throws<dlc::ShapeError>([&] { dlc::free_energy(rbm, Vector<double>{1, 0}); }, {"x", "(3)"});
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::hidden_probabilities(rbm, Matrix<double>{{0, 1, -1}}); },
                                            {"binary"});
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::nll_gradient_exact(rbm, Matrix<double>{{0, 1, 0.3}}); },
                                            {"binary"});
    dlc_test::check_throws<dlc::ValueError>(
        [&] { dlc::GibbsSampler<double>(rbm, Matrix<double>{{0, 1, 7}}); }, {"GibbsSampler", "binary"});
    dlc_test::check_throws<dlc::ShapeError>(
        [] { dlc::make_rbm<double>(xt::zeros<double>({2, 3}), xt::zeros<double>({2}), xt::zeros<double>({4})); },
        {"make_rbm", "W"});
    Matrix<double> Wn = xt::zeros<double>({2, 3});
    Wn(0, 0) = std::nan("");
    dlc_test::check_throws<dlc::ValueError>(
        [&] { dlc::make_rbm<double>(Wn, xt::zeros<double>({2}), xt::zeros<double>({3})); }, {"non-finite"});
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::make_rbm<double>(0, 3, rng); }, {"D = 0"});
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::make_rbm<double>(3, 3, rng, -1.0); }, {"sd"});
    const auto big = dlc::make_rbm<double>(30, 30, rng);
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::log_partition_exact(big); }, {"log_partition_exact", "24"});
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::log_partition_brute_force(big); }, {"units"});
    auto trained = rbm;
    dlc::CdOptions bad;
    bad.k = 0;
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::CdTrainer<double>(trained, bad); }, {"k >= 1"});
    bad = {};
    bad.learning_rate = -0.1;
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::CdTrainer<double>(trained, bad); }, {"learning rate"});
    bad = {};
    bad.momentum = 1.0;
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::CdTrainer<double>(trained, bad); }, {"momentum"});
    bad = {};
    bad.batch_size = 0;
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::CdTrainer<double>(trained, bad); }, {"batch_size"});
    dlc::CdTrainer<double> t(trained, dlc::CdOptions{});
    dlc_test::check_throws<dlc::ValueError>([&] { t.epoch(Matrix<double>{{0, 1, 0.5}}, rng); }, {"epoch", "binary"});
    dlc_test::check_throws<dlc::ShapeError>([&] { t.epoch(Matrix<double>{{0, 1}}, rng); }, {"epoch", "X"});
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::visible_transition_matrix(big); }, {"D <= 10"});
}

BOOST_AUTO_TEST_SUITE_END()
