/// \file
/// \brief Gradient-based attribution: which input pixels a class score depends on. Saliency maps,
/// guided backpropagation, the deconvnet, Grad-CAM and guided Grad-CAM, CAM for global-average-pooling
/// networks, occlusion sensitivity and integrated gradients.
///
/// Lectures: NYU slides "Feature Visualization" (the gradient of \f$ \log p(y = \text{cat} \mid x) \f$),
/// "Guided Backprop", "Class activation map (CAM)", "GradCAM". Papers: Simonyan et al. 2014 (saliency),
/// Springenberg et al. 2015 (guided backprop), Zeiler & Fergus 2014 (deconvnet, occlusion), Zhou et al.
/// 2016 (CAM), Selvaraju et al. 2017 (Grad-CAM), Sundararajan et al. 2017 (integrated gradients).
///
/// Every function takes a batch \f$ x \f$ (N, ...) — one example per row — with one class per example,
/// and puts `net` in evaluation mode. The network outputs logits \f$ z \f$ (N, K).
#pragma once

#include "core/tensor.hpp"
#include "nn/module.hpp"
#include "nn/relu.hpp"
#include "nn/sequential.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace dlc {

/// \brief The scalar \f$ f_c(x) \f$ an attribution explains, for class \f$ c \f$ and logits \f$ z \f$.
enum class AttributionTarget {
    logit,            ///< \f$ f_c = z_c \f$, the class score (Grad-CAM, guided backprop, CAM)
    log_probability,  ///< \f$ f_c = \log p(c \mid x) = z_c - \log \sum_k e^{z_k} \f$ (the NYU slide's saliency)
    probability,      ///< \f$ f_c = p(c \mid x) = e^{z_c} / \sum_k e^{z_k} \f$
};

/// \brief `"logit"`, `"log p(c|x)"` or `"p(c|x)"`.
const char* attribution_target_name(AttributionTarget target);

/// \brief \f$ f_{c_n}(z_n) \f$ for every row of the logits (N, K) and \f$ \partial f / \partial z \f$
/// into `grad_z` (N, K): \f$ e_c \f$; \f$ e_c - p \f$; \f$ p_c (e_c - p) \f$.
/// \throws ShapeError unless `logits` is (N, K) with N = `classes.size()`; ValueError for a class \f$ \ge K \f$.
template <class T>
std::vector<double> target_values(const Tensor<T>& logits, const Labels& classes, AttributionTarget target,
                                  Tensor<T>& grad_z);

/// \brief \f$ \nabla_x f_{c_n}(x_n) \f$ for every example, by one forward and one backward pass, with
/// every ReLU's backward rule set to `rule` meanwhile: `plain` is the gradient (the saliency map's raw
/// material), `guided` is guided backpropagation, `deconvnet` the deconvnet's reconstruction.
/// \throws ShapeError for a batch the network refuses or a class count that differs from N.
template <class T>
Tensor<T> input_gradient(Sequential<T>& net, const Tensor<T>& x, const Labels& classes,
                         AttributionTarget target = AttributionTarget::log_probability,
                         ReLUBackward rule = ReLUBackward::plain);

/// \brief The saliency map of Simonyan et al.: \f$ M_{n,i,j} = \max_c |g_{n,c,i,j}| \f$ over the
/// channels of an input gradient \f$ g \f$ (N, C, H, W); returns (N, H, W).
template <class T>
Tensor<T> saliency_map(const Tensor<T>& gradient);

/// \brief What `grad_cam` computes for each example.
template <class T>
struct GradCam {
    /// \brief \f$ L^c = \mathrm{ReLU}\bigl(\sum_k \alpha^c_k A^k\bigr) \f$ (N, h, w) at the layer's resolution.
    Tensor<T> maps;
    /// \brief The same sum before the ReLU (N, h, w), for the record.
    Tensor<T> maps_before_relu;
    /// \brief \f$ \alpha^c_k = \frac{1}{Z} \sum_{i,j} \partial f_c / \partial A^k_{ij} \f$ (N, K),
    /// \f$ Z = h w \f$.
    Tensor<T> weights;
    /// \brief The feature maps \f$ A \f$ (N, K, h, w) of the layer.
    Tensor<T> activations;
};

/// \brief Grad-CAM (Selvaraju et al.) at the output of module `layer` (an (N, K, h, w) feature map):
/// \f[ \alpha^c_k = \frac{1}{Z} \sum_{i,j} \frac{\partial f_c}{\partial A^k_{ij}}, \qquad
///     L^c_{\text{Grad-CAM}} = \mathrm{ReLU}\Bigl(\sum_k \alpha^c_k A^k\Bigr) . \f]
/// The ReLU keeps the regions that *raise* the class score (the paper: negative values "likely belong
/// to other categories"); `maps_before_relu` keeps the rest.
/// \throws ValueError if `layer` is not a position of `net` or its output is not rank 4.
template <class T>
GradCam<T> grad_cam(Sequential<T>& net, const Tensor<T>& x, const Labels& classes, std::size_t layer,
                    AttributionTarget target = AttributionTarget::logit);

