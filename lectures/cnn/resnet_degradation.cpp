// The degradation problem and the residual connection (NYU slides "Going Deeper": "the best networks were still
// around 20 layers and deeper results in worse performance"; "Residual Networks (ResNet)": "skip connection to
// prevent gradient vanishing"; Bahng §4 "Residual Networks", §5.3 "residual connections to allow for more gradient
// flow"; He et al., CVPR 2016, Fig. 1 and §4.2). Six networks from lib/models/resnet.hpp — plain and residual, of
// depth 8, 20 and 32 (6n + 2 weighted layers: 3x3 conv + batch norm + ReLU in three stages of widths 8/16/32, stride-2
// downsampling with 1x1 projection shortcuts, global average pooling, a linear classifier) — are trained on
// Fashion-MNIST with the same budget: the same steps, batches (in the same order), optimizer (Adam), learning rate
// and data. Shows the six training-loss curves, the final training loss and test accuracy of each network, and the
// gradient norm ||dL/dW_l|| of every weighted layer l of the two depth-32 networks at initialisation.
// --quick: 128 images and 6 steps, too few to compare the networks (the case says so and records no verdict).
#include "cases.hpp"

#include "core/progress.hpp"
#include "core/threads.hpp"
#include "data/datasets.hpp"
#include "models/lenet5.hpp"
#include "models/resnet.hpp"
#include "nn/softmax_cross_entropy.hpp"
#include "optim/adam.hpp"
#include "optim/divergence.hpp"
#include "optim/metrics.hpp"
#include "optim/train.hpp"
#include "plot/figure.hpp"
#include "plot/palette.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <mutex>
#include <numeric>
#include <string>
#include <vector>

