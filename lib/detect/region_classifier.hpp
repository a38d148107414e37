/// \file
/// \brief R-CNN's classification step (Bahng §3.4.1, steps 2–3): each region proposal, warped to the network's
/// input size, goes through a CNN; its features \f$ \phi \f$ are classified into the \f$ K \f$ object classes or
/// background. As in R-CNN the CNN is not retrained here: the features of a trained network's last hidden layer
/// feed a linear classifier (R-CNN: one linear SVM per class; here softmax regression over \f$ K + 1 \f$ classes).
#pragma once

#include "core/rng.hpp"
#include "core/tensor.hpp"
#include "detect/box.hpp"
#include "nn/linear.hpp"
#include "nn/sequential.hpp"

#include <cstddef>
#include <limits>
#include <vector>

namespace dlc {

/// \brief The output of the first `layers` modules of `net` on `x`: \f$ f_{\text{layers}} \circ \dots \circ f_1(x)
/// \f$ (e.g. LeNet-5's 84 features after its second ReLU: `LeNet5Layers::relu4 + 1` modules). `net` should be in
/// evaluation mode.
/// \throws ValueError if `layers` is 0 or exceeds the network's size; the modules' own errors for a wrong input.
Tensor<float> backbone_features(Sequential<float>& net, std::size_t layers, const Tensor<float>& x);

/// \brief What a region is trained as (R-CNN's rule): the class of the ground-truth box it overlaps most if that
/// IoU is at least `positive`; background (`background`) if its IoU with every ground-truth box is below
/// `negative`; otherwise `ignored_region` (neither a good example of the object nor of the background).
/// \throws ValueError unless \f$ 0 \le \f$ `negative` \f$ \le \f$ `positive` \f$ \le 1 \f$, or if the counts of
///         boxes and labels differ.
std::size_t region_label(const Box& region, const std::vector<Box>& truth, const std::vector<std::size_t>& labels,
                         double positive, double negative, std::size_t background);

/// \brief `region_label`'s answer for a region that is neither positive nor background.
inline constexpr std::size_t ignored_region = std::numeric_limits<std::size_t>::max();

/// \brief Settings of `RegionClassifier::fit`.
struct RegionClassifierOptions {
    std::size_t epochs = 30;      ///< passes over the regions
    std::size_t batch = 256;      ///< regions per Adam step
    double learning_rate = 1e-2;  ///< Adam's step size
};

/// \brief Softmax regression \f$ p(k \mid \phi) = \mathrm{softmax}(W \phi + b)_k \f$ over \f$ K \f$ object
/// classes and the background (class \f$ K \f$), trained by Adam on softmax cross-entropy.
class RegionClassifier {
public:
    /// \brief \f$ D \f$ features, \f$ K \f$ object classes; \f$ W \f$ (K + 1, D) drawn by Xavier's rule from `rng`.
    /// \throws ValueError if D or K is 0.
    RegionClassifier(std::size_t features, std::size_t classes, Rng& rng);

    /// \brief Trains on features `phi` (n, D) with labels in 0..K (K = background); the features are first
    /// standardized per column with their mean and sd on these regions (kept for `probabilities`).
    /// \return the mean training loss of each epoch
    /// \throws ShapeError for a wrong shape or count; ValueError for a label above K, no region, or options with
    ///         0 epochs, batch 0 or a step size that is not positive.
    std::vector<double> fit(const Tensor<float>& phi, const Labels& labels, const RegionClassifierOptions& options,
                            Rng& rng);

    /// \brief \f$ p(k \mid \phi) \f$ for each row of `phi` (n, D): (n, K + 1), rows summing to 1.
    /// \throws ShapeError for a wrong number of features; ValueError before `fit`.
    Tensor<float> probabilities(const Tensor<float>& phi);

    /// \brief The background class, \f$ K \f$.
    std::size_t background() const { return classes_; }

private:
    Tensor<float> standardize(const Tensor<float>& phi) const;
    std::size_t features_, classes_;
    Linear<float> linear_;
    Tensor<float> mean_, sd_;
    bool fitted_ = false;
};

}  // namespace dlc
