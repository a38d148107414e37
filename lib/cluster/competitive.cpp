#include "cluster/competitive.hpp"

#include "core/check.hpp"

#include <xtensor/xview.hpp>

#include <cmath>
#include <string>

namespace dlc {

template <class T>
T round_to_integer(T value, Rounding mode) {
    if (mode == Rounding::none || !std::isfinite(value)) return value;
    // value = r + f with r = floor(value) and 0 <= f < 1 (f is exact: value - floor(value) has no rounding).
    const T r = std::floor(value);
    const T f = value - r;
    if (f < T(0.5)) return r;
    if (f > T(0.5)) return r + 1;
    // A half: value = r + 1/2 lies between r and r + 1.
    switch (mode) {
        case Rounding::half_to_even: return std::fmod(r, T(2)) == 0 ? r : r + 1;
        case Rounding::half_away_from_zero: return value > 0 ? r + 1 : r;
        case Rounding::half_toward_zero: return value > 0 ? r : r + 1;
        case Rounding::half_up: return r + 1;
        case Rounding::none: break;
    }
    return value;
}

template <class T>
Vector<T> competitive_fields(const Matrix<T>& weights, const Vector<T>& x) {
    check_nonempty("competitive_fields", "weights", weights);
    check_shape("competitive_fields", "x", x, {static_cast<long>(weights.shape(1))});
    const std::size_t m = weights.shape(0), d = weights.shape(1);
    Vector<T> v = Vector<T>::from_shape({m});
    for (std::size_t i = 0; i < m; ++i) {
        T s = 0;
        for (std::size_t l = 0; l < d; ++l) s += weights(i, l) * x(l);  // v_i = w_i^T x
        v(i) = s;
    }
    return v;
}

template <class T>
std::size_t competitive_winner(const Vector<T>& fields, TieBreak tie_break, bool* tie) {
    check_nonempty("competitive_winner", "fields", fields);
    std::size_t first = 0, last = 0, count = 1;
    for (std::size_t i = 1; i < fields.size(); ++i) {
        if (fields(i) > fields(first)) {
            first = last = i;
            count = 1;
        } else if (fields(i) == fields(first)) {
            last = i;
            ++count;
        }
    }
    if (tie) *tie = count > 1;
    return tie_break == TieBreak::lowest_index ? first : last;
}

template <class T>
CompetitiveResult<T> competitive_learning(const Matrix<T>& X, const Matrix<T>& initial_weights,
                                          const CompetitiveOptions& options) {
    const char* where = "competitive_learning";
    check_nonempty(where, "X", X);
    check_finite(where, "X", X);
    check_nonempty(where, "initial_weights", initial_weights);
    check_shape(where, "initial_weights", initial_weights, {any_extent, static_cast<long>(X.shape(1))});
    check_finite(where, "initial_weights", initial_weights);
    require(std::isfinite(options.eta) && options.eta > 0, where,
            "eta must be finite and > 0, got " + std::to_string(options.eta));
    require(options.epochs >= 1, where, "epochs must be at least 1, got 0");

    const std::size_t n = X.shape(0), d = X.shape(1);
    const T eta = static_cast<T>(options.eta);
    CompetitiveResult<T> r;
    r.weights = initial_weights;
    Matrix<T>& W = r.weights;
    std::size_t iteration = 0;
    for (std::size_t epoch = 1; epoch <= options.epochs; ++epoch) {
        for (std::size_t p = 0; p < n; ++p) {
            ++iteration;
            const Vector<T> x = xt::row(X, p);
            const Vector<T> v = competitive_fields(W, x);  // v = W x
            bool tie = false;
            const std::size_t i = competitive_winner(v, options.tie_break, &tie);
            const T y = v(i);  // the winner's output y~ = w_i^T x
            const T scale = options.rule == CompetitiveRule::output_scaled ? eta * y : eta;

            CompetitiveStep<T> step;
            if (options.record_trace) step.weights_before = W;
            Vector<T> updated = Vector<T>::from_shape({d});
            for (std::size_t l = 0; l < d; ++l) updated(l) = W(i, l) + scale * (x(l) - W(i, l));
            for (std::size_t l = 0; l < d; ++l) W(i, l) = round_to_integer(updated(l), options.rounding);

            if (options.record_trace) {
                step.epoch = epoch;
                step.iteration = iteration;
                step.point = p;
                step.x = x;
                step.fields = v;
                step.winner = i;
                step.tie = tie;
                step.output = y;
                step.update = std::move(updated);
                step.weights_after = W;
                r.trace.push_back(std::move(step));
            }
        }
    }
    return r;
}

#define DLC_INSTANTIATE_COMPETITIVE(T)                                                                 \
    template T round_to_integer<T>(T, Rounding);                                                       \
    template Vector<T> competitive_fields<T>(const Matrix<T>&, const Vector<T>&);                      \
    template std::size_t competitive_winner<T>(const Vector<T>&, TieBreak, bool*);                     \
    template CompetitiveResult<T> competitive_learning<T>(const Matrix<T>&, const Matrix<T>&,          \
                                                          const CompetitiveOptions&);
DLC_INSTANTIATE_COMPETITIVE(float)
DLC_INSTANTIATE_COMPETITIVE(double)
#undef DLC_INSTANTIATE_COMPETITIVE

}  // namespace dlc
