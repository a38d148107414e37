// Unit tests of lib/optim/train: XOR learned to zero error, divergence stopped with a diagnosis,
// reproducible shuffling, per-sample SGD equal to the notes' loop, the end-of-epoch risk, schedules
// and early stopping inside the loop, rank-4 inputs, and evaluate/predict.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "nn/linear.hpp"
#include "nn/relu.hpp"
#include "nn/sequential.hpp"
#include "nn/sigmoid.hpp"
#include "nn/softmax_cross_entropy.hpp"
#include "nn/squared_loss.hpp"
#include "optim/adam.hpp"
#include "optim/gd.hpp"
#include "optim/metrics.hpp"
#include "optim/schedule.hpp"
#include "optim/train.hpp"

#include <cmath>
#include <string>
#include <vector>

BOOST_AUTO_TEST_SUITE(optim_train)

namespace {

namespace tt = boost::test_tools;
using dlc::Tensor;

const Tensor<double> xor_X{{0, 0}, {0, 1}, {1, 0}, {1, 1}};
const Tensor<double> xor_Y = [] {  // (4, 1): one output per example
    Tensor<double> y = Tensor<double>::from_shape({4, 1});
    y(0, 0) = 0;
    y(1, 0) = 1;
    y(2, 0) = 1;
    y(3, 0) = 0;
    return y;
}();

// A test-local Flatten, (N, C, H, W) -> (N, C*H*W), to show that rank-4 batches flow through the
// module API and the training loop (lib/nn's own Flatten comes with the CNN layers).
class Flatten : public dlc::Module<double> {
public:
    const Tensor<double>& forward(const Tensor<double>& x) override {
        shape_ = x.shape();
        dlc::resize_buffer(out_, {x.shape(0), x.size() / x.shape(0)});
        std::copy(x.data(), x.data() + x.size(), out_.data());
        return out_;
    }
    const Tensor<double>& backward(const Tensor<double>& g) override {
        grad_in_.resize(shape_);
        std::copy(g.data(), g.data() + g.size(), grad_in_.data());
        return grad_in_;
    }
    std::string name() const override { return "Flatten"; }

private:
    Tensor<double>::shape_type shape_;
};

}  // namespace

BOOST_AUTO_TEST_CASE(xor_is_learned_to_zero_error) {
    // XOR is not linearly separable (the perceptron lecture); one hidden layer learns it.
    for (std::uint64_t seed : {1u, 2u, 3u}) {
        dlc::Rng rng(seed);
        dlc::Sequential<double> net;
        net.add<dlc::Linear<double>>(2, 4, rng, dlc::WeightInit::xavier(), dlc::WeightInit::zeros());
        net.add<dlc::Tanh<double>>();
        net.add<dlc::Linear<double>>(4, 1, rng, dlc::WeightInit::xavier(), dlc::WeightInit::zeros());
        net.add<dlc::Sigmoid<double>>();
        dlc::SquaredLoss<double> loss(dlc::SquaredConvention::mean);
        dlc::Adam<double> adam(net.parameters(), 0.05);
        dlc::TrainOptions<double> opt;
        opt.epochs = 1000;
        opt.batch_size = 0;  // the whole data set: gradient descent steps (here with Adam)
        opt.track_accuracy = true;
        const auto history = dlc::train(net, loss, adam, xor_X, xor_Y, rng, opt);
        BOOST_TEST(history.size() == 1000u);
        const auto out = dlc::predict(net, xor_X);
        BOOST_TEST_MESSAGE("seed " << seed << ": outputs " << out(0, 0) << " " << out(1, 0) << " " << out(2, 0)
                                   << " " << out(3, 0) << ", final loss " << history.back().loss);
        BOOST_TEST(dlc::count_correct(out, xor_Y) == 4u, "seed " << seed);
        BOOST_TEST(history.back().accuracy == 1.0);
        BOOST_TEST(history.back().loss < 0.01);
    }
}

BOOST_AUTO_TEST_CASE(xor_with_labels_and_softmax_cross_entropy) {
    dlc::Rng rng(4);
    dlc::Sequential<double> net;
    net.add<dlc::Linear<double>>(2, 8, rng);
    net.add<dlc::ReLU<double>>();
    net.add<dlc::Linear<double>>(8, 2, rng);
    dlc::SoftmaxCrossEntropy<double> ce;
    dlc::Adam<double> adam(net.parameters(), 0.05);
    dlc::TrainOptions<double> opt;
    opt.epochs = 300;
    opt.batch_size = 2;
    const dlc::Labels labels{0, 1, 1, 0};
    const auto history = dlc::train(net, ce, adam, xor_X, labels, rng, opt);
    const auto eval = dlc::evaluate(net, ce, xor_X, labels);
    BOOST_TEST(eval.accuracy == 1.0);
    BOOST_TEST(eval.examples == 4u);
    BOOST_TEST(history.back().accuracy == 1.0);
}

