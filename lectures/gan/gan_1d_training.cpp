// Training small MLP players on samples of the mock final's f_X(x) = 2 - 2x with Z ~ U(0, 1): the generator
// should approach an inverse CDF of X (1 - sqrt(1 - z), or the decreasing 1 - sqrt(z): the game cannot tell them
// apart), the discriminator 1/2, and the Kolmogorov-Smirnov distance of G(Z) to F_X should fall. The saturating and
// the non-saturating generator loss are trained from the same initial weights and the same batches.
#include "cases.hpp"
#include "common.hpp"

#include "core/progress.hpp"
#include "gan/sampling.hpp"
#include "gan/trainer.hpp"
#include "optim/adam.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <chrono>
#include <cmath>

namespace gan_lecture {

namespace {

struct Run {
    std::vector<double> at, ks, d_dev, g_err;
    std::vector<std::vector<double>> g_snapshots;  // G on the z grid at the snapshot iterations
    std::vector<double> final_d;
    double final_ks = 0, final_d_dev = 0, final_g_err = 0, seconds = 0;
    std::string matched;  // which inverse CDF G is closer to
};

}  // namespace

void gan_1d_training(dlc::Case& c) {
    auto& out = c.out();
    const std::size_t iters = c.quick() ? 600 : 8000, every = c.quick() ? 60 : 200, batch = 256;
    const double lr0 = 1e-3;
    const std::vector<std::size_t> snapshots = c.quick() ? std::vector<std::size_t>{0, 200, 600}
                                                         : std::vector<std::size_t>{0, 500, 2000, 8000};
    out << "Players: G 1-32-32-1 (ReLU, sigmoid output in (0, 1)), D 1-32-32-1 (leaky ReLU 0.2, one logit). Adam "
           "(beta1 = 0.5) for both, the step size annealed from 1e-3 to 0 along a cosine, k = 1, batches of "
        << batch << " real samples (inverse-CDF sampling of f_X) and " << batch << " noise samples, " << iters
        << " iterations.\n";
    const auto zgrid = linspace(0, 1, 201), xgrid = linspace(0, 1, 201);
    const auto zfix = linspace(0.00025, 0.99975, 2000);  // fixed quantile grid of Z for the KS distance
    std::vector<double> inc, dec;
    for (double z : zgrid) inc.push_back(optimal_generator(z)), dec.push_back(1 - std::sqrt(z));

    // One initial pair, copied into both runs; one stream of batches, replayed for both.
    dlc::Rng init = c.rng().split(), data = c.rng().split();
    dlc::Sequential<double> G0, D0;
    add_1d_generator(G0, init);
    add_1d_discriminator(D0, init);

    Run runs[2];
    const dlc::GeneratorLoss losses[2] = {dlc::GeneratorLoss::saturating, dlc::GeneratorLoss::non_saturating};
    dlc::Progress bar("1-D GAN", 2 * iters);
    for (int k = 0; k < 2; ++k) {
        Run& r = runs[k];
        dlc::Sequential<double> G, D;
        dlc::Rng scratch(0);
        add_1d_generator(G, scratch);
        add_1d_discriminator(D, scratch);
        copy_parameters(G0, G);
        copy_parameters(D0, D);
        dlc::Adam<double> og(G.parameters(), 1e-3, 0.5, 0.999), od(D.parameters(), 1e-3, 0.5, 0.999);
        dlc::GanOptions opt;
        opt.generator_loss = losses[k];
        dlc::GanTrainer<double> t(G, D, og, od, opt);
        dlc::Rng stream = data;  // the same batches for both losses
        dlc::GanBatches<double> batches;
        batches.real = [&](dlc::Tensor<double>& x, dlc::Tensor<double>&) {
            dlc::resize_buffer(x, {batch, std::size_t{1}});
            for (std::size_t i = 0; i < batch; ++i) x(i, 0) = optimal_generator(stream.uniform());
        };
        batches.latent = [&](dlc::Tensor<double>& z, dlc::Tensor<double>&) {
            dlc::resize_buffer(z, {batch, std::size_t{1}});
            for (std::size_t i = 0; i < batch; ++i) z(i, 0) = stream.uniform();
        };
        const auto t0 = std::chrono::steady_clock::now();
        for (std::size_t it = 0; it <= iters; ++it) {
            if (it % every == 0 || it == iters) {
                const auto g = generator_on(G, zfix);
                const auto d = discriminator_on(D, xgrid);
                double dev = 0;
                for (std::size_t i = 0; i < d.size(); ++i)
                    if (xgrid[i] <= 0.9 + 1e-12) dev = std::max(dev, std::abs(d[i] - 0.5));  // where the data lives
                const auto gz = generator_on(G, zgrid);
                r.at.push_back(double(it));
                r.ks.push_back(dlc::ks_distance(g, data_cdf));
                r.d_dev.push_back(dev);
                r.g_err.push_back(std::min(mean_abs_diff(gz, inc), mean_abs_diff(gz, dec)));
            }
            if (std::find(snapshots.begin(), snapshots.end(), it) != snapshots.end())
                r.g_snapshots.push_back(generator_on(G, zgrid));
            if (it < iters) {
                // Both step sizes annealed along a cosine, lr_t = 1e-3 (1 + cos(pi t / T)) / 2: the players' late
                // oscillations around the equilibrium shrink with the steps.
                const double lr = lr0 * 0.5 * (1 + std::cos(M_PI * double(it) / double(iters)));
                og.set_learning_rate(std::max(lr, 1e-7));
                od.set_learning_rate(std::max(lr, 1e-7));
                t.iteration(batches);
            }
            if (it % 100 == 0) bar.tick(std::min<std::size_t>(100, iters - it));
        }
        r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const auto gz = generator_on(G, zgrid);
        r.matched = mean_abs_diff(gz, inc) <= mean_abs_diff(gz, dec) ? "1 - sqrt(1 - z)" : "1 - sqrt(z)";
        r.final_ks = r.ks.back(), r.final_d_dev = r.d_dev.back(), r.final_g_err = r.g_err.back();
        r.final_d = discriminator_on(D, xgrid);
    }
    bar.done();

    dlc::TextTable table({"generator loss", "KS distance to F_X", "mean |G(z) - inverse CDF|", "closest inverse CDF",
                          "max |D(x) - 1/2| on [0, 0.9]", "seconds"});
    nlohmann::json results;
    for (int k = 0; k < 2; ++k) {
        const Run& r = runs[k];
        table.row({dlc::to_string(losses[k]), dlc::fmt(r.final_ks, 4), dlc::fmt(r.final_g_err, 4), r.matched,
                   dlc::fmt(r.final_d_dev, 4), dlc::fmt(r.seconds, 3)});
        results[dlc::to_string(losses[k])] = {{"ks", r.final_ks}, {"ks_start", r.ks.front()}, {"mean_generator_error", r.final_g_err},
                                              {"closest_inverse_cdf", r.matched}, {"max_D_deviation_from_half", r.final_d_dev},
                                              {"ks_curve", r.ks}};
        c.timing(dlc::to_string(losses[k]) + "_seconds", r.seconds);
    }
    out << table.str();
    const double ks_floor = 1.0 / (2 * zfix.size());
    out << "Mock final Q5 (b) chose the increasing g(z) = 1 - sqrt(1 - z); 1 - sqrt(z) = g(1 - z) serves as well, since 1 - Z "
           "is uniform too, and the game cannot prefer one: which one the generator approaches depends on its start.\n";
    out << "(The KS distance is measured on G at 2000 fixed quantiles of Z, so an exact inverse CDF gives "
        << dlc::fmt(ks_floor, 3) << "; start: " << dlc::fmt(runs[0].ks.front(), 4) << ".)\n";
    c.set("iterations", iters);
    c.set("results", results);
    c.set("ks_start", runs[0].ks.front());

    // Figures: G against the inverse CDF at snapshots (non-saturating run), KS curves, final D.
    {
        dlc::plot::Figure f("gan_1d_generator");
        dlc::plot::LineStyle ref;
        ref.dashed = true;
        f.title("The generator over training (non-saturating loss) against the inverse CDFs of X").xlabel("z")
            .ylabel("G(z)").xrange(0, 1).yrange(0, 1).legend(dlc::plot::Legend::top_left)
            .lines(zgrid, inc, "1 - sqrt(1 - z) (increasing)", ref).lines(zgrid, dec, "1 - sqrt(z) (decreasing)", ref);
        for (std::size_t s = 0; s < runs[1].g_snapshots.size(); ++s)
            f.lines(zgrid, runs[1].g_snapshots[s], "iteration " + std::to_string(snapshots[s]));
        c.figure(f, "G(z) moves towards an inverse CDF of X (either one puts the right mass everywhere)");
    }
    {
        dlc::plot::Figure f("gan_1d_ks");
        f.title("Kolmogorov-Smirnov distance of G(Z) to F_X").xlabel("iteration").ylabel("KS distance").log_y()
            .legend(dlc::plot::Legend::top_right)
            .lines(runs[0].at, runs[0].ks, "saturating log(1 - D(G(z)))")
            .lines(runs[1].at, runs[1].ks, "non-saturating -log D(G(z))");
        c.figure(f, "The KS distance falls for both losses (same start, same batches)");
    }
    {
        dlc::plot::Figure f("gan_1d_discriminator");
        dlc::plot::LineStyle ref;
        ref.dashed = true;
        f.title("The discriminator after training").xlabel("x").ylabel("D(x)").xrange(0, 1).yrange(0, 1)
            .legend(dlc::plot::Legend::top_right)
            .lines(xgrid, runs[0].final_d, "saturating").lines(xgrid, runs[1].final_d, "non-saturating")
            .lines(xgrid, std::vector<double>(xgrid.size(), 0.5), "1/2", ref);
        c.figure(f, "D(x) near 1/2 where the data lives: it can no longer tell real from generated");
    }
}

}  // namespace gan_lecture
