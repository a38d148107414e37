#include "rnn/seq2seq.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace dlc {

namespace {

// (T, B, H) -> (B, T, H)
template <class T>
void to_batch_first(const Tensor<T>& x, Tensor<T>& out) {
    const std::size_t steps = x.shape(0), B = x.shape(1), H = x.shape(2);
    resize_buffer(out, {B, steps, H});
    for (std::size_t t = 0; t < steps; ++t)
        for (std::size_t b = 0; b < B; ++b)
            std::copy(x.data() + (t * B + b) * H, x.data() + (t * B + b + 1) * H, out.data() + (b * steps + t) * H);
}

}  // namespace

template <class T>
Seq2Seq<T>::Seq2Seq(const Seq2SeqConfig& config, Rng& rng)
    : config_(config),
      enc_emb_(config.source_vocabulary, config.embedding, rng),
      dec_emb_(config.target_vocabulary, config.embedding, rng) {
    require(config.hidden > 0, "Seq2Seq", "the hidden size must be positive");
    encoder_ = make_recurrent<T>(config.cell, config.embedding, config.hidden, rng);
    decoder_ = make_recurrent<T>(config.cell, config.embedding, config.hidden, rng);
    const std::size_t H = config.hidden;
    const double a = 1.0 / std::sqrt(double(H));
    if (config.attention) {
        attention_ = std::make_unique<Attention<T>>(make_score<T>(config.score, H, H, config.attention_dim, rng));
        combine_ = std::make_unique<Linear<T>>(2 * H, H, rng, WeightInit::xavier());
    }
    Tensor<T> V = Tensor<T>::from_shape({config.target_vocabulary, H});
    Tensor<T> bV = xt::zeros<T>({config.target_vocabulary});
    for (auto& v : V) v = static_cast<T>(rng.uniform(-a, a));
    out_ = std::make_unique<Linear<T>>(std::move(V), std::move(bV));
}

template <class T>
std::vector<Parameter<T>> Seq2Seq<T>::parameters() {
    std::vector<Parameter<T>> all;
    auto add = [&](std::vector<Parameter<T>> ps, const std::string& prefix) {
        for (auto& p : ps) {
            p.name = prefix + p.name;
            all.push_back(p);
        }
    };
    add(enc_emb_.parameters(), "enc_emb.");
    add(encoder_->parameters(), "encoder.");
    add(dec_emb_.parameters(), "dec_emb.");
    add(decoder_->parameters(), "decoder.");
    if (attention_) {
        add(attention_->parameters(), "attn.");
        add(combine_->parameters(), "combine.");
    }
    add(out_->parameters(), "out.");
    return all;
}

template <class T>
void Seq2Seq<T>::zero_grad() {
    for (auto& p : parameters()) std::fill(p.grad->begin(), p.grad->end(), T(0));
}

template <class T>
std::string Seq2Seq<T>::summary() {
    std::size_t n = 0;
    for (auto& p : parameters()) n += p.value->size();
    std::ostringstream s;
    s << "Seq2Seq(" << encoder_->name() << " encoder, " << decoder_->name() << " decoder, embeddings "
      << config_.embedding << ", "
      << (attention_ ? "attention: " + attention_->score().name() : std::string("no attention")) << "; " << n
      << " parameters)";
    return s.str();
}

template <class T>
double Seq2Seq<T>::forward(const Tokens& source, const Tokens& decoder_inputs, const Tokens& targets) {
    const char* where = "Seq2Seq::forward";
    if (decoder_inputs.shape(1) != source.shape(1) || targets.shape(0) != decoder_inputs.shape(0) ||
        targets.shape(1) != decoder_inputs.shape(1))
        throw ShapeError(where, "source " + shape_of(source) + ", decoder inputs " + shape_of(decoder_inputs) +
                                    " and targets " + shape_of(targets) + " must share the batch (and the last two the length)");
    Ts_ = source.shape(0);
    Tt_ = decoder_inputs.shape(0);
    B_ = source.shape(1);
    const std::size_t H = config_.hidden;
    // Encoder: h_t = f(A x_t, h_{t-1}), t = 1..Ts.
    const Tensor<T>& Hs = encoder_->forward(enc_emb_.forward(source));
    // Decoder started from the context C = h_Ts (and the LSTM's cell), fed the previous target token.
    decoder_->set_initial_state(encoder_->final_state());
    if (decoder_->has_cell()) decoder_->set_initial_cell(encoder_->final_cell());
    const Tensor<T>& S = decoder_->forward(dec_emb_.forward(decoder_inputs));
    const std::size_t rows = Tt_ * B_;
    if (attention_) {
        to_batch_first(Hs, Kb_);
        to_batch_first(S, Qb_);
        const Tensor<T>& C = attention_->forward(Qb_, Kb_, Kb_);  // a_t' = sum_t alpha^t'_t h_t
        resize_buffer(Z_, {rows, 2 * H});
        for (std::size_t t = 0; t < Tt_; ++t)
            for (std::size_t b = 0; b < B_; ++b) {
                T* z = Z_.data() + (t * B_ + b) * 2 * H;
                std::copy(S.data() + (t * B_ + b) * H, S.data() + (t * B_ + b + 1) * H, z);          // s_t'
                std::copy(C.data() + (b * Tt_ + t) * H, C.data() + (b * Tt_ + t + 1) * H, z + H);    // a_t'
            }
        copy_into(O_, combine_->forward(Z_));
        for (auto& o : O_) o = std::tanh(o);  // o_t' = tanh(W_c [s_t'; a_t'] + b_c)
    } else {
        resize_buffer(O_, {rows, H});
        std::copy(S.begin(), S.end(), O_.begin());  // o_t' = s_t'
    }
    return loss_.forward(out_->forward(O_), targets);  // v_t' = V o_t' + b_V; mean cross-entropy
}

