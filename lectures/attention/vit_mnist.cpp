// A small vision transformer (Bahng 7.4, whose section has a heading only; Dosovitskiy et al. 2021) on MNIST (or
// Fashion-MNIST with --data fashion): 28 x 28 images cut into 16 patches of 7 x 7, each flattened and projected to
// d = 64 features, a learned class token in front (17 tokens), learned positions, 4 pre-LN blocks (4 heads, GELU
// feed-forward of 128), a linear classifier on the class token. Softmax cross-entropy, Adam with a cosine schedule.
// Test accuracy (targets: 97% on MNIST, 85% on Fashion-MNIST), and where the class token looks: its attention over
// the 16 patches in the last block for a few test images.
#include "cases.hpp"
#include "common.hpp"

#include "attention/vision.hpp"
#include "core/progress.hpp"
#include "data/datasets.hpp"
#include "models/lenet5.hpp"  // dlc::standardized_batch
#include "nn/softmax_cross_entropy.hpp"
#include "optim/adam.hpp"
#include "optim/metrics.hpp"
#include "optim/train.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <cmath>

namespace attention_lecture {

void vit_mnist(dlc::Case& c) {
    auto& out = c.out();
    const bool quick = c.quick();
    const auto data = dlc::load_images<float>(c.options().data, quick ? 2000 : 0, quick ? 500 : 0);
    if (!data.note.empty()) out << "note: " << data.note << "\n";
    const bool digits = data.name == "MNIST";
    const double target = digits ? 0.97 : 0.85;
    const double mean = xt::mean(data.train.images)();
    const double sd = std::sqrt(xt::variance(data.train.images)());
    if (!(sd > 0))
        throw dlc::DataError("vit_mnist", "every training pixel of " + data.dir + " has the value " + dlc::fmt(mean, 4) +
                                              " (sd = 0): the images cannot be standardized and hold nothing to learn");
    const std::size_t patch = 7, height = data.train.images.shape(1), width = data.train.images.shape(2);
    if (height % patch != 0 || width % patch != 0)
        throw dlc::DataError("vit_mnist", "the images of " + data.dir + " are " + std::to_string(height) + "x" +
                                              std::to_string(width) + " pixels: the 7x7 patches must tile them");
    const auto X = dlc::standardized_batch(data.train.images, mean, sd),
               Xtest = dlc::standardized_batch(data.test.images, mean, sd);
    const auto& y = data.train.labels;
    const auto& ytest = data.test.labels;
    const std::size_t n = X.shape(0), ntest = Xtest.shape(0);

    dlc::ViTConfig cfg;
    cfg.height = height;
    cfg.width = width;
    cfg.patch = patch;
    cfg.d = quick ? 32 : 64;
    cfg.heads = 4;
    cfg.layers = quick ? 2 : 4;
    cfg.d_ff = 2 * cfg.d;
    dlc::VisionTransformer<float> vit(cfg, c.rng());
    const std::size_t P = (height / patch) * (width / patch), vit_tokens = P + 1;
    const std::size_t epochs = quick ? 1 : 3, parts = quick ? 2 : 5, batch = 64;
    if (n < parts)
        throw dlc::DataError("vit_mnist", "needs at least " + std::to_string(parts) + " training images (one per slice of "
                                          "an epoch), got " + std::to_string(n) + " in " + data.dir);
    const double alpha0 = 2e-3;
    out << data.name << ": " << n << " training and " << ntest << " test images" << (quick ? " (--quick: a subsample)" : "")
        << ", standardized. " << vit.name() << ": " << vit.parameter_count() << " parameters (patch embedding W_E (" << cfg.d
        << " x " << patch * patch << "), class token, " << vit_tokens << " learned positions, " << cfg.layers << " pre-LN blocks with GELU, LayerNorm, linear head). "
        << "Softmax cross-entropy, Adam (alpha from " << alpha0 << " along a cosine to 0, updated every " << parts
        << "th of an epoch), batch " << batch << ", " << epochs << " epoch" << (epochs > 1 ? "s" : "") << ".\n";
    c.set("dataset", data.name);
    c.set("parameters", vit.parameter_count());
    c.set("epochs", epochs);

    dlc::SoftmaxCrossEntropy<float> loss;
    dlc::Adam<float> adam(vit.parameters(), alpha0);
    dlc::TrainOptions<float> opt;
    opt.epochs = 1;
    opt.batch_size = batch;
    opt.progress = false;
    const std::size_t monitor = std::min<std::size_t>(ntest, quick ? 500 : 2000);
    const dlc::Tensor<float> Xmon = xt::view(Xtest, xt::range(0, monitor), xt::all(), xt::all(), xt::all());
    const dlc::Labels ymon = xt::view(ytest, xt::range(0, monitor));
    std::vector<double> at, mon_acc, train_loss;
    dlc::TextTable table({"epoch", "train loss", "train accuracy", "test accuracy", "seconds"});
    dlc::Progress bar("ViT", epochs * parts);
    dlc::Tensor<float> Xpart;
    dlc::Labels ypart;
    double total_seconds = 0;
    dlc::Evaluation final_eval;
    std::size_t slice = 0;
    const double slices = double(epochs * parts);
    nlohmann::json history = nlohmann::json::array();
    for (std::size_t e = 1; e <= epochs; ++e) {
        const auto perm = c.rng().permutation(n);
        double secs = 0, eloss = 0, ecorrect = 0;
        for (std::size_t p = 0; p < parts; ++p) {
            adam.set_learning_rate(alpha0 * 0.5 * (1 + std::cos(M_PI * double(slice++) / slices)));
            const std::size_t lo = p * n / parts, hi = (p + 1) * n / parts;
            dlc::gather_rows(X, perm.data() + lo, hi - lo, Xpart);
            dlc::gather_rows(y, perm.data() + lo, hi - lo, ypart);
            const auto s = dlc::train(vit, loss, adam, Xpart, ypart, c.rng(), opt).front();
            const auto m = dlc::evaluate(vit, loss, Xmon, ymon, 500);
            secs += s.seconds;
            eloss += s.loss * double(hi - lo);
            ecorrect += s.accuracy * double(hi - lo);
            at.push_back(double(e - 1) + double(p + 1) / double(parts));
            train_loss.push_back(s.loss);
            mon_acc.push_back(100 * m.accuracy);
            bar.tick(1, "epoch " + std::to_string(e) + ", loss " + dlc::fmt(s.loss, 4) + ", test subset " + dlc::fmt(100 * m.accuracy, 4) + "%");
        }
        final_eval = dlc::evaluate(vit, loss, Xtest, ytest, 500);
        total_seconds += secs;
        table.row({std::to_string(e), dlc::fmt(eloss / double(n), 4), dlc::fmt(100 * ecorrect / double(n), 4) + "%",
                   dlc::fmt(100 * final_eval.accuracy, 4) + "%", dlc::fmt(secs, 3)});
        history.push_back({{"epoch", e}, {"train_loss", eloss / double(n)}, {"train_accuracy", ecorrect / double(n)},
                           {"test_accuracy", final_eval.accuracy}});
        c.timing("epoch_" + std::to_string(e) + "_seconds", secs);
    }
    bar.done();
    const bool met = final_eval.accuracy >= target;
    out << table.str() << "Test accuracy " << dlc::fmt(100 * final_eval.accuracy, 4) << "% on " << ntest << " images (target for "
        << data.name << ": >= " << dlc::fmt(100 * target, 3) << "%" << (quick ? "; not expected with --quick" : met ? ": met" : ": NOT met")
        << "). Training took " << dlc::fmt(total_seconds, 3) << " s.\n";
    c.set("history", history);
    c.set("test_accuracy", final_eval.accuracy);
    c.set("target_accuracy", target);
    c.set("target_met", met);
    c.timing("train_seconds", total_seconds);
    {
        dlc::plot::Figure f("vit_accuracy");
        dlc::plot::LineStyle pts;
        pts.points = true;
        f.title("Vision transformer on " + data.name).xlabel("epoch").ylabel("test-subset accuracy (%)").lines(at, mon_acc, "test subset of " + std::to_string(monitor), pts);
        c.figure(f, "Accuracy on held-out images after each " + std::string(parts == 5 ? "fifth" : "half") + " of an epoch");
    }

    // The class token's attention over the patches (last block, mean of the heads) for the first 6 test images.
    const std::size_t show = std::min<std::size_t>(6, ntest), grid = width / patch;
    const dlc::Tensor<float> Xs = xt::view(Xtest, xt::range(0, show), xt::all(), xt::all(), xt::all());
    vit.forward(Xs);
    const auto predicted = dlc::predicted_classes(vit.output());
    const auto& A = vit.attention_weights(cfg.layers - 1);
    dlc::Tensor3<double> tiles = xt::zeros<double>({2 * show, height, width});
    std::vector<std::string> captions;
    nlohmann::json maps = nlohmann::json::array();
    for (std::size_t k = 0; k < show; ++k) {
        std::vector<double> w(P, 0.0);
        for (std::size_t h = 0; h < cfg.heads; ++h)
            for (std::size_t i = 0; i < P; ++i) w[i] += A(k, h, 0, i + 1) / double(cfg.heads);  // row 0: the class token
        for (std::size_t r = 0; r < height; ++r)
            for (std::size_t q = 0; q < width; ++q) {
                tiles(2 * k, r, q) = data.test.images(k, r, q);
                tiles(2 * k + 1, r, q) = w[(r / patch) * grid + q / patch];
            }
        captions.push_back(data.class_names[ytest(k)] + " -> " + data.class_names[predicted(k)]);
        captions.push_back("class token attention");
        maps.push_back({{"label", ytest(k)}, {"predicted", predicted(k)}, {"patch_weights", w}});
    }
    c.set("class_token_attention", maps);
    dlc::plot::Figure f("vit_class_attention");
    f.title("Class token attention over the " + std::to_string(P) + " patches (last block, mean of heads)").image_grid(tiles, 4, captions);
    c.figure(f, "Test images (true -> predicted) and the class token's attention weights over their 7 x 7 patches");
}

}  // namespace attention_lecture
