// The plain references beside the fast paths, tested equal: the E-step and M-step of EM (lib/latent), the
// nearest-centre search of k-means (lib/cluster), Adam and RMSprop (lib/optim). Each plain version is written as
// the slides write the formula; each fast one is the default everywhere else. Equal means: the same assignments
// (exactly), and the same numbers to rounding (relative differences of a few machine epsilons times the size of
// the sums involved).
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"
#include "cluster/nearest.hpp"
#include "cluster/nearest_plain.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "latent/estep.hpp"
#include "latent/estep_plain.hpp"
#include "latent/mixture.hpp"
#include "latent/mstep.hpp"
#include "latent/mstep_plain.hpp"
#include "optim/adam.hpp"
#include "optim/adam_plain.hpp"
#include "optim/rmsprop.hpp"
#include "optim/rmsprop_plain.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <vector>

BOOST_AUTO_TEST_SUITE(plain_references)

namespace {

// max_i |a_i - b_i| / max(1, |b_i|) over all entries (shapes must agree).
template <class A, class B>
double max_relative_diff(const A& a, const B& b) {
    BOOST_TEST_REQUIRE(a.size() == b.size());
    double m = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const double x = double(a.flat(i)), y = double(b.flat(i));
        m = std::max(m, std::abs(x - y) / std::max(1.0, std::abs(y)));
    }
    return m;
}

// A random mixture: k components in d dimensions, means in [-3, 3]^d, covariances A A^T / d + 0.3 I.
dlc::GaussianMixture random_mixture(std::size_t k, std::size_t d, dlc::Rng& rng) {
    dlc::Vector<double> w = dlc::Vector<double>::from_shape({k});
    double s = 0;
    for (auto& v : w) s += (v = 0.5 + rng.uniform());
    w /= s;
    dlc::Matrix<double> mu = dlc::Matrix<double>::from_shape({k, d});
    for (auto& v : mu) v = rng.uniform(-3, 3);
    dlc::Tensor3<double> cov = xt::zeros<double>({k, d, d});
    dlc::Matrix<double> A = dlc::Matrix<double>::from_shape({d, d});
    for (std::size_t z = 0; z < k; ++z) {
        for (auto& v : A) v = rng.normal();
        for (std::size_t r = 0; r < d; ++r)
            for (std::size_t c = 0; c < d; ++c) {
                double v = r == c ? 0.3 : 0.0;
                for (std::size_t l = 0; l < d; ++l) v += A(r, l) * A(c, l) / double(d);
                cov(z, r, c) = v;
            }
    }
    return dlc::make_mixture(w, mu, cov);
}

// Random responsibilities (n, k): positive, each row summing to 1.
dlc::Matrix<double> random_responsibilities(std::size_t n, std::size_t k, dlc::Rng& rng) {
    dlc::Matrix<double> g = dlc::Matrix<double>::from_shape({n, k});
    for (std::size_t i = 0; i < n; ++i) {
        double s = 0;
        for (std::size_t z = 0; z < k; ++z) s += (g(i, z) = 0.05 + rng.uniform());
        for (std::size_t z = 0; z < k; ++z) g(i, z) /= s;
    }
    return g;
}

}  // namespace

// ------------------------------------------------------------------------------------------------ EM E-step

