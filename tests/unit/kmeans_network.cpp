// HW7 Q1's k-means network (lib/cluster/kmeans_network) and the last page's bias-variance trade-off
// (lib/cluster/minibatch_tradeoff): the backward pass against finite differences and against PyTorch (the committed
// fixture tests/fixtures/hw7_reference.json, written by tests/fixtures/make_hw7_fixture.py), the step factor of part
// (a) for each loss reduction derived by hand, the argmax winner, and the page's step sizes from its formulas.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"
#include "../fixture.hpp"

#include "cluster/kmeans.hpp"
#include "cluster/kmeans_network.hpp"
#include "cluster/minibatch_tradeoff.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"

#include <xtensor/xview.hpp>

#include <cmath>

BOOST_AUTO_TEST_SUITE(kmeans_network)

namespace {

namespace tt = boost::test_tools;

dlc::Matrix<double> matrix(const nlohmann::json& rows) { return dlc::Matrix<double>(dlc_test::tensor_from_json(rows)); }

double max_abs(const dlc::Matrix<double>& a, const dlc::Matrix<double>& b) {
    BOOST_TEST_REQUIRE(a.shape() == b.shape());
    double m = 0;
    for (std::size_t i = 0; i < a.size(); ++i) m = std::max(m, std::abs(a.data()[i] - b.data()[i]));
    return m;
}

dlc::Matrix<double> random_matrix(std::size_t r, std::size_t c, dlc::Rng& rng) {
    dlc::Matrix<double> M = dlc::Matrix<double>::from_shape({r, c});
    for (auto& v : M) v = rng.uniform();
    return M;
}

}  // namespace

// The forward pass, both losses, both gradients and the SGD steps agree with PyTorch's autograd on the fixture.
BOOST_AUTO_TEST_CASE(matches_pytorch) {
    const auto j = dlc_test::load_fixture("hw7_reference.json").at("q1");
    const dlc::Matrix<double> X = matrix(j.at("X")), C = matrix(j.at("C"));
    const double eta = j.at("eta").get<double>();
    dlc::KMeansNetwork<double> net(C, j.at("beta").get<double>());
    const auto& E = net.forward(X);
    BOOST_TEST(max_abs(net.fields(), matrix(j.at("V"))) < 1e-12);
    BOOST_TEST(max_abs(net.soft_assignments(), matrix(j.at("S"))) < 1e-12);
    BOOST_TEST(max_abs(E, matrix(j.at("E"))) < 1e-12);
    BOOST_TEST(net.loss(dlc::MseReduction::elements) == j.at("loss_mean").get<double>(), tt::tolerance(1e-12));
    BOOST_TEST(net.loss(dlc::MseReduction::batch) == j.at("loss_batch").get<double>(), tt::tolerance(1e-12));
    for (const auto& [r, grad, after] : {std::tuple{dlc::MseReduction::elements, "grad_mean", "C_after_mean"},
                                         {dlc::MseReduction::batch, "grad_batch", "C_after_batch"}}) {
        dlc::KMeansNetwork<double> step(C, j.at("beta").get<double>());
        step.forward(X);
        BOOST_TEST(max_abs(step.backward(r), matrix(j.at(grad))) < 1e-11, grad);
        step.sgd_step(eta);
        BOOST_TEST(max_abs(step.centres(), matrix(j.at(after))) < 1e-11, after);
    }
}

