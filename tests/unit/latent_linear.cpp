// Unit tests of lib/latent's linear factor models: PCA (eigendecomposition and SVD, against NumPy and scikit-learn in
// the committed fixture tests/fixtures/vae_reference.json), principal angles, the linear autoencoder (loss formulas,
// gradient check, convergence to the PCA subspace), PPCA (closed form = EM optimum = gradient ascent, against the
// fixture), factor analysis (EM monotone, scikit-learn's optimum), FastICA (unmixing known sources), ISTA (soft
// threshold, monotone descent), and the bad inputs that must raise a dlc::Error.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"
#include "latent/factor_analysis.hpp"
#include "latent/fastica.hpp"
#include "latent/ista.hpp"
#include "latent/linear_autoencoder.hpp"
#include "latent/pca.hpp"
#include "latent/ppca.hpp"
#include "latent/principal_angles.hpp"
#include "latent/spd.hpp"
#include "nn/gradcheck.hpp"

#include <nlohmann/json.hpp>
#include <xtensor-blas/xlinalg.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <string>

BOOST_AUTO_TEST_SUITE(latent_linear)

namespace {

using dlc::Matrix;
using dlc::Vector;
using dlc_test::check_throws;

nlohmann::json load_fixture() {
    const char* dir = std::getenv("DLC_FIXTURES");
    BOOST_TEST_REQUIRE(dir != nullptr, "DLC_FIXTURES is set by CTest; run the suite with ctest");
    std::ifstream f(std::string(dir) + "/vae_reference.json");
    BOOST_TEST_REQUIRE(f.good(), "cannot read " << dir << "/vae_reference.json");
    return nlohmann::json::parse(f);
}

Matrix<double> matrix_from(const nlohmann::json& j) {
    const std::size_t r = j.size(), c = j.at(0).size();
    Matrix<double> M = Matrix<double>::from_shape({r, c});
    for (std::size_t i = 0; i < r; ++i)
        for (std::size_t l = 0; l < c; ++l) M(i, l) = j.at(i).at(l).get<double>();
    return M;
}

Vector<double> vector_from(const nlohmann::json& j) {
    Vector<double> v = Vector<double>::from_shape({j.size()});
    for (std::size_t i = 0; i < j.size(); ++i) v(i) = j.at(i).get<double>();
    return v;
}

double max_abs(const Matrix<double>& a, const Matrix<double>& b) {
    BOOST_TEST_REQUIRE(a.shape(0) == b.shape(0));
    BOOST_TEST_REQUIRE(a.shape(1) == b.shape(1));
    double m = 0;
    for (std::size_t i = 0; i < a.size(); ++i) m = std::max(m, std::abs(a.data()[i] - b.data()[i]));
    return m;
}

// n points of a rank-k Gaussian model x = W h + b + noise (isotropic noise variance s2), W with entries N(0, 1).
Matrix<double> low_rank_data(std::size_t n, std::size_t d, std::size_t k, double s2, dlc::Rng& rng,
                             Matrix<double>* W_out = nullptr) {
    Matrix<double> W = Matrix<double>::from_shape({d, k});
    for (auto& w : W) w = rng.normal();
    Matrix<double> X = Matrix<double>::from_shape({n, d});
    for (std::size_t i = 0; i < n; ++i) {
        std::vector<double> h(k);
        for (auto& v : h) v = rng.normal();
        for (std::size_t j = 0; j < d; ++j) {
            double s = 0.5 * double(j);
            for (std::size_t a = 0; a < k; ++a) s += W(j, a) * h[a];
            X(i, j) = s + rng.normal(0.0, std::sqrt(s2));
        }
    }
    if (W_out) *W_out = W;
    return X;
}

}  // namespace

// ---------------------------------------------------------------- PCA

BOOST_AUTO_TEST_CASE(pca_matches_numpy_and_sklearn_fixture) {
    const auto fx = load_fixture().at("linear_models");
    const Matrix<double> X = matrix_from(fx.at("X"));
    const std::size_t k = fx.at("k");
    const dlc::SampleMoments m = dlc::sample_moments(X);
    BOOST_TEST(max_abs(m.covariance, matrix_from(fx.at("covariance"))) < 1e-10);
    for (const auto method : {dlc::PcaMethod::eigh, dlc::PcaMethod::svd}) {
        const dlc::Pca pca = dlc::fit_pca(X, k, method);
        const Vector<double> ev = vector_from(fx.at("eigenvalues"));
        for (std::size_t j = 0; j < ev.size(); ++j) BOOST_TEST(std::abs(pca.eigenvalues(j) - ev(j)) < 1e-9 * ev(0));
        BOOST_TEST(max_abs(pca.components, matrix_from(fx.at("components"))) < 1e-9);
        const Vector<double> sk = vector_from(fx.at("sklearn_explained_variance_biased"));
        for (std::size_t j = 0; j < k; ++j) BOOST_TEST(std::abs(pca.eigenvalues(j) - sk(j)) < 1e-9 * ev(0));
    }
}

