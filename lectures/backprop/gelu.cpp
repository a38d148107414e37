// NYU slide "GELU": "motivated by Dropout", f(x) = E[x . m] with m ~ Bernoulli(Phi(x)), Phi(x) = P(X <= x),
// X ~ N(0, 1). So f(x) = x Phi(x). At x = -2, -1, 0, 0.5, 1, 2: the formula, the library's GELU, and E[x m] by
// Monte Carlo.
#include "cases.hpp"
#include "common.hpp"

#include "core/tensor.hpp"
#include "nn/relu.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace backprop_lecture {

void gelu(dlc::Case& c) {
    auto& out = c.out();
    const std::size_t trials = c.quick() ? 20000 : 1000000;
    const auto Phi = [](double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); };
    dlc::GELU<double> g;
    out << "f(x) = E[x m], m ~ Bernoulli(Phi(x)): m = 1 with probability Phi(x), so E[x m] = x Phi(x). Monte Carlo "
        << "with " << trials << " draws of m per x; tolerance 4 standard errors, 4 |x| sqrt(Phi (1 - Phi) / n).\n";
    dlc::TextTable t({"x", "Phi(x)", "x Phi(x)", "library GELU", "Monte Carlo E[x m]", "|difference|", "tolerance"});
    nlohmann::json rows = nlohmann::json::array();
    bool all_within = true;
    double worst_lib = 0;
    for (double x : {-2.0, -1.0, 0.0, 0.5, 1.0, 2.0}) {
        const double phi = Phi(x), exact = x * phi, lib = g.value(x);
        double sum = 0;
        for (std::size_t t2 = 0; t2 < trials; ++t2) sum += x * (c.rng().uniform() < phi ? 1.0 : 0.0);
        const double mc = sum / double(trials);
        const double tol = 4 * std::abs(x) * std::sqrt(phi * (1 - phi) / double(trials));
        const bool ok = std::abs(mc - exact) <= tol + 1e-15;
        all_within = all_within && ok;
        worst_lib = std::max(worst_lib, std::abs(lib - exact));
        t.row({dlc::fmt(x), dlc::fmt(phi, 8), dlc::fmt(exact, 8), dlc::fmt(lib, 8), dlc::fmt(mc, 6),
               dlc::fmt(std::abs(mc - exact), 2), dlc::fmt(tol, 2)});
        rows.push_back({{"x", x}, {"Phi", phi}, {"gelu", exact}, {"library", lib}, {"monte_carlo", mc}, {"tolerance", tol}});
    }
    out << t.str() << "Every Monte Carlo mean is " << (all_within ? "" : "NOT ") << "within its tolerance; the "
        << "library's GELU equals x Phi(x) to " << dlc::fmt(worst_lib, 2) << ".\nUnlike dropout's mask, the "
           "probability of keeping x depends on x itself: large positive x pass almost surely (GELU ~ ReLU), large "
           "negative x are almost always dropped, and GELU is smooth, with a minimum of about -0.17 near x = -0.75.\n";
    c.set("values", rows);
    c.set("monte_carlo_within_tolerance", all_within);
    c.set("library_max_difference", worst_lib);

    dlc::plot::Figure fig("gelu");
    fig.title("GELU f(x) = x Phi(x) = E[x m], m ~ Bernoulli(Phi(x))").xlabel("x").ylabel("f(x)").legend(
        dlc::plot::Legend::top_left);
    std::vector<double> xs, gelu_v, relu_v;
    for (int i = 0; i <= 120; ++i) {
        const double x = -3 + 6.0 * i / 120;
        xs.push_back(x);
        gelu_v.push_back(x * Phi(x));
        relu_v.push_back(std::max(0.0, x));
    }
    dlc::plot::LineStyle dashed;
    dashed.dashed = true;
    fig.lines(xs, gelu_v, "GELU x Phi(x)").lines(xs, relu_v, "ReLU max(0, x)", dashed);
    dlc::Matrix<double> mc_points = dlc::Matrix<double>::from_shape({rows.size(), std::size_t(2)});
    for (std::size_t i = 0; i < rows.size(); ++i)
        mc_points(i, 0) = rows[i]["x"].get<double>(), mc_points(i, 1) = rows[i]["monte_carlo"].get<double>();
    fig.scatter(mc_points, "Monte Carlo E[x m]", dlc::plot::PointStyle{dlc::plot::Marker::open_square, 1.8, 2.0, "#D55E00"});
    c.figure(fig, "GELU against ReLU, with the Monte Carlo estimates of E[x m] at the six points");
}

}  // namespace backprop_lecture
