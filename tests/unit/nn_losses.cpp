// Unit tests of lib/nn's losses and penalties: values under each convention, the gradients by the
// numerical checker (relative error < 1e-6 in double), the softmax cross-entropy shortcut
// delta = a - y, whole networks with their loss, and the errors naming shapes.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"
#include "nn/binary_cross_entropy.hpp"
#include "nn/gradcheck.hpp"
#include "nn/linear.hpp"
#include "nn/penalty.hpp"
#include "nn/relu.hpp"
#include "nn/sequential.hpp"
#include "nn/sigmoid.hpp"
#include "nn/softmax.hpp"
#include "nn/softmax_cross_entropy.hpp"
#include "nn/squared_loss.hpp"

#include <cmath>
#include <string>
#include <vector>

BOOST_AUTO_TEST_SUITE(nn_losses)

namespace {

namespace tt = boost::test_tools;
using dlc::Tensor;

constexpr double tolerance = 1e-6;

Tensor<double> uniform(const dlc::Shape& shape, dlc::Rng& rng, double lo = -1, double hi = 1) {
    Tensor<double> t = Tensor<double>::from_shape(shape);
    for (std::size_t i = 0; i < t.size(); ++i) t.data()[i] = rng.uniform(lo, hi);
    return t;
}

// A column (n, 1): one output per example.
Tensor<double> column(std::initializer_list<double> values) {
    Tensor<double> t = Tensor<double>::from_shape({values.size(), 1});
    std::copy(values.begin(), values.end(), t.data());
    return t;
}

// Rows of non-negative numbers summing to 1.
Tensor<double> probability_rows(std::size_t n, std::size_t k, dlc::Rng& rng) {
    Tensor<double> p = uniform({n, k}, rng, 0.05, 1);
    for (std::size_t i = 0; i < n; ++i) {
        double s = 0;
        for (std::size_t j = 0; j < k; ++j) s += p(i, j);
        for (std::size_t j = 0; j < k; ++j) p(i, j) /= s;
    }
    return p;
}

template <class R>
void check(const R& r, const std::string& what) {
    BOOST_TEST_MESSAGE(what << ": " << r.str());
    BOOST_TEST(r.entries > 0u);
    BOOST_TEST(r.max_relative_error < tolerance, what << ": " << r.str());
}

}  // namespace

using dlc_test::check_throws;

// ---------------------------------------------------------------- squared loss

BOOST_AUTO_TEST_CASE(squared_loss_conventions) {
    // f - y = [[1, 0], [2, 3]]: sum of squares 14 over N = 2 examples, K = 2 outputs.
    const Tensor<double> f{{1, 2}, {3, 4}}, y{{0, 2}, {1, 1}};
    using C = dlc::SquaredConvention;
    const std::vector<std::pair<C, double>> cases{
        {C::sum, 14.0}, {C::half_sum, 7.0}, {C::mean, 7.0}, {C::mean_elements, 3.5}};
    for (const auto& [convention, value] : cases) {
        dlc::SquaredLoss<double> loss(convention);
        BOOST_TEST(loss.forward(f, y) == value, tt::tolerance(1e-15));
        const double c = value / 14.0;
        const auto& g = loss.backward();  // 2 c (f - y)
        BOOST_TEST(g(1, 1) == 2 * c * 3, tt::tolerance(1e-15));
        BOOST_TEST(g(0, 1) == 0.0);
    }
    // The notes' per-example loss (f - y)^2 and dloss_df = -2 (y - f) (HW5 Q2 (c)).
    dlc::SquaredLoss<double> notes;
    BOOST_TEST(notes.name() == "SquaredLoss(sum)");
    BOOST_TEST(notes.forward(column({0.25}), column({1.0})) == 0.5625);
    BOOST_TEST(notes.backward()(0, 0) == -2 * (1.0 - 0.25));
}

BOOST_AUTO_TEST_CASE(squared_loss_gradient_checks) {
    dlc::Rng rng(1);
    const auto f = uniform({4, 3}, rng), y = uniform({4, 3}, rng);
    for (auto c : {dlc::SquaredConvention::sum, dlc::SquaredConvention::half_sum, dlc::SquaredConvention::mean,
                   dlc::SquaredConvention::mean_elements}) {
        dlc::SquaredLoss<double> loss(c);
        check(dlc::gradcheck(loss, f, y), loss.name());
    }
}

// ---------------------------------------------------------------- binary cross-entropy

