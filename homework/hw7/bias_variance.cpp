// The homework's last page: the bias-variance argument for the step of minibatch k-means. Bias(alpha) and
// Variance(alpha) (alpha = eta/5) from the page's model, their curves for b = 64, the eta where Bias^2 = Variance
// and the eta minimising Bias^2 + Variance for several batch sizes (lib/cluster/minibatch_tradeoff.hpp); then
// measured: minibatch k-means as the page writes it, C_i <- (1 - eta/5) C_i + (eta/5) m_i, at several eta against
// Lloyd's objective on the same data and start.
#include "cases.hpp"

#include "cluster/init.hpp"
#include "cluster/kmeans.hpp"
#include "cluster/minibatch_tradeoff.hpp"
#include "core/progress.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <cmath>

namespace hw7 {

void hw7_bias_variance(dlc::Case& c) {
    auto& out = c.out();
    const Digits& d = load_digits(c);
    const double N = 60000;  // the page's N (the MNIST training set), whatever --quick loads

    // The page's curves for b = 64: Bias^2 = ((1 - alpha)/alpha)^2 and Variance = (1/b) alpha^2 / (1 - (1 - alpha)^2)
    // (in units of a^2, which cancels).
    std::vector<double> eta, bias2, variance, total;
    for (int i = 1; i <= 500; ++i) {
        const double e = 5.0 * i / 500, a = e / 5, bias = dlc::tradeoff_bias(a);
        eta.push_back(e), bias2.push_back(bias * bias), variance.push_back(dlc::tradeoff_variance(a, 64));
        total.push_back(bias2.back() + variance.back());
    }
    dlc::plot::Figure f("bias_variance_b64");
    f.title("The last page's curves, b = 64").xlabel("eta").ylabel("units of a^2").log_y().yrange(1e-4, 1e2)
        .lines(eta, bias2, "Bias^2 = ((1 - eta/5) / (eta/5))^2").lines(eta, variance, "Variance = (1/64) (eta/5)^2 / (1 - (1 - eta/5)^2)")
        .lines(eta, total, "Bias^2 + Variance");
    c.figure(f, "Bias falls and variance rises with eta; they balance near eta = " + dlc::fmt(dlc::balance_eta(64), 3));

    dlc::TextTable table({"batch b", "eta: Bias^2 = Variance", "eta: min Bias^2 + Variance"});
    nlohmann::json by_batch = nlohmann::json::array();
    for (const double b : {1.0, 16.0, 64.0, 256.0, N}) {
        const double balance = dlc::balance_eta(b), best = dlc::best_eta(b);
        table.row({b == N ? "N = " + dlc::fmt(N, 6) : dlc::fmt(b, 6), dlc::fmt(balance, 5), dlc::fmt(best, 5)});
        by_batch.push_back({{"b", b}, {"balance_eta", balance}, {"best_eta", best}});
    }
    out << "From the page's formulas (a cancels; T -> infinity):\n" << table.str();
    const double balance64 = dlc::balance_eta(64), best64 = dlc::best_eta(64);
    if (std::abs(balance64 - 4.5) < 0.05)
        c.agrees("the balance eta for b = 64 ('around eta = 4.5')", balance64);
    else
        c.erratum("the balance eta for b = 64", 4.5, balance64, "the curves of the page touch elsewhere");
    if (dlc::balance_eta(N) > 4.9)
        c.agrees("for b = N the balance eta is close to 5 (Lloyd's algorithm)", dlc::balance_eta(N));
    c.note("HW7 last page, the variance",
           "its middle line drops the factor a^2 (it writes 1/b where the lines around it have a^2/b); the result "
           "a^2/b alpha^2/(1 - (1 - alpha)^2) is right, and equals a^2/b alpha/(2 - alpha)");
    out << "The sum is smallest a little higher than the balance (b = 64: eta = " << dlc::fmt(best64, 4)
        << "): both heuristics say eta grows towards 5 with the batch.\n";

    // Measured: minibatch k-means at several eta, the same k-means++ start, against Lloyd's objective.
    const std::vector<double> etas{0.5, 1, 2, 3, 4, 4.5, 5};
    const std::size_t epochs = c.quick() ? 1 : 5;
    const dlc::Matrix<float> C0 = dlc::kmeanspp_init(d.train, k_clusters, c.rng());
    dlc::KMeansOptions opt;
    opt.max_iterations = c.quick() ? 30 : 300;
    const auto lloyd = dlc::kmeans(d.train, C0, opt);
    const double J_lloyd = objective_per_image(d.train, lloyd.centres);
    dlc::TextTable measured({"eta", "J/n after " + std::to_string(epochs) + (epochs == 1 ? " epoch" : " epochs"), "excess over Lloyd (%)"});
    nlohmann::json runs = nlohmann::json::array();
    std::vector<double> excess;
    dlc::Progress bar("minibatch k-means", etas.size() * epochs);
    double best_eta_measured = etas.front(), best_J = INFINITY;
    for (const double e : etas) {
        dlc::Matrix<float> C = C0;
        dlc::Rng rng(c.options().seed ^ 0x6b6d65616e73ULL);  // the same batches for every eta
        for (std::size_t t = 0; t < epochs; ++t) {
            dlc::minibatch_kmeans_epoch(C, d.train, batch_size, e / 5, rng);
            bar.tick();
        }
        const double J = objective_per_image(d.train, C);
        excess.push_back(100 * (J - J_lloyd) / J_lloyd);
        measured.row({dlc::fmt(e, 3), dlc::fmt(J, 6), dlc::fmt(excess.back(), 3)});
        runs.push_back({{"eta", e}, {"objective_per_image", J}, {"excess_percent", excess.back()}});
        if (J < best_J) best_J = J, best_eta_measured = e;
    }
    bar.done();
    out << "Measured: minibatch k-means as the page writes it (batch " << batch_size << ", C_i <- (1 - eta/5) C_i + "
        << "(eta/5) m_i for each cell the batch meets) from one k-means++ start, against Lloyd's algorithm from the same start (J/n = "
        << dlc::fmt(J_lloyd, 6) << ", " << lloyd.iterations << " iterations):\n"
        << measured.str() << "The best eta in practice here: " << best_eta_measured << " (J/n = "
        << dlc::fmt(best_J, 6) << ").\n";
    const double excess_45 = excess[std::size_t(std::find(etas.begin(), etas.end(), 4.5) - etas.begin())];
    if (best_eta_measured != 4.5)
        c.note("HW7 last page, eta = 4.5 in practice",
               "measured on " + std::to_string(d.train.shape(0)) + " images, minibatch k-means with eta = 4.5 ends " +
                   dlc::fmt(excess_45, 3) + "% above Lloyd's objective and eta = " + dlc::fmt(best_eta_measured, 3) +
                   " only " + dlc::fmt(excess[std::size_t(std::find(etas.begin(), etas.end(), best_eta_measured) -
                                                          etas.begin())], 3) +
                   "%: the page's drift model (a per batch) overstates the bias of a small step");
    dlc::plot::Figure g("bias_variance_measured");
    g.title("Minibatch k-means, b = 64: J/n above Lloyd's after " + std::to_string(epochs) + " epochs")
        .xlabel("eta").ylabel("excess J over Lloyd's (%)").lines(etas, excess, "measured").legend(dlc::plot::Legend::off);
    c.figure(g, "Which eta works best in practice, against the page's prediction");

    c.set("balance_eta_b64", balance64);
    c.set("best_eta_b64", best64);
    c.set("by_batch", by_batch);
    c.set("lloyd_objective_per_image", J_lloyd);
    c.set("measured", runs);
    c.set("best_eta_measured", best_eta_measured);
}

}  // namespace hw7
