// NYU slides "RMSprop and Adam", ECE/CS 559 L13, HW5 Q1: plain gradient descent (SGD with the exact gradient),
// momentum, RMSprop (the slides' s <- (1 - gamma) s + gamma g^2, theta <- theta - alpha g / sqrt(s + eps)) and
// Adam on two 2-D surfaces: HW5's ill-conditioned quadratic and Rosenbrock's curved valley (non-convex).
// The point w is one parameter tensor of shape (2); each step fills its gradient and calls the lib/optim
// optimizer's step(), exactly as training a network does.
#include "cases.hpp"
#include "common.hpp"
#include "surfaces.hpp"

#include "core/error.hpp"
#include "optim/adam.hpp"
#include "optim/divergence.hpp"
#include "optim/gd.hpp"
#include "optim/momentum.hpp"
#include "optim/quadratic.hpp"
#include "optim/rmsprop.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <cmath>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace backprop_lecture {

namespace {

using Params = std::vector<dlc::Parameter<double>>;
using MakeOptimizer = std::function<std::unique_ptr<dlc::Optimizer<double>>(Params)>;

struct Method {
    std::string key, label, colour;  // colour: of the path over the contour map (never white: the legend is on white)
    MakeOptimizer make;
};

struct Path {
    std::vector<double> w1, w2, value;  // w(t) and R(w(t)), t = 0..steps
    std::string diagnosis;              // empty, or why the run stopped early
};

// Runs `steps` updates from the surface's start: g = grad R(w), optimizer.step().
Path descend(const Surface& s, const Method& m, std::size_t steps) {
    dlc::Tensor<double> w{s.start[0], s.start[1]}, g = dlc::Tensor<double>::from_shape({2});
    g.fill(0);
    auto opt = m.make(Params{{"w", &w, &g}});
    dlc::DivergenceMonitor monitor("optimizers (" + s.name + ", " + m.label + ")", "R(w)", 1e6, 1.0);
    Path p;
    for (std::size_t t = 0;; ++t) {
        const Point wt{w(0), w(1)};
        const double R = s.value(wt);
        p.w1.push_back(wt[0]), p.w2.push_back(wt[1]), p.value.push_back(R);
        try {
            monitor.check(R, "step " + std::to_string(t));
        } catch (const dlc::DivergenceError& e) {
            p.diagnosis = e.what();
            break;
        }
        if (t == steps) break;
        const Point gt = s.gradient(wt);
        g(0) = gt[0], g(1) = gt[1];
        opt->step();
    }
    return p;
}

template <class O, class... A>
MakeOptimizer make(A... args) {
    return [=](Params p) { return std::make_unique<O>(std::move(p), args...); };
}

double distance(const Path& p, const Point& w) { return std::hypot(p.w1.back() - w[0], p.w2.back() - w[1]); }

// Contour levels lo, lo + step, ..., up to hi (in units of log10 R).
std::vector<double> levels(double lo, double hi, double step) {
    std::vector<double> l;
    for (double v = lo; v <= hi + 1e-9; v += step) l.push_back(v);
    return l;
}

void compare(dlc::Case& c, const Surface& s, const std::vector<Method>& methods, std::size_t steps,
             const std::vector<double>& contour_levels) {
    auto& out = c.out();
    out << "\n" << s.name << ": " << s.formula << ", w* = (" << dlc::fmt(s.optimum[0]) << ", "
        << dlc::fmt(s.optimum[1]) << "), R(w*) = " << dlc::fmt(s.value(s.optimum)) << "; from w(0) = ("
        << dlc::fmt(s.start[0]) << ", " << dlc::fmt(s.start[1]) << "), " << steps << " steps.\n";
    dlc::TextTable t({"method", "w(T)", "|w(T) - w*|", "R(w(T))", "first t with |w - w*| < 1e-3"});
    nlohmann::json results;
    std::vector<Path> paths;
    for (const auto& m : methods) {
        paths.push_back(descend(s, m, steps));
        const Path& p = paths.back();
        std::size_t reached = 0;
        while (reached < p.w1.size() && std::hypot(p.w1[reached] - s.optimum[0], p.w2[reached] - s.optimum[1]) >= 1e-3)
            ++reached;
        const bool ok = p.diagnosis.empty();
        t.row({m.label, ok ? "(" + dlc::fmt(p.w1.back(), 6) + ", " + dlc::fmt(p.w2.back(), 6) + ")" : "diverged",
               dlc::fmt(distance(p, s.optimum), 3), dlc::fmt(p.value.back(), 3),
               reached < p.w1.size() ? std::to_string(reached) : "never"});
        results[m.key] = {{"label", m.label},
                          {"final_w", {p.w1.back(), p.w2.back()}},
                          {"final_distance", distance(p, s.optimum)},
                          {"final_loss", p.value.back()},
                          {"steps", p.w1.size() - 1},
                          {"diverged", !ok}};
        if (!ok) out << "  " << p.diagnosis << "\n";
    }
    out << t.str();
    // RMSprop with a constant alpha does not settle: near w* its step alpha g / sqrt(s) keeps a size of about alpha
    // per coordinate (g / sqrt(s) stays near +-1 while g changes sign), so the last iterates jump back and forth.
    for (std::size_t m = 0; m < methods.size(); ++m) {
        if (methods[m].key != "rmsprop" || !paths[m].diagnosis.empty() || paths[m].w1.size() < 22) continue;
        const Path& p = paths[m];
        const std::size_t T = p.w1.size() - 1;
        std::size_t flips = 0;
        for (std::size_t k = T - 19; k <= T; ++k) {
            const double a1 = p.w1[k] - p.w1[k - 1], a2 = p.w2[k] - p.w2[k - 1];
            const double b1 = p.w1[k - 1] - p.w1[k - 2], b2 = p.w2[k - 1] - p.w2[k - 2];
            flips += a1 * b1 + a2 * b2 < 0;
        }
        const double d_last = std::hypot(p.w1[T] - s.optimum[0], p.w2[T] - s.optimum[1]);
        const double d_prev = std::hypot(p.w1[T - 1] - s.optimum[0], p.w2[T - 1] - s.optimum[1]);
        const double jump = std::hypot(p.w1[T] - p.w1[T - 1], p.w2[T] - p.w2[T - 1]);
        if (flips == 20)
            out << "  RMSprop ends in a two-point oscillation: each of its last 20 steps reverses the previous one, "
                   "jumping between about (" << dlc::fmt(p.w1[T - 1], 5) << ", " << dlc::fmt(p.w2[T - 1], 5) << ") and ("
                << dlc::fmt(p.w1[T], 5) << ", " << dlc::fmt(p.w2[T], 5) << ") (a jump of " << dlc::fmt(jump, 3)
                << "), at distances " << dlc::fmt(d_prev, 3) << " and " << dlc::fmt(d_last, 3)
                << " from w*: with a constant alpha the step alpha g / sqrt(s) does not shrink as g -> 0.\n";
        results["rmsprop"]["last_steps_reversing"] = flips;
        results["rmsprop"]["two_point_oscillation"] = flips == 20;
        results["rmsprop"]["last_jump"] = jump;
    }
    c.set(s.key, {{"formula", s.formula},
                  {"optimum", {s.optimum[0], s.optimum[1]}},
                  {"start", {s.start[0], s.start[1]}},
                  {"methods", results}});

    // Contours of log10(R - R* + 1e-3): the same level sets as R, with colours spread over the decades.
    const double Rstar = s.value(s.optimum);
    dlc::plot::Figure paths_fig("optimizers_" + s.key);
    paths_fig.title(s.name + ": paths over the contours of log10(R - R* + 0.001)").xlabel("w1").ylabel("w2")
        .legend(dlc::plot::Legend::below).xrange(s.box[0], s.box[1]).yrange(s.box[2], s.box[3]).size(800, 760)
        .contour(s.box[0], s.box[1], s.box[2], s.box[3], 240,
                 [&](double a, double b) { return std::log10(s.value({a, b}) - Rstar + 1e-3); }, contour_levels,
                 true);
    for (std::size_t i = methods.size(); i-- > 0;) {  // the first method on top
        dlc::plot::LineStyle ls;
        ls.colour = methods[i].colour;
        ls.width = 2.5;
        paths_fig.lines(paths[i].w1, paths[i].w2, methods[i].label, ls);
    }
    paths_fig.scatter(dlc::Matrix<double>{{s.optimum[0], s.optimum[1]}}, "",
                      dlc::plot::PointStyle{dlc::plot::Marker::cross, 3.0, 3.0, "#ffd700"});
    c.figure(paths_fig, s.name + ": the four optimizers' paths from w(0) to the minimizer w* (gold cross) over "
                                 "the contours of R");

    dlc::plot::Figure loss_fig("optimizers_" + s.key + "_loss");
    loss_fig.title(s.name + ": R(w(t)) - R(w*)").xlabel("step t").ylabel("R(w(t)) - R(w*)").log_y()
        .legend(dlc::plot::Legend::below).size(800, 600);
    for (std::size_t i = 0; i < methods.size(); ++i) {
        std::vector<double> steps_axis, gap;
        for (std::size_t k = 0; k < paths[i].value.size(); ++k) {
            steps_axis.push_back(double(k));
            gap.push_back(std::max(paths[i].value[k] - Rstar, 1e-16));  // log scale: floor at 1e-16
        }
        dlc::plot::LineStyle ls;  // the palette's colours
        ls.width = 1.5;
        loss_fig.lines(steps_axis, gap, methods[i].label, ls);
    }
    c.figure(loss_fig, s.name + ": the excess loss per step (log scale)");
}

}  // namespace

