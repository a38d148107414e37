#include "attention/encoder_decoder.hpp"

#include "nn/named_parameters.hpp"

#include <algorithm>

namespace dlc {

template <class T>
TransformerSeq2Seq<T>::TransformerSeq2Seq(const EncoderDecoderConfig& config, Rng& rng) : config_(config) {
    const char* where = "TransformerSeq2Seq";
    require(config.source_vocabulary > 0 && config.target_vocabulary > 0 && config.encoder_layers > 0 &&
                config.decoder_layers > 0 && config.max_length > 0,
            where, "vocabularies, layer counts and max_length must be positive");
    src_emb_ = std::make_unique<Embedding<T>>(config.source_vocabulary, config.d, rng);
    tgt_emb_ = std::make_unique<Embedding<T>>(config.target_vocabulary, config.d, rng);
    src_pos_ = std::make_unique<PositionalEncoding<T>>(config.max_length, config.d, false, rng);
    tgt_pos_ = std::make_unique<PositionalEncoding<T>>(config.max_length, config.d, false, rng);
    BlockConfig bc;
    bc.d = config.d;
    bc.heads = config.heads;
    bc.d_ff = config.d_ff;
    bc.norm = config.norm;
    for (std::size_t l = 0; l < config.encoder_layers; ++l) encoder_.push_back(std::make_unique<TransformerBlock<T>>(bc, rng));
    for (std::size_t l = 0; l < config.decoder_layers; ++l) decoder_.push_back(std::make_unique<DecoderBlock<T>>(bc, rng));
    if (config.norm == NormOrder::pre) {
        enc_ln_ = std::make_unique<LayerNorm<T>>(config.d);
        dec_ln_ = std::make_unique<LayerNorm<T>>(config.d);
    }
    out_ = std::make_unique<TokenLinear<T>>(config.d, config.target_vocabulary, rng);
}

template <class T>
const Tensor<T>& TransformerSeq2Seq<T>::encode(const Tokens& source, const std::vector<std::size_t>& source_lengths) {
    const char* where = "TransformerSeq2Seq::encode";
    const std::size_t B = source.shape(0), Ts = source.shape(1);
    if (source_lengths.size() != B)
        throw ShapeError(where, "source_lengths must have one entry per sequence (" + std::to_string(B) + "), got " +
                                    std::to_string(source_lengths.size()));
    for (std::size_t b = 0; b < B; ++b)
        require(source_lengths[b] >= 1 && source_lengths[b] <= Ts, where,
                "source length " + std::to_string(source_lengths[b]) + " of sequence " + std::to_string(b) +
                    " must be between 1 and " + std::to_string(Ts));
    if (Ts > config_.max_length)
        throw ShapeError(where, "source sequences of " + std::to_string(Ts) + " tokens exceed max_length " +
                                    std::to_string(config_.max_length));
    lengths_ = source_lengths;
    const Tensor<T>* h = &src_pos_->forward(src_emb_->forward(source));
    for (auto& b : encoder_) {
        b->set_mask(padding_mask(source_lengths));  // padding is never a key
        h = &b->forward(*h);
    }
    if (enc_ln_) h = &enc_ln_->forward(*h);
    memory_ = h;
    return *memory_;
}

template <class T>
const Tensor<T>& TransformerSeq2Seq<T>::decode(const Tokens& decoder_inputs) {
    if (decoder_inputs.shape(1) > config_.max_length)
        throw ShapeError("TransformerSeq2Seq::decode", "target sequences of " + std::to_string(decoder_inputs.shape(1)) +
                                                           " tokens exceed max_length " + std::to_string(config_.max_length));
    if (decoder_inputs.shape(0) != memory_->shape(0))
        throw ShapeError("TransformerSeq2Seq::decode", "decoder inputs " + shape_of(decoder_inputs) + " and source " +
                                                           shape_of(*memory_) + " have different batch sizes");
    const Tensor<T>* h = &tgt_pos_->forward(tgt_emb_->forward(decoder_inputs));
    for (auto& b : decoder_) h = &b->forward(*h, *memory_, lengths_);
    if (dec_ln_) h = &dec_ln_->forward(*h);
    return out_->forward(*h);
}

template <class T>
double TransformerSeq2Seq<T>::forward(const Tokens& source, const std::vector<std::size_t>& source_lengths,
                                      const Tokens& decoder_inputs, const Tokens& targets) {
    if (decoder_inputs.shape(0) != targets.shape(0) || decoder_inputs.shape(1) != targets.shape(1))
        throw ShapeError("TransformerSeq2Seq::forward", "decoder inputs " + shape_of(decoder_inputs) + " and targets " +
                                                            shape_of(targets) + " must have the same shape");
    encode(source, source_lengths);
    return loss_.forward(decode(decoder_inputs), targets);
}

template <class T>
void TransformerSeq2Seq<T>::backward() {
    const Tensor<T>* g = &out_->backward(loss_.backward());
    if (dec_ln_) g = &dec_ln_->backward(*g);
    grad_memory_ = xt::zeros<T>(memory_->shape());  // dL/dM, summed over the decoder blocks' cross-attentions
    for (std::size_t l = decoder_.size(); l-- > 0;) g = &decoder_[l]->backward(*g, grad_memory_);
    tgt_emb_->backward(tgt_pos_->backward(*g));
    const Tensor<T>* m = &grad_memory_;
    if (enc_ln_) m = &enc_ln_->backward(*m);
    for (std::size_t l = encoder_.size(); l-- > 0;) m = &encoder_[l]->backward(*m);
    src_emb_->backward(src_pos_->backward(*m));
}

template <class T>
std::vector<std::vector<std::size_t>> TransformerSeq2Seq<T>::greedy(const Tokens& source,
                                                                     const std::vector<std::size_t>& source_lengths,
                                                                     std::size_t start, std::size_t end,
                                                                     std::size_t max_length) {
    const std::size_t B = source.shape(0), V = config_.target_vocabulary;
    require(start < V && end < V, "TransformerSeq2Seq::greedy", "start and end must be target ids");
    max_length = std::min(max_length, config_.max_length - 1);
    encode(source, source_lengths);
    std::vector<std::vector<std::size_t>> out(B);
    std::vector<bool> done(B, false);
    std::vector<std::vector<std::size_t>> seq(B, std::vector<std::size_t>{start});
    for (std::size_t t = 0; t < max_length; ++t) {
        Tokens in = Tokens::from_shape({B, t + 1});
        for (std::size_t b = 0; b < B; ++b)
            for (std::size_t s = 0; s <= t; ++s) in(b, s) = seq[b][s];
        const Tensor<T>& y = decode(in);  // the whole prefix again: position t predicts token t + 1
        bool all = true;
        for (std::size_t b = 0; b < B; ++b) {
            const T* row = y.data() + (b * (t + 1) + t) * V;
            const std::size_t k = std::size_t(std::max_element(row, row + V) - row);
            seq[b].push_back(k);
            if (!done[b]) {
                if (k == end) done[b] = true;
                else out[b].push_back(k);
            }
            all = all && done[b];
        }
        if (all) break;
    }
    return out;
}

template <class T>
std::vector<Parameter<T>> TransformerSeq2Seq<T>::parameters() {
    std::vector<Parameter<T>> p;
    append_prefixed(p, "src_emb", src_emb_->parameters());
    append_prefixed(p, "tgt_emb", tgt_emb_->parameters());
    for (std::size_t l = 0; l < encoder_.size(); ++l) append_prefixed(p, "enc" + std::to_string(l), encoder_[l]->parameters());
    if (enc_ln_) append_prefixed(p, "enc_ln", enc_ln_->parameters());
    for (std::size_t l = 0; l < decoder_.size(); ++l) append_prefixed(p, "dec" + std::to_string(l), decoder_[l]->parameters());
    if (dec_ln_) append_prefixed(p, "dec_ln", dec_ln_->parameters());
    append_prefixed(p, "out", out_->parameters());
    return p;
}

template <class T>
void TransformerSeq2Seq<T>::zero_grad() {
    for (auto& p : parameters()) std::fill(p.grad->begin(), p.grad->end(), T(0));
}

template <class T>
std::size_t TransformerSeq2Seq<T>::parameter_count() {
    std::size_t n = 0;
    for (auto& p : parameters()) n += p.value->size();
    return n;
}

template <class T>
const Tensor<T>& TransformerSeq2Seq<T>::cross_attention_weights() const {
    return decoder_.back()->cross_attention().weights();
}

template class TransformerSeq2Seq<float>;
template class TransformerSeq2Seq<double>;

}  // namespace dlc
