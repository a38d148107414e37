#include "attention/graph.hpp"

#include "nn/named_parameters.hpp"

#include <algorithm>
#include <cmath>
#include <deque>

namespace dlc {

template <class T>
GraphTransformer<T>::GraphTransformer(const GraphTransformerConfig& config, Rng& rng) : config_(config) {
    require(config.features > 0 && config.layers > 0, "GraphTransformer", "features and layers must be positive");
    in_ = std::make_unique<TokenLinear<T>>(config.features, config.d, rng);
    BlockConfig bc;
    bc.d = config.d;
    bc.heads = config.heads;
    bc.d_ff = config.d_ff;
    bc.norm = config.norm;
    for (std::size_t l = 0; l < config.layers; ++l) blocks_.push_back(std::make_unique<TransformerBlock<T>>(bc, rng));
    w_ = Tensor<T>::from_shape({config.d});
    const double a = 1.0 / std::sqrt(double(config.d));
    for (auto& v : w_) v = T(rng.uniform(-a, a));
    b_ = xt::zeros<T>({std::size_t{1}});
    gw_ = xt::zeros<T>(w_.shape());
    gb_ = xt::zeros<T>(b_.shape());
}

template <class T>
const Tensor<T>& GraphTransformer<T>::forward(const Tensor<T>& X, const xt::xarray<bool>& adjacency,
                                              const std::vector<std::size_t>& nodes) {
    const char* where = "GraphTransformer::forward";
    check_shape(where, "X (B, N, features)", X, {any_extent, any_extent, long(config_.features)});
    const std::size_t B = X.shape(0), N = X.shape(1), d = config_.d;
    if (adjacency.dimension() != 3 || adjacency.shape(0) != B || adjacency.shape(1) != N || adjacency.shape(2) != N)
        throw ShapeError(where, "the adjacency must have shape (" + std::to_string(B) + ", " + std::to_string(N) + ", " +
                                    std::to_string(N) + "), got " + shape_of(adjacency));
    if (nodes.size() != B)
        throw ShapeError(where, "one node count per graph expected (" + std::to_string(B) + "), got " + std::to_string(nodes.size()));
    AttentionMask mask;
    mask.allowed = adjacency;
    for (std::size_t b = 0; b < B; ++b) {
        require(nodes[b] >= 1 && nodes[b] <= N, where, "graph " + std::to_string(b) + " has " + std::to_string(nodes[b]) +
                                                            " nodes; expected 1 to " + std::to_string(N));
        for (std::size_t v = 0; v < N; ++v) {
            if (v < nodes[b])
                require(adjacency(b, v, v), where, "node " + std::to_string(v) + " of graph " + std::to_string(b) +
                                                       " has no self-loop (v, v) in E");
            else  // padding: connected to itself only
                for (std::size_t u = 0; u < N; ++u) mask.allowed(b, v, u) = (u == v);
        }
    }
    nodes_ = nodes;
    const Tensor<T>* h = &in_->forward(X);  // h_v = W_in x_v + b_in
    for (auto& blk : blocks_) {
        blk->set_mask(mask);  // alpha_{v,v'} = 0 off the edges
        h = &blk->forward(*h);
    }
    h_ = h;
    // pooling over the real nodes, then z = w^T hbar + b
    resize_buffer(pooled_, {B, d});
    resize_buffer(z_, {B, std::size_t{1}});
    argmax_.assign(B * d, 0);
    for (std::size_t b = 0; b < B; ++b) {
        T* p = pooled_.data() + b * d;
        const T* hb = h->data() + b * N * d;
        for (std::size_t j = 0; j < d; ++j) {
            if (config_.pooling == GraphPooling::mean) {
                T s = 0;
                for (std::size_t v = 0; v < nodes[b]; ++v) s += hb[v * d + j];
                p[j] = s / T(nodes[b]);
            } else {
                std::size_t best = 0;
                for (std::size_t v = 1; v < nodes[b]; ++v)
                    if (hb[v * d + j] > hb[best * d + j]) best = v;
                argmax_[b * d + j] = best;
                p[j] = hb[best * d + j];
            }
        }
        T z = b_(0);
        for (std::size_t j = 0; j < d; ++j) z += w_(j) * p[j];
        z_(b, 0) = z;
    }
    return z_;
}

template <class T>
const Tensor<T>& GraphTransformer<T>::backward(const Tensor<T>& dz) {
    if (!h_ || !same_shape(dz, z_)) throw ShapeError("GraphTransformer::backward", "dz must have the shape of the logits (B, 1)");
    const std::size_t B = h_->shape(0), d = config_.d;
    resize_like(dH_, *h_);
    std::fill(dH_.begin(), dH_.end(), T(0));
    for (std::size_t b = 0; b < B; ++b) {
        const T g = dz(b, 0);
        gb_(0) += g;  // grad_b += dL/dz
        for (std::size_t j = 0; j < d; ++j) {
            gw_(j) += g * pooled_(b, j);  // grad_w += dL/dz hbar
            const T gp = g * w_(j);       // dL/dhbar_j
            if (config_.pooling == GraphPooling::mean)
                for (std::size_t v = 0; v < nodes_[b]; ++v) dH_(b, v, j) = gp / T(nodes_[b]);
            else
                dH_(b, argmax_[b * d + j], j) = gp;
        }
    }
    return backward_nodes(dH_);
}

template <class T>
const Tensor<T>& GraphTransformer<T>::backward_nodes(const Tensor<T>& dH) {
    if (!h_ || !same_shape(dH, *h_))
        throw ShapeError("GraphTransformer::backward_nodes", "dH must have the shape of the node outputs (B, N, d)");
    const Tensor<T>* g = &dH;
    for (std::size_t l = blocks_.size(); l-- > 0;) g = &blocks_[l]->backward(*g);
    return in_->backward(*g);
}

template <class T>
std::vector<Parameter<T>> GraphTransformer<T>::parameters() {
    std::vector<Parameter<T>> p;
    append_prefixed(p, "in", in_->parameters());
    for (std::size_t l = 0; l < blocks_.size(); ++l) append_prefixed(p, "block" + std::to_string(l), blocks_[l]->parameters());
    p.push_back({"readout.w", &w_, &gw_, false});
    p.push_back({"readout.b", &b_, &gb_, true});
    return p;
}

template <class T>
void GraphTransformer<T>::zero_grad() {
    for (auto& p : parameters()) std::fill(p.grad->begin(), p.grad->end(), T(0));
}

template <class T>
std::size_t GraphTransformer<T>::parameter_count() {
    std::size_t n = 0;
    for (auto& p : parameters()) n += p.value->size();
    return n;
}

xt::xarray<std::size_t> hop_distances(const xt::xarray<bool>& adjacency) {
    if (adjacency.dimension() != 2 || adjacency.shape(0) != adjacency.shape(1))
        throw ShapeError("hop_distances", "the adjacency must be square (n, n), got " + shape_of(adjacency));
    const std::size_t n = adjacency.shape(0);
    xt::xarray<std::size_t> dist = xt::xarray<std::size_t>::from_shape({n, n});
    std::fill(dist.begin(), dist.end(), n);
    for (std::size_t s = 0; s < n; ++s) {
        std::deque<std::size_t> queue{s};
        dist(s, s) = 0;
        while (!queue.empty()) {
            const std::size_t u = queue.front();
            queue.pop_front();
            for (std::size_t v = 0; v < n; ++v)
                if (adjacency(u, v) && dist(s, v) == n) {
                    dist(s, v) = dist(s, u) + 1;
                    queue.push_back(v);
                }
        }
    }
    return dist;
}

template class GraphTransformer<float>;
template class GraphTransformer<double>;

}  // namespace dlc
