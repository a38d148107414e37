// An MLP GAN and a DCGAN on MNIST: digit rows from fixed noise after each epoch, both players' losses, and the
// quality of the final generator measured with the CNN lecture's LeNet-5 (from the trained-model store,
// lib/models/trained.hpp): the share of generated digits it classifies with p > 0.9, the histogram of its labels
// (are all ten digits made?), and the Fréchet distance to the test digits in LeNet-5's 84-feature layer, with the
// test set against itself as the floor.
#include "cases.hpp"
#include "mnist_common.hpp"
#include "quality.hpp"

#include "gan/players.hpp"
#include "gan/trainer.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

namespace gan_lecture {

void mnist_gan(dlc::Case& c) {
    auto& out = c.out();
    const Digits digits = load_digits(c);
    const bool quick = c.quick();
    out << digits.name << " from " << digits.dir << ": " << digits.train.shape(0) << " training digits, pixels scaled to [-1, 1] "
        << "(the generators end in tanh)" << (quick ? "; --quick: a subsample, one epoch each (the DCGAN: 10 batches)" : "") << ".\n";
    Judge judge(c, digits);
    const std::size_t samples = quick ? 1000 : 5000;
    const auto floor = judge.test_floor(digits, samples);
    out << "LeNet-5 on the test digits: " << dlc::fmt(100 * floor.confident_share, 4) << "% classified with p > 0.9; Fréchet "
        << "distance of " << samples << " test digits to " << samples << " other test digits (the floor): "
        << dlc::fmt(floor.frechet, 4) << ".\n";
    c.set("test_floor", quality_json(floor));

    struct Model {
        MnistGanSetup setup;
        std::string players;
    };
    Model models[2];
    models[0].setup.name = "MLP GAN";
    models[0].setup.file = "mnist_mlp";
    models[0].setup.epochs = quick ? 1 : 3;
    models[0].players = "G: 64 -> 256 -> 512 -> 784 (leaky ReLU 0.2, tanh); D: 784 -> 512 -> 256 -> 1 (leaky ReLU 0.2)";
    models[1].setup.name = "DCGAN";
    models[1].setup.file = "mnist_dcgan";
    models[1].setup.images = true;
    models[1].setup.epochs = quick ? 1 : 2;
    models[1].setup.max_batches = quick ? 10 : 0;  // --quick: 10 DCGAN iterations (seconds), the rest as usual
    models[1].players = "G: Linear 64 -> 64x7x7, BN, ReLU, ConvT 64 -> 32 (4x4, stride 2), BN, ReLU, ConvT 32 -> 1, tanh; "
                        "D: Conv 1 -> 32 (4x4, stride 2), leaky ReLU, Conv 32 -> 64, BN, leaky ReLU, Linear 3136 -> 1";
    const std::size_t width = 32, per_row = 10;
    nlohmann::json results;
    dlc::TextTable table({"model", "epochs", "seconds", "p > 0.9", "classes made (>= 2% each)", "Fréchet distance"});
    for (auto& m : models) {
        dlc::Sequential<float> G, D;
        if (m.setup.images) {
            dlc::add_dcgan_generator(G, m.setup.latent, width, c.rng());
            dlc::add_dcgan_discriminator(D, width, c.rng());
        } else {
            dlc::add_mlp_generator(G, m.setup.latent, {256, 512}, 784, dlc::GeneratorOutput::tanh, c.rng(), 0.2);
            dlc::add_mlp_discriminator(D, 784, {512, 256}, c.rng(), 0.2);
        }
        out << "\n" << m.setup.name << ": " << m.players << "; " << G.parameter_count() << " + " << D.parameter_count()
            << " parameters. Adam (lr " << dlc::fmt(m.setup.lr) << ", beta1 = " << m.setup.beta1 << "), batch " << m.setup.batch
            << ", k = 1, non-saturating generator loss.\n";
        const auto z_fixed = latent_normal(per_row, m.setup.latent, c.rng());
        const auto run = train_mnist_gan(c, G, D, digits, m.setup, z_fixed);
        run_figures(c, m.setup, run, per_row);
        const auto z = latent_normal(samples, m.setup.latent, c.rng());
        const auto images = to_images(dlc::generate(G, z));
        {
            dlc::Tensor3<double> grid = xt::view(images, xt::range(0, 64), xt::all(), xt::all());
            dlc::plot::Figure f(m.setup.file + "_samples");
            f.title(m.setup.name + " after " + std::to_string(m.setup.epochs) + " epochs: 64 samples").image_grid(grid, 8);
            c.figure(f, m.setup.name + ": fresh samples from the final generator");
        }
        const auto q = judge.measure(images, digits);
        double seconds = 0;
        for (double s : run.epoch_seconds) seconds += s;
        table.row({m.setup.name, std::to_string(m.setup.epochs), dlc::fmt(seconds, 3), dlc::fmt(100 * q.confident_share, 4) + "%",
                   std::to_string(q.classes_made), dlc::fmt(q.frechet, 4)});
        out << m.setup.name << ": LeNet-5 labels of " << samples << " samples: " << histogram_str(q) << ".\n";
        auto j = quality_json(q);
        j["epochs"] = m.setup.epochs;
        j["final_loss_d"] = run.loss_d.back();
        j["final_loss_g"] = run.loss_g.back();
        j["parameters_G"] = G.parameter_count();
        j["parameters_D"] = D.parameter_count();
        results[m.setup.file] = j;
        c.timing(m.setup.file + "_train_seconds", seconds);
        judge.histogram_figure(c, q, m.setup.file, m.setup.name);
    }
    out << "\n" << table.str();
    out << "Floor (test digits against other test digits): Fréchet distance " << dlc::fmt(floor.frechet, 4) << ", "
        << dlc::fmt(100 * floor.confident_share, 4) << "% with p > 0.9.\n";
    c.set("samples", samples);
    c.set("models", results);
}

}  // namespace gan_lecture