// The fast E-step takes three paths: d <= 4 written out, d > 4 through BLAS triangular solves, and rows in
// blocks of gaussian_block_rows(d) (4681 rows for d = 7): n = 5000 spans two blocks.
BOOST_AUTO_TEST_CASE(e_step_plain_equals_the_fast_e_step_on_every_path) {
    dlc::Rng rng(11);
    for (const auto& [n, d, k] : std::vector<std::array<std::size_t, 3>>{{300, 1, 2}, {300, 2, 3}, {500, 4, 5},
                                                                         {5000, 7, 3}, {400, 12, 4}}) {
        const auto theta = random_mixture(k, d, rng);
        const dlc::Matrix<double> X = dlc::sample_mixture(theta, n, rng);
        const dlc::EStepPlain plain = dlc::e_step_plain(X, theta);
        dlc::MixtureDensity fast(X);
        const double ll = fast.evaluate(theta);
        BOOST_TEST_CONTEXT("n = " << n << ", d = " << d << ", k = " << k) {
            BOOST_TEST(max_relative_diff(fast.log_joint(), plain.log_joint) < 1e-12);
            BOOST_TEST(max_relative_diff(fast.log_evidence(), plain.log_evidence) < 1e-12);
            BOOST_TEST(max_relative_diff(fast.responsibilities(), plain.responsibilities) < 1e-12);
            BOOST_TEST(std::abs(ll - plain.log_likelihood) <= 1e-12 * double(n) * (1 + std::abs(ll) / double(n)));
        }
    }
}

// Far from every component the slide's fraction pi N / sum pi N would be 0/0 in doubles; the plain version keeps
// the logarithms, so it still gives responsibilities that sum to 1 (and equal the fast ones).
BOOST_AUTO_TEST_CASE(e_step_plain_does_not_underflow_far_from_the_components) {
    const auto theta = dlc::make_mixture(dlc::Vector<double>{0.5, 0.5}, dlc::Matrix<double>{{0.0}, {1.0}},
                                         dlc::Tensor3<double>{{{0.01}}, {{0.01}}});
    const dlc::Matrix<double> X = {{40.0}, {-40.0}, {0.5}};
    const auto plain = dlc::e_step_plain(X, theta);
    // x = 40: log N(40 | 1, 0.01) - log N(40 | 0, 0.01) = ((40)^2 - (39)^2) / (2 * 0.01) = 79 / 0.02 = 3950,
    // so gamma_2 = 1 / (1 + e^-3950) = 1 and gamma_1 = e^-3950 = 0 in doubles; x = 0.5 is halfway: 1/2 each.
    BOOST_TEST(plain.responsibilities(0, 1) == 1.0);
    BOOST_TEST(plain.responsibilities(1, 0) == 1.0);
    BOOST_TEST(std::abs(plain.responsibilities(2, 0) - 0.5) < 1e-15);
    dlc::MixtureDensity fast(X);
    fast.evaluate(theta);
    BOOST_TEST(max_relative_diff(fast.responsibilities(), plain.responsibilities) < 1e-15);
    BOOST_TEST(std::isfinite(plain.log_likelihood));
}

// ------------------------------------------------------------------------------------------------ EM M-step

// The fast M-step takes three paths: d <= 4 written out (all components in two passes), d > 4 with a GEMM for
// the means and one symmetric rank update per block of rows (block_rows(6) = 5461: n = 6000 spans two blocks),
// and the diagonal/spherical loops. Every path against the plain sums, with and without reg_covar.
BOOST_AUTO_TEST_CASE(m_step_plain_equals_the_fast_m_step_on_every_path) {
    dlc::Rng rng(12);
    for (const auto& [n, d, k] : std::vector<std::array<std::size_t, 3>>{
             {200, 1, 2}, {300, 2, 3}, {250, 3, 2}, {400, 4, 4}, {6000, 6, 3}, {500, 9, 2}})
        for (auto type : {dlc::CovarianceType::full, dlc::CovarianceType::diagonal, dlc::CovarianceType::spherical})
            for (double reg : {0.0, 1e-3}) {
                dlc::Matrix<double> X = dlc::Matrix<double>::from_shape({n, d});
                for (auto& v : X) v = rng.normal(1.0, 2.0);
                const dlc::Matrix<double> gamma = random_responsibilities(n, k, rng);
                const auto fast = dlc::m_step(X, gamma, type, reg);
                const auto plain = dlc::m_step_plain(X, gamma, type, reg);
                BOOST_TEST_CONTEXT("n = " << n << ", d = " << d << ", k = " << k << ", "
                                          << dlc::to_string(type) << ", r = " << reg) {
                    BOOST_TEST(max_relative_diff(fast.weights, plain.weights) < 1e-13);
                    BOOST_TEST(max_relative_diff(fast.means, plain.means) < 1e-12);
                    BOOST_TEST(max_relative_diff(fast.covariances, plain.covariances) < 1e-12);
                    BOOST_TEST((plain.type == type));
                }
            }
}

