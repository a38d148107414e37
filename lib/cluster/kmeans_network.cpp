#include "cluster/kmeans_network.hpp"

#include "core/check.hpp"
#include "core/error.hpp"
#include "nn/gemm.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace dlc {

const char* reduction_name(MseReduction r) { return r == MseReduction::elements ? "elements" : "batch"; }

double argmax_step_factor(double eta, double n_i, std::size_t b, std::size_t d, MseReduction r) {
    const double Z = r == MseReduction::elements ? double(b) * double(d) : double(b);
    return 2 * eta * n_i / Z;
}

template <class T>
KMeansNetwork<T>::KMeansNetwork(Matrix<T> centres, double beta) : C_(std::move(centres)), beta_(beta) {
    check_nonempty("KMeansNetwork", "centres", C_);
    check_finite("KMeansNetwork", "centres", C_);
    require(beta > 0 && std::isfinite(beta), "KMeansNetwork", "the softmax sharpness beta must be positive, got " +
                                                                   std::to_string(beta));
    grad_ = xt::zeros<T>(C_.shape());
}

template <class T>
void KMeansNetwork<T>::set_centres(const Matrix<T>& C) {
    check_shape("KMeansNetwork::set_centres", "C", C, {long(clusters()), long(dim())});
    C_ = C;
}

template <class T>
const Matrix<T>& KMeansNetwork<T>::forward(const Matrix<T>& X) {
    check_shape("KMeansNetwork::forward", "X", X, {any_extent, long(dim())});
    check_nonempty("KMeansNetwork::forward", "X", X);
    const std::size_t b = X.shape(0), k = clusters(), d = dim();
    if (X_.shape(0) != b) {
        X_ = Matrix<T>::from_shape({b, d});
        E_ = Matrix<T>::from_shape({b, d});
        V_ = Matrix<T>::from_shape({b, k});
        S_ = Matrix<T>::from_shape({b, k});
        gS_ = Matrix<T>::from_shape({b, k});
    }
    std::copy(X.begin(), X.end(), X_.begin());
    half_norms_ = Vector<T>::from_shape({k});
    for (std::size_t i = 0; i < k; ++i) {
        T s = 0;
        for (std::size_t j = 0; j < d; ++j) s += C_(i, j) * C_(i, j);
        half_norms_(i) = s / 2;
    }
    // V = X C^T - 1/2 ||C||^2 (the ten neurons)
    gemm<T>(false, true, b, k, d, T(1), X_.data(), C_.data(), T(0), V_.data());
    for (std::size_t n = 0; n < b; ++n) {
        // S = softmax(beta V), one row at a time (shifted by the row's maximum)
        for (std::size_t i = 0; i < k; ++i) V_(n, i) -= half_norms_(i);
        const T top = *std::max_element(&V_(n, 0), &V_(n, 0) + k);
        T z = 0;
        for (std::size_t i = 0; i < k; ++i) z += S_(n, i) = std::exp(T(beta_) * (V_(n, i) - top));
        for (std::size_t i = 0; i < k; ++i) S_(n, i) /= z;
    }
    // E = S C - X (the reconstruction minus the input)
    std::copy(X_.begin(), X_.end(), E_.begin());
    gemm<T>(false, false, b, d, k, T(1), S_.data(), C_.data(), T(-1), E_.data());
    return E_;
}

template <class T>
double KMeansNetwork<T>::loss(MseReduction r) const {
    require(E_.size() > 0, "KMeansNetwork::loss", "call forward first");
    double s = 0;
    for (T e : E_) s += double(e) * double(e);
    const double Z = r == MseReduction::elements ? double(E_.size()) : double(E_.shape(0));
    return s / Z;
}

