// Mock final, Q3: a single-layer CNN takes a 2x2 image x and produces two 2x2 channels with kernels of
// width 1 and biases: f^k_ij = g(w_k x_ij + b_k), k = 1, 2. (b) asks for the backpropagation equations
// given dl/df^k_ij; the solution writes
//   dl/dw_k = sum_ij dl/df^k_ij * x_ij * g'(w_k x_ij + b_k),   dl/db_k = sum_ij dl/df^k_ij * g'(w_k x_ij + b_k),
// and, for the input (what a layer below would need),
//   dl/dx_ij = sum_k dl/df^k_ij * w_k * g'(w_k x_ij + b_k).
// Evaluated here with the sigmoid g and the loss l = 1/2 sum_k sum_ij (f^k_ij - t^k_ij)^2 on chosen
// numbers, and checked against Conv2d + Sigmoid + SquaredLoss backward and central differences.
#include "cases.hpp"
#include "common.hpp"

#include "nn/conv2d.hpp"
#include "nn/gradcheck.hpp"
#include "nn/sequential.hpp"
#include "nn/sigmoid.hpp"
#include "nn/squared_loss.hpp"
#include "report/table.hpp"

#include <cmath>
#include <string>

namespace cnn_lecture {

namespace {

double sigmoid(double v) { return 1.0 / (1.0 + std::exp(-v)); }

std::string matrix_inline(const dlc::Matrix<double>& M) {
    return "[" + dlc::fmt(M(0, 0)) + " " + dlc::fmt(M(0, 1)) + "; " + dlc::fmt(M(1, 0)) + " " + dlc::fmt(M(1, 1)) + "]";
}

}  // namespace

void mockfinal_q3(dlc::Case& c) { conv_backprop_1x1(c, ConvQuestion{}); }

void conv_backprop_1x1(dlc::Case& c, const ConvQuestion& q) {
    auto& out = c.out();
    // The numbers: an image, the two 1x1 kernels and biases, and targets for the loss.
    const dlc::Matrix<double>& x = q.x;
    const auto& w = q.w;
    const auto& b = q.b;
    const auto& target = q.target;
    if (x.shape() != std::array<std::size_t, 2>{2, 2} || target[0].shape() != x.shape() || target[1].shape() != x.shape())
        throw dlc::ValueError(c.id(), "Q3 needs a 2x2 image and 2x2 targets");
    out << "x = " << matrix_inline(x) << ", w = (" << dlc::fmt(w[0]) << ", " << dlc::fmt(w[1]) << "), b = ("
        << dlc::fmt(b[0]) << ", " << dlc::fmt(b[1]) << "), g = sigmoid (g' = g (1 - g)),\n"
        << "l = 1/2 sum_k sum_ij (f^k_ij - t^k_ij)^2 with t^1 = " << matrix_inline(target[0]) << ", t^2 = "
        << matrix_inline(target[1]) << ", so dl/df^k_ij = f^k_ij - t^k_ij.\n\n";

    // 1. By hand, the solution's equations.
    double f[2][2][2], dl_df[2][2][2], gprime[2][2][2];
    double dw[2] = {0, 0}, db[2] = {0, 0}, dx[2][2] = {{0, 0}, {0, 0}}, loss = 0;
    dlc::TextTable t({"k", "ij", "x_ij", "v = w_k x_ij + b_k", "f = g(v)", "dl/df", "g'(v)", "dl/df * g'(v)"});
    for (int k = 0; k < 2; ++k)
        for (int i = 0; i < 2; ++i)
            for (int j = 0; j < 2; ++j) {
                const double v = w[k] * x(i, j) + b[k];
                f[k][i][j] = sigmoid(v);
                gprime[k][i][j] = f[k][i][j] * (1 - f[k][i][j]);
                dl_df[k][i][j] = f[k][i][j] - target[k](i, j);
                loss += 0.5 * dl_df[k][i][j] * dl_df[k][i][j];
                const double delta = dl_df[k][i][j] * gprime[k][i][j];  // the notes' delta of neuron (k, i, j)
                dw[k] += delta * x(i, j);
                db[k] += delta;
                dx[i][j] += delta * w[k];
                t.row({std::to_string(k + 1), std::to_string(i) + std::to_string(j), dlc::fmt(x(i, j)), dlc::fmt(v),
                       dlc::fmt(f[k][i][j]), dlc::fmt(dl_df[k][i][j]), dlc::fmt(gprime[k][i][j]), dlc::fmt(delta)});
            }
    out << t.str() << "l = " << dlc::fmt(loss, 10) << "\n"
        << "dl/dw_k = sum_ij dl/df^k_ij x_ij g'(v^k_ij):  dl/dw_1 = " << dlc::fmt(dw[0], 10)
        << ", dl/dw_2 = " << dlc::fmt(dw[1], 10) << "\n"
        << "dl/db_k = sum_ij dl/df^k_ij g'(v^k_ij):       dl/db_1 = " << dlc::fmt(db[0], 10)
        << ", dl/db_2 = " << dlc::fmt(db[1], 10) << "\n"
        << "dl/dx_ij = sum_k dl/df^k_ij w_k g'(v^k_ij):   dl/dx = [" << dlc::fmt(dx[0][0], 10) << " "
        << dlc::fmt(dx[0][1], 10) << "; " << dlc::fmt(dx[1][0], 10) << " " << dlc::fmt(dx[1][1], 10) << "]\n";
    if (q.exam)
        c.erratum("the last step of dl/dw_1", "sum_j dl/df^1_ij x_ij g'(w_1 x_ij + b_1)",
                  "sum_ij dl/df^1_ij x_ij g'(w_1 x_ij + b_1)",
                  "the sum runs over all four pixels ij, as in the line before and in dl/dw_2");

    // 2. The library: Conv2d with K (2, 1, 1, 1) and b (2), then Sigmoid, then the half-sum squared loss.
    dlc::Tensor<double> K = dlc::Tensor<double>::from_shape({2, 1, 1, 1}), bias = dlc::Tensor<double>::from_shape({2});
    dlc::Tensor<double> T = dlc::Tensor<double>::from_shape({1, 2, 2, 2});
    for (int k = 0; k < 2; ++k) {
        K(k, 0, 0, 0) = w[k];
        bias(k) = b[k];
        xt::view(T, 0, k, xt::all(), xt::all()) = target[k];
    }
    dlc::Sequential<double> net;
    auto& conv = net.add<dlc::Conv2d<double>>(K, bias);
    net.add<dlc::Sigmoid<double>>();
    dlc::SquaredLoss<double> sq(dlc::SquaredConvention::half_sum);
    const auto X = image({x});
    const double lib_loss = sq.forward(net.forward(X), T);
    net.zero_grad();
    const auto& gx = net.backward(sq.backward());
    double err = std::abs(lib_loss - loss);
    for (int k = 0; k < 2; ++k) {
        err = std::max(err, std::abs(conv.grad_K()(k, 0, 0, 0) - dw[k]));
        err = std::max(err, std::abs(conv.grad_b()(k) - db[k]));
    }
    for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 2; ++j) err = std::max(err, std::abs(gx(0, 0, i, j) - dx[i][j]));
    out << "\nConv2d(1 -> 2, 1x1) + Sigmoid + SquaredLoss(half_sum), backward: largest difference from the hand "
           "equations = " << dlc::fmt(err, 3) << ".\n";
    if (err > 1e-12) throw dlc::Error("mockfinal_q3", "the library's backward disagrees with the equations by " +
                                                          dlc::fmt(err));

