#include "quality.hpp"

#include "gan/frechet.hpp"
#include "models/trained.hpp"
#include "nn/softmax.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

namespace gan_lecture {

// The classifier as the judge sees it: a network on standardized (N, 1, 28, 28) digits, the position of its
// 84-feature layer, and the standardization its training used. (Not in an anonymous namespace: Judge::Impl, which
// holds one, is not.)
struct JudgeClassifier {
    dlc::Sequential<float>* net = nullptr;
    std::size_t feature_layer = 0;
    double mean = 0, sd = 1;
};

JudgeClassifier load_judge_classifier(dlc::Case& c, const Digits& digits);

struct Judge::Impl {
    JudgeClassifier lenet;
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
    impl_->lenet = load_judge_classifier(c, digits);
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

// The judge is the CNN lecture's LeNet-5 from the trained-model store (lib/models/trained.hpp): `lenet5_mnist` (or
// `lenet5_fashion` for Fashion-MNIST), trained once with the CNN lecture's recipe and cached for every later run
// (--quick: its short recipe). It reads standardized digits, (p - mean) / sd with the pixel p in [0, 1] and the
// mean and sd of its training images (stored with it); the GAN's digits are 2p - 1.
JudgeClassifier load_judge_classifier(dlc::Case& c, const Digits& digits) {
    auto& out = c.out();
    const std::string name = digits.name == "Fashion-MNIST" ? "lenet5_fashion" : "lenet5_mnist";
    const std::string key = name + (c.quick() ? "-quick" : "");
    dlc::TrainedOptions opt;
    opt.quick = c.quick();
    opt.log = &out;
    const dlc::TrainedModel& m = dlc::trained_once(name, opt);
    const double accuracy = m.meta.at("test_accuracy").get<double>();
    out << "The judge: LeNet-5 from the trained-model store (" << key << ": " << m.meta.at("dataset").get<std::string>()
        << ", " << m.meta.at("n_train").get<std::size_t>() << " training images; test accuracy "
        << dlc::fmt(100 * accuracy, 4) << "% on " << m.meta.at("n_test").get<std::size_t>() << " test images).\n";
    c.set("judge", {{"model", key}, {"recipe", m.meta.at("recipe")}, {"test_accuracy", accuracy}});
    return {m.net.get(), 10, m.meta.at("input").at("mean").get<double>(), m.meta.at("input").at("sd").get<double>()};
}

}  // namespace gan_lecture
