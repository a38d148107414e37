#include "optim/train.hpp"

#include "core/check.hpp"
#include "core/error.hpp"
#include "core/progress.hpp"
#include "optim/clip.hpp"
#include "optim/divergence.hpp"
#include "optim/metrics.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <optional>

namespace dlc {

template <class T>
void gather_rows(const Tensor<T>& X, const std::size_t* index, std::size_t count, Tensor<T>& out) {
    const std::size_t n = X.shape(0), row = n ? X.size() / n : 0;
    typename Tensor<T>::shape_type shape = X.shape();
    shape[0] = count;
    if (!std::equal(shape.begin(), shape.end(), out.shape().begin(), out.shape().end())) out.resize(shape);
    for (std::size_t i = 0; i < count; ++i)
        std::copy(X.data() + index[i] * row, X.data() + (index[i] + 1) * row, out.data() + i * row);
}

void gather_rows(const Labels& labels, const std::size_t* index, std::size_t count, Labels& out) {
    if (out.size() != count) out.resize({count});
    for (std::size_t i = 0; i < count; ++i) out(i) = labels(index[i]);
}

namespace {

std::size_t rows_of(const Labels& y) { return y.size(); }
template <class T>
std::size_t rows_of(const Tensor<T>& y) {
    return y.dimension() ? y.shape(0) : 0;
}

// Restores the model's mode and input-gradient flag when training ends (normally or by an exception).
template <class T>
struct ModelStateGuard {
    Module<T>& model;
    Mode mode;
    bool input_grad;
    explicit ModelStateGuard(Module<T>& m) : model(m), mode(m.mode()), input_grad(m.input_grad_needed()) {}
    ~ModelStateGuard() {
        model.set_mode(mode);
        model.set_input_grad_needed(input_grad);
    }
};

template <class T, class Y>
Evaluation evaluate_impl(Module<T>& model, Loss<T>& loss, const Tensor<T>& X, const Y& targets,
                         std::size_t batch_size) {
    const std::size_t n = rows_of(X);
    if (n == 0 || rows_of(targets) != n)
        throw ShapeError("evaluate", "X has " + std::to_string(n) + " rows and the targets " +
                                         std::to_string(rows_of(targets)) + "; they must be equal and positive");
    ModelStateGuard<T> guard(model);
    model.eval();
    const std::size_t bs = batch_size ? std::min(batch_size, n) : n;
    std::vector<std::size_t> index(n);
    std::iota(index.begin(), index.end(), std::size_t{0});
    Tensor<T> xb;
    Y yb;
    double total = 0;
    std::size_t correct = 0;
    for (std::size_t start = 0; start < n; start += bs) {
        const std::size_t nb = std::min(bs, n - start);
        gather_rows(X, index.data() + start, nb, xb);
        gather_rows(targets, index.data() + start, nb, yb);
        const Tensor<T>& out = model.forward(xb);
        const double l = loss.forward(out, yb);
        total += loss.averages_over_batch() ? l * static_cast<double>(nb) : l;
        correct += count_correct(out, yb);
    }
    return {total / static_cast<double>(n), static_cast<double>(correct) / static_cast<double>(n), n};
}

template <class T, class Y>
std::vector<EpochStats> train_impl(Module<T>& model, Loss<T>& loss, Optimizer<T>& optimizer, const Tensor<T>& X,
                                   const Y& targets, Rng& rng, const TrainOptions<T>& o, bool labels) {
    const std::size_t n = rows_of(X);
    if (n == 0 || rows_of(targets) != n)
        throw ShapeError("train", "X has " + std::to_string(n) + " rows and the targets " +
                                      std::to_string(rows_of(targets)) + "; they must be equal and positive");
    const std::size_t bs = o.batch_size ? std::min(o.batch_size, n) : n;
    const std::size_t batches = (n + bs - 1) / bs;
    const bool accuracy = labels || o.track_accuracy;

    ModelStateGuard<T> guard(model);
    model.train();
    model.set_input_grad_needed(false);  // nothing needs dL/dX while training
    const auto& params = optimizer.parameters();

    const std::string what = "loss (" + loss.name() + ")";
    DivergenceMonitor batch_monitor("train", what, 0.0);  // NaN/Inf only: batch losses vary a lot
    DivergenceMonitor epoch_monitor("train", what, o.divergence_factor, 1.0);
    std::optional<Progress> bar;
    if (o.progress) bar.emplace(o.label, o.epochs * batches);

    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    Tensor<T> xb;  // the batch's rows, reused across steps
    Y yb;
    std::vector<EpochStats> history;
    char step_name[96];
    for (std::size_t epoch = 1; epoch <= o.epochs; ++epoch) {
        const auto t0 = std::chrono::steady_clock::now();
        if (o.shuffle) order = rng.permutation(n);
        EpochStats stats;
        stats.epoch = epoch;
        stats.learning_rate = optimizer.learning_rate();
        double total = 0;
        std::size_t correct = 0;
        for (std::size_t b = 0; b < batches; ++b) {
            const std::size_t start = b * bs, nb = std::min(bs, n - start);
            gather_rows(X, order.data() + start, nb, xb);
            gather_rows(targets, order.data() + start, nb, yb);

            optimizer.zero_grad();
            const Tensor<T>& out = model.forward(xb);  // forward propagation
            double l = loss.forward(out, yb);
            if (o.penalty) l += o.penalty->value(params);
            if (!std::isfinite(l)) {
                std::snprintf(step_name, sizeof step_name, "epoch %zu, batch %zu of %zu", epoch, b + 1, batches);
                batch_monitor.check(l, step_name);
            }
            model.backward(loss.backward());  // back propagation: gradients accumulate
            if (o.penalty) o.penalty->add_gradient(params);
            if (o.clip_norm > 0) clip_grad_norm(params, o.clip_norm);
            optimizer.step();  // gradient descent step

            total += loss.averages_over_batch() ? l * static_cast<double>(nb) : l;
            if (accuracy) correct += count_correct(out, yb);
            if (bar) bar->tick();
        }
        stats.loss = total / static_cast<double>(n);
        if (accuracy) stats.accuracy = static_cast<double>(correct) / static_cast<double>(n);
        if (o.risk_after_epoch) {
            stats.risk = evaluate_impl(model, loss, X, targets, o.eval_batch_size ? o.eval_batch_size : bs).loss;
            if (o.penalty) stats.risk += o.penalty->value(params);
            model.train();
            model.set_input_grad_needed(false);
        }
        stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::snprintf(step_name, sizeof step_name, "epoch %zu", epoch);
        epoch_monitor.check(stats.objective(), step_name);
        if (bar) {
            char note[64];
            std::snprintf(note, sizeof note, "epoch %zu loss %.4g", epoch, stats.objective());
            bar->tick(0, note);
        }
        if (o.on_epoch) o.on_epoch(stats);
        if (o.schedule)
            optimizer.set_learning_rate(o.schedule->after_epoch(epoch, stats.objective(), optimizer.learning_rate()));
        history.push_back(stats);
        if (history.back().stop) break;
    }
    if (bar) bar->done();
    return history;
}

}  // namespace

template <class T>
std::vector<EpochStats> train(Module<T>& model, Loss<T>& loss, Optimizer<T>& optimizer, const Tensor<T>& X,
                              const Tensor<T>& Y, Rng& rng, const TrainOptions<T>& options) {
    return train_impl(model, loss, optimizer, X, Y, rng, options, false);
}

template <class T>
std::vector<EpochStats> train(Module<T>& model, Loss<T>& loss, Optimizer<T>& optimizer, const Tensor<T>& X,
                              const Labels& labels, Rng& rng, const TrainOptions<T>& options) {
    return train_impl(model, loss, optimizer, X, labels, rng, options, true);
}

template <class T>
Evaluation evaluate(Module<T>& model, Loss<T>& loss, const Tensor<T>& X, const Labels& labels,
                    std::size_t batch_size) {
    return evaluate_impl(model, loss, X, labels, batch_size);
}

template <class T>
Evaluation evaluate(Module<T>& model, Loss<T>& loss, const Tensor<T>& X, const Tensor<T>& Y, std::size_t batch_size) {
    return evaluate_impl(model, loss, X, Y, batch_size);
}

template <class T>
Tensor<T> predict(Module<T>& model, const Tensor<T>& X, std::size_t batch_size) {
    const std::size_t n = rows_of(X);
    if (n == 0) throw ShapeError("predict", "X has no rows, shape " + shape_of(X));
    ModelStateGuard<T> guard(model);
    model.eval();
    const std::size_t bs = batch_size ? std::min(batch_size, n) : n;
    std::vector<std::size_t> index(n);
    std::iota(index.begin(), index.end(), std::size_t{0});
    Tensor<T> xb, result;
    for (std::size_t start = 0; start < n; start += bs) {
        const std::size_t nb = std::min(bs, n - start);
        gather_rows(X, index.data() + start, nb, xb);
        const Tensor<T>& out = model.forward(xb);
        if (start == 0) {
            typename Tensor<T>::shape_type shape = out.shape();
            shape[0] = n;
            result.resize(shape);
        }
        const std::size_t row = out.size() / nb;
        std::copy(out.data(), out.data() + out.size(), result.data() + start * row);
    }
    return result;
}

#define DLC_INSTANTIATE_TRAIN(T)                                                                                   \
    template std::vector<EpochStats> train<T>(Module<T>&, Loss<T>&, Optimizer<T>&, const Tensor<T>&,               \
                                              const Tensor<T>&, Rng&, const TrainOptions<T>&);                     \
    template std::vector<EpochStats> train<T>(Module<T>&, Loss<T>&, Optimizer<T>&, const Tensor<T>&,               \
                                              const Labels&, Rng&, const TrainOptions<T>&);                        \
    template Evaluation evaluate<T>(Module<T>&, Loss<T>&, const Tensor<T>&, const Labels&, std::size_t);          \
    template Evaluation evaluate<T>(Module<T>&, Loss<T>&, const Tensor<T>&, const Tensor<T>&, std::size_t);       \
    template Tensor<T> predict<T>(Module<T>&, const Tensor<T>&, std::size_t);                                      \
    template void gather_rows<T>(const Tensor<T>&, const std::size_t*, std::size_t, Tensor<T>&);
DLC_INSTANTIATE_TRAIN(float)
DLC_INSTANTIATE_TRAIN(double)

}  // namespace dlc
