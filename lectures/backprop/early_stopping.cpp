// Bahng §2.1 "Early Stopping"; ECE/CS 559 L13 "Cross-Validation" ("What is validation good for? Choose what epoch to
// stop at") and "Typical behavior of train vs. test risk" ("Stopping early could help alleviate overfitting ... by
// staying closer to its initialization"; "More training data reduces overfitting, delays its onset"). The lecture's
// MLP trained on 2 000 digits only, long enough to overfit; the validation loss, on 1 000 other digits of the training
// file, decides the epoch: stop when it has not improved for P = 10 epochs and keep the best epoch's weights.
#include "cases.hpp"
#include "common.hpp"
#include "small_mnist.hpp"

#include "plot/figure.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace backprop_lecture {

void early_stopping(dlc::Case& c) {
    auto& out = c.out();
    const SmallData d = small_data(c);
    SmallRun run;
    run.max_epochs = c.quick() ? 20 : 60;
    run.patience = c.quick() ? 5 : 10;
    run.stop_early = false;  // train every epoch to show the overfitting; the rule's choice is recorded on the way
    out << "Network 784-512-512-10 (ReLU, dropout 0.2), Adam alpha = 0.001 (constant), batches of 100, "
        << run.max_epochs << " epochs.\nEarly stopping (dlc::EarlyStopping): epoch t improves if its validation loss "
        << "L_t < L_b, the best so far; stop after P = " << run.patience << " epochs in a row without an improvement "
        << "and restore the weights of the best epoch b.\n";
    const SmallCurves r = train_small_mlp(c, d, run, "early_stopping");

    dlc::TextTable t({"epoch", "train loss", "train acc.", "validation loss", "validation acc.", ""});
    const std::size_t E = r.train_loss.size();
    for (std::size_t e = 1; e <= E; ++e) {
        // the first epochs, every 5th, and the epochs around the choice and the stop
        const bool near = (e + 2 >= r.best_epoch && e <= r.best_epoch + 2) || e == r.stop_epoch;
        if (!(e <= 3 || e % 5 == 0 || near || e == E)) continue;
        std::string mark = e == r.best_epoch ? "<- best (kept)" : e == r.stop_epoch ? "<- stop (P epochs later)" : "";
        t.row({std::to_string(e), dlc::fmt(r.train_loss[e - 1], 4), dlc::fmt(100 * r.train_accuracy[e - 1], 4) + "%",
               dlc::fmt(r.val_loss[e - 1], 4), dlc::fmt(100 * r.val_accuracy[e - 1], 4) + "%", mark});
    }
    out << t.str();
    const std::size_t argmin = std::size_t(std::min_element(r.val_loss.begin(), r.val_loss.end()) - r.val_loss.begin()) + 1;
    out << "Early stopping keeps epoch " << r.best_epoch << " (validation loss " << dlc::fmt(r.best_val_loss, 4)
        << ")" << (r.stop_epoch ? " and would have stopped after epoch " + std::to_string(r.stop_epoch)
                                : " (the rule did not say stop within the run)")
        << "; the smallest validation loss of all "
        << E << " epochs is at epoch " << argmin << ".\n"
        << "Test accuracy: " << dlc::fmt(100 * r.last_test_accuracy, 4) << "% after all " << E
        << " epochs (test loss " << dlc::fmt(r.last_test_loss, 4) << "), " << dlc::fmt(100 * r.best_test_accuracy, 4)
        << "% with early stopping (test loss " << dlc::fmt(r.best_test_loss, 4) << ").\n"
        << "After the chosen epoch the training loss goes on falling (" << dlc::fmt(r.train_loss[r.best_epoch - 1], 3)
        << " there, " << dlc::fmt(*std::min_element(r.train_loss.begin(), r.train_loss.end()), 3) << " at its lowest) "
        << "while the validation loss rises from " << dlc::fmt(r.best_val_loss, 3) << " to "
        << dlc::fmt(r.val_loss.back(), 3) << ": the network overexplains its " << d.X_train.shape(0)
        << " digits (L13), growing ever more confident, also on the validation digits it gets wrong. The validation "
        << "accuracy moves far less than the loss, so stopping on the loss mostly buys calibrated probabilities (test "
        << "loss " << dlc::fmt(r.best_test_loss, 3) << " against " << dlc::fmt(r.last_test_loss, 3) << ").\n";

    c.set("dataset", d.name);
    c.set("train_examples", d.X_train.shape(0));
    c.set("validation_examples", d.X_val.shape(0));
    c.set("test_examples", d.X_test.shape(0));
    c.set("epochs", E);
    c.set("patience", run.patience);
    c.set("train_loss", r.train_loss);
    c.set("train_accuracy", r.train_accuracy);
    c.set("validation_loss", r.val_loss);
    c.set("validation_accuracy", r.val_accuracy);
    c.set("best_epoch", r.best_epoch);
    c.set("stop_epoch", r.stop_epoch);
    c.set("validation_loss_argmin_epoch", argmin);
    c.set("best_validation_loss", r.best_val_loss);
    c.set("test_accuracy_without_early_stopping", r.last_test_accuracy);
    c.set("test_accuracy_with_early_stopping", r.best_test_accuracy);
    c.set("test_loss_without_early_stopping", r.last_test_loss);
    c.set("test_loss_with_early_stopping", r.best_test_loss);
    c.timing("train_seconds", r.seconds);

    const auto epochs = one_to(E);
    dlc::plot::LineStyle a, b, mark;
    a.points = b.points = true;
    b.marker = dlc::plot::Marker::square;
    mark.dashed = true;
    mark.colour = "#555555";
    {
        std::vector<double> all = r.train_loss;
        all.insert(all.end(), r.val_loss.begin(), r.val_loss.end());
        const double lo = *std::min_element(all.begin(), all.end()), hi = *std::max_element(all.begin(), all.end());
        dlc::plot::Figure fig("early_stopping_loss");
        fig.title(d.name + ", " + std::to_string(d.X_train.shape(0)) + " training digits: loss per epoch")
            .xlabel("epoch").ylabel("cross-entropy (evaluation mode)").log_y()
            .legend(dlc::plot::Legend::bottom_left)
            .lines(epochs, r.train_loss, "training", a)
            .lines(epochs, r.val_loss, "validation", b)
            .lines(std::vector<double>{double(r.best_epoch), double(r.best_epoch)}, std::vector<double>{lo, hi},
                   "epoch kept by early stopping (P = " + std::to_string(run.patience) + ")", mark);
        c.figure(fig, "Training and validation loss per epoch; the dashed line marks the epoch early stopping keeps");
    }
    {
        std::vector<double> pct_train, pct_val;
        for (double v : r.train_accuracy) pct_train.push_back(100 * v);
        for (double v : r.val_accuracy) pct_val.push_back(100 * v);
        const double lo = *std::min_element(pct_val.begin(), pct_val.end());
        dlc::plot::Figure fig("early_stopping_accuracy");
        fig.title(d.name + ", " + std::to_string(d.X_train.shape(0)) + " training digits: accuracy per epoch")
            .xlabel("epoch").ylabel("accuracy (%)").legend(dlc::plot::Legend::bottom_right)
            .lines(epochs, pct_train, "training", a)
            .lines(epochs, pct_val, "validation", b)
            .lines(std::vector<double>{double(r.best_epoch), double(r.best_epoch)}, std::vector<double>{lo, 100.0},
                   "epoch kept by early stopping", mark);
        c.figure(fig, "Training and validation accuracy per epoch, with the epoch early stopping keeps");
    }
}

}  // namespace backprop_lecture
