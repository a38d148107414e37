// Unit tests of lib/latent: the Gaussian log-density against the direct formula, log-sum-exp, responsibilities,
// the M-step and the observable case, EM's monotone log-likelihood and its regularization bound, collapse
// handling, the ELBO/KL identity, KL divergences, generalized EM, the small-variance limit, bad inputs, and
// scikit-learn's iterates from the committed fixture (tests/fixtures/old_faithful_gmm.json).
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "cluster/kmeans.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "data/datasets.hpp"
#include "data/standardize.hpp"
#include "latent/cholesky.hpp"
#include "latent/divergence.hpp"
#include "latent/elbo.hpp"
#include "latent/estep.hpp"
#include "latent/gaussian.hpp"
#include "latent/gem.hpp"
#include "latent/gmm.hpp"
#include "latent/gmm_init.hpp"
#include "latent/logsumexp.hpp"
#include "latent/mixture.hpp"
#include "latent/mstep.hpp"
#include "latent/observable.hpp"
#include "latent/small_variance.hpp"

#include <nlohmann/json.hpp>
#include <xtensor-blas/xlinalg.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <string>

BOOST_AUTO_TEST_SUITE(gmm)

namespace {

namespace tt = boost::test_tools;
constexpr double pi = 3.14159265358979323846;

double max_diff(const dlc::Matrix<double>& a, const dlc::Matrix<double>& b) {
    double m = 0;
    for (std::size_t i = 0; i < a.size(); ++i) m = std::max(m, std::abs(a.flat(i) - b.flat(i)));
    return m;
}

template <class E1, class E2>
double max_diff_any(const E1& a, const E2& b) {
    double m = 0;
    for (std::size_t i = 0; i < a.size(); ++i) m = std::max(m, std::abs(double(a.flat(i)) - double(b.flat(i))));
    return m;
}

dlc::Tensor3<double> spherical(std::size_t k, std::size_t d, double v) {
    dlc::Tensor3<double> c = xt::zeros<double>({k, d, d});
    for (std::size_t z = 0; z < k; ++z)
        for (std::size_t j = 0; j < d; ++j) c(z, j, j) = v;
    return c;
}

// A random mixture: k components in d dimensions, means spread over [-4, 4], random SPD covariances A A^T + 0.2 I.
dlc::GaussianMixture random_mixture(std::size_t k, std::size_t d, dlc::Rng& rng) {
    dlc::Vector<double> w = dlc::Vector<double>::from_shape({k});
    double s = 0;
    for (auto& v : w) s += (v = 0.5 + rng.uniform());
    w /= s;
    dlc::Matrix<double> mu = dlc::Matrix<double>::from_shape({k, d});
    for (auto& v : mu) v = rng.uniform(-4, 4);
    dlc::Tensor3<double> cov = xt::zeros<double>({k, d, d});
    for (std::size_t z = 0; z < k; ++z) {
        dlc::Matrix<double> A = dlc::Matrix<double>::from_shape({d, d});
        for (auto& v : A) v = rng.normal(0, 0.6);
        for (std::size_t r = 0; r < d; ++r)
            for (std::size_t c = 0; c < d; ++c) {
                double v = r == c ? 0.2 : 0.0;
                for (std::size_t l = 0; l < d; ++l) v += A(r, l) * A(c, l);
                cov(z, r, c) = v;
            }
    }
    return dlc::make_mixture(w, mu, cov);
}

dlc::Matrix<double> standardized_old_faithful() {
    dlc::Standardizer<double> s;
    return s.fit_transform(dlc::load_old_faithful().values);
}

nlohmann::json load_fixture() {
    const char* dir = std::getenv("DLC_FIXTURES");
    BOOST_TEST_REQUIRE(dir != nullptr, "DLC_FIXTURES is set by CTest; run the suite with ctest");
    std::ifstream f(std::string(dir) + "/old_faithful_gmm.json");
    BOOST_TEST_REQUIRE(f.good(), "cannot read " << dir << "/old_faithful_gmm.json");
    return nlohmann::json::parse(f);
}

dlc::GaussianMixture mixture_from_json(const nlohmann::json& j, dlc::CovarianceType type) {
    const std::size_t k = j.at("weights").size(), d = j.at("means")[0].size();
    dlc::Vector<double> w = dlc::Vector<double>::from_shape({k});
    dlc::Matrix<double> mu = dlc::Matrix<double>::from_shape({k, d});
    dlc::Tensor3<double> cov = dlc::Tensor3<double>::from_shape({k, d, d});
    for (std::size_t z = 0; z < k; ++z) {
        w(z) = j["weights"][z].get<double>();
        for (std::size_t a = 0; a < d; ++a) {
            mu(z, a) = j["means"][z][a].get<double>();
            for (std::size_t b = 0; b < d; ++b) cov(z, a, b) = j["covariances"][z][a][b].get<double>();
        }
    }
    return dlc::GaussianMixture{w, mu, cov, type};
}

}  // namespace

// ------------------------------------------------------------------------------------------- Gaussian density