namespace cnn_lecture {

namespace {

// The budget every network gets (the same for all six).
struct DegradationBudget {
    std::size_t n_train, n_test, batch, steps, window;
    double learning_rate;
};

DegradationBudget degradation_budget(bool quick) {
    if (quick) return {128, 64, 32, 6, 2, 2e-3};
    return {3200, 2000, 32, 200, 10, 2e-3};
}

// What one network's run produced.
struct DegradationRun {
    std::size_t depth = 0;
    dlc::ResNetKind kind = dlc::ResNetKind::plain;
    std::size_t parameters = 0, formula_parameters = 0;
    std::vector<double> curve;            // mean minibatch loss over each window of steps
    std::vector<double> init_grad_norms;  // ||dL/dW_l||, l = 1..L, at initialisation
    std::vector<double> init_projection_norms;
    double init_loss = 0, final_window_loss = 0;
    dlc::Evaluation train_eval, test_eval;
    double seconds = 0;
    std::string label() const { return std::string(dlc::resnet_kind_name(kind)) + "-" + std::to_string(depth); }
};

// ||g||_2 of a gradient tensor, in double.
double grad_norm(const dlc::Tensor<float>& g) {
    double s = 0;
    for (std::size_t i = 0; i < g.size(); ++i) s += double(g.data()[i]) * double(g.data()[i]);
    return std::sqrt(s);
}

}  // namespace

void resnet_degradation(dlc::Case& c) {
    auto& out = c.out();
    const bool quick = c.quick();
    const DegradationBudget budget = degradation_budget(quick);
    // The case's data is Fashion-MNIST, harder than the digits (which LeNet-5 classifies to 99%); --data mnist or a
    // folder selects other images.
    const std::string choice = c.options().data.empty() ? "fashion" : c.options().data;
    const auto data = dlc::load_images<float>(choice, budget.n_train, budget.n_test);
    if (!data.note.empty()) out << "note: " << data.note << "\n";
    dlc::require_28_by_28(data, "resnet_degradation", "the networks' three stages are 28 x 28, 14 x 14 and 7 x 7");
    const double mean = xt::mean(data.train.images)();
    const double sd = std::sqrt(xt::variance(data.train.images)());
    if (!(sd > 0))
        throw dlc::DataError("resnet_degradation", "every training pixel of " + data.dir + " has the value " +
                                                       dlc::fmt(mean, 4) + " (sd = 0): nothing to learn");
    const auto X = dlc::standardized_batch(data.train.images, mean, sd),
               Xtest = dlc::standardized_batch(data.test.images, mean, sd);
    const auto& y = data.train.labels;
    const auto& ytest = data.test.labels;
    const std::size_t n = X.shape(0), ntest = Xtest.shape(0), B = budget.batch;
    if (n < B || ntest < B)
        throw dlc::DataError("resnet_degradation", "needs at least " + std::to_string(B) + " training and test images "
                                                   "(one batch), got " + std::to_string(n) + " and " + std::to_string(ntest));
    // Evaluate on whole batches only: every pass then has the training batch's shape (no reallocation).
    const std::size_t n_eval = n / B * B, ntest_eval = ntest / B * B;
    const dlc::Tensor<float> Xeval = xt::view(X, xt::range(0, n_eval), xt::all(), xt::all(), xt::all()),
                             Xtest_eval = xt::view(Xtest, xt::range(0, ntest_eval), xt::all(), xt::all(), xt::all());
    const dlc::Labels yeval = xt::view(y, xt::range(0, n_eval)), ytest_eval = xt::view(ytest, xt::range(0, ntest_eval));
    std::vector<std::size_t> identity(n_eval);
    std::iota(identity.begin(), identity.end(), std::size_t{0});

    const std::size_t steps = budget.steps, window = budget.window;
    out << data.name << " from " << data.dir << ": the first " << n << " training images, " << ntest_eval
        << " test images" << (quick ? " (--quick)" : "") << "; pixels standardized (mean " << dlc::fmt(mean, 4)
        << ", sd " << dlc::fmt(sd, 4) << ").\n"
        << "Every network: " << steps << " steps of Adam (alpha = " << dlc::fmt(budget.learning_rate, 3)
        << ", constant) on batches of " << B << " (" << dlc::fmt(double(steps * B) / double(n), 3)
        << " epochs), the same batches in the same order; softmax cross-entropy; Kaiming kernels; batch norm "
           "after every convolution.\n\n";

    // The batches: epochs of shuffled indices, drawn once, so that the six networks see the same examples in the same
    // order (the two networks of a depth then differ only in their skip connections and their initial weights' draws).
    std::vector<std::size_t> order;
    order.reserve(steps * B);
    while (order.size() < steps * B) {
        std::vector<std::size_t> perm = c.rng().permutation(n);
        perm.resize(n / B * B);  // whole batches of each epoch
        order.insert(order.end(), perm.begin(), perm.end());
    }

    // The six networks, built in the table's order from the case's generator (so the weights do not depend on how the
    // training is scheduled below).
    const std::size_t depths[] = {8, 20, 32};
    const dlc::ResNetKind kinds[] = {dlc::ResNetKind::plain, dlc::ResNetKind::residual};
    std::vector<DegradationRun> runs;
    std::vector<std::unique_ptr<dlc::Sequential<float>>> nets;
    for (std::size_t depth : depths)
        for (auto kind : kinds) {
            DegradationRun r;
            r.depth = depth;
            r.kind = kind;
            dlc::ResNetSpec spec;
            spec.depth = depth;
            spec.kind = kind;
            nets.push_back(std::make_unique<dlc::Sequential<float>>());
            dlc::add_resnet(*nets.back(), spec, c.rng());
            r.parameters = nets.back()->parameter_count();
            r.formula_parameters = dlc::resnet_parameter_count(spec);
            if (r.parameters != r.formula_parameters)
                throw dlc::Error("resnet_degradation", r.label() + ": the formula's parameter count " +
                                                           std::to_string(r.formula_parameters) + " and the network's " +
                                                           std::to_string(r.parameters) + " disagree");
            runs.push_back(std::move(r));
        }

    // One network's run: the gradient norms at initialisation, `steps` Adam steps, the evaluations.
    std::mutex bar_mutex;
    dlc::Progress bar("resnets", runs.size() * steps);
    const auto train_one = [&](std::size_t k) {
        DegradationRun& r = runs[k];
        dlc::Sequential<float>& net = *nets[k];
        dlc::SoftmaxCrossEntropy<float> loss;
        dlc::Tensor<float> xb;  // the step's batch, reused
        dlc::Labels yb;
        net.set_input_grad_needed(false);  // no gradient with respect to the images
        const auto weights = dlc::resnet_layer_weights(net), projections = dlc::resnet_layer_weights(net, true);

        // At initialisation, on the first batch: ||dL/dW_l|| for every weighted layer l (batch norm with the batch's
        // statistics, as in training).
        dlc::gather_rows(X, order.data(), B, xb);
        dlc::gather_rows(y, order.data(), B, yb);
        net.zero_grad();
        r.init_loss = loss.forward(net.forward(xb), yb);
        net.backward(loss.backward());
        for (const auto& p : weights) r.init_grad_norms.push_back(grad_norm(*p.grad));
        for (const auto& p : projections) r.init_projection_norms.push_back(grad_norm(*p.grad));

        // Training: step t uses batch t of `order`.
        dlc::Adam<float> adam(net.parameters(), budget.learning_rate);
        dlc::DivergenceMonitor monitor("resnet_degradation", r.label() + " loss", 0.0);  // NaN/Inf only
        const auto t0 = std::chrono::steady_clock::now();
        double window_sum = 0;
        for (std::size_t t = 0; t < steps; ++t) {
            dlc::gather_rows(X, order.data() + t * B, B, xb);
            dlc::gather_rows(y, order.data() + t * B, B, yb);
            net.zero_grad();
            const double l = loss.forward(net.forward(xb), yb);
            monitor.check(l, "step " + std::to_string(t + 1));
            net.backward(loss.backward());
            adam.step();
            window_sum += l;
            if ((t + 1) % window == 0) {
                r.curve.push_back(window_sum / double(window));
                window_sum = 0;
            }
            const std::lock_guard<std::mutex> lock(bar_mutex);
            bar.tick(1, r.label() + ", loss " + dlc::fmt(l, 3));
        }
        r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        r.final_window_loss = r.curve.back();
        // The final training loss: the loss the training minimizes (batch norm with each batch's statistics), over the
        // training images in batches of B, the weights fixed. The pass also brings batch norm's running averages (which
        // lag behind weights that move) to the final weights, for the test evaluation that follows.
        double sum = 0;
        std::size_t correct = 0;
        for (std::size_t start = 0; start < n_eval; start += B) {
            const std::size_t* idx = identity.data() + start;
            dlc::gather_rows(Xeval, idx, B, xb);
            dlc::gather_rows(yeval, idx, B, yb);
            const auto& logits = net.forward(xb);
            sum += loss.forward(logits, yb) * double(B);
            correct += dlc::count_correct(logits, yb);
        }
        r.train_eval = {sum / double(n_eval), double(correct) / double(n_eval), n_eval};
        r.test_eval = dlc::evaluate(net, loss, Xtest_eval, ytest_eval, B);  // evaluation mode: running averages
        nets[k].reset();  // its buffers (the convolutions' columns) are the largest memory of the case
    };
    // The six runs are independent: they go to the worker threads, deepest first (the longest ones start first), each
    // with one BLAS thread (their matrix products are too small to share; results do not depend on --threads).
    std::vector<std::size_t> by_cost(runs.size());
    std::iota(by_cost.begin(), by_cost.end(), std::size_t{0});
    std::stable_sort(by_cost.begin(), by_cost.end(), [&](std::size_t a, std::size_t b) { return runs[a].depth > runs[b].depth; });
    const auto t_all = std::chrono::steady_clock::now();
    dlc::run_tasks(runs.size(), [&](std::size_t i) { train_one(by_cost[i]); });
    bar.done();
    c.timing("train_seconds", std::chrono::duration<double>(std::chrono::steady_clock::now() - t_all).count());
    for (const auto& r : runs) c.timing(r.label() + "_seconds", r.seconds);

    // The table.
    dlc::TextTable table({"network", "depth L", "parameters", "loss at init", "last " + std::to_string(window) +
                          " steps' loss", "final training loss", "training accuracy", "test accuracy"});
    nlohmann::json networks = nlohmann::json::array();
    for (const auto& r : runs) {
        table.row({dlc::resnet_kind_name(r.kind), std::to_string(r.depth), std::to_string(r.parameters),
                   dlc::fmt(r.init_loss, 4), dlc::fmt(r.final_window_loss, 4), dlc::fmt(r.train_eval.loss, 4),
                   dlc::fmt(100 * r.train_eval.accuracy, 4) + "%", dlc::fmt(100 * r.test_eval.accuracy, 4) + "%"});
        networks.push_back({{"name", r.label()},
                            {"kind", dlc::resnet_kind_name(r.kind)},
                            {"depth", r.depth},
                            {"blocks_per_stage", dlc::resnet_blocks_per_stage(r.depth)},
                            {"parameters", r.parameters},
                            {"parameters_by_formula", r.formula_parameters},
                            {"loss_curve", r.curve},
                            {"init_loss", r.init_loss},
                            {"init_gradient_norms", r.init_grad_norms},
                            {"init_projection_gradient_norms", r.init_projection_norms},
                            {"final_window_loss", r.final_window_loss},
                            {"final_train_loss", r.train_eval.loss},
                            {"final_train_accuracy", r.train_eval.accuracy},
                            {"test_loss", r.test_eval.loss},
                            {"test_accuracy", r.test_eval.accuracy}});
    }
    out << table.str()
        << "(final training loss and accuracy: the " << n_eval << " training images after training, in batches of " << B
        << " with batch norm on each batch's statistics, as in training; test: " << ntest_eval << " test images, batch "
           "norm with its running averages, refreshed by that pass.)\n";

    const auto find = [&](dlc::ResNetKind kind, std::size_t depth) -> const DegradationRun& {
        for (const auto& r : runs)
            if (r.kind == kind && r.depth == depth) return r;
        throw dlc::Error("resnet_degradation", "no run of depth " + std::to_string(depth));
    };
    const auto& p8 = find(dlc::ResNetKind::plain, 8);
    const auto& p20 = find(dlc::ResNetKind::plain, 20);
    const auto& p32 = find(dlc::ResNetKind::plain, 32);
    const auto& r8 = find(dlc::ResNetKind::residual, 8);
    const auto& r20 = find(dlc::ResNetKind::residual, 20);
    const auto& r32 = find(dlc::ResNetKind::residual, 32);

    c.set("dataset", data.name);
    c.set("n_train", n);
    c.set("n_test", ntest_eval);
    c.set("steps", steps);
    c.set("batch_size", B);
    c.set("epochs", double(steps * B) / double(n));
    c.set("optimizer", "Adam");
    c.set("learning_rate", budget.learning_rate);
    c.set("curve_window", window);
    c.set("widths", nlohmann::json::array({8, 16, 32}));
    c.set("networks", networks);

    // 1. The degradation problem (NYU slides "Going Deeper": "deeper results in worse performance"; He et al. Fig. 1):
    //    does the deeper plain network end with a higher training loss, and the deeper residual one not?
    const auto losses = [](const DegradationRun& a, const DegradationRun& b, const DegradationRun& d) {
        return dlc::fmt(a.train_eval.loss, 4) + ", " + dlc::fmt(b.train_eval.loss, 4) + ", " + dlc::fmt(d.train_eval.loss, 4);
    };
    const auto accuracies = [](const DegradationRun& a, const DegradationRun& b, const DegradationRun& d) {
        return dlc::fmt(100 * a.test_eval.accuracy, 4) + "%, " + dlc::fmt(100 * b.test_eval.accuracy, 4) + "%, " +
               dlc::fmt(100 * d.test_eval.accuracy, 4) + "%";
    };
    out << "\nFinal training loss (test accuracy) at L = 8, 20, 32:\n"
        << "  plain:    " << losses(p8, p20, p32) << "  (" << accuracies(p8, p20, p32) << ")\n"
        << "  residual: " << losses(r8, r20, r32) << "  (" << accuracies(r8, r20, r32) << ")\n";
    const bool plain_degrades = p32.train_eval.loss > p20.train_eval.loss && p32.test_eval.accuracy < p20.test_eval.accuracy;
    const bool residual_keeps = r32.train_eval.loss <= r20.train_eval.loss;
    const std::string budget_words = std::to_string(steps) + " steps of " + std::to_string(B) + " images (" +
                                     dlc::fmt(double(steps * B) / double(n), 3) + " epochs of " + std::to_string(n) + ")";
    if (quick) {
        out << "--quick: " << steps << " steps are far too few to compare the networks, so these numbers are no "
               "evidence either way; the full run trains each network for 200 steps.\n";
        c.set("comparison", "not made: --quick trains " + std::to_string(steps) + " steps");
    } else {
        c.set("plain_32_trains_worse_than_plain_20", plain_degrades);
        c.set("residual_32_trains_at_least_as_well_as_residual_20", residual_keeps);
        const nlohmann::json plain_values = {{"plain_20_train_loss", p20.train_eval.loss},
                                             {"plain_32_train_loss", p32.train_eval.loss},
                                             {"plain_20_test_accuracy", p20.test_eval.accuracy},
                                             {"plain_32_test_accuracy", p32.test_eval.accuracy}};
        if (plain_degrades)
            c.agrees("the degradation of the deeper plain network (the slides: \"deeper results in worse performance\"): "
                     "plain-32 ends with a higher training loss and a lower test accuracy than plain-20 after " +
                         budget_words, plain_values);
        else
            c.note("the degradation problem at this budget",
                   "After " + budget_words + ", plain-32's final training loss " + dlc::fmt(p32.train_eval.loss, 4) +
                       " and test accuracy " + dlc::fmt(100 * p32.test_eval.accuracy, 4) + "% are not both worse than "
                       "plain-20's (" + dlc::fmt(p20.train_eval.loss, 4) + ", " + dlc::fmt(100 * p20.test_eval.accuracy, 4) +
                       "%): this short run does not show the slide's \"deeper results in worse performance\". A note, not "
                       "an erratum: the claim concerns networks trained to the end (He et al., CIFAR-10 and ImageNet), "
                       "which this budget does not reach.");
        const nlohmann::json residual_values = {{"residual_20_train_loss", r20.train_eval.loss},
                                                {"residual_32_train_loss", r32.train_eval.loss}};
        if (residual_keeps)
            c.agrees("the residual remedy (the slides' \"ResNet Success\"): residual-32's final training loss is not above "
                     "residual-20's after the same " + budget_words, residual_values);
        else
            c.note("the residual remedy at this budget",
                   "After " + budget_words + ", residual-32's final training loss " + dlc::fmt(r32.train_eval.loss, 4) +
                       " is above residual-20's " + dlc::fmt(r20.train_eval.loss, 4) + ": in this short run the skip "
                       "connections do not make the deeper network train as well as the shallower one. A note, not an "
                       "erratum: the slides' \"now able to train over 100 layers\" (He et al.) concerns full-length training.");
        out << (plain_degrades ? "The deeper plain network trains worse: plain-32 ends above plain-20."
                               : "This run does not show the degradation of the plain networks (see the NOTE).")
            << " " << (residual_keeps ? "The deeper residual network does not: residual-32 ends at or below residual-20."
                                      : "The deeper residual network trains worse too (see the NOTE).") << "\n";
    }

    // 2. The gradient at initialisation, layer by layer (the slides: "skip connection to prevent gradient vanishing";
    //    Bahng §5.3: "these gradients can become vanishingly small and lower layers are learned very slowly").
    const std::size_t L = 32, convs = L - 1;  // layers 1..31 are convolutions, layer 32 the classifier
    const auto& gp = p32.init_grad_norms;
    const auto& gr = r32.init_grad_norms;
    if (gp.size() != L || gr.size() != L)
        throw dlc::Error("resnet_degradation", "expected " + std::to_string(L) + " weighted layers in the depth-32 networks, "
                                               "got " + std::to_string(gp.size()) + " and " + std::to_string(gr.size()));
    const auto spread = [&](const std::vector<double>& g) {  // max / min over the convolutions
        const auto [lo, hi] = std::minmax_element(g.begin(), g.begin() + long(convs));
        return *hi / *lo;
    };
    const double plain_ratio = gp[0] / gp[convs - 1], residual_ratio = gr[0] / gr[convs - 1];
    const double plain_spread = spread(gp), residual_spread = spread(gr);
    dlc::TextTable gt({"layer l", "what", "plain-32 ||dL/dW_l||", "residual-32 ||dL/dW_l||"});
    for (std::size_t l = 1; l <= L; ++l) {
        const std::string what = l == 1 ? "first conv, 1 -> 8"
                               : l == L ? "fully connected, 32 -> 10"
                                        : "stage " + std::to_string((l - 2) / 10 + 1) + " conv";
        gt.row({std::to_string(l), what, dlc::fmt(gp[l - 1], 4), dlc::fmt(gr[l - 1], 4)});
    }
    out << "\nGradient norms at initialisation on the first batch (batch norm with the batch's statistics), the two "
           "depth-32 networks:\n" << gt.str()
        << "Projection shortcuts of residual-32 (not counted in L): " << dlc::fmt(r32.init_projection_norms.at(0), 4)
        << " and " << dlc::fmt(r32.init_projection_norms.at(1), 4) << ".\n"
        << "||dL/dW_1|| / ||dL/dW_31|| (first over last convolution): plain " << dlc::fmt(plain_ratio, 4) << ", residual "
        << dlc::fmt(residual_ratio, 4) << "; largest over smallest norm of the 31 convolutions: plain "
        << dlc::fmt(plain_spread, 4) << ", residual " << dlc::fmt(residual_spread, 4) << ".\n";
    c.set("plain_32_first_over_last_conv_gradient", plain_ratio);
    c.set("residual_32_first_over_last_conv_gradient", residual_ratio);
    c.set("plain_32_conv_gradient_spread", plain_spread);
    c.set("residual_32_conv_gradient_spread", residual_spread);
    const bool vanishing = plain_ratio < 0.1;  // the first layer's gradient an order of magnitude below the last's
    const std::string grad_facts =
        "||dL/dW_1|| = " + dlc::fmt(gp[0], 3) + " against ||dL/dW_31|| = " + dlc::fmt(gp[convs - 1], 3) + " (ratio " +
        dlc::fmt(plain_ratio, 3) + "); in the residual network the ratio is " + dlc::fmt(residual_ratio, 3) +
        ", and its 31 convolutions' gradient norms span a factor " + dlc::fmt(residual_spread, 3) + " against the plain "
        "network's " + dlc::fmt(plain_spread, 3);
    if (vanishing)
        c.agrees("the vanishing gradient of the depth-32 plain network at initialisation (the slides: \"skip connection "
                 "to prevent gradient vanishing\")", {{"plain_first_over_last", plain_ratio}, {"residual_first_over_last", residual_ratio}});
    else
        c.note("\"Skip connection to prevent gradient vanishing\"",
               "At initialisation the depth-32 plain network (batch norm after every convolution, Kaiming weights) has no "
               "vanishing gradient: " + grad_facts + (plain_ratio > 1 ? "; the plain network's gradients grow toward the "
               "input" : "") + ". What the skip connections do here is keep the layers' gradients within a narrower range. "
               "He et al. (CVPR 2016 §4.1, outside the course) likewise found no vanishing gradients in their plain "
               "networks with batch norm, and argue that the degradation is not caused by them. A note, not an erratum: without "
               "batch norm, or with other weights, a deep plain network's gradients can vanish, which is what the slide "
               "(and Bahng §5.3's \"can become vanishingly small\") warns of.");

    // 3. Bahng's chapter on residual networks.
    c.note("Bahng §4 \"Residual Networks\"",
           "The notes' chapter 4 is a heading without text (the contents put it and chapter 5 on the same page, 29); the "
           "only words on residual connections are in §5.3 (\"we can still implement residual connections to allow for "
           "more gradient flow such as ResNet\"). This case follows the NYU slides and the paper they cite, He et al., "
           "Deep residual learning for image recognition, CVPR 2016.");

    // The figures.
    {
        dlc::plot::Figure f("resnet_degradation_loss");
        f.title("Plain (dashed) and residual (solid) networks on " + data.name + ": training loss")
            .xlabel("step (" + std::to_string(B) + " images each)").ylabel("training loss (mean over " +
                                                                          std::to_string(window) + " steps)")
            .legend(dlc::plot::Legend::top_right);
        for (const auto& r : runs) {
            std::vector<double> at;
            for (std::size_t k = 0; k < r.curve.size(); ++k) at.push_back(double((k + 1) * window));
            dlc::plot::LineStyle st;
            st.colour = dlc::plot::class_colour(r.depth == 8 ? 0 : r.depth == 20 ? 1 : 2);
            st.dashed = r.kind == dlc::ResNetKind::plain;
            f.lines(at, r.curve, r.label(), st);
        }
        c.figure(f, "The training loss of the six networks under the same budget: one colour per depth, plain dashed, "
                    "residual solid");
    }
    {
        dlc::plot::Figure f("resnet_gradient_norms");
        std::vector<double> layer;
        for (std::size_t l = 1; l <= L; ++l) layer.push_back(double(l));
        dlc::plot::LineStyle plain_style, residual_style;
        plain_style.colour = residual_style.colour = dlc::plot::class_colour(2);
        plain_style.dashed = true;
        plain_style.points = residual_style.points = true;
        f.title("Gradient norm per weighted layer at initialisation, depth 32").xlabel("layer l").ylabel("||dL/dW_l||")
            .log_y().legend(dlc::plot::Legend::top_right)
            .lines(layer, gp, "plain-32", plain_style)
            .lines(layer, gr, "residual-32", residual_style);
        c.figure(f, "||dL/dW_l|| of every weighted layer (l = 1: the first convolution, l = 32: the classifier) on the "
                    "first batch, before training");
    }
}

}  // namespace cnn_lecture
