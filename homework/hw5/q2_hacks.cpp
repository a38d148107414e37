// HW5 Q2 (f): "Try at least three of the following hacks": a larger slope a, an adaptive eta, minibatches with
// averaged gradients, zero initialization, fewer or more hidden units, and the solution's combination of the
// first three. Each starts from the same seed as the baseline and ends with a conclusion computed from its MSE.
#include "cases.hpp"

#include "nn/linear.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <xtensor/xnorm.hpp>

#include <string>
#include <vector>

namespace hw5 {

namespace {

std::vector<Setting> hacks(const Setting& base) {
    std::vector<Setting> s;
    const auto add = [&](std::string name, std::string label) -> Setting& {
        s.push_back(base);
        s.back().name = std::move(name);
        s.back().label = std::move(label);
        return s.back();
    };
    add("slope_10", "a = 10").slope = 10;
    {
        Setting& h = add("adaptive_eta", "eta from 0.1, x0.9 when the MSE rises");
        h.eta = 0.1;
        h.adaptive_eta = true;
    }
    add("minibatch_5", "minibatches of 5, averaged gradients").batch = 5;
    add("zero_init", "zero initialization").init = dlc::WeightInit::zeros();
    add("hidden_2", "2 hidden units").hidden = 2;
    add("hidden_10", "10 hidden units").hidden = 10;
    {
        Setting& h = add("solution_combination", "the solution's code: a = 10, eta from 0.1 adaptive, minibatches of 5");
        h.slope = 10;
        h.eta = 0.1;
        h.adaptive_eta = true;
        h.batch = 5;
    }
    return s;
}

// The first epoch whose MSE is at most `target` (0 if none).
std::size_t first_epoch_below(const Run& run, double target) {
    for (std::size_t e = 0; e < run.mse.size(); ++e)
        if (run.mse[e] <= target) return e + 1;
    return 0;
}

// "final MSE 0.012 vs baseline 0.034: better (3.1x lower); reaches the baseline's final MSE at epoch 12"
std::string conclusion(const Run& run, const Run& base) {
    const double ratio = run.final_mse() / base.final_mse();
    std::string verdict = ratio < 0.9 ? "better (" + dlc::fmt(1 / ratio, 2) + "x lower)"
                          : ratio > 1.1 ? "worse (" + dlc::fmt(ratio, 2) + "x higher)"
                                        : "about the same (within 10%)";
    std::string s = "final MSE " + dlc::fmt(run.final_mse(), 3) + " vs baseline " + dlc::fmt(base.final_mse(), 3) + ": " +
                    verdict;
    const std::size_t e = first_epoch_below(run, base.final_mse());
    if (e > 0 && e < base.mse.size()) s += "; reaches the baseline's final MSE at epoch " + std::to_string(e);
    return s;
}

// The largest difference between two hidden units' incoming weights (0: the units are identical).
double hidden_unit_spread(dlc::Sequential<double>& net) {
    const auto& W = dynamic_cast<const dlc::Linear<double>&>(net[0]).W();
    double spread = 0;
    for (std::size_t k = 1; k < W.shape(0); ++k)
        spread = std::max(spread, double(xt::norm_linf(xt::view(W, k) - xt::view(W, 0))()));
    return spread;
}

}  // namespace

void q2_hacks(dlc::Case& c, const FriendData& data, const Setting& base, const Run& base_run, double base_accuracy,
              std::uint64_t init_seed) {
    auto& out = c.out();
    out << "\n(f) Hacks, each from the same initial seed as the baseline, " << base.epochs << " epochs:\n";
    dlc::TextTable t({"hack", "final MSE", "accuracy"});
    t.row({"baseline (d)", dlc::fmt(base_run.final_mse(), 4), dlc::fmt(base_accuracy, 3)});
    std::string conclusions;
    nlohmann::json results = nlohmann::json::array();
    std::vector<double> epochs(base_run.mse.size());
    for (std::size_t i = 0; i < epochs.size(); ++i) epochs[i] = double(i + 1);
    dlc::plot::Figure curves("hw5_q2_hacks");
    curves.title("HW5 Q2 (f): MSE after each epoch, baseline and hacks").xlabel("epoch").ylabel("MSE").log_y()
        .legend(dlc::plot::Legend::below).size(900, 750);
    dlc::plot::LineStyle thick;
    thick.width = 3;
    thick.colour = "#000000";
    curves.lines(epochs, base_run.mse, base.label, thick);
    bool dashed = false;

    for (const Setting& s : hacks(base)) {
        dlc::Rng init(init_seed), order(0);
        auto net = student_network(s.hidden, s.slope, s.init, init);
        const Run run = train_student(*net, data, s, order, !c.quick());
        const double acc = accuracy(*net, data);
        std::string line = conclusion(run, base_run);
        nlohmann::json r = {{"name", s.name}, {"label", s.label}, {"final_mse", run.final_mse()}, {"accuracy", acc},
                            {"mse", run.mse}, {"updates_per_epoch", (data.X.shape(0) + s.batch - 1) / s.batch}};
        if (s.adaptive_eta) {
            line += "; eta ended at " + dlc::fmt(run.eta.back(), 3);
            r["final_eta"] = run.eta.back();
        }
        if (s.init.kind == dlc::WeightInit::Kind::zeros) {
            const double spread = hidden_unit_spread(*net);
            line += spread == 0 ? "; the hidden units stay identical (symmetry never broken)"
                                : "; hidden units differ by " + dlc::fmt(spread, 3);
            r["hidden_unit_spread"] = spread;
        }
        r["conclusion"] = line;
        if (s.name == "minibatch_5") c.set("minibatch_updates_per_epoch", r["updates_per_epoch"]);
        t.row({s.label, dlc::fmt(run.final_mse(), 4), dlc::fmt(acc, 3)});
        conclusions += "  " + s.name + ": " + line + "\n";
        results.push_back(r);
        dlc::plot::LineStyle style;
        style.dashed = dashed = !dashed;  // every other curve dashed: the palette repeats colours
        curves.lines(epochs, run.mse, s.label, style);
        if (s.name == "solution_combination")
            surface_figure(c, *net, data, "hw5_q2_surface_combination",
                           "HW5 Q2 (f): f(x1, x2) with a = 10, adaptive eta, minibatches of 5",
                           "Q2 (f): the decision surface after the solution's combination of hacks");
    }
    out << t.str() << "Conclusions (measured):\n" << conclusions;
    c.set("hacks", results);
    c.figure(curves, "Q2 (f): the MSE curves of the baseline and of each hack (log scale)");
}

}  // namespace hw5