BOOST_AUTO_TEST_CASE(divergence_stops_training_with_a_diagnosis) {
    // Linear regression with a far too large step: the loss grows geometrically to inf/NaN.
    dlc::Rng rng(5);
    Tensor<double> X = Tensor<double>::from_shape({50, 3}), Y = Tensor<double>::from_shape({50, 1});
    for (auto& v : X) v = rng.normal(0, 3);
    for (std::size_t i = 0; i < 50; ++i) Y(i, 0) = X(i, 0) - 2 * X(i, 1) + 0.5;
    dlc::Linear<double> model(3, 1, rng);
    dlc::SquaredLoss<double> loss;
    dlc::GradientDescent<double> gd(model.parameters(), 1.0);
    dlc::TrainOptions<double> opt;
    opt.epochs = 100;
    opt.batch_size = 10;
    try {
        dlc::train(model, loss, gd, X, Y, rng, opt);
        BOOST_ERROR("training with eta = 1 should diverge");
    } catch (const dlc::DivergenceError& e) {
        const std::string what = e.what();
        BOOST_TEST_MESSAGE(what);
        BOOST_TEST(what.find("train: diverged at epoch ") == 0u);
        BOOST_TEST(what.find("SquaredLoss(sum)") != std::string::npos);
        BOOST_TEST(what.find("learning rate") != std::string::npos);
    }
    // The model is left in training mode with its input gradient restored.
    BOOST_TEST(model.input_grad_needed());
}

BOOST_AUTO_TEST_CASE(same_seed_same_training) {
    auto run = [](std::uint64_t seed) {
        dlc::Rng rng(seed);
        Tensor<float> X = Tensor<float>::from_shape({40, 3});
        for (auto& v : X) v = static_cast<float>(rng.normal());
        dlc::Labels y = dlc::Labels::from_shape({40});
        for (std::size_t i = 0; i < 40; ++i) y(i) = X(i, 0) + X(i, 1) > 0 ? 1 : 0;
        dlc::Sequential<float> net;
        net.add<dlc::Linear<float>>(3, 5, rng);
        net.add<dlc::ReLU<float>>();
        net.add<dlc::Linear<float>>(5, 2, rng);
        dlc::SoftmaxCrossEntropy<float> ce;
        dlc::Adam<float> adam(net.parameters(), 0.01);
        dlc::TrainOptions<float> opt;
        opt.epochs = 3;
        opt.batch_size = 8;
        dlc::train(net, ce, adam, X, y, rng, opt);
        return Tensor<float>(*net.parameters()[0].value);
    };
    const auto a = run(6), b = run(6), c = run(7);
    BOOST_TEST(a == b);
    BOOST_TEST(!(a == c));
}

BOOST_AUTO_TEST_CASE(per_sample_sgd_equals_the_notes_loop) {
    // HW5 (d): for each example in order, forward, backward, W <- W - eta grad_W; risk = MSE after
    // the epoch. train() with batch_size 1, no shuffling and risk_after_epoch does exactly that.
    auto build = [](dlc::Sequential<double>& net) {
        dlc::Rng rng(8);
        net.add<dlc::Linear<double>>(2, 3, rng, dlc::WeightInit::gaussian(0.1), dlc::WeightInit::gaussian(0.1));
        net.add<dlc::Sigmoid<double>>(5.0);
        net.add<dlc::Linear<double>>(3, 1, rng, dlc::WeightInit::gaussian(0.1), dlc::WeightInit::gaussian(0.1));
        net.add<dlc::Sigmoid<double>>(5.0);
    };
    dlc::Rng data(9);
    Tensor<double> X = Tensor<double>::from_shape({30, 2}), Y = Tensor<double>::from_shape({30, 1});
    for (auto& v : X) v = data.uniform(-2, 2);
    for (std::size_t i = 0; i < 30; ++i) Y(i, 0) = X(i, 0) * X(i, 1) > 0 ? 1 : 0;

    dlc::Sequential<double> a, b;
    build(a);
    build(b);
    dlc::SquaredLoss<double> loss;  // (f - y)^2
    dlc::GradientDescent<double> gd_a(a.parameters(), 0.01);
    dlc::TrainOptions<double> opt;
    opt.epochs = 3;
    opt.batch_size = 1;
    opt.shuffle = false;
    opt.risk_after_epoch = true;
    dlc::Rng unused(0);
    const auto history = dlc::train(a, loss, gd_a, X, Y, unused, opt);

    dlc::GradientDescent<double> gd_b(b.parameters(), 0.01);
    dlc::SquaredLoss<double> mse(dlc::SquaredConvention::mean);
    for (int epoch = 0; epoch < 3; ++epoch) {
        for (std::size_t i = 0; i < 30; ++i) {
            const Tensor<double> x = xt::view(X, xt::range(i, i + 1), xt::all());
            const Tensor<double> y = xt::view(Y, xt::range(i, i + 1), xt::all());
            gd_b.zero_grad();
            loss.forward(b.forward(x), y);
            b.backward(loss.backward());
            gd_b.step();
        }
        const double risk = mse.forward(b.forward(X), Y);  // sum (Y - Y_predicted)^2 / N
        BOOST_TEST(history[epoch].risk == risk, tt::tolerance(1e-12));
    }
    const auto pa = a.parameters(), pb = b.parameters();
    for (std::size_t k = 0; k < pa.size(); ++k)
        for (std::size_t j = 0; j < pa[k].value->size(); ++j)
            BOOST_TEST(pa[k].value->data()[j] == pb[k].value->data()[j], tt::tolerance(1e-13));
}

