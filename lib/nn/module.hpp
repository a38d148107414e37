/// \file
/// \brief The module interface every layer implements: an explicit `forward` that caches what
/// `backward` needs, and a visible `backward` that returns the input gradient and accumulates the
/// parameter gradients.
///
/// Lectures: ECE/CS 559 L9&10 ("Back propagation") and L11 (the forward/backward/gradients summary),
/// Bahng, *Deep Learning*, §1.4 "Forward and Back Propagation". One fully connected layer of the
/// notes is two modules here, `Linear` then an activation:
/// \f[ v = W x + b, \qquad z = g(v), \f]
/// and the backward pass, given \f$ \nabla_z l \f$ (the gradient arriving from above), is
/// \f[ \delta = \nabla_z l \odot g'(v), \qquad \nabla_W l = \delta\, x^\top, \qquad
///     \nabla_b l = \delta, \qquad \nabla_x l = W^\top \delta : \f]
/// the activation's `backward` computes \f$ \delta \f$, the `Linear`'s `backward` the rest.
///
/// **Batches.** A batch holds one example per row (axis 0): (batch, features) for fully
/// connected layers, (N, C, H, W) for images. The batched formulas are the per-example ones
/// stacked as rows, e.g. \f$ V = X W^\top + \mathbf{1} b^\top \f$ and
/// \f$ \nabla_W l = \Delta^\top X \f$ (the sum of the per-example outer products
/// \f$ \delta_n x_n^\top \f$).
///
/// **Buffers.** `forward` returns a reference to the module's own output buffer and `backward` a
/// reference to its own input-gradient buffer. Both are sized on first use and reused while the
/// input shape stays the same, so a training step allocates nothing. A returned reference stays
/// valid (and its contents unchanged) until the next call of the same method on the same module.
#pragma once

#include "core/check.hpp"

#include <xtensor/xarray.hpp>

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <string>
#include <vector>

namespace dlc {

/// \brief The tensor type at module boundaries: dense, row-major, of any rank.
///
/// (batch, features) for fully connected layers, (N, C, H, W) for convolutional ones; parameters
/// and their gradients use it too, so optimizers and checkers treat every layer alike.
template <class T>
using Tensor = xt::xarray<T>;

/// \brief A tensor shape, e.g. `{64, 784}`.
using Shape = std::vector<std::size_t>;

/// \brief Whether a module behaves as during training or as at test time (dropout, batch norm).
enum class Mode {
    /// Training: dropout drops units, batch norm uses the batch's statistics and updates its
    /// running averages.
    train,
    /// Evaluation (test time): dropout is the identity, batch norm uses its running averages.
    eval,
};

/// \brief One trainable parameter tensor \f$ \theta \f$ and its gradient \f$ \nabla_\theta l \f$,
/// as enumerated by `Module::parameters` for optimizers, penalties, checkpoints and gradient checks.
///
/// The pointers refer into the module that owns the tensors; they stay valid as long as that
/// module exists (modules cannot be copied or moved).
template <class T>
struct Parameter {
    /// \brief The parameter's name, qualified by its position in containers, e.g. `"2.W"`.
    std::string name;
    /// \brief The parameter \f$ \theta \f$.
    Tensor<T>* value = nullptr;
    /// \brief Its gradient \f$ \nabla_\theta l \f$, same shape; `backward` adds to it.
    Tensor<T>* grad = nullptr;
    /// \brief True for biases and normalization shifts/gains, which penalties skip by default
    /// (the notes' L2 penalty is on the weights).
    bool is_bias = false;
};

/// \brief A non-trainable state tensor (e.g. batch norm's running mean), for checkpoints.
template <class T>
struct Buffer {
    /// \brief The buffer's qualified name, e.g. `"3.running_mean"`.
    std::string name;
    /// \brief The tensor.
    Tensor<T>* value = nullptr;
};

/// \brief Base class of every layer and model: explicit forward and backward passes.
///
/// A module is written as two functions that read like the notes:
/// - `forward(x)` computes the output (e.g. \f$ v = W x + b \f$ for every row of `x`), stores
///   what `backward` will need (e.g. a copy of \f$ x \f$), and returns the output;
/// - `backward(grad)` receives \f$ \nabla_{\text{out}} l \f$ (same shape as the last output),
///   **adds** each parameter's gradient into `Parameter::grad` (so gradients of several
///   backward passes accumulate until `zero_grad`) and returns \f$ \nabla_x l \f$ (same shape
///   as the last input).
///
/// There is no hidden tape: `backward` must follow the `forward` whose cache it uses. The input
/// gradient is what saliency maps, FGSM and GAN generator updates use.
///
/// Modules cannot be copied or moved (optimizers hold pointers to their parameters); keep them
/// in `std::unique_ptr`s, e.g. inside a `Sequential`.
template <class T>
class Module {
public:
    Module() = default;
    virtual ~Module() = default;
    Module(const Module&) = delete;
    Module& operator=(const Module&) = delete;

