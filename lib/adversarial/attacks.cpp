#include "adversarial/attacks.hpp"

#include "core/check.hpp"
#include "core/error.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace dlc {

const char* norm_name(PerturbationNorm norm) { return norm == PerturbationNorm::linf ? "Linf" : "L2"; }

std::string PgdOptions::describe() const {
    std::ostringstream s;
    s << (targeted ? "targeted " : "") << "PGD-" << steps << " " << norm_name(norm) << " eps=" << epsilon
      << " alpha=" << step << (random_start ? ", random start" : "");
    if (restarts > 1) s << ", " << restarts << " restarts";
    if (stop_on_success) s << ", stopping at the first success";
    return s.str();
}

template <class T>
std::size_t AttackResult<T>::successes() const {
    return static_cast<std::size_t>(std::count(success.begin(), success.end(), std::uint8_t(1)));
}

template <class T>
double AttackResult<T>::accuracy(const Labels& labels) const {
    check_shape("AttackResult::accuracy", "labels", labels, {static_cast<long>(predicted.size())});
    if (predicted.size() == 0) return 0.0;
    std::size_t right = 0;
    for (std::size_t n = 0; n < predicted.size(); ++n) right += predicted(n) == labels(n);
    return double(right) / double(predicted.size());
}

namespace {

template <class T>
T sign(T g) {
    return g > 0 ? T(1) : (g < 0 ? T(-1) : T(0));
}

template <class T>
T clip(T v, T lo, T hi) {
    return std::min(std::max(v, lo), hi);
}

}  // namespace

// One PGD step for one example of d pixels: x_{k+1} = clip(Pi_B(x0)(x_k + s alpha d(g))).
template <class T>
void pgd_update(T* xk, const T* x0, const T* g, std::size_t d, const PgdOptions& o) {
    const T s = o.targeted ? T(-1) : T(1), lo = static_cast<T>(o.lo), hi = static_cast<T>(o.hi);
    if (o.norm == PerturbationNorm::linf) {
        const T alpha = static_cast<T>(o.step), eps = static_cast<T>(o.epsilon);
        for (std::size_t i = 0; i < d; ++i) {
            const T v = xk[i] + s * alpha * sign(g[i]);           // the signed-gradient step
            xk[i] = clip(clip(v, x0[i] - eps, x0[i] + eps), lo, hi);  // into the eps-box around x, then the range
        }
        return;
    }
    double gg = 0;
    for (std::size_t i = 0; i < d; ++i) gg += double(g[i]) * g[i];
    const double scale = double(s) * o.step / std::max(std::sqrt(gg), 1e-12);  // alpha g / ||g||
    double dd = 0;
    for (std::size_t i = 0; i < d; ++i) {
        xk[i] = static_cast<T>(xk[i] + scale * g[i]);
        const double delta = double(xk[i]) - x0[i];
        dd += delta * delta;
    }
    const double shrink = dd > 0 ? std::min(1.0, o.epsilon / std::sqrt(dd)) : 1.0;  // delta * min(1, eps/||delta||)
    for (std::size_t i = 0; i < d; ++i) xk[i] = clip(static_cast<T>(x0[i] + shrink * (double(xk[i]) - x0[i])), lo, hi);
}

namespace {

// A uniform random point of the ball around x0, clipped to the range.
template <class T>
void random_start(T* xk, const T* x0, std::size_t d, const PgdOptions& o, Rng& rng) {
    const T lo = static_cast<T>(o.lo), hi = static_cast<T>(o.hi);
    if (o.norm == PerturbationNorm::linf) {
        for (std::size_t i = 0; i < d; ++i) xk[i] = clip(static_cast<T>(x0[i] + rng.uniform(-o.epsilon, o.epsilon)), lo, hi);
        return;
    }
    std::vector<double> z(d);
    double zz = 0;
    for (auto& v : z) v = rng.normal(), zz += v * v;
    // direction uniform on the sphere, radius eps u^{1/d}: uniform in the ball
    const double r = o.epsilon * std::pow(rng.uniform(), 1.0 / double(d)) / std::max(std::sqrt(zz), 1e-300);
    for (std::size_t i = 0; i < d; ++i) xk[i] = clip(static_cast<T>(x0[i] + r * z[i]), lo, hi);
}

bool succeeded(std::size_t predicted, std::size_t label, bool targeted) {
    return targeted ? predicted == label : predicted != label;
}

}  // namespace

