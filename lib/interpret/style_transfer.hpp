/// \file
/// \brief Texture synthesis and Gatys style transfer by optimising an image through a CNN: Gram losses at
/// several layers, a content loss at one, Adam on the pixels.
///
/// Lectures: UCSD slides "Neural Texture Synthesis" (steps 1–9: record the texture's Gram matrices,
/// start from noise, match the Gram matrices by gradient steps on the image) and "Neural Style Transfer"
/// ("style transfer = feature reconstruction loss + Gram matrix"); NYU slides "Artistic style transfer";
/// Gatys, Ecker & Bethge 2015 and 2016.
///
/// **No pretrained network.** The slides use VGG-19 trained on ImageNet; no such network is available
/// offline here. `add_random_texture_cnn` builds a multi-scale CNN whose weights are random and stay
/// fixed (3×3 convolutions and ReLUs, average pooling between blocks, so each block sees a scale twice
/// as large as the one before). Networks with random filters synthesise textures well
/// (Ustyuzhaninov et al. 2017, *What does it take to generate natural textures?*; He, Wang & Hopcroft
/// 2016): the Gram matrices of many random multi-scale filters already pin down a texture's local
/// statistics. Style transfer with them keeps the content's layout and takes the style's colours and
/// textures, but it does not know objects as VGG does.
#pragma once

#include "core/rng.hpp"
#include "interpret/gram.hpp"
#include "interpret/total_variation.hpp"
#include "nn/sequential.hpp"

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace dlc {

/// \brief Appends to `net` one block per entry of `widths`: Conv2d(→ width, 3×3, padding 1, Kaiming
/// weights from `rng`, no bias), ReLU, then AvgPool2d(2) between blocks (not after the last).
/// \throws ValueError if `widths` is empty or `in_channels` is 0.
template <class T>
void add_random_texture_cnn(Sequential<T>& net, std::size_t in_channels, const std::vector<std::size_t>& widths, Rng& rng);

/// \brief The positions of the ReLUs of `add_random_texture_cnn`'s blocks (the style layers): 1, 4, 7, ...
std::vector<std::size_t> random_texture_cnn_relus(std::size_t blocks);

/// \brief What a style/texture objective is made of.
struct StyleOptions {
    /// \brief Modules whose outputs carry a Gram loss (e.g. the ReLUs of every block).
    std::vector<std::size_t> style_layers;
    /// \brief One weight per style layer, multiplying its normalised loss (empty: all 1).
    std::vector<double> layer_weights;
    /// \brief The module whose output carries the content loss (ignored if `content_weight` is 0).
    std::size_t content_layer = 0;
    /// \brief \f$ \alpha \f$, the content loss's weight (0: texture synthesis).
    double content_weight = 0.0;
    /// \brief \f$ \beta \f$, the style loss's weight.
    double style_weight = 1.0;
    /// \brief \f$ \lambda_V \f$ of a \f$ \lambda_V \mathcal{R}_{V^2} \f$ smoothness prior (0: none).
    double tv_weight = 0.0;
    /// \brief Gram normalisation (the loss value does not depend on it, see gram.hpp).
    GramNormalization gram_normalization = GramNormalization::sum;
};

/// \brief The loss of one evaluation, split into its parts.
struct StyleLoss {
    double total = 0.0;              ///< \f$ \beta \sum_l w_l \hat E_l + \alpha L_c + \lambda_V \mathcal R \f$
    std::vector<double> style;       ///< \f$ \hat E_l \f$ per style layer (before weights)
    double content = 0.0;            ///< \f$ L_c \f$
    double tv = 0.0;                 ///< \f$ \mathcal{R}_{V^2} \f$
};

/// \brief A style-transfer objective on images (1, C, H, W) through a fixed network:
/// \f[ L(x) = \beta \sum_l w_l \hat E_l(x) + \alpha L_c(x) + \lambda_V \mathcal{R}_{V^2}(x), \qquad
///     \hat E_l = \frac{E_l}{E_l^0} = \frac{\sum_{ij}(G^l_{ij} - \hat G^l_{ij})^2}{\sum_{ij} (\hat G^l_{ij})^2},
///     \qquad L_c = \frac{\|F^c(x) - P^c\|^2}{\|P^c\|^2} , \f]
/// where \f$ E_l \f$ is the UCSD slide's \f$ \frac{1}{4N_l^2M_l^2}\sum_{ij}(G^l_{ij} - \hat G^l_{ij})^2 \f$
/// and \f$ E^0_l \f$ its value for \f$ G^l = 0 \f$: each layer's term is its relative Gram error, so
/// layers with large and small activations count alike (random features differ in scale by orders of
/// magnitude between layers); \f$ L_c \f$ is Gatys' \f$ \tfrac12 \|F - P\|^2 \f$ made relative in the same way.
template <class T>
class StyleObjective {
public:
    /// \brief An objective through `net` (kept by reference; its weights are not changed).
    /// \throws ValueError if a style layer is outside `net` or the weights do not match the layers.
    StyleObjective(Sequential<T>& net, StyleOptions options);
    /// \brief Records the target Gram matrices \f$ \hat G^l \f$ of `style` (1, C, H', W'); any size.
    void set_style(const Tensor<T>& style);
    /// \brief Records the target features \f$ P^c \f$ of `content` (1, C, H, W).
    void set_content(const Tensor<T>& content);
    /// \brief \f$ L(x) \f$ and \f$ \nabla_x L \f$ into `grad` (one forward, one backward pass with the
    /// losses' gradients injected at their layers).
    /// \throws ValueError if `set_style` (or `set_content`, when \f$ \alpha > 0 \f$) was not called;
    ///         ShapeError if `x` and the content differ in shape.
    StyleLoss evaluate(const Tensor<T>& x, Tensor<T>& grad);
    /// \brief The options.
    const StyleOptions& options() const { return options_; }

private:
    Sequential<T>& net_;
    StyleOptions options_;
    std::vector<Matrix<T>> targets_;  // G-hat per style layer (sum convention)
    std::vector<double> target_norms_;
    Tensor<T> content_;
    double content_norm_ = 0.0;
    std::size_t top_ = 0;
};

/// \brief Settings of `optimize_image`.
struct ImageAdamOptions {
    std::size_t steps = 200;       ///< Adam steps
    double learning_rate = 0.02;   ///< \f$ \alpha \f$
    double lower = -0.5;           ///< pixels are clamped to [lower, upper] after each step
    double upper = 0.5;            ///< (images centred: 0 is mid-grey)
};

/// \brief Minimises `objective` over the image `x` (1, C, H, W) in place with Adam; returns the loss
/// before each step. `on_step(t, loss)` (if given) is called after each step (progress bars).
template <class T>
std::vector<StyleLoss> optimize_image(StyleObjective<T>& objective, Tensor<T>& x, const ImageAdamOptions& options,
                                      const std::function<void(std::size_t, const StyleLoss&)>& on_step = {});

}  // namespace dlc
