// Mock final Q1 (ECE/CS 559, Lecture 17): Lloyd's algorithm for k = 2 on four points.
// (a) step by step from the 2nd and 3rd points; (b) an initialization that converges elsewhere.
#include "cases.hpp"
#include "common.hpp"

#include "cluster/init.hpp"
#include "cluster/kmeans.hpp"
#include "report/table.hpp"

#include <map>

namespace kmeans_lecture {

namespace {

std::string centre_str(const dlc::Matrix<double>& C, std::size_t j) {
    return "c" + std::to_string(j + 1) + " = (" + dlc::fmt(C(j, 0)) + ", " + dlc::fmt(C(j, 1)) + ")";
}

// Part (b): every fixed point reachable from initial centres on a grid over the data's box,
// keyed by its partition (cells as sets of points, the order of the two centres ignored).
struct FixedPoint {
    dlc::Matrix<double> centres;
    dlc::Labels cells;
    double J;
    dlc::Matrix<double> example_init;
    std::size_t inits = 0;
};

std::string partition_key(const dlc::Labels& c) {
    // Canonical: relabel so that point x1 is in cell "a".
    std::string key;
    for (std::size_t i = 0; i < c.size(); ++i) key += (c(i) == c(0)) ? 'a' : 'b';
    return key;
}

std::string points_text(const dlc::Matrix<double>& X) {
    std::string s;
    for (std::size_t i = 0; i < X.shape(0); ++i)
        s += (i ? ", x" : "x") + std::to_string(i + 1) + " = (" + dlc::fmt(X(i, 0)) + ", " + dlc::fmt(X(i, 1)) + ")";
    return s;
}

}  // namespace

std::vector<dlc::Labels> lloyd_fixed_partitions(const dlc::Matrix<double>& X) {
    const std::size_t n = X.shape(0);
    std::vector<dlc::Labels> fixed;
    // Partitions with x1 in cell 0: masks of the other points' cells; cell 1 non-empty.
    for (std::size_t mask = 1; mask < (std::size_t{1} << (n - 1)); ++mask) {
        dlc::Labels cells = xt::zeros<std::size_t>({n});
        for (std::size_t i = 1; i < n; ++i) cells(i) = (mask >> (i - 1)) & 1;
        double mean[2][2] = {{0, 0}, {0, 0}}, count[2] = {0, 0};
        for (std::size_t i = 0; i < n; ++i) {
            count[cells(i)] += 1;
            for (std::size_t d = 0; d < 2; ++d) mean[cells(i)][d] += X(i, d);
        }
        for (std::size_t j = 0; j < 2; ++j)
            for (std::size_t d = 0; d < 2; ++d) mean[j][d] /= count[j];
        bool keeps = true;
        for (std::size_t i = 0; i < n && keeps; ++i) {
            double dist[2];
            for (std::size_t j = 0; j < 2; ++j)
                dist[j] = (X(i, 0) - mean[j][0]) * (X(i, 0) - mean[j][0]) + (X(i, 1) - mean[j][1]) * (X(i, 1) - mean[j][1]);
            keeps = dist[cells(i)] < dist[1 - cells(i)] - 1e-12;
        }
        if (keeps) fixed.push_back(cells);
    }
    return fixed;
}

void mockfinal_q1(dlc::Case& c) { lloyd_four_points(c, LloydQuestion{}); }

void lloyd_four_points(dlc::Case& c, const LloydQuestion& q) {
    auto& out = c.out();
    const dlc::Matrix<double>& X = q.X;
    if (X.shape(0) != 4 || X.shape(1) != 2 || q.first >= 4 || q.second >= 4 || q.first == q.second)
        throw dlc::ValueError(c.id(), "Q1 needs four points in the plane and two different ones as initial centres");
    out << "Data: " << points_text(X) << "; k = 2.\n"
        << "Lloyd's algorithm: c_i <- argmin_j ||x_i - mu_j||^2 (Voronoi cells), then mu_j <- mean of V_j.\n\n"
        << "(a) Initial centres: x" << q.first + 1 << " and x" << q.second + 1 << ".\n";

    const dlc::Matrix<double> mu0 = dlc::points_as_centres(X, {q.first, q.second});
    dlc::KMeansOptions opt;
    opt.record_trace = true;
    const auto r = dlc::kmeans(X, mu0, opt);

    out << "Initialization: " << centre_str(mu0, 0) << ", " << centre_str(mu0, 1) << "\n";
    dlc::TextTable table({"step", "Voronoi cells (assignment step)", "updated centres (update step)", "J before update"});
    for (std::size_t t = 0; t < r.trace.size(); ++t) {
        const auto& s = r.trace[t];
        table.row({std::to_string(t + 1), cells_str(s.assignments, 2),
                   centre_str(s.centres_after, 0) + ", " + centre_str(s.centres_after, 1), dlc::fmt(r.objective[t])});
    }
    table.row({std::to_string(r.trace.size() + 1), cells_str(r.assignments, 2), "cells unchanged: stop",
               dlc::fmt(r.objective.back())});
    out << table.str();
    out << "Final centres: " << centre_str(r.centres, 0) << ", " << centre_str(r.centres, 1) << "; J = "
        << dlc::fmt(r.objective.back()) << " after " << r.iterations << " update step(s)"
        << (r.converged ? ", converged" : ", NOT converged") << ".\n";

    c.set("initial_centres", rows_json(mu0));
    c.set("steps", table.to_json());
    c.set("final_centres", rows_json(r.centres));
    c.set("final_cells", cells_json(r.assignments, 2));
    c.set("iterations", r.iterations);
    c.set("converged", r.converged);
    c.set("objective", r.objective.back());

    // The handout's solution prints the updated centres as (0.99/2, 1) and (-0.99/2, -1).
    const dlc::Matrix<double> handout = {{0.99 / 2, 1.0}, {-0.99 / 2, -1.0}};
    if (q.exam && max_abs_diff(handout, r.centres) < 1e-12)
        c.agrees("the final centres of Q1 (a)", "(0.495, 1) and (-0.495, -1)");
    else if (q.exam)
        c.erratum("final centres", rows_json(handout), rows_json(r.centres), "recomputed with Lloyd's algorithm");

    // Figure: data with the initial and final Voronoi cells on one plot, as the question asks. The plot and the
    // grid of initial centres in (b) span [-m, m]^2, m = the largest coordinate + 1/2 (the exam: [-1.5, 1.5]^2).
    const double m = xt::amax(xt::abs(X))() + 0.5;
    const Box box{-m - 0.1, m + 0.1, -m - 0.1, m + 0.1};
    auto fig = voronoi_figure("mockfinal_q1_voronoi", "Mock final Q1(a): final Voronoi cells (shaded), initial (dashed)",
                              X, r.centres, r.assignments, box);
    // The initial cells' boundary: the perpendicular bisector of mu1^(0) mu2^(0), clipped to the box.
    {
        const double mx = (mu0(0, 0) + mu0(1, 0)) / 2, my = (mu0(0, 1) + mu0(1, 1)) / 2;
        const double dx = -(mu0(1, 1) - mu0(0, 1)), dy = mu0(1, 0) - mu0(0, 0);  // perpendicular direction
        const double len = 10.0 / std::hypot(dx, dy);
        const dlc::Matrix<double> a = {{mx - dx * len, my - dy * len}}, b = {{mx + dx * len, my + dy * len}};
        dlc::plot::LineStyle dashed;
        dashed.dashed = true;
        dashed.colour = "#444444";
        fig.segments(a, b, "initial cell boundary", dashed);
        dlc::plot::PointStyle init_style{dlc::plot::Marker::open_square, 2.5, 2.0, "#444444"};
        fig.scatter(mu0, "initial centres", init_style);
    }
    c.figure(fig, "Q1(a): the four points, the initial cells (dashed boundary, squares) and the final cells and centres");

    // (b) Which fixed points can Lloyd's algorithm reach? First the data points as initial centres,
    // then initial centres anywhere on a grid over the box.
    out << "\n(b) Initializations that converge elsewhere.\n";
    dlc::TextTable pairs({"initial centres", "final cells", "final J"});
    std::size_t pairs_elsewhere = 0;
    for (std::size_t a = 0; a < 4; ++a)
        for (std::size_t b = a + 1; b < 4; ++b) {
            const auto rp = dlc::kmeans(X, dlc::points_as_centres(X, {a, b}));
            const bool same = partition_key(rp.assignments) == partition_key(r.assignments);
            pairs_elsewhere += same ? 0 : 1;
            pairs.row({"x" + std::to_string(a + 1) + ", x" + std::to_string(b + 1), cells_str(rp.assignments, 2),
                       dlc::fmt(rp.objective.back())});
        }
    out << "Every pair of data points as initial centres:\n" << pairs.str();
    out << pairs_elsewhere << " of the 6 pairs converge to a different fixed point than (a).\n";

    std::map<std::string, FixedPoint> found;
    const int steps = 13;
    std::vector<double> grid;
    for (int i = 0; i < steps; ++i) grid.push_back(-m + 2 * m * i / (steps - 1));
    for (double ax : grid)
        for (double ay : grid)
            for (double bx : grid)
                for (double by : grid) {
                    if (ax == bx && ay == by) continue;
                    const dlc::Matrix<double> init = {{ax, ay}, {bx, by}};
                    const auto rg = dlc::kmeans(X, init);
                    const std::string key = partition_key(rg.assignments);
                    auto it = found.find(key);
                    if (it == found.end())
                        found.emplace(key, FixedPoint{rg.centres, rg.assignments, rg.objective.back(), init, 1});
                    else
                        ++it->second.inits;
                }
    const std::size_t total = std::size_t(steps * steps) * (steps * steps - 1);
    out << "Initial centres on a " << steps << "x" << steps << " grid over [" << dlc::fmt(-m) << ", " << dlc::fmt(m)
        << "]^2 (" << total
        << " ordered pairs) reach " << found.size() << " fixed points:\n";
    dlc::TextTable fixed({"final cells", "final centres", "J", "share of inits", "example initial centres"});
    nlohmann::json fixed_json = nlohmann::json::array();
    for (const auto& [key, fp] : found) {
        fixed.row({cells_str(fp.cells, 2), centre_str(fp.centres, 0) + ", " + centre_str(fp.centres, 1),
                   dlc::fmt(fp.J), dlc::fmt(100.0 * fp.inits / total, 3) + "%",
                   centre_str(fp.example_init, 0) + ", " + centre_str(fp.example_init, 1)});
        fixed_json.push_back({{"cells", cells_json(fp.cells, 2)},
                              {"centres", rows_json(fp.centres)},
                              {"objective", fp.J},
                              {"example_initial_centres", rows_json(fp.example_init)},
                              {"share_of_inits", double(fp.inits) / total}});
    }
    out << fixed.str();
    c.set("data_point_pairs", pairs.to_json());
    c.set("fixed_points", fixed_json);

    // The answer to (b): every fixed point, found by enumeration: the partitions of the four points into two
    // non-empty cells that an assignment step keeps (each point strictly nearer its own cell's mean). The other one
    // than (a)'s with the lowest J is started from the means of its cells (the exam has exactly one: {x1, x4} and
    // {x2, x3}, the handout's answer).
    const auto partitions = lloyd_fixed_partitions(X);
    out << "Enumerating the 7 partitions into two non-empty cells: " << partitions.size()
        << " are fixed points of Lloyd's algorithm (every point strictly nearest its own cell's mean):";
    for (const auto& p : partitions) out << " " << cells_str(p, 2) << ";";
    out << "\n";
    c.set("fixed_point_count", partitions.size());
    const dlc::Labels* other = nullptr;
    double other_J = 0;
    for (const auto& p : partitions) {
        if (partition_key(p) == partition_key(r.assignments)) continue;
        const double J = dlc::objective(X, dlc::update(X, p, mu0), p);
        if (other == nullptr || J < other_J) other = &p, other_J = J;
    }
    if (other == nullptr)
        throw dlc::Error(c.id(), "Lloyd's algorithm has no fixed point other than (a)'s: part (b) has no answer");
    const dlc::Labels alt_cells = *other;
    const dlc::Matrix<double> alt_init = dlc::update(X, alt_cells, mu0);
    const auto rb = dlc::kmeans(X, alt_init, opt);
    std::string pair_reaches;
    for (std::size_t a = 0; a < 4; ++a)
        for (std::size_t b = a + 1; b < 4; ++b)
            if (partition_key(dlc::kmeans(X, dlc::points_as_centres(X, {a, b})).assignments) == partition_key(alt_cells))
                pair_reaches += (pair_reaches.empty() ? "x" : ", x") + std::to_string(a + 1) + " and x" +
                                std::to_string(b + 1);
    out << (q.exam ? "The handout's suggestion" : "The other fixed point")
        << ", centres at the means of its cells " << cells_str(alt_cells, 2) << ": " << centre_str(alt_init, 0)
        << ", " << centre_str(alt_init, 1) << " -> " << cells_str(rb.assignments, 2) << ", "
        << (rb.iterations == 1 && rb.converged ? "unchanged after one step (a fixed point)" : "it moves")
        << ", J = " << dlc::fmt(rb.objective.back()) << " versus J = " << dlc::fmt(r.objective.back()) << " in (a).\n";
    if (q.exam)
        out << "The boundary between its cells is the y-axis (x = 0), as the handout says.\n";
    out << (pair_reaches.empty() ? "Note: no pair of data points reaches this fixed point; it needs initial centres off "
                                   "the data, e.g. the cell means above."
                                 : "Pairs of data points that reach it as initial centres: " + pair_reaches + ".")
        << (q.exam ? " (The handout also writes \"x_n\" for x4.)\n" : "\n");
    c.set("alternative_initial_centres", rows_json(alt_init));
    c.set("alternative_final_centres", rows_json(rb.centres));
    c.set("alternative_cells", cells_json(rb.assignments, 2));
    c.set("alternative_objective", rb.objective.back());
    c.set("alternative_is_fixed_point", rb.converged && rb.iterations == 1);
    c.set("lower_objective", rb.objective.back() < r.objective.back() ? "alternative" : "part (a)");

    auto fig_b = voronoi_figure("mockfinal_q1b_voronoi", "Mock final Q1(b): the other fixed point", X, rb.centres,
                                rb.assignments, box);
    c.figure(fig_b, "Q1(b): the cells " + cells_str(rb.assignments, 2) + ", a fixed point with J = " +
                        dlc::fmt(rb.objective.back()) + " (J = " + dlc::fmt(r.objective.back()) + " in (a))");
}

}  // namespace kmeans_lecture
