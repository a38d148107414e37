#include "attention/sdpa.hpp"

#include "attention/strided_gemm.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace dlc {

namespace {

struct Dims {
    std::size_t B, Tq, Tk, H, dk, dv;
};

Dims check_inputs(const char* where, const Shape& q, const Shape& k, const Shape& v, std::size_t H,
                  const AttentionMask& mask) {
    if (q.size() != 3 || k.size() != 3 || v.size() != 3)
        throw ShapeError(where, "Q, K, V must be (B, T, features), got Q " + shape_str(q) + ", K " + shape_str(k) + ", V " +
                                    shape_str(v));
    if (k[0] != q[0] || v[0] != q[0])
        throw ShapeError(where, "Q, K, V must have the same batch size, got Q " + shape_str(q) + ", K " + shape_str(k) +
                                    ", V " + shape_str(v));
    if (k[2] != q[2])
        throw ShapeError(where, "queries and keys must have the same size d_k (per head " + std::to_string(H) +
                                    " x d_k), got Q " + shape_str(q) + " and K " + shape_str(k));
    if (v[1] != k[1])
        throw ShapeError(where, "V must have one row per key, got K " + shape_str(k) + " and V " + shape_str(v));
    if (q[0] == 0 || q[1] == 0 || k[1] == 0 || q[2] == 0 || v[2] == 0)
        throw ShapeError(where, "empty queries, keys or values: Q " + shape_str(q) + ", K " + shape_str(k) + ", V " + shape_str(v));
    if (q[2] % H != 0 || v[2] % H != 0)
        throw ShapeError(where, "the " + std::to_string(H) + " heads must divide the feature sizes, got Q " + shape_str(q) +
                                    " and V " + shape_str(v));
    check_mask(where, mask, q[0], q[1], k[1]);
    return {q[0], q[1], k[1], H, q[2] / H, v[2] / H};
}

std::string no_key(std::size_t b, std::size_t h, std::size_t i) {
    return "query " + std::to_string(i) + " of batch row " + std::to_string(b) + " (head " + std::to_string(h) +
           ") has every key masked: a softmax over no key is undefined";
}

}  // namespace

template <class T>
bool masked_softmax_row(const T* s, std::size_t Tk, const MaskRow& row, T* a) {
    const std::size_t n = std::min(row.limit, Tk);
    T m = -std::numeric_limits<T>::infinity();
    bool any = false;
    if (row.allowed) {
        for (std::size_t j = 0; j < n; ++j)
            if (row.allowed[j]) m = std::max(m, s[j]), any = true;
    } else {
        for (std::size_t j = 0; j < n; ++j) m = std::max(m, s[j]);
        any = n > 0;
    }
    if (!any) return false;
    T sum = 0;
    if (row.allowed) {
        for (std::size_t j = 0; j < n; ++j) sum += (a[j] = row.allowed[j] ? std::exp(s[j] - m) : T(0));
    } else {
        for (std::size_t j = 0; j < n; ++j) sum += (a[j] = std::exp(s[j] - m));
    }
    const T inv = T(1) / sum;
    for (std::size_t j = 0; j < n; ++j) a[j] *= inv;
    std::fill(a + n, a + Tk, T(0));  // masked keys: weight exactly 0
    return true;
}

template <class T>
void softmax_backward_row(const T* alpha, std::size_t Tk, T* g) {
    T dot = 0;
    for (std::size_t j = 0; j < Tk; ++j) dot += alpha[j] * g[j];        // sum_j' alpha_j' dL/dalpha_j'
    for (std::size_t j = 0; j < Tk; ++j) g[j] = alpha[j] * (g[j] - dot);  // dL/dS_j = alpha_j (dL/dalpha_j - dot)
}

template <class T>
ScaledDotProductAttention<T>::ScaledDotProductAttention(std::size_t heads) : heads_(heads) {
    require(heads > 0, "ScaledDotProductAttention", "the number of heads must be positive");
}

