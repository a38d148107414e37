/// \file
/// \brief Plain and residual convolutional networks of depth \f$ L = 6n + 2 \f$, the pair of He et al.'s
/// degradation experiment: the same stack of 3×3 convolutions, with or without the skip connections.
///
/// Lectures: NYU slides "Going Deeper" ("the best networks were still around 20 layers and deeper results
/// in worse performance"), "Residual Networks (ResNet)" ("Residual connection: skip connection to prevent
/// gradient vanishing") and "ResNet Success"; Bahng §4 "Residual Networks" (a heading in the notes) and
/// §5.3 ("any neural architecture ... with very deep layers ... may suffer ... we can still implement
/// residual connections to allow for more gradient flow such as ResNet"). The architecture is He et al.,
/// *Deep residual learning for image recognition*, CVPR 2016, §4.2 (the CIFAR-10 networks), on 1×28×28
/// images and with fewer channels:
///
/// | output | layers |
/// |---|---|
/// | \f$ w_1 \f$ × 28 × 28 | conv 3×3, \f$ w_1 \f$ (+ batch norm + ReLU) |
/// | \f$ w_1 \f$ × 28 × 28 | \f$ n \f$ blocks of two conv 3×3, \f$ w_1 \f$ |
/// | \f$ w_2 \f$ × 14 × 14 | \f$ n \f$ blocks of two conv 3×3, \f$ w_2 \f$ (the first of stride 2) |
/// | \f$ w_3 \f$ × 7 × 7 | \f$ n \f$ blocks of two conv 3×3, \f$ w_3 \f$ (the first of stride 2) |
/// | 10 | global average pooling, fully connected \f$ w_3 \to 10 \f$ (softmax in the loss) |
///
/// so \f$ 1 + 6n + 1 = 6n + 2 \f$ weighted layers: \f$ n = 1, 3, 5 \f$ give the depths 8, 20, 32. Each
/// convolution is followed by batch norm (so it has no bias of its own) and each block computes, with
/// \f$ F(x) = \mathrm{BN}(W_2 * \mathrm{ReLU}(\mathrm{BN}(W_1 * x))) \f$,
/// \f[ \text{plain:}\ z = \mathrm{ReLU}(F(x)), \qquad \text{residual:}\ z = \mathrm{ReLU}(F(x) + x) \f]
/// (He et al.'s eq. 1 and Fig. 2). Where a block halves the image and doubles the channels, \f$ x \f$ is
/// brought to \f$ F(x) \f$'s shape by a projection shortcut, a 1×1 convolution of stride 2 with batch norm
/// (eq. 2, \f$ z = \mathrm{ReLU}(F(x) + W_s x) \f$, their option B); like He et al., the depth does not
/// count these two projections. Kernels are drawn with Kaiming's \f$ N(0, 2/n_{\text{in}}) \f$ (NYU slides
/// "Kaiming Initialization"), the classifier's bias is 0, batch norm starts at \f$ \gamma = 1, \beta = 0 \f$.
#pragma once

#include "core/rng.hpp"
#include "nn/module.hpp"
#include "nn/sequential.hpp"

#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace dlc {

/// \brief With or without the skip connections.
enum class ResNetKind {
    plain,     ///< \f$ z = \mathrm{ReLU}(F(x)) \f$: a plain stack of conv + batch norm + ReLU layers
    residual,  ///< \f$ z = \mathrm{ReLU}(F(x) + x) \f$ (or \f$ + W_s x \f$ where the shape changes)
};

/// \brief `"plain"` or `"residual"`.
const char* resnet_kind_name(ResNetKind kind);

/// \brief One network of the family: depth, kind and widths.
struct ResNetSpec {
    /// \brief \f$ L \f$, the number of weighted layers (convolutions and the fully connected one,
    /// projections not counted): \f$ 6n + 2 \f$ with \f$ n \ge 1 \f$ blocks per stage.
    std::size_t depth = 20;
    /// \brief Plain or residual.
    ResNetKind kind = ResNetKind::residual;
    /// \brief The input's channels (1 for MNIST and Fashion-MNIST).
    std::size_t in_channels = 1;
    /// \brief \f$ w_1, w_2, w_3 \f$, the channels of the three stages (He et al.: 16, 32, 64).
    std::array<std::size_t, 3> widths = {8, 16, 32};
    /// \brief The number of classes (outputs).
    std::size_t classes = 10;
};

/// \brief \f$ n = (L - 2) / 6 \f$, the blocks per stage of a network of depth \f$ L \f$.
/// \throws ValueError unless \f$ L = 6n + 2 \f$ with \f$ n \ge 1 \f$ (8, 14, 20, 26, 32, ...).
std::size_t resnet_blocks_per_stage(std::size_t depth);

/// \brief The number of trainable scalars of `spec`'s network by the formula, from the widths:
/// the first convolution \f$ 9 C w_1 \f$ and its batch norm \f$ 2 w_1 \f$; per block of stage \f$ s \f$
/// \f$ 9 w_{\text{in}} w_s + 9 w_s^2 + 2 \cdot 2 w_s \f$ (\f$ w_{\text{in}} = w_{s-1} \f$ for a stage's first
/// block, else \f$ w_s \f$); per projection \f$ w_{s-1} w_s + 2 w_s \f$ (residual, stages 2 and 3); and the
/// classifier \f$ K w_3 + K \f$ (\f$ K \f$ classes).
/// \throws ValueError as `resnet_blocks_per_stage`, or if a width, `in_channels` or `classes` is 0.
std::size_t resnet_parameter_count(const ResNetSpec& spec);

/// \brief Appends the network of `spec` (the file comment's table) to `net`, kernels drawn from `rng`.
///
/// The modules, in order: Conv2d, BatchNorm, ReLU; then per block either (plain) Conv2d, BatchNorm, ReLU,
/// Conv2d, BatchNorm, ReLU, or (residual) one `Residual` whose body is the Sequential Conv2d, BatchNorm,
/// ReLU, Conv2d, BatchNorm (and whose shortcut, where the shape changes, is the Sequential 1×1 Conv2d,
/// BatchNorm), then ReLU; finally GlobalAvgPool2d and Linear. Any image size works (global pooling);
/// 28×28 gives the table's 28 → 14 → 7.
/// \throws ValueError as `resnet_parameter_count`.
template <class T>
void add_resnet(Sequential<T>& net, const ResNetSpec& spec, Rng& rng);

/// \brief The kernels of the \f$ L \f$ weighted layers of a network built by `add_resnet`, in order
/// \f$ l = 1, \dots, L \f$ (the first convolution, the block convolutions, the fully connected layer):
/// the \f$ W_l \f$ whose gradient norms \f$ \|\partial L / \partial W_l\| \f$ the CNN lecture plots. With
/// `projections` true, the 1×1 projection kernels instead (none in a plain network).
///
/// A layer's kernel is the parameter named `K` (Conv2d) or `W` (Linear); projections are those inside a
/// `Residual`'s shortcut.
template <class T>
std::vector<Parameter<T>> resnet_layer_weights(Sequential<T>& net, bool projections = false);

}  // namespace dlc
