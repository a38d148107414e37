#include "attention/block.hpp"

#include "nn/named_parameters.hpp"

namespace dlc {

namespace {

// out = a + b (element-wise; the residual additions and their gradients).
template <class T>
void add(const Tensor<T>& a, const Tensor<T>& b, Tensor<T>& out) {
    resize_like(out, a);
    const T* pa = a.data();
    const T* pb = b.data();
    T* po = out.data();
    for (std::size_t i = 0, n = a.size(); i < n; ++i) po[i] = pa[i] + pb[i];
}

// acc += a
template <class T>
void add_into(Tensor<T>& acc, const Tensor<T>& a) {
    T* p = acc.data();
    const T* q = a.data();
    for (std::size_t i = 0, n = a.size(); i < n; ++i) p[i] += q[i];
}

std::string norm_name(NormOrder n) { return n == NormOrder::post ? "post-LN" : "pre-LN"; }

void check_config(const char* where, const BlockConfig& c) {
    require(c.d > 0 && c.heads > 0 && c.d_ff > 0, where, "d, heads and d_ff must be positive");
    require(c.d % c.heads == 0, where, "the number of heads (" + std::to_string(c.heads) + ") must divide d (" +
                                           std::to_string(c.d) + ")");
}

}  // namespace

// ---- TransformerBlock ----

template <class T>
TransformerBlock<T>::TransformerBlock(const BlockConfig& config, Rng& rng) : config_(config) {
    check_config("TransformerBlock", config);
    attention_ = std::make_unique<MultiHeadAttention<T>>(config.d, config.heads, rng);
    ln1_ = std::make_unique<LayerNorm<T>>(config.d, config.eps);
    ffn_ = std::make_unique<FeedForward<T>>(config.d, config.d_ff, rng, config.activation);
    ln2_ = std::make_unique<LayerNorm<T>>(config.d, config.eps);
}

template <class T>
std::string TransformerBlock<T>::name() const {
    return "TransformerBlock(" + norm_name(config_.norm) + ", d = " + std::to_string(config_.d) + ", heads = " +
           std::to_string(config_.heads) + ", d_ff = " + std::to_string(config_.d_ff) + ")";
}

template <class T>
std::vector<Parameter<T>> TransformerBlock<T>::parameters() {
    std::vector<Parameter<T>> p;
    append_prefixed(p, "attn", attention_->parameters());
    append_prefixed(p, "ln1", ln1_->parameters());
    append_prefixed(p, "ffn", ffn_->parameters());
    append_prefixed(p, "ln2", ln2_->parameters());
    return p;
}

template <class T>
const Tensor<T>& TransformerBlock<T>::forward(const Tensor<T>& X) {
    const std::string where = name() + "::forward";
    check_shape(where.c_str(), "X (B, T, d)", X, {any_extent, any_extent, long(config_.d)});
    if (config_.norm == NormOrder::post) {
        add(X, attention_->forward(X), a1_);                 // S + X
        const Tensor<T>& Sp = ln1_->forward(a1_);            // S' = LayerNorm(S + X)
        add(Sp, ffn_->forward(Sp), a2_);                     // S' + X',  X' = W^2 ReLU(W^1 S' + b^1) + b^2
        y_ = &ln2_->forward(a2_);                            // X'' = LayerNorm(S' + X')
    } else {
        add(X, attention_->forward(ln1_->forward(X)), a1_);  // A = X + MHA(LN1(X))
        add(a1_, ffn_->forward(ln2_->forward(a1_)), a2_);    // Y = A + FFN(LN2(A))
        y_ = &a2_;
    }
    return *y_;
}

template <class T>
const Tensor<T>& TransformerBlock<T>::backward(const Tensor<T>& dY) {
    if (!y_ || !same_shape(dY, *y_))
        throw ShapeError(name() + "::backward", y_ ? "dY must have the output's shape " + shape_of(*y_) + ", got " + shape_of(dY)
                                                   : std::string("called before forward"));
    if (config_.norm == NormOrder::post) {
        const Tensor<T>& gA2 = ln2_->backward(dY);           // through LayerNorm 2
        add(gA2, ffn_->backward(gA2), g_);                   // dL/dS' = residual + through the FFN
        const Tensor<T>& gA1 = ln1_->backward(g_);           // through LayerNorm 1
        add(gA1, attention_->backward(gA1), this->grad_in_);  // dL/dX = residual + through the attention
    } else {
        add(dY, ln2_->backward(ffn_->backward(dY)), g_);     // dL/dA = residual + through FFN and LN2
        add(g_, ln1_->backward(attention_->backward(g_)), this->grad_in_);  // dL/dX = residual + through MHA and LN1
    }
    return this->grad_in_;
}

// ---- DecoderBlock ----

template <class T>
DecoderBlock<T>::DecoderBlock(const BlockConfig& config, Rng& rng) : config_(config) {
    check_config("DecoderBlock", config);
    self_ = std::make_unique<MultiHeadAttention<T>>(config.d, config.heads, rng);
    cross_ = std::make_unique<MultiHeadAttention<T>>(config.d, config.heads, rng);
    ln1_ = std::make_unique<LayerNorm<T>>(config.d, config.eps);
    ln2_ = std::make_unique<LayerNorm<T>>(config.d, config.eps);
    ln3_ = std::make_unique<LayerNorm<T>>(config.d, config.eps);
    ffn_ = std::make_unique<FeedForward<T>>(config.d, config.d_ff, rng, config.activation);
}

template <class T>
std::vector<Parameter<T>> DecoderBlock<T>::parameters() {
    std::vector<Parameter<T>> p;
    append_prefixed(p, "self", self_->parameters());
    append_prefixed(p, "ln1", ln1_->parameters());
    append_prefixed(p, "cross", cross_->parameters());
    append_prefixed(p, "ln2", ln2_->parameters());
    append_prefixed(p, "ffn", ffn_->parameters());
    append_prefixed(p, "ln3", ln3_->parameters());
    return p;
}

template <class T>
const Tensor<T>& DecoderBlock<T>::forward(const Tensor<T>& X, const Tensor<T>& M, const std::vector<std::size_t>& memory_lengths) {
    check_shape("DecoderBlock::forward", "X (B, T, d)", X, {any_extent, any_extent, long(config_.d)});
    const AttentionMask causal = causal_mask();
    AttentionMask pad;
    pad.key_lengths = memory_lengths;
    if (config_.norm == NormOrder::post) {
        add(X, self_->forward(X, causal), a1_);
        const Tensor<T>& H1 = ln1_->forward(a1_);             // H1 = LN1(X + SA(X))
        add(H1, cross_->forward(H1, M, pad), a2_);
        const Tensor<T>& H2 = ln2_->forward(a2_);             // H2 = LN2(H1 + CA(H1, M))
        add(H2, ffn_->forward(H2), a3_);
        y_ = &ln3_->forward(a3_);                             // Y = LN3(H2 + FFN(H2))
    } else {
        add(X, self_->forward(ln1_->forward(X), causal), a1_);   // A1 = X + SA(LN1 X)
        add(a1_, cross_->forward(ln2_->forward(a1_), M, pad), a2_);  // A2 = A1 + CA(LN2 A1, M)
        add(a2_, ffn_->forward(ln3_->forward(a2_)), a3_);     // Y = A2 + FFN(LN3 A2)
        y_ = &a3_;
    }
    return *y_;
}

template <class T>
const Tensor<T>& DecoderBlock<T>::backward(const Tensor<T>& dY, Tensor<T>& grad_memory) {
    if (!y_ || !same_shape(dY, *y_)) throw ShapeError("DecoderBlock::backward", "dY must have the shape of the last output");
    if (config_.norm == NormOrder::post) {
        const Tensor<T>& gA3 = ln3_->backward(dY);
        add(gA3, ffn_->backward(gA3), g2_);                   // dL/dH2
        const Tensor<T>& gA2 = ln2_->backward(g2_);
        add(gA2, cross_->backward(gA2), g1_);                 // dL/dH1
        add_into(grad_memory, cross_->grad_memory());         // dL/dM from the cross-attention
        const Tensor<T>& gA1 = ln1_->backward(g1_);
        add(gA1, self_->backward(gA1), dX_);                  // dL/dX
    } else {
        add(dY, ln3_->backward(ffn_->backward(dY)), g2_);     // dL/dA2
        add(g2_, ln2_->backward(cross_->backward(g2_)), g1_);  // dL/dA1
        add_into(grad_memory, cross_->grad_memory());
        add(g1_, ln1_->backward(self_->backward(g1_)), dX_);  // dL/dX
    }
    return dX_;
}

template class TransformerBlock<float>;
template class TransformerBlock<double>;
template class DecoderBlock<float>;
template class DecoderBlock<double>;

}  // namespace dlc
