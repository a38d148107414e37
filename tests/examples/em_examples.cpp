// Worked examples of the EM lecture, every expected number derived by hand in the comments (never pasted from
// program output): one EM step on a 1-D two-component example, the observable case on six points, the ELBO of
// one point, the KL examples of jensen_kl, and the small-variance limit on four points.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "core/error.hpp"
#include "latent/divergence.hpp"
#include "latent/elbo.hpp"
#include "latent/estep.hpp"
#include "latent/gaussian.hpp"
#include "latent/gmm.hpp"
#include "latent/mixture.hpp"
#include "latent/observable.hpp"
#include "latent/small_variance.hpp"

#include <cmath>

BOOST_AUTO_TEST_SUITE(em_examples)

namespace {

namespace tt = boost::test_tools;
constexpr double pi = 3.14159265358979323846;

dlc::GaussianMixture one_d(double mu1, double mu2, double var, dlc::CovarianceType type) {
    dlc::Tensor3<double> cov = dlc::Tensor3<double>::from_shape({2, 1, 1});
    cov(0, 0, 0) = cov(1, 0, 0) = var;
    return dlc::make_mixture({0.5, 0.5}, {{mu1}, {mu2}}, cov, type);
}

}  // namespace

// ============================================================ One EM step, 1-D, two components
//
// x = (0, 2, 4); theta^(0): pi = (1/2, 1/2), mu = (0, 4), sigma^2 = (1, 1). With s = e^{-8}:
// E-step, gamma_i^1 = 1 / (1 + exp(-(x - 4)^2/2 + x^2/2)) = 1 / (1 + e^{4x - 8}):
//   x = 0: gamma = (1/(1+s), s/(1+s));  x = 2: (1/2, 1/2);  x = 4: (s/(1+s), 1/(1+s)).
// log-likelihood at theta^(0): p(0) = 1/2 (2 pi)^{-1/2} (1 + s) = p(4), p(2) = (2 pi)^{-1/2} e^{-2}, so
//   l_0 = -2 - (3/2) log 2 pi - 2 log 2 + 2 log(1 + s).
// M-step: n_1 = 1/(1+s) + 1/2 + s/(1+s) = 3/2 = n_2, so pi = (1/2, 1/2);
//   mu_1 = (0 + 2 * 1/2 + 4 s/(1+s)) / (3/2) = (1 + 4 s/(1+s)) * 2/3,  mu_2 = 4 - mu_1 (symmetry);
//   sigma_1^2 = (mu_1^2 / (1+s) + (2 - mu_1)^2 / 2 + (4 - mu_1)^2 s/(1+s)) * 2/3 = sigma_2^2.
// (As s -> 0: mu_1 -> 2/3, sigma_1^2 -> (4/9 + 8/9) * 2/3 = 8/9.)
BOOST_AUTO_TEST_CASE(one_em_step_by_hand_in_one_dimension) {
    const double s = std::exp(-8.0);
    const dlc::Matrix<double> X = {{0.0}, {2.0}, {4.0}};
    const double l0 = -2 - 1.5 * std::log(2 * pi) - 2 * std::log(2.0) + 2 * std::log1p(s);
    const double mu1 = (1 + 4 * s / (1 + s)) * 2.0 / 3.0;
    const double var = (mu1 * mu1 / (1 + s) + (2 - mu1) * (2 - mu1) / 2 + (4 - mu1) * (4 - mu1) * s / (1 + s)) * 2.0 / 3.0;
    for (auto type : {dlc::CovarianceType::full, dlc::CovarianceType::diagonal, dlc::CovarianceType::spherical}) {
        BOOST_TEST_CONTEXT(dlc::to_string(type)) {
            const auto theta0 = one_d(0, 4, 1, type);
            const auto G = dlc::responsibilities(X, theta0);
            BOOST_TEST(G(0, 0) == 1 / (1 + s), tt::tolerance(1e-15));
            BOOST_TEST(G(0, 1) == s / (1 + s), tt::tolerance(1e-13));
            BOOST_TEST(G(1, 0) == 0.5, tt::tolerance(1e-15));
            BOOST_TEST(G(2, 1) == 1 / (1 + s), tt::tolerance(1e-15));
            dlc::EmOptions opt;
            opt.reg_covar = 0;
            opt.max_iterations = 1;
            const auto r = dlc::fit_gmm(X, theta0, opt);
            BOOST_TEST(r.log_likelihood[0] == l0, tt::tolerance(1e-14));
            BOOST_TEST(r.theta.weights(0) == 0.5, tt::tolerance(1e-15));
            BOOST_TEST(r.theta.means(0, 0) == mu1, tt::tolerance(1e-14));
            BOOST_TEST(r.theta.means(1, 0) == 4 - mu1, tt::tolerance(1e-14));
            BOOST_TEST(r.theta.covariances(0, 0, 0) == var, tt::tolerance(1e-13));
            BOOST_TEST(r.theta.covariances(1, 0, 0) == var, tt::tolerance(1e-13));
            BOOST_TEST(r.log_likelihood[1] > r.log_likelihood[0]);
        }
    }
}