template <class T>
const Matrix<T>& KMeansNetwork<T>::backward(MseReduction r) {
    require(E_.size() > 0, "KMeansNetwork::backward", "call forward first");
    const std::size_t b = E_.shape(0), k = clusters(), d = dim();
    const T Z = r == MseReduction::elements ? T(b * d) : T(b);
    const T two_over_Z = T(2) / Z;
    // grad_E = 2/Z E;  grad_C = S^T grad_E  (through R = S C)
    gemm<T>(true, false, k, d, b, two_over_Z, S_.data(), E_.data(), T(0), grad_.data());
    // grad_S = grad_E C^T
    gemm<T>(false, true, b, k, d, two_over_Z, E_.data(), C_.data(), T(0), gS_.data());
    // grad_V = beta S ⊙ (grad_S - rowsum(grad_S ⊙ S))  (softmax backward, times beta), kept in gS_
    for (std::size_t n = 0; n < b; ++n) {
        T dot = 0;
        for (std::size_t i = 0; i < k; ++i) dot += gS_(n, i) * S_(n, i);
        for (std::size_t i = 0; i < k; ++i) gS_(n, i) = T(beta_) * S_(n, i) * (gS_(n, i) - dot);
    }
    // grad_C += grad_V^T X - diag(1^T grad_V) C  (dV_ni / dC_i = x_n - C_i)
    gemm<T>(true, false, k, d, b, T(1), gS_.data(), X_.data(), T(1), grad_.data());
    for (std::size_t i = 0; i < k; ++i) {
        T col = 0;
        for (std::size_t n = 0; n < b; ++n) col += gS_(n, i);
        for (std::size_t j = 0; j < d; ++j) grad_(i, j) -= col * C_(i, j);
    }
    return grad_;
}

template <class T>
void KMeansNetwork<T>::sgd_step(double eta) {
    const T e = T(eta);
    for (std::size_t i = 0; i < C_.size(); ++i) C_.data()[i] -= e * grad_.data()[i];
}

template <class T>
Labels KMeansNetwork<T>::assign(const Matrix<T>& X) const {
    check_shape("KMeansNetwork::assign", "X", X, {any_extent, long(dim())});
    const std::size_t n = X.shape(0), k = clusters(), d = dim(), chunk = 4096;
    Vector<T> half(std::array<std::size_t, 1>{k});
    for (std::size_t i = 0; i < k; ++i) {
        T s = 0;
        for (std::size_t j = 0; j < d; ++j) s += C_(i, j) * C_(i, j);
        half(i) = s / 2;
    }
    Labels out = Labels::from_shape({n});
    Matrix<T> V = Matrix<T>::from_shape({std::min(n, chunk), k});
    for (std::size_t lo = 0; lo < n; lo += chunk) {
        const std::size_t m = std::min(n, lo + chunk) - lo;
        gemm<T>(false, true, m, k, d, T(1), X.data() + lo * d, C_.data(), T(0), V.data());
        for (std::size_t r = 0; r < m; ++r) {
            std::size_t best = 0;
            for (std::size_t i = 1; i < k; ++i)
                if (V(r, i) - half(i) > V(r, best) - half(best)) best = i;
            out(lo + r) = best;
        }
    }
    return out;
}

template <class T>
KMeansNetworkEpoch kmeans_network_epoch(KMeansNetwork<T>& net, const Matrix<T>& X, std::size_t batch, double eta,
                                        MseReduction r, Rng& rng) {
    require(batch > 0, "kmeans_network_epoch", "the batch size must be positive");
    require(eta > 0 && std::isfinite(eta), "kmeans_network_epoch", "the step eta must be positive, got " +
                                                                      std::to_string(eta));
    check_shape("kmeans_network_epoch", "X", X, {any_extent, long(net.dim())});
    check_nonempty("kmeans_network_epoch", "X", X);
    const std::size_t n = X.shape(0), d = X.shape(1);
    const std::vector<std::size_t> order = rng.permutation(n);
    Matrix<T> B;
    KMeansNetworkEpoch out;
    double total = 0;
    for (std::size_t lo = 0; lo < n; lo += batch) {
        const std::size_t m = std::min(n, lo + batch) - lo;
        if (B.shape(0) != m) B = Matrix<T>::from_shape({m, d});
        for (std::size_t row = 0; row < m; ++row)
            std::copy_n(X.data() + order[lo + row] * d, d, B.data() + row * d);
        net.forward(B);
        total += net.loss(r);
        net.backward(r);
        net.sgd_step(eta);
        ++out.batches;
    }
    out.mean_loss = total / double(out.batches);
    return out;
}

template class KMeansNetwork<float>;
template class KMeansNetwork<double>;
template KMeansNetworkEpoch kmeans_network_epoch(KMeansNetwork<float>&, const Matrix<float>&, std::size_t, double,
                                                MseReduction, Rng&);
template KMeansNetworkEpoch kmeans_network_epoch(KMeansNetwork<double>&, const Matrix<double>&, std::size_t, double,
                                                 MseReduction, Rng&);

}  // namespace dlc
