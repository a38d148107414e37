#include "vae/decoder_likelihood.hpp"

#include "core/check.hpp"
#include "core/constants.hpp"
#include "vae/softplus.hpp"

#include <cmath>
#include <sstream>

namespace dlc {

namespace {


}  // namespace

namespace {

// softplus(v) and sigma(v) of one row: the vectorized polynomials in float, the standard library in double.
void softplus_sigmoid(const float* v, float* sp, float* sg, std::size_t n) { softplus_sigmoid_fast(v, sp, sg, n); }
void softplus_sigmoid(const double* v, double* sp, double* sg, std::size_t n) { softplus_sigmoid_plain(v, sp, sg, n); }

}  // namespace

template <class T>
double BernoulliNll<T>::forward(const Tensor<T>& logits, const Tensor<T>& x) {
    this->require_same_shape(logits, x);
    const std::size_t n = logits.shape(0), d = logits.size() / n;
    resize_like(this->grad_, logits);
    resize_buffer(per_example_, {n});
    softplus_.resize(d);
    sigma_.resize(d);
    const T scale = reduction_ == Reduction::mean ? T(1) / static_cast<T>(n) : T(1);
    double total = 0;
    for (std::size_t r = 0; r < n; ++r) {
        const T* v = logits.data() + r * d;
        const T* xr = x.data() + r * d;
        T* g = this->grad_.data() + r * d;
        softplus_sigmoid(v, softplus_.data(), sigma_.data(), d);
        T row = 0;  // accumulated in T per row (784 terms), then in double over the batch
        for (std::size_t i = 0; i < d; ++i) {
            row += softplus_[i] - xr[i] * v[i];   // -log p(x_i | v_i) = softplus(v) - x v
            g[i] = scale * (sigma_[i] - xr[i]);   // d/dv = sigma(v) - x
        }
        per_example_(r) = static_cast<double>(row);
        total += static_cast<double>(row);
    }
    return reduction_ == Reduction::mean ? total / static_cast<double>(n) : total;
}

template <class T>
const Tensor<T>& BernoulliNll<T>::backward() {
    if (this->grad_.dimension() == 0) throw Error("BernoulliNll::backward", "forward has not been called");
    return this->grad_;
}

template <class T>
std::string BernoulliNll<T>::name() const {
    return std::string("BernoulliNll(") + to_string(reduction_) + ")";
}

template <class T>
GaussianNll<T>::GaussianNll(double variance, Reduction reduction) : variance_(variance), reduction_(reduction) {
    require(variance > 0 && std::isfinite(variance), "GaussianNll",
            "the variance must be positive and finite, got " + std::to_string(variance));
}

template <class T>
double GaussianNll<T>::forward(const Tensor<T>& f, const Tensor<T>& x) {
    this->require_same_shape(f, x);
    const std::size_t n = f.shape(0), d = f.size() / n;
    resize_like(this->grad_, f);
    resize_buffer(per_example_, {n});
    const double constant = 0.5 * static_cast<double>(d) * (log_two_pi + std::log(variance_));
    const T inv_var = static_cast<T>(1.0 / variance_);
    const T scale = (reduction_ == Reduction::mean ? T(1) / static_cast<T>(n) : T(1)) * inv_var;
    double total = 0;
    for (std::size_t r = 0; r < n; ++r) {
        const T* fr = f.data() + r * d;
        const T* xr = x.data() + r * d;
        T* g = this->grad_.data() + r * d;
        double sq = 0;
        for (std::size_t i = 0; i < d; ++i) {
            const T diff = fr[i] - xr[i];
            sq += static_cast<double>(diff) * diff;
            g[i] = scale * diff;  // (f - x) / s^2
        }
        per_example_(r) = 0.5 * sq / variance_ + constant;
        total += per_example_(r);
    }
    return reduction_ == Reduction::mean ? total / static_cast<double>(n) : total;
}

template <class T>
const Tensor<T>& GaussianNll<T>::backward() {
    if (this->grad_.dimension() == 0) throw Error("GaussianNll::backward", "forward has not been called");
    return this->grad_;
}

template <class T>
std::string GaussianNll<T>::name() const {
    std::ostringstream s;
    s << "GaussianNll(s^2=" << variance_ << ", " << to_string(reduction_) << ")";
    return s.str();
}

template class BernoulliNll<float>;
template class BernoulliNll<double>;
template class GaussianNll<float>;
template class GaussianNll<double>;

}  // namespace dlc
