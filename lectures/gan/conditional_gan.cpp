// A conditional GAN on MNIST (the handwritten notes' "Conditional GANs": the label, one-hot, is an extra input to
// both players): G([z, y]) and D([x, y]). Trained twice from the same start: as the notes write it, and with the
// mismatched pairs of GAN-CLS (Reed et al. 2016; GanOptions::mismatched_labels): the discriminator also sees real
// digits with wrong labels as fake, so it must check the label, and the generator must obey it. A 10 x 10 grid with
// one row per requested digit for each, and LeNet-5's verdict: the share of generated digits it reads as the digit
// that was asked for.
#include "cases.hpp"
#include "mnist_common.hpp"
#include "quality.hpp"

#include "gan/conditional.hpp"
#include "gan/players.hpp"
#include "gan/trainer.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <cmath>

namespace gan_lecture {

namespace {

struct ConditioningVariant {
    const char* name;   // in the text and the figure titles
    const char* key;    // in the JSON: runs.<key>
    const char* label;  // in the summary table and the progress bars
    const char* file;   // figure stem
    double mismatched_labels;
};

}  // namespace

void conditional_gan(dlc::Case& c) {
    auto& out = c.out();
    const Digits digits = load_digits(c);
    const bool quick = c.quick();
    const std::size_t epochs = quick ? 1 : 3;
    out << digits.name << ", " << digits.train.shape(0) << " training digits. G([z, y]): (64 + 10) -> 256 -> 512 -> 784 "
        << "(leaky ReLU 0.2, tanh); D([x, y]): (784 + 10) -> 512 -> 256 -> 1 (leaky ReLU 0.2); y one-hot. Adam (lr "
        << dlc::fmt(MnistGanSetup{}.lr) << ", beta1 = " << MnistGanSetup{}.beta1 << "), batch 64, " << epochs
        << " epoch(s); the generator is asked for uniformly random digits during training.\n"
        << "Two runs from the same initial players: the notes' conditional GAN, L_D = -log D(x, y) - log(1 - D(G(z, y'), y')),\n"
        << "and GAN-CLS's mismatched pairs (w = 1/2): L_D = -log D(x, y) - (1 - w) log(1 - D(G(z, y'), y')) - w log(1 - "
           "D(x, y~)),\nreal digits with a wrong label y~ counted as fake.\n";

    // The grid: row d asks for digit d, column j uses latent vector j (the same in every row).
    const std::size_t per_row = 10, latent = MnistGanSetup{}.latent;
    const auto z_cols = latent_normal(per_row, latent, c.rng());
    dlc::Tensor<float> z_grid = dlc::Tensor<float>::from_shape({100, latent});
    dlc::Labels grid_labels = dlc::Labels::from_shape({100});
    for (std::size_t d = 0; d < 10; ++d)
        for (std::size_t j = 0; j < per_row; ++j) {
            xt::view(z_grid, d * per_row + j, xt::all()) = xt::view(z_cols, j, xt::all());
            grid_labels(d * per_row + j) = d;
        }
    const auto y_grid = dlc::one_hot<float>(grid_labels, 10);
    // The fixed rows after each epoch: the digits 0..9, one latent vector each.
    dlc::Tensor<float> z_fixed = xt::view(z_grid, xt::range(0, 100, per_row + 1), xt::all());  // row d, column d
    dlc::Labels fixed_labels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    const auto y_fixed = dlc::one_hot<float>(fixed_labels, 10);
    // LeNet-5's verdict on many requests, the same for both runs.
    const std::size_t per_class = quick ? 100 : 500, n = 10 * per_class;
    dlc::Labels wanted = dlc::Labels::from_shape({n});
    for (std::size_t i = 0; i < n; ++i) wanted(i) = i % 10;
    const auto z = latent_normal(n, latent, c.rng());
    const auto y = dlc::one_hot<float>(wanted, 10);

    // Both runs start from the same players: the generator and discriminator are built from one generator state.
    const dlc::Rng start = c.rng();
    Judge judge(c, digits);
    const ConditioningVariant variants[] = {{"as in the notes", "plain", "the notes'", "conditional_gan_plain", 0.0},
                                {"with mismatched pairs (GAN-CLS)", "mismatched_pairs", "GAN-CLS, w = 1/2",
                                 "conditional_gan", 0.5}};
    dlc::TextTable summary({"discriminator loss", "read as requested", "p > 0.9", "Fréchet distance"});
    nlohmann::json runs = nlohmann::json::object();
    double seconds = 0;
    for (const ConditioningVariant& v : variants) {
        out << "\n### The conditional GAN " << v.name << "\n";
        MnistGanSetup setup;
        setup.name = std::string("conditional GAN (") + v.label + ")";
        setup.file = v.file;
        setup.conditional = true;
        setup.epochs = epochs;
        setup.mismatched_labels = v.mismatched_labels;
        dlc::Rng rng = start;
        dlc::Sequential<float> G, D;
        dlc::add_mlp_generator(G, setup.latent + 10, {256, 512}, 784, dlc::GeneratorOutput::tanh, rng, 0.2);
        dlc::add_mlp_discriminator(D, 784 + 10, {512, 256}, rng, 0.2);
        const auto run = train_mnist_gan(c, G, D, digits, setup, z_fixed, &y_fixed);
        run_figures(c, setup, run, per_row);
        {
            const auto grid = to_images(dlc::generate(G, z_grid, &y_grid));
            std::vector<std::string> captions(100);
            for (std::size_t d = 0; d < 10; ++d) captions[d * per_row] = "asked " + std::to_string(d);
            dlc::plot::Figure f(std::string(v.file) + "_grid");
            f.title(std::string("Conditional GAN ") + v.name +
                    ": row d asks for digit d; column j uses the same noise z_j in every row")
                .image_grid(grid, per_row, captions);
            c.figure(f, std::string("Digits on command, ") + v.name +
                            ": the label should set the digit, the noise the style (slant, thickness) along a column");
        }
        const auto images = to_images(dlc::generate(G, z, &y));
        const auto q = judge.measure(images, digits, &wanted);
        out << "LeNet-5 on " << n << " generated digits (" << per_class << " requests per digit): "
            << dlc::fmt(100 * q.accuracy, 4) << "% read as the requested digit; " << dlc::fmt(100 * q.confident_share, 4)
            << "% with p > 0.9; Fréchet distance " << dlc::fmt(q.frechet, 4) << ".\n";
        dlc::TextTable table({"requested", "read as requested", "most frequent other reading"});
        nlohmann::json per_digit = nlohmann::json::array();
        for (std::size_t d = 0; d < 10; ++d) {
            std::size_t best_other = d == 0 ? 1 : 0;
            for (std::size_t e = 0; e < 10; ++e)
                if (e != d && q.confusion(d, e) > q.confusion(d, best_other)) best_other = e;
            const double acc = q.confusion(d, d) / double(per_class);
            table.row({std::to_string(d), dlc::fmt(100 * acc, 4) + "%",
                       q.confusion(d, best_other) > 0
                           ? std::to_string(best_other) + " (" + dlc::fmt(q.confusion(d, best_other), 4) + ")"
                           : "-"});
            per_digit.push_back(acc);
        }
        out << table.str();
        auto j = quality_json(q);
        j["accuracy_per_digit"] = per_digit;
        j["mismatched_labels"] = v.mismatched_labels;
        runs[v.key] = j;
        summary.row({v.label, dlc::fmt(100 * q.accuracy, 4) + "%",
                     dlc::fmt(100 * q.confident_share, 4) + "%", dlc::fmt(q.frechet, 4)});
        for (double s : run.epoch_seconds) seconds += s;
        judge.confusion_figure(c, q, std::string(v.file) + "_confusion");
    }
    out << "\nThe same initial players, data and number of steps; only the discriminator's loss differs:\n"
        << summary.str();
    // The lecture's conditional GAN is GAN-CLS's; the notes' is its baseline.
    const double plain = runs["plain"]["accuracy"].get<double>();
    const double accuracy = runs["mismatched_pairs"]["accuracy"].get<double>();
    if (accuracy > plain + 0.1)
        out << "The mismatched pairs make the label matter: a discriminator that only judges realism lets the generator "
               "ignore y; one that also rejects real digits with the wrong label does not.\n";
    else
        out << "The two runs read as requested within " << dlc::fmt(100 * std::abs(accuracy - plain), 2)
            << " percentage points of each other" << (quick ? " (--quick trains too briefly to tell them apart)" : "")
            << ".\n";
    c.set("requests", n);
    c.set("epochs", epochs);
    c.set("runs", runs);
    c.set("quality", runs["mismatched_pairs"]);
    c.set("accuracy", accuracy);
    c.set("accuracy_plain", plain);
    c.timing("train_seconds", seconds);
}

}  // namespace gan_lecture
