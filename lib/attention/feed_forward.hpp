/// \file
/// \brief The transformer's position-wise 2-layer feed-forward network, ECE/CS 559 L25 ③(b):
/// \f$ X'_t = W^2\, \mathrm{ReLU}(W^1 S'_t + b^1) + b^2 \f$, the same weights at every position.
#pragma once

#include "attention/token_linear.hpp"
#include "nn/activation.hpp"

#include <memory>
#include <string>
#include <vector>

namespace dlc {

/// \brief The hidden layer's activation.
enum class FeedForwardActivation {
    relu,  ///< L25's ReLU (PyTorch's default)
    gelu,  ///< GELU (NYU slides; the vision transformer's choice)
};

/// \brief \f$ X'_t = W^2 g(W^1 S'_t + b^1) + b^2 \f$ on (…, d) → (…, d), hidden width `d_ff`.
///
/// Backward: through the second layer, \f$ \delta = \nabla \odot g'(v) \f$, through the first (token_linear.hpp).
template <class T>
class FeedForward : public Module<T> {
public:
    /// \brief d → d_ff → d with the given activation; weights Xavier normal, biases 0.
    FeedForward(std::size_t d, std::size_t d_ff, Rng& rng, FeedForwardActivation activation = FeedForwardActivation::relu);
    /// \brief \f$ W^2 g(W^1 x + b^1) + b^2 \f$ for every token.
    const Tensor<T>& forward(const Tensor<T>& x) override;
    /// \brief Backward through the two layers; returns \f$ \nabla_x \f$.
    const Tensor<T>& backward(const Tensor<T>& grad) override;
    /// \brief `"FeedForward(64 -> 256 -> 64, relu)"`.
    std::string name() const override;
    /// \brief `1.W, 1.b, 2.W, 2.b`.
    std::vector<Parameter<T>> parameters() override;
    /// \brief Passes the flag to the first layer.
    void set_input_grad_needed(bool needed) override;
    /// \brief The first layer \f$ W^1, b^1 \f$.
    TokenLinear<T>& first() { return *l1_; }
    /// \brief The second layer \f$ W^2, b^2 \f$.
    TokenLinear<T>& second() { return *l2_; }
    /// \brief The output of the last forward.
    const Tensor<T>& output() const override { return l2_->output(); }

private:
    FeedForwardActivation kind_;
    std::unique_ptr<TokenLinear<T>> l1_, l2_;
    std::unique_ptr<Activation<T>> g_;
};

}  // namespace dlc
