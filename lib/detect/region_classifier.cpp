#include "detect/region_classifier.hpp"

#include "core/error.hpp"
#include "nn/init.hpp"
#include "nn/softmax_cross_entropy.hpp"
#include "optim/adam.hpp"
#include "report/table.hpp"

#include <cmath>
#include <string>

namespace dlc {

Tensor<float> backbone_features(Sequential<float>& net, std::size_t layers, const Tensor<float>& x) {
    if (layers == 0 || layers > net.size())
        throw ValueError("backbone_features", "asked for the output of " + std::to_string(layers) +
                                                  " modules of a network of " + std::to_string(net.size()));
    const Tensor<float>* z = &x;
    for (std::size_t i = 0; i < layers; ++i) z = &net[i].forward(*z);  // z_i = f_i(z_{i-1})
    return *z;
}

std::size_t region_label(const Box& region, const std::vector<Box>& truth, const std::vector<std::size_t>& labels,
                         double positive, double negative, std::size_t background) {
    const char* where = "region_label";
    if (!(negative >= 0 && negative <= positive && positive <= 1))
        throw ValueError(where, "thresholds must satisfy 0 <= negative <= positive <= 1, got negative = " +
                                    fmt(negative, 6) + " and positive = " + fmt(positive, 6));
    if (truth.size() != labels.size())
        throw ValueError(where, std::to_string(truth.size()) + " boxes but " + std::to_string(labels.size()) + " labels");
    double best = 0;
    std::size_t best_j = 0;
    for (std::size_t j = 0; j < truth.size(); ++j) {
        const double o = overlap_iou(region, truth[j]);
        if (o > best) best = o, best_j = j;
    }
    if (!truth.empty() && best >= positive && best > 0) return labels[best_j];
    if (best < negative || truth.empty()) return background;
    return ignored_region;
}

namespace {

// D, after checking that D and K are positive (before the layer is built).
std::size_t checked_feature_count(std::size_t features, std::size_t classes) {
    if (features == 0 || classes == 0)
        throw ValueError("RegionClassifier", "needs at least one feature and one class, got D = " +
                                                 std::to_string(features) + ", K = " + std::to_string(classes));
    return features;
}

}  // namespace

RegionClassifier::RegionClassifier(std::size_t features, std::size_t classes, Rng& rng)
    : features_(checked_feature_count(features, classes)), classes_(classes),
      linear_(features, classes + 1, rng, WeightInit::xavier()) {}

Tensor<float> RegionClassifier::standardize(const Tensor<float>& phi) const {
    if (phi.dimension() != 2 || phi.shape(1) != features_)
        throw ShapeError("RegionClassifier", "features must have shape (n, " + std::to_string(features_) + ")");
    return (phi - mean_) / sd_;
}

std::vector<double> RegionClassifier::fit(const Tensor<float>& phi, const Labels& labels,
                                          const RegionClassifierOptions& o, Rng& rng) {
    const char* where = "RegionClassifier::fit";
    if (phi.dimension() != 2 || phi.shape(1) != features_)
        throw ShapeError(where, "features must have shape (n, " + std::to_string(features_) + ")");
    const std::size_t n = phi.shape(0);
    if (n == 0) throw ValueError(where, "no region to train on");
    if (labels.size() != n)
        throw ShapeError(where, std::to_string(n) + " regions but " + std::to_string(labels.size()) + " labels");
    for (std::size_t i = 0; i < n; ++i)
        if (labels(i) > classes_)
            throw ValueError(where, "label " + std::to_string(labels(i)) + " of region " + std::to_string(i) +
                                        " is above the background class " + std::to_string(classes_));
    if (o.epochs == 0 || o.batch == 0 || !(o.learning_rate > 0))
        throw ValueError(where, "needs epochs >= 1, batch >= 1 and a positive step size");
    // Standardize each feature (ReLU features differ in scale by orders of magnitude).
    mean_ = xt::mean(phi, {0});
    sd_ = xt::sqrt(xt::variance(phi, {0})) + 1e-6f;
    fitted_ = true;
    const Tensor<float> X = standardize(phi);

    SoftmaxCrossEntropy<float> loss;
    Adam<float> adam(linear_.parameters(), o.learning_rate);
    std::vector<double> losses;
    Tensor<float> xb = Tensor<float>::from_shape({std::min(o.batch, n), features_});
    Labels yb = Labels::from_shape({std::min(o.batch, n)});
    for (std::size_t e = 0; e < o.epochs; ++e) {
        const auto order = rng.permutation(n);
        double total = 0;
        for (std::size_t start = 0; start < n; start += o.batch) {
            const std::size_t m = std::min(o.batch, n - start);
            if (xb.shape(0) != m) xb.resize({m, features_}), yb.resize({m});
            for (std::size_t i = 0; i < m; ++i) {
                xt::view(xb, i, xt::all()) = xt::view(X, order[start + i], xt::all());
                yb(i) = labels(order[start + i]);
            }
            adam.zero_grad();
            total += loss.forward(linear_.forward(xb), yb) * double(m);  // l = -log p(y | phi), mean over the batch
            linear_.backward(loss.backward());                          // dl/dW = (p - y)^T phi / m
            adam.step();
        }
        losses.push_back(total / double(n));
    }
    return losses;
}

Tensor<float> RegionClassifier::probabilities(const Tensor<float>& phi) {
    if (!fitted_) throw ValueError("RegionClassifier::probabilities", "the classifier has not been fitted");
    Tensor<float> p = linear_.forward(standardize(phi));
    // softmax over each row: p_k = exp(v_k - max v) / sum_j exp(v_j - max v)
    for (std::size_t i = 0; i < p.shape(0); ++i) {
        auto row = xt::view(p, i, xt::all());
        const float m = xt::amax(row)();
        row = xt::exp(row - m);
        row /= xt::sum(row)();
    }
    return p;
}

}  // namespace dlc
