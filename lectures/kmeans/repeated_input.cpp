// The typed L17/18 notes (Koyuncu), section 3: one input pattern x presented again and again, neuron i winning
// every time, under the competitive rule w_i(n+1) = w_i(n) + eta (x - w_i(n)). The notes derive
//   w_i(n+1) = (1 - eta)^n w_i(1) + (1 - (1 - eta)^n) x
// and state "if |eta| < 1, then w_i(n+1) -> x". Checked numerically from w(1) = (0.3, -0.7), x = (1, 2), 30 steps,
// for eta = 0.5, 1.5 and -0.5.
#include "cases.hpp"
#include "common.hpp"

#include "plot/figure.hpp"
#include "report/table.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace kmeans_lecture {

void repeated_input(dlc::Case& c) {
    auto& out = c.out();
    const double w1[2] = {0.3, -0.7}, x[2] = {1.0, 2.0};
    const std::size_t steps = 30;
    const double start_distance = std::hypot(w1[0] - x[0], w1[1] - x[1]);
    out << "w(1) = (0.3, -0.7), x = (1, 2), the rule w(n+1) = w(n) + eta (x - w(n)) applied " << steps << " times.\n"
        << "The notes' closed form: w(n+1) = (1 - eta)^n w(1) + (1 - (1 - eta)^n) x, so w(n+1) - x = (1 - eta)^n "
           "(w(1) - x): it converges to x exactly when |1 - eta| < 1, i.e. 0 < eta < 2 (or w(1) = x).\n";

    dlc::TextTable t({"eta", "|eta| < 1 (printed condition)", "|1 - eta| < 1", "w(31)", "||w(31) - x||",
                      "closed form vs iteration (max diff)", "converges?"});
    nlohmann::json runs = nlohmann::json::array();
    dlc::plot::Figure fig("repeated_input");
    fig.title("One input presented repeatedly: ||w(n) - x|| = |1 - eta|^(n-1) ||w(1) - x||")
        .xlabel("step n")
        .ylabel("||w(n) - x||")
        .log_y()
        .legend(dlc::plot::Legend::below);
    bool printed_necessary = true, printed_sufficient = true;
    for (double eta : {0.5, 1.5, -0.5}) {
        double w[2] = {w1[0], w1[1]};
        double worst = 0;
        std::vector<double> n_axis{1.0}, dist{start_distance};
        for (std::size_t n = 1; n <= steps; ++n) {
            for (std::size_t j = 0; j < 2; ++j) w[j] = w[j] + eta * (x[j] - w[j]);  // w(n+1)
            const double a = std::pow(1 - eta, double(n));
            for (std::size_t j = 0; j < 2; ++j) {
                const double closed = a * w1[j] + (1 - a) * x[j];
                worst = std::max(worst, std::abs(closed - w[j]) / std::max(1.0, std::abs(closed)));
            }
            n_axis.push_back(double(n + 1));
            dist.push_back(std::hypot(w[0] - x[0], w[1] - x[1]));
        }
        const double final_distance = dist.back();
        const bool converges = std::abs(1 - eta) < 1;
        const bool printed = std::abs(eta) < 1;
        printed_necessary = printed_necessary && (printed || !converges);
        printed_sufficient = printed_sufficient && (!printed || converges);
        t.row({dlc::fmt(eta), printed ? "yes" : "no", converges ? "yes" : "no", v2(w[0], w[1]),
               dlc::fmt(final_distance, 4), dlc::fmt(worst, 3),
               converges ? "yes, factor " + dlc::fmt(std::abs(1 - eta)) + " per step"
                         : "no, grows by " + dlc::fmt(std::abs(1 - eta)) + " per step"});
        runs.push_back({{"eta", eta},
                        {"final_w", {w[0], w[1]}},
                        {"final_distance", final_distance},
                        {"closed_form_max_relative_difference", worst},
                        {"converges", converges},
                        {"printed_condition_holds", printed}});
        dlc::plot::LineStyle style;  // eta = 0.5 and 1.5 give the same distances: draw 1.5 dashed over 0.5's points
        style.points = eta == 0.5;
        style.dashed = eta == 1.5;
        style.point_size = 1.2;
        fig.lines(n_axis, dist, "eta = " + dlc::fmt(eta) + (eta == 1.5 ? " (the same distances as 0.5)" : ""), style);
    }
    out << t.str();
    out << "The printed condition |eta| < 1 is " << (printed_necessary ? "" : "not ") << "necessary (eta = 1.5 breaks it "
        << "and still converges, oscillating around x) and " << (printed_sufficient ? "" : "not ")
        << "sufficient (eta = -0.5 meets it and diverges: each step moves w away from x by the factor 1.5).\n";
    c.set("w1", {w1[0], w1[1]});
    c.set("x", {x[0], x[1]});
    c.set("steps", steps);
    c.set("runs", runs);
    c.set("printed_condition_necessary", printed_necessary);
    c.set("printed_condition_sufficient", printed_sufficient);
    c.set("condition", "|1 - eta| < 1, i.e. 0 < eta < 2");
    if (!printed_necessary || !printed_sufficient)
        c.erratum("the condition for w_i(n+1) -> x when one input is presented repeatedly (typed L17/18 notes, "
                  "section 3, competitive learning)",
                  "if |eta| < 1, then w_i(n+1) -> x",
                  "w_i(n+1) -> x if and only if |1 - eta| < 1, i.e. 0 < eta < 2",
                  "From the notes' own closed form, w(n+1) - x = (1 - eta)^n (w(1) - x). From w(1) = (0.3, -0.7), "
                  "x = (1, 2), 30 steps: eta = 1.5 (|eta| > 1) ends at distance " +
                      dlc::fmt(runs[1]["final_distance"].get<double>(), 3) + " from x, and eta = -0.5 (|eta| < 1) at " +
                      dlc::fmt(runs[2]["final_distance"].get<double>(), 4) + " (it started at " +
                      dlc::fmt(start_distance, 4) + ").");
    c.figure(fig, "Distance to x per step: eta = 0.5 and 1.5 shrink by 1/2 per step (1.5 overshooting each time), "
                  "eta = -0.5 grows by 3/2");
}

}  // namespace kmeans_lecture
