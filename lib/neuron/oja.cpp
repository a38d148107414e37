#include "neuron/oja.hpp"

#include "core/check.hpp"
#include "report/table.hpp"

#include <xtensor-blas/xlinalg.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace dlc {

namespace {

template <class T>
double norm2(const Vector<T>& v) {
    double s = 0;
    for (auto e : v) s += static_cast<double>(e) * static_cast<double>(e);
    return std::sqrt(s);
}

}  // namespace

template <class T>
Vector<T> oja_update(const Vector<T>& w, const Vector<T>& x, T eta) {
    check_shape("oja_update", "x", x, {static_cast<long>(w.size())});
    T y = 0;
    for (std::size_t l = 0; l < w.size(); ++l) y += w(l) * x(l);  // y = w^T x
    Vector<T> r = Vector<T>::from_shape({w.size()});
    for (std::size_t l = 0; l < w.size(); ++l) r(l) = w(l) + eta * y * (x(l) - y * w(l));
    return r;
}

template <class T>
Vector<T> normalized_hebb_update(const Vector<T>& w, const Vector<T>& x, T eta) {
    check_shape("normalized_hebb_update", "x", x, {static_cast<long>(w.size())});
    T y = 0;
    for (std::size_t l = 0; l < w.size(); ++l) y += w(l) * x(l);
    Vector<T> r = Vector<T>::from_shape({w.size()});
    for (std::size_t l = 0; l < w.size(); ++l) r(l) = w(l) + eta * y * x(l);  // Hebb: w + eta y x
    const double n = norm2(r);
    require(n > 0, "normalized_hebb_update", "w + eta y x is the zero vector: cannot normalize");
    for (auto& e : r) e = static_cast<T>(e / n);
    return r;
}

template <class T>
OjaResult<T> oja_learning(const Matrix<T>& X, const Vector<T>& initial, const OjaOptions& options, Rng* rng) {
    const char* where = "oja_learning";
    check_nonempty(where, "X", X);
    check_finite(where, "X", X);
    check_shape(where, "initial", initial, {static_cast<long>(X.shape(1))});
    check_finite(where, "initial", initial);
    require(norm2(initial) > 0, where, "initial must be non-zero (w = 0 is a fixed point of Oja's rule)");
    require(std::isfinite(options.eta) && options.eta > 0, where,
            "eta must be finite and > 0, got " + std::to_string(options.eta));
    require(options.epochs >= 1, where, "epochs must be at least 1, got 0");
    require(!options.shuffle || rng != nullptr, where, "shuffle needs an Rng, got none");
    require(options.blowup > 0, where, "blowup must be > 0, got " + std::to_string(options.blowup));

    const std::size_t n = X.shape(0);
    const T eta = static_cast<T>(options.eta);
    OjaResult<T> r;
    r.weights = initial;
    r.epoch_weights.push_back(initial);
    if (options.record_steps) r.step_weights.push_back(initial);
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
    for (std::size_t epoch = 1; epoch <= options.epochs; ++epoch) {
        if (options.shuffle) order = rng->permutation(n);
        for (std::size_t i : order) {
            Vector<T> next = oja_update(r.weights, Vector<T>(xt::row(X, i)), eta);
            const double nn = norm2(next);
            if (!std::isfinite(nn) || nn > options.blowup) {
                r.diverged = true;
                r.diagnosis = std::string(where) + ": the weights diverge, ||w|| = " +
                              (std::isfinite(nn) ? fmt(nn, 4) : std::string("non-finite")) + " at step " +
                              std::to_string(r.steps + 1) + " (epoch " + std::to_string(epoch) + ", eta = " +
                              fmt(options.eta) + "): eta is too large for these data";
                return r;
            }
            r.weights = std::move(next);
            ++r.steps;
            if (options.record_steps) r.step_weights.push_back(r.weights);
        }
        r.epoch_weights.push_back(r.weights);
    }
    return r;
}

