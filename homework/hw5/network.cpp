#include "network.hpp"

#include "nn/linear.hpp"
#include "nn/sigmoid.hpp"
#include "nn/squared_loss.hpp"
#include "nn/step.hpp"
#include "optim/gd.hpp"
#include "optim/schedule.hpp"

namespace hw5 {

FriendWeights friend_weights() {
    FriendWeights w;
    w.W = dlc::Tensor<double>{{0.0, 1.0}, {-5.0, -3.0}, {5.0, -3.0}};  // one hidden neuron per row
    w.b = dlc::Tensor<double>{1.0, 4.5, 4.5};                          // the bias input's weights
    w.U = dlc::Tensor<double>{{1.0, 1.0, 1.0}};
    w.c = dlc::Tensor<double>{-2.5};  // fires iff z1 + z2 + z3 >= 2.5: all three
    return w;
}

std::unique_ptr<dlc::Sequential<double>> friend_network() {
    FriendWeights w = friend_weights();
    auto net = std::make_unique<dlc::Sequential<double>>();
    net->add<dlc::Linear<double>>(w.W, w.b);  // v_z = W x + b
    net->add<dlc::Step<double>>();            // z = u(v_z)
    net->add<dlc::Linear<double>>(w.U, w.c);  // v_f = U z + c
    net->add<dlc::Step<double>>();            // f = u(v_f)
    return net;
}

FriendData friend_data(dlc::Rng& rng, std::size_t n) {
    FriendData d;
    d.X = dlc::Tensor<double>::from_shape({n, 2});
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < 2; ++j) d.X(i, j) = rng.uniform(-square_half_width, square_half_width);
    auto net = friend_network();
    d.Y = dlc::predict(*net, d.X);  // (n, 1) labels in {0, 1}
    return d;
}

std::unique_ptr<dlc::Sequential<double>> student_network(std::size_t hidden, double slope, const dlc::WeightInit& init,
                                                         dlc::Rng& rng) {
    auto net = std::make_unique<dlc::Sequential<double>>();
    net->add<dlc::Linear<double>>(2, hidden, rng, init, init);  // W (hidden, 2), b (hidden)
    net->add<dlc::Sigmoid<double>>(slope);                      // z = phi(v_z)
    net->add<dlc::Linear<double>>(hidden, 1, rng, init, init);  // U (1, hidden), c (1)
    net->add<dlc::Sigmoid<double>>(slope);                      // f = phi(v_f)
    return net;
}

Run train_student(dlc::Sequential<double>& net, const FriendData& data, const Setting& setting, dlc::Rng& rng,
                  bool progress) {
    // l = (f - y)^2 for one example (HW5 (c)); a minibatch averages: l = (1/B) sum (f_i - y_i)^2, whose
    // gradient is the average of the examples' gradients (the solution's grad_W / batch_size).
    dlc::SquaredLoss<double> loss(setting.batch == 1 ? dlc::SquaredConvention::sum : dlc::SquaredConvention::mean);
    dlc::GradientDescent<double> sgd(net.parameters(), setting.eta);  // W <- W - eta grad_W, etc.
    dlc::DecayOnIncrease decay(0.9);                                  // eta <- 0.9 eta if the MSE rose

    dlc::TrainOptions<double> o;
    o.epochs = setting.epochs;
    o.batch_size = setting.batch;
    o.shuffle = false;                            // HW5's inner loop: i = 0, ..., N - 1
    o.risk_after_epoch = true;                    // risk[epoch] = sum((Y - Y_predicted)^2) / N
    o.eval_batch_size = data.X.shape(0);          // the whole data set in one forward pass
    o.divergence_factor = 0;                      // MSE <= 1 always; only NaN/Inf would be divergence
    o.schedule = setting.adaptive_eta ? &decay : nullptr;
    o.progress = progress;
    o.label = setting.name;

    Run run;
    for (const auto& e : dlc::train(net, loss, sgd, data.X, data.Y, rng, o)) {
        run.mse.push_back(e.risk);
        run.eta.push_back(e.learning_rate);
    }
    return run;
}

std::vector<double> outputs(dlc::Sequential<double>& net, const dlc::Tensor<double>& X) {
    const dlc::Tensor<double> f = dlc::predict(net, X);
    return std::vector<double>(f.begin(), f.end());
}

}  // namespace hw5
