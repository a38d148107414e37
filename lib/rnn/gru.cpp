#include "rnn/gru.hpp"

#include "nn/gemm.hpp"
#include "rnn/gates.hpp"

#include <algorithm>
#include <cmath>

namespace dlc {

template <class T>
GRU<T>::GRU(std::size_t input_size, std::size_t hidden_size, Rng& rng, GRUForm form)
    : Recurrent<T>("GRU", input_size, hidden_size, 3, rng), form_(form) {
    c_ = Tensor<T>::from_shape({3 * hidden_size});
    const double a = 1.0 / std::sqrt(double(hidden_size));
    for (auto& v : c_) v = static_cast<T>(rng.uniform(-a, a));
    dc_ = xt::zeros<T>(c_.shape());
}

template <class T>
std::string GRU<T>::name() const {
    return "GRU(" + std::to_string(this->input_size_) + " -> " + std::to_string(this->hidden_size_) +
           (form_ == GRUForm::pytorch ? ", pytorch)" : ", cho)");
}

template <class T>
std::vector<Parameter<T>> GRU<T>::parameters() {
    auto p = Recurrent<T>::parameters();
    p.push_back({"c", &c_, &dc_, true});
    return p;
}

template <class T>
void GRU<T>::cell(std::size_t B, T* ax, const T* h_prev, T* h_out, T* aux, T* rz) const {
    const std::size_t H = this->hidden_size_, G = 3 * H;
    const T* W = this->W_.data();
    const T* c = c_.data();
    // rz = W^{r,z} h_{t-1} + c^{r,z}   (the first 2H rows of W)
    for (std::size_t n = 0; n < B; ++n) std::copy(c, c + 2 * H, rz + n * 2 * H);
    gemm<T>(false, true, B, 2 * H, H, T(1), h_prev, W, T(1), rz);
    for (std::size_t n = 0; n < B; ++n) {
        T* a = ax + n * G;
        for (std::size_t j = 0; j < 2 * H; ++j) a[j] += rz[n * 2 * H + j];
        sigmoid_in_place(a, 2 * H);  // r = sigma(a^r + W^r h + c^r), z (or i) = sigma(a^z + W^z h + c^z)
    }
    if (form_ == GRUForm::pytorch) {
        // aux = W^n h_{t-1} + c^n, then n = tanh(a^n + r ⊙ aux)
        for (std::size_t n = 0; n < B; ++n) std::copy(c + 2 * H, c + 3 * H, aux + n * H);
        gemm<T>(false, true, B, H, H, T(1), h_prev, W + 2 * H * H, T(1), aux);
        for (std::size_t n = 0; n < B; ++n) {
            T* a = ax + n * G;
            const T *r = a, *z = a + H;
            T* nn = a + 2 * H;
            const T* hp = h_prev + n * H;
            for (std::size_t j = 0; j < H; ++j) {
                nn[j] = std::tanh(nn[j] + r[j] * aux[n * H + j]);     // n = tanh(a^n + r ⊙ (W^n h + c^n))
                h_out[n * H + j] = (T(1) - z[j]) * nn[j] + z[j] * hp[j];  // h' = (1 - z) ⊙ n + z ⊙ h
            }
        }
    } else {
        // aux = q = r ⊙ h_{t-1}, then h~ = tanh(a^n + W^n q + c^n)
        for (std::size_t n = 0; n < B; ++n)
            for (std::size_t j = 0; j < H; ++j) aux[n * H + j] = ax[n * G + j] * h_prev[n * H + j];
        T* hn = rz;  // reuse the scratch (B, H) for W^n q
        for (std::size_t n = 0; n < B; ++n) std::copy(c + 2 * H, c + 3 * H, hn + n * H);
        gemm<T>(false, true, B, H, H, T(1), aux, W + 2 * H * H, T(1), hn);
        for (std::size_t n = 0; n < B; ++n) {
            T* a = ax + n * G;
            const T* i = a + H;
            T* nn = a + 2 * H;
            const T* hp = h_prev + n * H;
            for (std::size_t j = 0; j < H; ++j) {
                nn[j] = std::tanh(nn[j] + hn[n * H + j]);                   // h~ = tanh(a^n + W^n (r ⊙ h) + c^n)
                h_out[n * H + j] = (T(1) - i[j]) * hp[j] + i[j] * nn[j];    // h' = (1 - i) ⊙ h + i ⊙ h~
            }
        }
    }
}

template <class T>
const Tensor<T>& GRU<T>::forward(const Tensor<T>& x) {
    const auto [steps, B] = this->begin_forward(x);
    const std::size_t H = this->hidden_size_, G = 3 * H;
    this->project_inputs(x);  // A = X U^T + 1 b^T for all steps
    resize_buffer(AUX_, {steps * B, H});
    resize_buffer(rz_, {B, 2 * H});
    const T* h_prev = this->initial_state(B).data();
    for (std::size_t t = 0; t < steps; ++t) {
        T* h = this->out_.data() + t * B * H;
        cell(B, this->A_.data() + t * B * G, h_prev, h, AUX_.data() + t * B * H, rz_.data());
        h_prev = h;
    }
    return this->out_;
}

template <class T>
const Tensor<T>& GRU<T>::backward(const Tensor<T>& grad_states) {
    this->require_output_shape(grad_states);
    const std::size_t steps = this->T_, B = this->B_, H = this->hidden_size_, G = 3 * H;
    resize_buffer(this->dA_, {steps * B, G});
    resize_buffer(dRZ_, {steps * B, 2 * H});
    resize_buffer(dN_, {steps * B, H});
    resize_buffer(dq_, {B, H});
    this->take_final_state_grad(carry_, B);
    const T* W = this->W_.data();
    const T* h0 = this->initial_state(B).data();
    const bool torch_form = form_ == GRUForm::pytorch;
    for (std::size_t t = steps; t-- > 0;) {
        const T* a = this->A_.data() + t * B * G;  // r, z|i, n of step t
        const T* aux = AUX_.data() + t * B * H;
        const T* h_prev = t ? this->out_.data() + (t - 1) * B * H : h0;
        const T* gh = grad_states.data() + t * B * H;
        T* dax = this->dA_.data() + t * B * G;
        T* drz = dRZ_.data() + t * B * 2 * H;
        T* dn = dN_.data() + t * B * H;
        T* carry = carry_.data();
        for (std::size_t n = 0; n < B; ++n) {
            const T *r = a + n * G, *z = r + H, *nn = r + 2 * H;
            T *dr = dax + n * G, *dz = dr + H, *dnx = dr + 2 * H;
            for (std::size_t j = 0; j < H; ++j) {
                const std::size_t k = n * H + j;
                const T dh = gh[k] + carry[k];  // dL/dh_t = from above + through the recurrence
                if (torch_form) {
                    const T dpre_n = dh * (T(1) - z[j]) * (T(1) - nn[j] * nn[j]);  // delta^n = dL/dh ⊙ (1-z) ⊙ (1-n^2)
                    dnx[j] = dpre_n;
                    dz[j] = dh * (h_prev[k] - nn[j]) * z[j] * (T(1) - z[j]);      // delta^z = dL/dh ⊙ (h_{t-1}-n) ⊙ z'
                    dr[j] = dpre_n * aux[k] * r[j] * (T(1) - r[j]);               // delta^r = delta^n ⊙ (W^n h + c^n) ⊙ r'
                    dn[k] = dpre_n * r[j];                                         // recurrent side of n: r ⊙ delta^n
                    carry[k] = dh * z[j];                                          // dL/dh_{t-1} ⊙ z (direct path)
                } else {
                    const T dpre_n = dh * z[j] * (T(1) - nn[j] * nn[j]);          // delta^n = dL/dh ⊙ i ⊙ (1-h~^2)
                    dnx[j] = dpre_n;
                    dz[j] = dh * (nn[j] - h_prev[k]) * z[j] * (T(1) - z[j]);      // delta^i = dL/dh ⊙ (h~-h_{t-1}) ⊙ i'
                    dn[k] = dpre_n;
                    carry[k] = dh * (T(1) - z[j]);                                 // dL/dh_{t-1} ⊙ (1-i) (direct path)
                }
            }
        }
        if (!torch_form) {
            // dq = W^{n T} delta^n; delta^r = dq ⊙ h_{t-1} ⊙ r'; dL/dh_{t-1} += dq ⊙ r
            gemm<T>(false, false, B, H, H, T(1), dn, W + 2 * H * H, T(0), dq_.data());
            for (std::size_t n = 0; n < B; ++n) {
                const T* r = a + n * G;
                T* dr = dax + n * G;
                for (std::size_t j = 0; j < H; ++j) {
                    const std::size_t k = n * H + j;
                    dr[j] = dq_.data()[k] * h_prev[k] * r[j] * (T(1) - r[j]);
                    carry[k] += dq_.data()[k] * r[j];
                }
            }
        }
        for (std::size_t n = 0; n < B; ++n)  // the r and z|i rows' deltas, contiguous for the GEMMs
            std::copy(dax + n * G, dax + n * G + 2 * H, drz + n * 2 * H);
        // dL/dh_{t-1} += W^{r,z T} [delta^r, delta^z]  (+ W^{n T} (r ⊙ delta^n) in the PyTorch form)
        gemm<T>(false, false, B, H, 2 * H, T(1), drz, W, T(1), carry);
        if (torch_form) gemm<T>(false, false, B, H, H, T(1), dn, W + 2 * H * H, T(1), carry);
        if (t > 0 && this->cut_before(t)) std::fill(carry_.begin(), carry_.end(), T(0));
    }
    copy_into(this->ds0_, carry_);
    // grad_W: rows r, z from [delta^r, delta^z] and h_{t-1}; rows n from the n deltas and h_{t-1} (PyTorch)
    // or q_t = r_t ⊙ h_{t-1} (Cho).
    this->accumulate_recurrent_grad(dRZ_.data(), 2 * H, 0, 2 * H, h0, this->out_.data());
    if (torch_form) {
        this->accumulate_recurrent_grad(dN_.data(), H, 2 * H, H, h0, this->out_.data());
    } else {
        gemm<T>(true, false, H, H, steps * B, T(1), dN_.data(), AUX_.data(), T(1), this->dW_.data() + 2 * H * H);
    }
    // grad_c = column sums of the recurrent-side deltas
    T* gc = dc_.data();
    for (std::size_t k = 0; k < steps * B; ++k) {
        for (std::size_t j = 0; j < 2 * H; ++j) gc[j] += dRZ_.data()[k * 2 * H + j];
        for (std::size_t j = 0; j < H; ++j) gc[2 * H + j] += dN_.data()[k * H + j];
    }
    return this->finish_input_grads();
}

template <class T>
void GRU<T>::step(const Tensor<T>& x, Tensor<T>& state, Tensor<T>&) const {
    const std::size_t B = x.shape(0), H = this->hidden_size_, G = 3 * H;
    check_shape("GRU::step", "x", x, {any_extent, static_cast<long>(this->input_size_)});
    check_shape("GRU::step", "state", state, {static_cast<long>(B), static_cast<long>(H)});
    Tensor<T> ax = Tensor<T>::from_shape({B, G});
    for (std::size_t n = 0; n < B; ++n) std::copy(this->b_.begin(), this->b_.end(), ax.data() + n * G);
    gemm<T>(false, true, B, G, this->input_size_, T(1), x.data(), this->U_.data(), T(1), ax.data());
    Tensor<T> aux = Tensor<T>::from_shape({B, H}), rz = Tensor<T>::from_shape({B, 2 * H});
    Tensor<T> h = Tensor<T>::from_shape({B, H});
    cell(B, ax.data(), state.data(), h.data(), aux.data(), rz.data());
    state = std::move(h);
}

template class GRU<float>;
template class GRU<double>;

}  // namespace dlc
