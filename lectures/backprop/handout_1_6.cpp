#include "handout_1_6.hpp"

#include <cmath>

namespace backprop_lecture::handout_1_6 {

const std::array<const char*, P> names = {"b1", "b2", "w11", "w12", "w21", "w31", "w32", "w1", "w2"};

namespace {

double sigma(double z) { return 1 / (1 + std::exp(-z)); }

}  // namespace

double f_explicit(const Params& w, const double* x) {
    return w[w1] * sigma(w[w11] * x[0] + w[w21] * x[1] + w[w31] * x[2] + w[b1]) +
           w[w2] * std::tanh(w[w12] * x[0] + w[w32] * x[2] + w[b2]);
}

// As printed (the eighth line labelled df/dw_13^(1) is the derivative for w_32^(1)):
//   df/dw1 = a1, df/dw2 = a2,
//   df/dw11 = w1 a1 (1 - a1) x1, df/dw21 = ... x2, df/dw31 = ... x3, df/db1 = w1 a1 (1 - a1),
//   df/dw12 = w2 (1 - a2^2) x1,  df/dw32 = ... x3,                    df/db2 = w2 (1 - a2^2).
Params partials(const Params& w, const double* x) {
    const double a1 = sigma(w[w11] * x[0] + w[w21] * x[1] + w[w31] * x[2] + w[b1]);
    const double a2 = std::tanh(w[w12] * x[0] + w[w32] * x[2] + w[b2]);
    const double s = w[w1] * a1 * (1 - a1), t = w[w2] * (1 - a2 * a2);
    Params d{};
    d[b1] = s, d[b2] = t;
    d[w11] = s * x[0], d[w21] = s * x[1], d[w31] = s * x[2];
    d[w12] = t * x[0], d[w32] = t * x[2];
    d[w1] = a1, d[w2] = a2;
    return d;
}

Params gradient(const Params& w, const dlc::Tensor<double>& X, const dlc::Tensor<double>& y, std::size_t first,
                std::size_t last) {
    Params g{};
    for (std::size_t n = first; n < last; ++n) {
        const double* x = &X(n, 0);
        const double r = f_explicit(w, x) - y(n, 0);  // f(x_n; w) - y_n
        const Params d = partials(w, x);
        for (std::size_t k = 0; k < P; ++k) g[k] += r * d[k];
    }
    return g;
}

double loss(const Params& w, const dlc::Tensor<double>& X, const dlc::Tensor<double>& y, std::size_t first,
            std::size_t last) {
    double L = 0;
    for (std::size_t n = first; n < last; ++n) L += 0.5 * std::pow(f_explicit(w, &X(n, 0)) - y(n, 0), 2);
    return L;
}

}  // namespace backprop_lecture::handout_1_6
