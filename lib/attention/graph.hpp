/// \file
/// \brief Graph self-attention (ECE/CS 559 mock final Q7): attention at node v over its neighbours only,
/// \f$ \alpha_{v,v'} = \mathrm{softmax}_{v'}\bigl(\tfrac{1}{\sqrt k} Q_v^\top K_{v'}\bigr) \f$ for \f$ (v, v') \in E \f$ and
/// 0 otherwise, \f$ S_v = \sum_{v' : (v, v') \in E} \alpha_{v,v'} V_{v'} \f$; transformer layers built from it
/// ("pass through add+norm, FF, add+norm … repeat, to obtain multiple layers"), and a readout for a binary
/// classification: pooling, a linear layer and a sigmoid, trained with the binary cross-entropy
/// \f$ L = y \log\frac1f + (1-y)\log\frac{1}{1-f} \f$.
///
/// A batch holds graphs padded to N nodes: X (B, N, features), the adjacency (B, N, N) with self-loops
/// (\f$ (v, v) \in E \f$, so every node attends at least to itself), and each graph's node count. Padding
/// nodes are connected to themselves only and left out of the pooling, so they never affect a real node.
/// After L layers node v's output depends only on inputs within L hops (Q7 (b)(2): "on the second layer,
/// they will depend on neighbors of neighbors").
#pragma once

#include "attention/block.hpp"
#include "attention/token_linear.hpp"

#include <memory>
#include <string>
#include <vector>

namespace dlc {

/// \brief How node outputs are pooled into one vector per graph.
enum class GraphPooling {
    mean,  ///< \f$ \bar h = \frac{1}{n} \sum_v h_v \f$
    max,   ///< \f$ \bar h_j = \max_v h_{v,j} \f$ (the gradient goes to the arg max)
};

/// \brief The sizes of a `GraphTransformer`.
struct GraphTransformerConfig {
    std::size_t features = 2;  ///< input features per node
    std::size_t d = 32;        ///< model width
    std::size_t heads = 2;     ///< heads
    std::size_t layers = 2;    ///< graph-attention blocks L
    std::size_t d_ff = 64;     ///< feed-forward hidden width
    NormOrder norm = NormOrder::post;       ///< Q7's order: attention, add+norm, FF, add+norm
    GraphPooling pooling = GraphPooling::mean;  ///< the readout's pooling
};

/// \brief Input projection \f$ h^{(0)}_v = W_{\text{in}} x_v + b_{\text{in}} \f$, L graph-attention blocks (each masked by
/// the adjacency), pooling \f$ \bar h \f$, and the readout logit \f$ z = w^\top \bar h + b \f$ with
/// \f$ f = \sigma(z) \f$. Pair it with `BinaryCrossEntropy(…, BceInput::logits)`.
template <class T>
class GraphTransformer {
public:
    /// \brief A model of the given sizes. \throws ValueError for a zero size or heads not dividing d.
    GraphTransformer(const GraphTransformerConfig& config, Rng& rng);
    /// \brief The logits z (B, 1) of graphs X (B, N, features) with `adjacency` (B, N, N) and node counts.
    /// \throws ShapeError for mismatched shapes; ValueError for a node count of 0 or above N, or a real node
    ///         without its self-loop.
    const Tensor<T>& forward(const Tensor<T>& X, const xt::xarray<bool>& adjacency, const std::vector<std::size_t>& nodes);
    /// \brief Given \f$ \partial L/\partial z \f$ (B, 1): every parameter gradient, and returns \f$ \partial L/\partial X \f$.
    const Tensor<T>& backward(const Tensor<T>& dz);
    /// \brief The node outputs \f$ h^{(L)} \f$ (B, N, d) of the last forward.
    const Tensor<T>& node_outputs() const { return *h_; }
    /// \brief Backward from a gradient on the node outputs (B, N, d) instead of the logit: returns
    /// \f$ \partial L/\partial X \f$ (used to measure the receptive field).
    const Tensor<T>& backward_nodes(const Tensor<T>& dH);
    /// \brief Every parameter (`in.*`, `block<l>.*`, `readout.*`).
    std::vector<Parameter<T>> parameters();
    /// \brief Sets every gradient to 0.
    void zero_grad();
    /// \brief The number of trainable numbers.
    std::size_t parameter_count();
    /// \brief Block l.
    TransformerBlock<T>& block(std::size_t l) { return *blocks_.at(l); }
    /// \brief The sizes.
    const GraphTransformerConfig& config() const { return config_; }

private:
    GraphTransformerConfig config_;
    std::unique_ptr<TokenLinear<T>> in_;
    std::vector<std::unique_ptr<TransformerBlock<T>>> blocks_;
    Tensor<T> w_, b_, gw_, gb_;  // readout z = w^T hbar + b
    Tensor<T> pooled_, z_, dH_;
    std::vector<std::size_t> nodes_, argmax_;
    const Tensor<T>* h_ = nullptr;
};

/// \brief The hop distances of a graph given by its adjacency (n, n): entry (u, v) is the length of a shortest path,
/// or `n` if v cannot be reached from u (breadth-first search from every node).
/// \throws ShapeError unless the adjacency is square.
xt::xarray<std::size_t> hop_distances(const xt::xarray<bool>& adjacency);

}  // namespace dlc