    /// \brief Computes the output for the batch `x` and caches what `backward` needs.
    /// \throws ShapeError naming the layer, the expected and the actual shape of `x`.
    virtual const Tensor<T>& forward(const Tensor<T>& x) = 0;

    /// \brief Given \f$ \nabla_{\text{out}} l \f$, accumulates the parameter gradients and returns
    /// \f$ \nabla_x l \f$.
    ///
    /// If `input_grad_needed()` is false the module may skip computing \f$ \nabla_x l \f$ and
    /// return an empty tensor (the first layer of a network being trained).
    /// \throws ShapeError if `grad_output` does not have the shape of the last output, or if
    ///         `forward` has not been called.
    virtual const Tensor<T>& backward(const Tensor<T>& grad_output) = 0;

    /// \brief A short description used in messages and summaries, e.g. `"Linear(784 -> 512)"`.
    virtual std::string name() const = 0;

    /// \brief The trainable parameters and their gradients (none by default).
    virtual std::vector<Parameter<T>> parameters() { return {}; }

    /// \brief The non-trainable state tensors (none by default).
    virtual std::vector<Buffer<T>> buffers() { return {}; }

    /// \brief Sets every parameter gradient to 0.
    void zero_grad();

    /// \brief The number of trainable scalars, \f$ \sum_\theta |\theta| \f$.
    std::size_t parameter_count();

    /// \brief Switches between training and evaluation behaviour (containers pass it on).
    virtual void set_mode(Mode mode) { mode_ = mode; }
    /// \brief `set_mode(Mode::train)`.
    void train() { set_mode(Mode::train); }
    /// \brief `set_mode(Mode::eval)`.
    void eval() { set_mode(Mode::eval); }
    /// \brief The current mode (modules start in `Mode::train`).
    Mode mode() const { return mode_; }
    /// \brief Whether the mode is `Mode::train`.
    bool training() const { return mode_ == Mode::train; }

    /// \brief Declares whether `backward` must compute \f$ \nabla_x l \f$ (default true).
    ///
    /// Training does not need the gradient with respect to the data, so `train()` turns it off
    /// for the first layer (saving one matrix product per step); saliency and adversarial
    /// examples need it on. Containers pass it to their first module.
    virtual void set_input_grad_needed(bool needed) { input_grad_needed_ = needed; }
    /// \brief Whether `backward` computes \f$ \nabla_x l \f$.
    bool input_grad_needed() const { return input_grad_needed_; }

    /// \brief The result of the last `forward` (e.g. a layer's activations, for plots).
    virtual const Tensor<T>& output() const { return out_; }

protected:
    /// \brief Throws `ShapeError` ("<name()>::<method>: <arg> must have shape ..., got ...")
    /// unless `x` has the given rank and extents (`any_extent` matches any size).
    void require_shape(const char* method, const char* arg, const Tensor<T>& x,
                       std::initializer_list<long> expected) const;

    /// \brief Throws `ShapeError` unless `grad_output` has the shape of the last output
    /// (and a forward pass has been made).
    void require_output_shape(const Tensor<T>& grad_output) const;

    /// \brief The output buffer `forward` fills and returns.
    Tensor<T> out_;
    /// \brief The input-gradient buffer \f$ \nabla_x l \f$ `backward` fills and returns.
    Tensor<T> grad_in_;
    /// \brief Training or evaluation behaviour.
    Mode mode_ = Mode::train;
    /// \brief Whether `backward` must compute \f$ \nabla_x l \f$.
    bool input_grad_needed_ = true;
};

/// \brief Resizes `t` to `shape` unless it already has it (then its memory is reused untouched).
template <class T>
void resize_buffer(Tensor<T>& t, std::initializer_list<std::size_t> shape);

/// \brief Resizes `t` to `shape` unless it already has it (then its memory is reused untouched).
template <class T>
void resize_buffer(Tensor<T>& t, const Shape& shape);

/// \brief Resizes `t` to the shape of `like` unless it already has it.
template <class T>
void resize_like(Tensor<T>& t, const Tensor<T>& like);

/// \brief Resizes `t` to the shape of `src` if needed, then copies `src`'s elements into it.
///
/// Unlike `t = src`, this reuses `t`'s memory when the shapes agree.
template <class T>
void copy_into(Tensor<T>& t, const Tensor<T>& src);

/// \brief Whether two tensors have the same shape.
template <class T>
bool same_shape(const Tensor<T>& a, const Tensor<T>& b) {
    return a.dimension() == b.dimension() && std::equal(a.shape().begin(), a.shape().end(), b.shape().begin());
}

/// \brief The shape of a tensor as a `Shape`.
template <class T>
Shape shape_of_tensor(const Tensor<T>& t) {
    return Shape(t.shape().begin(), t.shape().end());
}

}  // namespace dlc
