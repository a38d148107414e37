// Mock final Q2 (ECE/CS 559, Lecture 18): competitive (winner-take-all) learning with the winner's
// output, w_i <- w_i + eta y~ (x - w_i), weights rounded to integers after every update.
// The handout does not fix how halves are rounded nor who wins a tie: every convention is run.
#include "cases.hpp"
#include "common.hpp"

#include "cluster/competitive.hpp"
#include "report/table.hpp"

#include <optional>
#include <string>

namespace kmeans_lecture {

namespace {

using dlc::Rounding;
using dlc::TieBreak;

const char* rounding_name(Rounding r) {
    switch (r) {
        case Rounding::half_to_even: return "half to even";
        case Rounding::half_away_from_zero: return "half away from zero (std::round)";
        case Rounding::half_toward_zero: return "half toward zero";
        case Rounding::half_up: return "half up (floor(z + 1/2))";
        default: return "none";
    }
}

const char* tie_name(TieBreak t) { return t == TieBreak::lowest_index ? "lowest index" : "highest index"; }


// One row of the handout's table, as printed (a missing value is std::nullopt).
struct HandoutRow {
    double x0, x1;                      // the data point printed in the row
    std::size_t winner;                 // 1-based
    std::optional<double> y;            // y~ printed
    std::optional<double> cw, cx;       // the printed coefficients of w_i and of x in "w_i = cw w_i + cx x"
    std::string cw_text, cx_text;       // ... as printed
    double u0, u1;                      // the unrounded update printed
    double w1a, w1b, w2a, w2b;          // the weights printed on the next row (after rounding)
};

// The handout's table (mock final solutions, Q2(b)), transcribed; compared with the computation below.
// Row 1 prints "w_1 = (1 - 1/2) w_1 + 1/2 * 2 x", rows 2-3 and 6-8 "(1 - 1/2) w_i + 1/2 * 1 x" or "1/2 w_i + 1/2 x",
// row 4 "1 w_2 + 0 x"; row 5 prints no update ("no change, since w_1 = x_1").
const HandoutRow handout_rows[8] = {
    {0, 1, 1, 2.0, 0.5, 1.0, "(1 - 1/2)", "1/2 * 2", 0, 1, 0, 1, 2, -1},
    {1, 1, 1, 1.0, 0.5, 0.5, "(1 - 1/2)", "1/2 * 1", 0.5, 1, 0, 1, 2, -1},
    {0, -1, 2, 1.0, 0.5, 0.5, "1/2", "1/2", 1, -1, 0, 1, 1, -1},
    {-1, 1, 2, 0.0, 1.0, 0.0, "1", "0", 1, -1, 0, 1, 1, -1},
    {0, 1, 1, std::nullopt, std::nullopt, std::nullopt, "", "", 0, 1, 0, 1, 1, -1},
    {1, 1, 1, 1.0, 0.5, 0.5, "1/2", "1/2", 0.5, 0.5, 0, 1, 1, -1},
    {0, -1, 2, 1.0, 0.5, 0.5, "1/2", "1/2", 0.5, -0.5, 0, 1, 0, -1},
    {-1, 1, 2, 1.0, 0.5, 0.5, "1/2", "1/2", 0.5, -0.5, 0, 1, 0, -1},
};

}  // namespace

void mockfinal_q2(dlc::Case& c) { competitive_rounded(c, CompetitiveQuestion{}); }

void competitive_rounded(dlc::Case& c, const CompetitiveQuestion& q) {
    auto& out = c.out();
    const dlc::Matrix<double>& X = q.X;
    const dlc::Matrix<double>& W0 = q.W0;
    if (X.shape(0) != 4 || X.shape(1) != 2 || W0.shape(0) != 2 || W0.shape(1) != 2 || !(q.eta > 0))
        throw dlc::ValueError(c.id(), "Q2 needs four points and two weight vectors in the plane and eta > 0");
    out << "Data, in this order: " << v2(xt::row(X, 0)) << ", " << v2(xt::row(X, 1)) << ", " << v2(xt::row(X, 2))
        << ", " << v2(xt::row(X, 3)) << ". Two neurons, w1 = " << v2(xt::row(W0, 0)) << ", w2 = " << v2(xt::row(W0, 1))
        << ".\n"
        << "(a) Winner i = argmax_i w_i^T x, output y~ = w_i^T x; only the winner learns:\n"
        << "    w_i <- w_i + eta y~ (x - w_i) = (1 - eta y~) w_i + eta y~ x.  It is a Hebbian rule.\n"
        << "(b) eta = " << dlc::fmt(q.eta) << ", weights rounded to the nearest integer after every update, 2 epochs"
        << (q.exam ? "" : " (the question's conventions: halves rounded to even, a tie won by the lower index)")
        << ".\n\n";

    dlc::CompetitiveOptions base;
    base.eta = q.eta;
    base.rule = dlc::CompetitiveRule::output_scaled;
    base.epochs = 2;
    base.record_trace = true;

    // The exam's handout prints w1 = (0, 1), w2 = (0, -1); a variant's question fixes the conventions (halves to
    // even, ties to the lower index), and the table says which other conventions give the same answer.
    auto question_opt = base;
    question_opt.rounding = Rounding::half_to_even;
    question_opt.tie_break = TieBreak::lowest_index;
    const dlc::Matrix<double> handout_final =
        q.exam ? dlc::Matrix<double>{{0, 1}, {0, -1}} : dlc::competitive_learning(X, W0, question_opt).weights;
    dlc::TextTable conventions({"rounding of halves", "tie winner", "final w1", "final w2",
                                q.exam ? "handout's final weights?" : "the question's answer?"});
    nlohmann::json conv_json = nlohmann::json::array();
    std::optional<dlc::CompetitiveResult<double>> reproducing;
    for (Rounding rnd : {Rounding::half_to_even, Rounding::half_away_from_zero, Rounding::half_toward_zero,
                         Rounding::half_up})
        for (TieBreak tie : {TieBreak::lowest_index, TieBreak::highest_index}) {
            auto opt = base;
            opt.rounding = rnd;
            opt.tie_break = tie;
            auto r = dlc::competitive_learning(X, W0, opt);
            const bool same = max_abs_diff(r.weights, handout_final) == 0.0;
            conventions.row({rounding_name(rnd), tie_name(tie), v2(xt::row(r.weights, 0)),
                             v2(xt::row(r.weights, 1)), same ? "yes" : "no"});
            conv_json.push_back({{"rounding", rounding_name(rnd)},
                                 {"tie_break", tie_name(tie)},
                                 {"final_weights", rows_json(r.weights)},
                                 {"reproduces_handout", same}});
            if (same && !reproducing && tie == TieBreak::lowest_index) reproducing = r;
        }
    out << "Every convention, and whether it gives " << (q.exam ? "the handout's" : "the question's") << " final weights w1 = "
        << v2(xt::row(handout_final, 0)) << ", w2 = " << v2(xt::row(handout_final, 1)) << ":\n"
        << conventions.str() << "\n";
    std::size_t halves = 0;
    bool rounding_matters = false;
    for (const auto& conv : conv_json)
        rounding_matters = rounding_matters || !conv.at("reproduces_handout").get<bool>();
    c.set("conventions", conv_json);

    // The full table under half-to-even rounding, lowest index on ties (IEEE rounding, the first
    // convention that reproduces the handout).
    auto opt = base;
    opt.rounding = Rounding::half_to_even;
    opt.tie_break = TieBreak::lowest_index;
    const auto r = dlc::competitive_learning(X, W0, opt);
    dlc::TextTable table({"epoch", "it", "x", "fields v", "winner", "y~", "update (unrounded)", "w1 after", "w2 after"});
    for (const auto& s : r.trace)
        table.row({std::to_string(s.epoch), std::to_string(s.iteration), v2(s.x), v2(s.fields),
                   std::to_string(s.winner + 1) + (s.tie ? " (tie)" : ""), dlc::fmt(s.output), v2(s.update),
                   v2(xt::row(s.weights_after, 0)), v2(xt::row(s.weights_after, 1))});
    out << "The table, rounding halves to even and giving ties to the lower index:\n" << table.str();
    c.set("table", table.to_json());
    c.set("final_weights", rows_json(r.weights));
    c.set("reproduced_by", q.exam ? "half to even, lowest index (see conventions)"
                                  : "half to even, lowest index: the question's conventions");
    for (const auto& st : r.trace)
        for (std::size_t d = 0; d < 2; ++d) halves += std::abs(st.update(d) - std::floor(st.update(d)) - 0.5) < 1e-12;
    out << halves << " coordinate(s) of the unrounded updates end in .5: there the rounding convention decides; "
        << (rounding_matters ? "and the final weights depend on the conventions (see the table above).\n"
                             : "every convention ends with the same final weights.\n");
    c.set("rounded_halves", halves);
    c.set("conventions_matter", rounding_matters);

    // Clustering interpretation: each data point goes to the neuron that wins it.
    out << "Clustering by the final weights (the winner for each point): ";
    nlohmann::json clusters = nlohmann::json::array();
    for (std::size_t i = 0; i < 4; ++i) {
        const auto v = dlc::competitive_fields(r.weights, dlc::Vector<double>(xt::row(X, i)));
        const std::size_t w = dlc::competitive_winner(v, TieBreak::lowest_index);
        out << v2(xt::row(X, i)) << " -> neuron " << w + 1 << (i < 3 ? "; " : ".\n");
        clusters.push_back(w + 1);
    }
    if (q.exam)
        out << "The neurons split the data by the sign of the second coordinate: w1 = (0, 1) is the centre of the upper "
               "pair, w2 = (0, -1) of the lower pair.\n";
    c.set("winner_per_point", clusters);

    // "tie, break either way": the tie at iteration 2, given to the other neuron.
    auto opt_hi = opt;
    opt_hi.tie_break = TieBreak::highest_index;
    const auto r_hi = dlc::competitive_learning(X, W0, opt_hi);
    std::size_t ties = 0;
    for (const auto& s : r.trace) ties += s.tie ? 1 : 0;
    const bool either_way = max_abs_diff(r_hi.weights, r.weights) == 0.0;
    std::string hi_clusters;
    for (std::size_t i = 0; i < 4; ++i) {
        const auto v = dlc::competitive_fields(r_hi.weights, dlc::Vector<double>(xt::row(X, i)));
        hi_clusters += (i ? ", " : "") + v2(xt::row(X, i)) + " -> " +
                       std::to_string(dlc::competitive_winner(v, TieBreak::highest_index) + 1);
    }
    out << "\nTies: " << ties << " step(s) had two equal fields (with ties to the lower index)."
        << (q.exam ? " The handout says \"tie, break either way\" at Ep 1, It 2 (fields w1^T x = w2^T x = 1)." : "")
        << " Giving every tie to neuron 2 instead ends with w1 = " << v2(xt::row(r_hi.weights, 0)) << ", w2 = " << v2(xt::row(r_hi.weights, 1)) << " (winners "
        << hi_clusters << "): "
        << (either_way ? "the same final weights, so the remark holds.\n"
                       : "different final weights, so the answer depends on the tie-break.\n");
    c.set("ties", ties);
    c.set("tie_either_way_same_result", either_way);
    c.set("final_weights_tie_to_neuron_2", rows_json(r_hi.weights));
    if (q.exam && !either_way)
        c.erratum("the tie at Ep 1, It 2 (Q2 (b) solution)", "tie, break either way",
                  "the final weights depend on the tie-break: w1 = (0, 1), w2 = (0, -1) with the tie to neuron 1, w1 = " +
                      v2(xt::row(r_hi.weights, 0)) + ", w2 = " + v2(xt::row(r_hi.weights, 1)) + " with it to neuron 2",
                  "At It 2, x = (1, 1) and w1^T x = w2^T x = 1. Given to neuron 2, w2 = (1/2)(2, -1) + (1/2)(1, 1) = "
                  "(3/2, 0) rounds to (2, 0) (half to even; (1, 0) rounding halves down), and the remaining six steps "
                  "take another path. The handout's answer needs the tie given to neuron 1.");

    // Figure: the weights' path through the steps, over the data.
    const double lim = std::max(2.5, xt::amax(xt::abs(xt::concatenate(xt::xtuple(X, W0))))() + 1.0);
    dlc::plot::Figure fig("mockfinal_q2_weights");
    fig.title("Mock final Q2: competitive learning with rounding (half to even)").equal_aspect()
        .xlabel("first coordinate").ylabel("second coordinate").xrange(-lim, lim).yrange(-lim, lim)
        .legend(dlc::plot::Legend::outside);
    fig.scatter(X, "data", dlc::plot::PointStyle{dlc::plot::Marker::dot, 1.6, 1.0, "#222222"});
    add_weight_paths(fig, W0, r.trace, "over the 8 steps");
    c.figure(fig, "Q2: the path of w1 and w2 over the 8 updates (after rounding), with the 4 data points");
    if (!q.exam) return;

    // Compare the handout's table with the computed trace, row by row.
    out << "\nThe handout's table, checked row by row:\n";
    std::size_t disagreements = 0, coefficients_right = 0;
    for (std::size_t t = 0; t < r.trace.size(); ++t) {
        const auto& s = r.trace[t];
        const auto& h = handout_rows[t];
        const std::string it = "It " + std::to_string(t + 1);
        if (h.x0 != s.x(0) || h.x1 != s.x(1)) {
            ++disagreements;
            c.erratum(it + ": data point", v2(h.x0, h.x1), v2(s.x),
                      "the data's 4th point is (-1, -1); the table prints (-1, 1)");
        }
        if (h.winner != s.winner + 1) {
            ++disagreements;
            c.erratum(it + ": winner", h.winner, s.winner + 1, "argmax of the fields");
        }
        if (h.y && *h.y != s.output) {
            ++disagreements;
            c.erratum(it + ": y~", *h.y, dlc::fmt(s.output), "y~ = w_i^T x with the weights before the step");
        }
        const double cw = 1 - 0.5 * s.output, cx = 0.5 * s.output;  // w_i <- (1 - eta y~) w_i + eta y~ x
        if (h.cw && (*h.cw != cw || *h.cx != cx)) {
            ++disagreements;
            c.erratum(it + ": the coefficients in w" + std::to_string(s.winner + 1) + " = a w" +
                          std::to_string(s.winner + 1) + " + b x",
                      "a = " + h.cw_text + " = " + dlc::fmt(*h.cw) + ", b = " + h.cx_text + " = " + dlc::fmt(*h.cx),
                      "a = 1 - eta y~ = " + dlc::fmt(cw) + ", b = eta y~ = " + dlc::fmt(cx),
                      "With eta = 1/2 and y~ = " + dlc::fmt(s.output) + ". The printed result " + v2(h.u0, h.u1) +
                          (std::abs(cw * s.weights_before(s.winner, 0) + cx * s.x(0) - h.u0) < 1e-12 &&
                                   std::abs(cw * s.weights_before(s.winner, 1) + cx * s.x(1) - h.u1) < 1e-12
                               ? " is right: it is " + dlc::fmt(cw) + " w + " + dlc::fmt(cx) + " x; the printed "
                                 "coefficients would give " +
                                     v2(*h.cw * s.weights_before(s.winner, 0) + *h.cx * s.x(0),
                                        *h.cw * s.weights_before(s.winner, 1) + *h.cx * s.x(1)) + "."
                               : " is checked separately."));
        } else if (h.cw) {
            ++coefficients_right;
        }
        if (h.u0 != s.update(0) || h.u1 != s.update(1)) {
            ++disagreements;
            c.erratum(it + ": unrounded update of w" + std::to_string(s.winner + 1), v2(h.u0, h.u1), v2(s.update),
                      "w + eta y~ (x - w) = " + dlc::fmt(1 - 0.5 * s.output) + " w + " + dlc::fmt(0.5 * s.output) +
                          " x, with x = " + v2(s.x));
        }
        const dlc::Matrix<double> hw = {{h.w1a, h.w1b}, {h.w2a, h.w2b}};
        if (max_abs_diff(hw, s.weights_after) != 0.0) {
            ++disagreements;
            c.erratum(it + ": weights after rounding", rows_json(hw), rows_json(s.weights_after),
                      "rounding halves to even");
        }
    }
    if (disagreements == 0) c.agrees("the number of the table's rows that the computation reproduces", "8 of 8");
    out << "The printed coefficients (1 - eta y~, eta y~) are right in " << coefficients_right << " of the 7 rows that "
        << "print them.\n";
    c.set("rows_with_right_coefficients", coefficients_right);
    out << disagreements << " printed value(s) differ from the computation; the final weights "
        << (max_abs_diff(r.weights, handout_final) == 0.0 ? "agree" : "do not agree") << " with the handout.\n";
}

}  // namespace kmeans_lecture