// ============================================================ The observable case, six points (lecture's example)
//
// class 1: (0, 0), (2, 0), (1, 3): mean (1, 1); deviations (-1, -1), (1, -1), (0, 2):
//   Sigma_1 = 1/3 [[1 + 1 + 0, 1 - 1 + 0], [., 1 + 1 + 4]] = [[2/3, 0], [0, 2]].
// class 2: (5, 6), (9, 6), (7, 9): mean (7, 7); deviations (-2, -1), (2, -1), (0, 2):
//   Sigma_2 = 1/3 [[4 + 4, 2 - 2], [., 1 + 1 + 4]] = [[8/3, 0], [0, 2]].  pi = (3/6, 3/6).
BOOST_AUTO_TEST_CASE(observable_mle_of_six_points) {
    const dlc::Matrix<double> X = {{0, 0}, {2, 0}, {1, 3}, {5, 6}, {9, 6}, {7, 9}};
    const auto th = dlc::observable_mle(X, dlc::Labels{0, 0, 0, 1, 1, 1}, 2);
    BOOST_TEST(th.weights(0) == 0.5);
    BOOST_TEST(th.means(0, 0) == 1.0);
    BOOST_TEST(th.means(0, 1) == 1.0);
    BOOST_TEST(th.means(1, 0) == 7.0);
    BOOST_TEST(th.means(1, 1) == 7.0);
    BOOST_TEST(th.covariances(0, 0, 0) == 2.0 / 3.0, tt::tolerance(1e-15));
    BOOST_TEST(th.covariances(0, 1, 1) == 2.0, tt::tolerance(1e-15));
    BOOST_TEST(th.covariances(0, 0, 1) == 0.0);
    BOOST_TEST(th.covariances(1, 0, 0) == 8.0 / 3.0, tt::tolerance(1e-15));
    BOOST_TEST(th.covariances(1, 1, 1) == 2.0, tt::tolerance(1e-15));
    // Spherical: sigma^2 = tr / d: (2/3 + 2) / 2 = 4/3 and (8/3 + 2) / 2 = 7/3.
    const auto sph = dlc::observable_mle(X, dlc::Labels{0, 0, 0, 1, 1, 1}, 2, dlc::CovarianceType::spherical);
    BOOST_TEST(sph.covariances(0, 1, 1) == 4.0 / 3.0, tt::tolerance(1e-15));
    BOOST_TEST(sph.covariances(1, 0, 0) == 7.0 / 3.0, tt::tolerance(1e-15));
}

// ============================================================ The ELBO of one point
//
// x = 0, pi = (1/2, 1/2), mu = (-1, 1), sigma^2 = 1: p(x, z) = 1/2 (2 pi)^{-1/2} e^{-1/2} for both z, so the
// posterior is (1/2, 1/2) and the evidence log p(x) = -1/2 log 2 pi - 1/2.
// q = (1, 0): L = log p(x, z = 1) - log 1 = -log 2 - 1/2 log 2 pi - 1/2; KL(q || (1/2, 1/2)) = log 2; L + KL = log p(x).
// q = (1/2, 1/2): L = log p(x) (tight), KL = 0.
BOOST_AUTO_TEST_CASE(elbo_of_one_point_by_hand) {
    const auto th = one_d(-1, 1, 1, dlc::CovarianceType::full);
    const dlc::Matrix<double> X = {{0.0}};
    const double evidence = -0.5 * std::log(2 * pi) - 0.5;
    const auto e = dlc::gmm_elbo(X, th, dlc::Matrix<double>{{1.0, 0.0}});
    BOOST_TEST(e.evidence == evidence, tt::tolerance(1e-15));
    BOOST_TEST(e.elbo == evidence - std::log(2.0), tt::tolerance(1e-15));
    BOOST_TEST(e.kl == std::log(2.0), tt::tolerance(1e-15));
    BOOST_TEST(e.entropy == 0.0);
    const auto t = dlc::gmm_elbo(X, th, dlc::Matrix<double>{{0.5, 0.5}});
    BOOST_TEST(t.elbo == evidence, tt::tolerance(1e-15));
    BOOST_TEST(std::abs(t.kl) < 1e-15);
    BOOST_TEST(t.entropy == std::log(2.0), tt::tolerance(1e-15));
}