BOOST_AUTO_TEST_CASE(pca_components_are_orthonormal_eigenvectors) {
    dlc::Rng rng(3);
    const Matrix<double> X = low_rank_data(300, 7, 3, 0.2, rng);
    const dlc::SampleMoments m = dlc::sample_moments(X);
    const dlc::Pca pca = dlc::fit_pca(X, 3);
    // S u_j = lambda_j u_j and U^T U = I.
    for (std::size_t j = 0; j < 3; ++j) {
        double err = 0;
        for (std::size_t a = 0; a < 7; ++a) {
            double su = 0;
            for (std::size_t b = 0; b < 7; ++b) su += m.covariance(a, b) * pca.components(j, b);
            err = std::max(err, std::abs(su - pca.eigenvalues(j) * pca.components(j, a)));
        }
        BOOST_TEST(err < 1e-10);
        for (std::size_t l = 0; l < 3; ++l) {
            double dot = 0;
            for (std::size_t a = 0; a < 7; ++a) dot += pca.components(j, a) * pca.components(l, a);
            BOOST_TEST(std::abs(dot - (j == l ? 1.0 : 0.0)) < 1e-12);
        }
    }
    for (std::size_t j = 1; j < 7; ++j) BOOST_TEST(pca.eigenvalues(j) <= pca.eigenvalues(j - 1));
    // The reconstruction error from the data equals the sum of the discarded eigenvalues (Eckart-Young).
    BOOST_TEST(std::abs(dlc::pca_reconstruction_error(pca, X) - pca.discarded_variance()) < 1e-10);
    // Float data give the same PCA to float accuracy.
    const Matrix<float> Xf = xt::cast<float>(X);
    const dlc::Pca pf = dlc::fit_pca(Xf, 3);
    for (std::size_t j = 0; j < 7; ++j) BOOST_TEST(std::abs(pf.eigenvalues(j) - pca.eigenvalues(j)) < 1e-4);
}

// ---------------------------------------------------------------- principal angles

BOOST_AUTO_TEST_CASE(principal_angles_of_known_subspaces) {
    // span(e1, e2) against span(e1, cos t e2 + sin t e3): angles 0 and t.
    const double t = 0.3;
    const Matrix<double> A = {{1, 0}, {0, 1}, {0, 0}, {0, 0}};
    const Matrix<double> B = {{2, 0}, {0, std::cos(t)}, {0, std::sin(t)}, {0, 0}};
    const Vector<double> th = dlc::principal_angles(A, B);
    BOOST_TEST(th.size() == 2u);
    BOOST_TEST(std::abs(th(0)) < 1e-15);
    BOOST_TEST(std::abs(th(1) - t) < 1e-14);
    // A basis change does not change the angles; a tiny angle is accurate (computed from its sine).
    const Matrix<double> A2 = {{1, 1}, {1, -1}, {0, 0}, {0, 0}};
    BOOST_TEST(dlc::principal_angles(A2, A)(1) < 1e-15);
    const double tiny = 1e-9;
    const Matrix<double> C = {{1}, {tiny}, {0}, {0}};
    const Matrix<double> E1 = {{1}, {0}, {0}, {0}};
    BOOST_TEST(std::abs(dlc::principal_angles(C, E1)(0) - std::atan(tiny)) < 1e-20);
    // Orthogonal subspaces: pi/2.
    const Matrix<double> E3 = {{0}, {0}, {1}, {0}};
    BOOST_TEST(std::abs(dlc::principal_angles(E1, E3)(0) - M_PI / 2) < 1e-15);
}

// ---------------------------------------------------------------- linear autoencoder

