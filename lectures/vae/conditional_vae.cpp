// A conditional VAE (Bahng 10.3; Sohn et al. 2015) on MNIST: the one-hot label y is given to both networks,
// q(z | x, y) and p(x | z, y), so that a digit can be generated on command by choosing y and drawing z ~ N(0, I). One row
// per digit, the same z in each column (z then carries the style: slant, thickness). The generated digits are checked by
// a small classifier trained on the real training images (how often it reads the digit that was asked for), and the
// conditional model's test negative ELBO is compared with an unconditional VAE of the same size.
#include "cases.hpp"
#include "common.hpp"
#include "vae_training.hpp"

#include "nn/softmax_cross_entropy.hpp"
#include "optim/adam.hpp"
#include "optim/metrics.hpp"
#include "optim/train.hpp"
#include "plot/figure.hpp"
#include "report/json.hpp"
#include "report/table.hpp"
#include "vae/networks.hpp"

#include <string>
#include <vector>

namespace vae_lecture {

void conditional_vae(dlc::Case& c) {
    auto& out = c.out();
    const bool quick = c.quick();
    const FlatImages data = load_flat_images(c, quick ? 2000 : 0, quick ? 1000 : 0);
    const std::size_t epochs = quick ? 1 : 10, batch = 128, D = 784, k = 8, classes = 10;
    const double lr = 1e-3;
    const dlc::Tensor<float> Y = one_hot(data.train_labels, classes), Ytest = one_hot(data.test_labels, classes);
    out << "Conditional VAE on " << data.name << ": encoder [x, y] (794) - 400 - 2k, decoder [z, y] (" << k + classes
        << ") - 400 - 784 (ReLU, Bernoulli logits), k = " << k << "; y one-hot; " << epochs << " epochs of Adam (" << lr
        << "), batch " << batch << ".\n";
    dlc::Vae<float> cvae(dlc::mlp<float>({D + classes, 400, 2 * k}, c.rng()), dlc::mlp<float>({k + classes, 400, D}, c.rng()), k,
                         c.rng(), dlc::Likelihood::bernoulli, 1.0, classes);
    const VaeHistory h = train_vae(c, cvae, data.train, Y, data.test, Ytest, epochs, batch, lr, "cvae");
    const dlc::Tensor<float> none;
    out << "The same network without the label (an unconditional VAE, k = " << k << "):\n";
    dlc::Vae<float> plain(dlc::mlp<float>({D, 400, 2 * k}, c.rng()), dlc::mlp<float>({k, 400, D}, c.rng()), k, c.rng());
    const VaeHistory hp = train_vae(c, plain, data.train, none, data.test, none, epochs, batch, lr, "vae_unconditional");
    const double gain = hp.test.back() - h.test.back();
    out << "Test negative ELBO: conditional " << dlc::fmt(h.test.back(), 6) << ", unconditional " << dlc::fmt(hp.test.back(), 6)
        << " nats per image: knowing the label saves " << dlc::fmt(gain, 4)
        << " nats (the conditional model bounds -log p(x | y), which is at most log 10 = 2.303 nats below -log p(x) on "
           "average).\n";
    c.set("latent", k);
    c.set("epochs", epochs);
    c.set("history", h.json);
    c.set("test_negative_elbo", h.test.back());
    c.set("unconditional_test_negative_elbo", hp.test.back());
    c.set("label_gain_nats", gain);

    // One row per digit, the same z in each column.
    const std::size_t cols = 10;
    dlc::Tensor<float> Z = dlc::Tensor<float>::from_shape({cols, k});
    for (auto& z : Z) z = float(c.rng().normal());
    dlc::Tensor<float> Zall = dlc::Tensor<float>::from_shape({classes * cols, k});
    dlc::Tensor<float> Yall = xt::zeros<float>({classes * cols, classes});
    for (std::size_t d = 0; d < classes; ++d)
        for (std::size_t j = 0; j < cols; ++j) {
            for (std::size_t a = 0; a < k; ++a) Zall(d * cols + j, a) = Z(j, a);
            Yall(d * cols + j, d) = 1;
        }
    cvae.set_mode(dlc::Mode::eval);
    const dlc::Tensor<float> G = cvae.decode_mean(Zall, Yall);
    {
        std::vector<std::string> caps;
        for (std::size_t d = 0; d < classes; ++d)
            for (std::size_t j = 0; j < cols; ++j) caps.push_back(j == 0 ? "y = " + data.class_names[d] : "");
        dlc::plot::Figure f("cvae_digits_on_command");
        f.title("Conditional VAE: row y = 0..9, column = one z ~ N(0, I) shared by the row's digits")
            .image_grid(as_images(G), cols, caps, false);
        c.figure(f, "Each row is generated on command; each column keeps one z, which carries the writing style");
    }

    // A check of the generated digits: a 784-100-10 classifier trained on the real training images.
    dlc::Sequential<float> clf;
    clf.add(dlc::mlp<float>({D, 100, classes}, c.rng()));
    dlc::SoftmaxCrossEntropy<float> ce;
    dlc::Adam<float> adam(clf.parameters(), 1e-3);
    dlc::TrainOptions<float> opt;
    opt.epochs = quick ? 2 : 3;
    opt.batch_size = 64;
    opt.label = "classifier";
    dlc::train(clf, ce, adam, data.train, data.train_labels, c.rng(), opt);
    const auto ev = dlc::evaluate(clf, ce, data.test, data.test_labels, 1000);
    // 100 samples per digit, fresh z each.
    const std::size_t per = 100;
    dlc::Tensor<float> Zs = dlc::Tensor<float>::from_shape({classes * per, k});
    dlc::Tensor<float> Ys = xt::zeros<float>({classes * per, classes});
    for (auto& z : Zs) z = float(c.rng().normal());
    for (std::size_t i = 0; i < classes * per; ++i) Ys(i, i / per) = 1;
    const dlc::Tensor<float> Gs = cvae.decode_mean(Zs, Ys);
    cvae.set_mode(dlc::Mode::train);
    const dlc::Labels pred = dlc::predicted_classes(dlc::predict(clf, Gs, 1000));
    std::vector<double> per_class(classes, 0);
    double total = 0;
    for (std::size_t i = 0; i < classes * per; ++i)
        if (pred(i) == i / per) per_class[i / per] += 1.0 / double(per), total += 1.0 / double(classes * per);
    out << "A 784-100-10 classifier trained on the real digits (" << dlc::fmt(100 * ev.accuracy, 4)
        << "% test accuracy) reads " << dlc::fmt(100 * total, 4) << "% of 1000 generated digits (100 per label) as the label "
        << "asked for; per label " << dlc::fmt_vec(per_class, 3) << ".\n";
    c.set("classifier_test_accuracy", ev.accuracy);
    c.set("generated_read_as_requested", total);
    c.set("generated_read_as_requested_per_label", per_class);
}

}  // namespace vae_lecture