// ============================================================ jensen_kl's discrete examples
//
// p = (0.5, 0.4, 0.1), q = (0.1, 0.3, 0.6):
//   KL(p || q) = 0.5 ln 5 + 0.4 ln(4/3) + 0.1 ln(1/6) = 0.804719 + 0.115073 - 0.179176 = 0.740616
//   KL(q || p) = 0.1 ln(1/5) + 0.3 ln(3/4) + 0.6 ln 6 = -0.160944 - 0.086305 + 1.075056 = 0.827807
// KL(N(0, 1) || N(1, 2^2)) = ln 2 + (1 + 1)/8 - 1/2 = 0.443147; reversed: -ln 2 + (4 + 1)/2 - 1/2 = 1.306853.
BOOST_AUTO_TEST_CASE(kl_examples_of_the_lecture) {
    const dlc::Vector<double> p = {0.5, 0.4, 0.1}, q = {0.1, 0.3, 0.6};
    BOOST_TEST(dlc::kl_divergence(p, q) == 0.5 * std::log(5.0) + 0.4 * std::log(4.0 / 3.0) + 0.1 * std::log(1.0 / 6.0),
               tt::tolerance(1e-14));
    BOOST_TEST(dlc::kl_divergence(p, q) == 0.740616, tt::tolerance(1e-6));
    BOOST_TEST(dlc::kl_divergence(q, p) == 0.827807, tt::tolerance(1e-6));
    BOOST_TEST(dlc::kl_gaussian(dlc::Vector<double>{0.0}, dlc::Matrix<double>{{1.0}}, dlc::Vector<double>{1.0},
                                dlc::Matrix<double>{{4.0}}) == std::log(2.0) - 0.25,
               tt::tolerance(1e-14));
    BOOST_TEST(dlc::kl_gaussian(dlc::Vector<double>{1.0}, dlc::Matrix<double>{{4.0}}, dlc::Vector<double>{0.0},
                                dlc::Matrix<double>{{1.0}}) == 2.0 - std::log(2.0),
               tt::tolerance(1e-14));
}

// ============================================================ The small-variance limit on four points
//
// x = (0, 0), (1, 0), (4, 0), (5, 0); mu^(0) = (1, 0), (4, 0); pi = (1/2, 1/2).
// (9.42) with eps = 1 at x = (0, 0): Delta = ||x - mu_2||^2 - ||x - mu_1||^2 = 16 - 1 = 15, gamma_1 = 1 / (1 + e^{-7.5}).
// As eps -> 0 the cells are {x1, x2}, {x3, x4} and the means Lloyd's (0.5, 0), (4.5, 0).
// N(x | mu, eps I) in D = 2 has log density -log(2 pi eps) - ||x - mu||^2 / (2 eps) (UCSD (9.41) with D/2, not 1/2).
BOOST_AUTO_TEST_CASE(small_variance_limit_on_four_points) {
    const dlc::Matrix<double> X = {{0, 0}, {1, 0}, {4, 0}, {5, 0}};
    const dlc::Matrix<double> mu0 = {{1, 0}, {4, 0}};
    dlc::Tensor3<double> cov = xt::zeros<double>({std::size_t(2), std::size_t(2), std::size_t(2)});
    cov(0, 0, 0) = cov(0, 1, 1) = cov(1, 0, 0) = cov(1, 1, 1) = 1.0;
    const auto G = dlc::responsibilities(X, dlc::make_mixture({0.5, 0.5}, mu0, cov));
    BOOST_TEST(G(0, 0) == 1 / (1 + std::exp(-7.5)), tt::tolerance(1e-15));
    const auto r = dlc::small_variance_em(X, mu0, 1e-3);
    BOOST_TEST(r.means(0, 0) == 0.5);
    BOOST_TEST(r.means(1, 0) == 4.5);
    BOOST_TEST(r.means(0, 1) == 0.0);
    BOOST_TEST(r.min_max_responsibility == 1.0);
    BOOST_TEST(r.hard_assignments == (dlc::Labels{0, 0, 1, 1}));
    const double eps = 0.1;
    BOOST_TEST(dlc::gaussian_log_density(dlc::Vector<double>{1.0, 1.0}, dlc::Vector<double>{0.0, 0.0},
                                         dlc::Matrix<double>{{eps, 0.0}, {0.0, eps}}) ==
                   -std::log(2 * pi * eps) - 2.0 / (2 * eps),
               tt::tolerance(1e-14));
}

BOOST_AUTO_TEST_SUITE_END()
