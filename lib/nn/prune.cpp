#include "nn/prune.hpp"

#include "core/check.hpp"
#include "core/error.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

namespace dlc {

std::string scope_name(PruneScope scope) { return scope == PruneScope::global ? "global" : "per layer"; }

std::size_t pruned_count(std::size_t n, double sparsity) {
    if (!(std::isfinite(sparsity) && sparsity >= 0.0 && sparsity <= 1.0)) {
        std::ostringstream msg;
        msg << "the sparsity must be a number in [0, 1] (the fraction of weights pruned), got " << sparsity;
        throw ValueError("pruned_count", msg.str());
    }
    // k = floor(s n + 1/2): s n when it is whole, else the nearest whole number
    const auto k = static_cast<std::size_t>(std::floor(sparsity * double(n) + 0.5));
    return std::min(k, n);
}

namespace {

// Marks with 0 in `keep` the k entries of smallest |w| among `mag` (the magnitudes, in order: tensor after tensor,
// flat index within each), ties broken by position. `keep` has one entry per magnitude.
template <class T>
void prune_smallest_magnitudes(const std::vector<T>& mag, std::size_t k, std::vector<unsigned char>& keep) {
    const std::size_t n = mag.size();
    keep.assign(n, 1);
    if (k == 0) return;
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t(0));
    // the total order (|w_a|, a) < (|w_b|, b): the k smallest are one set, whatever the algorithm
    const auto before = [&](std::size_t a, std::size_t b) { return mag[a] < mag[b] || (mag[a] == mag[b] && a < b); };
    if (k < n) std::nth_element(order.begin(), order.begin() + std::ptrdiff_t(k), order.end(), before);
    for (std::size_t i = 0; i < k; ++i) keep[order[i]] = 0;
}

}  // namespace

template <class T>
PruneMask<T> magnitude_mask(const std::vector<Parameter<T>>& params, double sparsity, PruneScope scope,
                            bool include_biases) {
    const char* where = "magnitude_mask";
    PruneMask<T> m;
    for (const auto& p : params) {
        require(p.value != nullptr, where, "parameter '" + p.name + "' is null");
        if (include_biases || !p.is_bias) m.params.push_back(p);
    }
    // |w| of every pruned entry, tensor after tensor (checked finite: a NaN has no rank)
    std::vector<std::size_t> offset(m.params.size() + 1, 0);
    for (std::size_t l = 0; l < m.params.size(); ++l) offset[l + 1] = offset[l] + m.params[l].value->size();
    m.total = offset.back();
    std::vector<T> mag(m.total);
    for (std::size_t l = 0; l < m.params.size(); ++l) {
        const T* w = m.params[l].value->data();
        for (std::size_t i = 0; i < m.params[l].value->size(); ++i) {
            if (!std::isfinite(static_cast<double>(w[i]))) {
                std::ostringstream msg;
                msg << "weight " << i << " of '" << m.params[l].name << "' is " << w[i] << "; only finite weights can be ranked";
                throw ValueError(where, msg.str());
            }
            mag[offset[l] + i] = std::abs(w[i]);
        }
    }
    std::vector<unsigned char> keep;
    if (scope == PruneScope::global) {
        prune_smallest_magnitudes(mag, pruned_count(m.total, sparsity), keep);  // Bahng §2.5: keep the largest
    } else {
        keep.assign(m.total, 1);
        std::vector<T> part;
        std::vector<unsigned char> part_keep;
        for (std::size_t l = 0; l < m.params.size(); ++l) {
            part.assign(mag.begin() + std::ptrdiff_t(offset[l]), mag.begin() + std::ptrdiff_t(offset[l + 1]));
            prune_smallest_magnitudes(part, pruned_count(part.size(), sparsity), part_keep);
            std::copy(part_keep.begin(), part_keep.end(), keep.begin() + std::ptrdiff_t(offset[l]));
        }
        if (m.params.empty()) pruned_count(0, sparsity);  // still check s
    }
    for (std::size_t l = 0; l < m.params.size(); ++l) {
        Tensor<T> t = Tensor<T>::from_shape(m.params[l].value->shape());
        std::size_t zeros = 0;
        for (std::size_t i = 0; i < t.size(); ++i) {
            t.data()[i] = keep[offset[l] + i] ? T(1) : T(0);
            zeros += keep[offset[l] + i] ? 0 : 1;
        }
        m.keep.push_back(std::move(t));
        m.pruned_per_tensor.push_back(zeros);
        m.pruned += zeros;
    }
    return m;
}

namespace {

template <class T>
void multiply_by_mask(const char* where, const std::string& name, Tensor<T>& t, const Tensor<T>& keep) {
    if (!same_shape(t, keep))
        throw ShapeError(where, "'" + name + "' has shape " + shape_of(t) + ", its mask " + shape_of(keep));
    T* x = t.data();
    const T* m = keep.data();
    for (std::size_t i = 0; i < t.size(); ++i) x[i] = m[i] != T(0) ? x[i] : T(0);  // m (.) x, no -0 or NaN * 0
}

}  // namespace

template <class T>
void apply_mask(const PruneMask<T>& mask) {
    for (std::size_t l = 0; l < mask.params.size(); ++l)
        multiply_by_mask("apply_mask", mask.params[l].name, *mask.params[l].value, mask.keep[l]);
}

template <class T>
void mask_gradients(const PruneMask<T>& mask) {
    for (std::size_t l = 0; l < mask.params.size(); ++l) {
        require(mask.params[l].grad != nullptr, "mask_gradients", "parameter '" + mask.params[l].name + "' has no gradient");
        multiply_by_mask("mask_gradients", mask.params[l].name, *mask.params[l].grad, mask.keep[l]);
    }
}

template <class T>
std::size_t count_zeros(const PruneMask<T>& mask) {
    std::size_t zeros = 0;
    for (const auto& p : mask.params) zeros += std::size_t(std::count(p.value->begin(), p.value->end(), T(0)));
    return zeros;
}

template struct PruneMask<float>;
template struct PruneMask<double>;
template PruneMask<float> magnitude_mask(const std::vector<Parameter<float>>&, double, PruneScope, bool);
template PruneMask<double> magnitude_mask(const std::vector<Parameter<double>>&, double, PruneScope, bool);
template void apply_mask(const PruneMask<float>&);
template void apply_mask(const PruneMask<double>&);
template void mask_gradients(const PruneMask<float>&);
template void mask_gradients(const PruneMask<double>&);
template std::size_t count_zeros(const PruneMask<float>&);
template std::size_t count_zeros(const PruneMask<double>&);

}  // namespace dlc
