#include "rnn/rnn.hpp"

#include "nn/gemm.hpp"
#include "rnn/gates.hpp"

#include <algorithm>

namespace dlc {

template <class T>
RNN<T>::RNN(std::size_t input_size, std::size_t hidden_size, Rng& rng)
    : Recurrent<T>("RNN", input_size, hidden_size, 1, rng) {}

template <class T>
std::string RNN<T>::name() const {
    return "RNN(" + std::to_string(this->input_size_) + " -> " + std::to_string(this->hidden_size_) + ")";
}

template <class T>
const Tensor<T>& RNN<T>::forward(const Tensor<T>& x) {
    const auto [steps, B] = this->begin_forward(x);
    const std::size_t H = this->hidden_size_;
    this->project_inputs(x);  // A = X U^T + 1 b^T, every step at once
    const T* s_prev = this->initial_state(B).data();
    T* S = this->out_.data();
    for (std::size_t t = 0; t < steps; ++t) {
        T* s = S + t * B * H;
        std::copy(this->A_.data() + t * B * H, this->A_.data() + (t + 1) * B * H, s);  // a_t = U x_t + b
        gemm<T>(false, true, B, H, H, T(1), s_prev, this->W_.data(), T(1), s);       // a_t += W s_{t-1}
        tanh_in_place(s, B * H);                                                       // s_t = tanh(a_t)
        s_prev = s;
    }
    return this->out_;
}

template <class T>
const Tensor<T>& RNN<T>::backward(const Tensor<T>& grad_states) {
    this->require_output_shape(grad_states);
    const std::size_t steps = this->T_, B = this->B_, H = this->hidden_size_;
    resize_buffer(this->dA_, {steps * B, H});
    const T* S = this->out_.data();
    const T* g = grad_states.data();
    T* delta = this->dA_.data();
    this->take_final_state_grad(carry_, B);  // dL/ds_T from outside (a decoder), else 0
    for (std::size_t t = steps; t-- > 0;) {
        const T* s = S + t * B * H;
        const T* g_t = g + t * B * H;
        T* d = delta + t * B * H;
        for (std::size_t i = 0; i < B * H; ++i) {
            const T ds = g_t[i] + carry_.data()[i];  // dL/ds_t = g_t + W^T delta_{t+1}
            d[i] = ds * (T(1) - s[i] * s[i]);          // delta_t = dL/ds_t ⊙ (1 - s_t^2)
        }
        // dL/ds_{t-1} through the recurrence = W^T delta_t   (batched: delta_t W)
        gemm<T>(false, false, B, H, H, T(1), d, this->W_.data(), T(0), carry_.data());
        if (t > 0 && this->cut_before(t)) std::fill(carry_.begin(), carry_.end(), T(0));  // truncated BPTT
    }
    copy_into(this->ds0_, carry_);  // dL/ds_0 = W^T delta_1
    // grad_W += sum_t delta_t s_{t-1}^T (two GEMMs over all steps)
    this->accumulate_recurrent_grad(delta, H, 0, H, this->initial_state(B).data(), S);
    return this->finish_input_grads();  // grad_U, grad_b, dL/dx_t = U^T delta_t
}

template <class T>
void RNN<T>::step(const Tensor<T>& x, Tensor<T>& state, Tensor<T>&) const {
    const std::size_t B = x.shape(0), H = this->hidden_size_;
    check_shape("RNN::step", "x", x, {any_extent, static_cast<long>(this->input_size_)});
    check_shape("RNN::step", "state", state, {static_cast<long>(B), static_cast<long>(H)});
    Tensor<T> a = Tensor<T>::from_shape({B, H});
    for (std::size_t n = 0; n < B; ++n) std::copy(this->b_.begin(), this->b_.end(), a.data() + n * H);
    gemm<T>(false, true, B, H, this->input_size_, T(1), x.data(), this->U_.data(), T(1), a.data());  // U x + b
    gemm<T>(false, true, B, H, H, T(1), state.data(), this->W_.data(), T(1), a.data());             // + W s
    tanh_in_place(a.data(), B * H);
    state = std::move(a);
}

template class RNN<float>;
template class RNN<double>;

}  // namespace dlc
