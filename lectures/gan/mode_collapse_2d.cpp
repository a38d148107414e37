// Mode collapse on the standard 2-D test: eight Gaussians (sigma = 0.02) on a circle of radius 2. A generator
// that covers the data puts samples near all eight centres; a collapsed one visits one or a few. Measured every few
// hundred iterations on 2500 samples: the modes covered (a mode counts when it holds at least 2% of the samples
// within 3 sigma of its centre; a perfect generator gives 12.5% each) and the share of high-quality samples (within
// 3 sigma of some centre; 98.9% for the data itself). The plain GAN of the notes (saturating generator loss, Adam
// with its default beta1 = 0.9) against two changes, from the same initial generator and the same data stream: the
// non-saturating loss with beta1 = 0.5 (DCGAN's setting), and that plus packing (PacGAN: the discriminator judges
// pairs of samples, so a generator that keeps producing the same point is caught).
#include "cases.hpp"
#include "common.hpp"

#include "core/progress.hpp"
#include "gan/modes.hpp"
#include "gan/pack.hpp"
#include "gan/players.hpp"
#include "gan/trainer.hpp"
#include "optim/adam.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace gan_lecture {

namespace {

struct CollapseVariant {
    std::string name, file;
    dlc::GeneratorLoss loss;
    double beta1;
    std::size_t pack;  // discriminator judges packs of this many samples (1: no packing)
};

struct Track {
    std::vector<double> at, covered, quality;
    std::vector<dlc::Matrix<double>> snapshots;
    double seconds = 0;
};

}  // namespace

