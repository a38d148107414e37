/// \file
/// \brief Multi-layer (stacked) and bidirectional recurrent networks, and a factory for the cells.
///
/// Lectures: ECE/CS 559 L24 "Stacked LSTMs" ("capturing more complex features ... not much gains
/// to have > 3 stacks"); Bahng §5.1.3 (stacked RNNs: layer l reads layer l − 1's states,
/// \f$ h^{[l]}_t = \sigma_h(W^{[l]} h^{[l]}_{t-1} + U^{[l]} h^{[l-1]}_t + b^{[l]}) \f$ with
/// \f$ h^{[0]}_t = x_t \f$), §5.2 (bidirectional RNNs, PyTorch's `nn.RNN(..., num_layers,
/// bidirectional)`), §5.3.1 (multilayer LSTMs).
#pragma once

#include "rnn/gru.hpp"
#include "rnn/lstm.hpp"
#include "rnn/rnn.hpp"

#include <memory>
#include <string>
#include <vector>

namespace dlc {

/// \brief The recurrent cells the library offers.
enum class CellKind {
    rnn,      ///< `RNN`: \f$ s_t = \tanh(U x_t + W s_{t-1} + b) \f$
    lstm,     ///< `LSTM` (PyTorch's cell)
    gru,      ///< `GRU` in PyTorch's form
    gru_cho,  ///< `GRU` in the NYU slide's (Cho et al.) form
};

/// \brief `"rnn"`, `"lstm"`, `"gru"`, `"gru_cho"`.
std::string cell_kind_name(CellKind kind);

/// \brief A new layer of the given kind with D inputs and H units.
template <class T>
std::unique_ptr<Recurrent<T>> make_recurrent(CellKind kind, std::size_t input_size, std::size_t hidden_size,
                                             Rng& rng);

/// \brief Layers run one after the other: layer l's states are layer l + 1's inputs (Bahng §5.1.3).
///
/// Forward: \f$ h^{[0]} = x \f$, \f$ h^{[l]} = \text{layer}_l(h^{[l-1]}) \f$; backward: the layers'
/// backward passes in reverse order, each returning the gradient of its input sequence.
template <class T>
class Stacked : public Module<T> {
public:
    /// \brief `layers` recurrent layers of the given kind: D → H, then H → H.
    /// \throws ValueError if `layers` is 0.
    Stacked(CellKind kind, std::size_t input_size, std::size_t hidden_size, std::size_t layers, Rng& rng);
    /// \brief The last layer's states (T, B, H).
    const Tensor<T>& forward(const Tensor<T>& x) override;
    /// \brief Backward through every layer; returns \f$ \partial L / \partial x \f$.
    const Tensor<T>& backward(const Tensor<T>& grad_output) override;
    /// \brief `"Stacked(2 x LSTM(10 -> 20))"`.
    std::string name() const override;
    /// \brief Every layer's parameters, prefixed by the layer index (`"0.U"`, `"1.W"`, ...).
    std::vector<Parameter<T>> parameters() override;
    /// \brief Layer l.
    Recurrent<T>& layer(std::size_t l) { return *layers_.at(l); }
    /// \brief The number of layers.
    std::size_t depth() const { return layers_.size(); }
    /// \brief The last layer's states.
    const Tensor<T>& output() const override { return layers_.back()->output(); }
    /// \brief Passes the flag to the first layer (the others always need their input gradient).
    void set_input_grad_needed(bool needed) override;

private:
    std::vector<std::unique_ptr<Recurrent<T>>> layers_;
};

/// \brief A bidirectional layer (Bahng §5.2): one layer reads the sequence forwards, another reads it
/// backwards, and step t's output is \f$ [\overrightarrow{h}_t ; \overleftarrow{h}_t] \f$ (T, B, 2H).
///
/// \f$ \overleftarrow{h}_t \f$ depends on \f$ x_t, \dots, x_T \f$: it is the backward layer run on the
/// time-reversed input, its outputs reversed again. Backward: split the gradient into its halves,
/// reverse the second, backpropagate each, and add the two input gradients (the second reversed).
template <class T>
class Bidirectional : public Module<T> {
public:
    /// \brief Two new layers of the given kind, D → H each.
    Bidirectional(CellKind kind, std::size_t input_size, std::size_t hidden_size, Rng& rng);
    /// \brief \f$ [\overrightarrow{h}_t ; \overleftarrow{h}_t] \f$ for every t, (T, B, 2H).
    const Tensor<T>& forward(const Tensor<T>& x) override;
    /// \brief Both directions' backward; returns \f$ \partial L / \partial x \f$ (T, B, D).
    const Tensor<T>& backward(const Tensor<T>& grad_output) override;
    /// \brief `"Bidirectional(GRU(D -> H, pytorch))"`.
    std::string name() const override;
    /// \brief `"fwd.U"`, ..., `"bwd.U"`, ...
    std::vector<Parameter<T>> parameters() override;
    /// \brief The forward-reading layer.
    Recurrent<T>& forward_layer() { return *fwd_; }
    /// \brief The backward-reading layer.
    Recurrent<T>& backward_layer() { return *bwd_; }

private:
    std::unique_ptr<Recurrent<T>> fwd_, bwd_;
    Tensor<T> xr_, gf_, gb_, gbr_, dxr_;
};

/// \brief Stacked bidirectional layers, as PyTorch's `nn.RNN(..., num_layers = L, bidirectional = True)`:
/// layer 1 reads x (D), layer l > 1 reads layer l − 1's (T, B, 2H).
template <class T>
class StackedBidirectional : public Module<T> {
public:
    /// \brief `layers` bidirectional layers of the given kind.
    StackedBidirectional(CellKind kind, std::size_t input_size, std::size_t hidden_size, std::size_t layers, Rng& rng);
    /// \brief The last layer's outputs (T, B, 2H).
    const Tensor<T>& forward(const Tensor<T>& x) override;
    /// \brief Backward through every layer.
    const Tensor<T>& backward(const Tensor<T>& grad_output) override;
    /// \brief `"StackedBidirectional(L x ...)"`.
    std::string name() const override;
    /// \brief `"0.fwd.U"`, ...
    std::vector<Parameter<T>> parameters() override;
    /// \brief Layer l.
    Bidirectional<T>& layer(std::size_t l) { return *layers_.at(l); }
    /// \brief The last layer's output.
    const Tensor<T>& output() const override { return layers_.back()->output(); }

private:
    std::vector<std::unique_ptr<Bidirectional<T>>> layers_;
};

}  // namespace dlc