template <class T>
const Tensor<T>& ScaledDotProductAttention<T>::forward(const Tensor<T>& Q, const Tensor<T>& K, const Tensor<T>& V,
                                                       const AttentionMask& mask) {
    const char* where = "ScaledDotProductAttention::forward";
    const Dims d = check_inputs(where, shape_of_tensor(Q), shape_of_tensor(K), shape_of_tensor(V), heads_, mask);
    copy_into(Q_, Q);
    copy_into(K_, K);
    copy_into(V_, V);
    resize_buffer(alpha_, {d.B, d.H, d.Tq, d.Tk});
    resize_buffer(O_, {d.B, d.Tq, d.H * d.dv});
    const T lambda = T(1) / std::sqrt(T(d.dk));
    const std::size_t ldq = d.H * d.dk, ldv = d.H * d.dv;
    for (std::size_t b = 0; b < d.B; ++b)
        for (std::size_t h = 0; h < d.H; ++h) {
            const T* q = Q.data() + b * d.Tq * ldq + h * d.dk;
            const T* k = K.data() + b * d.Tk * ldq + h * d.dk;
            const T* v = V.data() + b * d.Tk * ldv + h * d.dv;
            T* a = alpha_.data() + (b * d.H + h) * d.Tq * d.Tk;
            // S = lambda Q_bh K_bh^T, into alpha's block; then the softmax of each row in place
            gemm_strided<T>(false, true, d.Tq, d.Tk, d.dk, lambda, q, ldq, k, ldq, T(0), a, d.Tk);
            for (std::size_t i = 0; i < d.Tq; ++i)
                if (!masked_softmax_row(a + i * d.Tk, d.Tk, mask_row(mask, b, i, d.Tq, d.Tk), a + i * d.Tk))
                    throw ValueError(where, no_key(b, h, i));
            // O_bh = alpha V_bh, written into head h's columns of O (the concatenation)
            gemm_strided<T>(false, false, d.Tq, d.dv, d.Tk, T(1), a, d.Tk, v, ldv, T(0), O_.data() + b * d.Tq * ldv + h * d.dv,
                            ldv);
        }
    return O_;
}

template <class T>
void ScaledDotProductAttention<T>::backward(const Tensor<T>& dO) {
    if (O_.dimension() != 3) throw ShapeError("ScaledDotProductAttention::backward", "called before forward");
    if (!same_shape(dO, O_))
        throw ShapeError("ScaledDotProductAttention::backward",
                         "dO must have the shape of the output " + shape_of(O_) + ", got " + shape_of(dO));
    const std::size_t B = alpha_.shape(0), H = alpha_.shape(1), Tq = alpha_.shape(2), Tk = alpha_.shape(3);
    const std::size_t dk = Q_.shape(2) / H, dv = V_.shape(2) / H, ldq = H * dk, ldv = H * dv;
    const T lambda = T(1) / std::sqrt(T(dk));
    resize_like(dQ_, Q_);
    resize_like(dK_, K_);
    resize_like(dV_, V_);
    resize_buffer(dalpha_, {Tq, Tk});
    T* g = dalpha_.data();
    for (std::size_t b = 0; b < B; ++b)
        for (std::size_t h = 0; h < H; ++h) {
            const T* a = alpha_.data() + (b * H + h) * Tq * Tk;
            const T* q = Q_.data() + b * Tq * ldq + h * dk;
            const T* k = K_.data() + b * Tk * ldq + h * dk;
            const T* v = V_.data() + b * Tk * ldv + h * dv;
            const T* go = dO.data() + b * Tq * ldv + h * dv;
            // dL/dalpha = dO_bh V_bh^T,  dL/dV_bh = alpha^T dO_bh
            gemm_strided<T>(false, true, Tq, Tk, dv, T(1), go, ldv, v, ldv, T(0), g, Tk);
            gemm_strided<T>(true, false, Tk, dv, Tq, T(1), a, Tk, go, ldv, T(0), dV_.data() + b * Tk * ldv + h * dv, ldv);
            // dL/dS = alpha ⊙ (dL/dalpha - rowsum(alpha ⊙ dL/dalpha)), row by row
            for (std::size_t i = 0; i < Tq; ++i) softmax_backward_row(a + i * Tk, Tk, g + i * Tk);
            // dL/dQ_bh = lambda dS K_bh,  dL/dK_bh = lambda dS^T Q_bh
            gemm_strided<T>(false, false, Tq, dk, Tk, lambda, g, Tk, k, ldq, T(0), dQ_.data() + b * Tq * ldq + h * dk, ldq);
            gemm_strided<T>(true, false, Tk, dk, Tq, lambda, g, Tk, q, ldq, T(0), dK_.data() + b * Tk * ldq + h * dk, ldq);
        }
}

