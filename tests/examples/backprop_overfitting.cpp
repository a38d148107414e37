// The backprop lecture's cases on Bahng's chapter 2 (issue 22): early stopping (§2.1), data augmentation (§2.4) and
// magnitude pruning (§2.5), checked from their JSON (the --quick run). The early-stopping epoch is recomputed from the
// recorded validation curve by the rule read directly; the pruned counts from the layer sizes, derived by hand below.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "case_run.hpp"

#include <cmath>
#include <cstddef>
#include <vector>

BOOST_AUTO_TEST_SUITE(backprop_overfitting)

namespace {

const nlohmann::json& run() {
    return dlc_test::run_cases("lectures", "backprop", {"early_stopping", "data_augmentation", "pruning"});
}

std::vector<double> numbers(const nlohmann::json& a) { return a.get<std::vector<double>>(); }

// The rule read directly: the first epoch t whose first argmin of L_1..L_t lies `patience` epochs back is the stop
// epoch (0 if none), and that argmin the epoch kept (of the whole curve if the rule never stops).
void rule(const std::vector<double>& L, std::size_t patience, std::size_t& best, std::size_t& stop) {
    best = 0, stop = 0;
    for (std::size_t t = 1; t <= L.size() && stop == 0; ++t) {
        std::size_t argmin = 1;
        for (std::size_t s = 2; s <= t; ++s)
            if (L[s - 1] < L[argmin - 1]) argmin = s;
        best = argmin;
        if (t - argmin >= patience) stop = t;
    }
}

}  // namespace

// Every per-epoch curve has one entry per epoch; the epoch kept is the first argmin of the validation loss up to the
// stop, the stop is P epochs after it, and the run overfits: at the end the training loss is below its first value
// and the validation loss above its best.
BOOST_AUTO_TEST_CASE(early_stopping_picks_the_argmin_within_the_patience_rule) {
    const auto& c = run()["cases"]["early_stopping"];
    const std::size_t E = c["epochs"].get<std::size_t>(), P = c["patience"].get<std::size_t>();
    BOOST_TEST(E == 20u);  // --quick: 20 epochs, patience 5
    BOOST_TEST(P == 5u);
    for (const char* k : {"train_loss", "train_accuracy", "validation_loss", "validation_accuracy"})
        BOOST_TEST(c[k].size() == E, k);
    const auto L = numbers(c["validation_loss"]), T = numbers(c["train_loss"]);
    std::size_t best = 0, stop = 0;
    rule(L, P, best, stop);
    BOOST_TEST(stop > 0u);  // the quick run overfits soon enough for the rule to stop within it
    BOOST_TEST(c["best_epoch"].get<std::size_t>() == best);
    BOOST_TEST(c["stop_epoch"].get<std::size_t>() == stop);
    BOOST_TEST(stop == best + P);
    for (std::size_t t = 1; t < stop; ++t) BOOST_TEST(L[t - 1] >= L[best - 1]);
    BOOST_TEST(c["best_validation_loss"].get<double>() == L[best - 1]);
    BOOST_TEST(T.back() < T.front());
    BOOST_TEST(L.back() > L[best - 1]);
    std::size_t argmin = 1;
    for (std::size_t t = 2; t <= E; ++t)
        if (L[t - 1] < L[argmin - 1]) argmin = t;
    BOOST_TEST(c["validation_loss_argmin_epoch"].get<std::size_t>() == argmin);
    for (const char* k : {"test_accuracy_with_early_stopping", "test_accuracy_without_early_stopping"}) {
        BOOST_TEST(c[k].get<double>() > 0.5, k);  // far above chance (0.1) on 500 digits
        BOOST_TEST(c[k].get<double>() <= 1.0, k);
    }
    BOOST_TEST(c["train_examples"].get<std::size_t>() == 500u);
    BOOST_TEST(c["validation_examples"].get<std::size_t>() == 500u);
}

// The augmented examples differ from their originals (mean |x~ - x| per pixel > 0), their warps lie in the stated
// ranges; both runs follow the early-stopping rule, and the gains are the differences of the recorded accuracies.
BOOST_AUTO_TEST_CASE(augmented_examples_differ_and_both_runs_stop_by_the_rule) {
    const auto& c = run()["cases"]["data_augmentation"];
    const double shift = c["shift_pixels"].get<double>(), degrees = c["rotation_degrees"].get<double>();
    BOOST_TEST(shift == 2.0);
    BOOST_TEST(degrees == 10.0);
    BOOST_TEST(c["noise_sd"].get<double>() == 0.1);
    const auto diff = numbers(c["example_mean_abs_difference"]);
    BOOST_TEST(diff.size() == 40u);  // 8 digits x 5 copies
    for (double d : diff) BOOST_TEST(d > 0.0);
    BOOST_TEST(c["example_warps"].size() == diff.size());
    for (const auto& w : c["example_warps"]) {
        BOOST_TEST(std::abs(w["dx"].get<double>()) <= shift);
        BOOST_TEST(std::abs(w["dy"].get<double>()) <= shift);
        BOOST_TEST(std::abs(w["degrees"].get<double>()) <= degrees);
    }
    const std::size_t P = c["patience"].get<std::size_t>(), max_epochs = c["max_epochs"].get<std::size_t>();
    for (const char* k : {"plain", "augmented"}) {
        const auto& r = c[k];
        const auto L = numbers(r["validation_loss"]);
        const std::size_t E = r["epochs_run"].get<std::size_t>();
        BOOST_TEST(L.size() == E, k);
        BOOST_TEST(r["validation_accuracy"].size() == E, k);
        BOOST_TEST(E <= max_epochs, k);
        std::size_t best = 0, stop = 0;
        rule(L, P, best, stop);
        BOOST_TEST(r["best_epoch"].get<std::size_t>() == best, k);
        BOOST_TEST(r["stop_epoch"].get<std::size_t>() == stop, k);
        BOOST_TEST((stop == 0 ? E == max_epochs : E == stop), k);  // stopped by the rule, or ran out of epochs
        BOOST_TEST(r["best_validation_loss"].get<double>() == L[best - 1], k);
        BOOST_TEST(r["best_validation_accuracy"].get<double>() == r["validation_accuracy"][best - 1].get<double>(), k);
    }
    BOOST_TEST(c["test_accuracy_gain"].get<double>() ==
               c["augmented"]["test_accuracy"].get<double>() - c["plain"]["test_accuracy"].get<double>());
    BOOST_TEST(c["validation_accuracy_gain"].get<double>() == c["augmented"]["best_validation_accuracy"].get<double>() -
                                                                  c["plain"]["best_validation_accuracy"].get<double>());
}