// The backward pass against central differences of the loss, for both reductions and a soft softmax (beta = 2, so the
// softmax path of the gradient matters).
BOOST_AUTO_TEST_CASE(gradient_matches_finite_differences) {
    dlc::Rng rng(3);
    const dlc::Matrix<double> X = random_matrix(7, 5, rng), C = random_matrix(3, 5, rng);
    for (const auto r : {dlc::MseReduction::elements, dlc::MseReduction::batch}) {
        dlc::KMeansNetwork<double> net(C, 2.0);
        net.forward(X);
        const dlc::Matrix<double> g = net.backward(r);
        const double h = 1e-6;
        double worst = 0;
        for (std::size_t i = 0; i < C.size(); ++i) {
            dlc::Matrix<double> Cp = C, Cm = C;
            Cp.data()[i] += h, Cm.data()[i] -= h;
            dlc::KMeansNetwork<double> p(Cp, 2.0), m(Cm, 2.0);
            p.forward(X), m.forward(X);
            const double fd = (p.loss(r) - m.loss(r)) / (2 * h);
            worst = std::max(worst, std::abs(fd - g.data()[i]) / std::max(1e-8, std::abs(fd)));
        }
        BOOST_TEST(worst < 1e-6, dlc::reduction_name(r) << ": worst relative error " << worst);
    }
}

// Part (a) by hand. With the softmax an argmax, R = C_{k(x)} and L = (1/Z) sum_n ||C_{k(n)} - x_n||^2, so
//   dL/dC_i = (2/Z) sum_{n in cell i} (C_i - x_n) = (2 n_i / Z)(C_i - m_i),
// and one SGD step C_i - eta dL/dC_i = (1 - 2 eta n_i / Z) C_i + (2 eta n_i / Z) m_i. With n_i = b/10:
//   Z = b (the batch mean):        2 eta (b/10) / b = eta/5              (0.9 for eta = 4.5)
//   Z = b d (PyTorch's MSELoss()): 2 eta (b/10) / (b d) = eta/(5 d)      (4.5 / 3920 for d = 784).
BOOST_AUTO_TEST_CASE(step_factor_by_hand) {
    BOOST_TEST(dlc::argmax_step_factor(4.5, 6.4, 64, 784, dlc::MseReduction::batch) == 0.9, tt::tolerance(1e-15));
    BOOST_TEST(dlc::argmax_step_factor(4.5, 6.4, 64, 784, dlc::MseReduction::elements) == 4.5 / 3920,
               tt::tolerance(1e-15));
    // The exact step on well-separated clusters (the softmax saturates) is the argmax form with the actual n_i.
    dlc::Rng rng(5);
    const std::size_t b = 12, d = 4;
    dlc::Matrix<double> C = {{0, 0, 0, 0}, {10, 10, 10, 10}, {-10, 10, -10, 10}};
    dlc::Matrix<double> X = dlc::Matrix<double>::from_shape({b, d});
    std::vector<double> n_i(3, 0);
    dlc::Matrix<double> m = xt::zeros<double>({std::size_t{3}, d});
    for (std::size_t n = 0; n < b; ++n) {
        const std::size_t k = n % 3 == 2 ? 0 : n % 3;  // cells of sizes 8, 4, 0
        for (std::size_t j = 0; j < d; ++j) X(n, j) = C(k, j) + rng.uniform(-0.5, 0.5);
        n_i[k] += 1;
        xt::row(m, k) += xt::row(X, n);
    }
    for (std::size_t k = 0; k < 3; ++k)
        if (n_i[k] > 0) xt::row(m, k) /= n_i[k];
    for (const auto r : {dlc::MseReduction::elements, dlc::MseReduction::batch}) {
        dlc::KMeansNetwork<double> net(C, 20);
        net.forward(X);
        net.backward(r);
        net.sgd_step(0.3);
        for (std::size_t k = 0; k < 3; ++k) {
            const double a = dlc::argmax_step_factor(0.3, n_i[k], b, d, r);
            for (std::size_t j = 0; j < d; ++j) {
                const double expected = (1 - a) * C(k, j) + a * (n_i[k] > 0 ? m(k, j) : C(k, j));
                BOOST_TEST(net.centres()(k, j) == expected, tt::tolerance(1e-9));
            }
        }
    }
}

// The network's winner argmax_i (x C_i^T - 1/2 ||C_i||^2) is the nearest centre (ECE/CS 559 L17/18).
BOOST_AUTO_TEST_CASE(winner_is_the_nearest_centre) {
    dlc::Rng rng(11);
    const dlc::Matrix<double> X = random_matrix(5000, 9, rng), C = random_matrix(6, 9, rng);
    const dlc::Labels a = dlc::KMeansNetwork<double>(C).assign(X), b = dlc::assign(X, C);
    BOOST_TEST(a == b);
}

