#include "optim/clip.hpp"

#include "core/check.hpp"

#include <cmath>

namespace dlc {

template <class T>
double gradient_norm(const std::vector<Parameter<T>>& params) {
    double s = 0;
    for (const auto& p : params) {
        const T* g = p.grad->data();
        for (std::size_t j = 0; j < p.grad->size(); ++j) s += static_cast<double>(g[j]) * g[j];
    }
    return std::sqrt(s);
}

template <class T>
double clip_grad_norm(const std::vector<Parameter<T>>& params, double max_norm) {
    require(max_norm > 0, "clip_grad_norm", "max_norm must be positive, got " + std::to_string(max_norm));
    const double norm = gradient_norm(params);
    if (std::isfinite(norm) && norm > max_norm) {
        const T scale = static_cast<T>(max_norm / norm);  // g <- g c / ||g||
        for (const auto& p : params) {
            T* g = p.grad->data();
            for (std::size_t j = 0; j < p.grad->size(); ++j) g[j] *= scale;
        }
    }
    return norm;
}

template double gradient_norm<float>(const std::vector<Parameter<float>>&);
template double gradient_norm<double>(const std::vector<Parameter<double>>&);
template double clip_grad_norm<float>(const std::vector<Parameter<float>>&, double);
template double clip_grad_norm<double>(const std::vector<Parameter<double>>&, double);

}  // namespace dlc