// The MLP's weight matrices: 784 x 512 = 401 408, 512 x 512 = 262 144 and 512 x 10 = 5 120, n = 668 672 weights
// (its 512 + 512 + 10 = 1 034 biases are kept). A sparsity s prunes floor(s n + 1/2): 0.5 n = 334 336 exactly; 0.8 n
// = 534 937.6 -> 534 938; 0.9 n = 601 804.8 -> 601 805; 0.95 n = 635 238.4 -> 635 238; 0.99 n = 661 985.28 -> 661 985.
// Per layer the same rule for each matrix, e.g. 0.8 x 5 120 = 4 096. The recorded zeros (counted in the pruned weights,
// and again after fine-tuning) equal the counts, and at s = 0 the accuracy is the model store's.
BOOST_AUTO_TEST_CASE(pruned_models_have_exactly_the_stated_sparsity) {
    const auto& c = run()["cases"]["pruning"];
    BOOST_TEST(c["weights"].get<std::size_t>() == 668672u);
    BOOST_TEST(c["biases_kept"].get<std::size_t>() == 1034u);
    const auto S = numbers(c["sparsities"]);
    BOOST_TEST(S == (std::vector<double>{0.0, 0.5, 0.8, 0.9, 0.95, 0.99}));
    const std::vector<std::size_t> expected_global = {0, 334336, 534938, 601805, 635238, 661985};
    const std::vector<std::size_t> layer_size = {401408, 262144, 5120};
    for (const char* scope : {"global", "per_layer"}) {
        const auto& rows = c[scope];
        BOOST_TEST(rows.size() == S.size(), scope);
        for (std::size_t i = 0; i < S.size(); ++i) {
            const auto& r = rows[i];
            const std::size_t pruned = r["pruned"].get<std::size_t>();
            BOOST_TEST(r["sparsity"].get<double>() == S[i]);
            BOOST_TEST(r["weights"].get<std::size_t>() == 668672u);
            BOOST_TEST(r["weights_per_layer"].get<std::vector<std::size_t>>() == layer_size);
            const auto per = r["pruned_per_layer"].get<std::vector<std::size_t>>();
            BOOST_TEST(per[0] + per[1] + per[2] == pruned);
            if (std::string(scope) == "global") {
                BOOST_TEST(pruned == expected_global[i], scope << " s = " << S[i]);
            } else {
                for (std::size_t l = 0; l < 3; ++l)
                    BOOST_TEST(per[l] == std::size_t(std::floor(S[i] * double(layer_size[l]) + 0.5)), "layer " << l);
            }
            BOOST_TEST(r["zeros"].get<std::size_t>() == pruned);
            BOOST_TEST(r["zeros_after_fine_tuning"].get<std::size_t>() == pruned);
            BOOST_TEST(r["achieved_sparsity"].get<double>() == double(pruned) / 668672.0);
        }
        BOOST_TEST(rows[1]["achieved_sparsity"].get<double>() == 0.5);  // s n whole: exactly the stated fraction
        BOOST_TEST(rows[0]["test_accuracy"].get<double>() == c["model_test_accuracy"].get<double>(), scope);
        BOOST_TEST(rows[0]["fine_tuned_test_accuracy"].get<double>() == c["fine_tuned_dense_test_accuracy"].get<double>());
    }
    BOOST_TEST(c["per_layer"][2]["pruned_per_layer"][2].get<std::size_t>() == 4096u);  // 0.8 x 5 120
    BOOST_TEST(c["test_accuracy_unpruned"].get<double>() == c["model_test_accuracy"].get<double>());
    BOOST_TEST(c["test_examples"].get<std::size_t>() == c["model_test_examples"].get<std::size_t>());
    // Deleting 99% of the weights without retraining is far worse than deleting half (the curve falls).
    BOOST_TEST(c["global"][5]["test_accuracy"].get<double>() < c["global"][1]["test_accuracy"].get<double>() - 0.2);
    // Bahng §2.5 checked: the first claim (small weights barely matter) is recorded as checked or as a note, and the
    // lottery-ticket claims are a note (not tested by this curve).
    const auto notes = dlc_test::notes_of(run(), "pruning");
    bool lottery = false;
    for (const auto& n : notes) lottery = lottery || n["topic"] == "the lottery ticket claims of §2.5";
    BOOST_TEST(lottery);
    BOOST_TEST(dlc_test::errata_of(run(), "pruning").empty());
    BOOST_TEST(c["checked"].size() + notes.size() >= 3u);
}

BOOST_AUTO_TEST_SUITE_END()
