// The perceptron learning algorithm (L6/L7): w <- w + eta (d - u(w^T x)) x in the extended notation,
// on a generated linearly separable set (converges; margin and Novikoff's bound stated) and on XOR
// (never converges: the weights cycle).
#include "cases.hpp"
#include "common.hpp"

#include "neuron/extended.hpp"
#include "neuron/perceptron.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace perceptron_lecture {

namespace {

// n points uniform in [-1, 1]^2 labelled by the side of the line b + w^T x = 0 (w a unit normal),
// keeping only points at distance >= gap from it: the set's margin is at least gap.
void separable_set(dlc::Rng& rng, std::size_t n, const dlc::Vector<double>& line, double gap, dlc::Matrix<double>& X,
                   dlc::Labels& d) {
    X = dlc::Matrix<double>::from_shape({n, 2});
    d = dlc::Labels::from_shape({n});
    for (std::size_t i = 0; i < n;) {
        const double x1 = rng.uniform(-1, 1), x2 = rng.uniform(-1, 1);
        const double s = line(0) + line(1) * x1 + line(2) * x2;
        if (std::abs(s) < gap) continue;
        X(i, 0) = x1;
        X(i, 1) = x2;
        d(i) = s > 0 ? 1 : 0;
        ++i;
    }
}

std::string w3(const dlc::Vector<double>& w) { return dlc::fmt_vec(w, 4); }

nlohmann::json epoch_weights_json(const std::vector<dlc::Vector<double>>& ws) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& w : ws) j.push_back(vec_json(w));
    return j;
}

void add_line(dlc::plot::Figure& fig, const dlc::Vector<double>& w, const Box& box, const std::string& label,
              dlc::plot::LineStyle style) {
    if (auto seg = line_in_box(w, box))
        fig.lines(std::vector<double>{(*seg)(0, 0), (*seg)(1, 0)}, std::vector<double>{(*seg)(0, 1), (*seg)(1, 1)},
                  label, style);
}

}  // namespace

