// L14 notes, "Training a CNN": max pooling's backward graph. For s = max(s1, s2) the derivative is 1
// for the larger input and 0 for the other ("if s1 > s2, the graph is equivalent to" s = s1), so the
// gradient of each pooled output goes back to the one input that won the max; average pooling is
// linear, s = (s1 + ... + s_m)/m, and spreads the gradient evenly, 1/m to each input (Bahng §3.2:
// "average pooling is linear", "max pooling is piecewise linear").
#include "cases.hpp"
#include "common.hpp"

#include "nn/gradcheck.hpp"
#include "nn/pooling.hpp"

#include <string>

namespace cnn_lecture {

void pooling_backward(dlc::Case& c) {
    auto& out = c.out();
    // The notes' 4x4 map x_1 ... x_16 (row by row) with numbers, pooled 2x2 with stride 2.
    const dlc::Matrix<double> x = {{1, 5, 2, 0}, {3, 4, 7, 6}, {8, 2, 1, 3}, {0, 6, 9, 4}};
    const dlc::Matrix<double> upstream = {{0.1, 0.2}, {0.3, 0.4}};  // dl/ds of the four pooled outputs
    const auto X = image({x});
    dlc::Tensor<double> G = dlc::Tensor<double>::from_shape({1, 1, 2, 2});
    xt::view(G, 0, 0, xt::all(), xt::all()) = upstream;

    dlc::MaxPool2d<double> maxpool(2);
    const dlc::Matrix<double> smax = channel(maxpool.forward(X), 0, 0);
    const dlc::Matrix<double> gmax = channel(maxpool.backward(G), 0, 0);
    out << "x (the notes' x_1 ... x_16, row by row):\n" << grid(x) << "2x2 max pooling, stride 2:\n" << grid(smax)
        << "The upstream gradient dl/ds:\n" << grid(upstream)
        << "Max pooling's backward: each dl/ds goes to the position of its block's maximum, 0 elsewhere:\n"
        << grid(gmax);
    out << "Winners (flat input index of each output's max, MaxPool2d::argmax): ";
    nlohmann::json winners = nlohmann::json::array();
    for (std::size_t k = 0; k < maxpool.argmax().size(); ++k) {
        const std::size_t idx = maxpool.argmax()[k];
        out << (k ? ", " : "") << "x_" << idx + 1 << " = " << exact_str(x.data()[idx]);
        winners.push_back(idx + 1);
    }
    out << "\n";

    dlc::AvgPool2d<double> avgpool(2);
    const dlc::Matrix<double> savg = channel(avgpool.forward(X), 0, 0);
    const dlc::Matrix<double> gavg = channel(avgpool.backward(G), 0, 0);
    out << "\n2x2 average pooling:\n" << grid(savg)
        << "Average pooling's backward: each dl/ds is shared equally, dl/ds / 4 to every input of its block:\n"
        << grid(gavg);

    // Both backward passes against central differences (x has no ties, so max is differentiable here).
    const auto cmax = dlc::gradcheck(maxpool, X), cavg = dlc::gradcheck(avgpool, X);
    const auto pixel = [](const std::string& t, std::size_t k) -> std::string {
        return t == "input" ? "x_" + std::to_string(k + 1) : "";
    };
    out << "Gradient checks, max pooling: " << dlc::gradcheck_sentence(cmax, pixel)
        << ".\nGradient checks, average pooling: " << dlc::gradcheck_sentence(cavg, pixel) << ".\n";
    if (cmax.max_relative_error > 1e-6 || cavg.max_relative_error > 1e-6)
        throw dlc::Error("pooling_backward", "gradient check failed");

    // A tie: two equal maxima. The derivative does not exist there; the layer picks one winner.
    const dlc::Matrix<double> tie = {{2, 2}, {1, 0}};
    dlc::MaxPool2d<double> tiepool(2);
    tiepool.forward(image({tie}));
    dlc::Tensor<double> one = dlc::Tensor<double>::from_shape({1, 1, 1, 1});
    one(0, 0, 0, 0) = 1;
    const dlc::Matrix<double> gtie = channel(tiepool.backward(one), 0, 0);
    out << "\nWith a tie, [2 2; 1 0]: max is not differentiable there; the layer sends the gradient to x_"
        << tiepool.argmax()[0] + 1 << " only:\n" << grid(gtie);

    c.set("x", matrix_json(x));
    c.set("max_pool", matrix_json(smax));
    c.set("max_pool_grad", matrix_json(gmax));
    c.set("max_pool_winners", winners);
    c.set("avg_pool", matrix_json(savg));
    c.set("avg_pool_grad", matrix_json(gavg));
    c.set("tie_grad", matrix_json(gtie));
    c.set("gradcheck_max", cmax.max_relative_error);
    c.set("gradcheck_avg", cavg.max_relative_error);
}

}  // namespace cnn_lecture