BOOST_AUTO_TEST_CASE(bad_arguments_are_refused) {
    const dlc::Matrix<double> C = {{0, 1}, {1, 0}};
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::KMeansNetwork<double> n(C, 0); }, {"beta"});
    dlc_test::check_throws<dlc::ShapeError>([&] { dlc::KMeansNetwork<double> n(dlc::Matrix<double>::from_shape({0, 2})); }, {"centres"});
    dlc::KMeansNetwork<double> net(C);
    dlc_test::check_throws<dlc::ValueError>([&] { net.backward(dlc::MseReduction::batch); }, {"forward first"});
    dlc_test::check_throws<dlc::ShapeError>([&] { net.forward(dlc::Matrix<double>({{1, 2, 3}})); }, {"X", "(*, 2)"});
    dlc::Rng rng(0);
    dlc_test::check_throws<dlc::ValueError>(
        [&] { dlc::kmeans_network_epoch(net, dlc::Matrix<double>({{1, 2}}), 0, 1.0, dlc::MseReduction::batch, rng); },
        {"batch size"});
    dlc::Matrix<double> Cm = C;
    dlc_test::check_throws<dlc::ValueError>(
        [&] { dlc::minibatch_kmeans_epoch(Cm, dlc::Matrix<double>({{1, 2}}), 4, 1.5, rng); }, {"alpha"});
    dlc_test::check_throws<dlc::ValueError>([] { dlc::balance_eta(0.5); }, {"batch size"});
}

// The last page: at the balance eta, Bias^2 = Variance from the page's own formulas; at the best eta the derivative of
// Bias^2 + Variance (taken here by central differences) is 0; b = 64 gives the page's "around 4.5"; both grow to 5
// with b.
BOOST_AUTO_TEST_CASE(bias_variance_step_sizes) {
    const auto bias2 = [](double a) { return std::pow((1 - a) / a, 2); };
    const auto var = [](double a, double b) { return a * a / (1 - (1 - a) * (1 - a)) / b; };
    double previous = 0;
    for (const double b : {1.0, 16.0, 64.0, 256.0, 60000.0}) {
        const double a = dlc::balance_eta(b) / 5;
        BOOST_TEST(bias2(a) == var(a, b), tt::tolerance(1e-8));
        BOOST_TEST(dlc::tradeoff_variance(a, b) == var(a, b), tt::tolerance(1e-14));
        const double s = dlc::best_eta(b) / 5, h = 1e-6;
        const double slope = (bias2(s + h) + var(s + h, b) - bias2(s - h) - var(s - h, b)) / (2 * h);
        BOOST_TEST(std::abs(slope) < 1e-4, "b = " << b << ": slope " << slope);
        BOOST_TEST(dlc::balance_eta(b) > previous);
        previous = dlc::balance_eta(b);
    }
    BOOST_TEST(std::abs(dlc::balance_eta(64) - 4.5) < 0.05);
    BOOST_TEST(dlc::balance_eta(60000) > 4.95);
}

// With alpha = 1 and one batch holding all the data, the page's minibatch step is Lloyd's update.
BOOST_AUTO_TEST_CASE(minibatch_step_with_alpha_one_is_lloyd) {
    dlc::Rng rng(8);
    const dlc::Matrix<double> X = random_matrix(300, 3, rng), C0 = random_matrix(4, 3, rng);
    dlc::Matrix<double> C = C0;
    dlc::minibatch_kmeans_epoch(C, X, X.shape(0), 1.0, rng);
    const dlc::Matrix<double> lloyd = dlc::update(X, dlc::assign(X, C0), C0);
    BOOST_TEST(max_abs(C, lloyd) < 1e-12);
}

BOOST_AUTO_TEST_SUITE_END()
