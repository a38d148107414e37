#include "attention/language_model.hpp"

#include "nn/named_parameters.hpp"

#include "rnn/decoding.hpp"

#include <algorithm>
#include <cmath>

namespace dlc {

template <class T>
TransformerLM<T>::TransformerLM(const LMConfig& config, Rng& rng) : config_(config) {
    const char* where = "TransformerLM";
    require(config.vocabulary > 0 && config.layers > 0 && config.context > 0, where,
            "vocabulary, layers and context must be positive");
    emb_ = std::make_unique<Embedding<T>>(config.vocabulary, config.d, rng);
    pos_ = std::make_unique<PositionalEncoding<T>>(config.context, config.d, config.learned_positions, rng);
    BlockConfig bc;
    bc.d = config.d;
    bc.heads = config.heads;
    bc.d_ff = config.d_ff;
    bc.norm = config.norm;
    for (std::size_t l = 0; l < config.layers; ++l) {
        blocks_.push_back(std::make_unique<TransformerBlock<T>>(bc, rng));
        blocks_.back()->set_mask(causal_mask());  // attention restricted to past positions
    }
    if (config.norm == NormOrder::pre) ln_ = std::make_unique<LayerNorm<T>>(config.d);
    out_ = std::make_unique<TokenLinear<T>>(config.d, config.vocabulary, rng);
}

template <class T>
double TransformerLM<T>::forward(const Tokens& inputs, const Tokens& targets) {
    const char* where = "TransformerLM::forward";
    if (inputs.shape(0) != targets.shape(0) || inputs.shape(1) != targets.shape(1))
        throw ShapeError(where, "inputs " + shape_of(inputs) + " and targets " + shape_of(targets) + " must have the same shape (B, T)");
    if (inputs.shape(1) > config_.context)
        throw ShapeError(where, "sequences of " + std::to_string(inputs.shape(1)) + " tokens exceed the context of " +
                                    std::to_string(config_.context));
    const Tensor<T>* h = &pos_->forward(emb_->forward(inputs));  // h_t = A^T onehot(x_t) + P_t
    for (auto& b : blocks_) h = &b->forward(*h);                  // causal blocks
    if (ln_) h = &ln_->forward(*h);
    return loss_.forward(out_->forward(*h), targets);             // y_t = W_out h_t + b_out; cross-entropy
}

template <class T>
void TransformerLM<T>::backward() {
    const Tensor<T>* g = &out_->backward(loss_.backward());
    if (ln_) g = &ln_->backward(*g);
    for (std::size_t l = blocks_.size(); l-- > 0;) g = &blocks_[l]->backward(*g);
    emb_->backward(pos_->backward(*g));
}

template <class T>
std::vector<Parameter<T>> TransformerLM<T>::parameters() {
    std::vector<Parameter<T>> p;
    append_prefixed(p, "emb", emb_->parameters());
    append_prefixed(p, "pos", pos_->parameters());
    for (std::size_t l = 0; l < blocks_.size(); ++l) append_prefixed(p, "block" + std::to_string(l), blocks_[l]->parameters());
    if (ln_) append_prefixed(p, "ln", ln_->parameters());
    append_prefixed(p, "out", out_->parameters());
    return p;
}

template <class T>
void TransformerLM<T>::zero_grad() {
    for (auto& p : parameters()) std::fill(p.grad->begin(), p.grad->end(), T(0));
}

template <class T>
std::size_t TransformerLM<T>::parameter_count() {
    std::size_t n = 0;
    for (auto& p : parameters()) n += p.value->size();
    return n;
}

template <class T>
std::vector<double> TransformerLM<T>::next_probabilities(const std::vector<std::size_t>& prefix) {
    require(!prefix.empty(), "TransformerLM::next_probabilities", "the prefix is empty");
    const std::size_t n = std::min(prefix.size(), config_.context);
    Tokens in = Tokens::from_shape({std::size_t{1}, n});
    Tokens tg = Tokens::from_shape({std::size_t{1}, n});
    std::copy(prefix.end() - long(n), prefix.end(), in.begin());
    std::fill(tg.begin(), tg.end(), no_token);
    forward(in, tg);
    const std::size_t V = config_.vocabulary;
    const T* y = logits().data() + (n - 1) * V;
    const double m = double(*std::max_element(y, y + V));
    std::vector<double> p(V);
    double z = 0;
    for (std::size_t j = 0; j < V; ++j) z += (p[j] = std::exp(double(y[j]) - m));
    for (auto& v : p) v /= z;
    return p;
}

template <class T>
std::vector<std::size_t> TransformerLM<T>::sample(const std::vector<std::size_t>& prompt, std::size_t count,
                                                  double temperature, Rng& rng) {
    require(!prompt.empty(), "TransformerLM::sample", "the prompt is empty");
    std::vector<std::size_t> seq = prompt, out;
    for (std::size_t k = 0; k < count; ++k) {
        const auto p = next_probabilities(seq);
        std::vector<double> logit(p.size());
        for (std::size_t j = 0; j < p.size(); ++j) logit[j] = std::log(std::max(p[j], 1e-300));
        const std::size_t t = sample_token(logit, temperature, 0, rng);  // from softmax(y / tau)
        seq.push_back(t);
        out.push_back(t);
    }
    return out;
}

template <class T>
const Tensor<T>& TransformerLM<T>::attention_weights(std::size_t layer) const {
    require(layer < blocks_.size(), "TransformerLM::attention_weights", "layer " + std::to_string(layer) + " of " +
                                                                             std::to_string(blocks_.size()));
    return blocks_[layer]->attention().weights();
}

template class TransformerLM<float>;
template class TransformerLM<double>;

}  // namespace dlc
