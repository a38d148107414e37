// A Bernoulli RBM (784 visible x 256 hidden) on binarized MNIST, trained with CD-1 (Bahng ch. 9.2.1) and with
// persistent CD from the same start: reconstruction error per epoch, the filters as images, samples from long Gibbs
// chains, and the average test log-likelihood log p(x) = -F(x) - log Z with log Z estimated by AIS (the spread over
// independent runs as its error bar). AIS itself is checked on a 784 x 16 RBM, whose log Z is exact by enumerating
// its 2^16 hidden states.
#include "cases.hpp"
#include "common.hpp"

#include "core/progress.hpp"
#include "data/datasets.hpp"
#include "graphical/ais.hpp"
#include "graphical/cd.hpp"
#include "graphical/gibbs.hpp"
#include "graphical/rbm.hpp"
#include "graphical/rbm_exact.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <xtensor/xview.hpp>

#include <chrono>
#include <cmath>
#include <string>
#include <vector>

namespace boltzmann_lecture {

namespace {

using dlc::Matrix;
using dlc::Rbm;
using dlc::Vector;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// The images (n, 28, 28) in [0, 1] as binary rows (n, 784): pixel > 0.5.
Matrix<float> binarize(const dlc::Tensor3<float>& images) {
    const std::size_t n = images.shape(0), d = images.shape(1) * images.shape(2);
    Matrix<float> X = Matrix<float>::from_shape({n, d});
    for (std::size_t i = 0; i < n * d; ++i) X.data()[i] = images.data()[i] > 0.5f ? 1.0f : 0.0f;
    return X;
}

Matrix<float> first_rows(const Matrix<float>& X, std::size_t n) {
    n = std::min(n, X.shape(0));
    return Matrix<float>(xt::view(X, xt::range(0, n), xt::all()));
}

double mean_free_energy(const Rbm<float>& rbm, const Matrix<float>& X) {
    const Vector<float> F = dlc::free_energy_rows(rbm, X);
    double s = 0;
    for (auto f : F) s += static_cast<double>(f);
    return s / static_cast<double>(F.size());
}

struct Training {
    std::string name;
    Rbm<float> rbm;
    std::vector<double> recon_train, recon_test;
    double seconds = 0;
};

struct Settings {
    std::size_t hidden, epochs, batch, ais_temperatures, ais_runs, ais_chains, small_hidden, small_epochs, sample_chains;
    std::vector<std::size_t> snapshots;
};

Training train(dlc::Case& c, const std::string& name, const Rbm<float>& start, bool persistent, const Settings& s,
               const Matrix<float>& X, const Matrix<float>& X_monitor, const Matrix<float>& X_test_monitor) {
    Training t{name, start, {}, {}, 0};
    dlc::CdOptions opt;
    opt.k = 1;
    opt.persistent = persistent;
    opt.batch_size = s.batch;
    opt.learning_rate = persistent ? 0.02 : 0.1;
    opt.momentum = 0.5;
    opt.weight_decay = 2e-4;
    dlc::CdTrainer<float> trainer(t.rbm, opt);
    const std::size_t batches = (X.shape(0) + s.batch - 1) / s.batch;
    dlc::Progress bar(name + " epochs", s.epochs * batches);
    t.recon_train.push_back(dlc::reconstruction_error(t.rbm, X_monitor, c.rng()));
    t.recon_test.push_back(dlc::reconstruction_error(t.rbm, X_test_monitor, c.rng()));
    const auto t0 = Clock::now();
    for (std::size_t e = 0; e < s.epochs; ++e) {
        // CD-1: momentum 0.5, then 0.9 once the start is over (Hinton's practical guide). PCD keeps 0.5 and a
        // learning rate decaying linearly to a tenth: its chains must keep up with the model (with momentum 0.9 and
        // alpha = 0.05 they fall behind and training diverges).
        if (e == 5 && !persistent) trainer.set_momentum(0.9);
        if (persistent) trainer.set_learning_rate(0.02 * (1.0 - 0.9 * double(e) / double(s.epochs)));
        trainer.epoch(X, c.rng(), [&](std::size_t, std::size_t) { bar.tick(1); });
        t.recon_train.push_back(dlc::reconstruction_error(t.rbm, X_monitor, c.rng()));
        t.recon_test.push_back(dlc::reconstruction_error(t.rbm, X_test_monitor, c.rng()));
    }
    bar.done();
    t.seconds = seconds_since(t0);
    return t;
}

dlc::AisResult run_ais(dlc::Case& c, const std::string& label, const Rbm<float>& rbm, const Vector<float>& base,
                       const Settings& s) {
    dlc::AisOptions opt;
    opt.temperatures = s.ais_temperatures;
    opt.runs = s.ais_runs;
    opt.chains = s.ais_chains;
    dlc::Progress bar("AIS " + label, s.ais_temperatures);
    std::size_t last = 0;
    const auto r = dlc::ais_log_partition(rbm, base, opt, c.rng(), [&](std::size_t k, std::size_t) {
        bar.tick(k - last);
        last = k;
    });
    bar.done();
    return r;
}

// The first `count` hidden units' weights W_{j,:} as 28 x 28 images.
dlc::Tensor3<double> filters(const Rbm<float>& rbm, std::size_t count) {
    count = std::min(count, rbm.hidden());
    dlc::Tensor3<double> f = dlc::Tensor3<double>::from_shape({count, std::size_t(28), std::size_t(28)});
    for (std::size_t j = 0; j < count; ++j)
        for (std::size_t k = 0; k < 784; ++k) f.data()[j * 784 + k] = rbm.W(j, k);
    return f;
}

}  // namespace

void rbm_mnist(dlc::Case& c) {
    auto& out = c.out();
    const bool quick = c.quick();
    const Settings s = quick ? Settings{64, 2, 100, 300, 2, 20, 10, 1, 4, {0, 1, 10, 100}}
                             : Settings{256, 10, 100, 6000, 4, 25, 16, 2, 8, {0, 1, 10, 100, 1000, 2000}};
    const auto data = dlc::load_images<float>(c.options().data, quick ? 3000 : 0, quick ? 500 : 0);
    if (!data.note.empty()) out << "note: " << data.note << "\n";
    const Matrix<float> X = binarize(data.train.images), X_test = binarize(data.test.images);
    const Matrix<float> X_monitor = first_rows(X, 2000), X_test_monitor = first_rows(X_test, 2000);
    const std::size_t D = X.shape(1);
    out << data.name << " from " << data.dir << ": " << X.shape(0) << " training and " << X_test.shape(0)
        << " test images, binarized at 0.5 (" << D << " pixels)" << (quick ? " (--quick: a subsample, 64 hidden units)" : "")
        << ".\nRBM " << D << " x " << s.hidden << "; W ~ N(0, 0.01^2), b = 0, c = the base-rate logits log(p/(1 - p)) of "
        << "the pixel means; minibatches of " << s.batch << ", weight decay 2e-4;\nCD-1 with alpha = 0.1, momentum 0.5 "
        << "then 0.9; PCD-1 (" << s.batch << " persistent chains) with momentum 0.5 and alpha decaying from 0.02 to "
        << "0.002; " << s.epochs << " epochs each from the same start.\n";

    const Vector<float> base = dlc::base_rate_visible_bias(X);
    Rbm<float> start = dlc::make_rbm<float>(D, s.hidden, c.rng(), 0.01);
    start.c = base;

    // 1. Training.
    std::vector<Training> runs;
    runs.push_back(train(c, "CD-1", start, false, s, X, X_monitor, X_test_monitor));
    runs.push_back(train(c, "PCD-1", start, true, s, X, X_monitor, X_test_monitor));
    dlc::TextTable rt({"epoch", "CD-1 train", "CD-1 test", "PCD-1 train", "PCD-1 test"});
    for (std::size_t e = 0; e <= s.epochs; ++e)
        rt.row({std::to_string(e), dlc::fmt(runs[0].recon_train[e], 5), dlc::fmt(runs[0].recon_test[e], 5),
                dlc::fmt(runs[1].recon_train[e], 5), dlc::fmt(runs[1].recon_test[e], 5)});
    out << "\nReconstruction error (1/n) sum ||x - p(x | h)||^2, h ~ p(h | x), on the first " << X_monitor.shape(0)
        << " training / " << X_test_monitor.shape(0) << " test images:\n"
        << rt.str();
    for (const auto& r : runs) c.timing(r.name + "_training_seconds", r.seconds);
    c.timing("cd1_seconds_per_epoch", runs[0].seconds / double(s.epochs));

    // 2. AIS on a small RBM where log Z is exact: 784 x small_hidden, CD-1 for a few epochs.
    Rbm<float> small = dlc::make_rbm<float>(D, s.small_hidden, c.rng(), 0.01);
    small.c = base;
    {
        dlc::CdOptions opt;
        opt.learning_rate = 0.1;
        opt.momentum = 0.5;
        opt.batch_size = s.batch;
        dlc::CdTrainer<float> trainer(small, opt);
        dlc::Progress bar("CD-1, " + std::to_string(s.small_hidden) + " hidden units", s.small_epochs);
        for (std::size_t e = 0; e < s.small_epochs; ++e) {
            trainer.epoch(X, c.rng());
            bar.tick(1);
        }
        bar.done();
    }
    auto t0 = Clock::now();
    const double small_exact = dlc::log_partition_exact(small);
    c.timing("small_exact_log_z_seconds", seconds_since(t0));
    t0 = Clock::now();
    const auto small_ais = run_ais(c, "784 x " + std::to_string(s.small_hidden), small, base, s);
    c.timing("small_ais_seconds", seconds_since(t0));
    const double small_test_F = mean_free_energy(small, X_test);
    out << "\nAIS checked where log Z is exact: a " << D << " x " << s.small_hidden << " RBM (CD-1, " << s.small_epochs
        << " epochs). Exact log Z (sum over its 2^" << s.small_hidden << " hidden states) = " << dlc::fmt(small_exact, 10)
        << "; AIS (" << s.ais_temperatures << " temperatures, " << s.ais_runs << " runs x " << s.ais_chains
        << " chains) = " << dlc::fmt(small_ais.log_z, 10) << " (runs: sd " << dlc::fmt(small_ais.run_sd, 3)
        << "), error " << dlc::fmt(small_ais.log_z - small_exact, 3) << ". Test log-likelihood: exact "
        << dlc::fmt(-small_test_F - small_exact, 6) << ", by AIS " << dlc::fmt(-small_test_F - small_ais.log_z, 6) << ".\n";

    // 3. AIS for the two big models: average test log-likelihood -F(x) - log Z.
    nlohmann::json ll = nlohmann::json::object();
    dlc::TextTable lt({"model", "log Z (AIS)", "runs: log Z each", "sd", "+-3 SE band", "mean -F(test)", "test log p(x)",
                       "train log p(x)"});
    for (const auto& r : runs) {
        t0 = Clock::now();
        const auto a = run_ais(c, r.name, r.rbm, base, s);
        c.timing(r.name + "_ais_seconds", seconds_since(t0));
        const double test_F = mean_free_energy(r.rbm, X_test), train_F = mean_free_energy(r.rbm, X_monitor);
        std::string each;
        for (double e : a.run_log_z) each += (each.empty() ? "" : ", ") + dlc::fmt(e, 7);
        lt.row({r.name, dlc::fmt(a.log_z, 8), each, dlc::fmt(a.run_sd, 3),
                "[" + (std::isfinite(a.log_z_low) ? dlc::fmt(a.log_z_low, 7) : std::string("-inf")) + ", " + dlc::fmt(a.log_z_high, 7) + "]", dlc::fmt(-test_F, 7),
                dlc::fmt(-test_F - a.log_z, 6), dlc::fmt(-train_F - a.log_z, 6)});
        ll[r.name] = {{"log_z", a.log_z},
                      {"log_z_runs", a.run_log_z},
                      {"log_z_run_sd", a.run_sd},
                      // The band's lower end is -infinity (written null) when 3 standard errors exceed the mean weight.
                      {"log_z_band", {std::isfinite(a.log_z_low) ? nlohmann::json(a.log_z_low) : nlohmann::json(nullptr),
                                      a.log_z_high}},
                      {"test_log_likelihood", -test_F - a.log_z},
                      {"train_log_likelihood_2000", -train_F - a.log_z},
                      {"test_log_likelihood_run_spread",
                       {-test_F - *std::max_element(a.run_log_z.begin(), a.run_log_z.end()),
                        -test_F - *std::min_element(a.run_log_z.begin(), a.run_log_z.end())}}};
    }
    out << "\nAverage log-likelihood in nats per image, log p(x) = -F(x) - log Z, log Z by AIS from the base-rate model\n("
        << s.ais_temperatures << " temperatures, " << s.ais_runs << " independent runs of " << s.ais_chains << " chains):\n"
        << lt.str()
        << "(AIS's log Z is biased low for short schedules, which biases the likelihood high; the runs' spread is the "
        << "error bar; a band reaching -inf means 3 standard errors of the AIS weights exceed their mean.)\n";

    // 4. Samples from long Gibbs chains started at test images.
    std::vector<std::vector<Matrix<float>>> snaps(runs.size());
    for (std::size_t m = 0; m < runs.size(); ++m) {
        dlc::GibbsSampler<float> gibbs(runs[m].rbm, first_rows(X_test, s.sample_chains));
        dlc::Progress bar("Gibbs chains, " + runs[m].name, s.snapshots.back());
        std::size_t done = 0;
        t0 = Clock::now();
        for (std::size_t target : s.snapshots) {
            for (; done < target; ++done) {
                gibbs.sweep(c.rng());
                bar.tick(1);
            }
            snaps[m].push_back(target == 0 ? first_rows(X_test, s.sample_chains) : gibbs.visible_means());
        }
        bar.done();
        c.timing(runs[m].name + "_gibbs_seconds", seconds_since(t0));
    }

    c.set("dataset", data.name);
    c.set("n_train", X.shape(0));
    c.set("n_test", X_test.shape(0));
    c.set("hidden", s.hidden);
    c.set("epochs", s.epochs);
    c.set("reconstruction_error_train_cd1", runs[0].recon_train);
    c.set("reconstruction_error_test_cd1", runs[0].recon_test);
    c.set("reconstruction_error_train_pcd1", runs[1].recon_train);
    c.set("reconstruction_error_test_pcd1", runs[1].recon_test);
    c.set("log_likelihood", ll);
    c.set("small_rbm_hidden", s.small_hidden);
    c.set("small_rbm_log_z_exact", small_exact);
    c.set("small_rbm_log_z_ais", small_ais.log_z);
    c.set("small_rbm_log_z_ais_runs", small_ais.run_log_z);
    c.set("small_rbm_ais_error", small_ais.log_z - small_exact);
    c.set("small_rbm_test_log_likelihood_exact", -small_test_F - small_exact);
    c.set("ais_temperatures", s.ais_temperatures);
    c.set("ais_runs", s.ais_runs);
    c.set("ais_chains_per_run", s.ais_chains);

    // Figures.
    std::vector<double> ep;
    for (std::size_t e = 0; e <= s.epochs; ++e) ep.push_back(double(e));
    dlc::plot::Figure rf("rbm_reconstruction");
    rf.title("RBM " + std::to_string(D) + " x " + std::to_string(s.hidden) + " on " + data.name + ": reconstruction error")
        .xlabel("epoch").ylabel("(1/n) sum ||x - p(x|h)||^2")
        .lines(ep, runs[0].recon_train, "CD-1, train", dlc::plot::LineStyle{2.0, "", false, true})
        .lines(ep, runs[0].recon_test, "CD-1, test", dlc::plot::LineStyle{2.0, "", true, true})
        .lines(ep, runs[1].recon_train, "PCD-1, train", dlc::plot::LineStyle{2.0, "", false, true})
        .lines(ep, runs[1].recon_test, "PCD-1, test", dlc::plot::LineStyle{2.0, "", true, true})
        .legend(dlc::plot::Legend::top_right);
    c.figure(rf, "Reconstruction error per epoch (a training monitor, not the likelihood)");
    for (const auto& r : runs) {
        const std::string stem = r.name == "CD-1" ? "cd1" : "pcd1";
        dlc::plot::Figure ff("rbm_filters_" + stem);
        ff.title(r.name + ": the weights of hidden units 1-" + std::to_string(std::min<std::size_t>(64, s.hidden)))
            .image_grid(filters(r.rbm, 64), 8);
        c.figure(ff, r.name + " filters: each hidden unit's 784 weights as an image (own grey scale)");
    }
    for (std::size_t m = 0; m < runs.size(); ++m) {
        const std::size_t cols = s.snapshots.size(), rows = s.sample_chains;
        dlc::Tensor3<double> grid = dlc::Tensor3<double>::from_shape({rows * cols, std::size_t(28), std::size_t(28)});
        std::vector<std::string> captions;
        for (std::size_t r = 0; r < rows; ++r)
            for (std::size_t q = 0; q < cols; ++q) {
                for (std::size_t k = 0; k < 784; ++k) grid.data()[(r * cols + q) * 784 + k] = snaps[m][q](r, k);
                captions.push_back(r == 0 ? (s.snapshots[q] == 0 ? "start" : std::to_string(s.snapshots[q]) + " sweeps") : "");
            }
        const std::string stem = m == 0 ? "cd1" : "pcd1";
        dlc::plot::Figure sf("rbm_samples_" + stem);
        sf.title(runs[m].name + ": Gibbs chains, p(x | h)").image_grid(grid, cols, captions, false);
        c.figure(sf, runs[m].name + ": each row is one chain; columns are snapshots of p(x | h)");
    }
}

}  // namespace boltzmann_lecture