BOOST_AUTO_TEST_CASE(linear_autoencoder_loss_and_gradient) {
    dlc::Rng rng(5);
    Matrix<double> X = low_rank_data(200, 6, 2, 0.3, rng);
    const dlc::SampleMoments m = dlc::sample_moments(X);
    for (std::size_t i = 0; i < X.shape(0); ++i)
        for (std::size_t j = 0; j < 6; ++j) X(i, j) -= m.mean(j);
    const Matrix<double> C = m.covariance;  // the second moment of the centred data
    dlc::LinearAutoencoder ae;
    ae.U = Matrix<double>::from_shape({6, 2});
    ae.V = Matrix<double>::from_shape({2, 6});
    for (auto& u : ae.U) u = rng.normal(0, 0.5);
    for (auto& v : ae.V) v = rng.normal(0, 0.5);
    // The covariance formula equals the per-example sum.
    BOOST_TEST(std::abs(dlc::linear_ae_loss(C, ae) - dlc::linear_ae_loss_data(X, ae)) < 1e-10);
    // The gradient against central differences.
    dlc::LinearAutoencoder g;
    dlc::linear_ae_gradient(C, ae, g);
    std::vector<dlc::GradCheckTarget> targets(2);
    targets[0].name = "U";
    targets[0].value = nullptr;
    dlc::Tensor<double> U = ae.U, V = ae.V;
    targets[0].value = &U;
    targets[0].analytic = g.U;
    targets[1].name = "V";
    targets[1].value = &V;
    targets[1].analytic = g.V;
    const auto r = dlc::gradcheck_generic(
        [&] {
            dlc::LinearAutoencoder t;
            t.U = U;
            t.V = V;
            return dlc::linear_ae_loss(C, t);
        },
        targets);
    BOOST_TEST_MESSAGE("linear AE gradient: " << r.str());
    BOOST_TEST(r.entries == 24u);
    BOOST_TEST(r.max_relative_error < 1e-6);
}

BOOST_AUTO_TEST_CASE(linear_autoencoder_finds_the_pca_subspace) {
    dlc::Rng rng(11);
    const Matrix<double> X = low_rank_data(500, 6, 2, 0.3, rng);
    const dlc::SampleMoments m = dlc::sample_moments(X);
    const dlc::Pca pca = dlc::fit_pca(m, 2);
    dlc::LinearAeOptions opt;
    opt.steps = 3000;
    const auto res = dlc::train_linear_autoencoder(m.covariance, 2, rng, opt);
    // The loss falls to the sum of the discarded eigenvalues, never below it.
    BOOST_TEST(res.loss.back() >= pca.discarded_variance() - 1e-9);
    BOOST_TEST(res.loss.back() - pca.discarded_variance() < 1e-8 * pca.total_variance());
    // range(U) is the principal subspace.
    const Matrix<double> W = xt::transpose(pca.components);
    BOOST_TEST(xt::amax(dlc::principal_angles(res.ae.U, W))() < 1e-4);
    // Bad inputs.
    check_throws<dlc::ValueError>([&] { dlc::train_linear_autoencoder(m.covariance, 7, rng, opt); }, {"k must be in"});
    check_throws<dlc::ValueError>([&] { dlc::train_linear_autoencoder(m.covariance, 0, rng, opt); }, {"k must be in"});
    dlc::LinearAeOptions bad = opt;
    bad.step_scale = 40;  // far beyond the stable step: the loss blows up
    bad.init_sd = 1;
    check_throws<dlc::DivergenceError>([&] { dlc::train_linear_autoencoder(m.covariance, 2, rng, bad); },
                                       {"train_linear_autoencoder"});
}

// ---------------------------------------------------------------- PPCA

BOOST_AUTO_TEST_CASE(ppca_closed_form_matches_fixture) {
    const auto fx = load_fixture().at("linear_models");
    const Matrix<double> X = matrix_from(fx.at("X"));
    const dlc::SampleMoments m = dlc::sample_moments(X);
    const dlc::Ppca model = dlc::ppca_closed_form(m, fx.at("k"));
    BOOST_TEST(std::abs(model.sigma2 - fx.at("ppca_sigma2").get<double>()) < 1e-12);
    BOOST_TEST(max_abs(model.W, matrix_from(fx.at("ppca_W"))) < 1e-9);
    const double ll = dlc::ppca_log_likelihood(m, model);
    BOOST_TEST(std::abs(ll - fx.at("ppca_log_likelihood").get<double>()) < 1e-8 * std::abs(ll));
}

