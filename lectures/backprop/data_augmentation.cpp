// Bahng §2.4 "Data Augmentation" ("having more training data helps with overfitting ... perform basic
// transformations to our current data to artificially generate more training data ... translate, rotate ... with
// the same label"); NYU slides "Data augmentation" ("Leverage the invariances of images. Create more data points for
// free": cropping, flipping, jittering, blurring, affine warping); ECE/CS 559 L13 ("More training data reduces
// overfitting, delays its onset"). The early_stopping case's setting (2 000 training digits, 1 000 validation digits,
// the lecture's MLP) trained twice: on the digits as they are, and on a freshly augmented copy each epoch (shifts of
// up to 2 pixels, rotations of up to 10 degrees, Gaussian pixel noise of sd 0.1); both with early stopping.
#include "cases.hpp"
#include "common.hpp"
#include "small_mnist.hpp"

#include "image/augment.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace backprop_lecture {

void data_augmentation(dlc::Case& c) {
    auto& out = c.out();
    const SmallData d = small_data(c);
    dlc::TransformRange range;  // dlc::random_warp draws dx, dy, theta uniformly; then N(0, sd^2) noise per pixel
    range.shift = 2.0;
    range.degrees = 10.0;
    range.noise_sd = 0.1;
    SmallRun run;
    run.max_epochs = c.quick() ? 15 : 100;
    run.patience = c.quick() ? 4 : 10;
    run.stop_early = true;
    run.evaluate_training = false;  // the validation loss decides; the training split is not evaluated
    out << "Augmentation (dlc::augment_images): x~ = A x + n, A a shift by (dx, dy), |dx|, |dy| <= " << range.shift
        << " pixels, and a rotation by |theta| <= " << range.degrees << " degrees about the centre (bilinear, black "
        << "outside the image), n ~ N(0, " << range.noise_sd << "^2) per pixel; a new draw for every image every epoch.\n"
        << "Both runs: the MLP 784-512-512-10 (ReLU, dropout 0.2), Adam alpha = 0.001, batches of 100, at most "
        << run.max_epochs << " epochs, early stopping with patience " << run.patience
        << " on the validation loss (the best epoch's weights are kept).\n";

    // Examples: the first 8 training digits, each with 5 augmented copies.
    const std::size_t shown = 8, copies = 5, H = d.height, W = d.width, P = H * W;
    dlc::Tensor3<double> tiles = dlc::Tensor3<double>::from_shape({shown * (copies + 1), H, W});
    std::vector<std::string> captions;
    std::vector<double> differences;
    nlohmann::json warps = nlohmann::json::array();
    std::vector<float> moved(P);
    for (std::size_t k = 0; k < shown; ++k) {
        const float* x = d.X_train.data() + k * P;
        // shown clipped to [0, 1], the digits' own range (the noise may leave it; the network sees it unclipped)
        const auto shown_pixel = [](double v) { return std::min(1.0, std::max(0.0, v)); };
        for (std::size_t p = 0; p < P; ++p) tiles.data()[(k * (copies + 1)) * P + p] = x[p];
        captions.push_back("digit " + d.class_names[d.y_train(k)]);
        for (std::size_t s = 1; s <= copies; ++s) {
            const dlc::Warp w = dlc::random_warp(range, c.rng());
            dlc::augment_image(x, moved.data(), H, W, w, range.noise_sd, c.rng());
            double diff = 0;
            for (std::size_t p = 0; p < P; ++p) {
                tiles.data()[(k * (copies + 1) + s) * P + p] = shown_pixel(moved[p]);
                diff += std::abs(double(moved[p]) - double(x[p]));
            }
            differences.push_back(diff / double(P));
            warps.push_back({{"dx", w.dx}, {"dy", w.dy}, {"degrees", w.degrees}});
            char caption[48];  // (dx, dy) to a tenth of a pixel, the angle to a degree
            const auto rounded = [](double v, double unit) { return std::round(v / unit) * unit + 0.0; };  // no "-0"
            std::snprintf(caption, sizeof caption, "(%.1f, %.1f) %.0f°", rounded(w.dx, 0.1), rounded(w.dy, 0.1),
                          rounded(w.degrees, 1.0));
            captions.push_back(caption);
        }
    }
    {
        dlc::plot::Figure fig("data_augmentation_examples");
        fig.title("Digits and augmented copies: shift (dx, dy) in pixels, rotation")
            .image_grid(tiles, copies + 1, captions, false);
        c.figure(fig, "Each row: a training digit and five augmented copies (shift (dx, dy), rotation, Gaussian noise of "
                      "sd " + dlc::fmt(range.noise_sd, 2) + "), as the network sees them in one epoch (shown clipped to "
                      "[0, 1])");
    }
    out << "Mean |x~ - x| per pixel of the " << differences.size() << " examples drawn: "
        << dlc::fmt(*std::min_element(differences.begin(), differences.end()), 3) << " to "
        << dlc::fmt(*std::max_element(differences.begin(), differences.end()), 3) << ".\n";

    const SmallCurves plain = train_small_mlp(c, d, run, "no augmentation");
    run.augment = &range;
    const SmallCurves aug = train_small_mlp(c, d, run, "augmented");

    dlc::TextTable t({"training data", "epochs run", "best epoch", "validation loss", "validation acc.", "test loss",
                      "test acc."});
    for (const auto* r : {&plain, &aug})
        t.row({r == &plain ? "as they are" : "augmented", std::to_string(r->val_loss.size()), std::to_string(r->best_epoch),
               dlc::fmt(r->best_val_loss, 4), dlc::fmt(100 * r->best_val_accuracy, 4) + "%", dlc::fmt(r->best_test_loss, 4),
               dlc::fmt(100 * r->best_test_accuracy, 4) + "%"});
    out << t.str();
    const double val_gain = aug.best_val_accuracy - plain.best_val_accuracy;
    const double test_gain = aug.best_test_accuracy - plain.best_test_accuracy;
    out << "Augmentation changes the validation accuracy by " << (val_gain >= 0 ? "+" : "") << dlc::fmt(100 * val_gain, 3)
        << " and the test accuracy by " << (test_gain >= 0 ? "+" : "") << dlc::fmt(100 * test_gain, 3)
        << " percentage points (" << d.X_test.shape(0) << " test digits: one digit is "
        << dlc::fmt(100.0 / double(d.X_test.shape(0)), 2) << " points)"
        << (test_gain > 0 ? "; the augmented network also trains longer before the validation loss turns up.\n" : ".\n");

    c.set("dataset", d.name);
    c.set("train_examples", d.X_train.shape(0));
    c.set("validation_examples", d.X_val.shape(0));
    c.set("test_examples", d.X_test.shape(0));
    c.set("shift_pixels", range.shift);
    c.set("rotation_degrees", range.degrees);
    c.set("noise_sd", range.noise_sd);
    c.set("patience", run.patience);
    c.set("max_epochs", run.max_epochs);
    c.set("example_warps", warps);
    c.set("example_mean_abs_difference", differences);
    for (const auto* r : {&plain, &aug}) {
        const std::string k = r == &plain ? "plain" : "augmented";
        c.set(k, {{"epochs_run", r->val_loss.size()},
                  {"best_epoch", r->best_epoch},
                  {"stop_epoch", r->stop_epoch},
                  {"validation_loss", r->val_loss},
                  {"validation_accuracy", r->val_accuracy},
                  {"best_validation_loss", r->best_val_loss},
                  {"best_validation_accuracy", r->best_val_accuracy},
                  {"test_accuracy", r->best_test_accuracy},
                  {"test_loss", r->best_test_loss}});
        c.timing(k + "_train_seconds", r->seconds);
    }
    c.set("validation_accuracy_gain", val_gain);
    c.set("test_accuracy_gain", test_gain);

    dlc::plot::LineStyle a, b;
    a.points = b.points = true;
    b.marker = dlc::plot::Marker::square;
    {
        std::vector<double> p1, p2;
        for (double v : plain.val_accuracy) p1.push_back(100 * v);
        for (double v : aug.val_accuracy) p2.push_back(100 * v);
        dlc::plot::Figure fig("data_augmentation_validation");
        fig.title(d.name + ", " + std::to_string(d.X_train.shape(0)) + " training digits: validation accuracy per epoch")
            .xlabel("epoch").ylabel("validation accuracy (%)").legend(dlc::plot::Legend::bottom_right)
            .lines(one_to(p1.size()), p1, "digits as they are (best epoch " + std::to_string(plain.best_epoch) + ")", a)
            .lines(one_to(p2.size()), p2, "augmented every epoch (best epoch " + std::to_string(aug.best_epoch) + ")", b);
        c.figure(fig, "Validation accuracy per epoch with and without augmentation, each run until early stopping");
    }
}

}  // namespace backprop_lecture
