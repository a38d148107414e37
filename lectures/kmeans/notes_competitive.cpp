// L17/18 notes, section 3 (Competitive learning), the worked example: eta = 0.5, two neurons,
// six points in two clusters, one epoch of w_i <- w_i + eta (x - w_i) for the winner only.
#include "cases.hpp"
#include "common.hpp"

#include "cluster/competitive.hpp"
#include "report/table.hpp"

#include <cmath>

namespace kmeans_lecture {

namespace {


// The notes' printed numbers: the two fields and the winner's new weights at each of the six steps.
struct NotesStep {
    double v1, v2;
    std::size_t winner;  // 1-based
    double wa, wb;       // the winner's weights after the step
};
const NotesStep notes_steps[6] = {
    {0.80, 1.00, 2, 0.95, 0.55},     {0.72, 1.405, 2, 0.925, 0.775},   {0.8, 1.7775, 2, 0.9625, 0.9375},
    {0.8, 0.025, 1, 0.9, -0.5},      {1.49, 0.12125, 1, 1.0, -0.75},   {1.825, -0.06875, 1, 1.0, -0.925},
};
// The notes' table of fields with the initial weights w1(1), w2(1), before the epoch.
const double notes_initial_fields[6][2] = {{0.80, 1.00}, {0.72, 0.91}, {0.80, 1.01},
                                           {0.80, 0.80}, {0.88, 0.89}, {0.80, 0.79}};

bool close(double a, double b) { return std::abs(a - b) < 1e-12; }

}  // namespace

void notes_competitive_example(dlc::Case& c) {
    auto& out = c.out();
    const dlc::Matrix<double> X = {{1, 1}, {0.9, 1}, {1, 1.1}, {1, -1}, {1.1, -1}, {1, -1.1}};
    const dlc::Matrix<double> W0 = {{0.8, 0}, {0.9, 0.1}};
    out << "C1 = {x1 = (1, 1), x2 = (0.9, 1), x3 = (1, 1.1)}, C2 = {x4 = (1, -1), x5 = (1.1, -1), x6 = (1, -1.1)}.\n"
        << "w1(1) = (0.8, 0), w2(1) = (0.9, 0.1), eta = 0.5; the winner i = argmax_i w_i^T x moves:\n"
        << "w_i(n+1) = w_i(n) + eta (x - w_i(n)); the other neuron keeps its weights.\n\n";

    // The fields of every point with the initial weights (the notes' first table).
    out << "Fields with the initial weights:\n";
    dlc::TextTable init({"x", "w1(1)^T x", "w2(1)^T x", "winner"});
    std::size_t init_errata = 0;
    for (std::size_t i = 0; i < 6; ++i) {
        const auto v = dlc::competitive_fields(W0, dlc::Vector<double>(xt::row(X, i)));
        bool tie = false;
        const std::size_t w = dlc::competitive_winner(v, dlc::TieBreak::lowest_index, &tie);
        init.row({"x" + std::to_string(i + 1), dlc::fmt(v(0)), dlc::fmt(v(1)), tie ? "draw" : std::to_string(w + 1)});
        for (std::size_t j = 0; j < 2; ++j)
            if (!close(v(j), notes_initial_fields[i][j])) {
                ++init_errata;
                c.erratum("initial field w" + std::to_string(j + 1) + "(1)^T x" + std::to_string(i + 1),
                          notes_initial_fields[i][j], dlc::fmt(v(j)), "inner product of the initial weights");
            }
    }
    out << init.str() << "\n";

    dlc::CompetitiveOptions opt;
    opt.eta = 0.5;
    opt.rule = dlc::CompetitiveRule::plain;
    opt.epochs = 1;
    const auto r = dlc::competitive_learning(X, W0, opt);

    out << "Epoch 1:\n";
    dlc::TextTable table({"x", "w1^T x", "w2^T x", "winner", "w1 after", "w2 after"});
    std::size_t step_errata = 0;
    for (std::size_t t = 0; t < r.trace.size(); ++t) {
        const auto& s = r.trace[t];
        table.row({"x" + std::to_string(s.point + 1), dlc::fmt(s.fields(0)), dlc::fmt(s.fields(1)),
                   std::to_string(s.winner + 1) + (s.tie ? " (tie)" : ""), v2(xt::row(s.weights_after, 0)),
                   v2(xt::row(s.weights_after, 1))});
        const auto& n = notes_steps[t];
        const std::string at = "x" + std::to_string(t + 1);
        if (!close(n.v1, s.fields(0)) || !close(n.v2, s.fields(1))) {
            ++step_errata;
            c.erratum("fields at " + at, v2(n.v1, n.v2), v2(s.fields), "w_i^T x with the weights before the step");
        }
        if (n.winner != s.winner + 1) {
            ++step_errata;
            c.erratum("winner at " + at, n.winner, s.winner + 1, "argmax of the fields");
        }
        const auto w = xt::row(s.weights_after, s.winner);
        if (!close(n.wa, w(0)) || !close(n.wb, w(1))) {
            ++step_errata;
            c.erratum("weights after " + at, v2(n.wa, n.wb), v2(w), "w + 0.5 (x - w)");
        }
    }
    out << table.str();
    if (init_errata + step_errata == 0)
        c.agrees("the number of the example's printed fields, winners and weights that the computation reproduces", "24 of 24");
    out << "Final weights: w1 = " << v2(xt::row(r.weights, 0)) << ", w2 = " << v2(xt::row(r.weights, 1)) << ".\n";
    out << "(The notes write alpha for the learning rate in the first update; it is eta = 0.5.)\n";

    // Does the final layer cluster the data as desired?
    nlohmann::json winners = nlohmann::json::array();
    bool separates = true;
    for (std::size_t i = 0; i < 6; ++i) {
        const auto v = dlc::competitive_fields(r.weights, dlc::Vector<double>(xt::row(X, i)));
        const std::size_t w = dlc::competitive_winner(v, dlc::TieBreak::lowest_index);
        winners.push_back(w + 1);
        separates = separates && (w == (i < 3 ? 1u : 0u));
    }
    out << "With the final weights, x1..x3 are won by neuron " << winners[0] << ", " << winners[1] << ", "
        << winners[2] << " and x4..x6 by " << winners[3] << ", " << winners[4] << ", " << winners[5] << ": "
        << (separates ? "the two clusters are separated, as the notes say.\n" : "the clusters are NOT separated.\n");

    c.set("steps", table.to_json());
    c.set("winners", nlohmann::json::array({r.trace[0].winner + 1, r.trace[1].winner + 1, r.trace[2].winner + 1,
                                            r.trace[3].winner + 1, r.trace[4].winner + 1, r.trace[5].winner + 1}));
    c.set("final_weights", rows_json(r.weights));
    c.set("final_winner_per_point", winners);
    c.set("separates_clusters", separates);

    dlc::plot::Figure fig("notes_competitive_example");
    fig.title("L17/18 notes: competitive learning, one epoch (eta = 0.5)").xlabel("x1").ylabel("x2").equal_aspect()
        .xrange(0.5, 1.4).yrange(-1.3, 1.3).legend(dlc::plot::Legend::outside);
    const dlc::Labels cluster = {0, 0, 0, 1, 1, 1};
    fig.scatter(X, cluster, {"C1", "C2"}, dlc::plot::PointStyle::dot(1.5));
    add_weight_paths(fig, W0, r.trace, "over the epoch");
    c.figure(fig, "The two weight vectors move toward the centres of the clusters they win");
}

}  // namespace kmeans_lecture
