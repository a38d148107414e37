#include "neuron/hebb.hpp"

#include "core/check.hpp"
#include "neuron/activation.hpp"
#include "report/table.hpp"

#include <cmath>
#include <string>

namespace dlc {

template <class T>
T hebb_output(const Vector<T>& w, const Vector<T>& x, HebbOutput output) {
    check_shape("hebb_output", "x", x, {static_cast<long>(w.size())});
    T v = 0;
    for (std::size_t l = 0; l < w.size(); ++l) v += x(l) * w(l);  // v = x^T w
    return output == HebbOutput::sign ? signum(v) : v;
}

template <class T>
Vector<T> hebb_update(const Vector<T>& w, const Vector<T>& x, T y, T eta, T alpha) {
    check_shape("hebb_update", "x", x, {static_cast<long>(w.size())});
    Vector<T> r = Vector<T>::from_shape({w.size()});
    for (std::size_t l = 0; l < w.size(); ++l) r(l) = alpha * w(l) + eta * x(l) * y;  // alpha w + eta x y
    return r;
}

template <class T>
HebbResult<T> hebb_learning(const Matrix<T>& X, const Vector<T>& initial, const HebbOptions& options) {
    const char* where = "hebb_learning";
    check_nonempty(where, "X", X);
    check_finite(where, "X", X);
    check_shape(where, "initial", initial, {static_cast<long>(X.shape(1))});
    check_finite(where, "initial", initial);
    require(std::isfinite(options.eta) && options.eta > 0, where,
            "eta must be finite and > 0, got " + std::to_string(options.eta));
    require(std::isfinite(options.alpha), where, "alpha must be finite, got " + std::to_string(options.alpha));
    require(options.epochs >= 1, where, "epochs must be at least 1, got 0");
    require(options.blowup > 0, where, "blowup must be > 0, got " + std::to_string(options.blowup));

    const T eta = static_cast<T>(options.eta), alpha = static_cast<T>(options.alpha);
    HebbResult<T> r;
    r.weights = initial;
    std::size_t iteration = 0;
    for (std::size_t epoch = 1; epoch <= options.epochs; ++epoch) {
        for (std::size_t p = 0; p < X.shape(0); ++p) {
            ++iteration;
            const Vector<T> x = xt::row(X, p);
            T v = 0;
            for (std::size_t l = 0; l < x.size(); ++l) v += x(l) * r.weights(l);
            const T y = options.output == HebbOutput::sign ? signum(v) : v;
            Vector<T> next = hebb_update(r.weights, x, y, eta, alpha);
            double biggest = 0;
            bool finite = true;
            for (auto e : next) {
                finite = finite && std::isfinite(static_cast<double>(e));
                biggest = std::max(biggest, std::abs(static_cast<double>(e)));
            }
            if (!finite || biggest > options.blowup) {
                r.diverged = true;
                r.diagnosis = std::string(where) + ": the weights diverge, max |w_l| = " +
                              (finite ? fmt(biggest, 4) : std::string("non-finite")) + " exceeds " +
                              fmt(options.blowup, 4) + " at step " + std::to_string(iteration) + " (epoch " +
                              std::to_string(epoch) + ")";
                return r;
            }
            if (options.record_trace) {
                HebbStep<T> s;
                s.epoch = epoch;
                s.iteration = iteration;
                s.point = p;
                s.weights_before = r.weights;
                s.field = v;
                s.output = y;
                s.weights_after = next;
                r.trace.push_back(std::move(s));
            }
            r.weights = std::move(next);
            r.steps = iteration;
        }
    }
    return r;
}

double damped_hebb_fixed_point(double alpha, double eta) {
    require(std::isfinite(alpha) && std::abs(alpha) < 1, "damped_hebb_fixed_point",
            "alpha must satisfy |alpha| < 1 for a finite limit, got " + fmt(alpha));
    require(std::isfinite(eta), "damped_hebb_fixed_point", "eta must be finite, got " + fmt(eta));
    return eta / (1 - alpha);  // w* = alpha w* + eta
}

#define DLC_INSTANTIATE_HEBB(T)                                                                         \
    template T hebb_output<T>(const Vector<T>&, const Vector<T>&, HebbOutput);                          \
    template Vector<T> hebb_update<T>(const Vector<T>&, const Vector<T>&, T, T, T);                     \
    template HebbResult<T> hebb_learning<T>(const Matrix<T>&, const Vector<T>&, const HebbOptions&);
DLC_INSTANTIATE_HEBB(float)
DLC_INSTANTIATE_HEBB(double)
#undef DLC_INSTANTIATE_HEBB

}  // namespace dlc
