#include "rnn/char_lm.hpp"

#include "rnn/decoding.hpp"

#include <algorithm>
#include <cmath>

namespace dlc {

template <class T>
CharLM<T>::CharLM(CellKind cell, std::size_t vocabulary, std::size_t embedding, std::size_t hidden, Rng& rng,
                  bool output_bias)
    : vocabulary_(vocabulary) {
    require(vocabulary > 0 && hidden > 0, "CharLM", "vocabulary and hidden size must be positive");
    if (embedding) emb_ = std::make_unique<Embedding<T>>(vocabulary, embedding, rng);
    rnn_ = make_recurrent<T>(cell, embedding ? embedding : vocabulary, hidden, rng);
    const double a = 1.0 / std::sqrt(double(hidden));
    Tensor<T> V = Tensor<T>::from_shape({vocabulary, hidden});
    for (auto& v : V) v = static_cast<T>(rng.uniform(-a, a));
    Tensor<T> c = xt::zeros<T>({output_bias ? vocabulary : std::size_t{0}});
    out_ = std::make_unique<Linear<T>>(std::move(V), std::move(c));
}

template <class T>
double CharLM<T>::forward(const Tokens& inputs, const Tokens& targets) {
    if (!(inputs.shape(0) == targets.shape(0) && inputs.shape(1) == targets.shape(1)))
        throw ShapeError("CharLM::forward", "inputs " + shape_of(inputs) + " and targets " + shape_of(targets) + " differ");
    const Tensor<T>& X = emb_ ? emb_->forward(inputs) : (x_ = one_hot<T>(inputs, vocabulary_));
    const Tensor<T>& S = rnn_->forward(X);
    resize_buffer(S2_, {S.shape(0) * S.shape(1), S.shape(2)});
    std::copy(S.begin(), S.end(), S2_.begin());
    return loss_.forward(out_->forward(S2_), targets);  // v_t = V s_t + c; cross-entropy with the next symbol
}

template <class T>
void CharLM<T>::backward() {
    const Tensor<T>& dS2 = out_->backward(loss_.backward());  // dL/ds_t from the output layer
    const Tensor<T>& S = rnn_->output();
    Tensor<T> dS = Tensor<T>::from_shape(S.shape());  // (T, B, H), same storage order as (T*B, H)
    std::copy(dS2.begin(), dS2.end(), dS.begin());
    rnn_->set_input_grad_needed(emb_ != nullptr);
    const Tensor<T>& dX = rnn_->backward(dS);  // BPTT
    if (emb_) emb_->backward(dX);
}

template <class T>
std::vector<Parameter<T>> CharLM<T>::parameters() {
    std::vector<Parameter<T>> all;
    auto add = [&](std::vector<Parameter<T>> ps, const std::string& prefix) {
        for (auto& p : ps) {
            p.name = prefix + p.name;
            all.push_back(p);
        }
    };
    if (emb_) add(emb_->parameters(), "emb.");
    add(rnn_->parameters(), "rnn.");
    add(out_->parameters(), "out.");
    return all;
}

template <class T>
void CharLM<T>::zero_grad() {
    for (auto& p : parameters()) std::fill(p.grad->begin(), p.grad->end(), T(0));
}

template <class T>
std::size_t CharLM<T>::parameter_count() {
    std::size_t n = 0;
    for (auto& p : parameters()) n += p.value->size();
    return n;
}

template <class T>
std::vector<double> CharLM<T>::next_probabilities(const std::vector<std::size_t>& prefix) {
    require(!prefix.empty(), "CharLM::next_probabilities", "empty prefix");
    Tokens in = Tokens::from_shape({prefix.size(), std::size_t{1}});
    std::copy(prefix.begin(), prefix.end(), in.begin());
    const Tensor<T>& X = emb_ ? emb_->forward(in) : (x_ = one_hot<T>(in, vocabulary_));
    const Tensor<T>& S = rnn_->forward(X);
    const std::size_t H = S.shape(2);
    Tensor<T> s = Tensor<T>::from_shape({std::size_t{1}, H});
    std::copy(S.end() - H, S.end(), s.begin());
    const Tensor<T>& v = out_->forward(s);
    std::vector<double> logits(v.begin(), v.end());
    auto lp = log_softmax(logits);
    for (auto& x : lp) x = std::exp(x);
    return lp;
}

template <class T>
std::vector<std::size_t> CharLM<T>::sample(std::size_t start, std::size_t end, std::size_t max_length,
                                           double temperature, Rng& rng) {
    const std::size_t H = rnn_->hidden_size();
    Tensor<T> s = xt::zeros<T>({std::size_t{1}, H}), c = xt::zeros<T>({std::size_t{1}, H});
    std::vector<std::size_t> out;
    std::size_t token = start;
    for (std::size_t k = 0; k < max_length; ++k) {
        Tensor<T> x;
        if (emb_) {
            x = Tensor<T>::from_shape({std::size_t{1}, emb_->dim()});
            std::copy(emb_->A().data() + token * emb_->dim(), emb_->A().data() + (token + 1) * emb_->dim(), x.data());
        } else {
            x = xt::zeros<T>({std::size_t{1}, vocabulary_});
            x(0, token) = T(1);
        }
        rnn_->step(x, s, c);
        const Tensor<T>& v = out_->forward(s);
        token = sample_token(std::vector<double>(v.begin(), v.end()), temperature, 0, rng);
        if (token == end) break;
        out.push_back(token);
    }
    return out;
}

template class CharLM<float>;
template class CharLM<double>;

}  // namespace dlc
