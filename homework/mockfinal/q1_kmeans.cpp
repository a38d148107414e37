// Mock final Q1 (Lecture 17): Lloyd's algorithm for k = 2 on x1 = (-0.01, 1), x2 = (1, 1), x3 = (0.01, -1),
// x4 = (-1, -1). (a) From the 2nd and 3rd points, step by step to convergence; (b) an initialization that
// converges elsewhere. The computation is the k-means lecture's case mockfinal_q1.
#include "cases.hpp"
#include "solution.hpp"
#include "variants.hpp"

#include "kmeans/cases.hpp"
#include "report/table.hpp"

namespace mockfinal {

namespace {

// [[1, 2], [3, 4]] -> "V1 = {x1, x2}, V2 = {x3, x4}"
std::string cells(const nlohmann::json& c) {
    std::string s;
    for (std::size_t j = 0; j < c.size(); ++j) {
        s += (j ? ", V" : "V") + std::to_string(j + 1) + " = {";
        for (std::size_t i = 0; i < c[j].size(); ++i) s += (i ? ", x" : "x") + std::to_string(c[j][i].get<int>());
        s += "}";
    }
    return s;
}

}  // namespace

void q1_kmeans(dlc::Case& c) {
    const auto draw = draw_q1(variant(c));
    const auto& q = draw.question;
    std::string points;
    for (std::size_t i = 0; i < 4; ++i)
        points += (i ? ", x" : "x") + std::to_string(i + 1) + " = " + point(nlohmann::json{q.X(i, 0), q.X(i, 1)});
    const std::string question =
        "Lloyd's algorithm (k-means) for k = 2 on the four points " + points + ".\n"
        "(a) Start with the centres at x" + std::to_string(q.first + 1) + " and x" + std::to_string(q.second + 1) +
        ". Run the algorithm step by step (assignment, update) until it converges; give the final centres and cells.\n"
        "(b) Give an initialization that converges to a different result.\n";
    const std::string work = c.collect([&](dlc::Case& lc) { kmeans_lecture::lloyd_four_points(lc, q); });
    c.set("redraws", draw.redraws);
    const auto& init = result(c, "initial_centres");
    const auto& centres = result(c, "final_centres");
    const auto& alt = result(c, "alternative_initial_centres");
    const std::string answer =
        "(a) Start: c1 = " + point(init[0]) + ", c2 = " + point(init[1]) + ". Assignment: " +
        cells(result(c, "final_cells")) + "; update: c1 = " + point(centres[0]) + ", c2 = " + point(centres[1]) +
        ". The next assignment gives the same cells, so Lloyd's algorithm stops after " +
        std::to_string(result(c, "iterations").get<int>()) + " update step(s).\n    Final centres c1 = " +
        point(centres[0]) + ", c2 = " + point(centres[1]) + "; J = " + number(result(c, "objective")) +
        ". (Figure: the initial boundary, dashed, and the final cells.)\n"
        "(b) Start from the means of the cells " + cells(result(c, "alternative_cells")) + ": c1 = " + point(alt[0]) +
        ", c2 = " + point(alt[1]) + ". The cells " + (q.exam ? "are separated by the y-axis and " : "") +
        "do not change: " +
        (result(c, "alternative_is_fixed_point").get<bool>() ? "a fixed point" : "NOT a fixed point") +
        ", with J = " + number(result(c, "alternative_objective")) +
        (result(c, "lower_objective") == "part (a)" ? " (higher than (a)'s: a worse local minimum).\n"
                                                     : " (lower than (a)'s).\n");
    present(c, question, answer, "kmeans", "mockfinal_q1", work);
}

}  // namespace mockfinal