/// \brief The class activation map of a network whose module `feature_layer` gives maps
/// \f$ A \f$ (N, K, h, w), followed by global average pooling and the `Linear` module `linear_layer`
/// with weights \f$ w^c_k \f$: \f$ M_c = \sum_k w^c_k A^k \f$ (N, h, w) (Zhou et al.; no ReLU).
///
/// For such a network \f$ \partial z_c / \partial A^k_{ij} = w^c_k / Z \f$, so Grad-CAM's weights are
/// \f$ \alpha^c_k = w^c_k / Z \f$ and \f$ L^c_{\text{Grad-CAM}} = \mathrm{ReLU}(M_c) / Z \f$: CAM and
/// Grad-CAM agree up to the factor \f$ 1/Z \f$ and the ReLU (the lecture checks it numerically).
/// \throws ValueError unless `linear_layer` is a `Linear` and the modules between are a
///         `GlobalAvgPool2d` (and anything that does not change the values, e.g. `Flatten`).
template <class T>
Tensor<T> class_activation_map(Sequential<T>& net, const Tensor<T>& x, const Labels& classes, std::size_t feature_layer,
                               std::size_t linear_layer);

/// \brief `maps` (N, h, w) resized to (N, H, W) by bilinear interpolation (pixel centres aligned), for
/// overlaying a coarse map on the input.
template <class T>
Tensor<T> upsample_maps(const Tensor<T>& maps, std::size_t H, std::size_t W);

/// \brief Guided Grad-CAM: the guided-backprop gradient \f$ G \f$ (N, C, H, W) times the Grad-CAM map
/// upsampled to the input, \f$ G_{n,c,i,j} \cdot L_{n,i,j} \f$ (Selvaraju et al.).
/// \throws ShapeError unless `cam` is (N, H, W).
template <class T>
Tensor<T> guided_grad_cam(const Tensor<T>& guided, const Tensor<T>& cam);

/// \brief Settings of `occlusion_map`.
struct OcclusionOptions {
    std::size_t patch = 4;   ///< side of the square patch
    std::size_t stride = 1;  ///< step between patch positions
    double fill = 0.0;       ///< the value the occluded pixels get (e.g. the background)
    AttributionTarget target = AttributionTarget::probability;  ///< the score whose drop is measured
};

/// \brief Occlusion sensitivity (Zeiler & Fergus): for every position of a `patch` × `patch` square
/// (all channels) set to `fill`, the drop \f$ f_c(x) - f_c(x_{\text{occluded}}) \f$; each pixel gets the
/// mean drop over the patch positions covering it. Returns (N, H, W). The occluded images are run in
/// batches (one forward pass per batch, no gradients).
/// \throws ValueError if the patch is 0 or larger than the image, or the stride is 0.
template <class T>
Tensor<T> occlusion_map(Sequential<T>& net, const Tensor<T>& x, const Labels& classes, const OcclusionOptions& options = {});

/// \brief What `integrated_gradients` computes for one example.
template <class T>
struct IntegratedGradients {
    /// \brief \f$ \mathrm{IG}_i = (x_i - x'_i) \cdot \frac{1}{m}\sum_k \partial_i f\bigl(x' + \tfrac{k}{m}(x - x')\bigr) \f$
    /// (trapezoid weights at the two ends), the shape of one example.
    Tensor<T> attributions;
    double f_input = 0.0;     ///< \f$ f_c(x) \f$
    double f_baseline = 0.0;  ///< \f$ f_c(x') \f$
    double sum = 0.0;         ///< \f$ \sum_i \mathrm{IG}_i \f$
    /// \brief \f$ |\sum_i \mathrm{IG}_i - (f_c(x) - f_c(x'))| \f$: completeness says it tends to 0 as
    /// the number of steps grows (the path integral of the gradient is the difference of the ends).
    double completeness_error = 0.0;
    std::size_t steps = 0;  ///< \f$ m \f$
};

/// \brief Integrated gradients (Sundararajan et al.) of class `cls` for the single example `x`
/// (1, ...) against `baseline` (same shape), the path integral
/// \f$ \mathrm{IG}_i = (x_i - x'_i) \int_0^1 \partial_i f_c(x' + \alpha (x - x'))\, d\alpha \f$ by the
/// trapezoid rule on \f$ m \f$ = `steps` intervals (the \f$ m + 1 \f$ points in batches of `batch`).
/// \throws ShapeError unless `x` and `baseline` have the same shape with one row; ValueError if
///         `steps` is 0.
template <class T>
IntegratedGradients<T> integrated_gradients(Sequential<T>& net, const Tensor<T>& x, const Tensor<T>& baseline,
                                            std::size_t cls, std::size_t steps,
                                            AttributionTarget target = AttributionTarget::logit,
                                            std::size_t batch = 64);

/// \brief Spearman's rank correlation of two equally long lists of numbers (average ranks for ties),
/// as in Adebayo et al.'s sanity checks of saliency maps.
/// \throws ShapeError if the sizes differ or are below 2.
template <class T>
double spearman_correlation(const Tensor<T>& a, const Tensor<T>& b);

}  // namespace dlc
