#include "quality.hpp"

#include "gan/frechet.hpp"
#include "nn/softmax.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"
#include "nn/conv2d.hpp"
#include "nn/flatten.hpp"
#include "nn/init.hpp"
#include "nn/linear.hpp"
#include "nn/pooling.hpp"
#include "nn/relu.hpp"
#include "nn/softmax_cross_entropy.hpp"
#include "optim/adam.hpp"
#include "optim/train.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

namespace gan_lecture {

namespace {

// The classifier as the judge sees it: a network on standardized (N, 1, 28, 28) digits, the position of its
// 84-feature layer, and the standardization its training used.
struct Classifier {
    dlc::Sequential<float>* net = nullptr;
    std::size_t feature_layer = 0;
    double mean = 0, sd = 1;
};

Classifier load_classifier(dlc::Case& c, const Digits& digits);

}  // namespace

struct Judge::Impl {
    Classifier lenet;
    dlc::GaussianFit reference;  // the features of test digits [0, n)
    std::size_t n = 0;

    // LeNet-5's class probabilities (m, 10) and 84 features (m, 84) of images (m, 28, 28) in [0, 1].
    void classify(const dlc::Tensor3<double>& images, dlc::Matrix<float>& probs, dlc::Matrix<float>& features) {
        const std::size_t m = images.shape(0), chunk = 500;
        probs = dlc::Matrix<float>::from_shape({m, std::size_t{10}});
        features.resize({m, std::size_t{0}});
        lenet.net->eval();
        dlc::Tensor<float> x;
        for (std::size_t lo = 0; lo < m; lo += chunk) {
            const std::size_t hi = std::min(m, lo + chunk);
            x = dlc::Tensor<float>::from_shape({hi - lo, std::size_t{1}, std::size_t{28}, std::size_t{28}});
            for (std::size_t i = 0; i < x.size(); ++i)
                x.data()[i] = static_cast<float>((images.data()[lo * 784 + i] - lenet.mean) / lenet.sd);
            const auto& logits = lenet.net->forward(x);
            const auto& f = (*lenet.net)[lenet.feature_layer].output();
            const std::size_t d = f.size() / (hi - lo);
            if (features.shape(1) != d) features = dlc::Matrix<float>::from_shape({m, d});
            std::copy(f.data(), f.data() + f.size(), features.data() + lo * d);
            for (std::size_t i = lo; i < hi; ++i) {
                const float* a = logits.data() + (i - lo) * 10;
                const float top = *std::max_element(a, a + 10);
                double z = 0;
                for (int k = 0; k < 10; ++k) z += std::exp(double(a[k] - top));
                for (int k = 0; k < 10; ++k) probs(i, k) = static_cast<float>(std::exp(double(a[k] - top)) / z);
            }
        }
    }