// Hand-derived: points 0, 2 (weight 1 each on component 1) and 10 (on component 2) in one dimension:
// n_1 = 2, mu_1 = 1, Sigma_1 = ((0 - 1)^2 + (2 - 1)^2) / 2 = 1, pi_1 = 2/3; n_2 = 1, mu_2 = 10, Sigma_2 = 0 + r.
BOOST_AUTO_TEST_CASE(m_step_plain_by_hand_and_its_errors) {
    const dlc::Matrix<double> X = {{0.0}, {2.0}, {10.0}};
    const dlc::Matrix<double> gamma = {{1, 0}, {1, 0}, {0, 1}};
    const auto theta = dlc::m_step_plain(X, gamma, dlc::CovarianceType::full, 0.5);
    BOOST_TEST(theta.weights(0) == 2.0 / 3.0);
    BOOST_TEST(theta.means(0, 0) == 1.0);
    BOOST_TEST(theta.means(1, 0) == 10.0);
    BOOST_TEST(theta.covariances(0, 0, 0) == 1.5);  // 1 + r
    BOOST_TEST(theta.covariances(1, 0, 0) == 0.5);  // 0 + r
    BOOST_TEST((dlc_test::throws_with<dlc::DivergenceError>(
        [&] { dlc::m_step_plain(X, dlc::Matrix<double>{{1, 0}, {1, 0}, {1, 0}}); }, {"m_step_plain", "n_z = 0"})));
    BOOST_TEST((dlc_test::throws_with<dlc::ShapeError>([&] { dlc::m_step_plain(X, dlc::Matrix<double>{{1, 0}}); },
                                                       {"m_step_plain", "resp"})));
    BOOST_TEST((dlc_test::throws_with<dlc::ValueError>([&] { dlc::m_step_plain(X, gamma, dlc::CovarianceType::full, -1); },
                                                       {"m_step_plain", "reg_covar"})));
}

// ------------------------------------------------------------------------------------------ nearest centres

// Small problems (n k d <= 65536) use the direct formula; large ones the BLAS expansion with near-tie
// re-checks, in stripes over threads. Both against the plain loops, in double and in float, with exact ties
// (a duplicated centre: the lower index must win) and points exactly halfway between two centres.
template <class T>
void check_nearest(std::size_t n, std::size_t d, std::size_t k, std::uint64_t seed) {
    dlc::Rng rng(seed);
    dlc::Matrix<T> X = dlc::Matrix<T>::from_shape({n, d});
    for (auto& v : X) v = T(rng.uniform(0, 1));
    dlc::Matrix<T> M = dlc::Matrix<T>::from_shape({k, d});
    for (auto& v : M) v = T(rng.uniform(0, 1));
    xt::row(M, k - 1) = xt::row(M, 0);  // an exact tie: centre k-1 duplicates centre 0
    for (std::size_t i = 0; i < n; i += 7) xt::row(X, i) = (xt::row(M, 1) + xt::row(M, 2)) / T(2);  // halfway
    dlc::Labels fast_c;
    dlc::Vector<T> fast_d;
    dlc::NearestCentre<T> search(X);
    search.search(M, fast_c, fast_d);
    const auto plain = dlc::nearest_centres_plain(X, M);
    std::size_t differ = 0, wrong_tie = 0;
    for (std::size_t i = 0; i < n; ++i) {
        differ += fast_c(i) != plain.assignments(i);
        wrong_tie += plain.assignments(i) == k - 1;  // the duplicate never wins
    }
    BOOST_TEST_CONTEXT("n = " << n << ", d = " << d << ", k = " << k << ", " << sizeof(T) * 8 << "-bit, method "
                              << (search.last_method() == dlc::DistanceMethod::direct ? "direct" : "expansion")) {
        BOOST_TEST(differ == 0u);
        BOOST_TEST(wrong_tie == 0u);
        // Distances: the direct ones exactly; the expansion's to its error bound (2d + 4) eps (|x|^2 + max |mu|^2).
        const double eps = std::numeric_limits<T>::epsilon();
        double worst = 0;
        for (std::size_t i = 0; i < n; ++i)
            worst = std::max(worst, std::abs(double(fast_d(i)) - double(plain.sq_distances(i))));
        BOOST_TEST(worst <= (2.0 * double(d) + 4.0) * eps * 2.0 * double(d));
        if (search.last_method() == dlc::DistanceMethod::direct) BOOST_TEST(worst == 0.0);
    }
}

