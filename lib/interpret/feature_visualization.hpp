/// \file
/// \brief Feature visualisation by optimising the input image: activation maximisation (class
/// visualisation) with L2 and total-variation priors and jitter, DeepDream, and feature inversion.
///
/// Lectures: NYU slides "Gradient Ascent on Images" ("starting from random noise, we optimize an image
/// to activate a particular neuron") and "DeepDream" ("change the image such that units which were
/// already highly activated get activated even more strongly"); UCSD slide "Feature Inversion"
/// (\f$ x^* = \arg\min_x \ell(\Phi(x), \Phi_0) + \lambda \mathcal{R}(x) \f$). Simonyan et al. 2014,
/// Mahendran & Vedaldi 2015, Mordvintsev et al. 2015 (the Google Research blog).
///
/// All three are the notes' backpropagation run to the input (`Module::backward`'s \f$ \nabla_x \f$),
/// then a step on the image instead of on the weights. The network's weights never change.
#pragma once

#include "core/rng.hpp"
#include "interpret/total_variation.hpp"
#include "nn/sequential.hpp"

#include <cstddef>
#include <functional>
#include <limits>
#include <vector>

namespace dlc {

/// \brief Settings of `maximize_activation`.
struct ActivationMaxOptions {
    std::size_t steps = 200;       ///< Adam steps on the image
    double learning_rate = 0.05;   ///< Adam's \f$ \alpha \f$
    double l2 = 1e-3;              ///< \f$ \lambda_2 \f$ of the prior \f$ \lambda_2 \|x\|^2 \f$
    double tv = 1e-2;              ///< \f$ \lambda_V \f$ of the prior \f$ \lambda_V \mathcal{R}_{V^\beta}(x) \f$
    double tv_beta = 2.0;          ///< \f$ \beta \f$ of \f$ \mathcal{R}_{V^\beta} \f$
    TvRange tv_range = TvRange::interior;  ///< the regulariser's summation range
    std::size_t jitter = 1;        ///< before each step the image is rolled by up to this many pixels each way
    double lower = -std::numeric_limits<double>::infinity();  ///< pixels are clamped to [lower, upper]
    double upper = std::numeric_limits<double>::infinity();   ///< after every step
};

/// \brief One record of an image optimisation, per step.
struct ImageOptimizationStep {
    double objective = 0.0;  ///< the quantity optimised (including the priors)
    double score = 0.0;      ///< the unit's activation alone (ascent) or the feature error (inversion)
};

/// \brief Activation maximisation: starting from `x0` (1, C, H, W), Adam ascent on
/// \f[ J(x) = S(x) - \lambda_2 \|x\|^2 - \lambda_V \mathcal{R}_{V^\beta}(x) , \f]
/// where \f$ S \f$ is unit `unit` of module `layer`'s output: column `unit` of an (N, K) output (a class
/// score when `layer` is the last module), or the mean of channel `unit` of an (N, K, h, w) map.
/// Jitter: each step evaluates the gradient on the image rolled (cyclically) by a random
/// \f$ (d_y, d_x) \in [-J, J]^2 \f$ and rolls the gradient back, so the image cannot exploit a fixed pixel
/// grid. `history` (if not null) receives one record per step.
/// \throws ValueError for a layer or unit out of range; ShapeError unless `x0` has one row.
template <class T>
Tensor<T> maximize_activation(Sequential<T>& net, std::size_t layer, std::size_t unit, const Tensor<T>& x0,
                              const ActivationMaxOptions& options, Rng& rng,
                              std::vector<ImageOptimizationStep>* history = nullptr);

/// \brief Settings of `deepdream`.
struct DeepDreamOptions {
    std::size_t steps = 20;       ///< gradient steps per octave
    double step_size = 0.02;      ///< \f$ \eta \f$: each step moves by \f$ \eta\, g / \mathrm{mean}|g| \f$
    std::size_t octaves = 1;      ///< scales processed, smallest first
    double octave_scale = 1.4;    ///< size ratio between octaves
    std::size_t jitter = 2;       ///< random roll, as in `ActivationMaxOptions`
    double lower = -std::numeric_limits<double>::infinity();  ///< clamp range of the pixels
    double upper = std::numeric_limits<double>::infinity();   ///< clamp range of the pixels
};

/// \brief DeepDream: gradient ascent from the image `x` (1, C, H, W) on
/// \f$ \tfrac12 \|A_l(x)\|^2 \f$, the squared activations of module `layer` (their gradient is
/// \f$ A_l \f$ itself: strong units are strengthened, "rich get richer"), with normalised steps
/// \f$ x \leftarrow x + \eta\, g / \mathrm{mean}(|g|) \f$, jitter, and octaves (the image is shrunk by
/// `octave_scale` per octave, dreamed from the smallest, and the detail added at each scale carried up).
/// `history` receives \f$ \tfrac12 \|A_l\|^2 \f$ per step.
template <class T>
Tensor<T> deepdream(Sequential<T>& net, std::size_t layer, const Tensor<T>& x, const DeepDreamOptions& options, Rng& rng,
                    std::vector<ImageOptimizationStep>* history = nullptr);

/// \brief Settings of `invert_features`.
struct InversionOptions {
    std::size_t steps = 300;      ///< Adam steps
    double learning_rate = 0.05;  ///< Adam's \f$ \alpha \f$
    double tv = 0.0;              ///< \f$ \lambda \f$ of \f$ \lambda \mathcal{R}_{V^\beta}(x) \f$ (0: no prior)
    double tv_beta = 2.0;         ///< \f$ \beta \f$
    TvRange tv_range = TvRange::interior;  ///< the regulariser's summation range
    double lower = -std::numeric_limits<double>::infinity();  ///< clamp range of the pixels
    double upper = std::numeric_limits<double>::infinity();   ///< clamp range of the pixels
};

/// \brief Feature inversion (UCSD "Feature Inversion"): from `x0` (1, C, H, W), Adam descent on
/// \f[ \frac{\|\Phi(x) - \Phi_0\|^2}{\|\Phi_0\|^2} + \lambda \mathcal{R}_{V^\beta}(x) , \f]
/// \f$ \Phi \f$ = the output of module `layer`, \f$ \Phi_0 \f$ = `target` (its value on the image to
/// reconstruct). The loss is the slide's \f$ \ell = \|\Phi(x) - \Phi_0\|^2 \f$ divided by
/// \f$ \|\Phi_0\|^2 \f$, so one \f$ \lambda \f$ suits every depth. `history` records the total and the
/// relative feature error.
/// \throws ShapeError if `target` does not have the layer's output shape for `x0`.
template <class T>
Tensor<T> invert_features(Sequential<T>& net, std::size_t layer, const Tensor<T>& target, const Tensor<T>& x0,
                          const InversionOptions& options, Rng& rng, std::vector<ImageOptimizationStep>* history = nullptr);

/// \brief `x` (N, C, H, W) rolled cyclically by `dy` rows and `dx` columns (negative: the other way).
template <class T>
Tensor<T> roll_image(const Tensor<T>& x, long dy, long dx);

}  // namespace dlc
