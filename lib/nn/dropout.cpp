#include "nn/dropout.hpp"

#include "core/check.hpp"

#include <cmath>
#include <sstream>

namespace dlc {

template <class T>
Dropout<T>::Dropout(double drop_probability, Rng& rng) : q_(drop_probability), rng_(rng.split()) {
    require(drop_probability >= 0.0 && drop_probability < 1.0, "Dropout",
            "the drop probability must be in [0, 1), got " + std::to_string(drop_probability));
}

template <class T>
std::string Dropout<T>::name() const {
    std::ostringstream s;
    s << "Dropout(" << q_ << ")";
    return s.str();
}

template <class T>
const Tensor<T>& Dropout<T>::forward(const Tensor<T>& a) {
    Tensor<T>& out = this->out_;
    if (!this->training()) {  // test time: the identity
        copy_into(out, a);
        return out;
    }
    const bool reuse = hold_mask_ && same_shape(mask_, a);
    if (!reuse) {
        // r_j ~ Bernoulli(p), p = 1 - q; the mask holds r_j / p (inverted dropout).
        resize_like(mask_, a);
        const double p = 1.0 - q_;
        const T kept = static_cast<T>(1.0 / p);
        const auto threshold = static_cast<std::uint64_t>(std::ldexp(p, 32));  // r = [u < p 2^32], u 32 bits
        T* m = mask_.data();
        const std::size_t n = mask_.size();
        std::size_t i = 0;
        for (; i + 1 < n; i += 2) {
            const std::uint64_t bits = rng_.bits();
            m[i] = (bits & 0xffffffffu) < threshold ? kept : T(0);
            m[i + 1] = (bits >> 32) < threshold ? kept : T(0);
        }
        if (i < n) m[i] = (rng_.bits() & 0xffffffffu) < threshold ? kept : T(0);
    }
    resize_like(out, a);
    for (std::size_t i = 0; i < a.size(); ++i) out.data()[i] = mask_.data()[i] * a.data()[i];  // (r / p) a
    return out;
}

template <class T>
const Tensor<T>& Dropout<T>::backward(const Tensor<T>& grad) {
    this->require_output_shape(grad);
    Tensor<T>& g = this->grad_in_;
    if (!this->training()) {
        copy_into(g, grad);
        return g;
    }
    resize_like(g, grad);
    for (std::size_t i = 0; i < grad.size(); ++i) g.data()[i] = mask_.data()[i] * grad.data()[i];  // (r / p) grad
    return g;
}

template class Dropout<float>;
template class Dropout<double>;

}  // namespace dlc