BOOST_AUTO_TEST_CASE(log_density_matches_the_direct_formula_in_1_2_and_3_dimensions) {
    // d = 1: log N(x | m, s^2) = -1/2 log(2 pi s^2) - (x - m)^2 / (2 s^2).
    {
        const dlc::Vector<double> x = {1.7}, m = {0.5};
        const dlc::Matrix<double> S = {{2.25}};
        const double want = -0.5 * std::log(2 * pi * 2.25) - (1.2 * 1.2) / (2 * 2.25);
        BOOST_TEST(dlc::gaussian_log_density(x, m, S) == want, tt::tolerance(1e-13));
    }
    // d = 2, 3: -1/2 (d log 2 pi + log det S + (x - m)^T S^{-1} (x - m)) with det and inv from LAPACK.
    dlc::Rng rng(3);
    for (std::size_t d : {2, 3}) {
        const auto gm = random_mixture(1, d, rng);
        const dlc::Matrix<double> S = gm.covariance(0);
        const dlc::Vector<double> m = gm.mean(0);
        const dlc::Matrix<double> Sinv = xt::linalg::inv(S);
        const double logdet = std::log(xt::linalg::det(S));
        const dlc::Gaussian<double> g(m, S);
        BOOST_TEST(g.log_det() == logdet, tt::tolerance(1e-12));
        dlc::Matrix<double> X = dlc::Matrix<double>::from_shape({5, d});
        for (auto& v : X) v = rng.uniform(-3, 3);
        const dlc::Vector<double> batch = g.log_density(X);
        for (std::size_t i = 0; i < 5; ++i) {
            const dlc::Vector<double> x = xt::row(X, i);
            const dlc::Vector<double> e = x - m;
            double quad = 0;
            for (std::size_t r = 0; r < d; ++r)
                for (std::size_t c = 0; c < d; ++c) quad += e(r) * Sinv(r, c) * e(c);
            const double want = -0.5 * (double(d) * std::log(2 * pi) + logdet + quad);
            BOOST_TEST(g.mahalanobis_sq(x) == quad, tt::tolerance(1e-11));
            BOOST_TEST(g.log_density(x) == want, tt::tolerance(1e-12));
            BOOST_TEST(batch(i) == want, tt::tolerance(1e-12));
        }
    }
}

BOOST_AUTO_TEST_CASE(log_density_in_float_and_for_many_rows_in_blocks) {
    dlc::Rng rng(5);
    const auto gm = random_mixture(1, 4, rng);
    const dlc::Gaussian<double> g(gm.mean(0), gm.covariance(0));
    const dlc::Gaussian<float> gf(xt::cast<float>(gm.mean(0)), dlc::Matrix<float>(xt::cast<float>(gm.covariance(0))));
    // 20 000 rows: several blocks of the blocked triangular solve.
    dlc::Matrix<double> X = dlc::Matrix<double>::from_shape({20000, 4});
    for (auto& v : X) v = rng.uniform(-3, 3);
    const dlc::Vector<double> all = g.log_density(X);
    const dlc::Vector<float> allf = gf.log_density(dlc::Matrix<float>(xt::cast<float>(X)));
    for (std::size_t i : {0, 8191, 8192, 19999}) {
        const dlc::Vector<double> x = xt::row(X, i);
        BOOST_TEST(all(i) == g.log_density(x), tt::tolerance(1e-12));
        BOOST_TEST(double(allf(i)) == all(i), tt::tolerance(1e-4));
    }
}

BOOST_AUTO_TEST_CASE(sampling_a_gaussian_recovers_its_mean_and_covariance) {
    const dlc::Gaussian<double> g({1.0, -2.0}, {{2.0, 0.6}, {0.6, 0.5}});
    dlc::Rng rng(11);
    const dlc::Matrix<double> S = g.sample(40000, rng);
    const dlc::Vector<double> m = xt::mean(S, {0});
    BOOST_TEST(m(0) == 1.0, tt::tolerance(0.03));
    BOOST_TEST(std::abs(m(1) + 2.0) < 0.02);
    double c01 = 0;
    for (std::size_t i = 0; i < S.shape(0); ++i) c01 += (S(i, 0) - m(0)) * (S(i, 1) - m(1));
    BOOST_TEST(c01 / double(S.shape(0)) == 0.6, tt::tolerance(0.05));
}

BOOST_AUTO_TEST_CASE(cholesky_and_its_errors) {
    const dlc::Matrix<double> A = {{4, 2}, {2, 3}};
    const auto L = dlc::cholesky(A);
    BOOST_TEST(L(0, 0) == 2.0);
    BOOST_TEST(L(1, 0) == 1.0);
    BOOST_TEST(L(1, 1) == std::sqrt(2.0), tt::tolerance(1e-15));
    BOOST_TEST(L(0, 1) == 0.0);
    BOOST_TEST(dlc::log_det_from_cholesky(L) == std::log(8.0), tt::tolerance(1e-14));
    BOOST_TEST(dlc::trace_of_inverse_from_cholesky(L) == (3.0 + 4.0) / 8.0, tt::tolerance(1e-14));
    BOOST_CHECK_THROW(dlc::cholesky(dlc::Matrix<double>{{1, 2}, {2, 1}}), dlc::ValueError);       // indefinite
    BOOST_CHECK_THROW(dlc::cholesky(dlc::Matrix<double>{{1, 0.5}, {0.4, 1}}), dlc::ValueError);   // not symmetric
    BOOST_CHECK_THROW(dlc::cholesky(dlc::Matrix<double>{{1, 0, 0}, {0, 1, 0}}), dlc::ShapeError);  // not square
    try {
        dlc::cholesky(dlc::Matrix<double>{{1, 2}, {2, 1}}, "my_function");
        BOOST_FAIL("no error");
    } catch (const dlc::ValueError& e) {
        const std::string msg = e.what();
        BOOST_TEST(msg.rfind("my_function: ", 0) == 0u, msg);
        BOOST_TEST(msg.find("positive definite") != std::string::npos, msg);
        BOOST_TEST(msg.find("pivot 1") != std::string::npos, msg);
    }
}

