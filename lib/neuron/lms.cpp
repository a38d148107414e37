#include "neuron/lms.hpp"

#include "core/check.hpp"
#include "neuron/activation.hpp"
#include "report/table.hpp"

#include <xtensor-blas/xlinalg.hpp>

#include <cmath>
#include <limits>
#include <string>

namespace dlc {

namespace {

template <class T>
void check_fit_args(const char* where, const Matrix<T>& X, const Vector<T>& y, const Vector<T>& initial,
                    const LmsOptions& options, bool per_sample, Rng* rng) {
    check_nonempty(where, "X", X);
    check_finite(where, "X", X);
    check_shape(where, "y", y, {static_cast<long>(X.shape(0))});
    check_finite(where, "y", y);
    check_shape(where, "initial", initial, {static_cast<long>(X.shape(1))});
    check_finite(where, "initial", initial);
    require(std::isfinite(options.eta) && options.eta > 0, where,
            "eta must be finite and > 0, got " + std::to_string(options.eta));
    require(options.epochs >= 1, where, "epochs must be at least 1, got 0");
    require(options.blowup > 0, where, "blowup must be > 0, got " + std::to_string(options.blowup));
    require(!(per_sample && options.shuffle) || rng != nullptr, where, "shuffle needs an Rng, got none");
}

template <class T>
T dot_row(const Matrix<T>& X, std::size_t i, const Vector<T>& w) {
    T v = 0;
    for (std::size_t l = 0; l < w.size(); ++l) v += w(l) * X(i, l);
    return v;
}

template <class T>
bool all_finite(const Vector<T>& w) {
    for (auto e : w)
        if (!std::isfinite(static_cast<double>(e))) return false;
    return true;
}

// The epoch loop shared by the three rules: `step(w, i)` updates w for point i (per sample) or, with
// `per_sample` false, `step(w, n)` makes one batch step; `risk(w)` evaluates R.
template <class T, class Step, class Risk>
LmsResult<T> fit(const char* where, const Matrix<T>& X, const Vector<T>& initial, const LmsOptions& options,
                 bool per_sample, Rng* rng, Step step, Risk risk) {
    const std::size_t n = X.shape(0);
    LmsResult<T> r;
    r.weights = initial;
    r.epoch_weights.push_back(initial);
    r.risk.push_back(risk(initial));
    const double limit = options.blowup * (1.0 + r.risk[0]);
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
    for (std::size_t epoch = 1; epoch <= options.epochs; ++epoch) {
        Vector<T> w = r.weights;
        if (per_sample) {
            if (options.shuffle) order = rng->permutation(n);
            for (std::size_t i : order) step(w, i);
        } else {
            step(w, n);
        }
        const double R = all_finite(w) ? risk(w) : std::numeric_limits<double>::infinity();
        if (!std::isfinite(R) || R > limit) {
            r.diverged = true;
            r.diagnosis = std::string(where) + ": diverged at epoch " + std::to_string(epoch) + ": the risk " +
                          (std::isfinite(R) ? fmt(R, 4) : std::string("is not finite")) +
                          (std::isfinite(R) ? " exceeds " + fmt(limit, 4) : std::string()) + " (R(w(0)) = " +
                          fmt(r.risk[0], 4) + ", eta = " + fmt(options.eta) + " is too large)";
            return r;
        }
        r.weights = std::move(w);
        r.epoch_weights.push_back(r.weights);
        r.risk.push_back(R);
        r.epochs = epoch;
    }
    return r;
}

}  // namespace

template <class T>
double squared_risk(const Matrix<T>& X, const Vector<T>& y, const Vector<T>& w) {
    check_shape("squared_risk", "y", y, {static_cast<long>(X.shape(0))});
    check_shape("squared_risk", "w", w, {static_cast<long>(X.shape(1))});
    double R = 0;
    for (std::size_t i = 0; i < X.shape(0); ++i) {
        const double e = static_cast<double>(y(i)) - static_cast<double>(dot_row(X, i, w));
        R += e * e;
    }
    return R;
}

template <class T>
double sigmoid_risk(const Matrix<T>& X, const Vector<T>& y, const Vector<T>& w, T a) {
    check_shape("sigmoid_risk", "y", y, {static_cast<long>(X.shape(0))});
    check_shape("sigmoid_risk", "w", w, {static_cast<long>(X.shape(1))});
    double R = 0;
    for (std::size_t i = 0; i < X.shape(0); ++i) {
        const double e = static_cast<double>(y(i)) - static_cast<double>(logistic(dot_row(X, i, w), a));
        R += e * e;
    }
    return R;
}

template <class T>
LmsResult<T> lms(const Matrix<T>& X, const Vector<T>& y, const Vector<T>& initial, const LmsOptions& options,
                 Rng* rng) {
    check_fit_args("lms", X, y, initial, options, true, rng);
    const T eta = static_cast<T>(options.eta);
    return fit<T>(
        "lms", X, initial, options, true, rng,
        [&](Vector<T>& w, std::size_t i) {
            const T e = y(i) - dot_row(X, i, w);  // y_i - w^T x_i
            for (std::size_t l = 0; l < w.size(); ++l) w(l) += eta * e * X(i, l);
        },
        [&](const Vector<T>& w) { return squared_risk(X, y, w); });
}

template <class T>
LmsResult<T> lms_batch(const Matrix<T>& X, const Vector<T>& y, const Vector<T>& initial, const LmsOptions& options) {
    check_fit_args("lms_batch", X, y, initial, options, false, nullptr);
    const T eta = static_cast<T>(options.eta);
    return fit<T>(
        "lms_batch", X, initial, options, false, nullptr,
        [&](Vector<T>& w, std::size_t) {
            Vector<T> g = xt::zeros<T>({w.size()});  // sum_i (y_i - w^T x_i) x_i = -grad R / 2
            for (std::size_t i = 0; i < X.shape(0); ++i) {
                const T e = y(i) - dot_row(X, i, w);
                for (std::size_t l = 0; l < w.size(); ++l) g(l) += e * X(i, l);
            }
            for (std::size_t l = 0; l < w.size(); ++l) w(l) += 2 * eta * g(l);
        },
        [&](const Vector<T>& w) { return squared_risk(X, y, w); });
}

template <class T>
LmsResult<T> delta_rule(const Matrix<T>& X, const Vector<T>& y, const Vector<T>& initial, T a,
                        const LmsOptions& options, Rng* rng) {
    check_fit_args("delta_rule", X, y, initial, options, true, rng);
    require(std::isfinite(static_cast<double>(a)) && a > 0, "delta_rule",
            "the slope a must be finite and > 0, got " + fmt(a));
    const T eta = static_cast<T>(options.eta);
    return fit<T>(
        "delta_rule", X, initial, options, true, rng,
        [&](Vector<T>& w, std::size_t i) {
            const T v = dot_row(X, i, w);
            const T g = logistic(v, a);
            const T delta = (y(i) - g) * a * g * (T(1) - g);  // (y - g(v)) g'(v)
            for (std::size_t l = 0; l < w.size(); ++l) w(l) += eta * delta * X(i, l);
        },
        [&](const Vector<T>& w) { return sigmoid_risk(X, y, w, a); });
}

template <class T>
Matrix<T> linear_regression(const Matrix<T>& X, const Matrix<T>& Y) {
    const char* where = "linear_regression";
    check_nonempty(where, "X", X);
    check_finite(where, "X", X);
    check_shape(where, "Y", Y, {static_cast<long>(X.shape(0)), any_extent});
    check_finite(where, "Y", Y);
    const std::size_t n = X.shape(0), d = X.shape(1);
    require(n >= d, where,
            "X^T X is singular: n = " + std::to_string(n) + " points cannot determine d = " + std::to_string(d) +
                " weights; use linear_regression_pinv for the minimum-norm solution");
    // Numerical rank from X's singular values: X^T X squares the condition number.
    const Vector<T> s = std::get<1>(xt::linalg::svd(X, false, false));
    const T smax = xt::amax(s)(), smin = xt::amin(s)();
    const T tol = smax * static_cast<T>(std::max(n, d)) * std::numeric_limits<T>::epsilon();
    if (!(smin > tol))
        throw ValueError(where, "X^T X is singular: X has rank < d = " + std::to_string(d) +
                                    " (smallest singular value " + fmt(smin) + ", largest " + fmt(smax) +
                                    "); use linear_regression_pinv for the minimum-norm solution");
    const Matrix<T> XtX = xt::linalg::dot(xt::transpose(X), X);  // the notes' X X^T
    const Matrix<T> XtY = xt::linalg::dot(xt::transpose(X), Y);  // the notes' (Y X^T)^T
    Matrix<T> Wt;
    try {
        Wt = xt::linalg::solve(XtX, XtY);  // (X^T X) W^T = X^T Y
    } catch (const std::runtime_error& e) {
        throw ValueError(where, std::string("X^T X could not be solved (") + e.what() + ")");
    }
    return xt::transpose(Wt);
}

template <class T>
Matrix<T> linear_regression_pinv(const Matrix<T>& X, const Matrix<T>& Y) {
    const char* where = "linear_regression_pinv";
    check_nonempty(where, "X", X);
    check_finite(where, "X", X);
    check_shape(where, "Y", Y, {static_cast<long>(X.shape(0)), any_extent});
    check_finite(where, "Y", Y);
    const Matrix<T> Xp = xt::linalg::pinv(X);  // (d, n)
    const Matrix<T> Wt = xt::linalg::dot(Xp, Y);
    return xt::transpose(Wt);
}

#define DLC_INSTANTIATE_LMS(T)                                                                                    \
    template double squared_risk<T>(const Matrix<T>&, const Vector<T>&, const Vector<T>&);                       \
    template double sigmoid_risk<T>(const Matrix<T>&, const Vector<T>&, const Vector<T>&, T);                    \
    template LmsResult<T> lms<T>(const Matrix<T>&, const Vector<T>&, const Vector<T>&, const LmsOptions&, Rng*); \
    template LmsResult<T> lms_batch<T>(const Matrix<T>&, const Vector<T>&, const Vector<T>&, const LmsOptions&); \
    template LmsResult<T> delta_rule<T>(const Matrix<T>&, const Vector<T>&, const Vector<T>&, T,                 \
                                        const LmsOptions&, Rng*);                                                 \
    template Matrix<T> linear_regression<T>(const Matrix<T>&, const Matrix<T>&);                                 \
    template Matrix<T> linear_regression_pinv<T>(const Matrix<T>&, const Matrix<T>&);
DLC_INSTANTIATE_LMS(float)
DLC_INSTANTIATE_LMS(double)
#undef DLC_INSTANTIATE_LMS

}  // namespace dlc
