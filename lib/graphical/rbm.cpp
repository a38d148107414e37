#include "graphical/rbm.hpp"

#include "core/check.hpp"
#include "graphical/binary_states.hpp"
#include "nn/gemm.hpp"
#include "vae/softplus.hpp"

#include <cmath>
#include <string>

namespace dlc {

template <class T>
void check_rbm(const char* where, const Rbm<T>& rbm) {
    check_nonempty(where, "b (hidden biases)", rbm.b);
    check_nonempty(where, "c (visible biases)", rbm.c);
    check_shape(where, "W", rbm.W, {static_cast<long>(rbm.b.size()), static_cast<long>(rbm.c.size())});
    check_finite(where, "W", rbm.W);
    check_finite(where, "b", rbm.b);
    check_finite(where, "c", rbm.c);
}

template <class T>
Rbm<T> make_rbm(const Matrix<T>& W, const Vector<T>& b, const Vector<T>& c) {
    Rbm<T> rbm{W, b, c};
    check_rbm("make_rbm", rbm);
    return rbm;
}

template <class T>
Rbm<T> make_rbm(std::size_t D, std::size_t H, Rng& rng, double sd) {
    require(D >= 1 && H >= 1, "make_rbm",
            "expected at least one visible and one hidden unit, got D = " + std::to_string(D) + ", H = " + std::to_string(H));
    require(std::isfinite(sd) && sd >= 0.0, "make_rbm", "expected a finite sd >= 0, got " + std::to_string(sd));
    Rbm<T> rbm{Matrix<T>::from_shape({H, D}), xt::zeros<T>({H}), xt::zeros<T>({D})};
    for (auto& w : rbm.W) w = static_cast<T>(rng.normal(0.0, sd));
    return rbm;
}

template <class T>
Rbm<T> rbm_from_definition_9_11(const Matrix<T>& W_def, const Vector<T>& b_def, const Vector<T>& a_def) {
    check_shape("rbm_from_definition_9_11", "W_def", W_def,
                {static_cast<long>(b_def.size()), static_cast<long>(a_def.size())});
    Rbm<T> rbm{xt::transpose(W_def), a_def, b_def};
    check_rbm("rbm_from_definition_9_11", rbm);
    return rbm;
}

template <class T>
T softplus(T a) {
    return std::max(a, T(0)) + std::log1p(std::exp(-std::abs(a)));
}

template <class T>
T sigmoid(T a) {
    return T(1) / (T(1) + std::exp(-a));  // exp overflows to inf for a << 0: sigma = 0
}

namespace {
template <class T>
void check_visible(const char* where, const Rbm<T>& rbm, const Vector<T>& x) {
    check_shape(where, "x", x, {static_cast<long>(rbm.visible())});
    check_binary(where, "x", x);
}
template <class T>
T dot_row(const Rbm<T>& rbm, std::size_t j, const Vector<T>& x) {  // W_{j,:} x
    T s = 0;
    for (std::size_t k = 0; k < x.size(); ++k) s += rbm.W(j, k) * x(k);
    return s;
}
}  // namespace

template <class T>
T rbm_energy(const Rbm<T>& rbm, const Vector<T>& x, const Vector<T>& h) {
    check_visible("rbm_energy", rbm, x);
    check_shape("rbm_energy", "h", h, {static_cast<long>(rbm.hidden())});
    check_binary("rbm_energy", "h", h);
    T e = 0;
    for (std::size_t j = 0; j < h.size(); ++j) e -= h(j) * (dot_row(rbm, j, x) + rbm.b(j));  // -h^T W x - b^T h
    for (std::size_t k = 0; k < x.size(); ++k) e -= rbm.c(k) * x(k);                         // -c^T x
    return e;
}

template <class T>
T free_energy(const Rbm<T>& rbm, const Vector<T>& x) {
    check_visible("free_energy", rbm, x);
    T f = 0;
    for (std::size_t k = 0; k < x.size(); ++k) f -= rbm.c(k) * x(k);                                     // -c^T x
    for (std::size_t j = 0; j < rbm.hidden(); ++j) f -= softplus(rbm.b(j) + dot_row(rbm, j, x));  // - sum softplus
    return f;
}

template <class T>
Vector<T> free_energy_rows(const Rbm<T>& rbm, const Matrix<T>& X) {
    check_shape("free_energy_rows", "X", X, {any_extent, static_cast<long>(rbm.visible())});
    check_binary("free_energy_rows", "X", X);
    const std::size_t n = X.shape(0), D = rbm.visible(), H = rbm.hidden();
    Matrix<T> A = Matrix<T>::from_shape({n, H});
    gemm<T>(false, true, n, H, D, T(1), X.data(), rbm.W.data(), T(0), A.data());  // A = X W^T
    Vector<T> F = xt::zeros<T>({n});
    for (std::size_t t = 0; t < n; ++t) {
        T f = 0;
        for (std::size_t k = 0; k < D; ++k) f -= rbm.c(k) * X(t, k);
        for (std::size_t j = 0; j < H; ++j) f -= softplus(A(t, j) + rbm.b(j));
        F(t) = f;
    }
    return F;
}

template <class T>
Matrix<T> hidden_probabilities(const Rbm<T>& rbm, const Matrix<T>& X) {
    check_shape("hidden_probabilities", "X", X, {any_extent, static_cast<long>(rbm.visible())});
    check_binary("hidden_probabilities", "X", X);
    Matrix<T> P = Matrix<T>::from_shape({X.shape(0), rbm.hidden()});
    for (std::size_t t = 0; t < X.shape(0); ++t)
        for (std::size_t j = 0; j < rbm.hidden(); ++j) {
            T a = rbm.b(j);  // b_j + W_{j,:} x
            for (std::size_t k = 0; k < rbm.visible(); ++k) a += rbm.W(j, k) * X(t, k);
            P(t, j) = sigmoid(a);
        }
    return P;
}

template <class T>
Matrix<T> visible_probabilities(const Rbm<T>& rbm, const Matrix<T>& Hs) {
    check_shape("visible_probabilities", "Hs", Hs, {any_extent, static_cast<long>(rbm.hidden())});
    check_binary("visible_probabilities", "Hs", Hs);
    Matrix<T> P = Matrix<T>::from_shape({Hs.shape(0), rbm.visible()});
    for (std::size_t t = 0; t < Hs.shape(0); ++t)
        for (std::size_t k = 0; k < rbm.visible(); ++k) {
            T a = rbm.c(k);  // c_k + h^T W_{:,k}
            for (std::size_t j = 0; j < rbm.hidden(); ++j) a += Hs(t, j) * rbm.W(j, k);
            P(t, k) = sigmoid(a);
        }
    return P;
}

template <class T>
void sigmoid_in_place(T* a, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) a[i] = T(1) / (T(1) + std::exp(-a[i]));
}