// ------------------------------------------------------------------------------------------- log-sum-exp, E-step

BOOST_AUTO_TEST_CASE(logsumexp_does_not_underflow_or_overflow) {
    BOOST_TEST(dlc::logsumexp(dlc::Vector<double>{-1000.0, -1000.0}) == -1000.0 + std::log(2.0), tt::tolerance(1e-15));
    BOOST_TEST(dlc::logsumexp(dlc::Vector<double>{1000.0, 0.0}) == 1000.0, tt::tolerance(1e-15));
    BOOST_TEST(dlc::logsumexp(dlc::Vector<double>{std::log(0.25), std::log(0.75)}) == 0.0, tt::tolerance(1e-15));
    const double inf = std::numeric_limits<double>::infinity();
    BOOST_TEST(dlc::logsumexp(dlc::Vector<double>{-inf, -inf}) == -inf);
    BOOST_TEST(dlc::logsumexp(dlc::Vector<float>{-800.0f, -800.0f}) == -800.0f + std::log(2.0f), tt::tolerance(1e-6f));
    const dlc::Matrix<double> A = {{-1000, -1001}, {0, 0}};
    const auto S = dlc::softmax_rows(A);
    BOOST_TEST(S(0, 0) == 1 / (1 + std::exp(-1.0)), tt::tolerance(1e-12));  // log-sum-exp of -1000: absolute error ~ 1000 eps
    BOOST_TEST(S(1, 1) == 0.5);
    BOOST_CHECK_THROW(dlc::softmax_rows(dlc::Matrix<double>{{-inf, -inf}}), dlc::ValueError);
}

BOOST_AUTO_TEST_CASE(responsibilities_sum_to_one_even_far_from_every_component) {
    dlc::Rng rng(7);
    const auto gm = random_mixture(4, 3, rng);
    dlc::Matrix<double> X = dlc::sample_mixture(gm, 200, rng);
    X(0, 0) = 1e4;  // every N(x_0 | ...) underflows to 0 in linear space
    X(1, 2) = -3e3;
    const auto G = dlc::responsibilities(X, gm);
    for (std::size_t i = 0; i < X.shape(0); ++i) {
        double s = 0;
        for (std::size_t z = 0; z < 4; ++z) {
            BOOST_TEST(std::isfinite(G(i, z)));
            BOOST_TEST(G(i, z) >= 0.0);
            s += G(i, z);
        }
        BOOST_TEST(s == 1.0, tt::tolerance(1e-14));
    }
    BOOST_TEST(std::isfinite(dlc::log_likelihood(X, gm)));
    // Against the direct formula pi_z N(x | mu_z, Sigma_z) / sum_c ... at an ordinary point.
    const dlc::Vector<double> x = xt::row(X, 5);
    double den = 0;
    std::vector<double> num(4);
    for (std::size_t z = 0; z < 4; ++z)
        den += (num[z] = gm.weights(z) * std::exp(dlc::gaussian_log_density(x, gm.mean(z), gm.covariance(z))));
    for (std::size_t z = 0; z < 4; ++z) BOOST_TEST(G(5, z) == num[z] / den, tt::tolerance(1e-12));
}

// ------------------------------------------------------------------------------------------- M-step, observable

BOOST_AUTO_TEST_CASE(observable_mle_equals_one_m_step_with_one_hot_responsibilities) {
    dlc::Rng rng(13);
    const auto gm = random_mixture(3, 2, rng);
    dlc::Labels z;
    const dlc::Matrix<double> X = dlc::sample_mixture(gm, 500, rng, &z);
    for (auto type : {dlc::CovarianceType::full, dlc::CovarianceType::diagonal, dlc::CovarianceType::spherical}) {
        const auto a = dlc::observable_mle(X, z, 3, type, 0.0);
        const auto b = dlc::m_step(X, dlc::one_hot(z, 3), type, 0.0);
        BOOST_TEST(max_diff_any(a.weights, b.weights) < 1e-14);
        BOOST_TEST(max_diff_any(a.means, b.means) < 1e-13);
        BOOST_TEST(max_diff_any(a.covariances, b.covariances) < 1e-13);
        BOOST_TEST((a.type == type));
    }
    // The MLE's complete-data log-likelihood is at least the generating parameters'.
    const auto mle = dlc::observable_mle(X, z, 3);
    BOOST_TEST(dlc::complete_log_likelihood(X, z, mle) >= dlc::complete_log_likelihood(X, z, gm));
}