template <class T>
void check_attack_inputs(const char* where, const Tensor3<T>& x, const Labels& y, double epsilon, double lo, double hi) {
    check_shape(where, "labels", y, {static_cast<long>(x.shape(0))});
    require(std::isfinite(epsilon) && epsilon >= 0, where, "epsilon must be >= 0, got " + std::to_string(epsilon));
    require(std::isfinite(lo) && std::isfinite(hi) && lo < hi, where,
            "the valid pixel range [" + std::to_string(lo) + ", " + std::to_string(hi) + "] is empty");
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double v = x.data()[i];
        if (!(v >= lo && v <= hi))  // also catches NaN
            throw ValueError(where, "pixel " + std::to_string(i % (x.shape(1) * x.shape(2))) + " of image " +
                                        std::to_string(i / (x.shape(1) * x.shape(2))) + " is " + std::to_string(v) +
                                        ", outside the valid range [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    }
}

void check_pgd_options(const char* where, const PgdOptions& o) {
    require(std::isfinite(o.epsilon) && o.epsilon >= 0, where, "epsilon must be >= 0, got " + std::to_string(o.epsilon));
    require(std::isfinite(o.step) && o.step > 0, where, "the step size alpha must be > 0, got " + std::to_string(o.step));
    require(o.steps > 0, where, "the number of steps must be at least 1");
    require(o.restarts > 0, where, "the number of restarts must be at least 1");
    require(o.restarts == 1 || o.random_start, where, "restarts without a random start would repeat the same run");
    require(o.batch > 0, where, "the batch size must be at least 1");
    require(std::isfinite(o.lo) && std::isfinite(o.hi) && o.lo < o.hi, where,
            "the valid pixel range [" + std::to_string(o.lo) + ", " + std::to_string(o.hi) + "] is empty");
}

template <class T>
AttackResult<T> fgsm(PixelClassifier<T>& clf, const Tensor3<T>& x, const Labels& y, double epsilon, bool targeted,
                     double lo, double hi) {
    check_attack_inputs("fgsm", x, y, epsilon, lo, hi);
    PgdOptions o;
    o.epsilon = epsilon;
    o.step = epsilon;
    o.steps = 1;
    o.targeted = targeted;
    o.lo = lo;
    o.hi = hi;
    AttackResult<T> r;
    r.x = x;
    r.steps_used.assign(x.shape(0), 1);
    const std::size_t d = x.shape(1) * x.shape(2);
    Tensor3<T> g;
    // x_adv = clip(x + s eps sign(grad_x J(x, y))), in batches of o.batch
    for (std::size_t b = 0; b < x.shape(0); b += o.batch) {
        const std::size_t n = std::min(o.batch, x.shape(0) - b);
        const Tensor3<T> xb = image_range(x, b, n);
        const Labels yb = xt::view(y, xt::range(b, b + n));
        clf.loss_gradient(xb, yb, &g);
        for (std::size_t i = 0; i < n; ++i) pgd_update(r.x.data() + (b + i) * d, xb.data() + i * d, g.data() + i * d, d, o);
    }
    r.predicted = clf.predict(r.x, o.batch);
    r.success.resize(x.shape(0));
    for (std::size_t n = 0; n < x.shape(0); ++n) r.success[n] = succeeded(r.predicted(n), y(n), targeted);
    return r;
}

template <class T>
AttackResult<T> pgd(PixelClassifier<T>& clf, const Tensor3<T>& x, const Labels& y, const PgdOptions& o, Rng& rng) {
    const char* where = "pgd";
    check_attack_inputs(where, x, y, o.epsilon, o.lo, o.hi);
    check_pgd_options(where, o);
    const std::size_t N = x.shape(0), H = x.shape(1), W = x.shape(2), d = H * W;
    AttackResult<T> r;
    r.x = x;
    r.predicted = Labels::from_shape({N});
    r.success.assign(N, 0);
    r.steps_used.assign(N, 0);
    std::vector<double> best_loss(N, o.targeted ? std::numeric_limits<double>::infinity()
                                                : -std::numeric_limits<double>::infinity());
    Tensor3<T> xa, g;
    Labels ya, pred;
    std::vector<double> losses;
    // Continuous batching: a working set of up to `batch` examples, each at its own iterate k. An example that is
    // done (its last iterate, or its first success with stop_on_success) leaves, and the next waiting example takes
    // its slot, so the batch keeps its shape (the network reuses its buffers) while examples stop at different steps.
    struct Slot {
        std::size_t e;  // the example
        std::size_t k;  // its iterate; its pixels are row `slot` of xk
    };
    std::vector<T> xk(std::min(o.batch, N) * d);
    for (std::size_t restart = 0; restart < o.restarts; ++restart) {
        std::vector<std::size_t> waiting;
        for (std::size_t e = 0; e < N; ++e)
            if (!r.success[e]) waiting.push_back(e);
        std::size_t next = 0;
        std::vector<Slot> slots;
        while (next < waiting.size() || !slots.empty()) {
            while (slots.size() < o.batch && next < waiting.size()) {  // fill the free slots
                const std::size_t e = waiting[next++];
                T* row = xk.data() + slots.size() * d;
                const T* x0 = x.data() + e * d;
                if (o.random_start) random_start(row, x0, d, o, rng);
                else std::copy(x0, x0 + d, row);
                slots.push_back({e, 0});
            }
            const std::size_t m = slots.size();
            if (xa.shape(0) != m) xa = Tensor3<T>::from_shape({m, H, W}), ya = Labels::from_shape({m});
            std::copy(xk.begin(), xk.begin() + m * d, xa.data());
            for (std::size_t a = 0; a < m; ++a) ya(a) = y(slots[a].e);
            clf.loss_gradient(xa, ya, &g, 1.0, &losses, &pred);  // grad_x J(x_k, y) and x_k's class, for every slot
            std::size_t w = 0;  // slots that go on, compacted to the front
            for (std::size_t a = 0; a < m; ++a) {
                const Slot s = slots[a];
                T* row = xk.data() + a * d;
                const bool ok = succeeded(pred(a), ya(a), o.targeted);
                if (s.k == o.steps || (ok && o.stop_on_success)) {
                    // keep this iterate if it beats what earlier restarts found for the example
                    const bool better = ok || (o.targeted ? losses[a] < best_loss[s.e] : losses[a] > best_loss[s.e]);
                    if (!r.success[s.e] && better) {
                        std::copy(row, row + d, r.x.data() + s.e * d);
                        r.predicted(s.e) = pred(a);
                        r.success[s.e] = ok;
                        r.steps_used[s.e] = s.k;
                        best_loss[s.e] = losses[a];
                    }
                    continue;
                }
                pgd_update(row, x.data() + s.e * d, g.data() + a * d, d, o);  // x_{k+1}
                if (w != a) std::copy(row, row + d, xk.data() + w * d);
                slots[w++] = {s.e, s.k + 1};
            }
            slots.resize(w);
        }
    }
    return r;
}

template <class T>
std::vector<double> perturbation_norms(const Tensor3<T>& a, const Tensor3<T>& b, PerturbationNorm norm) {
    require(a.shape() == b.shape(), "perturbation_norms", "the two batches differ in shape: " + shape_of(a) + " and " + shape_of(b));
    const std::size_t d = a.shape(1) * a.shape(2);
    std::vector<double> r(a.shape(0), 0.0);
    for (std::size_t n = 0; n < r.size(); ++n) {
        double s = 0;
        for (std::size_t i = n * d; i < (n + 1) * d; ++i) {
            const double v = std::abs(double(a.data()[i]) - double(b.data()[i]));
            s = norm == PerturbationNorm::linf ? std::max(s, v) : s + v * v;
        }
        r[n] = norm == PerturbationNorm::linf ? s : std::sqrt(s);
    }
    return r;
}

#define DLC_INSTANTIATE_ATTACKS(T)                                                                                 \
    template struct AttackResult<T>;                                                                               \
    template AttackResult<T> fgsm(PixelClassifier<T>&, const Tensor3<T>&, const Labels&, double, bool, double, double); \
    template AttackResult<T> pgd(PixelClassifier<T>&, const Tensor3<T>&, const Labels&, const PgdOptions&, Rng&);      \
    template std::vector<double> perturbation_norms(const Tensor3<T>&, const Tensor3<T>&, PerturbationNorm);       \
    template void pgd_update(T*, const T*, const T*, std::size_t, const PgdOptions&);                              \
    template void check_attack_inputs(const char*, const Tensor3<T>&, const Labels&, double, double, double);
DLC_INSTANTIATE_ATTACKS(float)
DLC_INSTANTIATE_ATTACKS(double)
#undef DLC_INSTANTIATE_ATTACKS

}  // namespace dlc