void optimizers(dlc::Case& c) {
    auto& out = c.out();
    const Surface q = hw5_quadratic();
    const auto quadratic = dlc::Quadratic::from_coefficients_2d(13, -10, 2, 4, -2, 1);
    const auto lambda = dlc::hessian_eigenvalues(quadratic);
    out << "The HW5 quadratic has Hessian H = ((26, -10), (-10, 4)) with eigenvalues " << dlc::fmt(lambda(0), 5)
        << " and " << dlc::fmt(lambda(1), 5) << " (condition number " << dlc::fmt(lambda(1) / lambda(0), 4)
        << "): gradient descent is stable for eta < 2 / lambda_max = " << dlc::fmt(dlc::critical_step(quadratic), 4)
        << " and then shrinks the slow direction by 1 - eta lambda_min per step.\n"
        << "SGD here is plain gradient descent: the gradient of these functions is exact, not sampled.\n";
    if (std::abs(q.optimum[0] - 1) < 1e-12 && std::abs(q.optimum[1] - 3) < 1e-12)
        c.agrees("the optimum w* of HW5 Q1 (a)",
                 "(" + dlc::fmt(q.optimum[0], 12) + ", " + dlc::fmt(q.optimum[1], 12) + ")");
    else
        c.erratum("HW5 Q1 (a): the optimum", nlohmann::json::array({1, 3}),
                  nlohmann::json::array({q.optimum[0], q.optimum[1]}), "the solution of H w* = -g");
    c.set("hw5_hessian_eigenvalues", {lambda(0), lambda(1)});

    // Step sizes: GD at HW5's eta = 0.05; momentum with the same eta; RMSprop and Adam, whose steps are about
    // alpha per coordinate whatever the curvature, with alpha chosen for each surface's scale.
    const std::vector<Method> on_quadratic = {
        {"sgd", "SGD (GD), eta = 0.05", "#00d5ff", make<dlc::GradientDescent<double>>(0.05)},
        {"momentum", "momentum, eta = 0.05, mu = 0.9", "#ff9900", make<dlc::Momentum<double>>(0.05, 0.9)},
        {"rmsprop", "RMSprop, alpha = 0.01, gamma = 0.1", "#ff33cc", make<dlc::RMSprop<double>>(0.01, 0.1, 1e-8)},
        {"adam", "Adam, alpha = 0.05", "#e41a1c", make<dlc::Adam<double>>(0.05, 0.9, 0.999, 1e-8)},
    };
    compare(c, q, on_quadratic, 500, levels(-2.5, 2, 0.5));

    const Surface r = rosenbrock();
    out << "\nRosenbrock's valley w2 = w1^2 is narrow (the Hessian at w* has eigenvalues about 0.4 and 1002), so "
           "gradient descent needs eta < 2/1002 and then crawls along the valley floor.\n";
    const std::vector<Method> on_rosenbrock = {
        {"sgd", "SGD (GD), eta = 0.001", "#00d5ff", make<dlc::GradientDescent<double>>(0.001)},
        {"momentum", "momentum, eta = 0.001, mu = 0.9", "#ff9900", make<dlc::Momentum<double>>(0.001, 0.9)},
        {"rmsprop", "RMSprop, alpha = 0.001, gamma = 0.1", "#ff33cc", make<dlc::RMSprop<double>>(0.001, 0.1, 1e-8)},
        {"adam", "Adam, alpha = 0.01", "#e41a1c", make<dlc::Adam<double>>(0.01, 0.9, 0.999, 1e-8)},
    };
    compare(c, r, on_rosenbrock, 5000, levels(-2.5, 3, 0.5));
}

}  // namespace backprop_lecture
