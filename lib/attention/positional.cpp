#include "attention/positional.hpp"

#include <algorithm>
#include <cmath>

namespace dlc {

namespace {

void check_d(const char* where, std::size_t d) {
    require(d > 0 && d % 2 == 0, where, "the width d must be positive and even (sin/cos pairs), got " + std::to_string(d));
}

double omega(std::size_t i, std::size_t d) { return std::pow(10000.0, -2.0 * double(i) / double(d)); }

}  // namespace

template <class T>
Tensor<T> sinusoidal_encoding(std::size_t positions, std::size_t d) {
    check_d("sinusoidal_encoding", d);
    require(positions > 0, "sinusoidal_encoding", "the number of positions must be positive");
    Tensor<T> P = Tensor<T>::from_shape({positions, d});
    for (std::size_t p = 0; p < positions; ++p)
        for (std::size_t i = 0; 2 * i < d; ++i) {
            const double angle = double(p) * omega(i, d);  // p / 10000^(2i/d)
            P(p, 2 * i) = T(std::sin(angle));
            P(p, 2 * i + 1) = T(std::cos(angle));
        }
    return P;
}

Tensor<double> sinusoidal_shift(std::size_t d, double k) {
    check_d("sinusoidal_shift", d);
    Tensor<double> M = xt::zeros<double>({d, d});
    for (std::size_t i = 0; 2 * i < d; ++i) {
        const double c = std::cos(k * omega(i, d)), s = std::sin(k * omega(i, d));
        // sin((p + k) w) = sin(pw) cos(kw) + cos(pw) sin(kw);  cos((p + k) w) = -sin(pw) sin(kw) + cos(pw) cos(kw)
        M(2 * i, 2 * i) = c;
        M(2 * i, 2 * i + 1) = s;
        M(2 * i + 1, 2 * i) = -s;
        M(2 * i + 1, 2 * i + 1) = c;
    }
    return M;
}

template <class T>
PositionalEncoding<T>::PositionalEncoding(std::size_t max_positions, std::size_t d, bool learned, Rng& rng)
    : learned_(learned) {
    require(max_positions > 0 && d > 0, "PositionalEncoding", "the number of positions and the width must be positive");
    if (learned) {
        P_ = Tensor<T>::from_shape({max_positions, d});
        for (auto& v : P_) v = T(rng.normal(0.0, 0.02));
        grad_P_ = xt::zeros<T>(P_.shape());
    } else {
        P_ = sinusoidal_encoding<T>(max_positions, d);
    }
}

template <class T>
std::string PositionalEncoding<T>::name() const {
    return std::string("PositionalEncoding(") + (learned_ ? "learned" : "sinusoidal") + ", " + std::to_string(P_.shape(0)) +
           " x " + std::to_string(P_.shape(1)) + ")";
}

template <class T>
std::vector<Parameter<T>> PositionalEncoding<T>::parameters() {
    if (!learned_) return {};
    return {{"P", &P_, &grad_P_, true}};
}

template <class T>
const Tensor<T>& PositionalEncoding<T>::forward(const Tensor<T>& X) {
    const std::size_t d = P_.shape(1);
    const std::string where = name() + "::forward";
    check_shape(where.c_str(), "X (B, T, d)", X, {any_extent, any_extent, long(d)});
    if (X.shape(1) > P_.shape(0))
        throw ShapeError(where, "the sequence has " + std::to_string(X.shape(1)) + " positions, the table only " +
                                    std::to_string(P_.shape(0)));
    resize_like(this->out_, X);
    const std::size_t B = X.shape(0), Tn = X.shape(1);
    for (std::size_t b = 0; b < B; ++b)
        for (std::size_t t = 0; t < Tn; ++t) {
            const T* x = X.data() + (b * Tn + t) * d;
            const T* p = P_.data() + t * d;
            T* y = this->out_.data() + (b * Tn + t) * d;
            for (std::size_t j = 0; j < d; ++j) y[j] = x[j] + p[j];  // y_t = x_t + P_t
        }
    return this->out_;
}

template <class T>
const Tensor<T>& PositionalEncoding<T>::backward(const Tensor<T>& dY) {
    this->require_output_shape(dY);
    const std::size_t d = P_.shape(1), B = dY.shape(0), Tn = dY.shape(1);
    if (learned_)
        for (std::size_t b = 0; b < B; ++b)
            for (std::size_t t = 0; t < Tn; ++t)
                for (std::size_t j = 0; j < d; ++j) grad_P_(t, j) += dY.data()[(b * Tn + t) * d + j];  // grad_P_t += dL/dy_bt
    copy_into(this->grad_in_, dY);
    return this->grad_in_;
}

template Tensor<float> sinusoidal_encoding<float>(std::size_t, std::size_t);
template Tensor<double> sinusoidal_encoding<double>(std::size_t, std::size_t);
template class PositionalEncoding<float>;
template class PositionalEncoding<double>;

}  // namespace dlc