void perceptron_learning(dlc::Case& c) {
    auto& out = c.out();
    out << "One neuron with a step activation, in the extended notation x~ = (1, x1, x2), w = (b, w1, w2):\n"
        << "y = u(w^T x~) with u(v) = 1 for v >= 0, else 0; for each point, w <- w + eta (d - y) x~.\n"
        << "An epoch is one pass over the data in order; the algorithm stops after an epoch without mistakes.\n\n";

    // ---------------------------------------------------------------- a linearly separable set
    const std::size_t n = 40;
    const double gap = 0.1;
    const dlc::Vector<double> true_line = {0.15, -0.6, 0.8};  // 0.15 - 0.6 x1 + 0.8 x2 = 0, unit normal
    dlc::Matrix<double> X;
    dlc::Labels d;
    separable_set(c.rng(), n, true_line, gap, X, d);
    const auto Xe = dlc::with_bias_input(X);
    const auto mm = dlc::max_margin_2d(X, d);
    out << "(a) A separable set: " << n << " points uniform in [-1, 1]^2, class 1 above the line 0.15 - 0.6 x1 + "
        << "0.8 x2 = 0, points closer than " << gap << " to it dropped.\n"
        << "Its margin (half the distance between the classes' convex hulls, exact): gamma* = "
        << dlc::fmt(mm.margin, 5) << ", by the line w* = " << w3(mm.extended_w) << " (|(w1, w2)| = 1).\n";

    dlc::PerceptronOptions opt;
    opt.eta = 1.0;
    opt.max_epochs = 1000;
    const dlc::Vector<double> w0 = xt::zeros<double>({3});
    const auto r = dlc::perceptron_learning(Xe, d, w0, opt);
    dlc::TextTable table({"epoch", "mistakes", "w after the epoch (b, w1, w2)", "margin of that line"});
    for (std::size_t e = 1; e <= r.epochs; ++e) {
        const auto& w = r.epoch_weights[e];
        const bool nonzero = w(1) != 0 || w(2) != 0;
        table.row({std::to_string(e), std::to_string(r.mistakes[e - 1]), w3(w),
                   nonzero ? dlc::fmt(dlc::separator_margin(X, d, w), 4) : "-"});
    }
    out << "Perceptron from w(0) = 0, eta = 1:\n" << table.str();
    std::size_t updates = 0;
    for (auto m : r.mistakes) updates += m;
    const auto bound = dlc::novikoff_bound(Xe, d, mm.extended_w);
    const double final_margin = dlc::separator_margin(X, d, r.weights);
    out << (r.converged ? "Converged" : "NOT converged") << " after " << r.epochs << " epochs (the last one without "
        << "mistakes), " << updates << " updates in all. Final line: " << w3(r.weights) << ", margin "
        << dlc::fmt(final_margin, 4) << " (< gamma* = " << dlc::fmt(mm.margin, 4) << ": the perceptron stops at the "
        << "first separating line, not the widest).\n"
        << "Novikoff's bound with the max-margin line in the extended space: R = max |x~| = " << dlc::fmt(bound.radius, 4)
        << ", gamma~ = " << dlc::fmt(bound.margin, 4) << ", so at most (R / gamma~)^2 = "
        << dlc::fmt(bound.mistake_bound, 4) << " updates; the run made " << updates << ".\n\n";

    c.set("n", n);
    c.set("eta", opt.eta);
    c.set("max_margin", mm.margin);
    c.set("max_margin_line", vec_json(mm.extended_w));
    c.set("converged", r.converged);
    c.set("epochs", r.epochs);
    c.set("mistakes_per_epoch", r.mistakes);
    c.set("updates", updates);
    c.set("weights_per_epoch", epoch_weights_json(r.epoch_weights));
    c.set("final_weights", vec_json(r.weights));
    c.set("final_margin", final_margin);
    c.set("novikoff_radius", bound.radius);
    c.set("novikoff_margin", bound.margin);
    c.set("novikoff_bound", bound.mistake_bound);
    c.set("training_errors", std::size_t(xt::sum(xt::not_equal(dlc::perceptron_predict(Xe, r.weights), d))()));

    {
        const Box box{-1.05, 1.05, -1.05, 1.05};
        dlc::plot::Figure fig("perceptron_epochs");
        fig.title("Perceptron: the line after each epoch")
            .equal_aspect()
            .legend(dlc::plot::Legend::outside)
            .xrange(box.xmin, box.xmax)
            .yrange(box.ymin, box.ymax)
            .xlabel("x1")
            .ylabel("x2")
            .regions(box.xmin, box.xmax, box.ymin, box.ymax, 200,
                     [&](double x1, double x2) -> std::size_t {
                         return r.weights(0) + r.weights(1) * x1 + r.weights(2) * x2 >= 0 ? 1 : 0;
                     })
            .scatter(X, d, {"d = 0", "d = 1"}, dlc::plot::PointStyle::dot(1.3));
        // Epoch lines from light to dark grey, the final one in black (an epoch without mistakes leaves the line
        // where it was, so only epochs that moved it are drawn); the max-margin line dashed.
        std::size_t last = 1;
        for (std::size_t e = 1; e <= r.epochs; ++e)
            if (!(r.epoch_weights[e] == r.epoch_weights[e - 1])) last = e;
        for (std::size_t e = 1; e <= last; ++e) {
            const auto& w = r.epoch_weights[e];
            if ((w(1) == 0 && w(2) == 0) || w == r.epoch_weights[e - 1]) continue;
            dlc::plot::LineStyle ls;
            const int grey = e == last ? 0 : static_cast<int>(200 - 150.0 * (e - 1) / std::max<std::size_t>(1, last - 1));
            char col[8];
            std::snprintf(col, sizeof col, "#%02x%02x%02x", grey, grey, grey);
            ls.colour = col;
            ls.width = e == last ? 3.0 : 1.5;
            add_line(fig, w, box,
                     e == last ? "epoch " + std::to_string(e) + " (final)" : "epoch " + std::to_string(e), ls);
        }
        dlc::plot::LineStyle dashed;
        dashed.dashed = true;
        dashed.colour = "#cc3311";
        add_line(fig, mm.extended_w, box, "max-margin line", dashed);
        c.figure(fig, "The separable set, the perceptron's line after each epoch (light to dark), its final "
                      "decision regions, and the max-margin line (dashed)");
    }

    // ---------------------------------------------------------------- XOR
    out << "(b) XOR, not linearly separable: x in {0, 1}^2, d = x1 XOR x2, w(0) = 0, eta = 1.\n";
    const dlc::Matrix<double> Xx = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    const dlc::Labels dx = {0, 1, 1, 0};
    const auto Xxe = dlc::with_bias_input(Xx);
    const auto mx = dlc::max_margin_2d(Xx, dx);
    out << "The classes' convex hulls (the two diagonals) cross: separable = " << (mx.separable ? "yes" : "no") << ".\n";
    dlc::PerceptronOptions xopt;
    xopt.eta = 1.0;
    xopt.max_epochs = 100;
    const auto rx = dlc::perceptron_learning(Xxe, dx, dlc::Vector<double>(xt::zeros<double>({3})), xopt);
    dlc::TextTable steps({"epoch", "x", "d", "v = w^T x~", "y", "w after"});
    for (const auto& s : rx.trace)
        steps.row({std::to_string(s.epoch), v2(Xx(s.point, 0), Xx(s.point, 1)), dlc::fmt(s.desired), dlc::fmt(s.field),
                   dlc::fmt(s.output), w3(s.weights_after) + (s.mistake ? "" : "  (no change)")});
    out << steps.str();
    if (rx.cycle)
        out << "The weights after epoch " << rx.epochs << " equal those after epoch " << rx.cycle_start
            << (rx.cycle_start == 0 ? " (the initial weights)" : "") << ": the epochs repeat with period "
            << rx.cycle_length << " and every period has mistakes, so the perceptron NEVER converges on XOR.\n";
    else
        out << (rx.converged ? "Converged (unexpected).\n" : "No convergence within the epoch budget.\n");
    c.set("xor_separable", mx.separable);
    c.set("xor_converged", rx.converged);
    c.set("xor_cycle", rx.cycle);
    c.set("xor_cycle_start_epoch", rx.cycle_start);
    c.set("xor_cycle_length", rx.cycle_length);
    c.set("xor_epochs", rx.epochs);
    c.set("xor_mistakes_per_epoch", rx.mistakes);
    c.set("xor_weights_per_epoch", epoch_weights_json(rx.epoch_weights));
    c.set("xor_steps", steps.to_json());

    // Mistakes per epoch: the separable run drops to 0, XOR never does (shown over 3 cycles).
    {
        dlc::plot::Figure fig("perceptron_mistakes");
        std::vector<double> e1, m1;
        for (std::size_t e = 0; e < r.mistakes.size(); ++e) e1.push_back(double(e + 1)), m1.push_back(double(r.mistakes[e]));
        // Continue XOR past the detected cycle to show it repeat.
        dlc::PerceptronOptions more = xopt;
        more.detect_cycles = false;
        more.record_trace = false;
        more.max_epochs = std::max<std::size_t>(3 * std::max<std::size_t>(rx.epochs, 1), r.epochs);
        const auto rxl = dlc::perceptron_learning(Xxe, dx, dlc::Vector<double>(xt::zeros<double>({3})), more);
        std::vector<double> e2, m2;
        for (std::size_t e = 0; e < rxl.mistakes.size(); ++e) e2.push_back(double(e + 1)), m2.push_back(double(rxl.mistakes[e]));
        dlc::plot::LineStyle a, b;
        a.points = b.points = true;
        b.marker = dlc::plot::Marker::square;
        fig.title("Mistakes per epoch").xlabel("epoch").ylabel("mistakes (updates)")
            .lines(e1, m1, "separable set (converges)", a)
            .lines(e2, m2, "XOR (cycles forever)", b)
            .yrange(-0.5, std::max(4.0, *std::max_element(m1.begin(), m1.end())) + 1);
        c.figure(fig, "Mistakes per epoch: the separable set reaches an epoch without mistakes, XOR repeats");
    }
}

}  // namespace perceptron_lecture