BOOST_AUTO_TEST_CASE(nearest_centres_plain_equals_the_fast_search) {
    check_nearest<double>(50, 2, 4, 1);        // direct
    check_nearest<double>(20000, 8, 10, 2);   // expansion, 4 stripes
    check_nearest<float>(20000, 64, 10, 3);   // expansion in float: near-ties re-checked
    check_nearest<float>(300, 784, 10, 4);    // MNIST-sized rows
}

// Hand-derived: x = (0, 0) is at squared distance 1 from (1, 0) and from (0, 1) (a tie: the first wins);
// x = (3, 0) is at (3 - 1)^2 = 4 from (1, 0) and 3^2 + 1^2 = 10 from (0, 1): the first centre, at 4.
BOOST_AUTO_TEST_CASE(nearest_centres_plain_by_hand_and_its_errors) {
    const dlc::Matrix<double> X = {{0, 0}, {3, 0}};
    const dlc::Matrix<double> M = {{1, 0}, {0, 1}};
    const auto r = dlc::nearest_centres_plain(X, M);
    BOOST_TEST(r.assignments(0) == 0u);
    BOOST_TEST(r.sq_distances(0) == 1.0);
    BOOST_TEST(r.assignments(1) == 0u);
    BOOST_TEST(r.sq_distances(1) == 4.0);
    BOOST_TEST((dlc_test::throws_with<dlc::ShapeError>([&] { dlc::nearest_centres_plain(X, dlc::Matrix<double>{{1, 0, 0}}); },
                                                       {"nearest_centres_plain", "centres"})));
}

// --------------------------------------------------------------------------------------------- optimizers

// 1100 coordinates (two full chunks of 512 and a tail of 76, not a multiple of 4) in two tensors, 25 steps with
// random gradients: the fast and plain optimizers from the same start must stay together.
template <class T>
double optimizer_gap(const std::function<std::unique_ptr<dlc::Optimizer<T>>(std::vector<dlc::Parameter<T>>)>& fast,
                     const std::function<std::unique_ptr<dlc::Optimizer<T>>(std::vector<dlc::Parameter<T>>)>& plain) {
    dlc::Rng rng(13);
    dlc::Tensor<T> a = dlc::Tensor<T>::from_shape({25, 40}), b = dlc::Tensor<T>::from_shape({100});
    for (auto& v : a) v = T(rng.normal());
    for (auto& v : b) v = T(rng.normal());
    dlc::Tensor<T> a2 = a, b2 = b, ga = xt::zeros_like(a), gb = xt::zeros_like(b), ga2 = ga, gb2 = gb;
    auto f = fast({{"a", &a, &ga}, {"b", &b, &gb}});
    auto p = plain({{"a", &a2, &ga2}, {"b", &b2, &gb2}});
    double gap = 0;
    for (int step = 0; step < 25; ++step) {
        for (std::size_t i = 0; i < ga.size(); ++i) ga2.flat(i) = ga.flat(i) = T(rng.normal() * (1 + i % 7));
        for (std::size_t i = 0; i < gb.size(); ++i) gb2.flat(i) = gb.flat(i) = T(step == 3 ? 0.0 : rng.normal() * 1e-3);
        f->step();
        p->step();
        gap = std::max({gap, max_relative_diff(a, a2), max_relative_diff(b, b2)});
    }
    BOOST_TEST(f->steps() == 25u);
    BOOST_TEST(p->steps() == 25u);
    return gap;
}

