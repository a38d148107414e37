// Bahng Example 9.8, transmission of colds: you (h_y), your coworker (h_c) and your roommate (h_r), 1 = healthy,
// 0 = sick; cliques {h_y, h_c} and {h_y, h_r}. The printed clique table, the normalized distribution by enumeration,
// and each sentence of the text checked against it.
#include "cases.hpp"
#include "common.hpp"

#include "graphical/binary_states.hpp"
#include "graphical/undirected.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace boltzmann_lecture {

void colds_cliques(dlc::Case& c) {
    auto& out = c.out();
    // Table 1, rows h_c, columns h_y: phi(h_c = 0, h_y = 0) = 2, phi(0, 1) = 1, phi(1, 0) = 1, phi(1, 1) = 10.
    const double printed[2][2] = {{2, 1}, {1, 10}};
    // As a potential on (h_y, h_c) with h_y the most significant bit: entry 2 h_y + h_c.
    std::vector<double> table(4);
    for (int hy = 0; hy < 2; ++hy)
        for (int hc = 0; hc < 2; ++hc) table[2 * hy + hc] = printed[hc][hy];
    out << "Variables (h_y, h_c, h_r): you, your coworker, your roommate; 1 = healthy, 0 = sick.\n"
        << "Table 1, phi(h_y, h_c):     h_y = 0   h_y = 1\n"
        << "                  h_c = 0     " << printed[0][0] << "         " << printed[0][1] << "\n"
        << "                  h_c = 1     " << printed[1][0] << "         " << printed[1][1] << "\n";
    c.note("Example 9.8, the second clique",
           "Only the table of the clique {h_y, h_c} is printed; the clique {h_y, h_r} (you and your roommate) needs a "
           "factor too. The program uses the same table for it, so the results below depend on that choice.");
    const auto model = dlc::make_undirected_model(3, {{{0, 1}, table}, {{0, 2}, table}});

    // The normalized distribution by enumeration.
    const auto weights = dlc::unnormalized_table(model);
    const double Z = dlc::partition_function(model);
    const auto p = dlc::joint_table(model);
    dlc::TextTable states({"h_y h_c h_r", "phi(h_y,h_c) phi(h_y,h_r)", "E = -log(product)", "p"});
    for (std::size_t s = 0; s < 8; ++s)
        states.row({dlc::state_str(s, 3), dlc::fmt(weights[s]), dlc::fmt(-std::log(weights[s]), 6), dlc::fmt(p[s], 6)});
    out << "\nThe joint p(h_y, h_c, h_r) = phi(h_y, h_c) phi(h_y, h_r) / Z, Z = " << dlc::fmt(Z) << ":\n" << states.str();

    const auto py = dlc::marginal_table(p, 3, {0}), pc = dlc::marginal_table(p, 3, {1}), pr = dlc::marginal_table(p, 3, {2});
    const auto pyc = dlc::marginal_table(p, 3, {0, 1}), pcr = dlc::marginal_table(p, 3, {1, 2});
    const double c_sick_given_y_sick = pyc[0] / py[0];             // p(h_c = 0 | h_y = 0)
    const double c_sick_given_y_healthy = pyc[2] / py[1];          // p(h_c = 0 | h_y = 1)
    const double r_sick_given_c_sick = pcr[0] / pc[0];             // p(h_r = 0 | h_c = 0)
    const double gap_given_y = dlc::independence_gap(p, 3, {1}, {2}, {0});
    const double gap_marginal = dlc::independence_gap(p, 3, {1}, {2}, {});
    const double mi = dlc::mutual_information(p, 3, {1}, {2});
    std::size_t best = 0;
    for (std::size_t s = 1; s < 8; ++s)
        if (p[s] > p[best]) best = s;
    out << "\nMarginals: p(h_y = 1) = " << dlc::fmt(py[1]) << ", p(h_c = 1) = " << dlc::fmt(pc[1]) << ", p(h_r = 1) = "
        << dlc::fmt(pr[1]) << ".\n"
        << "p(h_c = 0 | h_y = 0) = " << dlc::fmt(c_sick_given_y_sick) << ", p(h_c = 0 | h_y = 1) = "
        << dlc::fmt(c_sick_given_y_healthy) << ".\n"
        << "Coworker and roommate: max |p(h_c, h_r | h_y) - p(h_c | h_y) p(h_r | h_y)| = " << dlc::fmt(gap_given_y, 3)
        << " (independent given you), but max |p(h_c, h_r) - p(h_c) p(h_r)| = " << dlc::fmt(gap_marginal, 4)
        << " and I(h_c; h_r) = " << dlc::fmt(mi, 4) << " nats: p(h_r = 0 | h_c = 0) = " << dlc::fmt(r_sick_given_c_sick)
        << " vs p(h_r = 0) = " << dlc::fmt(pr[0]) << ".\n"
        << "Most probable state: (h_y, h_c, h_r) = " << dlc::state_str(best, 3) << " with p = " << dlc::fmt(p[best]) << ".\n";

    // The text's sentences about the table.
    double max_value = 0;
    int max_hy = 0, max_hc = 0;
    for (int hc = 0; hc < 2; ++hc)
        for (int hy = 0; hy < 2; ++hy)
            if (printed[hc][hy] > max_value) {
                max_value = printed[hc][hy];
                max_hy = hy;
                max_hc = hc;
            }
    out << "\nThe text: \"Both of you are usually healthy, so the state (1, 1) gets the maximum value of 1.\" The table's "
        << "maximum is " << dlc::fmt(max_value) << " at (h_y, h_c) = (" << max_hy << ", " << max_hc << ").\n";
    if (max_value != 1.0 && max_hy == 1 && max_hc == 1)
        c.erratum("Example 9.8: the value of the state (1, 1)", 1, max_value,
                  "Table 1 gives phi(1, 1) = 10, its largest entry; (1, 1) does get the maximum, but the maximum is 10, "
                  "not 1 (1 is the value of the mixed states)");
    if (printed[0][0] == 2) c.agrees("Example 9.8: (0, 0), both sick, has the value 2", 2);
    if (printed[0][1] == 1 && printed[1][0] == 1 && printed[0][1] < printed[0][0])
        c.agrees("Example 9.8: one sick and the other healthy is the least likely, value 1", 1);
    if (c_sick_given_y_sick > 0.5 && c_sick_given_y_sick > c_sick_given_y_healthy)
        c.agrees("Example 9.8: if one of you is sick the other is likely sick too (p(h_c = 0 | h_y = 0))",
                 c_sick_given_y_sick);
    if (gap_given_y < 1e-15 && gap_marginal > 1e-3)
        c.agrees("Example 9.8: the roommate and the coworker interact only through you (independent given h_y, "
                 "dependent otherwise)", mi);

    c.set("clique_table_hy_hc", {{printed[0][0], printed[0][1]}, {printed[1][0], printed[1][1]}});
    c.set("Z", Z);
    c.set("joint", p);
    c.set("p_hy_healthy", py[1]);
    c.set("p_hc_healthy", pc[1]);
    c.set("p_hc_sick_given_hy_sick", c_sick_given_y_sick);
    c.set("p_hc_sick_given_hy_healthy", c_sick_given_y_healthy);
    c.set("p_hr_sick_given_hc_sick", r_sick_given_c_sick);
    c.set("independence_gap_given_hy", gap_given_y);
    c.set("independence_gap_marginal", gap_marginal);
    c.set("mutual_information_hc_hr", mi);
    c.set("most_probable_state", dlc::state_str(best, 3));

    dlc::Matrix<double> grid = xt::zeros<double>({2, 4});
    for (std::size_t s = 0; s < 8; ++s) grid(s >> 2, s & 3) = p[s];
    dlc::plot::HeatmapOptions h;
    h.show_values = true;
    h.value_format = "%.4f";
    h.row_labels = {"h_y = 0", "h_y = 1"};
    h.col_labels = {"00", "01", "10", "11"};
    h.colour_bar_label = "p(h_y, h_c, h_r)";
    dlc::plot::Figure fig("colds_joint");
    fig.title("Example 9.8: p(h_y, h_c, h_r), the same table on both cliques (1 = healthy)")
        .xlabel("(h_c, h_r)").ylabel("h_y").heatmap(grid, h);
    c.figure(fig, "The normalized distribution of the colds model: almost all mass on everyone healthy");
}

}  // namespace boltzmann_lecture