BOOST_AUTO_TEST_CASE(ppca_closed_form_is_the_em_and_gradient_optimum) {
    dlc::Rng rng(21);
    const Matrix<double> X = low_rank_data(4000, 5, 2, 0.3, rng);
    const dlc::SampleMoments m = dlc::sample_moments(X);
    const dlc::Ppca closed = dlc::ppca_closed_form(m, 2);
    const double l_closed = dlc::ppca_log_likelihood(m, closed);
    const dlc::Ppca start = dlc::ppca_random_start(m, 2, rng);
    const auto em = dlc::ppca_em(m, start, 5000, 1e-14);
    // EM never decreases the log-likelihood.
    for (std::size_t i = 1; i < em.log_likelihood.size(); ++i)
        BOOST_TEST(em.log_likelihood[i] >= em.log_likelihood[i - 1] - 1e-9 * std::abs(em.log_likelihood[i]));
    BOOST_TEST(std::abs(em.log_likelihood.back() - l_closed) < 1e-6 * std::abs(l_closed));
    BOOST_TEST(std::abs(em.model.sigma2 - closed.sigma2) < 1e-6);
    // W W^T agrees (W itself only up to a rotation).
    BOOST_TEST(max_abs(xt::linalg::dot(em.model.W, xt::transpose(em.model.W)),
                       xt::linalg::dot(closed.W, xt::transpose(closed.W))) < 1e-5);
    const auto ga = dlc::ppca_gradient_ascent(m, start, 20000, 1e-10);
    BOOST_TEST(std::abs(ga.log_likelihood.back() - l_closed) < 1e-7 * std::abs(l_closed));
    // The closed form is a stationary point: its gradient vanishes.
    Matrix<double> gW;
    double gs = 0;
    dlc::ppca_gradient(m, closed, gW, gs);
    BOOST_TEST(xt::amax(xt::abs(gW))() < 1e-10);
    BOOST_TEST(std::abs(gs) < 1e-10);
    // W R has the same likelihood for an orthogonal R.
    const double c = std::cos(0.7), s = std::sin(0.7);
    dlc::Ppca rotated = closed;
    rotated.W = xt::linalg::dot(closed.W, Matrix<double>{{c, -s}, {s, c}});
    BOOST_TEST(std::abs(dlc::ppca_log_likelihood(m, rotated) - l_closed) < 1e-9 * std::abs(l_closed));
}

BOOST_AUTO_TEST_CASE(ppca_gradient_is_checked_numerically) {
    dlc::Rng rng(8);
    const Matrix<double> X = low_rank_data(300, 4, 2, 0.5, rng);
    const dlc::SampleMoments m = dlc::sample_moments(X);
    dlc::Ppca model = dlc::ppca_random_start(m, 2, rng);
    Matrix<double> gW;
    double gs = 0;
    dlc::ppca_gradient(m, model, gW, gs);
    dlc::Tensor<double> W = model.W, s = {std::log(model.sigma2)};
    std::vector<dlc::GradCheckTarget> targets(2);
    targets[0] = {"W", &W, dlc::Tensor<double>(gW)};
    targets[1] = {"log_sigma2", &s, dlc::Tensor<double>{gs}};
    const auto r = dlc::gradcheck_generic(
        [&] {
            dlc::Ppca t = model;
            t.W = W;
            t.sigma2 = std::exp(s(0));
            return dlc::ppca_log_likelihood(m, t) / double(m.n);
        },
        targets);
    BOOST_TEST_MESSAGE("PPCA gradient: " << r.str());
    BOOST_TEST(r.max_relative_error < 1e-6);
}

// ---------------------------------------------------------------- factor analysis

BOOST_AUTO_TEST_CASE(factor_analysis_em_reaches_sklearn_optimum) {
    const auto fx = load_fixture().at("linear_models");
    const Matrix<double> X = matrix_from(fx.at("X"));
    const dlc::SampleMoments m = dlc::sample_moments(X);
    dlc::Rng rng(2);
    const auto fit = dlc::factor_analysis_em(m, 2, rng, 20000, 1e-14);
    for (std::size_t i = 1; i < fit.log_likelihood.size(); ++i)
        BOOST_TEST(fit.log_likelihood[i] >= fit.log_likelihood[i - 1] - 1e-9 * std::abs(fit.log_likelihood[i]));
    const double sk = fx.at("sklearn_fa_log_likelihood").get<double>();
    BOOST_TEST(std::abs(fit.log_likelihood.back() - sk) < 1e-5 * std::abs(sk), fit.log_likelihood.back() << " vs " << sk);
    // FA's likelihood is at least PPCA's (PPCA is FA with Psi = sigma^2 I).
    BOOST_TEST(fit.log_likelihood.back() >= dlc::ppca_log_likelihood(m, dlc::ppca_closed_form(m, 2)) - 1e-6);
    check_throws<dlc::ValueError>([&] { dlc::factor_analysis_em(m, 6, rng); }, {"factor_analysis_em", "k must"});
    dlc::FactorAnalysis bad = fit.model;
    bad.psi(0) = -1;
    check_throws<dlc::ValueError>([&] { dlc::fa_log_likelihood(m, bad); }, {"psi"});
}