void mode_collapse_2d(dlc::Case& c) {
    auto& out = c.out();
    const std::size_t modes = 8, latent = 16, batch = 256, n_eval = 2500;
    const double radius = 2.0, sigma = 0.02, min_share = 0.02;
    const std::size_t iters = c.quick() ? 150 : 10000, every = c.quick() ? 15 : 250;
    const std::vector<std::size_t> snap_at = c.quick() ? std::vector<std::size_t>{15, 75, 150}
                                                       : std::vector<std::size_t>{500, 2000, 5000, 10000};
    const auto centres = dlc::ring_centres(modes, radius);
    constexpr int n_variants = 3;
    const CollapseVariant variants[n_variants] = {
        {"plain GAN: saturating loss, Adam beta1 = 0.9", "plain", dlc::GeneratorLoss::saturating, 0.9, 1},
        {"non-saturating loss, beta1 = 0.5", "non_saturating", dlc::GeneratorLoss::non_saturating, 0.5, 1},
        {"non-saturating, beta1 = 0.5, D judges pairs (PacGAN2)", "packed", dlc::GeneratorLoss::non_saturating, 0.5, 2}};
    out << "Data: " << modes << " Gaussians, sigma = " << sigma << ", on a circle of radius " << radius
        << ". G: " << latent << "-d N(0, I) noise -> 128 -> 128 -> 2 (ReLU); D: 2 -> 128 -> 128 -> 1 (leaky ReLU 0.2); "
        << "batches of " << batch << ", k = 1, Adam with the step size annealed from 1e-3 to 0 along a cosine, " << iters
        << " iterations. The same initial generator (and discriminator, where the input width allows) and the same "
           "batches for every variant.\n";

    dlc::Rng init = c.rng().split(), data = c.rng().split(), noise_eval = c.rng().split();
    dlc::Sequential<float> G0, D0;
    dlc::add_mlp_generator(G0, latent, {128, 128}, 2, dlc::GeneratorOutput::identity, init);
    dlc::add_mlp_discriminator(D0, 2, {128, 128}, init, 0.2);
    dlc::Tensor<float> z_eval = dlc::Tensor<float>::from_shape({n_eval, latent});
    for (auto& v : z_eval) v = static_cast<float>(noise_eval.normal());

    Track tracks[n_variants];
    dlc::Progress bar("8 Gaussians", n_variants * iters);
    for (int k = 0; k < n_variants; ++k) {
        const CollapseVariant& v = variants[k];
        Track& tr = tracks[k];
        dlc::Sequential<float> G, D;
        dlc::Rng scratch(0);
        dlc::add_mlp_generator(G, latent, {128, 128}, 2, dlc::GeneratorOutput::identity, scratch);
        if (v.pack > 1) D.add<dlc::Pack<float>>(v.pack);
        dlc::add_mlp_discriminator(D, 2 * v.pack, {128, 128}, scratch, 0.2);
        for (std::size_t i = 0; i < G.parameters().size(); ++i)
            dlc::copy_into(*G.parameters()[i].value, *G0.parameters()[i].value);
        if (v.pack == 1)
            for (std::size_t i = 0; i < D.parameters().size(); ++i)
                dlc::copy_into(*D.parameters()[i].value, *D0.parameters()[i].value);
        dlc::Adam<float> og(G.parameters(), 1e-3, v.beta1, 0.999), od(D.parameters(), 1e-3, v.beta1, 0.999);
        dlc::GanOptions opt;
        opt.generator_loss = v.loss;
        dlc::GanTrainer<float> t(G, D, og, od, opt);
        dlc::Rng stream = data;
        dlc::GanBatches<float> batches;
        batches.real = [&](dlc::Tensor<float>& x, dlc::Tensor<float>&) {
            x = dlc::sample_gaussian_mixture<float>(centres, sigma, batch, stream);
        };
        batches.latent = [&](dlc::Tensor<float>& z, dlc::Tensor<float>&) {
            dlc::resize_buffer(z, {batch, latent});
            for (auto& e : z) e = static_cast<float>(stream.normal());
        };
        const auto t0 = std::chrono::steady_clock::now();
        for (std::size_t it = 1; it <= iters; ++it) {
            const double lr = 1e-3 * 0.5 * (1 + std::cos(M_PI * double(it - 1) / double(iters)));
            og.set_learning_rate(std::max(lr, 1e-7));
            od.set_learning_rate(std::max(lr, 1e-7));
            t.iteration(batches);
            if (it % every == 0 || std::find(snap_at.begin(), snap_at.end(), it) != snap_at.end()) {
                const dlc::Matrix<double> s = xt::cast<double>(dlc::generate(G, z_eval));
                const auto cov = dlc::mode_coverage(s, centres, sigma, min_share);
                if (it % every == 0) {
                    tr.at.push_back(double(it));
                    tr.covered.push_back(double(cov.covered));
                    tr.quality.push_back(100 * cov.high_quality_share);
                }
                if (std::find(snap_at.begin(), snap_at.end(), it) != snap_at.end()) tr.snapshots.push_back(s);
            }
            if (it % 100 == 0) bar.tick(100, v.file + ": " + std::to_string(int(tr.covered.empty() ? 0 : tr.covered.back())) +
                                                  " modes");
        }
        tr.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        c.timing(v.file + "_seconds", tr.seconds);
    }
    bar.done();

    dlc::TextTable table({"variant", "modes covered (last)", "mean over the last half", "min over the last half",
                          "high-quality share (last)", "mean over the last half"});
    nlohmann::json results;
    for (int k = 0; k < n_variants; ++k) {
        const Track& tr = tracks[k];
        const std::size_t half = tr.at.size() / 2;
        double mc = 0, mq = 0, minc = 1e9;
        for (std::size_t i = half; i < tr.at.size(); ++i) mc += tr.covered[i], mq += tr.quality[i], minc = std::min(minc, tr.covered[i]);
        mc /= double(tr.at.size() - half), mq /= double(tr.at.size() - half);
        table.row({variants[k].file, dlc::fmt(tr.covered.back(), 2), dlc::fmt(mc, 3), dlc::fmt(minc, 2),
                   dlc::fmt(tr.quality.back(), 3) + "%", dlc::fmt(mq, 3) + "%"});
        results[variants[k].file] = {{"name", variants[k].name}, {"modes_covered_last", tr.covered.back()},
                                     {"modes_covered_mean_last_half", mc}, {"modes_covered_min_last_half", minc},
                                     {"high_quality_share_last", tr.quality.back() / 100},
                                     {"high_quality_share_mean_last_half", mq / 100}, {"covered_curve", tr.covered}};
    }
    out << table.str();
    c.set("iterations", iters);
    c.set("variants", results);

    {
        dlc::plot::Figure f("mode_collapse_modes");
        f.title("Modes covered (of 8) over training").xlabel("iteration").ylabel("modes holding >= 2% of the samples")
            .yrange(0, 8.5).legend(dlc::plot::Legend::below);
        for (int k = 0; k < n_variants; ++k) f.lines(tracks[k].at, tracks[k].covered, variants[k].name);
        c.figure(f, "How many of the eight modes each variant covers as training goes");
    }
    {
        dlc::plot::Figure f("mode_collapse_quality");
        f.title("High-quality samples (within 3 sigma of a centre)").xlabel("iteration").ylabel("share of samples (%)")
            .yrange(0, 100).legend(dlc::plot::Legend::below);
        for (int k = 0; k < n_variants; ++k) f.lines(tracks[k].at, tracks[k].quality, variants[k].name);
        c.figure(f, "How many generated points land on some mode");
    }
    for (int k = 0; k < n_variants; ++k) {
        // Snapshots side by side: snapshot s shifted right by 6 s.
        dlc::plot::Figure f("mode_collapse_samples_" + variants[k].file);
        f.title(variants[k].name + ": samples at iterations (left to right)").xlabel("x1 (each snapshot shifted right by 6)")
            .ylabel("x2").equal_aspect().legend(dlc::plot::Legend::below);
        dlc::plot::PointStyle dot = dlc::plot::PointStyle::dot(0.4);
        for (std::size_t s = 0; s < tracks[k].snapshots.size(); ++s) {
            dlc::Matrix<double> shifted = tracks[k].snapshots[s];
            xt::view(shifted, xt::all(), 0) += 6.0 * double(s);
            dlc::Matrix<double> ring = centres;
            xt::view(ring, xt::all(), 0) += 6.0 * double(s);
            f.scatter(shifted, "iteration " + std::to_string(snap_at[s]), dot);
            f.centres(ring, s == 0 ? "the 8 centres" : "");
        }
        c.figure(f, variants[k].name + ": where the generated points are, over training");
    }
}

}  // namespace gan_lecture