    DigitQuality summarize(const dlc::Matrix<float>& probs, const dlc::Matrix<float>& features, const dlc::Labels* requested) {
        DigitQuality q;
        q.n = probs.shape(0);
        q.histogram.assign(10, 0);
        std::size_t confident = 0, right = 0;
        if (requested) q.confusion = xt::zeros<double>({std::size_t{10}, std::size_t{10}});
        for (std::size_t i = 0; i < q.n; ++i) {
            std::size_t best = 0;
            for (std::size_t k = 1; k < 10; ++k)
                if (probs(i, k) > probs(i, best)) best = k;
            ++q.histogram[best];
            if (probs(i, best) > 0.9f) ++confident;
            if (requested) {
                q.confusion((*requested)(i), best) += 1;
                if ((*requested)(i) == best) ++right;
            }
        }
        q.confident_share = double(confident) / double(q.n);
        for (std::size_t k = 0; k < 10; ++k)
            if (double(q.histogram[k]) >= 0.02 * double(q.n)) ++q.classes_made;
        if (requested) q.accuracy = double(right) / double(q.n);
        q.frechet = dlc::frechet_distance(dlc::fit_gaussian(features), reference);
        return q;
    }
};

Judge::Judge(dlc::Case& c, const Digits& digits) : impl_(std::make_unique<Impl>()) {
    impl_->lenet = load_classifier(c, digits);
}

Judge::~Judge() = default;

DigitQuality Judge::test_floor(const Digits& digits, std::size_t n) {
    const std::size_t total = digits.test.shape(0);
    if (2 * n > total)
        throw dlc::DataError("Judge::test_floor", "the Fréchet floor compares " + std::to_string(n) +
                                                       " test digits with " + std::to_string(n) + " others: need 2 n = " +
                                                       std::to_string(2 * n) + " test digits, have " + std::to_string(total));
    auto images01 = [&](std::size_t lo, std::size_t hi) {
        dlc::Tensor3<double> im = dlc::Tensor3<double>::from_shape({hi - lo, std::size_t{28}, std::size_t{28}});
        for (std::size_t i = 0; i < im.size(); ++i) im.data()[i] = (double(digits.test.data()[lo * 784 + i]) + 1) / 2;
        return im;
    };
    dlc::Matrix<float> probs, features;
    impl_->classify(images01(0, n), probs, features);
    impl_->reference = dlc::fit_gaussian(features);
    impl_->n = n;
    impl_->classify(images01(n, 2 * n), probs, features);
    dlc::Labels labels = xt::view(digits.test_labels, xt::range(n, 2 * n));
    return impl_->summarize(probs, features, &labels);
}

DigitQuality Judge::measure(const dlc::Tensor3<double>& images, const Digits& digits, const dlc::Labels* requested) {
    if (impl_->n == 0) test_floor(digits, std::min<std::size_t>(images.shape(0), digits.test.shape(0) / 2));
    dlc::Matrix<float> probs, features;
    impl_->classify(images, probs, features);
    return impl_->summarize(probs, features, requested);
}

void Judge::histogram_figure(dlc::Case& c, const DigitQuality& q, const std::string& file, const std::string& name) {
    std::vector<double> k, counts;
    for (std::size_t d = 0; d < 10; ++d) k.push_back(double(d)), counts.push_back(100.0 * double(q.histogram[d]) / double(q.n));
    dlc::plot::Figure f(file + "_labels");
    dlc::plot::LineStyle s;
    s.points = true;
    f.title(name + ": LeNet-5's labels of " + std::to_string(q.n) + " generated digits").xlabel("label")
        .ylabel("share of the samples (%)").xrange(-0.5, 9.5).yrange(0, std::max(30.0, *std::max_element(counts.begin(), counts.end()) + 5))
        .legend(dlc::plot::Legend::top_right)
        .lines(k, counts, "generated", s)
        .lines(k, std::vector<double>(10, 10.0), "10% each (the test set: 8.9% to 11.4%)");
    c.figure(f, name + ": which digits the generator makes (a collapsed generator makes a few)");
}

void Judge::confusion_figure(dlc::Case& c, const DigitQuality& q, const std::string& file) {
    dlc::plot::HeatmapOptions h;
    h.show_values = true;
    for (int d = 0; d < 10; ++d) h.row_labels.push_back(std::to_string(d)), h.col_labels.push_back(std::to_string(d));
    h.colour_bar_label = "generated digits";
    dlc::plot::Figure f(file);
    f.title("Conditional GAN: requested digit (rows) x LeNet-5's reading (columns)").xlabel("read by LeNet-5")
        .ylabel("requested").size(900, 800).heatmap(q.confusion, h);
    c.figure(f, "The diagonal holds the digits made as requested");
}

nlohmann::json quality_json(const DigitQuality& q) {
    nlohmann::json j = {{"n", q.n},
                        {"confident_share", q.confident_share},
                        {"histogram", q.histogram},
                        {"classes_made", q.classes_made},
                        {"frechet", q.frechet}};
    if (q.accuracy >= 0) j["accuracy"] = q.accuracy;
    return j;
}

std::string histogram_str(const DigitQuality& q) {
    std::string s;
    for (std::size_t d = 0; d < q.histogram.size(); ++d)
        s += (d ? ", " : "") + std::to_string(d) + ": " + std::to_string(q.histogram[d]);
    return s;
}

namespace {

// The CNN lecture's LeNet-5 (lectures/cnn/lenet_model.cpp, Bahng §3.3's listing on 1x28x28 digits): conv 6@5x5 pad 2,
// ReLU, pool 2, conv 16@5x5, ReLU, pool 2, flatten, 400 -> 120 -> 84 -> 10 with ReLU; module 10 is the ReLU after
// the 84-unit layer (the features). Copied here (12 lines) until the trained-model store moves it into lib/.
void add_lenet5(dlc::Sequential<float>& net, dlc::Rng& rng) {
    const auto init = dlc::WeightInit::normal_fan_in();
    net.add<dlc::Conv2d<float>>(1, 6, 5, 5, rng, dlc::ConvOptions{1, 2}, init);
    net.add<dlc::ReLU<float>>();
    net.add<dlc::MaxPool2d<float>>(2);
    net.add<dlc::Conv2d<float>>(6, 16, 5, 5, rng, dlc::ConvOptions{}, init);
    net.add<dlc::ReLU<float>>();
    net.add<dlc::MaxPool2d<float>>(2);
    net.add<dlc::Flatten<float>>();
    net.add<dlc::Linear<float>>(400, 120, rng, init);
    net.add<dlc::ReLU<float>>();
    net.add<dlc::Linear<float>>(120, 84, rng, init);
    net.add<dlc::ReLU<float>>();
    net.add<dlc::Linear<float>>(84, 10, rng, init);
}

// Digit rows (n, 784) in [-1, 1] as a standardized batch (n, 1, 28, 28): ((p + 1)/2 - mean) / sd.
dlc::Tensor<float> standardized(const dlc::Tensor<float>& rows, double mean, double sd) {
    const std::size_t n = rows.shape(0);
    auto x = dlc::Tensor<float>::from_shape({n, std::size_t{1}, std::size_t{28}, std::size_t{28}});
    for (std::size_t i = 0; i < x.size(); ++i)
        x.data()[i] = static_cast<float>(((double(rows.data()[i]) + 1) / 2 - mean) / sd);
    return x;
}

// The trained-model store of DESIGN.md does not exist yet, so the judge is trained here, once per run (the MNIST
// cases share it): LeNet-5, softmax cross-entropy, Adam 1e-3, batch 64, two epochs (one with --quick) on the
// training digits, with its own generator seeded 559 so that the judge is the same whichever case asks first.
Classifier load_classifier(dlc::Case& c, const Digits& digits) {
    struct Cached {
        std::string key;
        std::unique_ptr<dlc::Sequential<float>> net;
        Classifier classifier;
        double test_accuracy = 0;
    };
    static Cached cache;
    auto& out = c.out();
    const std::string key = digits.dir + "|" + std::to_string(digits.train.shape(0)) + "|" + (c.quick() ? "q" : "f");
    if (cache.net && cache.key == key) {
        out << "The judge: the LeNet-5 trained earlier in this run (test accuracy " << dlc::fmt(100 * cache.test_accuracy, 4)
            << "%).\n";
        c.set("judge", {{"trained_in_this_run", true}, {"test_accuracy", cache.test_accuracy}});
        return cache.classifier;
    }
    const std::size_t n = digits.train.shape(0);
    if (n < 64 || digits.test.shape(0) == 0)
        throw dlc::DataError("Judge", "training LeNet-5 needs at least 64 training digits and some test digits, got " +
                                          std::to_string(n) + " and " + std::to_string(digits.test.shape(0)) + " in " +
                                          digits.dir);
    double sum = 0, sum2 = 0;
    for (std::size_t i = 0; i < digits.train.size(); ++i) {
        const double p = (double(digits.train.data()[i]) + 1) / 2;
        sum += p, sum2 += p * p;
    }
    const double mean = sum / double(digits.train.size());
    const double sd = std::sqrt(std::max(0.0, sum2 / double(digits.train.size()) - mean * mean));
    if (!(sd > 0))
        throw dlc::DataError("Judge", "every training pixel of " + digits.dir + " has the same value (sd = 0): nothing to "
                                                                                "train LeNet-5 on");
    cache = Cached{};
    cache.key = key;
    cache.net = std::make_unique<dlc::Sequential<float>>();
    dlc::Rng rng(559);
    add_lenet5(*cache.net, rng);
    const auto X = standardized(digits.train, mean, sd), Xtest = standardized(digits.test, mean, sd);
    dlc::SoftmaxCrossEntropy<float> loss;
    dlc::Adam<float> adam(cache.net->parameters(), 1e-3);
    dlc::TrainOptions<float> opt;
    opt.epochs = c.quick() ? 1 : 2;
    opt.batch_size = 64;
    opt.label = "LeNet-5 (the judge)";
    const auto stats = dlc::train(*cache.net, loss, adam, X, digits.train_labels, rng, opt);
    double seconds = 0;
    for (const auto& s : stats) seconds += s.seconds;
    c.timing("judge_training_seconds", seconds);
    cache.test_accuracy = dlc::evaluate(*cache.net, loss, Xtest, digits.test_labels, 500).accuracy;
    cache.classifier = {cache.net.get(), 10, mean, sd};
    out << "The judge: LeNet-5 trained here (the trained-model store is not built yet) on " << n << " training digits, "
        << opt.epochs << " epoch(s), Adam 1e-3, batch 64: test accuracy " << dlc::fmt(100 * cache.test_accuracy, 4)
        << "% on " << digits.test.shape(0) << " test digits.\n";
    c.set("judge", {{"trained_in_this_run", true}, {"epochs", opt.epochs}, {"test_accuracy", cache.test_accuracy}});
    return cache.classifier;
}

}  // namespace

}  // namespace gan_lecture