BOOST_AUTO_TEST_CASE(m_step_regularization_and_its_slack) {
    // n_z, mu_z, Sigma_z of two weighted points by hand: gamma = (1, 1/2) for z = 0 on x = (0, 0), (3, 0).
    const dlc::Matrix<double> X = {{0, 0}, {3, 0}, {0, 3}};
    const dlc::Matrix<double> G = {{1, 0}, {0.5, 0.5}, {0, 1}};
    dlc::MStepStats stats;
    const auto th = dlc::m_step(X, G, dlc::CovarianceType::diagonal, 0.1, &stats);
    // n_0 = 1.5, mu_0 = (1.5 / 1.5, 0) = (1, 0); var_x = (1 * 1 + 0.5 * 4) / 1.5 = 2, var_y = 0: Sigma_0 = diag(2.1, 0.1).
    BOOST_TEST(stats.counts(0) == 1.5);
    BOOST_TEST(th.weights(0) == 0.5);
    BOOST_TEST(th.means(0, 0) == 1.0, tt::tolerance(1e-15));
    BOOST_TEST(th.covariances(0, 0, 0) == 2.1, tt::tolerance(1e-14));
    BOOST_TEST(th.covariances(0, 1, 1) == 0.1, tt::tolerance(1e-14));
    BOOST_TEST(stats.regularization_slack == std::numeric_limits<double>::infinity());  // var_y = 0: no bound
    // Full covariances of a well-spread set: the slack is the closed form of mstep.hpp, and small.
    dlc::Rng rng(17);
    const auto gm = random_mixture(2, 2, rng);
    const dlc::Matrix<double> Y = dlc::sample_mixture(gm, 300, rng);
    const auto R = dlc::responsibilities(Y, gm);
    dlc::MStepStats s0, s1;
    const auto exact = dlc::m_step(Y, R, dlc::CovarianceType::full, 0.0, &s0);
    const auto reg = dlc::m_step(Y, R, dlc::CovarianceType::full, 1e-3, &s1);
    BOOST_TEST(s0.regularization_slack == 0.0);
    BOOST_TEST(max_diff_any(reg.covariances - exact.covariances, spherical(2, 2, 1e-3)) < 1e-14);
    // Delta = Q(exact) - Q(reg) with Q(theta) = sum gamma log pi N: check it against the direct difference.
    const double q_exact = dlc::expected_complete_log_likelihood(Y, R, exact);
    const double q_reg = dlc::expected_complete_log_likelihood(Y, R, reg);
    BOOST_TEST(s1.regularization_slack > 0.0);
    BOOST_TEST(s1.regularization_slack == q_exact - q_reg, tt::tolerance(1e-6));
}

BOOST_AUTO_TEST_CASE(a_collapsed_component_is_a_clear_error_and_reg_covar_recovers) {
    // Component 1 starts on the isolated point (10, 10) with a tiny covariance: after one M-step it holds that point
    // alone (its other responsibilities underflow to 0), so Sigma_1 = 0: the singularity of the UCSD slides.
    dlc::Rng rng(19);
    dlc::Matrix<double> X = dlc::Matrix<double>::from_shape({51, 2});
    for (std::size_t i = 0; i < 50; ++i) X(i, 0) = rng.normal(), X(i, 1) = rng.normal();
    X(50, 0) = X(50, 1) = 10.0;
    dlc::Tensor3<double> cov = spherical(2, 2, 1.0);
    cov(1, 0, 0) = cov(1, 1, 1) = 1e-4;
    const auto theta0 = dlc::make_mixture({0.9, 0.1}, {{0.0, 0.0}, {10.0, 10.0}}, cov);
    dlc::EmOptions opt;
    opt.reg_covar = 0;
    try {
        dlc::fit_gmm(X, theta0, opt);
        BOOST_FAIL("no error for a collapsed component");
    } catch (const dlc::DivergenceError& e) {
        const std::string msg = e.what();
        BOOST_TEST(msg.rfind("fit_gmm: component 1 collapsed", 0) == 0u, msg);
        BOOST_TEST(msg.find("reg_covar") != std::string::npos, msg);
    }
    opt.reg_covar = 1e-6;  // scikit-learn's default: Sigma_1 stays 1e-6 I, the fit finishes
    const auto r = dlc::fit_gmm(X, theta0, opt);
    BOOST_TEST(std::isfinite(r.log_likelihood.back()));
    BOOST_TEST(r.theta.covariances(1, 0, 0) == 1e-6, tt::tolerance(1e-6));
    // An empty component (no responsibility at all) is a collapse too.
    BOOST_CHECK_THROW(dlc::m_step(X, dlc::one_hot(xt::zeros<std::size_t>({51}), 2)), dlc::DivergenceError);
}

// ------------------------------------------------------------------------------------------- EM

