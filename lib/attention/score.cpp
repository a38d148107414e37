#include "attention/score.hpp"

#include "nn/gemm.hpp"

#include <algorithm>
#include <cmath>

namespace dlc {

namespace {

template <class T>
void uniform_fill(Tensor<T>& t, double a, Rng& rng) {
    for (auto& v : t) v = static_cast<T>(rng.uniform(-a, a));
}

}  // namespace

template <class T>
void AttentionScore<T>::zero_grad() {
    for (auto& p : parameters()) std::fill(p.grad->begin(), p.grad->end(), T(0));
}

template <class T>
std::vector<std::size_t> AttentionScore<T>::begin(const Tensor<T>& Q, const Tensor<T>& K, std::size_t dq,
                                                  std::size_t dk) {
    const std::string where = name() + "::forward";
    check_shape(where.c_str(), "Q (B, Tq, dq)", Q, {any_extent, any_extent, dq ? long(dq) : any_extent});
    check_shape(where.c_str(), "K (B, Tk, dk)", K, {long(Q.shape(0)), any_extent, dk ? long(dk) : any_extent});
    if (Q.size() == 0 || K.size() == 0)
        throw ShapeError(where, "empty queries or keys: Q " + shape_of(Q) + ", K " + shape_of(K));
    copy_into(Q_, Q);
    copy_into(K_, K);
    resize_buffer(E_, {Q.shape(0), Q.shape(1), K.shape(1)});
    return {Q.shape(0), Q.shape(1), K.shape(1)};
}

template <class T>
void AttentionScore<T>::check_grad(const Tensor<T>& dE) const {
    if (E_.dimension() != 3) throw ShapeError(name() + "::backward", "called before forward");
    if (!same_shape(dE, E_))
        throw ShapeError(name() + "::backward", "dE must have the shape of the scores " + shape_of(E_) + ", got " + shape_of(dE));
}

// ---- dot / scaled dot ----

template <class T>
DotScore<T>::DotScore(std::size_t d, bool scaled) : d_(d), scaled_(scaled), scale_(scaled ? 1.0 / std::sqrt(double(d)) : 1.0) {
    require(d > 0, "DotScore", "the feature size must be positive");
}

template <class T>
std::string DotScore<T>::name() const {
    return scaled_ ? "scaled dot (1/sqrt(" + std::to_string(d_) + "))" : "dot";
}

template <class T>
const Tensor<T>& DotScore<T>::forward(const Tensor<T>& Q, const Tensor<T>& K) {
    const auto s = this->begin(Q, K, d_, d_);
    const std::size_t B = s[0], Tq = s[1], Tk = s[2];
    for (std::size_t b = 0; b < B; ++b)  // E_b = lambda Q_b K_b^T
        gemm<T>(false, true, Tq, Tk, d_, T(scale_), Q.data() + b * Tq * d_, K.data() + b * Tk * d_, T(0),
                this->E_.data() + b * Tq * Tk);
    return this->E_;
}

template <class T>
void DotScore<T>::backward(const Tensor<T>& dE) {
    this->check_grad(dE);
    const std::size_t B = this->E_.shape(0), Tq = this->E_.shape(1), Tk = this->E_.shape(2);
    resize_like(this->dQ_, this->Q_);
    resize_like(this->dK_, this->K_);
    for (std::size_t b = 0; b < B; ++b) {
        const T* d = dE.data() + b * Tq * Tk;
        // dL/dQ_b = lambda Delta_b K_b,  dL/dK_b = lambda Delta_b^T Q_b
        gemm<T>(false, false, Tq, d_, Tk, T(scale_), d, this->K_.data() + b * Tk * d_, T(0), this->dQ_.data() + b * Tq * d_);
        gemm<T>(true, false, Tk, d_, Tq, T(scale_), d, this->Q_.data() + b * Tq * d_, T(0), this->dK_.data() + b * Tk * d_);
    }
}

// ---- general ----

template <class T>
GeneralScore<T>::GeneralScore(std::size_t dq, std::size_t dk, Rng& rng) {
    require(dq > 0 && dk > 0, "GeneralScore", "feature sizes must be positive");
    W_ = Tensor<T>::from_shape({dq, dk});
    uniform_fill(W_, 1.0 / std::sqrt(double(dk)), rng);
    dW_ = xt::zeros<T>(W_.shape());
}

template <class T>
std::string GeneralScore<T>::name() const {
    return "general";
}

template <class T>
std::vector<Parameter<T>> GeneralScore<T>::parameters() {
    return {{"W", &W_, &dW_, false}};
}

template <class T>
const Tensor<T>& GeneralScore<T>::forward(const Tensor<T>& Q, const Tensor<T>& K) {
    const std::size_t dq = W_.shape(0), dk = W_.shape(1);
    const auto s = this->begin(Q, K, dq, dk);
    const std::size_t B = s[0], Tq = s[1], Tk = s[2];
    resize_buffer(P_, {B * Tq, dk});
    gemm<T>(false, false, B * Tq, dk, dq, T(1), Q.data(), W_.data(), T(0), P_.data());  // P = Q W
    for (std::size_t b = 0; b < B; ++b)  // E_b = P_b K_b^T
        gemm<T>(false, true, Tq, Tk, dk, T(1), P_.data() + b * Tq * dk, K.data() + b * Tk * dk, T(0),
                this->E_.data() + b * Tq * Tk);
    return this->E_;
}

template <class T>
void GeneralScore<T>::backward(const Tensor<T>& dE) {
    this->check_grad(dE);
    const std::size_t dq = W_.shape(0), dk = W_.shape(1);
    const std::size_t B = this->E_.shape(0), Tq = this->E_.shape(1), Tk = this->E_.shape(2);
    resize_buffer(dP_, {B * Tq, dk});
    resize_like(this->dQ_, this->Q_);
    resize_like(this->dK_, this->K_);
    for (std::size_t b = 0; b < B; ++b) {
        const T* d = dE.data() + b * Tq * Tk;
        gemm<T>(false, false, Tq, dk, Tk, T(1), d, this->K_.data() + b * Tk * dk, T(0), dP_.data() + b * Tq * dk);  // dP_b = Delta_b K_b
        gemm<T>(true, false, Tk, dk, Tq, T(1), d, P_.data() + b * Tq * dk, T(0), this->dK_.data() + b * Tk * dk);    // dK_b = Delta_b^T P_b
    }
    gemm<T>(false, true, B * Tq, dq, dk, T(1), dP_.data(), W_.data(), T(0), this->dQ_.data());  // dQ = dP W^T
    gemm<T>(true, false, dq, dk, B * Tq, T(1), this->Q_.data(), dP_.data(), T(1), dW_.data());  // grad_W += Q^T dP
}

// ---- reduced rank ----

template <class T>
ReducedRankScore<T>::ReducedRankScore(std::size_t dq, std::size_t dk, std::size_t rank, Rng& rng) {
    require(dq > 0 && dk > 0 && rank > 0, "ReducedRankScore", "sizes and rank must be positive");
    U_ = Tensor<T>::from_shape({rank, dq});
    V_ = Tensor<T>::from_shape({rank, dk});
    uniform_fill(U_, 1.0 / std::sqrt(double(dq)), rng);
    uniform_fill(V_, 1.0 / std::sqrt(double(dk)), rng);
    dU_ = xt::zeros<T>(U_.shape());
    dV_ = xt::zeros<T>(V_.shape());
}

template <class T>
std::string ReducedRankScore<T>::name() const {
    return "reduced rank (r = " + std::to_string(U_.shape(0)) + ")";
}

template <class T>
std::vector<Parameter<T>> ReducedRankScore<T>::parameters() {
    return {{"U", &U_, &dU_, false}, {"V", &V_, &dV_, false}};
}

template <class T>
const Tensor<T>& ReducedRankScore<T>::forward(const Tensor<T>& Q, const Tensor<T>& K) {
    const std::size_t r = U_.shape(0), dq = U_.shape(1), dk = V_.shape(1);
    const auto s = this->begin(Q, K, dq, dk);
    const std::size_t B = s[0], Tq = s[1], Tk = s[2];
    resize_buffer(PQ_, {B * Tq, r});
    resize_buffer(PK_, {B * Tk, r});
    gemm<T>(false, true, B * Tq, r, dq, T(1), Q.data(), U_.data(), T(0), PQ_.data());  // U q for every query
    gemm<T>(false, true, B * Tk, r, dk, T(1), K.data(), V_.data(), T(0), PK_.data());  // V k for every key
    for (std::size_t b = 0; b < B; ++b)
        gemm<T>(false, true, Tq, Tk, r, T(1), PQ_.data() + b * Tq * r, PK_.data() + b * Tk * r, T(0),
                this->E_.data() + b * Tq * Tk);
    return this->E_;
}

template <class T>
void ReducedRankScore<T>::backward(const Tensor<T>& dE) {
    this->check_grad(dE);
    const std::size_t r = U_.shape(0), dq = U_.shape(1), dk = V_.shape(1);
    const std::size_t B = this->E_.shape(0), Tq = this->E_.shape(1), Tk = this->E_.shape(2);
    resize_buffer(dPQ_, {B * Tq, r});
    resize_buffer(dPK_, {B * Tk, r});
    for (std::size_t b = 0; b < B; ++b) {
        const T* d = dE.data() + b * Tq * Tk;
        gemm<T>(false, false, Tq, r, Tk, T(1), d, PK_.data() + b * Tk * r, T(0), dPQ_.data() + b * Tq * r);
        gemm<T>(true, false, Tk, r, Tq, T(1), d, PQ_.data() + b * Tq * r, T(0), dPK_.data() + b * Tk * r);
    }
    resize_like(this->dQ_, this->Q_);
    resize_like(this->dK_, this->K_);
    gemm<T>(false, false, B * Tq, dq, r, T(1), dPQ_.data(), U_.data(), T(0), this->dQ_.data());
    gemm<T>(false, false, B * Tk, dk, r, T(1), dPK_.data(), V_.data(), T(0), this->dK_.data());
    gemm<T>(true, false, r, dq, B * Tq, T(1), dPQ_.data(), this->Q_.data(), T(1), dU_.data());
    gemm<T>(true, false, r, dk, B * Tk, T(1), dPK_.data(), this->K_.data(), T(1), dV_.data());
}

// ---- additive ----

template <class T>
AdditiveScore<T>::AdditiveScore(std::size_t dq, std::size_t dk, std::size_t r, Rng& rng) {
    require(dq > 0 && dk > 0 && r > 0, "AdditiveScore", "sizes must be positive");
    Wq_ = Tensor<T>::from_shape({r, dq});
    Wk_ = Tensor<T>::from_shape({r, dk});
    v_ = Tensor<T>::from_shape({r});
    uniform_fill(Wq_, 1.0 / std::sqrt(double(dq)), rng);
    uniform_fill(Wk_, 1.0 / std::sqrt(double(dk)), rng);
    uniform_fill(v_, 1.0 / std::sqrt(double(r)), rng);
    dWq_ = xt::zeros<T>(Wq_.shape());
    dWk_ = xt::zeros<T>(Wk_.shape());
    dv_ = xt::zeros<T>(v_.shape());
}

template <class T>
std::string AdditiveScore<T>::name() const {
    return "additive (r = " + std::to_string(v_.size()) + ")";
}

template <class T>
std::vector<Parameter<T>> AdditiveScore<T>::parameters() {
    return {{"Wq", &Wq_, &dWq_, false}, {"Wk", &Wk_, &dWk_, false}, {"v", &v_, &dv_, false}};
}

template <class T>
const Tensor<T>& AdditiveScore<T>::forward(const Tensor<T>& Q, const Tensor<T>& K) {
    const std::size_t r = v_.size(), dq = Wq_.shape(1), dk = Wk_.shape(1);
    const auto s = this->begin(Q, K, dq, dk);
    const std::size_t B = s[0], Tq = s[1], Tk = s[2];
    resize_buffer(P_, {B * Tq, r});
    resize_buffer(R_, {B * Tk, r});
    resize_buffer(U_, {B * Tq * Tk, r});
    gemm<T>(false, true, B * Tq, r, dq, T(1), Q.data(), Wq_.data(), T(0), P_.data());  // P = Q W_q^T
    gemm<T>(false, true, B * Tk, r, dk, T(1), K.data(), Wk_.data(), T(0), R_.data());  // R = K W_k^T
    const T* v = v_.data();
    for (std::size_t b = 0; b < B; ++b)
        for (std::size_t i = 0; i < Tq; ++i) {
            const T* p = P_.data() + (b * Tq + i) * r;
            for (std::size_t j = 0; j < Tk; ++j) {
                const T* q = R_.data() + (b * Tk + j) * r;
                T* u = U_.data() + ((b * Tq + i) * Tk + j) * r;
                T e = 0;
                for (std::size_t l = 0; l < r; ++l) {
                    u[l] = std::tanh(p[l] + q[l]);  // u = tanh(W_q q_i + W_k k_j)
                    e += v[l] * u[l];               // e = v^T u
                }
                this->E_.data()[(b * Tq + i) * Tk + j] = e;
            }
        }
    return this->E_;
}

template <class T>
void AdditiveScore<T>::backward(const Tensor<T>& dE) {
    this->check_grad(dE);
    const std::size_t r = v_.size(), dq = Wq_.shape(1), dk = Wk_.shape(1);
    const std::size_t B = this->E_.shape(0), Tq = this->E_.shape(1), Tk = this->E_.shape(2);
    resize_buffer(dP_, {B * Tq, r});
    resize_buffer(dR_, {B * Tk, r});
    std::fill(dP_.begin(), dP_.end(), T(0));
    std::fill(dR_.begin(), dR_.end(), T(0));
    const T* v = v_.data();
    T* dv = dv_.data();
    for (std::size_t b = 0; b < B; ++b)
        for (std::size_t i = 0; i < Tq; ++i) {
            T* dp = dP_.data() + (b * Tq + i) * r;
            for (std::size_t j = 0; j < Tk; ++j) {
                const T g = dE.data()[(b * Tq + i) * Tk + j];  // gamma = dL/de_ij
                const T* u = U_.data() + ((b * Tq + i) * Tk + j) * r;
                T* dq_ = dR_.data() + (b * Tk + j) * r;
                for (std::size_t l = 0; l < r; ++l) {
                    dv[l] += g * u[l];                                // grad_v += gamma u
                    const T rho = g * v[l] * (T(1) - u[l] * u[l]);   // rho = gamma v ⊙ (1 - u^2)
                    dp[l] += rho;                                     // dL/dP_i += rho
                    dq_[l] += rho;                                    // dL/dR_j += rho
                }
            }
        }
    resize_like(this->dQ_, this->Q_);
    resize_like(this->dK_, this->K_);
    gemm<T>(false, false, B * Tq, dq, r, T(1), dP_.data(), Wq_.data(), T(0), this->dQ_.data());  // dQ = dP W_q
    gemm<T>(false, false, B * Tk, dk, r, T(1), dR_.data(), Wk_.data(), T(0), this->dK_.data());  // dK = dR W_k
    gemm<T>(true, false, r, dq, B * Tq, T(1), dP_.data(), this->Q_.data(), T(1), dWq_.data());   // grad_Wq += dP^T Q
    gemm<T>(true, false, r, dk, B * Tk, T(1), dR_.data(), this->K_.data(), T(1), dWk_.data());   // grad_Wk += dR^T K
}

std::string score_kind_name(ScoreKind kind) {
    switch (kind) {
        case ScoreKind::dot: return "dot";
        case ScoreKind::scaled_dot: return "scaled_dot";
        case ScoreKind::general: return "general";
        case ScoreKind::reduced_rank: return "reduced_rank";
        case ScoreKind::additive: return "additive";
    }
    return "?";
}

template <class T>
std::unique_ptr<AttentionScore<T>> make_score(ScoreKind kind, std::size_t dq, std::size_t dk, std::size_t r, Rng& rng) {
    switch (kind) {
        case ScoreKind::dot:
        case ScoreKind::scaled_dot:
            require(dq == dk, "make_score", "dot scores need queries and keys of the same size, got dq = " +
                                                std::to_string(dq) + ", dk = " + std::to_string(dk));
            return std::make_unique<DotScore<T>>(dq, kind == ScoreKind::scaled_dot);
        case ScoreKind::general: return std::make_unique<GeneralScore<T>>(dq, dk, rng);
        case ScoreKind::reduced_rank: return std::make_unique<ReducedRankScore<T>>(dq, dk, r, rng);
        case ScoreKind::additive: return std::make_unique<AdditiveScore<T>>(dq, dk, r, rng);
    }
    throw ValueError("make_score", "unknown score kind");
}

template class AttentionScore<float>;
template class AttentionScore<double>;
template class DotScore<float>;
template class DotScore<double>;
template class GeneralScore<float>;
template class GeneralScore<double>;
template class ReducedRankScore<float>;
template class ReducedRankScore<double>;
template class AdditiveScore<float>;
template class AdditiveScore<double>;
template std::unique_ptr<AttentionScore<float>> make_score<float>(ScoreKind, std::size_t, std::size_t, std::size_t, Rng&);
template std::unique_ptr<AttentionScore<double>> make_score<double>(ScoreKind, std::size_t, std::size_t, std::size_t, Rng&);

}  // namespace dlc
