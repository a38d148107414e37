// L8 handwritten notes, "Example g(.)": the sigmoid with slope a, g(v) = 1 / (1 + e^{-a v}), with
//   g'(v) = a e^{-a v} / (1 + e^{-a v})^2 = a g(v) (1 - g(v)),
// and ReLU, g(v) = v for v >= 0 and 0 otherwise, with g'(v) = 1 for v >= 0 and 0 otherwise (= step(v)).
// Both at v = -2, -0.3, 0, 0.7, 3 (a = 1 and 5) against central differences.
#include "cases.hpp"
#include "common.hpp"

#include "neuron/activation.hpp"
#include "nn/relu.hpp"
#include "report/table.hpp"

#include <cmath>
#include <string>

namespace perceptron_lecture {

void activation_derivatives(dlc::Case& c) {
    auto& out = c.out();
    const double vs[] = {-2, -0.3, 0, 0.7, 3};
    const double h = 1e-6;
    out << "Central differences (g(v + h) - g(v - h)) / 2h with h = 1e-6.\n\nSigmoid with slope a: g(v) = 1 / (1 + "
           "e^{-a v}), the notes' g'(v) = a e^{-a v} / (1 + e^{-a v})^2 = a g(v) (1 - g(v)).\n";
    dlc::TextTable s({"a", "v", "g(v)", "a e^{-av} / (1 + e^{-av})^2", "a g (1 - g)", "central difference",
                      "max |difference|"});
    nlohmann::json sig = nlohmann::json::array();
    double worst_sigmoid = 0;
    for (double a : {1.0, 5.0})
        for (double v : vs) {
            const double g = dlc::logistic(v, a);
            const double first = a * std::exp(-a * v) / std::pow(1 + std::exp(-a * v), 2);
            const double second = a * g * (1 - g);
            const double library = dlc::logistic_derivative(v, a);
            const double numeric = (dlc::logistic(v + h, a) - dlc::logistic(v - h, a)) / (2 * h);
            const double diff = std::max({std::abs(first - numeric), std::abs(second - numeric),
                                          std::abs(library - numeric)});
            worst_sigmoid = std::max(worst_sigmoid, diff);
            s.row({dlc::fmt(a), dlc::fmt(v), dlc::fmt(g, 8), dlc::fmt(first, 8), dlc::fmt(second, 8),
                   dlc::fmt(numeric, 8), dlc::fmt(diff, 2)});
            sig.push_back({{"a", a}, {"v", v}, {"g", g}, {"derivative", second}, {"central_difference", numeric}});
        }
    out << s.str();
    c.set("sigmoid", sig);
    c.set("sigmoid_max_difference", worst_sigmoid);
    if (worst_sigmoid < 1e-8)
        c.agrees("the sigmoid's derivative g'(v) (a = 1 and 5)",
                 "a e^{-av} / (1 + e^{-av})^2 = a g(v) (1 - g(v)), within " + dlc::fmt(worst_sigmoid, 2) +
                     " of central differences");

    out << "\nReLU: g(v) = v for v >= 0, 0 otherwise; the notes' g'(v) = step(v) = 1 for v >= 0, 0 otherwise.\n";
    dlc::ReLU<double> relu;
    dlc::TextTable r({"v", "g(v)", "g'(v) (notes, library)", "central difference", "left difference",
                      "right difference"});
    nlohmann::json rj = nlohmann::json::array();
    bool away_from_zero_agree = true;
    for (double v : vs) {
        const double g = relu.value(v), d = relu.derivative(v);
        const double central = (relu.value(v + h) - relu.value(v - h)) / (2 * h);
        const double left = (relu.value(v) - relu.value(v - h)) / h, right = (relu.value(v + h) - relu.value(v)) / h;
        if (v != 0) away_from_zero_agree = away_from_zero_agree && std::abs(central - d) < 1e-9;
        r.row({dlc::fmt(v), dlc::fmt(g), dlc::fmt(d), dlc::fmt(central, 8), dlc::fmt(left, 8), dlc::fmt(right, 8)});
        rj.push_back({{"v", v}, {"g", g}, {"derivative", d}, {"central_difference", central}, {"left", left},
                      {"right", right}});
    }
    out << r.str()
        << "Away from 0 the derivative is 0 or 1 and the differences agree. At v = 0 ReLU has no derivative: the left "
           "slope is 0, the right slope 1, and the central difference 1/2. The notes take g'(0) = step(0) = 1 (the "
           "right derivative); the library's ReLU does the same.\n";
    c.set("relu", rj);
    c.set("relu_agrees_away_from_zero", away_from_zero_agree);
    c.set("relu_derivative_at_zero", relu.derivative(0.0));
    c.note("ReLU's g'(0)",
           "ReLU is not differentiable at 0 (left slope 0, right slope 1). The L8 notes define g'(v) = 1 for v >= 0, so "
           "g'(0) = 1, and this library follows them; PyTorch's ReLU backward uses 0 at v = 0. Any value in [0, 1] "
           "is a subgradient; the choice matters only for inputs exactly at 0.");
}

}  // namespace perceptron_lecture
