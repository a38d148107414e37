// A VAE with a Bernoulli decoder on MNIST (Bahng ch. 10, NYU slides; the PyTorch example's 784-400-k network, batch
// 128, Adam 1e-3, BCE summed over pixels). With a 2-D latent: the test set's encoder means coloured by label, the decoded
// manifold on a grid of z, an interpolation between two digits, and a plain autoencoder's 2-D codes beside them (Bahng
// ch. 10: "huge empty spaces" in an autoencoder's latent space). With a 20-D latent: the test negative ELBO and the IWAE
// bounds with k = 1, 5, 50 (nats per image; they must tighten with k), against the same network trained the same way in
// PyTorch (the committed fixture tests/fixtures/vae_mnist_torch.json, from tests/fixtures/make_vae_mnist_reference.py).
#include "cases.hpp"
#include "common.hpp"
#include "vae_training.hpp"

#include "core/progress.hpp"
#include "optim/adam.hpp"
#include "plot/figure.hpp"
#include "report/json.hpp"
#include "report/table.hpp"
#include "vae/autoencoder.hpp"
#include "vae/iwae.hpp"
#include "vae/networks.hpp"

#include <xtensor/xview.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <string>
#include <vector>

namespace vae_lecture {

namespace {

// The fraction of the cells of a 20 x 20 grid over the central 98% box of the codes (per coordinate) that hold no code:
// a measure of the "empty spaces" of a 2-D latent space.
double empty_fraction(const dlc::Tensor<float>& codes) {
    const std::size_t n = codes.shape(0), g = 20;
    double lo[2], hi[2];
    for (std::size_t a = 0; a < 2; ++a) {
        std::vector<float> v(n);
        for (std::size_t i = 0; i < n; ++i) v[i] = codes(i, a);
        std::sort(v.begin(), v.end());
        lo[a] = v[std::size_t(0.01 * double(n - 1))];
        hi[a] = v[std::size_t(0.99 * double(n - 1))];
    }
    std::vector<int> seen(g * g, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const double u = (codes(i, 0) - lo[0]) / (hi[0] - lo[0]), w = (codes(i, 1) - lo[1]) / (hi[1] - lo[1]);
        if (u < 0 || u >= 1 || w < 0 || w >= 1) continue;
        seen[std::size_t(u * g) * g + std::size_t(w * g)] = 1;
    }
    std::size_t empty = 0;
    for (int s : seen) empty += s == 0;
    return double(empty) / double(g * g);
}

dlc::Matrix<double> as_points(const dlc::Tensor<float>& codes) {
    dlc::Matrix<double> P = dlc::Matrix<double>::from_shape({codes.shape(0), std::size_t(2)});
    for (std::size_t i = 0; i < P.size(); ++i) P.data()[i] = codes.data()[i];
    return P;
}

}  // namespace

void vae_mnist(dlc::Case& c) {
    auto& out = c.out();
    const bool quick = c.quick();
    const FlatImages data = load_flat_images(c, quick ? 2000 : 0, quick ? 1000 : 0);
    const std::size_t epochs = quick ? 1 : 10, batch = 128, D = 784;
    const double lr = 1e-3;
    out << data.name << ": " << data.train.shape(0) << " training and " << data.test.shape(0)
        << " test images, pixels in [0, 1] used as the Bernoulli targets (as PyTorch's VAE example does).\n"
        << "Encoder 784-400-2k (ReLU), decoder k-400-784 (ReLU, logits), Kaiming normal weights, zero biases; batch " << batch
        << ", Adam with step " << lr << ", " << epochs << " epoch" << (epochs > 1 ? "s" : "")
        << "; loss = sum over the batch of -log p(x|z) (one z per image) + KL(q(z|x) || N(0, I)).\n";
    c.set("dataset", data.name);
    c.set("epochs", epochs);
    c.set("batch_size", batch);
    c.set("learning_rate", lr);
    c.note("VAE on grey-level MNIST",
           "the pixels are grey levels in [0, 1], not bits; -log p(x|z) is then the binary cross-entropy, the log of an "
           "unnormalized density, so the 'nats per image' compare models with each other (and with PyTorch) but are not "
           "log-likelihoods of a distribution over images. The IWAE bounds are bounds on the same unnormalized quantity.");
    const dlc::Tensor<float> none;

    // ------------------------------------------------------------------ 2-D latent
    dlc::Vae<float> v2(dlc::mlp<float>({D, 400, 4}, c.rng()), dlc::mlp<float>({2, 400, D}, c.rng()), 2, c.rng());
    out << "2-D latent space:\n";
    const VaeHistory h2 = train_vae(c, v2, data.train, none, data.test, none, epochs, batch, lr, "vae_2d");
    c.set("latent2", {{"history", h2.json}, {"test_negative_elbo", h2.test.back()}});
    const dlc::Tensor<float> mu2 = encoder_means(v2, data.test, none);
    const double vae_empty = empty_fraction(mu2);

    // A plain autoencoder with the same layers and a deterministic 2-D code, trained the same way.
    auto ae = std::make_unique<dlc::Sequential<float>>();
    dlc::Sequential<float>& ae_ref = *ae;
    ae->add(dlc::mlp<float>({D, 400, 2}, c.rng()));
    ae->add(dlc::mlp<float>({2, 400, D}, c.rng()));
    dlc::BernoulliNll<float> bce(dlc::Reduction::sum);
    dlc::Adam<float> ae_adam(ae->parameters(), lr);
    std::vector<double> ae_loss;
    {
        dlc::Progress bar("autoencoder 2-D", epochs);
        for (std::size_t e = 0; e < epochs; ++e) {
            ae_loss.push_back(dlc::autoencoder_train_epoch(ae_ref, bce, ae_adam, data.train, batch, c.rng()));
            bar.tick(1, "BCE " + dlc::fmt(ae_loss.back(), 5));
        }
    }
    ae->eval();
    const dlc::Tensor<float> ae_codes = ae_ref[0].forward(data.test);
    const double ae_empty = empty_fraction(ae_codes);
    out << "A plain autoencoder with the same layers (deterministic 2-D code, the same BCE, " << epochs
        << " epochs) reaches a training reconstruction loss of " << dlc::fmt(ae_loss.back(), 5)
        << " nats per image. Over a 20 x 20 grid on the central 98% of the test codes, " << dlc::fmt(100 * ae_empty, 3)
        << "% of the cells are empty for the autoencoder and " << dlc::fmt(100 * vae_empty, 3)
        << "% for the VAE's means (Bahng ch. 10: the autoencoder's latent space has gaps; the KL term pulls the VAE's codes "
           "towards N(0, I)).\n";
    c.set("autoencoder2", {{"final_train_reconstruction", ae_loss.back()}, {"empty_cell_fraction", ae_empty}});
    c.set("latent2_empty_cell_fraction", vae_empty);

    std::vector<std::string> names = data.class_names;
    {
        dlc::plot::Figure f("vae_latent_2d");
        f.title("VAE, 2-D latent: encoder means of the " + std::to_string(data.test.shape(0)) + " test images").xlabel("mu_1")
            .ylabel("mu_2").equal_aspect().legend(dlc::plot::Legend::outside)
            .scatter(as_points(mu2), data.test_labels, names, dlc::plot::PointStyle::dot(0.35));
        c.figure(f, "The classes form regions of one connected cloud around the prior N(0, I)");
        dlc::plot::Figure g("autoencoder_latent_2d");
        g.title("Plain autoencoder, 2-D code of the same test images").xlabel("z_1").ylabel("z_2").equal_aspect()
            .legend(dlc::plot::Legend::outside)
            .scatter(as_points(ae_codes), data.test_labels, names, dlc::plot::PointStyle::dot(0.35));
        c.figure(g, "Without the KL term the codes spread into arms with empty space between them");
    }
    {
        // The decoded manifold: p = sigmoid(decoder(z)) on a 15 x 15 grid of z in [-2, 2]^2.
        const std::size_t g = 15;
        dlc::Tensor<float> Z = dlc::Tensor<float>::from_shape({g * g, std::size_t(2)});
        for (std::size_t i = 0; i < g; ++i)
            for (std::size_t j = 0; j < g; ++j) {
                Z(i * g + j, 0) = float(-2.0 + 4.0 * double(j) / double(g - 1));
                Z(i * g + j, 1) = float(2.0 - 4.0 * double(i) / double(g - 1));
            }
        v2.set_mode(dlc::Mode::eval);
        const dlc::Tensor<float> P = v2.decode_mean(Z);
        dlc::plot::Figure f("vae_manifold");
        f.title("VAE decoder means on a grid of z in [-2, 2]^2 (z_1 left to right, z_2 top to bottom)")
            .image_grid(as_images(P), g, {}, false);
        c.figure(f, "The learned manifold: neighbouring z decode to similar digits");
        // Interpolation between the first test 1 and the first test 7.
        const auto firsts = first_of_each_class(data.test_labels);
        if (firsts.size() == 10) {
            const std::size_t steps = 10;
            dlc::Tensor<float> Zi = dlc::Tensor<float>::from_shape({steps, std::size_t(2)});
            for (std::size_t s = 0; s < steps; ++s)
                for (std::size_t a = 0; a < 2; ++a) {
                    const double t = double(s) / double(steps - 1);
                    Zi(s, a) = float((1 - t) * mu2(firsts[1], a) + t * mu2(firsts[7], a));
                }
            const dlc::Tensor<float> Pi = v2.decode_mean(Zi);
            dlc::Tensor3<double> imgs = dlc::Tensor3<double>::from_shape({steps + 2, 28, 28});
            const dlc::Tensor3<double> ends = as_images(take_rows(data.test, {firsts[1], firsts[7]}));
            const dlc::Tensor3<double> mids = as_images(Pi);
            std::vector<std::string> caps;
            std::copy(ends.data(), ends.data() + 784, imgs.data());
            caps.push_back("test " + names[1]);
            for (std::size_t s = 0; s < steps; ++s) {
                std::copy(mids.data() + s * 784, mids.data() + (s + 1) * 784, imgs.data() + (s + 1) * 784);
                caps.push_back("t=" + dlc::fmt(double(s) / double(steps - 1), 2));
            }
            std::copy(ends.data() + 784, ends.data() + 2 * 784, imgs.data() + (steps + 1) * 784);
            caps.push_back("test " + names[7]);
            dlc::plot::Figure fi("vae_interpolation");
            fi.title("Decoding (1 - t) mu(x_1) + t mu(x_7): from a 1 to a 7 through the latent space")
                .image_grid(imgs, steps + 2, caps, false);
            c.figure(fi, "Straight-line interpolation between two encoder means decodes to a smooth morph");
        }
        v2.set_mode(dlc::Mode::train);
    }

    // ------------------------------------------------------------------ 20-D latent
    dlc::Vae<float> v20(dlc::mlp<float>({D, 400, 40}, c.rng()), dlc::mlp<float>({20, 400, D}, c.rng()), 20, c.rng());
    out << "20-D latent space:\n";
    const VaeHistory h20 = train_vae(c, v20, data.train, none, data.test, none, epochs, batch, lr, "vae_20d");
    const double test_nelbo = h20.test.back();
    // The IWAE bounds on the test set (a subset with --quick).
    const std::size_t n_iwae = std::min<std::size_t>(quick ? 300 : data.test.shape(0), data.test.shape(0));
    const dlc::Tensor<float> Xi = xt::view(data.test, xt::range(0, n_iwae), xt::all());
    nlohmann::json iwae = nlohmann::json::array();
    dlc::TextTable it({"k", "IWAE bound L_k (nats)", "-L_k (nats per image)", "plain ELBO from the same samples"});
    std::vector<double> bounds;
    {
        dlc::Progress bar("IWAE bounds", 3);
        for (std::size_t k : {1, 5, 50}) {
            const auto b = dlc::iwae_bound(v20, Xi, none, k, c.rng(), k >= 50 ? 40 : 200);
            bounds.push_back(b.bound);
            it.row({std::to_string(k), dlc::fmt(b.bound, 7), dlc::fmt(-b.bound, 7), dlc::fmt(b.elbo, 7)});
            iwae.push_back({{"k", k}, {"bound", b.bound}, {"negative_bound", -b.bound}, {"elbo_same_samples", b.elbo}});
            bar.tick(1, "k = " + std::to_string(k));
        }
    }
    const bool tightens = bounds[0] < bounds[1] && bounds[1] < bounds[2];
    out << "Test negative ELBO (one z per image, closed-form KL): " << dlc::fmt(test_nelbo, 6) << " nats per image.\n"
        << "Importance-weighted bounds on " << n_iwae << " test images (Bahng 10.4; Burda et al.): L_1 <= L_5 <= L_50 <= log p(x):\n"
        << it.str() << "The bound tightens with k: " << (tightens ? "yes" : "NO") << " (L_50 - L_1 = "
        << dlc::fmt(bounds[2] - bounds[0], 4) << " nats).\n";
    c.set("latent20", {{"history", h20.json}, {"test_negative_elbo", test_nelbo}, {"iwae", iwae}, {"iwae_images", n_iwae},
                       {"iwae_tightens", tightens}});
    c.note("Bahng 10.3-10.4", "the sections 'Conditional VAEs' and 'Importance Weighted Autoencoders' are headings without "
                              "text; the IWAE bound used here is Burda, Grosse & Salakhutdinov (2016).");

    // Against PyTorch: the committed reference of the same network trained the same way.
    const std::string ref_path = fixture_path("vae_mnist_torch.json");
    bool compared = false;
    if (!ref_path.empty()) {
        std::ifstream f(ref_path);
        const nlohmann::json ref = nlohmann::json::parse(f, nullptr, false);
        if (!ref.is_discarded() && ref.contains("test_negative_elbo")) {
            const double torch = ref.at("test_negative_elbo").get<double>();
            const bool same_setup = !quick && data.name == "MNIST" && ref.value("epochs", 0) == int(epochs) &&
                                    data.train.shape(0) == 60000;
            const double rel = (test_nelbo - torch) / torch;
            out << "PyTorch " << ref.value("torch_version", std::string("?")) << " (" << ref_path
                << "), the same 784-400-20 VAE, init, batch, Adam and " << ref.value("epochs", 0)
                << " epochs: test negative ELBO " << dlc::fmt(torch, 6) << "; ours " << dlc::fmt(test_nelbo, 6)
                << ", relative difference " << dlc::fmt(100 * rel, 3) << "%"
                << (same_setup ? (std::abs(rel) <= 0.01 ? " (within 1%)" : " (NOT within 1%)") : " (not comparable: different settings)")
                << ".\n";
            c.set("pytorch_test_negative_elbo", torch);
            c.set("pytorch_relative_difference", rel);
            c.set("pytorch_comparable", same_setup);
            if (same_setup) c.set("pytorch_within_1_percent", std::abs(rel) <= 0.01);
            compared = true;
        }
    }
    if (!compared) out << "(No PyTorch reference found: tests/fixtures/vae_mnist_torch.json.)\n";

    {
        dlc::plot::Figure f("vae_training");
        dlc::plot::LineStyle a, b, a2, b2;
        a.points = b.points = a2.points = b2.points = true;
        b.dashed = b2.dashed = true;
        f.title("VAE on " + data.name + ": negative ELBO per image").xlabel("epoch").ylabel("-ELBO (nats per image)")
            .lines(h2.epoch, h2.train, "2-D latent, training", a).lines(h2.epoch, h2.test, "2-D latent, test", b)
            .lines(h20.epoch, h20.train, "20-D latent, training", a2).lines(h20.epoch, h20.test, "20-D latent, test", b2);
        c.figure(f, "Training and test negative ELBO after each epoch");
    }
    {
        // 20-D: test digits and reconstructions (decoder means at the encoder means), and samples z ~ N(0, I).
        const auto firsts = first_of_each_class(data.test_labels);
        const dlc::Tensor<float> X10 = take_rows(data.test, firsts);
        const dlc::Tensor<float> M10 = encoder_means(v20, X10, none);
        v20.set_mode(dlc::Mode::eval);
        const dlc::Tensor<float> R10 = v20.decode_mean(M10);
        dlc::Tensor<float> Z = dlc::Tensor<float>::from_shape({30, std::size_t(20)});
        for (auto& z : Z) z = float(c.rng().normal());
        const dlc::Tensor<float> S = v20.decode_mean(Z);
        v20.set_mode(dlc::Mode::train);
        const std::size_t m = firsts.size();
        dlc::Tensor3<double> grid = dlc::Tensor3<double>::from_shape({2 * m, 28, 28});
        const auto a = as_images(X10), r = as_images(R10);
        std::copy(a.data(), a.data() + m * 784, grid.data());
        std::copy(r.data(), r.data() + m * 784, grid.data() + m * 784);
        dlc::plot::Figure f("vae_reconstructions");
        f.title("VAE (20-D): test digits (top) and decoder means at their encoder means (bottom)").image_grid(grid, m, {}, false);
        c.figure(f, "Reconstructions through the 20-D latent code");
        dlc::plot::Figure g("vae_samples");
        g.title("VAE (20-D): decoder means of 30 draws z ~ N(0, I)").image_grid(as_images(S), 10, {}, false);
        c.figure(g, "New digits generated from the prior");
    }
}

}  // namespace vae_lecture
