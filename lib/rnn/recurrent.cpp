#include "rnn/recurrent.hpp"

#include "nn/gemm.hpp"

#include <algorithm>
#include <cmath>

namespace dlc {

template <class T>
Recurrent<T>::Recurrent(const char* kind, std::size_t input_size, std::size_t hidden_size, std::size_t gates,
                        Rng& rng)
    : kind_(kind), input_size_(input_size), hidden_size_(hidden_size), gates_(gates) {
    require(input_size > 0 && hidden_size > 0, kind,
            "input and hidden sizes must be positive, got input " + std::to_string(input_size) + ", hidden " +
                std::to_string(hidden_size));
    const std::size_t G = gates * hidden_size;
    U_ = Tensor<T>::from_shape({G, input_size});
    W_ = Tensor<T>::from_shape({G, hidden_size});
    b_ = Tensor<T>::from_shape({G});
    const double a = 1.0 / std::sqrt(double(hidden_size));  // U(-1/sqrt(H), 1/sqrt(H)), as PyTorch
    for (auto* t : {&U_, &W_, &b_})
        for (auto& v : *t) v = static_cast<T>(rng.uniform(-a, a));
    dU_ = xt::zeros<T>(U_.shape());
    dW_ = xt::zeros<T>(W_.shape());
    db_ = xt::zeros<T>(b_.shape());
}

template <class T>
std::vector<Parameter<T>> Recurrent<T>::parameters() {
    return {{"U", &U_, &dU_, false}, {"W", &W_, &dW_, false}, {"b", &b_, &db_, true}};
}

template <class T>
void Recurrent<T>::set_initial_state(const Tensor<T>& s0) {
    if (s0.dimension() == 0 || s0.size() == 0) {
        has_s0_ = false;
        return;
    }
    this->require_shape("set_initial_state", "s0", s0, {any_extent, static_cast<long>(hidden_size_)});
    copy_into(s0_set_, s0);
    has_s0_ = true;
}

template <class T>
void Recurrent<T>::set_initial_cell(const Tensor<T>&) {
    throw ValueError(this->name() + "::set_initial_cell", "only an LSTM has a cell state");
}

template <class T>
void Recurrent<T>::add_final_cell_grad(const Tensor<T>&) {
    throw ValueError(this->name() + "::add_final_cell_grad", "only an LSTM has a cell state");
}

template <class T>
void Recurrent<T>::clear_initial_state() {
    has_s0_ = false;
}

template <class T>
void Recurrent<T>::add_final_state_grad(const Tensor<T>& ds_T) {
    this->require_shape("add_final_state_grad", "ds_T", ds_T,
                        {static_cast<long>(B_), static_cast<long>(hidden_size_)});
    if (!ds_final_pending_) {
        copy_into(ds_final_, ds_T);
        ds_final_pending_ = true;
    } else {
        for (std::size_t i = 0; i < ds_T.size(); ++i) ds_final_.data()[i] += ds_T.data()[i];
    }
}

template <class T>
void Recurrent<T>::take_final_state_grad(Tensor<T>& ds, std::size_t batch) {
    resize_buffer(ds, {batch, hidden_size_});
    if (ds_final_pending_ && ds_final_.size() == ds.size())
        std::copy(ds_final_.begin(), ds_final_.end(), ds.begin());
    else
        std::fill(ds.begin(), ds.end(), T(0));
    ds_final_pending_ = false;
}

template <class T>
Tensor<T> Recurrent<T>::final_state() const {
    const Tensor<T>& S = this->out_;
    require(S.dimension() == 3, (kind_ + "::final_state").c_str(), "no forward pass yet");
    const std::size_t T_len = S.shape(0), B = S.shape(1), H = S.shape(2);
    Tensor<T> s = Tensor<T>::from_shape({B, H});
    std::copy(S.data() + (T_len - 1) * B * H, S.data() + T_len * B * H, s.data());
    return s;
}

template <class T>
std::pair<std::size_t, std::size_t> Recurrent<T>::begin_forward(const Tensor<T>& x) {
    this->require_shape("forward", "x (T, B, D)", x, {any_extent, any_extent, static_cast<long>(input_size_)});
    if (x.shape(0) == 0 || x.shape(1) == 0)
        throw ShapeError(this->name() + "::forward", "empty sequence: x has shape " + shape_of(x) +
                                                         ", expected T >= 1 steps and B >= 1 sequences");
    T_ = x.shape(0);
    B_ = x.shape(1);
    if (has_s0_ && s0_set_.shape(0) != B_)
        throw ShapeError(this->name() + "::forward", "the initial state has " + std::to_string(s0_set_.shape(0)) +
                                                         " rows but the batch has " + std::to_string(B_) + " sequences");
    copy_into(x_, x);
    resize_buffer(this->out_, {T_, B_, hidden_size_});
    return {T_, B_};
}

template <class T>
void Recurrent<T>::project_inputs(const Tensor<T>& x) {
    const std::size_t rows = T_ * B_, G = gates_ * hidden_size_;
    resize_buffer(A_, {rows, G});
    T* a = A_.data();
    for (std::size_t r = 0; r < rows; ++r) std::copy(b_.data(), b_.data() + G, a + r * G);
    // A = X U^T + 1 b^T: the input's share of every pre-activation, all T steps in one GEMM.
    gemm<T>(false, true, rows, G, input_size_, T(1), x.data(), U_.data(), T(1), a);
}

template <class T>
const Tensor<T>& Recurrent<T>::initial_state(std::size_t batch) {
    if (has_s0_) return s0_set_;
    resize_buffer(s0_zero_, {batch, hidden_size_});
    std::fill(s0_zero_.begin(), s0_zero_.end(), T(0));
    return s0_zero_;
}

template <class T>
void Recurrent<T>::accumulate_recurrent_grad(const T* delta, std::size_t ld, std::size_t row0, std::size_t rows,
                                             const T* s0, const T* S) {
    const std::size_t H = hidden_size_, B = B_;
    T* dW = dW_.data() + row0 * H;
    if (ld == rows) {
        // grad_W += delta_1^T s_0 + [delta_2; ...; delta_T]^T [s_1; ...; s_{T-1}]: two GEMMs.
        gemm<T>(true, false, rows, H, B, T(1), delta, s0, T(1), dW);
        if (T_ > 1) gemm<T>(true, false, rows, H, (T_ - 1) * B, T(1), delta + B * ld, S, T(1), dW);
        return;
    }
    // delta is a column block of a wider matrix: the same sums written out.
    for (std::size_t t = 0; t < T_; ++t) {
        const T* prev = t == 0 ? s0 : S + (t - 1) * B * H;
        for (std::size_t n = 0; n < B; ++n) {
            const T* d = delta + (t * B + n) * ld;
            const T* p = prev + n * H;
            for (std::size_t g = 0; g < rows; ++g) {
                const T dg = d[g];
                T* w = dW + g * H;
                for (std::size_t j = 0; j < H; ++j) w[j] += dg * p[j];
            }
        }
    }
}

template <class T>
const Tensor<T>& Recurrent<T>::finish_input_grads() {
    const std::size_t rows = T_ * B_, G = gates_ * hidden_size_, D = input_size_;
    const T* d = dA_.data();
    // grad_U += Delta^T X   (per step: grad_U += delta_t x_t^T)
    gemm<T>(true, false, G, D, rows, T(1), d, x_.data(), T(1), dU_.data());
    // grad_b += Delta^T 1
    T* gb = db_.data();
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t g = 0; g < G; ++g) gb[g] += d[r * G + g];
    // grad_X = Delta U      (per step: grad_x_t = U^T delta_t)
    Tensor<T>& gx = this->grad_in_;
    if (!this->input_grad_needed_) {
        resize_buffer(gx, {std::size_t{0}, B_, D});
        return gx;
    }
    resize_buffer(gx, {T_, B_, D});
    gemm<T>(false, false, rows, D, G, T(1), d, U_.data(), T(0), gx.data());
    return gx;
}

template <class T>
void reverse_time(const Tensor<T>& x, Tensor<T>& out) {
    check_shape("reverse_time", "x", x, {any_extent, any_extent, any_extent});
    resize_like(out, x);
    const std::size_t T_len = x.shape(0), block = x.shape(1) * x.shape(2);
    for (std::size_t t = 0; t < T_len; ++t)
        std::copy(x.data() + t * block, x.data() + (t + 1) * block, out.data() + (T_len - 1 - t) * block);
}

template class Recurrent<float>;
template class Recurrent<double>;
template void reverse_time<float>(const Tensor<float>&, Tensor<float>&);
template void reverse_time<double>(const Tensor<double>&, Tensor<double>&);

}  // namespace dlc