BOOST_AUTO_TEST_CASE(schedules_and_early_stopping_in_the_loop) {
    dlc::Rng rng(10);
    Tensor<double> X = Tensor<double>::from_shape({20, 2}), Y = Tensor<double>::from_shape({20, 1});
    for (auto& v : X) v = rng.normal();
    for (std::size_t i = 0; i < 20; ++i) Y(i, 0) = 2 * X(i, 0) - X(i, 1);
    dlc::Linear<double> model(2, 1, rng);
    dlc::SquaredLoss<double> loss(dlc::SquaredConvention::mean);
    dlc::GradientDescent<double> gd(model.parameters(), 0.1);
    dlc::StepDecay decay(0.5, 1);
    dlc::TrainOptions<double> opt;
    opt.epochs = 10;
    opt.schedule = &decay;
    opt.on_epoch = [](dlc::EpochStats& s) {
        s.metrics["twice_loss"] = 2 * s.loss;
        s.stop = s.epoch == 4;
    };
    const auto history = dlc::train(model, loss, gd, X, Y, rng, opt);
    BOOST_TEST(history.size() == 4u);
    BOOST_TEST(history[0].learning_rate == 0.1);
    BOOST_TEST(history[3].learning_rate == 0.0125);
    BOOST_TEST(history[2].metrics.at("twice_loss") == 2 * history[2].loss);
    BOOST_TEST(gd.learning_rate() == 0.00625);
}

BOOST_AUTO_TEST_CASE(rank4_inputs_flow_through_training) {
    // (N, 1, 2, 2) "images", classified by the sign of their pixel sum.
    dlc::Rng rng(11);
    Tensor<double> X = Tensor<double>::from_shape({64, 1, 2, 2});
    dlc::Labels y = dlc::Labels::from_shape({64});
    for (std::size_t n = 0; n < 64; ++n) {
        double s = 0;
        for (std::size_t j = 0; j < 4; ++j) s += X.data()[n * 4 + j] = rng.normal();
        y(n) = s > 0 ? 1 : 0;
    }
    dlc::Sequential<double> net;
    net.add<Flatten>();
    net.add<dlc::Linear<double>>(4, 2, rng);
    dlc::SoftmaxCrossEntropy<double> ce;
    dlc::Adam<double> adam(net.parameters(), 0.05);
    dlc::TrainOptions<double> opt;
    opt.epochs = 60;
    opt.batch_size = 16;
    dlc::train(net, ce, adam, X, y, rng, opt);
    const auto eval = dlc::evaluate(net, ce, X, y, 10);
    BOOST_TEST(eval.accuracy > 0.95);
    const auto out = dlc::predict(net, X, 10);
    BOOST_TEST(out.shape(0) == 64u);
    BOOST_TEST(out.shape(1) == 2u);
}

BOOST_AUTO_TEST_CASE(train_rejects_mismatched_data) {
    dlc::Rng rng(12);
    dlc::Linear<double> model(2, 1, rng);
    dlc::SquaredLoss<double> loss;
    dlc::GradientDescent<double> gd(model.parameters(), 0.1);
    try {
        dlc::train(model, loss, gd, Tensor<double>::from_shape({5, 2}), Tensor<double>::from_shape({4, 1}), rng);
        BOOST_ERROR("expected a ShapeError");
    } catch (const dlc::ShapeError& e) {
        BOOST_TEST(std::string(e.what()).find("X has 5 rows and the targets 4") != std::string::npos);
    }
}

BOOST_AUTO_TEST_SUITE_END()