template <class T>
Tensor<T> attention_reference(const Tensor<T>& Q, const Tensor<T>& K, const Tensor<T>& V, std::size_t heads,
                              const AttentionMask& mask, Tensor<T>& alpha, const Tensor<T>* dO, Tensor<T>* dQ,
                              Tensor<T>* dK, Tensor<T>* dV) {
    const char* where = "attention_reference";
    require(heads > 0, where, "the number of heads must be positive");
    const Dims d = check_inputs(where, shape_of_tensor(Q), shape_of_tensor(K), shape_of_tensor(V), heads, mask);
    const double lambda = 1.0 / std::sqrt(double(d.dk));
    alpha = xt::zeros<T>({d.B, d.H, d.Tq, d.Tk});
    Tensor<T> O = xt::zeros<T>({d.B, d.Tq, d.H * d.dv});
    for (std::size_t b = 0; b < d.B; ++b)
        for (std::size_t h = 0; h < d.H; ++h)
            for (std::size_t i = 0; i < d.Tq; ++i) {
                // s_ij = q_i . k_j / sqrt(d_k) over the allowed keys; alpha = their softmax
                std::vector<double> s(d.Tk, 0.0);
                double m = -INFINITY;
                for (std::size_t j = 0; j < d.Tk; ++j) {
                    if (!mask_allows(mask, b, i, j, d.Tq, d.Tk)) continue;
                    for (std::size_t l = 0; l < d.dk; ++l) s[j] += double(Q(b, i, h * d.dk + l)) * double(K(b, j, h * d.dk + l));
                    s[j] *= lambda;
                    m = std::max(m, s[j]);
                }
                if (m == -INFINITY) throw ValueError(where, no_key(b, h, i));
                double z = 0;
                for (std::size_t j = 0; j < d.Tk; ++j)
                    if (mask_allows(mask, b, i, j, d.Tq, d.Tk)) z += std::exp(s[j] - m);
                for (std::size_t j = 0; j < d.Tk; ++j) {
                    const double a = mask_allows(mask, b, i, j, d.Tq, d.Tk) ? std::exp(s[j] - m) / z : 0.0;
                    alpha(b, h, i, j) = T(a);
                    for (std::size_t l = 0; l < d.dv; ++l) O(b, i, h * d.dv + l) += T(a * double(V(b, j, h * d.dv + l)));
                }
            }
    if (!dO) return O;
    *dQ = xt::zeros<T>(Q.shape());
    *dK = xt::zeros<T>(K.shape());
    *dV = xt::zeros<T>(V.shape());
    for (std::size_t b = 0; b < d.B; ++b)
        for (std::size_t h = 0; h < d.H; ++h)
            for (std::size_t i = 0; i < d.Tq; ++i) {
                // dalpha_ij = dO_i . v_j;  dV_j += alpha_ij dO_i
                std::vector<double> ga(d.Tk, 0.0);
                double dot = 0;
                for (std::size_t j = 0; j < d.Tk; ++j) {
                    for (std::size_t l = 0; l < d.dv; ++l) {
                        ga[j] += double((*dO)(b, i, h * d.dv + l)) * double(V(b, j, h * d.dv + l));
                        (*dV)(b, j, h * d.dv + l) += alpha(b, h, i, j) * (*dO)(b, i, h * d.dv + l);
                    }
                    dot += double(alpha(b, h, i, j)) * ga[j];
                }
                for (std::size_t j = 0; j < d.Tk; ++j) {
                    const double gs = double(alpha(b, h, i, j)) * (ga[j] - dot);  // dL/ds_ij
                    for (std::size_t l = 0; l < d.dk; ++l) {
                        (*dQ)(b, i, h * d.dk + l) += T(lambda * gs * double(K(b, j, h * d.dk + l)));
                        (*dK)(b, j, h * d.dk + l) += T(lambda * gs * double(Q(b, i, h * d.dk + l)));
                    }
                }
            }
    return O;
}

template bool masked_softmax_row<float>(const float*, std::size_t, const MaskRow&, float*);
template bool masked_softmax_row<double>(const double*, std::size_t, const MaskRow&, double*);
template void softmax_backward_row<float>(const float*, std::size_t, float*);
template void softmax_backward_row<double>(const double*, std::size_t, double*);
template class ScaledDotProductAttention<float>;
template class ScaledDotProductAttention<double>;
template Tensor<float> attention_reference<float>(const Tensor<float>&, const Tensor<float>&, const Tensor<float>&,
                                                  std::size_t, const AttentionMask&, Tensor<float>&, const Tensor<float>*,
                                                  Tensor<float>*, Tensor<float>*, Tensor<float>*);
template Tensor<double> attention_reference<double>(const Tensor<double>&, const Tensor<double>&, const Tensor<double>&,
                                                    std::size_t, const AttentionMask&, Tensor<double>&,
                                                    const Tensor<double>*, Tensor<double>*, Tensor<double>*,
                                                    Tensor<double>*);

}  // namespace dlc
