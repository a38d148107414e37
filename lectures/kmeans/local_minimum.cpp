// The slides' "Suboptimal local minimum" for k = 3 ("would be better to have one cluster here and
// two clusters here"), and the remedy of "Avoid bad local minima": k-means++ with restarts.
#include "cases.hpp"
#include "common.hpp"

#include "cluster/init.hpp"
#include "cluster/kmeans.hpp"
#include "report/table.hpp"

namespace kmeans_lecture {

void kmeans_local_minimum(dlc::Case& c) {
    auto& out = c.out();
    // Three round blobs of 100 points (sd 0.5): A at (0, 0), B at (8, 0), C at (8, 4).
    const std::size_t per_blob = c.quick() ? 40 : 100;
    const double sd = 0.5;
    const double blob_centres[3][2] = {{0, 0}, {8, 0}, {8, 4}};
    dlc::Matrix<double> X = xt::zeros<double>({3 * per_blob, std::size_t(2)});
    dlc::Labels blob = xt::zeros<std::size_t>({3 * per_blob});
    for (std::size_t b = 0; b < 3; ++b)
        for (std::size_t i = 0; i < per_blob; ++i) {
            X(b * per_blob + i, 0) = c.rng().normal(blob_centres[b][0], sd);
            X(b * per_blob + i, 1) = c.rng().normal(blob_centres[b][1], sd);
            blob(b * per_blob + i) = b;
        }
    out << "Data: three blobs of " << per_blob << " points (sd " << sd
        << ") around A = (0, 0), B = (8, 0), C = (8, 4); k = 3.\n";

    // A bad start: two centres inside blob A, one between B and C.
    const dlc::Matrix<double> bad_init = {{-0.5, 0.0}, {0.5, 0.0}, {8.0, 2.0}};
    const auto bad = dlc::kmeans(X, bad_init);
    out << "From mu = (-0.5, 0), (0.5, 0), (8, 2): converged in " << bad.iterations << " iterations to centres "
        << dlc::fmt_vec(xt::row(bad.centres, 0), 4) << ", " << dlc::fmt_vec(xt::row(bad.centres, 1), 4) << ", "
        << dlc::fmt_vec(xt::row(bad.centres, 2), 4) << " with J = " << dlc::fmt(bad.objective.back(), 6)
        << ":\nblob A is split in two while B and C share one centre, a local minimum (no single step improves it).\n";

    // The remedy: k-means++ initializations, several restarts, keep the lowest J.
    const std::size_t restarts = 10;
    const auto best = dlc::kmeans_restarts(X, 3, restarts, dlc::Init::kmeans_plus_plus, c.rng());
    out << "k-means++ with " << restarts << " restarts: final J of each run = ";
    for (double j : best.final_objectives) out << dlc::fmt(j, 5) << " ";
    out << "\nbest run " << best.best_restart + 1 << ": J = " << dlc::fmt(best.best.objective.back(), 6)
        << ", one centre per blob: " << dlc::fmt_vec(xt::row(best.best.centres, 0), 4) << ", "
        << dlc::fmt_vec(xt::row(best.best.centres, 1), 4) << ", " << dlc::fmt_vec(xt::row(best.best.centres, 2), 4)
        << ".\nThe local minimum's J is " << dlc::fmt(bad.objective.back() / best.best.objective.back(), 3)
        << " times the better one's.\n";

    // How often does a plain random start fall into a bad minimum?
    std::size_t trials = c.quick() ? 50 : 200, bad_random = 0, bad_pp = 0;
    const double good_J = best.best.objective.back();
    for (std::size_t i = 0; i < trials; ++i) {
        bad_random += dlc::kmeans(X, 3, dlc::Init::random_points, c.rng()).objective.back() > 1.01 * good_J;
        bad_pp += dlc::kmeans(X, 3, dlc::Init::kmeans_plus_plus, c.rng()).objective.back() > 1.01 * good_J;
    }
    out << "Over " << trials << " single runs, a worse minimum (J > 1.01 x best) was reached by " << bad_random
        << " random-point starts and " << bad_pp << " k-means++ starts.\n";

    c.set("n", X.shape(0));
    c.set("bad_initial_centres", rows_json(bad_init));
    c.set("local_minimum_centres", rows_json(bad.centres));
    c.set("local_minimum_objective", bad.objective.back());
    c.set("restarts", restarts);
    c.set("restart_objectives", best.final_objectives);
    c.set("best_centres", rows_json(best.best.centres));
    c.set("best_objective", best.best.objective.back());
    c.set("remedy_lower", best.best.objective.back() < bad.objective.back());
    c.set("single_run_trials", trials);
    c.set("single_runs_worse_random_points", bad_random);
    c.set("single_runs_worse_kmeanspp", bad_pp);

    const Box box = bounding_box(X);
    auto f1 = voronoi_figure("kmeans_local_minimum_bad", "k = 3, a local minimum: J = " + dlc::fmt(bad.objective.back(), 5),
                             X, bad.centres, bad.assignments, box);
    c.figure(f1, "The local minimum: two centres share blob A, one sits between B and C");
    auto f2 = voronoi_figure("kmeans_local_minimum_best",
                             "k-means++, best of " + std::to_string(restarts) + ": J = " +
                                 dlc::fmt(best.best.objective.back(), 5),
                             X, best.best.centres, best.best.assignments, box);
    c.figure(f2, "k-means++ with restarts: one centre per blob, a much lower J");
}

}  // namespace kmeans_lecture
