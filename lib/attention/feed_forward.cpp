#include "attention/feed_forward.hpp"

#include "nn/relu.hpp"

namespace dlc {

template <class T>
FeedForward<T>::FeedForward(std::size_t d, std::size_t d_ff, Rng& rng, FeedForwardActivation activation)
    : kind_(activation) {
    l1_ = std::make_unique<TokenLinear<T>>(d, d_ff, rng);
    l2_ = std::make_unique<TokenLinear<T>>(d_ff, d, rng);
    if (activation == FeedForwardActivation::relu) g_ = std::make_unique<ReLU<T>>();
    else g_ = std::make_unique<GELU<T>>();
}

template <class T>
std::string FeedForward<T>::name() const {
    return "FeedForward(" + std::to_string(l1_->W().shape(1)) + " -> " + std::to_string(l1_->W().shape(0)) + " -> " +
           std::to_string(l2_->W().shape(0)) + ", " + (kind_ == FeedForwardActivation::relu ? "relu" : "gelu") + ")";
}

template <class T>
std::vector<Parameter<T>> FeedForward<T>::parameters() {
    std::vector<Parameter<T>> p;
    for (auto q : l1_->parameters()) q.name = "1." + q.name, p.push_back(q);
    for (auto q : l2_->parameters()) q.name = "2." + q.name, p.push_back(q);
    return p;
}

template <class T>
void FeedForward<T>::set_input_grad_needed(bool needed) {
    Module<T>::set_input_grad_needed(needed);
    l1_->set_input_grad_needed(needed);
}

template <class T>
const Tensor<T>& FeedForward<T>::forward(const Tensor<T>& x) {
    // X'_t = W^2 g(W^1 S'_t + b^1) + b^2
    return l2_->forward(g_->forward(l1_->forward(x)));
}

template <class T>
const Tensor<T>& FeedForward<T>::backward(const Tensor<T>& grad) {
    return l1_->backward(g_->backward(l2_->backward(grad)));
}

template class FeedForward<float>;
template class FeedForward<double>;

}  // namespace dlc
