#include "attention/vision.hpp"

#include "nn/named_parameters.hpp"

#include <algorithm>

namespace dlc {

// ---- PatchEmbedding ----

template <class T>
PatchEmbedding<T>::PatchEmbedding(std::size_t channels, std::size_t height, std::size_t width, std::size_t patch,
                                  std::size_t d, Rng& rng)
    : c_(channels), h_(height), w_(width), p_(patch) {
    const char* where = "PatchEmbedding";
    require(channels > 0 && height > 0 && width > 0 && patch > 0 && d > 0, where, "every size must be positive");
    require(height % patch == 0 && width % patch == 0, where,
            "the patch size " + std::to_string(patch) + " must divide the image size " + std::to_string(height) + " x " +
                std::to_string(width));
    proj_ = std::make_unique<TokenLinear<T>>(channels * patch * patch, d, rng);
}

template <class T>
std::string PatchEmbedding<T>::name() const {
    return "PatchEmbedding(" + std::to_string(c_) + "x" + std::to_string(h_) + "x" + std::to_string(w_) + ", " +
           std::to_string(p_) + "x" + std::to_string(p_) + " patches -> " + std::to_string(proj_->W().shape(0)) + ")";
}

template <class T>
std::vector<Parameter<T>> PatchEmbedding<T>::parameters() {
    return proj_->parameters();
}

template <class T>
void PatchEmbedding<T>::set_input_grad_needed(bool needed) {
    Module<T>::set_input_grad_needed(needed);
    proj_->set_input_grad_needed(needed);
}

template <class T>
const Tensor<T>& PatchEmbedding<T>::forward(const Tensor<T>& x) {
    this->require_shape("forward", "x", x, {any_extent, long(c_), long(h_), long(w_)});
    const std::size_t N = x.shape(0), P = patches(), len = c_ * p_ * p_, pw = w_ / p_;
    resize_buffer(cols_, {N, P, len});
    for (std::size_t n = 0; n < N; ++n)
        for (std::size_t i = 0; i < P; ++i) {
            const std::size_t r0 = (i / pw) * p_, c0 = (i % pw) * p_;
            T* col = cols_.data() + (n * P + i) * len;
            for (std::size_t c = 0; c < c_; ++c)
                for (std::size_t r = 0; r < p_; ++r) {
                    const T* src = x.data() + ((n * c_ + c) * h_ + r0 + r) * w_ + c0;
                    std::copy(src, src + p_, col + (c * p_ + r) * p_);  // vec(patch): channel, row, column
                }
        }
    return proj_->forward(cols_);  // e_i = W_E vec(patch_i) + b_E
}

template <class T>
const Tensor<T>& PatchEmbedding<T>::backward(const Tensor<T>& grad) {
    const Tensor<T>& gcols = proj_->backward(grad);
    Tensor<T>& gx = this->grad_in_;
    if (!this->input_grad_needed_) {
        resize_buffer(gx, {std::size_t{0}, c_, h_, w_});
        return gx;
    }
    const std::size_t N = cols_.shape(0), P = patches(), len = c_ * p_ * p_, pw = w_ / p_;
    resize_buffer(gx, {N, c_, h_, w_});
    for (std::size_t n = 0; n < N; ++n)  // each patch's gradient back in its place (no overlap)
        for (std::size_t i = 0; i < P; ++i) {
            const std::size_t r0 = (i / pw) * p_, c0 = (i % pw) * p_;
            const T* col = gcols.data() + (n * P + i) * len;
            for (std::size_t c = 0; c < c_; ++c)
                for (std::size_t r = 0; r < p_; ++r)
                    std::copy(col + (c * p_ + r) * p_, col + (c * p_ + r + 1) * p_,
                              gx.data() + ((n * c_ + c) * h_ + r0 + r) * w_ + c0);
        }
    return gx;
}

// ---- VisionTransformer ----

template <class T>
VisionTransformer<T>::VisionTransformer(const ViTConfig& config, Rng& rng) : config_(config) {
    patch_ = std::make_unique<PatchEmbedding<T>>(config.channels, config.height, config.width, config.patch, config.d, rng);
    require(config.layers > 0 && config.classes > 0, "VisionTransformer", "layers and classes must be positive");
    const std::size_t P = patch_->patches();
    cls_ = Tensor<T>::from_shape({config.d});
    pos_ = Tensor<T>::from_shape({P + 1, config.d});
    for (auto& v : cls_) v = T(rng.normal(0.0, 0.02));
    for (auto& v : pos_) v = T(rng.normal(0.0, 0.02));
    gcls_ = xt::zeros<T>(cls_.shape());
    gpos_ = xt::zeros<T>(pos_.shape());
    BlockConfig bc;
    bc.d = config.d;
    bc.heads = config.heads;
    bc.d_ff = config.d_ff;
    bc.norm = NormOrder::pre;
    bc.activation = FeedForwardActivation::gelu;
    for (std::size_t l = 0; l < config.layers; ++l) blocks_.push_back(std::make_unique<TransformerBlock<T>>(bc, rng));
    ln_ = std::make_unique<LayerNorm<T>>(config.d);
    head_ = std::make_unique<TokenLinear<T>>(config.d, config.classes, rng);
    patch_->set_input_grad_needed(this->input_grad_needed_);
}

template <class T>
std::string VisionTransformer<T>::name() const {
    return "VisionTransformer(" + std::to_string(patch_->patches()) + " patches of " + std::to_string(config_.patch) + "x" +
           std::to_string(config_.patch) + ", d = " + std::to_string(config_.d) + ", " + std::to_string(config_.layers) +
           " layers, " + std::to_string(config_.heads) + " heads)";
}

template <class T>
std::vector<Parameter<T>> VisionTransformer<T>::parameters() {
    std::vector<Parameter<T>> p;
    append_prefixed(p, "patch", patch_->parameters());
    p.push_back({"cls", &cls_, &gcls_, true});
    p.push_back({"pos", &pos_, &gpos_, true});
    for (std::size_t l = 0; l < blocks_.size(); ++l) append_prefixed(p, "block" + std::to_string(l), blocks_[l]->parameters());
    append_prefixed(p, "ln", ln_->parameters());
    append_prefixed(p, "head", head_->parameters());
    return p;
}

template <class T>
void VisionTransformer<T>::set_input_grad_needed(bool needed) {
    Module<T>::set_input_grad_needed(needed);
    patch_->set_input_grad_needed(needed);
}

template <class T>
const Tensor<T>& VisionTransformer<T>::forward(const Tensor<T>& x) {
    const Tensor<T>& e = patch_->forward(x);
    const std::size_t N = e.shape(0), P = e.shape(1), d = config_.d;
    resize_buffer(z0_, {N, P + 1, d});
    for (std::size_t n = 0; n < N; ++n) {
        T* z = z0_.data() + n * (P + 1) * d;
        for (std::size_t j = 0; j < d; ++j) z[j] = cls_(j) + pos_(0, j);  // z_0 = c + P_0
        for (std::size_t i = 0; i < P; ++i)
            for (std::size_t j = 0; j < d; ++j) z[(i + 1) * d + j] = e(n, i, j) + pos_(i + 1, j);  // z_i = e_i + P_i
    }
    const Tensor<T>* h = &z0_;
    for (auto& blk : blocks_) h = &blk->forward(*h);
    resize_buffer(first_, {N, d});
    for (std::size_t n = 0; n < N; ++n) std::copy(h->data() + n * (P + 1) * d, h->data() + n * (P + 1) * d + d, first_.data() + n * d);
    return head_->forward(ln_->forward(first_));  // y = W_head LN(z_L)_0 + b_head
}

template <class T>
const Tensor<T>& VisionTransformer<T>::backward(const Tensor<T>& grad) {
    if (!same_shape(grad, head_->output()))
        throw ShapeError(name() + "::backward", "grad must have the shape of the logits " + shape_of(head_->output()) + ", got " +
                                                    shape_of(grad));
    const Tensor<T>& g0 = ln_->backward(head_->backward(grad));  // dL/dz_L at the class token
    const std::size_t N = z0_.shape(0), P1 = z0_.shape(1), d = config_.d;
    resize_like(dz_, z0_);
    std::fill(dz_.begin(), dz_.end(), T(0));
    for (std::size_t n = 0; n < N; ++n) std::copy(g0.data() + n * d, g0.data() + (n + 1) * d, dz_.data() + n * P1 * d);
    const Tensor<T>* g = &dz_;
    for (std::size_t l = blocks_.size(); l-- > 0;) g = &blocks_[l]->backward(*g);
    resize_buffer(dpatch_, {N, P1 - 1, d});
    for (std::size_t n = 0; n < N; ++n)
        for (std::size_t i = 0; i < P1; ++i)
            for (std::size_t j = 0; j < d; ++j) {
                const T v = g->data()[(n * P1 + i) * d + j];
                gpos_(i, j) += v;  // grad_P_i += dL/dz_i
                if (i == 0) gcls_(j) += v;
                else dpatch_(n, i - 1, j) = v;
            }
    return patch_->backward(dpatch_);
}

template <class T>
const Tensor<T>& VisionTransformer<T>::attention_weights(std::size_t layer) const {
    require(layer < blocks_.size(), "VisionTransformer::attention_weights", "no layer " + std::to_string(layer));
    return blocks_[layer]->attention().weights();
}

template class PatchEmbedding<float>;
template class PatchEmbedding<double>;
template class VisionTransformer<float>;
template class VisionTransformer<double>;

}  // namespace dlc
