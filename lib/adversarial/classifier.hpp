/// \file
/// \brief A classifier seen from its pixels: the view every attack takes of a network.
///
/// An attack perturbs the *image* \f$ x \in [0, 1]^{H \times W} \f$, while the store's networks read a
/// standardized copy, \f$ (x - \mu)/\sigma \f$ (LeNet-5) or the flat row of pixels (the MLP). This class puts
/// the standardization inside the forward pass, so an attack works in pixel space and the input gradient
/// it gets is the chain rule's
/// \f[ \nabla_x J = \frac{1}{\sigma}\, \nabla_{\text{input}} J . \f]
///
/// The loss is the softmax cross-entropy \f$ J(x, y) = -\log p(y \mid x) = \log \sum_k e^{z_k} - z_y \f$ of the
/// logits \f$ z \f$, summed over the batch, whose gradient is \f$ \partial J / \partial z = p - e_y \f$
/// (Goodfellow et al. 2015: \f$ J(\theta, x, y) \f$ on the NYU slide "Adversarial Examples").
#pragma once

#include "core/tensor.hpp"
#include "nn/sequential.hpp"

#include <cstddef>
#include <vector>

namespace dlc {

struct TrainedModel;

/// \brief How a network wants its 28 × 28 images.
enum class InputLayout {
    flat,  ///< (N, H·W) rows (the MLP)
    nchw,  ///< (N, 1, H, W) (the convolutional networks)
};

/// \brief A network with its input standardization: pixels (N, H, W) in, logits (N, K) out.
///
/// Holds a reference to the network (which must outlive it) and reusable buffers; not thread-safe.
template <class T>
class PixelClassifier {
public:
    /// \brief `net` reading \f$ (x - \mu)/\sigma \f$ in `layout`; puts `net` in evaluation mode.
    /// \throws ValueError unless \f$ \sigma > 0 \f$ and \f$ \mu \f$ is finite.
    PixelClassifier(Sequential<T>& net, InputLayout layout, double mean = 0.0, double sd = 1.0);

    /// \brief The logits (N, K) of the images `x` (N, H, W). The reference stays valid until the next call.
    /// \throws ShapeError if the network refuses the images.
    const Tensor<T>& logits(const Tensor3<T>& x);

    /// \brief One forward and one backward pass of \f$ J = \sum_n J(x_n, y_n) \f$:
    /// \f$ \text{scale} \cdot \nabla_x J \f$ into `grad` (N, H, W) if it is not null, the parameter
    /// gradients of \f$ \text{scale} \cdot J \f$ added to the network's (training uses scale = 1/N, the
    /// batch mean), each example's loss into `losses` and its predicted class into `predicted` if not null.
    /// Returns \f$ J \f$.
    /// \throws ShapeError unless `y` has N entries; ValueError for a class \f$ \ge K \f$.
    double loss_gradient(const Tensor3<T>& x, const Labels& y, Tensor3<T>* grad, double scale = 1.0,
                         std::vector<double>* losses = nullptr, Labels* predicted = nullptr);

    /// \brief The forward pass alone: \f$ J = \sum_n J(x_n, y_n) \f$, each example's loss into `losses` and
    /// its predicted class into `predicted` if not null.
    /// \throws ShapeError unless `y` has N entries; ValueError for a class \f$ \ge K \f$.
    double loss(const Tensor3<T>& x, const Labels& y, std::vector<double>* losses = nullptr, Labels* predicted = nullptr);

    /// \brief The predicted classes \f$ \arg\max_k z_k \f$ of `x` (N, H, W), in batches of `batch` (the attacks'
    /// batch size by default: the network's buffers keep their shape, see `PgdOptions::batch`).
    Labels predict(const Tensor3<T>& x, std::size_t batch = 500);

    /// \brief The fraction of `x` classified as `y`.
    double accuracy(const Tensor3<T>& x, const Labels& y, std::size_t batch = 500);

    /// \brief The network's input for the images `x`: \f$ (x - \mu)/\sigma \f$ in the network's layout.
    const Tensor<T>& network_input(const Tensor3<T>& x);

    /// \brief The network.
    Sequential<T>& net() { return *net_; }
    /// \brief The input layout.
    InputLayout layout() const { return layout_; }
    /// \brief \f$ \mu \f$.
    double mean() const { return mean_; }
    /// \brief \f$ \sigma \f$.
    double sd() const { return sd_; }

private:
    // J_n = log sum_k e^{z_k} - z_{y_n} per row of z; if grad_z is not null, scale * (p - e_y) into it.
    double cross_entropy(const Tensor<T>& z, const Labels& y, double scale, std::vector<double>* losses,
                         Labels* predicted, Tensor<T>* grad_z) const;

    Sequential<T>* net_;
    InputLayout layout_;
    double mean_, sd_;
    Tensor<T> input_, grad_z_;
};

/// \brief The classifier view of a network from the trained-model store (its metadata's `input`:
/// layout, \f$ \mu \f$, \f$ \sigma \f$).
/// \throws DataError if the metadata does not say how the network reads its input.
PixelClassifier<float> pixel_classifier(TrainedModel& model);

/// \brief The rows `which` of a batch of images (N, H, W), in that order.
template <class T>
Tensor3<T> gather_images(const Tensor3<T>& x, const std::vector<std::size_t>& which);

/// \brief Images [first, first + n) of a batch (N, H, W).
template <class T>
Tensor3<T> image_range(const Tensor3<T>& x, std::size_t first, std::size_t n);

}  // namespace dlc
