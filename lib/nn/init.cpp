#include "nn/init.hpp"

#include "core/error.hpp"

#include <cmath>
#include <sstream>

namespace dlc {

double WeightInit::stddev(std::size_t n_in, std::size_t n_out) const {
    const char* where = "WeightInit::stddev";
    switch (kind) {
        case Kind::zeros:
            return 0.0;
        case Kind::gaussian:
            require(std::isfinite(sigma) && sigma >= 0, where,
                    "the Gaussian's sigma must be finite and >= 0, got " + std::to_string(sigma));
            return sigma;
        case Kind::normal_fan_in:
            require(n_in > 0, where, "N(0, 1/n_in) needs n_in > 0");
            return 1.0 / std::sqrt(static_cast<double>(n_in));
        case Kind::xavier:
            require(n_in + n_out > 0, where, "Xavier needs n_in + n_out > 0");
            return std::sqrt(2.0 / static_cast<double>(n_in + n_out));
        case Kind::kaiming:
            require(n_in > 0, where, "Kaiming needs n_in > 0");
            return std::sqrt(2.0 / static_cast<double>(n_in));
    }
    return 0.0;
}

std::string WeightInit::name() const {
    switch (kind) {
        case Kind::zeros: return "zeros";
        case Kind::gaussian: {
            std::ostringstream s;
            s << "N(0, " << sigma << "^2)";
            return s.str();
        }
        case Kind::normal_fan_in: return "N(0, 1/n_in)";
        case Kind::xavier: return "Xavier sqrt(2/(n_in+n_out))";
        case Kind::kaiming: return "Kaiming sqrt(2/n_in)";
    }
    return "?";
}

namespace {

std::size_t receptive(const Shape& s, const char* where) {
    if (s.size() < 2)
        throw ShapeError(where, "a weight needs rank >= 2 (out, in, k...), got shape " + shape_str(s));
    std::size_t r = 1;
    for (std::size_t i = 2; i < s.size(); ++i) r *= s[i];
    return r;
}

}  // namespace

std::size_t fan_in(const Shape& s) { return s.size() < 2 ? receptive(s, "fan_in") : s[1] * receptive(s, "fan_in"); }

std::size_t fan_out(const Shape& s) {
    return s.size() < 2 ? receptive(s, "fan_out") : s[0] * receptive(s, "fan_out");
}

template <class T>
void initialize(Tensor<T>& w, const WeightInit& init, Rng& rng, std::size_t n_in, std::size_t n_out) {
    if (init.kind == WeightInit::Kind::zeros) {
        std::fill(w.data(), w.data() + w.size(), T(0));
        return;
    }
    const double sd = init.stddev(n_in, n_out);
    T* p = w.data();
    for (std::size_t i = 0; i < w.size(); ++i) p[i] = static_cast<T>(rng.normal(0.0, sd));
}

template <class T>
void initialize(Tensor<T>& w, const WeightInit& init, Rng& rng) {
    const Shape s = shape_of_tensor(w);
    initialize(w, init, rng, fan_in(s), fan_out(s));
}

template void initialize<float>(Tensor<float>&, const WeightInit&, Rng&, std::size_t, std::size_t);
template void initialize<double>(Tensor<double>&, const WeightInit&, Rng&, std::size_t, std::size_t);
template void initialize<float>(Tensor<float>&, const WeightInit&, Rng&);
template void initialize<double>(Tensor<double>&, const WeightInit&, Rng&);

}  // namespace dlc