template <class T>
void Seq2Seq<T>::backward() {
    const std::size_t H = config_.hidden, rows = Tt_ * B_;
    const Tensor<T>& dO = out_->backward(loss_.backward());  // dL/do_t' = V^T dL/dv_t'
    resize_buffer(dS_, {Tt_, B_, H});
    resize_buffer(dH_, {Ts_, B_, H});
    if (attention_) {
        resize_buffer(dZ_, {rows, H});
        for (std::size_t i = 0; i < O_.size(); ++i) dZ_.data()[i] = dO.data()[i] * (T(1) - O_.data()[i] * O_.data()[i]);  // tanh'
        const Tensor<T>& dZ = combine_->backward(dZ_);  // dL/d[s; a]
        resize_buffer(dC_, {B_, Tt_, H});
        for (std::size_t t = 0; t < Tt_; ++t)
            for (std::size_t b = 0; b < B_; ++b) {
                const T* z = dZ.data() + (t * B_ + b) * 2 * H;
                std::copy(z, z + H, dS_.data() + (t * B_ + b) * H);
                std::copy(z + H, z + 2 * H, dC_.data() + (b * Tt_ + t) * H);
            }
        attention_->backward(dC_);
        const Tensor<T>& dQ = attention_->grad_queries();
        const Tensor<T>& dK = attention_->grad_keys();
        const Tensor<T>& dV = attention_->grad_values();
        for (std::size_t t = 0; t < Tt_; ++t)
            for (std::size_t b = 0; b < B_; ++b)
                for (std::size_t j = 0; j < H; ++j) dS_.data()[(t * B_ + b) * H + j] += dQ.data()[(b * Tt_ + t) * H + j];
        for (std::size_t t = 0; t < Ts_; ++t)  // keys and values are both the encoder states
            for (std::size_t b = 0; b < B_; ++b)
                for (std::size_t j = 0; j < H; ++j) {
                    const std::size_t k = (b * Ts_ + t) * H + j;
                    dH_.data()[(t * B_ + b) * H + j] = dK.data()[k] + dV.data()[k];
                }
    } else {
        std::copy(dO.begin(), dO.end(), dS_.begin());
        std::fill(dH_.begin(), dH_.end(), T(0));
    }
    dec_emb_.backward(decoder_->backward(dS_));
    // The decoder started from the encoder's last state: its gradient continues into the encoder.
    encoder_->add_final_state_grad(decoder_->initial_state_grad());
    if (decoder_->has_cell()) encoder_->add_final_cell_grad(decoder_->initial_cell_grad());
    enc_emb_.backward(encoder_->backward(dH_));
}

template <class T>
void Seq2Seq<T>::encode(const Tokens& source, Tensor<T>& keys, Tensor<T>& state, Tensor<T>& cell) {
    const Tensor<T>& Hs = encoder_->forward(enc_emb_.forward(source));
    to_batch_first(Hs, keys);
    state = encoder_->final_state();
    cell = decoder_->has_cell() ? encoder_->final_cell() : Tensor<T>(xt::zeros<T>(state.shape()));
}

