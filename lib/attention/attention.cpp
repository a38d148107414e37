#include "attention/attention.hpp"

#include "nn/gemm.hpp"

#include <algorithm>
#include <cmath>

namespace dlc {

template <class T>
void masked_softmax(const Tensor<T>& E, const std::vector<std::size_t>& key_lengths, Tensor<T>& alpha) {
    check_shape("masked_softmax", "E (B, Tq, Tk)", E, {any_extent, any_extent, any_extent});
    const std::size_t B = E.shape(0), Tq = E.shape(1), Tk = E.shape(2);
    if (!key_lengths.empty() && key_lengths.size() != B)
        throw ShapeError("masked_softmax", "key_lengths must have one entry per batch row (" + std::to_string(B) +
                                               "), got " + std::to_string(key_lengths.size()));
    resize_like(alpha, E);
    for (std::size_t b = 0; b < B; ++b) {
        const std::size_t n = key_lengths.empty() ? Tk : key_lengths[b];
        require(n >= 1, "masked_softmax", "batch row " + std::to_string(b) + " has every key masked (length 0)");
        require(n <= Tk, "masked_softmax", "key length " + std::to_string(n) + " exceeds the " + std::to_string(Tk) + " keys");
        for (std::size_t i = 0; i < Tq; ++i) {
            const T* e = E.data() + (b * Tq + i) * Tk;
            T* a = alpha.data() + (b * Tq + i) * Tk;
            const T m = *std::max_element(e, e + n);
            T sum = 0;
            for (std::size_t j = 0; j < n; ++j) sum += (a[j] = std::exp(e[j] - m));
            for (std::size_t j = 0; j < n; ++j) a[j] /= sum;
            std::fill(a + n, a + Tk, T(0));  // masked keys: weight exactly 0
        }
    }
}

template <class T>
void softmax_backward(const Tensor<T>& alpha, const Tensor<T>& dalpha, Tensor<T>& dE) {
    if (!same_shape(alpha, dalpha))
        throw ShapeError("softmax_backward", "dalpha must have the shape of alpha " + shape_of(alpha) + ", got " + shape_of(dalpha));
    resize_like(dE, alpha);
    const std::size_t Tk = alpha.shape(alpha.dimension() - 1), rows = alpha.size() / Tk;
    for (std::size_t r = 0; r < rows; ++r) {
        const T* a = alpha.data() + r * Tk;
        const T* g = dalpha.data() + r * Tk;
        T* d = dE.data() + r * Tk;
        T dot = 0;
        for (std::size_t j = 0; j < Tk; ++j) dot += a[j] * g[j];       // sum_j' alpha_j' dL/dalpha_j'
        for (std::size_t j = 0; j < Tk; ++j) d[j] = a[j] * (g[j] - dot);  // dL/de_j = alpha_j (dL/dalpha_j - dot)
    }
}

template <class T>
Attention<T>::Attention(std::unique_ptr<AttentionScore<T>> score) : score_(std::move(score)) {
    require(score_ != nullptr, "Attention", "no score function given");
}

template <class T>
const Tensor<T>& Attention<T>::forward(const Tensor<T>& Q, const Tensor<T>& K, const Tensor<T>& V,
                                       const std::vector<std::size_t>& key_lengths) {
    const Tensor<T>& E = score_->forward(Q, K);
    check_shape("Attention::forward", "V (B, Tk, dv)", V, {long(K.shape(0)), long(K.shape(1)), any_extent});
    copy_into(V_, V);
    masked_softmax(E, key_lengths, alpha_);  // alpha = softmax_j(e)
    const std::size_t B = E.shape(0), Tq = E.shape(1), Tk = E.shape(2), dv = V.shape(2);
    resize_buffer(C_, {B, Tq, dv});
    for (std::size_t b = 0; b < B; ++b)  // C_b = alpha_b V_b   (c_i = sum_j alpha_ij v_j)
        gemm<T>(false, false, Tq, dv, Tk, T(1), alpha_.data() + b * Tq * Tk, V.data() + b * Tk * dv, T(0), C_.data() + b * Tq * dv);
    return C_;
}

template <class T>
void Attention<T>::backward(const Tensor<T>& dC) {
    if (!same_shape(dC, C_))
        throw ShapeError("Attention::backward", "dC must have the shape of the output " + shape_of(C_) + ", got " + shape_of(dC));
    const std::size_t B = alpha_.shape(0), Tq = alpha_.shape(1), Tk = alpha_.shape(2), dv = V_.shape(2);
    resize_like(dalpha_, alpha_);
    resize_like(dV_, V_);
    for (std::size_t b = 0; b < B; ++b) {
        const T* dc = dC.data() + b * Tq * dv;
        // dL/dalpha_b = dC_b V_b^T,   dL/dV_b = alpha_b^T dC_b
        gemm<T>(false, true, Tq, Tk, dv, T(1), dc, V_.data() + b * Tk * dv, T(0), dalpha_.data() + b * Tq * Tk);
        gemm<T>(true, false, Tk, dv, Tq, T(1), alpha_.data() + b * Tq * Tk, dc, T(0), dV_.data() + b * Tk * dv);
    }
    softmax_backward(alpha_, dalpha_, dE_);  // through the softmax
    score_->backward(dE_);                   // through the score: dL/dQ, dL/dK, parameter gradients
}

template void masked_softmax<float>(const Tensor<float>&, const std::vector<std::size_t>&, Tensor<float>&);
template void masked_softmax<double>(const Tensor<double>&, const std::vector<std::size_t>&, Tensor<double>&);
template void softmax_backward<float>(const Tensor<float>&, const Tensor<float>&, Tensor<float>&);
template void softmax_backward<double>(const Tensor<double>&, const Tensor<double>&, Tensor<double>&);
template class Attention<float>;
template class Attention<double>;

}  // namespace dlc