BOOST_AUTO_TEST_CASE(binary_cross_entropy_values) {
    dlc::BinaryCrossEntropy<double> bce(dlc::Reduction::sum);
    // -[log 0.8 + log(1 - 0.4)]
    BOOST_TEST(bce.forward(column({0.8, 0.4}), column({1, 0})) ==
                   -(std::log(0.8) + std::log(0.6)),
               tt::tolerance(1e-14));
    // The same with labels, and with the mean.
    dlc::BinaryCrossEntropy<double> mean;
    dlc::Labels labels{1, 0};
    BOOST_TEST(mean.forward(column({0.8, 0.4}), labels) == -(std::log(0.8) + std::log(0.6)) / 2,
               tt::tolerance(1e-14));
    // Logits: the same value as probabilities sigma(v), and the shortcut sigma(v) - y.
    dlc::BinaryCrossEntropy<double> logits(dlc::Reduction::sum, dlc::BceInput::logits);
    const Tensor<double> v{{2.0, -1.0}, {-30.0, 30.0}}, y{{1, 0}, {0.5, 1}};
    Tensor<double> p = v;
    for (auto& x : p) x = 1 / (1 + std::exp(-x));
    dlc::BinaryCrossEntropy<double> probs(dlc::Reduction::sum);
    const double lp = probs.forward(Tensor<double>{{p(0, 0), p(0, 1)}}, Tensor<double>{{1, 0}});
    BOOST_TEST(logits.forward(Tensor<double>{{2.0, -1.0}}, Tensor<double>{{1, 0}}) == lp, tt::tolerance(1e-12));
    logits.forward(v, y);
    const auto& g = logits.backward();
    for (std::size_t i = 0; i < g.size(); ++i) BOOST_TEST(g.data()[i] == p.data()[i] - y.data()[i], tt::tolerance(1e-14));
    BOOST_TEST(std::isfinite(logits.forward(column({1000.0}), column({0.0}))));
}

BOOST_AUTO_TEST_CASE(binary_cross_entropy_gradient_checks) {
    dlc::Rng rng(2);
    const auto f = uniform({4, 2}, rng, 0.05, 0.95), y = uniform({4, 2}, rng, 0, 1);
    dlc::BinaryCrossEntropy<double> probs;
    check(dlc::gradcheck(probs, f, y), probs.name());
    dlc::BinaryCrossEntropy<double> logits(dlc::Reduction::sum, dlc::BceInput::logits);
    check(dlc::gradcheck(logits, uniform({4, 2}, rng, -3, 3), y), logits.name());
    dlc::Labels labels{0, 1, 1, 0};
    check(dlc::gradcheck(probs, uniform({4, 1}, rng, 0.05, 0.95), labels), probs.name() + " with labels");
}

// ---------------------------------------------------------------- softmax cross-entropy

BOOST_AUTO_TEST_CASE(softmax_cross_entropy_value_and_shortcut) {
    dlc::SoftmaxCrossEntropy<double> ce(dlc::Reduction::sum);
    const Tensor<double> v{{1, 2, 3}, {0, 0, 0}};
    const dlc::Labels labels{2, 0};
    const double z0 = std::exp(1.0) + std::exp(2.0) + std::exp(3.0);
    BOOST_TEST(ce.forward(v, labels) == -(3 - std::log(z0)) + std::log(3.0), tt::tolerance(1e-14));
    // delta = a - y
    const auto& g = ce.backward();
    const auto& a = ce.probabilities();
    BOOST_TEST(g(0, 2) == a(0, 2) - 1, tt::tolerance(1e-15));
    BOOST_TEST(g(0, 0) == a(0, 0), tt::tolerance(1e-15));
    BOOST_TEST(g(1, 1) == 1.0 / 3, tt::tolerance(1e-15));
    // Huge logits do not overflow.
    BOOST_TEST(std::isfinite(ce.forward(Tensor<double>{{1000, -1000, 0}}, dlc::Labels{1})));
}