// ---------------------------------------------------------------- ICA

BOOST_AUTO_TEST_CASE(fastica_unmixes_known_sources) {
    dlc::Rng rng(4);
    const std::size_t n = 3000;
    Matrix<double> S = Matrix<double>::from_shape({n, 3});
    for (std::size_t i = 0; i < n; ++i) {
        const double t = 20.0 * double(i) / double(n);
        S(i, 0) = std::sin(2 * t);
        S(i, 1) = std::sin(3 * t) >= 0 ? 1.0 : -1.0;
        S(i, 2) = 2 * (t - std::floor(t)) - 1;
    }
    const Matrix<double> A = {{1, 1, 1}, {0.5, 2, 1}, {1.5, 1, 2}};
    const Matrix<double> X = xt::linalg::dot(S, xt::transpose(A));
    for (const auto g : {dlc::IcaNonlinearity::logcosh, dlc::IcaNonlinearity::cube}) {
        const auto r = dlc::fastica(X, rng, g);
        BOOST_TEST(r.converged);
        // Each source correlates (up to sign) with one recovered component at |r| > 0.99.
        for (std::size_t s = 0; s < 3; ++s) {
            double best = 0;
            for (std::size_t c = 0; c < 3; ++c) {
                double sxy = 0, sxx = 0, syy = 0, mx = 0, my = 0;
                for (std::size_t i = 0; i < n; ++i) mx += S(i, s), my += r.sources(i, c);
                mx /= n, my /= n;
                for (std::size_t i = 0; i < n; ++i) {
                    const double a = S(i, s) - mx, b = r.sources(i, c) - my;
                    sxy += a * b, sxx += a * a, syy += b * b;
                }
                best = std::max(best, std::abs(sxy) / std::sqrt(sxx * syy));
            }
            BOOST_TEST(best > 0.99, "source " << s << ": best |correlation| " << best);
        }
        // B is orthogonal and the sources have unit variance.
        const Matrix<double> BBt = xt::linalg::dot(r.rotation, xt::transpose(r.rotation));
        BOOST_TEST(max_abs(BBt, xt::eye<double>(3)) < 1e-10);
    }
    // The excess kurtosis: a uniform sample has -1.2, a square wave -2.
    Vector<double> sq = xt::view(S, xt::all(), 1);
    BOOST_TEST(std::abs(dlc::excess_kurtosis(sq) + 2.0) < 0.05);
    // Collinear signals cannot be whitened.
    Matrix<double> Xc = X;
    for (std::size_t i = 0; i < n; ++i) Xc(i, 2) = Xc(i, 0);
    check_throws<dlc::ValueError>([&] { dlc::fastica(Xc, rng); }, {"fit_whitening"});
}

// ---------------------------------------------------------------- ISTA