    // 3. Central differences of the whole thing, in every parameter and input pixel.
    const auto check = dlc::gradcheck(net, sq, X, T);
    out << "Gradient check (central differences of l): "
        << dlc::gradcheck_sentence(check, [](const std::string& t, std::size_t k) -> std::string {
               if (t == "0.K") return "w_" + std::to_string(k + 1);
               if (t == "0.b") return "b_" + std::to_string(k + 1);
               if (t == "input") return "x_" + std::to_string(k / 2) + std::to_string(k % 2);
               return "";
           })
        << ".\n";
    if (check.max_relative_error > 1e-6) throw dlc::Error("mockfinal_q3", "gradient check failed: " + check.str());

    c.set("x", matrix_json(x));
    c.set("targets", nlohmann::json::array({matrix_json(target[0]), matrix_json(target[1])}));
    c.set("w", nlohmann::json::array({w[0], w[1]}));
    c.set("b", nlohmann::json::array({b[0], b[1]}));
    c.set("loss", loss);
    c.set("dl_dw", nlohmann::json::array({dw[0], dw[1]}));
    c.set("dl_db", nlohmann::json::array({db[0], db[1]}));
    c.set("dl_dx", nlohmann::json::array({nlohmann::json::array({dx[0][0], dx[0][1]}),
                                          nlohmann::json::array({dx[1][0], dx[1][1]})}));
    c.set("library_max_difference", err);
    c.set("gradcheck_max_relative_error", check.max_relative_error);
}

}  // namespace cnn_lecture