BOOST_AUTO_TEST_CASE(adam_plain_equals_adam) {
    using P = std::vector<dlc::Parameter<double>>;
    using F = std::vector<dlc::Parameter<float>>;
    const double gd = optimizer_gap<double>(
        [](P p) { return std::make_unique<dlc::Adam<double>>(std::move(p), 0.01, 0.9, 0.999, 1e-8); },
        [](P p) { return std::make_unique<dlc::AdamPlain<double>>(std::move(p), 0.01, 0.9, 0.999, 1e-8); });
    BOOST_TEST(gd < 1e-13);
    const double gf = optimizer_gap<float>(
        [](F p) { return std::make_unique<dlc::Adam<float>>(std::move(p), 0.01, 0.9, 0.999, 1e-8); },
        [](F p) { return std::make_unique<dlc::AdamPlain<float>>(std::move(p), 0.01, 0.9, 0.999, 1e-8); });
    BOOST_TEST(gf < 1e-5);
}

BOOST_AUTO_TEST_CASE(rmsprop_plain_equals_rmsprop) {
    using P = std::vector<dlc::Parameter<double>>;
    using F = std::vector<dlc::Parameter<float>>;
    const double gd = optimizer_gap<double>(
        [](P p) { return std::make_unique<dlc::RMSprop<double>>(std::move(p), 0.01, 0.1, 1e-8); },
        [](P p) { return std::make_unique<dlc::RMSpropPlain<double>>(std::move(p), 0.01, 0.1, 1e-8); });
    BOOST_TEST(gd < 1e-13);
    const double gf = optimizer_gap<float>(
        [](F p) { return std::make_unique<dlc::RMSprop<float>>(std::move(p), 0.01, 0.1, 1e-8); },
        [](F p) { return std::make_unique<dlc::RMSpropPlain<float>>(std::move(p), 0.01, 0.1, 1e-8); });
    BOOST_TEST(gf < 1e-5);
}

// Hand-derived first steps. Adam at t = 1: m_hat = g, v_hat = g^2, so theta moves by alpha g / (|g| + eps):
// from 1 with g = 4, alpha = 0.1: 1 - 0.1 * 4 / (4 + 1e-8) = 0.9 (to 1e-10). RMSprop with gamma = 0.1:
// s = 0.1 * 16 = 1.6, theta = 1 - 0.1 * 4 / sqrt(1.6 + 1e-8) = 1 - 0.4 / 1.26491... = 0.683772...
BOOST_AUTO_TEST_CASE(plain_optimizers_first_steps_by_hand) {
    dlc::Tensor<double> theta = {1.0}, g = {4.0}, theta2 = {1.0};
    dlc::AdamPlain<double> adam({{"theta", &theta, &g}}, 0.1);
    adam.step();
    BOOST_TEST(std::abs(theta(0) - 0.9) < 1e-9);
    dlc::RMSpropPlain<double> rms({{"theta", &theta2, &g}}, 0.1, 0.1, 1e-8);
    rms.step();
    BOOST_TEST(std::abs(theta2(0) - (1 - 0.4 / std::sqrt(1.6 + 1e-8))) < 1e-15);
    BOOST_TEST(std::abs(theta2(0) - 0.683772) < 1e-6);
    BOOST_TEST((dlc_test::throws_with<dlc::ValueError>([&] { dlc::AdamPlain<double>({{"t", &theta, &g}}, 0.1, 1.0); },
                                                       {"AdamPlain", "beta1"})));
    BOOST_TEST((dlc_test::throws_with<dlc::ValueError>([&] { dlc::RMSpropPlain<double>({{"t", &theta, &g}}, 0.1, 0.0); },
                                                       {"RMSpropPlain", "gamma"})));
}

BOOST_AUTO_TEST_SUITE_END()