template <class T>
void Seq2Seq<T>::decode_step(const std::vector<std::size_t>& tokens, const Tensor<T>& keys, Tensor<T>& state,
                             Tensor<T>& cell, Tensor<T>& logits, Tensor<T>* weights) {
    const std::size_t B = tokens.size(), E = config_.embedding, H = config_.hidden;
    Tensor<T> x = Tensor<T>::from_shape({B, E});
    for (std::size_t b = 0; b < B; ++b) {
        require(tokens[b] < config_.target_vocabulary, "Seq2Seq::decode_step", "token id out of range");
        std::copy(dec_emb_.A().data() + tokens[b] * E, dec_emb_.A().data() + (tokens[b] + 1) * E, x.data() + b * E);
    }
    decoder_->step(x, state, cell);
    if (attention_) {
        Tensor<T> q = Tensor<T>::from_shape({B, std::size_t{1}, H});
        std::copy(state.begin(), state.end(), q.begin());
        const Tensor<T>& C = attention_->forward(q, keys, keys);
        if (weights) *weights = attention_->weights();
        Tensor<T> z = Tensor<T>::from_shape({B, 2 * H});
        for (std::size_t b = 0; b < B; ++b) {
            std::copy(state.data() + b * H, state.data() + (b + 1) * H, z.data() + b * 2 * H);
            std::copy(C.data() + b * H, C.data() + (b + 1) * H, z.data() + b * 2 * H + H);
        }
        Tensor<T> o = combine_->forward(z);
        for (auto& v : o) v = std::tanh(v);
        logits = out_->forward(o);
    } else {
        logits = out_->forward(state);
    }
}

template <class T>
std::vector<std::vector<std::size_t>> Seq2Seq<T>::greedy(const Tokens& source, std::size_t start, std::size_t end,
                                                         std::size_t max_length,
                                                         std::vector<std::vector<std::vector<double>>>* weights) {
    Tensor<T> keys, state, cell, logits, w;
    encode(source, keys, state, cell);
    const std::size_t B = source.shape(1), V = config_.target_vocabulary, Ts = source.shape(0);
    std::vector<std::vector<std::size_t>> out(B);
    std::vector<bool> done(B, false);
    std::vector<std::size_t> tokens(B, start);
    if (weights) weights->assign(B, {});
    for (std::size_t step = 0; step < max_length; ++step) {
        decode_step(tokens, keys, state, cell, logits, weights && attention_ ? &w : nullptr);
        bool all = true;
        for (std::size_t b = 0; b < B; ++b) {
            const T* row = logits.data() + b * V;
            const std::size_t k = std::size_t(std::max_element(row, row + V) - row);
            tokens[b] = k;
            if (done[b]) continue;
            if (weights && attention_) (*weights)[b].emplace_back(w.data() + b * Ts, w.data() + (b + 1) * Ts);
            if (k == end) done[b] = true;
            else out[b].push_back(k);
            all = all && done[b];
        }
        if (all) break;
    }
    return out;
}

namespace {

template <class T>
class Seq2SeqBeamSource : public BeamSource {
public:
    Seq2SeqBeamSource(Seq2Seq<T>& model, const std::vector<std::size_t>& source) : model_(model) {
        Tokens src = Tokens::from_shape({source.size(), std::size_t{1}});
        std::copy(source.begin(), source.end(), src.begin());
        model_.encode(src, keys1_, state1_, cell1_);
    }
    void start() override {
        state_ = state1_;
        cell_ = cell1_;
    }
    std::vector<std::vector<double>> advance(const std::vector<std::size_t>& parents,
                                             const std::vector<std::size_t>& tokens) override {
        const std::size_t n = parents.size(), H = state1_.shape(1), Ts = keys1_.shape(1);
        Tensor<T> s = Tensor<T>::from_shape({n, H}), c = Tensor<T>::from_shape({n, H});
        Tensor<T> keys = Tensor<T>::from_shape({n, Ts, H});
        for (std::size_t j = 0; j < n; ++j) {
            std::copy(state_.data() + parents[j] * H, state_.data() + (parents[j] + 1) * H, s.data() + j * H);
            std::copy(cell_.data() + parents[j] * H, cell_.data() + (parents[j] + 1) * H, c.data() + j * H);
            std::copy(keys1_.begin(), keys1_.end(), keys.data() + j * Ts * H);
        }
        Tensor<T> logits;
        model_.decode_step(tokens, keys, s, c, logits, nullptr);
        state_ = std::move(s);
        cell_ = std::move(c);
        const std::size_t V = logits.shape(1);
        std::vector<std::vector<double>> out(n);
        for (std::size_t j = 0; j < n; ++j)
            out[j] = log_softmax(std::vector<double>(logits.data() + j * V, logits.data() + (j + 1) * V));
        return out;
    }

private:
    Seq2Seq<T>& model_;
    Tensor<T> keys1_, state1_, cell1_, state_, cell_;
};

}  // namespace

template <class T>
BeamResult Seq2Seq<T>::beam(const std::vector<std::size_t>& source, const BeamOptions& options) {
    require(!source.empty(), "Seq2Seq::beam", "empty source sequence");
    Seq2SeqBeamSource<T> src(*this, source);
    return beam_search(src, options);
}

template class Seq2Seq<float>;
template class Seq2Seq<double>;

}  // namespace dlc
