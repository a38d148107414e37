// Bahng Definition 9.8, the Bernoulli pairwise MRF p(x) = exp(sum_{ij in E} x_i x_j theta_ij + sum_i x_i theta_i) / Z,
// on the 4-cycle x1 - x2 - x3 - x4 - x1 (Example 9.7's graph) with seeded parameters: p(x_k = 1 | x_-k) by
// enumeration against each line of the printed derivation; the Markov properties (Definitions 9.5, 9.6); the
// quadratic energy -x^T U x - b^T x as the same model.
#include "cases.hpp"
#include "common.hpp"

#include "graphical/binary_states.hpp"
#include "graphical/pairwise_mrf.hpp"
#include "graphical/rbm.hpp"
#include "graphical/undirected.hpp"
#include "plot/figure.hpp"
#include "report/json.hpp"
#include "report/table.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace boltzmann_lecture {

void pairwise_mrf_conditional(dlc::Case& c) {
    auto& out = c.out();
    auto& rng = c.rng();
    const std::size_t n = 4;
    dlc::Vector<double> theta = xt::zeros<double>({n});
    for (auto& t : theta) t = std::round(rng.normal(0.0, 1.0) * 100) / 100;  // two decimals, easy to follow by hand
    std::vector<dlc::MrfEdge> edges;
    for (std::size_t i = 0; i < n; ++i) edges.push_back({i, (i + 1) % n, std::round(rng.normal(0.0, 1.5) * 100) / 100});
    const auto mrf = dlc::make_pairwise_mrf(theta, edges);
    out << "The 4-cycle x1 - x2 - x3 - x4 - x1 (seeded parameters, rounded to two decimals):\n  theta_i = "
        << dlc::fmt_vec(theta) << "\n  ";
    for (const auto& e : edges) out << "theta_" << e.i + 1 << e.j + 1 << " = " << dlc::fmt(e.theta) << "   ";
    out << "\n";

    const auto p = dlc::joint_table(dlc::mrf_as_cliques(mrf));
    const double Z = dlc::partition_function(dlc::mrf_as_cliques(mrf));
    out << "Z = sum over the 16 states of exp(score) = " << dlc::fmt(Z, 8) << ".\n";

    // Each line of the printed derivation for every k and every x_-k.
    //  line 1-2: p(x_k = 1, x_-k) / (p(x_k = 0, x_-k) + p(x_k = 1, x_-k)), from the joint table;
    //  line 3:   exp(sum_{kj} x_j theta_kj + x_k theta_k) / (exp(0) + exp(...)) with x_k = 1 substituted;
    //  line 4:   the printed sigma{-theta_k x_k - sum_{kj} x_j theta_kj} (x_k = 1), and the correct sigma(theta_k + sum).
    dlc::TextTable lines({"k", "x (x_k = 1)", "enumeration", "line 3", "sigma(theta_k + sum)", "printed sigma(-...)"});
    double max_line3 = 0, max_closed = 0, max_printed = 0, max_printed_complement = 0, max_ratio = 0;
    std::vector<double> enum_values, closed_values, printed_values;
    for (std::size_t k = 0; k < n; ++k)
        for (std::size_t s = 0; s < 16; ++s) {
            if (!dlc::state_bit(s, n, k)) continue;  // each x_-k once, with x_k = 1
            const auto x = dlc::binary_state<double>(s, n);
            const double enumerated = dlc::conditional_one(p, n, k, s);
            double a = 0;  // sum_{kj in E} x_j theta_kj
            for (const auto& e : edges) {
                if (e.i == k) a += x(e.j) * e.theta;
                if (e.j == k) a += x(e.i) * e.theta;
            }
            const double xk = 1.0;
            const double line3 = std::exp(a + xk * theta(k)) / (std::exp(0.0) + std::exp(a + xk * theta(k)));
            const double closed = dlc::mrf_conditional(mrf, k, x);
            const double printed = dlc::sigmoid(-theta(k) * xk - a);
            // The evaluation lines: p(x_k = 1, x_-k) / p(x_k = 0, x_-k) = exp(sum_{kj} x_j theta_kj + theta_k).
            const std::size_t s0 = s & ~(std::size_t(1) << (n - 1 - k));
            max_ratio = std::max(max_ratio, std::abs(std::log(p[s] / p[s0]) - (a + theta(k))));
            max_line3 = std::max(max_line3, std::abs(line3 - enumerated));
            max_closed = std::max(max_closed, std::abs(closed - enumerated));
            max_printed = std::max(max_printed, std::abs(printed - enumerated));
            max_printed_complement = std::max(max_printed_complement, std::abs(printed - (1.0 - enumerated)));
            enum_values.push_back(enumerated);
            closed_values.push_back(closed);
            printed_values.push_back(printed);
            lines.row({std::to_string(k + 1), dlc::state_str(s, n), dlc::fmt(enumerated, 8), dlc::fmt(line3, 8),
                       dlc::fmt(closed, 8), dlc::fmt(printed, 8)});
        }
    out << "\np(x_k = 1 | x_-k) for every k and every x_-k (the x column shows the state with x_k = 1):\n" << lines.str()
        << "max |line 3 - enumeration| = " << dlc::fmt(max_line3, 3) << ", max |sigma(theta_k + sum) - enumeration| = "
        << dlc::fmt(max_closed, 3) << ",\nmax |printed - enumeration| = " << dlc::fmt(max_printed, 4)
        << ", max |printed - (1 - enumeration)| = " << dlc::fmt(max_printed_complement, 3) << ".\n";

    if (max_ratio < 1e-12)
        c.agrees("Definition 9.8: p(x_k = 1, x_-k) and p(x_k = 0, x_-k) as evaluated (their ratio is "
                 "exp(sum_{kj} x_j theta_kj + theta_k))", max_ratio);
    if (max_line3 < 1e-12)
        c.agrees("Definition 9.8: the third line exp(sum x_j theta_kj + x_k theta_k) / (exp(0) + exp(...)) with x_k = 1",
                 max_line3);
    c.note("Definition 9.8, the third line",
           "The numerator and denominator keep x_k theta_k although x_k = 1 has been substituted; read it as theta_k "
           "(with x_k = 0 it would give sigma(sum_{kj} x_j theta_kj), which is wrong).");
    if (max_closed < 1e-12 && max_printed > 1e-3 && max_printed_complement < 1e-12)
        c.erratum("Definition 9.8: the last line of p(x_k = 1 | x_-k)", "sigma{-theta_k x_k - sum_{kj in E} x_j theta_kj}",
                  "sigma(theta_k + sum_{kj in E} theta_kj x_j)",
                  "the line before it is e^a / (1 + e^a) = sigma(a) with a = theta_k + sum_{kj} x_j theta_kj; the printed "
                  "sigma(-a) is 1 - p: over all 32 (k, x_-k) of the seeded 4-cycle it is off from the enumeration by up to " +
                      dlc::fmt(max_printed, 4) + " and equals 1 - p to " + dlc::fmt(max_printed_complement, 2));

    // Markov properties: x1 and x3 are separated by {x2, x4}; x1's blanket is {x2, x4}.
    const double gap_13 = dlc::independence_gap(p, n, {0}, {2}, {1, 3});
    const double gap_13_marginal = dlc::independence_gap(p, n, {0}, {2}, {});
    double blanket = 0;
    for (std::size_t s = 0; s < 16; ++s)
        blanket = std::max(blanket, std::abs(dlc::conditional_one(p, n, 0, s) - dlc::conditional_one(p, n, 0, s ^ 0b0010)));
    out << "\nDefinition 9.5: x1 and x3 given {x2, x4}: max |p(x1, x3 | x2, x4) - p(x1 | .) p(x3 | .)| = "
        << dlc::fmt(gap_13, 3) << "; without conditioning " << dlc::fmt(gap_13_marginal, 4) << ".\n"
        << "Definition 9.6: flipping x3 (not a neighbour of x1) changes p(x1 = 1 | x_-1) by at most " << dlc::fmt(blanket, 3)
        << ": the Markov blanket of x1 is {x2, x4}.\n";
    if (gap_13 < 1e-15 && gap_13_marginal > 1e-6)
        c.agrees("Definition 9.5: {x2, x4} blocks every path from x1 to x3, so x1 is independent of x3 given them", gap_13);
    if (blanket < 1e-15)
        c.agrees("Definition 9.6: the Markov blanket of a node is its neighbours", blanket);
    // "MRFs are related to the logistic function": the log-odds is linear in the neighbours.
    c.agrees("Definition 9.8: p(x_k = 1 | x_-k) is a logistic regression on the neighbours (the log-odds "
             "theta_k + sum_{kj} theta_kj x_j is linear)", max_closed);

    // The quadratic energy E(x) = -x^T U x - b^T x on binary x: theta_i = b_i + U_ii, theta_ij = U_ij + U_ji.
    dlc::Matrix<double> U = xt::zeros<double>({n, n});
    for (auto& u : U) u = std::round(rng.normal(0.0, 0.5) * 100) / 100;
    dlc::Vector<double> bq = xt::zeros<double>({n});
    for (auto& v : bq) v = std::round(rng.normal(0.0, 0.5) * 100) / 100;
    const auto mrf_u = dlc::mrf_from_quadratic_energy(U, bq);
    double max_energy = 0;
    for (std::size_t s = 0; s < 16; ++s) {
        const auto x = dlc::binary_state<double>(s, n);
        double e = 0;
        for (std::size_t i = 0; i < n; ++i) {
            e -= bq(i) * x(i);
            for (std::size_t j = 0; j < n; ++j) e -= x(i) * U(i, j) * x(j);
        }
        max_energy = std::max(max_energy, std::abs(-e - dlc::mrf_score(mrf_u, x)));
    }
    out << "\nThe energy E(x) = -x^T U x - b^T x with a seeded U =\n" << matrix_str(U) << "and b = " << dlc::fmt_vec(bq)
        << " is Definition 9.8's model with theta_i = b_i + U_ii = " << dlc::fmt_vec(mrf_u.theta_node)
        << " and theta_ij = U_ij + U_ji (all 6 pairs): -E equals the score on all 16 states to " << dlc::fmt(max_energy, 3)
        << ".\n";
    c.note("Definition 9.8 and E(x) = -x^T U x - b^T x",
           "On binary x the quadratic energy is not more general than the pairwise MRF: x_i^2 = x_i moves U_ii into the "
           "biases and each pair enters as U_ij + U_ji, so it is Definition 9.8 on the complete graph. The Gaussian "
           "case (Example 9.9) is the same quadratic form on real x, where it needs -x^T U x = -x^T J x / 2 with J "
           "positive definite to be normalizable.");

    c.set("theta_node", dlc::to_json_value(theta));
    nlohmann::json ej = nlohmann::json::array();
    for (const auto& e : edges) ej.push_back({{"i", e.i + 1}, {"j", e.j + 1}, {"theta", e.theta}});
    c.set("edges", ej);
    c.set("Z", Z);
    c.set("conditionals_enumerated", enum_values);
    c.set("max_abs_closed_form_minus_enumeration", max_closed);
    c.set("max_abs_printed_minus_enumeration", max_printed);
    c.set("max_abs_printed_minus_complement", max_printed_complement);
    c.set("independence_gap_x1_x3_given_x2_x4", gap_13);
    c.set("markov_blanket_gap", blanket);
    c.set("quadratic_energy_max_abs_diff", max_energy);

    dlc::Matrix<double> on = xt::zeros<double>({enum_values.size(), std::size_t(2)}), pr = on;
    for (std::size_t i = 0; i < enum_values.size(); ++i) {
        on(i, 0) = pr(i, 0) = enum_values[i];
        on(i, 1) = closed_values[i];
        pr(i, 1) = printed_values[i];
    }
    dlc::plot::Figure fig("mrf_conditionals");
    fig.title("Definition 9.8 on the 4-cycle: p(x_k = 1 | x_-k), 32 cases").xlabel("by enumeration")
        .ylabel("by the formula").xrange(0, 1).yrange(0, 1).equal_aspect()
        .lines({0.0, 1.0}, {0.0, 1.0}, "y = x", dlc::plot::LineStyle{1.0, "#999999", true})
        .scatter(on, "sigma(theta_k + sum theta_kj x_j)", dlc::plot::PointStyle::dot(1.2))
        .scatter(pr, "printed sigma(-theta_k x_k - sum x_j theta_kj)", dlc::plot::PointStyle::cross(1.2));
    c.figure(fig, "The closed form lies on the diagonal; the printed last line lies on y = 1 - x");
}

}  // namespace boltzmann_lecture
