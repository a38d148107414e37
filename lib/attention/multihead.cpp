#include "attention/multihead.hpp"

#include "attention/token_linear.hpp"
#include "nn/gemm.hpp"
#include "nn/init.hpp"

namespace dlc {

template <class T>
MultiHeadAttention<T>::MultiHeadAttention(std::size_t d, std::size_t heads, Rng& rng, bool bias, std::size_t d_kv)
    : bias_(bias), attention_(heads == 0 ? 1 : heads) {
    const char* where = "MultiHeadAttention";
    require(d > 0 && heads > 0, where, "the width d and the number of heads must be positive, got d = " +
                                           std::to_string(d) + ", heads = " + std::to_string(heads));
    require(d % heads == 0, where, "the number of heads (" + std::to_string(heads) + ") must divide the width d (" +
                                       std::to_string(d) + ")");
    if (d_kv == 0) d_kv = d;
    auto weight = [&](Tensor<T>& W, Tensor<T>& g, std::size_t in) {
        W = Tensor<T>::from_shape({d, in});
        initialize(W, WeightInit::xavier(), rng, in, d);
        g = xt::zeros<T>(W.shape());
    };
    weight(WQ_, gWQ_, d);
    weight(WK_, gWK_, d_kv);
    weight(WV_, gWV_, d_kv);
    weight(WO_, gWO_, d);
    const std::size_t nb = bias ? d : 0;
    for (Tensor<T>* t : {&bQ_, &bK_, &bV_, &bO_, &gbQ_, &gbK_, &gbV_, &gbO_}) *t = xt::zeros<T>({nb});
}

template <class T>
std::string MultiHeadAttention<T>::name() const {
    return "MultiHeadAttention(d = " + std::to_string(WQ_.shape(0)) + ", heads = " + std::to_string(attention_.heads()) + ")";
}

template <class T>
std::vector<Parameter<T>> MultiHeadAttention<T>::parameters() {
    std::vector<Parameter<T>> p;
    p.push_back({"WQ", &WQ_, &gWQ_, false});
    if (bias_) p.push_back({"bQ", &bQ_, &gbQ_, true});
    p.push_back({"WK", &WK_, &gWK_, false});
    if (bias_) p.push_back({"bK", &bK_, &gbK_, true});
    p.push_back({"WV", &WV_, &gWV_, false});
    if (bias_) p.push_back({"bV", &bV_, &gbV_, true});
    p.push_back({"WO", &WO_, &gWO_, false});
    if (bias_) p.push_back({"bO", &bO_, &gbO_, true});
    return p;
}

template <class T>
const Tensor<T>& MultiHeadAttention<T>::forward(const Tensor<T>& X) {
    return run(X, nullptr, mask_);
}

template <class T>
const Tensor<T>& MultiHeadAttention<T>::forward(const Tensor<T>& X, const AttentionMask& mask) {
    mask_ = mask;
    return run(X, nullptr, mask_);
}

template <class T>
const Tensor<T>& MultiHeadAttention<T>::forward(const Tensor<T>& Xq, const Tensor<T>& Xkv, const AttentionMask& mask) {
    return run(Xq, &Xkv, mask);
}

template <class T>
const Tensor<T>& MultiHeadAttention<T>::run(const Tensor<T>& Xq, const Tensor<T>* Xkv, const AttentionMask& mask) {
    const std::size_t d = WQ_.shape(0), dkv = WK_.shape(1);
    const std::string where = name() + "::forward";
    check_shape(where.c_str(), "X (B, T, d)", Xq, {any_extent, any_extent, long(d)});
    self_ = Xkv == nullptr;
    const Tensor<T>& M = self_ ? Xq : *Xkv;
    if (!self_)
        check_shape(where.c_str(), "the keys' and values' input (B, Tk, d_kv)", M, {long(Xq.shape(0)), any_extent, long(dkv)});
    else if (dkv != d)
        throw ShapeError(where, "self-attention needs d_kv = d, this module has d_kv = " + std::to_string(dkv));
    const std::size_t B = Xq.shape(0), Tq = Xq.shape(1), Tk = M.shape(1);
    copy_into(Xq_, Xq);
    if (!self_) copy_into(Xkv_, M);
    resize_buffer(Q_, {B, Tq, d});
    resize_buffer(K_, {B, Tk, d});
    resize_buffer(V_, {B, Tk, d});
    const T* bq = bias_ ? bQ_.data() : nullptr;
    const T* bk = bias_ ? bK_.data() : nullptr;
    const T* bv = bias_ ? bV_.data() : nullptr;
    project_rows(Xq.data(), B * Tq, d, WQ_.data(), bq, d, Q_.data());   // Q_t = W^Q x_t + b^Q
    project_rows(M.data(), B * Tk, dkv, WK_.data(), bk, d, K_.data());  // K_t = W^K x_t + b^K
    project_rows(M.data(), B * Tk, dkv, WV_.data(), bv, d, V_.data());  // V_t = W^V x_t + b^V
    const Tensor<T>& O = attention_.forward(Q_, K_, V_, mask);          // O_t = concat_h sum_t' alpha V
    resize_buffer(this->out_, {B, Tq, d});
    project_rows(O.data(), B * Tq, d, WO_.data(), bias_ ? bO_.data() : nullptr, d, this->out_.data());  // S_t = W^O O_t
    return this->out_;
}

template <class T>
const Tensor<T>& MultiHeadAttention<T>::backward(const Tensor<T>& dY) {
    this->require_output_shape(dY);
    const std::size_t d = WQ_.shape(0), dkv = WK_.shape(1);
    const std::size_t B = Xq_.shape(0), Tq = Xq_.shape(1), Tk = K_.shape(1);
    const Tensor<T>& O = attention_.output();
    resize_buffer(dO_, {B, Tq, d});
    // dL/dO = dY W^O, grad_WO += dY^T O, grad_bO += dY^T 1
    project_rows_backward(dY.data(), B * Tq, d, O.data(), d, WO_.data(), gWO_.data(), bias_ ? gbO_.data() : nullptr,
                          dO_.data());
    attention_.backward(dO_);
    const Tensor<T>& dQ = attention_.grad_queries();
    const Tensor<T>& dK = attention_.grad_keys();
    const Tensor<T>& dV = attention_.grad_values();
    const T* M = self_ ? Xq_.data() : Xkv_.data();
    const bool need_x = this->input_grad_needed_;
    if (need_x) resize_like(this->grad_in_, Xq_);
    else resize_buffer(this->grad_in_, {std::size_t{0}});
    // grad_WQ += dQ^T X_q,  dL/dX_q = dQ W^Q
    project_rows_backward(dQ.data(), B * Tq, d, Xq_.data(), d, WQ_.data(), gWQ_.data(), bias_ ? gbQ_.data() : nullptr,
                          need_x ? this->grad_in_.data() : nullptr);
    // grad_WK += dK^T X_kv, grad_WV += dV^T X_kv; dL/dX_kv = dK W^K + dV W^V (added to dL/dX for self-attention)
    T* gkv = nullptr;
    if (self_) {
        gkv = need_x ? this->grad_in_.data() : nullptr;
    } else {
        resize_like(grad_kv_, Xkv_);
        gkv = grad_kv_.data();
    }
    project_rows_backward(dK.data(), B * Tk, d, M, dkv, WK_.data(), gWK_.data(), bias_ ? gbK_.data() : nullptr, gkv,
                          self_);
    project_rows_backward(dV.data(), B * Tk, d, M, dkv, WV_.data(), gWV_.data(), bias_ ? gbV_.data() : nullptr, gkv, true);
    return this->grad_in_;
}

template class MultiHeadAttention<float>;
template class MultiHeadAttention<double>;

}  // namespace dlc
