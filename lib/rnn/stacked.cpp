#include "rnn/stacked.hpp"

#include <algorithm>

namespace dlc {

std::string cell_kind_name(CellKind kind) {
    switch (kind) {
        case CellKind::rnn: return "rnn";
        case CellKind::lstm: return "lstm";
        case CellKind::gru: return "gru";
        case CellKind::gru_cho: return "gru_cho";
    }
    return "?";
}

template <class T>
std::unique_ptr<Recurrent<T>> make_recurrent(CellKind kind, std::size_t input_size, std::size_t hidden_size,
                                             Rng& rng) {
    switch (kind) {
        case CellKind::rnn: return std::make_unique<RNN<T>>(input_size, hidden_size, rng);
        case CellKind::lstm: return std::make_unique<LSTM<T>>(input_size, hidden_size, rng);
        case CellKind::gru: return std::make_unique<GRU<T>>(input_size, hidden_size, rng, GRUForm::pytorch);
        case CellKind::gru_cho: return std::make_unique<GRU<T>>(input_size, hidden_size, rng, GRUForm::cho);
    }
    throw ValueError("make_recurrent", "unknown cell kind");
}

namespace {

template <class T>
void add_prefixed(std::vector<Parameter<T>>& all, std::vector<Parameter<T>> ps, const std::string& prefix) {
    for (auto& p : ps) {
        p.name = prefix + p.name;
        all.push_back(p);
    }
}

}  // namespace

// ---- Stacked ----

template <class T>
Stacked<T>::Stacked(CellKind kind, std::size_t input_size, std::size_t hidden_size, std::size_t layers, Rng& rng) {
    require(layers > 0, "Stacked", "the number of layers must be positive, got 0");
    for (std::size_t l = 0; l < layers; ++l)
        layers_.push_back(make_recurrent<T>(kind, l ? hidden_size : input_size, hidden_size, rng));
}

template <class T>
const Tensor<T>& Stacked<T>::forward(const Tensor<T>& x) {
    const Tensor<T>* h = &x;  // h^[0] = x
    for (auto& layer : layers_) h = &layer->forward(*h);  // h^[l] = layer_l(h^[l-1])
    return *h;
}

template <class T>
const Tensor<T>& Stacked<T>::backward(const Tensor<T>& grad_output) {
    const Tensor<T>* g = &grad_output;
    for (std::size_t l = layers_.size(); l-- > 0;) g = &layers_[l]->backward(*g);
    return *g;
}

template <class T>
std::string Stacked<T>::name() const {
    return "Stacked(" + std::to_string(layers_.size()) + " x " + layers_.front()->name() + ")";
}

template <class T>
std::vector<Parameter<T>> Stacked<T>::parameters() {
    std::vector<Parameter<T>> all;
    for (std::size_t l = 0; l < layers_.size(); ++l) add_prefixed(all, layers_[l]->parameters(), std::to_string(l) + ".");
    return all;
}

template <class T>
void Stacked<T>::set_input_grad_needed(bool needed) {
    Module<T>::set_input_grad_needed(needed);
    layers_.front()->set_input_grad_needed(needed);
}

// ---- Bidirectional ----

template <class T>
Bidirectional<T>::Bidirectional(CellKind kind, std::size_t input_size, std::size_t hidden_size, Rng& rng)
    : fwd_(make_recurrent<T>(kind, input_size, hidden_size, rng)),
      bwd_(make_recurrent<T>(kind, input_size, hidden_size, rng)) {}

template <class T>
const Tensor<T>& Bidirectional<T>::forward(const Tensor<T>& x) {
    const Tensor<T>& hf = fwd_->forward(x);
    reverse_time(x, xr_);
    const Tensor<T>& hb_rev = bwd_->forward(xr_);  // step t of the reversed run is original step T-1-t
    const std::size_t steps = hf.shape(0), B = hf.shape(1), H = hf.shape(2);
    resize_buffer(this->out_, {steps, B, 2 * H});
    for (std::size_t t = 0; t < steps; ++t)
        for (std::size_t n = 0; n < B; ++n) {
            T* o = this->out_.data() + (t * B + n) * 2 * H;
            const T* f = hf.data() + (t * B + n) * H;
            const T* b = hb_rev.data() + ((steps - 1 - t) * B + n) * H;
            std::copy(f, f + H, o);      // forward half: h->_t
            std::copy(b, b + H, o + H);  // backward half: h<-_t
        }
    return this->out_;
}

template <class T>
const Tensor<T>& Bidirectional<T>::backward(const Tensor<T>& grad_output) {
    this->require_output_shape(grad_output);
    const std::size_t steps = grad_output.shape(0), B = grad_output.shape(1), H = grad_output.shape(2) / 2;
    resize_buffer(gf_, {steps, B, H});
    resize_buffer(gbr_, {steps, B, H});
    for (std::size_t t = 0; t < steps; ++t)
        for (std::size_t n = 0; n < B; ++n) {
            const T* g = grad_output.data() + (t * B + n) * 2 * H;
            std::copy(g, g + H, gf_.data() + (t * B + n) * H);
            std::copy(g + H, g + 2 * H, gbr_.data() + ((steps - 1 - t) * B + n) * H);  // back in reversed time
        }
    fwd_->set_input_grad_needed(this->input_grad_needed_);
    bwd_->set_input_grad_needed(this->input_grad_needed_);
    const Tensor<T>& dxf = fwd_->backward(gf_);
    const Tensor<T>& dxb_rev = bwd_->backward(gbr_);
    if (!this->input_grad_needed_) {
        resize_buffer(this->grad_in_, {std::size_t{0}, B, fwd_->input_size()});
        return this->grad_in_;
    }
    reverse_time(dxb_rev, dxr_);
    copy_into(this->grad_in_, dxf);
    for (std::size_t i = 0; i < dxr_.size(); ++i) this->grad_in_.data()[i] += dxr_.data()[i];
    return this->grad_in_;
}

template <class T>
std::string Bidirectional<T>::name() const {
    return "Bidirectional(" + fwd_->name() + ")";
}

template <class T>
std::vector<Parameter<T>> Bidirectional<T>::parameters() {
    std::vector<Parameter<T>> all;
    add_prefixed(all, fwd_->parameters(), "fwd.");
    add_prefixed(all, bwd_->parameters(), "bwd.");
    return all;
}

// ---- StackedBidirectional ----

template <class T>
StackedBidirectional<T>::StackedBidirectional(CellKind kind, std::size_t input_size, std::size_t hidden_size,
                                              std::size_t layers, Rng& rng) {
    require(layers > 0, "StackedBidirectional", "the number of layers must be positive, got 0");
    for (std::size_t l = 0; l < layers; ++l)
        layers_.push_back(std::make_unique<Bidirectional<T>>(kind, l ? 2 * hidden_size : input_size, hidden_size, rng));
}

template <class T>
const Tensor<T>& StackedBidirectional<T>::forward(const Tensor<T>& x) {
    const Tensor<T>* h = &x;
    for (auto& layer : layers_) h = &layer->forward(*h);
    return *h;
}

template <class T>
const Tensor<T>& StackedBidirectional<T>::backward(const Tensor<T>& grad_output) {
    const Tensor<T>* g = &grad_output;
    layers_.front()->set_input_grad_needed(this->input_grad_needed_);
    for (std::size_t l = layers_.size(); l-- > 0;) g = &layers_[l]->backward(*g);
    return *g;
}

template <class T>
std::string StackedBidirectional<T>::name() const {
    return "StackedBidirectional(" + std::to_string(layers_.size()) + " x " + layers_.front()->name() + ")";
}

template <class T>
std::vector<Parameter<T>> StackedBidirectional<T>::parameters() {
    std::vector<Parameter<T>> all;
    for (std::size_t l = 0; l < layers_.size(); ++l) add_prefixed(all, layers_[l]->parameters(), std::to_string(l) + ".");
    return all;
}

template std::unique_ptr<Recurrent<float>> make_recurrent<float>(CellKind, std::size_t, std::size_t, Rng&);
template std::unique_ptr<Recurrent<double>> make_recurrent<double>(CellKind, std::size_t, std::size_t, Rng&);
template class Stacked<float>;
template class Stacked<double>;
template class Bidirectional<float>;
template class Bidirectional<double>;
template class StackedBidirectional<float>;
template class StackedBidirectional<double>;

}  // namespace dlc