// In float, the vectorized sigma (lib/vae/softplus.hpp): the conditionals of every Gibbs step of CD and AIS; the
// plain loop above stays the double version and the reference it is tested against.
template <>
void sigmoid_in_place<float>(float* a, std::size_t n) {
    sigmoid_fast(a, n);
}

template <class T>
void hidden_probabilities_into(const Rbm<T>& rbm, const T* X, std::size_t n, T* P) {
    const std::size_t D = rbm.visible(), H = rbm.hidden();
    for (std::size_t t = 0; t < n; ++t) std::copy(rbm.b.data(), rbm.b.data() + H, P + t * H);
    gemm<T>(false, true, n, H, D, T(1), X, rbm.W.data(), T(1), P);  // P = 1 b^T + X W^T
    sigmoid_in_place(P, n * H);
}

template <class T>
void visible_probabilities_into(const Rbm<T>& rbm, const T* Hs, std::size_t n, T* P) {
    const std::size_t D = rbm.visible(), H = rbm.hidden();
    for (std::size_t t = 0; t < n; ++t) std::copy(rbm.c.data(), rbm.c.data() + D, P + t * D);
    gemm<T>(false, false, n, D, H, T(1), Hs, rbm.W.data(), T(1), P);  // P = 1 c^T + H W
    sigmoid_in_place(P, n * D);
}

template <class T>
void bernoulli_into(const T* p, const T* u, T* s, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) s[i] = u[i] < p[i] ? T(1) : T(0);
}

template <>
void fill_uniform<float>(Rng& rng, float* u, std::size_t n) {
    constexpr float scale = 0x1.0p-24f;
    std::size_t i = 0;
    for (; i + 1 < n; i += 2) {
        const std::uint64_t r = rng.bits();
        u[i] = static_cast<float>(r >> 40) * scale;                // top 24 bits
        u[i + 1] = static_cast<float>((r >> 8) & 0xFFFFFFu) * scale;  // next 24 bits
    }
    if (i < n) u[i] = static_cast<float>(rng.bits() >> 40) * scale;
}

template <>
void fill_uniform<double>(Rng& rng, double* u, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) u[i] = rng.uniform();
}

template <class T>
RbmGradient<T> free_energy_gradient(const Rbm<T>& rbm, const Vector<T>& x) {
    check_visible("free_energy_gradient", rbm, x);
    RbmGradient<T> g{Matrix<T>::from_shape({rbm.hidden(), rbm.visible()}), Vector<T>::from_shape({rbm.hidden()}), -x};
    for (std::size_t j = 0; j < rbm.hidden(); ++j) {
        const T hj = sigmoid(rbm.b(j) + dot_row(rbm, j, x));  // h(x)_j = p(h_j = 1 | x)
        g.b(j) = -hj;
        for (std::size_t k = 0; k < rbm.visible(); ++k) g.W(j, k) = -hj * x(k);  // -h(x) x^T
    }
    return g;
}

#define DLC_RBM_INSTANTIATE(T)                                                                   \
    template void check_rbm<T>(const char*, const Rbm<T>&);                                      \
    template Rbm<T> make_rbm<T>(const Matrix<T>&, const Vector<T>&, const Vector<T>&);           \
    template Rbm<T> make_rbm<T>(std::size_t, std::size_t, Rng&, double);                         \
    template Rbm<T> rbm_from_definition_9_11<T>(const Matrix<T>&, const Vector<T>&, const Vector<T>&); \
    template T softplus<T>(T);                                                                   \
    template T sigmoid<T>(T);                                                                    \
    template T rbm_energy<T>(const Rbm<T>&, const Vector<T>&, const Vector<T>&);                 \
    template T free_energy<T>(const Rbm<T>&, const Vector<T>&);                                  \
    template Vector<T> free_energy_rows<T>(const Rbm<T>&, const Matrix<T>&);                     \
    template Matrix<T> hidden_probabilities<T>(const Rbm<T>&, const Matrix<T>&);                 \
    template Matrix<T> visible_probabilities<T>(const Rbm<T>&, const Matrix<T>&);                \
    template void hidden_probabilities_into<T>(const Rbm<T>&, const T*, std::size_t, T*);        \
    template void visible_probabilities_into<T>(const Rbm<T>&, const T*, std::size_t, T*);       \
    template void sigmoid_in_place<T>(T*, std::size_t);                                          \
    template void bernoulli_into<T>(const T*, const T*, T*, std::size_t);                        \
    template RbmGradient<T> free_energy_gradient<T>(const Rbm<T>&, const Vector<T>&);

DLC_RBM_INSTANTIATE(float)
DLC_RBM_INSTANTIATE(double)

}  // namespace dlc
