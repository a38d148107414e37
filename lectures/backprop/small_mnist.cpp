#include "small_mnist.hpp"

#include "core/progress.hpp"
#include "data/datasets.hpp"
#include "image/augment.hpp"
#include "models/mlp.hpp"
#include "nn/sequential.hpp"
#include "nn/softmax_cross_entropy.hpp"
#include "optim/adam.hpp"
#include "optim/early_stopping.hpp"
#include "optim/train.hpp"
#include "report/table.hpp"

#include <xtensor/xview.hpp>

#include <chrono>

namespace backprop_lecture {

namespace {

dlc::Tensor<float> rows_of(const dlc::Tensor3<float>& images, std::size_t from, std::size_t to) {
    return dlc::flattened_batch(xt::eval(xt::view(images, xt::range(from, to), xt::all(), xt::all())));
}

dlc::Labels labels_of(const dlc::Labels& labels, std::size_t from, std::size_t to) {
    return xt::eval(xt::view(labels, xt::range(from, to)));
}

}  // namespace

SmallData small_data(dlc::Case& c) {
    const std::size_t n_train = c.quick() ? 500 : 2000, n_val = c.quick() ? 500 : 1000;
    const auto data = dlc::load_images<float>(c.options().data, n_train + n_val, c.quick() ? 1000 : 0);
    if (!data.note.empty()) c.out() << "note: " << data.note << "\n";
    if (data.train.images.shape(0) < n_train + n_val)
        throw dlc::DataError("small_data", "need " + std::to_string(n_train + n_val) + " training images, the file has " +
                                               std::to_string(data.train.images.shape(0)));
    SmallData d;
    d.name = data.name;
    d.class_names = data.class_names;
    d.height = data.train.images.shape(1);
    d.width = data.train.images.shape(2);
    d.X_train = rows_of(data.train.images, 0, n_train);
    d.y_train = labels_of(data.train.labels, 0, n_train);
    d.X_val = rows_of(data.train.images, n_train, n_train + n_val);
    d.y_val = labels_of(data.train.labels, n_train, n_train + n_val);
    d.X_test = dlc::flattened_batch(data.test.images);
    d.y_test = data.test.labels;
    c.out() << d.name << " from " << data.dir << ": training on the first " << n_train << " images of the training file, "
            << "validating on the next " << n_val << ", testing on " << d.X_test.shape(0) << " test images"
            << (c.quick() ? " (--quick: a smaller split)" : "") << ".\n";
    return d;
}

SmallCurves train_small_mlp(dlc::Case& c, const SmallData& d, const SmallRun& run, const std::string& label) {
    const std::size_t batch = 100;  // divides every split: the modules' buffers keep one shape
    dlc::Sequential<float> net;
    dlc::add_mlp(net, d.X_train.shape(1), 512, 10, 0.2, c.rng());
    dlc::SoftmaxCrossEntropy<float> loss;
    dlc::Adam<float> adam(net.parameters(), 1e-3);  // constant alpha: no decay hides the overfitting
    dlc::TrainOptions<float> opt;
    opt.epochs = 1;  // one epoch per call: the data may change between epochs (augmentation)
    opt.batch_size = batch;
    opt.progress = false;
    dlc::EarlyStopping rule(run.patience);
    std::vector<dlc::Tensor<float>> best;  // the weights of the best epoch so far
    dlc::Tensor<float> augmented;
    SmallCurves r;
    dlc::Progress bar(label, run.max_epochs);
    const auto t0 = std::chrono::steady_clock::now();
    for (std::size_t epoch = 1; epoch <= run.max_epochs; ++epoch) {
        const dlc::Tensor<float>* X = &d.X_train;
        if (run.augment) {  // Bahng §2.4: a new shifted, rotated, noisy copy of every image, same label
            dlc::augment_images(d.X_train, d.height, d.width, *run.augment, c.rng(), augmented);
            X = &augmented;
        }
        dlc::train(net, loss, adam, *X, d.y_train, c.rng(), opt);
        if (run.evaluate_training) {
            const auto tr = dlc::evaluate(net, loss, d.X_train, d.y_train, batch);
            r.train_loss.push_back(tr.loss), r.train_accuracy.push_back(tr.accuracy);
        }
        const auto va = dlc::evaluate(net, loss, d.X_val, d.y_val, batch);
        r.val_loss.push_back(va.loss), r.val_accuracy.push_back(va.accuracy);
        if (!rule.stop()) {  // once the rule has said stop, the later epochs are only watched
            if (rule.observe(va.loss)) dlc::snapshot_state(net, best);
            if (rule.stop()) r.stop_epoch = epoch;
        }
        bar.tick(1, "validation loss " + dlc::fmt(va.loss, 4));
        if (run.stop_early && rule.stop()) break;
    }
    bar.done();
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const auto last = dlc::evaluate(net, loss, d.X_test, d.y_test, batch);
    r.last_test_accuracy = last.accuracy, r.last_test_loss = last.loss;
    dlc::restore_state(net, best);  // early stopping: back to the best epoch's weights
    const auto kept = dlc::evaluate(net, loss, d.X_test, d.y_test, batch);
    r.best_test_accuracy = kept.accuracy, r.best_test_loss = kept.loss;
    r.best_epoch = rule.best_epoch();
    r.best_val_loss = r.val_loss[r.best_epoch - 1];
    r.best_val_accuracy = r.val_accuracy[r.best_epoch - 1];
    return r;
}

}  // namespace backprop_lecture
