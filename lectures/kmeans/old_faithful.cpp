// k-means on the Old Faithful eruptions, step by step as the slides show Bishop's Figure 9.1:
// standardize, choose two centres, then alternate assignment and update until convergence.
#include "cases.hpp"
#include "common.hpp"

#include "cluster/kmeans.hpp"
#include "data/datasets.hpp"
#include "data/standardize.hpp"
#include "report/json.hpp"
#include "report/table.hpp"

namespace kmeans_lecture {

void old_faithful(dlc::Case& c) {
    auto& out = c.out();
    const dlc::Table table = dlc::load_old_faithful();
    const dlc::Matrix<double>& raw = table.values;
    dlc::Standardizer<double> scaler;
    const dlc::Matrix<double> X = scaler.fit_transform(raw);
    out << "Old Faithful: n = " << X.shape(0) << " eruptions, columns " << table.columns[0] << " (min) and "
        << table.columns[1] << " (min). Standardized: z = (x - mean) / sd with mean = "
        << dlc::fmt_vec(scaler.mean()) << " and population sd = " << dlc::fmt_vec(scaler.sd()) << ".\n";

    // Bishop's Figure 9.1(a) starts from two deliberately poor centres, upper left and lower right.
    const dlc::Matrix<double> mu0 = {{-1.0, 1.0}, {1.0, -1.0}};
    out << "Initial centres (read off Bishop's Figure 9.1(a)): mu1 = (-1, 1), mu2 = (1, -1) in standardized units.\n\n";

    dlc::KMeansOptions opt;
    opt.record_trace = true;
    const auto r = dlc::kmeans(X, mu0, opt);

    const Box box{-2.2, 2.2, -2.2, 2.2};
    dlc::TextTable steps({"iteration t", "|C1|", "|C2|", "J(c^(t-1), mu^(t-1))", "mu1^(t)", "mu2^(t)"});
    // Panel (a): the data and the initial centres.
    {
        dlc::plot::Figure fig("old_faithful_step0_init");
        fig.title("Old Faithful (a): standardized data and the initial centres").equal_aspect()
            .xrange(box.xmin, box.xmax).yrange(box.ymin, box.ymax)
            .xlabel("eruptions (standardized)").ylabel("waiting (standardized)")
            .scatter(X, "eruptions", dlc::plot::PointStyle{dlc::plot::Marker::dot, 0.6, 1.0, "#2ca02c"})
            .centres(mu0, "initial centres");
        c.figure(fig, "(a) the data and the two initial centres");
    }
    std::size_t panel = 1;
    for (std::size_t t = 0; t < r.trace.size(); ++t) {
        const auto& s = r.trace[t];
        std::size_t n1 = 0;
        for (auto a : s.assignments) n1 += (a == 0);
        steps.row({std::to_string(t + 1), std::to_string(n1), std::to_string(X.shape(0) - n1),
                   dlc::fmt(r.objective[t]), dlc::fmt_vec(xt::row(s.centres_after, 0), 4),
                   dlc::fmt_vec(xt::row(s.centres_after, 1), 4)});
        // Assignment step: points coloured by their nearest centre mu^(t-1).
        auto assign_fig = voronoi_figure("old_faithful_step" + std::to_string(panel++) + "_assign",
                                         "Iteration " + std::to_string(t + 1) + ": assign each point to its closest centre",
                                         X, s.centres_before, s.assignments, box);
        assign_fig.xlabel("eruptions (standardized)").ylabel("waiting (standardized)");
        c.figure(assign_fig, "iteration " + std::to_string(t + 1) + ", assignment step (cells of the current centres)");
        // Update step: each centre moves to the mean of its cell.
        auto update_fig = voronoi_figure("old_faithful_step" + std::to_string(panel++) + "_update",
                                         "Iteration " + std::to_string(t + 1) + ": move each centre to the mean of its cell",
                                         X, s.centres_before, s.assignments, box, &s.centres_after);
        update_fig.xlabel("eruptions (standardized)").ylabel("waiting (standardized)");
        c.figure(update_fig, "iteration " + std::to_string(t + 1) + ", update step (centres move to the cell means)");
    }
    out << steps.str();
    out << "Converged after " << r.iterations << " iterations (assignments unchanged); final J = "
        << dlc::fmt(r.objective.back()) << ".\n";

    bool non_increasing = true;
    for (std::size_t t = 1; t < r.objective.size(); ++t) non_increasing = non_increasing && r.objective[t] <= r.objective[t - 1];
    out << "J per iteration: ";
    for (double j : r.objective) out << dlc::fmt(j, 5) << " ";
    out << (non_increasing ? "(non-increasing, as coordinate descent must be)\n" : "(INCREASED: a bug)\n");

    const dlc::Matrix<double> centres_original = scaler.inverse(r.centres);
    out << "Final centres in original units: mu1 = " << dlc::fmt_vec(xt::row(centres_original, 0), 5)
        << ", mu2 = " << dlc::fmt_vec(xt::row(centres_original, 1), 5)
        << " (eruption minutes, waiting minutes): short eruptions with short waits, long with long.\n";

    c.set("n", X.shape(0));
    c.set("mean", dlc::to_json_value(scaler.mean()));
    c.set("sd", dlc::to_json_value(scaler.sd()));
    c.set("initial_centres", rows_json(mu0));
    c.set("steps", steps.to_json());
    c.set("objective_per_iteration", r.objective);
    c.set("objective_non_increasing", non_increasing);
    c.set("iterations", r.iterations);
    c.set("final_centres_standardized", rows_json(r.centres));
    c.set("final_centres_original_units", rows_json(centres_original));

    dlc::plot::Figure jfig("old_faithful_objective");
    std::vector<double> t_axis;
    for (std::size_t t = 0; t < r.objective.size(); ++t) t_axis.push_back(double(t));
    dlc::plot::LineStyle ls;
    ls.points = true;
    jfig.title("Old Faithful: the objective J after each assignment step (Bishop Fig. 9.2)")
        .xlabel("iteration t").ylabel("J").lines(t_axis, r.objective, "J", ls).legend(dlc::plot::Legend::off);
    c.figure(jfig, "J per iteration: non-increasing, flat once the assignments stop changing");
}

}  // namespace kmeans_lecture
