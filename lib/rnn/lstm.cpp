#include "rnn/lstm.hpp"

#include "nn/gemm.hpp"
#include "rnn/gates.hpp"

#include <algorithm>

namespace dlc {

template <class T>
LSTM<T>::LSTM(std::size_t input_size, std::size_t hidden_size, Rng& rng, bool peephole)
    : Recurrent<T>("LSTM", input_size, hidden_size, 4, rng), peephole_(peephole) {
    if (peephole) {
        P_ = xt::zeros<T>({std::size_t{3}, hidden_size});
        dP_ = xt::zeros<T>({std::size_t{3}, hidden_size});
    }
}

template <class T>
std::string LSTM<T>::name() const {
    return "LSTM(" + std::to_string(this->input_size_) + " -> " + std::to_string(this->hidden_size_) +
           (peephole_ ? ", peephole)" : ")");
}

template <class T>
std::vector<Parameter<T>> LSTM<T>::parameters() {
    auto p = Recurrent<T>::parameters();
    if (peephole_) p.push_back({"p", &P_, &dP_, false});
    return p;
}

template <class T>
void LSTM<T>::set_initial_cell(const Tensor<T>& c0) {
    if (c0.dimension() == 0 || c0.size() == 0) {
        has_c0_ = false;
        return;
    }
    this->require_shape("set_initial_cell", "c0", c0, {any_extent, static_cast<long>(this->hidden_size_)});
    copy_into(c0_set_, c0);
    has_c0_ = true;
}

template <class T>
void LSTM<T>::clear_initial_state() {
    Recurrent<T>::clear_initial_state();
    has_c0_ = false;
}

template <class T>
void LSTM<T>::add_final_cell_grad(const Tensor<T>& dc_T) {
    this->require_shape("add_final_cell_grad", "dc_T", dc_T,
                        {static_cast<long>(this->B_), static_cast<long>(this->hidden_size_)});
    if (!dc_final_pending_) {
        copy_into(dc_final_, dc_T);
        dc_final_pending_ = true;
    } else {
        for (std::size_t i = 0; i < dc_T.size(); ++i) dc_final_.data()[i] += dc_T.data()[i];
    }
}

template <class T>
Tensor<T> LSTM<T>::final_cell() const {
    require(C_.dimension() == 3, "LSTM::final_cell", "no forward pass yet");
    const std::size_t steps = C_.shape(0), B = C_.shape(1), H = C_.shape(2);
    Tensor<T> c = Tensor<T>::from_shape({B, H});
    std::copy(C_.data() + (steps - 1) * B * H, C_.data() + steps * B * H, c.data());
    return c;
}

template <class T>
const Tensor<T>& LSTM<T>::initial_cell(std::size_t batch) {
    if (has_c0_) {
        if (c0_set_.shape(0) != batch)
            throw ShapeError(name() + "::forward", "the initial cell has " + std::to_string(c0_set_.shape(0)) +
                                                       " rows but the batch has " + std::to_string(batch));
        return c0_set_;
    }
    resize_buffer(c0_zero_, {batch, this->hidden_size_});
    std::fill(c0_zero_.begin(), c0_zero_.end(), T(0));
    return c0_zero_;
}

template <class T>
const Tensor<T>& LSTM<T>::forward(const Tensor<T>& x) {
    const auto [steps, B] = this->begin_forward(x);
    const std::size_t H = this->hidden_size_, G = 4 * H;
    this->project_inputs(x);  // A = X U^T + 1 b^T for all steps
    resize_buffer(C_, {steps, B, H});
    resize_buffer(TC_, {steps, B, H});
    const T* y_prev = this->initial_state(B).data();
    const T* c_prev = initial_cell(B).data();
    const T* p = peephole_ ? P_.data() : nullptr;
    for (std::size_t t = 0; t < steps; ++t) {
        T* a = this->A_.data() + t * B * G;  // (B, 4H): [i | f | g | o] pre-activations
        gemm<T>(false, true, B, G, H, T(1), y_prev, this->W_.data(), T(1), a);  // a += W y_{t-1}
        T* c = C_.data() + t * B * H;
        T* tc = TC_.data() + t * B * H;
        T* y = this->out_.data() + t * B * H;
        for (std::size_t n = 0; n < B; ++n) {
            T* an = a + n * G;
            T *i = an, *f = an + H, *g = an + 2 * H, *o = an + 3 * H;
            const T* cp = c_prev + n * H;
            if (p) {
                for (std::size_t j = 0; j < H; ++j) {  // peepholes: + p ⊙ s_{t-1}
                    i[j] += p[j] * cp[j];
                    f[j] += p[H + j] * cp[j];
                    o[j] += p[2 * H + j] * cp[j];
                }
            }
            sigmoid_in_place(i, 2 * H);  // i_t, f_t = sigma(...)
            tanh_in_place(g, H);         // g_t = tanh(...)
            sigmoid_in_place(o, H);      // o_t = sigma(...)
            for (std::size_t j = 0; j < H; ++j) {
                const T s = cp[j] * f[j] + g[j] * i[j];  // s_t = s_{t-1} ⊙ f_t + g_t ⊙ i_t
                c[n * H + j] = s;
                tc[n * H + j] = std::tanh(s);
                y[n * H + j] = tc[n * H + j] * o[j];  // y_t = tanh(s_t) ⊙ o_t
            }
        }
        y_prev = y;
        c_prev = c;
    }
    return this->out_;
}

template <class T>
const Tensor<T>& LSTM<T>::backward(const Tensor<T>& grad_outputs) {
    this->require_output_shape(grad_outputs);
    const std::size_t steps = this->T_, B = this->B_, H = this->hidden_size_, G = 4 * H;
    resize_buffer(this->dA_, {steps * B, G});
    this->take_final_state_grad(carry_y_, B);
    resize_buffer(carry_c_, {B, H});
    if (dc_final_pending_ && dc_final_.size() == carry_c_.size())
        std::copy(dc_final_.begin(), dc_final_.end(), carry_c_.begin());
    else
        std::fill(carry_c_.begin(), carry_c_.end(), T(0));
    dc_final_pending_ = false;
    const T* p = peephole_ ? P_.data() : nullptr;
    T* dp = peephole_ ? dP_.data() : nullptr;
    const T* c0 = initial_cell(B).data();
    for (std::size_t t = steps; t-- > 0;) {
        const T* a = this->A_.data() + t * B * G;  // the gates' values i, f, g, o
        const T* c_prev = t ? C_.data() + (t - 1) * B * H : c0;
        const T* tc = TC_.data() + t * B * H;
        const T* gy = grad_outputs.data() + t * B * H;
        T* d = this->dA_.data() + t * B * G;
        for (std::size_t n = 0; n < B; ++n) {
            const T *i = a + n * G, *f = i + H, *g = i + 2 * H, *o = i + 3 * H;
            T *di = d + n * G, *df = di + H, *dg = di + 2 * H, *dout = di + 3 * H;
            T* cy = carry_y_.data() + n * H;
            T* cc = carry_c_.data() + n * H;
            const T* cp = c_prev + n * H;
            const T* tcn = tc + n * H;
            for (std::size_t j = 0; j < H; ++j) {
                const T dy = gy[n * H + j] + cy[j];                              // dL/dy_t = g_t + W^T delta_{t+1}
                const T ds = cc[j] + dy * o[j] * (T(1) - tcn[j] * tcn[j]);     // dL/ds_t += dL/dy_t ⊙ o_t ⊙ tanh'(s_t)
                dout[j] = dy * tcn[j] * o[j] * (T(1) - o[j]);                  // delta^o = dL/dy_t ⊙ tanh s_t ⊙ o'(.)
                di[j] = ds * g[j] * i[j] * (T(1) - i[j]);                      // delta^i = dL/ds_t ⊙ g_t ⊙ i'(.)
                df[j] = ds * cp[j] * f[j] * (T(1) - f[j]);                     // delta^f = dL/ds_t ⊙ s_{t-1} ⊙ f'(.)
                dg[j] = ds * i[j] * (T(1) - g[j] * g[j]);                      // delta^g = dL/ds_t ⊙ i_t ⊙ (1 - g_t^2)
                T dc_prev = ds * f[j];                                         // dL/ds_{t-1} = dL/ds_t ⊙ f_t
                if (p) {
                    dc_prev += p[j] * di[j] + p[H + j] * df[j] + p[2 * H + j] * dout[j];  // + p ⊙ delta (peepholes)
                    dp[j] += di[j] * cp[j];
                    dp[H + j] += df[j] * cp[j];
                    dp[2 * H + j] += dout[j] * cp[j];
                }
                cc[j] = dc_prev;
            }
        }
        // dL/dy_{t-1} through the recurrence = W^T delta_t   (batched: delta_t W)
        gemm<T>(false, false, B, H, G, T(1), d, this->W_.data(), T(0), carry_y_.data());
        if (t > 0 && this->cut_before(t)) {  // truncated BPTT: nothing crosses the chunk boundary
            std::fill(carry_y_.begin(), carry_y_.end(), T(0));
            std::fill(carry_c_.begin(), carry_c_.end(), T(0));
        }
    }
    copy_into(this->ds0_, carry_y_);
    copy_into(this->dc0_, carry_c_);
    this->accumulate_recurrent_grad(this->dA_.data(), G, 0, G, this->initial_state(B).data(), this->out_.data());
    return this->finish_input_grads();
}

template <class T>
void LSTM<T>::step(const Tensor<T>& x, Tensor<T>& state, Tensor<T>& cell) const {
    const std::size_t B = x.shape(0), H = this->hidden_size_, G = 4 * H;
    check_shape("LSTM::step", "x", x, {any_extent, static_cast<long>(this->input_size_)});
    check_shape("LSTM::step", "state", state, {static_cast<long>(B), static_cast<long>(H)});
    check_shape("LSTM::step", "cell", cell, {static_cast<long>(B), static_cast<long>(H)});
    Tensor<T> a = Tensor<T>::from_shape({B, G});
    for (std::size_t n = 0; n < B; ++n) std::copy(this->b_.begin(), this->b_.end(), a.data() + n * G);
    gemm<T>(false, true, B, G, this->input_size_, T(1), x.data(), this->U_.data(), T(1), a.data());
    gemm<T>(false, true, B, G, H, T(1), state.data(), this->W_.data(), T(1), a.data());
    for (std::size_t n = 0; n < B; ++n) {
        T* an = a.data() + n * G;
        T *i = an, *f = an + H, *g = an + 2 * H, *o = an + 3 * H;
        T* cp = cell.data() + n * H;
        if (peephole_) {
            for (std::size_t j = 0; j < H; ++j) {
                i[j] += P_(0, j) * cp[j];
                f[j] += P_(1, j) * cp[j];
                o[j] += P_(2, j) * cp[j];
            }
        }
        sigmoid_in_place(i, 2 * H);
        tanh_in_place(g, H);
        sigmoid_in_place(o, H);
        for (std::size_t j = 0; j < H; ++j) {
            cp[j] = cp[j] * f[j] + g[j] * i[j];
            state.data()[n * H + j] = std::tanh(cp[j]) * o[j];
        }
    }
}

template class LSTM<float>;
template class LSTM<double>;

}  // namespace dlc