template <class T>
Matrix<T> second_moment(const Matrix<T>& X) {
    check_nonempty("second_moment", "X", X);
    check_shape("second_moment", "X", X, {any_extent, any_extent});
    const std::size_t n = X.shape(0), d = X.shape(1);
    Matrix<T> C = xt::zeros<T>({d, d});
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t a = 0; a < d; ++a)
            for (std::size_t b = 0; b < d; ++b) C(a, b) += X(i, a) * X(i, b);
    C /= static_cast<T>(n);
    return C;
}

template <class T>
Matrix<T> centred(const Matrix<T>& X) {
    check_nonempty("centred", "X", X);
    check_shape("centred", "X", X, {any_extent, any_extent});
    const Vector<T> mean = xt::mean(X, {0});
    Matrix<T> Z = X;
    for (std::size_t i = 0; i < X.shape(0); ++i)
        for (std::size_t l = 0; l < X.shape(1); ++l) Z(i, l) -= mean(l);
    return Z;
}

template <class T>
PrincipalComponent<T> top_eigenvector(const Matrix<T>& C) {
    const char* where = "top_eigenvector";
    check_nonempty(where, "C", C);
    check_shape(where, "C", C, {static_cast<long>(C.shape(0)), static_cast<long>(C.shape(0))});
    check_finite(where, "C", C);
    const std::size_t d = C.shape(0);
    // eigh returns the eigenvalues in ascending order and the eigenvectors as columns.
    const Matrix<T> sym = (C + xt::transpose(C)) / T(2);
    auto [values, vectors] = xt::linalg::eigh(sym);
    PrincipalComponent<T> pc;
    pc.eigenvalue = values(d - 1);
    pc.second_eigenvalue = d > 1 ? values(d - 2) : T(0);
    pc.direction = xt::view(vectors, xt::all(), d - 1);
    std::size_t big = 0;
    for (std::size_t l = 1; l < d; ++l)
        if (std::abs(pc.direction(l)) > std::abs(pc.direction(big))) big = l;
    if (pc.direction(big) < 0) pc.direction = -pc.direction;
    return pc;
}

template <class T>
double direction_angle_degrees(const Vector<T>& a, const Vector<T>& b) {
    check_shape("direction_angle_degrees", "b", b, {static_cast<long>(a.size())});
    const double na = norm2(a), nb = norm2(b);
    require(na > 0 && nb > 0, "direction_angle_degrees", "both vectors must be non-zero");
    double dot = 0;
    for (std::size_t l = 0; l < a.size(); ++l) dot += static_cast<double>(a(l)) * static_cast<double>(b(l));
    // atan2(sine, cosine) is accurate at every angle (acos is not near 0); the sine comes from the Lagrange
    // identity |a|^2 |b|^2 - (a.b)^2 = sum_{k<l} (a_k b_l - a_l b_k)^2.
    double cross2 = 0;
    for (std::size_t k = 0; k < a.size(); ++k)
        for (std::size_t l = k + 1; l < a.size(); ++l) {
            const double t = static_cast<double>(a(k)) * b(l) - static_cast<double>(a(l)) * b(k);
            cross2 += t * t;
        }
    const double s = std::sqrt(cross2) / (na * nb), c = std::abs(dot) / (na * nb);
    return std::atan2(s, c) * 180.0 / M_PI;
}

#define DLC_INSTANTIATE_OJA(T)                                                                                 \
    template Vector<T> oja_update<T>(const Vector<T>&, const Vector<T>&, T);                                   \
    template Vector<T> normalized_hebb_update<T>(const Vector<T>&, const Vector<T>&, T);                       \
    template OjaResult<T> oja_learning<T>(const Matrix<T>&, const Vector<T>&, const OjaOptions&, Rng*);        \
    template Matrix<T> second_moment<T>(const Matrix<T>&);                                                     \
    template Matrix<T> centred<T>(const Matrix<T>&);                                                           \
    template PrincipalComponent<T> top_eigenvector<T>(const Matrix<T>&);                                       \
    template double direction_angle_degrees<T>(const Vector<T>&, const Vector<T>&);
DLC_INSTANTIATE_OJA(float)
DLC_INSTANTIATE_OJA(double)
#undef DLC_INSTANTIATE_OJA

}  // namespace dlc
