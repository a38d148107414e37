#include "neuron/perceptron.hpp"

#include "core/check.hpp"
#include "neuron/activation.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>

namespace dlc {

namespace {

void check_binary_labels(const char* where, const Labels& desired) {
    for (std::size_t i = 0; i < desired.size(); ++i)
        if (desired(i) > 1)
            throw ValueError(where, "desired outputs must be 0 or 1, got " + std::to_string(desired(i)) +
                                        " at index " + std::to_string(i));
}

}  // namespace

template <class T>
PerceptronResult<T> perceptron_learning(const Matrix<T>& X, const Labels& desired, const Vector<T>& initial,
                                        const PerceptronOptions& options) {
    const char* where = "perceptron_learning";
    check_nonempty(where, "X", X);
    check_finite(where, "X", X);
    check_shape(where, "desired", desired, {static_cast<long>(X.shape(0))});
    check_binary_labels(where, desired);
    check_shape(where, "initial", initial, {static_cast<long>(X.shape(1))});
    check_finite(where, "initial", initial);
    require(std::isfinite(options.eta) && options.eta > 0, where,
            "eta must be finite and > 0, got " + std::to_string(options.eta));
    require(options.max_epochs >= 1, where, "max_epochs must be at least 1, got 0");

    const std::size_t n = X.shape(0), d = X.shape(1);
    const T eta = static_cast<T>(options.eta);
    PerceptronResult<T> r;
    r.weights = initial;
    Vector<T>& w = r.weights;
    r.epoch_weights.push_back(w);
    std::size_t iteration = 0;
    for (std::size_t epoch = 1; epoch <= options.max_epochs; ++epoch) {
        std::size_t mistakes = 0;
        for (std::size_t p = 0; p < n; ++p) {
            ++iteration;
            T v = 0;
            for (std::size_t l = 0; l < d; ++l) v += w(l) * X(p, l);  // v = w^T x
            const T y = heaviside(v);                                // y = u(v)
            const T dp = static_cast<T>(desired(p));
            const bool mistake = y != dp;
            if (mistake) {
                ++mistakes;
                for (std::size_t l = 0; l < d; ++l) w(l) += eta * (dp - y) * X(p, l);  // w += eta (d - y) x
            }
            if (options.record_trace) {
                PerceptronStep<T> s;
                s.epoch = epoch;
                s.iteration = iteration;
                s.point = p;
                s.desired = dp;
                s.field = v;
                s.output = y;
                s.mistake = mistake;
                s.weights_after = w;
                r.trace.push_back(std::move(s));
            }
        }
        r.mistakes.push_back(mistakes);
        r.epoch_weights.push_back(w);
        r.epochs = epoch;
        if (mistakes == 0) {
            r.converged = true;
            break;
        }
        if (options.detect_cycles) {
            // Epoch e is a deterministic map of the weights at its start: equal end weights repeat the future.
            for (std::size_t e0 = 0; e0 < epoch; ++e0) {
                if (r.epoch_weights[e0] == w) {
                    r.cycle = true;
                    r.cycle_start = e0;
                    r.cycle_length = epoch - e0;
                    break;
                }
            }
            if (r.cycle) break;
        }
    }
    return r;
}

template <class T>
Labels perceptron_predict(const Matrix<T>& X, const Vector<T>& w) {
    check_shape("perceptron_predict", "w", w, {static_cast<long>(X.shape(1))});
    Labels y = Labels::from_shape({X.shape(0)});
    for (std::size_t i = 0; i < X.shape(0); ++i) {
        T v = 0;
        for (std::size_t l = 0; l < w.size(); ++l) v += w(l) * X(i, l);
        y(i) = heaviside(v) > T(0) ? 1 : 0;
    }
    return y;
}

template <class T>
T separator_margin(const Matrix<T>& X, const Labels& desired, const Vector<T>& extended_w) {
    const char* where = "separator_margin";
    check_nonempty(where, "X", X);
    check_shape(where, "desired", desired, {static_cast<long>(X.shape(0))});
    check_binary_labels(where, desired);
    check_shape(where, "extended_w", extended_w, {static_cast<long>(X.shape(1) + 1)});
    T norm2 = 0;
    for (std::size_t l = 1; l < extended_w.size(); ++l) norm2 += extended_w(l) * extended_w(l);
    require(norm2 > 0, where, "the separator's normal w (entries 1..d of extended_w) must be non-zero");
    const T norm = std::sqrt(norm2);
    T m = std::numeric_limits<T>::infinity();
    for (std::size_t i = 0; i < X.shape(0); ++i) {
        T v = extended_w(0);
        for (std::size_t l = 0; l < X.shape(1); ++l) v += extended_w(l + 1) * X(i, l);
        const T s = desired(i) == 1 ? T(1) : T(-1);
        m = std::min(m, s * v / norm);
    }
    return m;
}

namespace {

using P2 = std::array<double, 2>;

double cross(const P2& o, const P2& a, const P2& b) {
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

// Andrew's monotone chain; collinear points dropped. 1 point -> {p}, collinear set -> its two ends.
std::vector<P2> convex_hull(std::vector<P2> p) {
    std::sort(p.begin(), p.end());
    p.erase(std::unique(p.begin(), p.end()), p.end());
    if (p.size() <= 2) return p;
    std::vector<P2> h(2 * p.size());
    std::size_t k = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        while (k >= 2 && cross(h[k - 2], h[k - 1], p[i]) <= 0) --k;
        h[k++] = p[i];
    }
    for (std::size_t i = p.size() - 1, t = k + 1; i-- > 0;) {
        while (k >= t && cross(h[k - 2], h[k - 1], p[i]) <= 0) --k;
        h[k++] = p[i];
    }
    h.resize(k - 1);
    return h;
}

// The closest point to q on the segment [a, b].
P2 closest_on_segment(const P2& q, const P2& a, const P2& b) {
    const double dx = b[0] - a[0], dy = b[1] - a[1], len2 = dx * dx + dy * dy;
    if (len2 == 0) return a;
    const double t = std::clamp(((q[0] - a[0]) * dx + (q[1] - a[1]) * dy) / len2, 0.0, 1.0);
    return {a[0] + t * dx, a[1] + t * dy};
}

double dist(const P2& a, const P2& b) { return std::hypot(a[0] - b[0], a[1] - b[1]); }

bool segments_cross(const P2& a, const P2& b, const P2& c, const P2& d) {
    const double d1 = cross(c, d, a), d2 = cross(c, d, b), d3 = cross(a, b, c), d4 = cross(a, b, d);
    return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

// Whether q is inside or on the convex polygon h (counter-clockwise, >= 3 vertices).
bool inside(const P2& q, const std::vector<P2>& h) {
    if (h.size() < 3) return false;
    for (std::size_t i = 0; i < h.size(); ++i)
        if (cross(h[i], h[(i + 1) % h.size()], q) < 0) return false;
    return true;
}

std::vector<std::array<P2, 2>> edges(const std::vector<P2>& h) {
    std::vector<std::array<P2, 2>> e;
    if (h.size() == 1) e.push_back({h[0], h[0]});
    else if (h.size() == 2) e.push_back({h[0], h[1]});
    else
        for (std::size_t i = 0; i < h.size(); ++i) e.push_back({h[i], h[(i + 1) % h.size()]});
    return e;
}

}  // namespace

MaxMargin2d max_margin_2d(const Matrix<double>& X, const Labels& desired) {
    const char* where = "max_margin_2d";
    check_shape(where, "X", X, {any_extent, 2});
    check_finite(where, "X", X);
    check_shape(where, "desired", desired, {static_cast<long>(X.shape(0))});
    check_binary_labels(where, desired);
    std::vector<P2> c1, c0;
    for (std::size_t i = 0; i < X.shape(0); ++i) (desired(i) == 1 ? c1 : c0).push_back({X(i, 0), X(i, 1)});
    require(!c1.empty() && !c0.empty(), where,
            "both classes must be present, got " + std::to_string(c1.size()) + " points of class 1 and " +
                std::to_string(c0.size()) + " of class 0");
    const auto h1 = convex_hull(c1), h0 = convex_hull(c0);

    MaxMargin2d r;
    r.extended_w = xt::zeros<double>({3});
    r.closest_class1 = xt::zeros<double>({2});
    r.closest_class0 = xt::zeros<double>({2});
    for (const auto& q : h1)
        if (inside(q, h0)) return r;
    for (const auto& q : h0)
        if (inside(q, h1)) return r;
    double best = std::numeric_limits<double>::infinity();
    P2 p1{}, p0{};
    for (const auto& e1 : edges(h1))
        for (const auto& e0 : edges(h0)) {
            if (segments_cross(e1[0], e1[1], e0[0], e0[1])) return r;
            // Non-crossing segments: the closest pair has an endpoint of one of them.
            for (const auto& q : {e1[0], e1[1]}) {
                const P2 c = closest_on_segment(q, e0[0], e0[1]);
                if (dist(q, c) < best) best = dist(q, c), p1 = q, p0 = c;
            }
            for (const auto& q : {e0[0], e0[1]}) {
                const P2 c = closest_on_segment(q, e1[0], e1[1]);
                if (dist(q, c) < best) best = dist(q, c), p1 = c, p0 = q;
            }
        }
    if (!(best > 0)) return r;
    r.separable = true;
    r.margin = best / 2;
    const double wx = (p1[0] - p0[0]) / best, wy = (p1[1] - p0[1]) / best;
    r.extended_w = {-(wx * (p1[0] + p0[0]) + wy * (p1[1] + p0[1])) / 2, wx, wy};
    r.closest_class1 = {p1[0], p1[1]};
    r.closest_class0 = {p0[0], p0[1]};
    return r;
}

NovikoffBound novikoff_bound(const Matrix<double>& X, const Labels& desired, const Vector<double>& w_star) {
    const char* where = "novikoff_bound";
    check_nonempty(where, "X", X);
    check_shape(where, "desired", desired, {static_cast<long>(X.shape(0))});
    check_binary_labels(where, desired);
    check_shape(where, "w_star", w_star, {static_cast<long>(X.shape(1))});
    double wn = 0;
    for (double v : w_star) wn += v * v;
    require(wn > 0, where, "w_star must be non-zero");
    wn = std::sqrt(wn);
    NovikoffBound b;
    b.margin = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < X.shape(0); ++i) {
        double v = 0, xn = 0;
        for (std::size_t l = 0; l < X.shape(1); ++l) {
            v += w_star(l) * X(i, l);
            xn += X(i, l) * X(i, l);
        }
        b.radius = std::max(b.radius, std::sqrt(xn));
        b.margin = std::min(b.margin, (desired(i) == 1 ? v : -v) / wn);
    }
    b.mistake_bound = b.margin > 0 ? (b.radius / b.margin) * (b.radius / b.margin)
                                   : std::numeric_limits<double>::infinity();
    return b;
}

#define DLC_INSTANTIATE_PERCEPTRON(T)                                                                       \
    template PerceptronResult<T> perceptron_learning<T>(const Matrix<T>&, const Labels&, const Vector<T>&, \
                                                        const PerceptronOptions&);                          \
    template Labels perceptron_predict<T>(const Matrix<T>&, const Vector<T>&);                              \
    template T separator_margin<T>(const Matrix<T>&, const Labels&, const Vector<T>&);
DLC_INSTANTIATE_PERCEPTRON(float)
DLC_INSTANTIATE_PERCEPTRON(double)
#undef DLC_INSTANTIATE_PERCEPTRON

}  // namespace dlc
