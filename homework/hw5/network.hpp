// HW5 Q2's two networks and its training, shared by the hw5 program, the tests and bench_hw5:
// - the "friend's network" of HW2 Q2 (step neurons, fixed weights) that labels the 1 000 points;
// - the student's network (sigmoid with slope a) trained on them with per-sample SGD, as HW5 (d) says,
//   or with one of the (f) "hacks".
#pragma once

#include "core/rng.hpp"
#include "core/tensor.hpp"
#include "nn/init.hpp"
#include "nn/sequential.hpp"
#include "optim/train.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace hw5 {

// ----------------------------------------------------------------------------- the friend's network
//
// HW5 Q2 says only "revisit the dataset you generated in HW2 Q2": 1 000 points labelled by a network with
// inputs x1, x2 and a bias input, 3 hidden step neurons and 1 step output. We do not have HW2, so we
// choose its weights: hidden neuron k fires (z_k = 1) on the half-plane W_k x + b_k >= 0, and the output
// u(z1 + z2 + z3 - 2.5) fires only when all three do. The positive region is the triangle with vertices
// (-1.5, -1), (1.5, -1) and (0, 1.5):
//   z1: x2 + 1 >= 0                 (above the base x2 = -1)
//   z2: -5 x1 - 3 x2 + 4.5 >= 0     (left of the edge through (1.5, -1) and (0, 1.5))
//   z3:  5 x1 - 3 x2 + 4.5 >= 0     (right of the edge through (-1.5, -1) and (0, 1.5))
// The bias input is the constant 1 whose weights are b; the points are uniform in the square
// [-2, 2]^2 (our choice too: HW5 does not say).

/// The friend's weights: W (3, 2), b (3), U (1, 3), c (1).
struct FriendWeights {
    dlc::Tensor<double> W, b, U, c;
};
FriendWeights friend_weights();

/// v_z = W x + b, z = u(v_z), v_f = U z + c, f = u(v_f) with the unit step u.
std::unique_ptr<dlc::Sequential<double>> friend_network();

/// The half-width of the square the points are drawn from: x uniform in [-2, 2]^2.
inline constexpr double square_half_width = 2.0;
/// The number of points HW5 says the friend gives us.
inline constexpr std::size_t friend_points = 1000;

/// The friend's data: X (n, 2), one point per row, and the labels Y (n, 1) in {0, 1}.
struct FriendData {
    dlc::Tensor<double> X, Y;
};

/// n points uniform in [-2, 2]^2 (x1 then x2 of each point, from `rng`), labelled by the friend's network.
FriendData friend_data(dlc::Rng& rng, std::size_t n = friend_points);

// ----------------------------------------------------------------------------- the student's network

/// One training setting of HW5 (d) and the (f) hacks. The defaults are (d): a = 5, 3 hidden units,
/// i.i.d. N(0, 0.1^2) weights and biases, per-sample SGD in data order with eta = 0.01, 100 epochs.
struct Setting {
    std::string name = "baseline";   // short id used in the JSON
    std::string label = "baseline: a = 5, eta = 0.01, per-sample SGD, N(0, 0.1^2)";
    double slope = 5.0;              // a in phi(v) = 1 / (1 + exp(-a v))
    std::size_t hidden = 3;          // units in the hidden layer
    dlc::WeightInit init = dlc::WeightInit::gaussian(0.1);
    double eta = 0.01;               // the (initial) learning rate
    bool adaptive_eta = false;       // eta <- 0.9 eta when the epoch's MSE rose
    std::size_t batch = 1;           // 1: per-sample SGD; B > 1: minibatches with averaged gradients
    std::size_t epochs = 100;
};

/// v_z = W x + b, z = phi(v_z), v_f = U z + c, f = phi(v_f): Linear(2 -> hidden), Sigmoid(a),
/// Linear(hidden -> 1), Sigmoid(a), with W, b, U, c drawn in that order from `init`.
std::unique_ptr<dlc::Sequential<double>> student_network(std::size_t hidden, double slope, const dlc::WeightInit& init,
                                                         dlc::Rng& rng);

/// What training measured: the MSE (1/N) sum (y - f)^2 at the end of every epoch (HW5's risk[epoch]) and the
/// learning rate each epoch used.
struct Run {
    std::vector<double> mse;
    std::vector<double> eta;
    double final_mse() const { return mse.back(); }
};

/// Trains `net` on the data as the setting says: squared loss (f - y)^2 per example (summed over a batch of
/// 1, averaged over a minibatch), plain gradient descent steps, the examples in data order, the MSE after
/// every epoch. Throws dlc::DivergenceError if the MSE becomes NaN/Inf.
Run train_student(dlc::Sequential<double>& net, const FriendData& data, const Setting& setting, dlc::Rng& rng,
                  bool progress = false);

/// The network's outputs f(x) for every row of X, as a flat vector.
std::vector<double> outputs(dlc::Sequential<double>& net, const dlc::Tensor<double>& X);

}  // namespace hw5