BOOST_AUTO_TEST_CASE(em_log_likelihood_never_decreases_on_random_problems) {
    for (std::uint64_t seed = 0; seed < 6; ++seed)
        for (auto type : {dlc::CovarianceType::full, dlc::CovarianceType::diagonal, dlc::CovarianceType::spherical}) {
            dlc::Rng rng(100 + seed);
            const std::size_t k = 2 + seed % 3, d = 1 + seed % 3;
            const auto truth = random_mixture(k, d, rng);
            const dlc::Matrix<double> X = dlc::sample_mixture(truth, 300, rng);
            const auto theta0 = dlc::init_from_random_responsibilities(X, k, type, 0.0, rng);
            dlc::EmOptions opt;
            opt.reg_covar = 0;
            opt.max_iterations = 200;
            opt.tolerance = 1e-10;
            const auto r = dlc::fit_gmm(X, theta0, opt);  // throws DivergenceError on a decrease
            BOOST_TEST_CONTEXT("seed " << seed << ", type " << dlc::to_string(type)) {
                BOOST_TEST(r.log_likelihood.size() == r.iterations + 1);
                for (std::size_t t = 1; t < r.log_likelihood.size(); ++t) {
                    BOOST_TEST(r.log_likelihood[t] >= r.log_likelihood[t - 1] - 1e-9);
                    // l_(t-1) <= L(gamma^(t-1), theta^(t)) <= l_t: the M-step raises the bound, the E-step closes the gap.
                    BOOST_TEST(r.lower_bound[t - 1] >= r.log_likelihood[t - 1] - 1e-9);
                    BOOST_TEST(r.lower_bound[t - 1] <= r.log_likelihood[t] + 1e-9);
                }
                BOOST_TEST((r.theta.type == type));
            }
        }
}

BOOST_AUTO_TEST_CASE(a_regularized_m_step_may_lower_the_likelihood_only_within_its_slack) {
    // Start at the (unregularized) optimum, then run EM with a large reg_covar: the likelihood drops, by at most
    // the slack Delta = sum_z n_z / 2 (log|S + rI| - log|S| - r tr((S + rI)^{-1})).
    const dlc::Matrix<double> X = standardized_old_faithful();
    dlc::Rng rng(23);
    dlc::EmOptions plain;
    plain.reg_covar = 0;
    plain.max_iterations = 500;
    plain.tolerance = 1e-13;
    const auto opt0 = dlc::fit_gmm(X, dlc::init_from_kmeans(X, 2, dlc::CovarianceType::full, 0.0, rng), plain);
    dlc::EmOptions reg = plain;
    reg.reg_covar = 0.05;
    reg.max_iterations = 1;
    const auto r = dlc::fit_gmm(X, opt0.theta, reg);
    const double drop = r.log_likelihood[0] - r.log_likelihood[1];
    BOOST_TEST(drop > 0.0);
    BOOST_TEST(drop <= r.regularization_slack[0]);
}