BOOST_AUTO_TEST_CASE(softmax_cross_entropy_equals_softmax_then_cross_entropy) {
    // The shortcut a - y is the chain rule through the Softmax module with grad_a = -y / a.
    dlc::Rng rng(3);
    const auto v = uniform({3, 4}, rng, -2, 2);
    const auto y = probability_rows(3, 4, rng);
    dlc::SoftmaxCrossEntropy<double> ce(dlc::Reduction::sum);
    ce.forward(v, y);
    const Tensor<double> shortcut = ce.backward();
    dlc::Softmax<double> softmax;
    const auto& a = softmax.forward(v);
    Tensor<double> grad_a = a;
    for (std::size_t i = 0; i < a.size(); ++i) grad_a.data()[i] = -y.data()[i] / a.data()[i];
    const auto& chain = softmax.backward(grad_a);
    for (std::size_t i = 0; i < chain.size(); ++i) BOOST_TEST(chain.data()[i] == shortcut.data()[i], tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(softmax_cross_entropy_gradient_checks) {
    dlc::Rng rng(4);
    const auto v = uniform({5, 4}, rng, -2, 2);
    dlc::SoftmaxCrossEntropy<double> mean;
    check(dlc::gradcheck(mean, v, probability_rows(5, 4, rng)), "SoftmaxCrossEntropy(mean), probabilities");
    check(dlc::gradcheck(mean, v, dlc::Labels{0, 3, 1, 1, 2}), "SoftmaxCrossEntropy(mean), labels");
    dlc::SoftmaxCrossEntropy<double> sum(dlc::Reduction::sum);
    check(dlc::gradcheck(sum, v, dlc::Labels{3, 3, 0, 1, 2}), "SoftmaxCrossEntropy(sum), labels");
}

BOOST_AUTO_TEST_CASE(loss_errors_name_the_shapes) {
    dlc::SquaredLoss<double> sq;
    check_throws<dlc::ShapeError>([&] { sq.forward(Tensor<double>::from_shape({4, 2}), Tensor<double>::from_shape({4, 3})); },
                                  {"SquaredLoss(sum)::forward", "(4, 2)", "(4, 3)"});
    check_throws<dlc::ValueError>([&] { sq.forward(Tensor<double>::from_shape({4, 2}), dlc::Labels{0, 1, 0, 1}); },
                                  {"SquaredLoss(sum)::forward", "labels"});
    dlc::SoftmaxCrossEntropy<double> ce;
    check_throws<dlc::ValueError>([&] { ce.forward(Tensor<double>{{0, 0, 0}}, dlc::Labels{3}); },
                                  {"SoftmaxCrossEntropy(mean)::forward", "label 3", "K = 3"});
    check_throws<dlc::ShapeError>([&] { ce.forward(Tensor<double>{{0, 0, 0}}, dlc::Labels{1, 2}); },
                                  {"2 labels", "1 rows"});
    dlc::SquaredLoss<double> fresh;
    check_throws<dlc::Error>([&] { fresh.backward(); }, {"SquaredLoss(sum)::backward", "before forward"});
}

// ---------------------------------------------------------------- networks with their loss

BOOST_AUTO_TEST_CASE(network_with_loss_gradient_checks) {
    dlc::Rng rng(5);
    // HW5's architecture: 2 inputs, 3 sigmoid (a = 5) hidden units, 1 sigmoid output, squared loss.
    dlc::Sequential<double> hw5;
    hw5.add<dlc::Linear<double>>(2, 3, rng, dlc::WeightInit::gaussian(0.5), dlc::WeightInit::gaussian(0.5));
    hw5.add<dlc::Sigmoid<double>>(5.0);
    hw5.add<dlc::Linear<double>>(3, 1, rng, dlc::WeightInit::gaussian(0.5), dlc::WeightInit::gaussian(0.5));
    hw5.add<dlc::Sigmoid<double>>(5.0);
    dlc::SquaredLoss<double> sq;
    check(dlc::gradcheck(hw5, sq, uniform({6, 2}, rng), uniform({6, 1}, rng, 0, 1)), "HW5 network, squared loss");
    // A classifier: Linear-ReLU-Linear with softmax cross-entropy on one-hot targets.
    dlc::Sequential<double> clf;
    clf.add<dlc::Linear<double>>(5, 8, rng, dlc::WeightInit::kaiming(), dlc::WeightInit::gaussian(0.1));
    clf.add<dlc::ReLU<double>>();
    clf.add<dlc::Linear<double>>(8, 3, rng, dlc::WeightInit::kaiming(), dlc::WeightInit::gaussian(0.1));
    Tensor<double> onehot = xt::zeros<double>({4, 3});
    onehot(0, 1) = onehot(1, 0) = onehot(2, 2) = onehot(3, 1) = 1;
    dlc::SoftmaxCrossEntropy<double> ce;
    check(dlc::gradcheck(clf, ce, uniform({4, 5}, rng), onehot), "ReLU classifier, softmax cross-entropy");
}

// ---------------------------------------------------------------- penalties

BOOST_AUTO_TEST_CASE(l2_and_l1_penalties) {
    dlc::Linear<double> layer(Tensor<double>{{1, -2}, {0, 3}}, Tensor<double>{5, -5});
    const auto params = layer.parameters();
    dlc::L2Penalty<double> l2(0.1);
    BOOST_TEST(l2.value(params) == 0.1 * (1 + 4 + 0 + 9), tt::tolerance(1e-15));  // biases skipped
    l2.add_gradient(params);  // grad_W += 2 lambda W
    BOOST_TEST(layer.grad_W()(0, 1) == -0.4, tt::tolerance(1e-15));
    BOOST_TEST(layer.grad_b()(0) == 0.0);
    layer.zero_grad();
    dlc::L1Penalty<double> l1(0.5, true);
    BOOST_TEST(l1.value(params) == 0.5 * (1 + 2 + 0 + 3 + 5 + 5), tt::tolerance(1e-15));
    l1.add_gradient(params);  // + lambda sign(w), sign(0) = 0
    BOOST_TEST(layer.grad_W()(0, 1) == -0.5);
    BOOST_TEST(layer.grad_W()(1, 0) == 0.0);
    BOOST_TEST(layer.grad_b()(1) == -0.5);
    check_throws<dlc::ValueError>([] { dlc::L2Penalty<double>(-1.0); }, {"lambda"});
}

BOOST_AUTO_TEST_CASE(penalty_gradient_checks) {
    dlc::Rng rng(6);
    dlc::Linear<double> layer(3, 4, rng, dlc::WeightInit::gaussian(1.0), dlc::WeightInit::gaussian(1.0));
    check(dlc::gradcheck(dlc::L2Penalty<double>(0.3), layer.parameters()), "L2(0.3)");
    check(dlc::gradcheck(dlc::L1Penalty<double>(0.3, true), layer.parameters()), "L1(0.3) with biases");
}

BOOST_AUTO_TEST_SUITE_END()
