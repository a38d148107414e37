/// \file
/// \brief `Sequential`: a network as a chain of modules, \f$ f = f_L \circ \dots \circ f_1 \f$;
/// forward runs them in order, backward in reverse.
///
/// Lectures: Bahng Definition 1.2 (the MLP \f$ h_\theta = \sigma^{[L]} \circ W^{[L]} \circ \dots
/// \circ \sigma^{[1]} \circ W^{[1]} \f$) and the summary of §1.4 (forward propagation computes every
/// \f$ z^{[l]}, a^{[l]} \f$; back propagation evaluates the \f$ \delta^{[l]} \f$ from the back);
/// ECE/CS 559 L11 ("Forward: \f$ l(g(W_L z_{L-1} + b_L)) \f$; Backward: \f$ W_L^\top \delta_L \f$").
#pragma once

#include "nn/module.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace dlc {

/// \brief A chain of modules: `forward` feeds each module's output to the next; `backward`
/// passes \f$ \nabla l \f$ back through them in reverse order — the notes' backpropagation,
/// one visible `backward` per layer.
///
/// ```
/// dlc::Rng rng(0);
/// dlc::Sequential<float> mlp;
/// mlp.add<dlc::Linear<float>>(784, 512, rng);
/// mlp.add<dlc::ReLU<float>>();
/// mlp.add<dlc::Linear<float>>(512, 10, rng);
/// const auto& logits = mlp.forward(X);          // X: (batch, 784)
/// double l = loss.forward(logits, labels);
/// mlp.backward(loss.backward());                // gradients now in mlp.parameters()
/// ```
/// Parameters are named by position, e.g. `"0.W"`, `"2.b"`. A shape error inside is re-thrown
/// naming the position: `"Sequential layer 2: Linear(512 -> 10)::forward: x must have shape ..."`.
template <class T>
class Sequential : public Module<T> {
public:
    Sequential() = default;

    /// \brief Appends a module constructed in place from `args`; returns it.
    template <class M, class... Args>
    M& add(Args&&... args) {
        auto m = std::make_unique<M>(std::forward<Args>(args)...);
        M& ref = *m;
        add(std::move(m));
        return ref;
    }
    /// \brief Appends `module`; returns it.
    /// \throws ValueError if `module` is null.
    Module<T>& add(std::unique_ptr<Module<T>> module);

    /// \brief The number of modules.
    std::size_t size() const { return layers_.size(); }
    /// \brief Module `i` (0-based).
    Module<T>& operator[](std::size_t i) { return *layers_.at(i); }
    /// \brief Module `i` (0-based, read-only).
    const Module<T>& operator[](std::size_t i) const { return *layers_.at(i); }

    /// \brief \f$ z_i = f_i(z_{i-1}) \f$ for \f$ i = 1, \dots, L \f$ with \f$ z_0 = x \f$; returns \f$ z_L \f$.
    const Tensor<T>& forward(const Tensor<T>& x) override;
    /// \brief \f$ g_{i-1} = \f$ `layers[i].backward`\f$ (g_i) \f$ for \f$ i = L, \dots, 1 \f$ with
    /// \f$ g_L = \f$ `grad_output`; returns \f$ g_0 = \nabla_x l \f$.
    const Tensor<T>& backward(const Tensor<T>& grad_output) override;
    /// \brief `"Sequential(Linear(784 -> 512), ReLU, ...)"`.
    std::string name() const override;
    /// \brief Every module's parameters, named `"<position>.<name>"`.
    std::vector<Parameter<T>> parameters() override;
    /// \brief Every module's buffers, named `"<position>.<name>"`.
    std::vector<Buffer<T>> buffers() override;
    /// \brief Sets the mode of every module.
    void set_mode(Mode mode) override;
    /// \brief Passes the flag to the first module; the others always need their input gradient.
    void set_input_grad_needed(bool needed) override;
    /// \brief The last module's output (the network's output) after `forward`.
    const Tensor<T>& output() const override;

    /// \brief A table with one line per module: position, name, output shape of the last
    /// forward, parameter count; and the total.
    std::string summary();

private:
    std::vector<std::unique_ptr<Module<T>>> layers_;
};

}  // namespace dlc
