// Mock final Q2 (Lecture 18): the competitive (winner-take-all) rule, then two epochs over x1 = (0, 1),
// x2 = (1, 1), x3 = (0, -1), x4 = (-1, -1) with eta = 1/2, w1 = (-1, 2), w2 = (2, -1), the weights rounded to the
// nearest integer after every update. The computation (every rounding and tie convention, the table) is the
// k-means lecture's case mockfinal_q2.
#include "cases.hpp"
#include "solution.hpp"
#include "variants.hpp"

#include "kmeans/cases.hpp"
#include "report/table.hpp"

namespace mockfinal {

void q2_competitive(dlc::Case& c) {
    const auto draw = draw_q2(variant(c));
    const auto& q = draw.question;
    std::string data;
    for (std::size_t i = 0; i < 4; ++i) data += (i ? ", " : "") + point(nlohmann::json{q.X(i, 0), q.X(i, 1)});
    const std::string question =
        "Competitive learning with two neurons: the winner is i* = argmax_i w_i^T x.\n"
        "(a) Write the update rule of the winner when its output y~ = w_i*^T x scales the step. What kind of rule is "
        "it?\n(b) Present the points " + data + " in this order for two epochs with eta = " + dlc::fmt(q.eta) +
        ", from w1 = " + point(nlohmann::json{q.W0(0, 0), q.W0(0, 1)}) + ", w2 = " +
        point(nlohmann::json{q.W0(1, 0), q.W0(1, 1)}) + ", rounding the weights to the nearest integer after every "
        "update" + (q.exam ? "" : " (halves to even: 0.5 -> 0, 1.5 -> 2; a tie goes to neuron 1)") +
        ". Give the table and the final weights; how are the points clustered?\n";
    const std::string work = c.collect([&](dlc::Case& lc) { kmeans_lecture::competitive_rounded(lc, q); });
    c.set("redraws", draw.redraws);
    const auto& w = result(c, "final_weights");
    const auto& winners = result(c, "winner_per_point");
    std::string clusters[2];
    for (std::size_t i = 0; i < winners.size(); ++i) {
        const int j = winners[i].get<int>() - 1;
        if (j == 0 || j == 1) clusters[j] += (clusters[j].empty() ? "x" : ", x") + std::to_string(i + 1);
    }
    const auto& tied = result(c, "final_weights_tie_to_neuron_2");
    const std::size_t ties = result(c, "ties").get<std::size_t>();
    std::string answer =
        std::string("(a) Winner: i* = argmax_i w_i^T x, output y~ = w_i*^T x; only the winner learns:\n"
                    "    w_i* <- w_i* + eta y~ (x - w_i*) = (1 - eta y~) w_i* + eta y~ x.\n"
                    "    A Hebbian rule (the update is proportional to output times input), with competition.\n") +
        "(b) With the rounding and tie-break " + (q.exam ? "that reproduce the handout's table (" : "of the question (") +
        result(c, "reproduced_by").get<std::string>() + "), after two epochs w1 = " + point(w[0]) + ", w2 = " +
        point(w[1]) + ".\n"
        "    Clustering: neuron 1 wins {" + clusters[0] + "}, neuron 2 wins {" + clusters[1] +
        "}" + (q.exam ? ": the points above and below the x-axis, each weight pointing at its cluster" : "") + ".\n";
    if (ties > 0)
        answer += "    The run has " + std::to_string(ties) + " tie" + (ties == 1 ? "" : "s") +
                  " (w1^T x = w2^T x); " +
                  (result(c, "tie_either_way_same_result").get<bool>()
                       ? "breaking it either way gives the same final weights."
                       : std::string(q.exam ? "it cannot be broken 'either way' as the handout says: " : "") +
                             "given to neuron 2, the final weights "
                         "are w1 = " + point(tied[0]) + ", w2 = " + point(tied[1]) + ".") +
                  "\n";
    present(c, question, answer, "kmeans", "mockfinal_q2", work);
}

}  // namespace mockfinal
