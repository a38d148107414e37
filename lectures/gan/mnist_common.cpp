#include "mnist_common.hpp"

#include "core/progress.hpp"
#include "data/datasets.hpp"
#include "gan/conditional.hpp"
#include "gan/trainer.hpp"
#include "optim/adam.hpp"
#include "optim/train.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <chrono>

namespace gan_lecture {

Digits load_digits(dlc::Case& c) {
    const bool quick = c.quick();
    const auto data = dlc::load_images<float>(c.options().data, quick ? 6000 : 0, quick ? 2000 : 0);
    if (!data.note.empty()) c.out() << "note: " << data.note << "\n";
    dlc::require_28_by_28(data, "gan lecture",
                          "the players and the judge are built for them (DCGAN's 7 -> 14 -> 28, LeNet-5's input)");
    Digits d;
    d.name = data.name, d.dir = data.dir;
    auto rows = [](const dlc::Tensor3<float>& im) {
        const std::size_t n = im.shape(0), px = im.shape(1) * im.shape(2);
        dlc::Tensor<float> X = dlc::Tensor<float>::from_shape({n, px});
        for (std::size_t i = 0; i < X.size(); ++i) X.data()[i] = 2 * im.data()[i] - 1;
        return X;
    };
    d.train = rows(data.train.images);
    d.test = rows(data.test.images);
    d.train_labels = data.train.labels;
    d.test_labels = data.test.labels;
    return d;
}

dlc::Tensor<float> latent_normal(std::size_t n, std::size_t latent, dlc::Rng& rng) {
    dlc::Tensor<float> z = dlc::Tensor<float>::from_shape({n, latent});
    for (auto& v : z) v = static_cast<float>(rng.normal());
    return z;
}

dlc::Tensor3<double> to_images(const dlc::Tensor<float>& x) {
    const std::size_t n = x.shape(0);
    dlc::Tensor3<double> im = dlc::Tensor3<double>::from_shape({n, std::size_t{28}, std::size_t{28}});
    for (std::size_t i = 0; i < im.size(); ++i) im.data()[i] = std::clamp((double(x.data()[i]) + 1) / 2, 0.0, 1.0);
    return im;
}

MnistGanRun train_mnist_gan(dlc::Case& c, dlc::Sequential<float>& G, dlc::Sequential<float>& D, const Digits& digits,
                            const MnistGanSetup& setup, const dlc::Tensor<float>& z_fixed, const dlc::Tensor<float>* y_fixed) {
    auto& rng = c.rng();
    const std::size_t n = digits.train.shape(0), batch = setup.batch;
    const std::size_t per_epoch = setup.max_batches ? std::min(n / batch, setup.max_batches) : n / batch;
    if (per_epoch == 0)
        throw dlc::DataError("train_mnist_gan", "expected at least one batch of " + std::to_string(batch) +
                                                    " training digits, got " + std::to_string(n));
    dlc::Adam<float> og(G.parameters(), setup.lr, setup.beta1, 0.999), od(D.parameters(), setup.lr, setup.beta1, 0.999);
    dlc::GanOptions opt;
    opt.generator_loss = setup.loss;
    opt.mismatched_labels = setup.mismatched_labels;
    dlc::GanTrainer<float> trainer(G, D, og, od, opt);

    std::vector<std::size_t> perm;
    std::size_t cursor = 0;
    dlc::Tensor<float> rows;
    dlc::Labels labels;
    dlc::GanBatches<float> batches;
    batches.conditional = setup.conditional;
    batches.real = [&](dlc::Tensor<float>& x, dlc::Tensor<float>& y) {
        dlc::gather_rows(digits.train, perm.data() + cursor, batch, rows);
        if (setup.images) {
            dlc::resize_buffer(x, {batch, std::size_t{1}, std::size_t{28}, std::size_t{28}});
            std::copy(rows.data(), rows.data() + rows.size(), x.data());
        } else {
            dlc::copy_into(x, rows);
        }
        if (setup.conditional) {
            dlc::gather_rows(digits.train_labels, perm.data() + cursor, batch, labels);
            y = dlc::one_hot<float>(labels, 10);
        }
        cursor += batch;
    };
    dlc::Labels wanted = dlc::Labels::from_shape({batch});
    batches.latent = [&](dlc::Tensor<float>& z, dlc::Tensor<float>& y) {
        dlc::resize_buffer(z, {batch, setup.latent});
        for (auto& v : z) v = static_cast<float>(rng.normal());
        if (setup.conditional) {
            for (auto& l : wanted) l = rng.index(10);
            y = dlc::one_hot<float>(wanted, 10);
        }
    };

    MnistGanRun run;
    const std::size_t parts = 10;
    for (std::size_t e = 1; e <= setup.epochs; ++e) {
        perm = rng.permutation(n);
        cursor = 0;
        dlc::Progress bar(setup.name + " epoch " + std::to_string(e) + "/" + std::to_string(setup.epochs), per_epoch);
        const auto t0 = std::chrono::steady_clock::now();
        double sd = 0, sg = 0, sr = 0, sf = 0;
        std::size_t count = 0;
        for (std::size_t it = 0; it < per_epoch; ++it) {
            const auto s = trainer.iteration(batches);
            sd += s.d.loss, sg += s.g.loss, sr += s.d.d_real, sf += s.d.d_fake, ++count;
            const std::size_t part_end = (it + 1) * parts / per_epoch;
            if (part_end != it * parts / per_epoch || it + 1 == per_epoch) {  // a tenth of the epoch is done
                run.at.push_back(double(e - 1) + double(it + 1) / double(per_epoch));
                run.loss_d.push_back(sd / double(count));
                run.loss_g.push_back(sg / double(count));
                run.d_real.push_back(sr / double(count));
                run.d_fake.push_back(sf / double(count));
                sd = sg = sr = sf = 0, count = 0;
            }
            bar.tick(1, run.loss_d.empty() ? std::string()
                                           : "L_D " + dlc::fmt(run.loss_d.back(), 3) + ", L_G " + dlc::fmt(run.loss_g.back(), 3));
        }
        bar.done();
        run.epoch_seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        c.timing(setup.file + "_epoch_" + std::to_string(e) + "_seconds", run.epoch_seconds.back());
        run.rows.push_back(to_images(dlc::generate(G, z_fixed, y_fixed)));
    }
    return run;
}

void run_figures(dlc::Case& c, const MnistGanSetup& setup, const MnistGanRun& run, std::size_t per_row) {
    {
        dlc::plot::Figure f(setup.file + "_losses");
        f.title(setup.name + ": the two players' losses (mean over each tenth of an epoch)").xlabel("epoch")
            .ylabel("loss").legend(dlc::plot::Legend::top_right)
            .lines(run.at, run.loss_d, "discriminator L_D = -log D(x) - log(1 - D(G(z)))")
            .lines(run.at, run.loss_g, "generator L_G = -log D(G(z))");
        c.figure(f, setup.name + ": L_D near 2 log 2 = 1.39 and L_G near log 2 = 0.69 would mean D outputs 1/2");
    }
    {
        dlc::plot::Figure f(setup.file + "_d_outputs");
        f.title(setup.name + ": the discriminator's mean output").xlabel("epoch").ylabel("mean D")
            .yrange(0, 1).legend(dlc::plot::Legend::top_right)
            .lines(run.at, run.d_real, "D(x) on real digits").lines(run.at, run.d_fake, "D(G(z)) on generated digits");
        c.figure(f, setup.name + ": how sure the discriminator is, on real and on generated digits");
    }
    {
        const std::size_t epochs = run.rows.size();
        dlc::Tensor3<double> grid = dlc::Tensor3<double>::from_shape({epochs * per_row, std::size_t{28}, std::size_t{28}});
        std::vector<std::string> captions;
        for (std::size_t e = 0; e < epochs; ++e)
            for (std::size_t j = 0; j < per_row; ++j) {
                xt::view(grid, e * per_row + j, xt::all(), xt::all()) = xt::view(run.rows[e], j, xt::all(), xt::all());
                captions.push_back(j == 0 ? "epoch " + std::to_string(e + 1) : "");
            }
        dlc::plot::Figure f(setup.file + "_epochs");
        f.title(setup.name + ": the same " + std::to_string(per_row) + " latent vectors after each epoch (one row per epoch)")
            .image_grid(grid, per_row, captions);
        c.figure(f, setup.name + ": digits from fixed noise after every epoch");
    }
}

}  // namespace gan_lecture