BOOST_AUTO_TEST_CASE(em_matches_scikit_learn_from_the_same_start) {
    const nlohmann::json fx = load_fixture();
    const dlc::Matrix<double> X = standardized_old_faithful();
    BOOST_TEST(X.shape(0) == fx.at("n").get<std::size_t>());
    const double n = double(X.shape(0));
    for (const auto& [name, cs] : fx.at("cases").items()) {
        for (const auto& run : cs.at("runs")) {
            const std::string ct = run.at("covariance_type");
            const auto type = ct == "full" ? dlc::CovarianceType::full
                                           : ct == "diag" ? dlc::CovarianceType::diagonal : dlc::CovarianceType::spherical;
            const auto theta0 = mixture_from_json(cs.at("initial"), type);
            dlc::EmOptions opt;
            opt.reg_covar = fx.at("reg_covar").get<double>();
            opt.tolerance = 0;
            opt.max_iterations = run.at("iterations").get<std::size_t>();
            const auto r = dlc::fit_gmm(X, theta0, opt);
            const auto want = mixture_from_json(run, type);
            BOOST_TEST_CONTEXT(name << " after " << opt.max_iterations << " iterations") {
                BOOST_TEST(r.iterations == opt.max_iterations);
                BOOST_TEST(max_diff_any(r.theta.weights, want.weights) < 1e-6);
                BOOST_TEST(max_diff(r.theta.means, want.means) < 1e-6);
                BOOST_TEST(max_diff_any(r.theta.covariances, want.covariances) < 1e-6);
                BOOST_TEST(r.log_likelihood.back() / n == run.at("mean_log_likelihood").get<double>(), tt::tolerance(1e-9));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(em_records_a_trace_and_stops_on_the_tolerance) {
    const dlc::Matrix<double> X = standardized_old_faithful();
    dlc::Rng rng(29);
    const auto theta0 = dlc::init_from_kmeans(X, 2, dlc::CovarianceType::full, 1e-6, rng);
    dlc::EmOptions opt;
    opt.record_trace = true;
    opt.tolerance = 1e-8;
    std::size_t calls = 0;
    opt.on_iteration = [&](std::size_t t, double) { calls = t; };
    const auto r = dlc::fit_gmm(X, theta0, opt);
    BOOST_TEST(r.converged);
    BOOST_TEST(calls == r.iterations);
    BOOST_TEST(r.trace.size() == r.iterations + 1);
    BOOST_TEST(r.trace.back().log_likelihood == r.log_likelihood.back());
    BOOST_TEST(max_diff(r.trace.back().responsibilities, r.responsibilities) == 0.0);
    const std::size_t T = r.iterations;
    BOOST_TEST(std::abs(r.log_likelihood[T] - r.log_likelihood[T - 1]) / double(X.shape(0)) < 1e-8);
    BOOST_TEST(std::abs(r.log_likelihood[T - 1] - r.log_likelihood[T - 2]) / double(X.shape(0)) >= 1e-8);
}

BOOST_AUTO_TEST_CASE(generalized_em_is_monotone_and_reaches_the_same_likelihood) {
    const dlc::Matrix<double> X = standardized_old_faithful();
    dlc::Rng rng(31);
    const auto theta0 = dlc::init_from_random_responsibilities(X, 2, dlc::CovarianceType::full, 0.0, rng);
    dlc::EmOptions exact;
    exact.reg_covar = 0;
    exact.max_iterations = 1000;
    exact.tolerance = 1e-13;
    const auto re = dlc::fit_gmm(X, theta0, exact);
    dlc::EmOptions g = exact;
    g.m_step = dlc::MStepMethod::gradient;
    g.max_iterations = 3000;
    const auto rg = dlc::fit_gmm(X, theta0, g);
    for (std::size_t t = 1; t < rg.log_likelihood.size(); ++t) BOOST_TEST(rg.log_likelihood[t] >= rg.log_likelihood[t - 1] - 1e-9);
    BOOST_TEST(rg.log_likelihood.back() == re.log_likelihood.back(), tt::tolerance(1e-7));
    BOOST_TEST(rg.iterations > re.iterations);
    // One GEM step increases J; the gradient with respect to the means agrees with central differences of J.
    const auto R = dlc::responsibilities(X, theta0);
    const auto step = dlc::gem_step(X, R, theta0, 0.5);
    BOOST_TEST(step.objective_after >= step.objective_before);
    const auto grad = dlc::m_step_gradient(X, R, theta0);
    for (std::size_t j = 0; j < 2; ++j) {
        dlc::GaussianMixture a = theta0, b = theta0;
        a.means(1, j) += 1e-6, b.means(1, j) -= 1e-6;
        const double num = (dlc::expected_complete_log_likelihood(X, R, a) - dlc::expected_complete_log_likelihood(X, R, b)) / 2e-6;
        BOOST_TEST(grad.means(1, j) == num, tt::tolerance(1e-5));
    }
    // ... and with respect to the Cholesky factor, entry (1, 0) of L_0.
    const dlc::Matrix<double> L = dlc::cholesky(theta0.covariance(0));
    auto with_factor = [&](double delta) {
        dlc::Matrix<double> Lp = L;
        Lp(1, 0) += delta;
        dlc::GaussianMixture t = theta0;
        for (std::size_t r = 0; r < 2; ++r)
            for (std::size_t c = 0; c < 2; ++c) t.covariances(0, r, c) = Lp(r, 0) * Lp(c, 0) + Lp(r, 1) * Lp(c, 1);
        return dlc::expected_complete_log_likelihood(X, R, t);
    };
    BOOST_TEST(grad.cholesky_factors(0, 1, 0) == (with_factor(1e-6) - with_factor(-1e-6)) / 2e-6, tt::tolerance(1e-5));
}

// ------------------------------------------------------------------------------------------- ELBO and KL

BOOST_AUTO_TEST_CASE(elbo_plus_kl_is_the_evidence_for_any_q) {
    dlc::Rng rng(37);
    const auto gm = random_mixture(3, 2, rng);
    const dlc::Matrix<double> X = dlc::sample_mixture(gm, 150, rng);
    const auto post = dlc::responsibilities(X, gm);
    dlc::Matrix<double> q = dlc::Matrix<double>::from_shape({150, 3});
    for (std::size_t i = 0; i < 150; ++i) {
        double s = 0;
        for (std::size_t z = 0; z < 3; ++z) s += (q(i, z) = rng.uniform() * (z == 0 ? 0.0 : 1.0));  // q_i0 = 0 allowed
        for (std::size_t z = 0; z < 3; ++z) q(i, z) /= s;
    }
    const auto e = dlc::gmm_elbo(X, gm, q);
    BOOST_TEST(std::abs(e.identity_error()) < 1e-10);
    BOOST_TEST(e.kl > 0.0);
    BOOST_TEST(e.elbo < e.evidence);
    BOOST_TEST(e.elbo == e.expected_complete + e.entropy, tt::tolerance(1e-12));
    BOOST_TEST(e.evidence == dlc::log_likelihood(X, gm), tt::tolerance(1e-13));
    const auto tight = dlc::gmm_elbo(X, gm, post);
    BOOST_TEST(std::abs(tight.kl) < 1e-10);
    BOOST_TEST(std::abs(tight.elbo - tight.evidence) < 1e-10);
    // Non-factorized q over all 3^5 labelings of five points.
    const dlc::Matrix<double> X5 = xt::view(X, xt::range(0, 5), xt::all());
    const auto lj = dlc::joint_configurations_log_prob(X5, gm);
    BOOST_TEST(lj.size() == 243u);
    BOOST_TEST(dlc::logsumexp(lj) == dlc::log_likelihood(X5, gm), tt::tolerance(1e-12));
    dlc::Vector<double> qa = dlc::Vector<double>::from_shape({243});
    double s = 0;
    for (auto& v : qa) s += (v = rng.uniform());
    qa /= s;
    const auto any = dlc::elbo_parts(lj, qa);
    BOOST_TEST(std::abs(any.identity_error()) < 1e-10);
    BOOST_TEST(any.kl > 0.0);
    BOOST_CHECK_THROW(dlc::elbo_parts(lj, dlc::Vector<double>(qa * 2.0)), dlc::ValueError);
}

BOOST_AUTO_TEST_CASE(kl_divergences_by_hand) {
    // KL((1/2, 1/2) || (1/4, 3/4)) = 1/2 log 2 + 1/2 log(2/3).
    const dlc::Vector<double> p = {0.5, 0.5}, q = {0.25, 0.75};
    BOOST_TEST(dlc::kl_divergence(p, q) == 0.5 * std::log(2.0) + 0.5 * std::log(2.0 / 3.0), tt::tolerance(1e-15));
    BOOST_TEST(dlc::kl_divergence(p, p) == 0.0);
    BOOST_TEST(dlc::kl_divergence(q, p) != dlc::kl_divergence(p, q));
    BOOST_TEST(dlc::kl_divergence(dlc::Vector<double>{1.0, 0.0}, dlc::Vector<double>{0.5, 0.5}) == std::log(2.0),
               tt::tolerance(1e-15));
    BOOST_TEST(std::isinf(dlc::kl_divergence(dlc::Vector<double>{0.5, 0.5}, dlc::Vector<double>{1.0, 0.0})));
    BOOST_TEST(dlc::entropy(p) == std::log(2.0), tt::tolerance(1e-15));
    BOOST_TEST(dlc::kl_divergence(dlc::Vector<float>{0.5f, 0.5f}, dlc::Vector<float>{0.25f, 0.75f}) ==
                   0.5 * std::log(2.0) + 0.5 * std::log(2.0 / 3.0),
               tt::tolerance(1e-6));
    BOOST_CHECK_THROW(dlc::kl_divergence(p, dlc::Vector<double>{0.5, 0.6}), dlc::ValueError);
    BOOST_CHECK_THROW(dlc::kl_divergence(p, dlc::Vector<double>{1.0}), dlc::ShapeError);
    // Gaussians: 1-D closed form log(s1/s0) + (s0^2 + (m0 - m1)^2) / (2 s1^2) - 1/2.
    const double want = std::log(2.0 / 0.5) + (0.25 + 9.0) / (2 * 4.0) - 0.5;
    BOOST_TEST(dlc::kl_gaussian(dlc::Vector<double>{1.0}, dlc::Matrix<double>{{0.25}}, dlc::Vector<double>{4.0},
                                dlc::Matrix<double>{{4.0}}) == want,
               tt::tolerance(1e-14));
    // d = 2 against tr(S1^{-1} S0) + quad - d + log det S1 / det S0 with LAPACK's inverse and determinant.
    const dlc::Matrix<double> S0 = {{1.0, 0.3}, {0.3, 0.5}}, S1 = {{2.0, -0.4}, {-0.4, 1.0}};
    const dlc::Vector<double> m0 = {0.0, 1.0}, m1 = {1.0, -1.0};
    const dlc::Matrix<double> S1i = xt::linalg::inv(S1);
    const dlc::Vector<double> dm = m1 - m0;
    double tr = 0, quad = 0;
    for (std::size_t r = 0; r < 2; ++r)
        for (std::size_t c = 0; c < 2; ++c) tr += S1i(r, c) * S0(c, r), quad += dm(r) * S1i(r, c) * dm(c);
    const double want2 = 0.5 * (tr + quad - 2 + std::log(xt::linalg::det(S1) / xt::linalg::det(S0)));
    BOOST_TEST(dlc::kl_gaussian(m0, S0, m1, S1) == want2, tt::tolerance(1e-13));
    BOOST_TEST(std::abs(dlc::kl_gaussian(m0, S0, m0, S0)) < 1e-15);
}

// ------------------------------------------------------------------------------------------- k-means limit

BOOST_AUTO_TEST_CASE(small_variance_em_becomes_lloyds_algorithm) {
    dlc::Rng rng(41);
    dlc::Tensor3<double> cov = spherical(3, 2, 0.3);
    const auto gm = dlc::make_mixture({0.3, 0.3, 0.4}, {{0, 0}, {3, 0}, {0, 3}}, cov);
    const dlc::Matrix<double> X = dlc::sample_mixture(gm, 300, rng);
    const dlc::Matrix<double> mu0 = {{-1, -1}, {4, 1}, {1, 4}};
    const auto lloyd = dlc::kmeans(X, mu0);
    double previous = INFINITY;
    for (double eps : {1.0, 0.1, 0.01, 0.001, 1e-4}) {
        const auto r = dlc::small_variance_em(X, mu0, eps);
        const double dist = max_diff(r.means, lloyd.centres);
        BOOST_TEST_CONTEXT("eps = " << eps) {
            BOOST_TEST(dist <= previous + 1e-12);
            if (eps <= 1e-3) {
                BOOST_TEST(dist < 1e-9);
                BOOST_TEST(r.min_max_responsibility > 1 - 1e-9);
                BOOST_TEST(r.hard_assignments == lloyd.assignments);
            }
        }
        previous = dist;
    }
    BOOST_CHECK_THROW(dlc::small_variance_em(X, mu0, 0.0), dlc::ValueError);
}

// ------------------------------------------------------------------------------------------- bad inputs

BOOST_AUTO_TEST_CASE(bad_inputs_give_clear_errors) {
    const dlc::Matrix<double> X = {{0, 0}, {1, 0}, {0, 1}};
    dlc::Rng rng(43);
    // k larger than the number of points.
    try {
        dlc::init_from_kmeans(X, 4, dlc::CovarianceType::full, 1e-6, rng);
        BOOST_FAIL("no error for k > n");
    } catch (const dlc::ValueError& e) {
        const std::string msg = e.what();
        BOOST_TEST(msg.rfind("init_from_kmeans: ", 0) == 0u, msg);
        BOOST_TEST(msg.find("n = 3") != std::string::npos, msg);
        BOOST_TEST(msg.find("k = 4") != std::string::npos, msg);
    }
    BOOST_CHECK_THROW(dlc::init_from_random_responsibilities(X, 0, dlc::CovarianceType::full, 0.0, rng), dlc::ValueError);
    const auto four = dlc::make_mixture({0.25, 0.25, 0.25, 0.25}, {{0, 0}, {1, 0}, {0, 1}, {1, 1}}, spherical(4, 2, 1.0));
    BOOST_CHECK_THROW(dlc::fit_gmm(X, four), dlc::ValueError);
    // A given covariance that is not positive definite.
    dlc::Tensor3<double> bad = spherical(2, 2, 1.0);
    bad(1, 0, 1) = bad(1, 1, 0) = 2.0;
    try {
        dlc::make_mixture({0.5, 0.5}, {{0, 0}, {1, 1}}, bad);
        BOOST_FAIL("no error for an indefinite covariance");
    } catch (const dlc::ValueError& e) {
        const std::string msg = e.what();
        BOOST_TEST(msg.find("component 1") != std::string::npos, msg);
        BOOST_TEST(msg.find("positive definite") != std::string::npos, msg);
    }
    BOOST_CHECK_THROW(dlc::make_mixture({0.5, 0.6}, {{0, 0}, {1, 1}}, spherical(2, 2, 1.0)), dlc::ValueError);
    BOOST_CHECK_THROW(dlc::make_mixture({0.5, 0.5}, {{0, 0}, {1, 1}}, spherical(2, 3, 1.0)), dlc::ShapeError);
    dlc::Tensor3<double> offdiag = spherical(2, 2, 1.0);
    offdiag(0, 0, 1) = offdiag(0, 1, 0) = 0.1;
    BOOST_CHECK_THROW(dlc::make_mixture({0.5, 0.5}, {{0, 0}, {1, 1}}, offdiag, dlc::CovarianceType::diagonal),
                      dlc::ValueError);
    // NaN in the data.
    dlc::Matrix<double> Xn = X;
    Xn(1, 1) = std::nan("");
    const auto two = dlc::make_mixture({0.5, 0.5}, {{0, 0}, {1, 1}}, spherical(2, 2, 1.0));
    try {
        dlc::fit_gmm(Xn, two);
        BOOST_FAIL("no error for NaN data");
    } catch (const dlc::ValueError& e) {
        const std::string msg = e.what();
        BOOST_TEST(msg.rfind("fit_gmm: ", 0) == 0u, msg);
        BOOST_TEST(msg.find("row 1, column 1") != std::string::npos, msg);
    }
    BOOST_CHECK_THROW(dlc::responsibilities(Xn, two), dlc::ValueError);
    BOOST_CHECK_THROW(dlc::init_from_kmeans(Xn, 2, dlc::CovarianceType::full, 0.0, rng), dlc::ValueError);
    // Shapes and options.
    BOOST_CHECK_THROW(dlc::fit_gmm(dlc::Matrix<double>{{0, 0, 0}}, two), dlc::ShapeError);
    dlc::EmOptions opt;
    opt.max_iterations = 0;
    BOOST_CHECK_THROW(dlc::fit_gmm(X, two, opt), dlc::ValueError);
    opt = {};
    opt.reg_covar = -1;
    BOOST_CHECK_THROW(dlc::fit_gmm(X, two, opt), dlc::ValueError);
    BOOST_CHECK_THROW(dlc::m_step(X, dlc::Matrix<double>{{0.5, 0.6}, {1, 0}, {0, 1}}), dlc::ValueError);
    BOOST_CHECK_THROW(dlc::observable_mle(X, dlc::Labels{0, 0, 0}, 2), dlc::ValueError);  // class 1 empty
    BOOST_CHECK_THROW(dlc::observable_mle(X, dlc::Labels{0, 0, 2}, 2), dlc::ValueError);  // label >= k
}

BOOST_AUTO_TEST_SUITE_END()