BOOST_AUTO_TEST_CASE(soft_threshold_and_ista) {
    const Vector<double> a = {-3, -0.5, 0, 0.2, 2};
    const Vector<double> s = dlc::soft_threshold(a, 1.0);
    const Vector<double> expect = {-2, 0, 0, 0, 1};
    for (std::size_t i = 0; i < 5; ++i) BOOST_TEST(s(i) == expect(i));
    check_throws<dlc::ValueError>([&] { dlc::soft_threshold(a, -1); }, {"soft_threshold"});

    dlc::Rng rng(9);
    Matrix<double> D = Matrix<double>::from_shape({8, 12});
    for (auto& v : D) v = rng.normal() / std::sqrt(8.0);
    Vector<double> x = Vector<double>::from_shape({8});
    for (auto& v : x) v = rng.normal();
    const double L = dlc::ista_lipschitz(D);
    const Matrix<double> DtD = xt::linalg::dot(xt::transpose(D), D);
    BOOST_TEST(std::abs(L - xt::amax(xt::linalg::eigvalsh(DtD))()) < 1e-10 * L);
    const auto r = dlc::ista(D, x, 0.1, 1.0 / L, 3000);
    BOOST_TEST(r.monotone);
    BOOST_TEST(!r.diverged);
    // Optimality (the subgradient condition): |D^T (x - D h)|_i <= lambda, with equality where h_i != 0.
    const Vector<double> res = x - xt::linalg::dot(D, r.h);
    const Vector<double> corr = xt::linalg::dot(xt::transpose(D), res);
    for (std::size_t i = 0; i < 12; ++i) {
        if (r.h(i) != 0) BOOST_TEST(std::abs(corr(i) - 0.1 * (r.h(i) > 0 ? 1 : -1)) < 1e-8);
        else BOOST_TEST(std::abs(corr(i)) <= 0.1 + 1e-8);
    }
    // Beyond 2/L the iterates do not converge (they oscillate or blow up).
    const auto beyond = dlc::ista(D, x, 0.1, 2.2 / L, 3000);
    BOOST_TEST(!beyond.monotone);
    BOOST_TEST((beyond.diverged || beyond.objective.back() > r.objective.back() + 1e-3));
    check_throws<dlc::ValueError>([&] { dlc::ista(D, x, -1, 1.0 / L, 10); }, {"lambda"});
    check_throws<dlc::ShapeError>([&] { dlc::ista(D, Vector<double>{1, 2}, 0.1, 1.0 / L, 10); }, {"ista", "x"});
}

// ---------------------------------------------------------------- bad inputs

BOOST_AUTO_TEST_CASE(bad_inputs_raise_errors) {
    dlc::Rng rng(1);
    const Matrix<double> X = low_rank_data(50, 4, 2, 0.1, rng);
    const dlc::SampleMoments m = dlc::sample_moments(X);
    // k larger than d, k = 0.
    check_throws<dlc::ValueError>([&] { dlc::fit_pca(X, 5); }, {"fit_pca", "k must be in [1, d = 4]"});
    check_throws<dlc::ValueError>([&] { dlc::fit_pca(X, 0); }, {"fit_pca"});
    check_throws<dlc::ValueError>([&] { dlc::ppca_closed_form(m, 4); }, {"ppca_closed_form", "k < d"});
    // A non-positive variance.
    dlc::Ppca model = dlc::ppca_closed_form(m, 2);
    model.sigma2 = 0;
    check_throws<dlc::ValueError>([&] { dlc::ppca_log_likelihood(m, model); }, {"sigma^2 must be positive"});
    model.sigma2 = -0.5;
    check_throws<dlc::ValueError>([&] { dlc::ppca_em_step(m, model); }, {"ppca_em_step"});
    // NaN data; an empty data set.
    Matrix<double> bad = X;
    bad(3, 1) = std::numeric_limits<double>::quiet_NaN();
    check_throws<dlc::ValueError>([&] { dlc::sample_moments(bad); }, {"sample_moments", "non-finite"});
    check_throws<dlc::ValueError>([&] { dlc::fit_pca(bad, 2, dlc::PcaMethod::svd); }, {"non-finite"});
    check_throws<dlc::ShapeError>([&] { dlc::sample_moments(Matrix<double>::from_shape({0, 3})); }, {"empty"});
    // Data in a k-dimensional subspace have sigma^2 = 0.
    Matrix<double> flat = Matrix<double>::from_shape({20, 3});
    for (std::size_t i = 0; i < 20; ++i) flat(i, 0) = double(i), flat(i, 1) = 2.0 * double(i), flat(i, 2) = 1;
    check_throws<dlc::ValueError>([&] { dlc::ppca_closed_form(dlc::sample_moments(flat), 1); }, {"sigma^2 = 0"});
    // Shapes.
    check_throws<dlc::ShapeError>([&] { dlc::principal_angles(Matrix<double>::from_shape({4, 2}), Matrix<double>::from_shape({3, 1})); },
                                  {"principal_angles"});
    check_throws<dlc::ValueError>([&] { dlc::principal_angles(Matrix<double>{{1, 2}, {2, 4}, {0, 0}}, Matrix<double>{{1}, {0}, {0}}); },
                                  {"linearly independent"});
    check_throws<dlc::ValueError>([&] { dlc::spd_inverse(Matrix<double>{{1, 2}, {2, 1}}); }, {"positive definite"});
}

BOOST_AUTO_TEST_SUITE_END()
