#include "rnn/sequence_loss.hpp"

#include <algorithm>
#include <cmath>

namespace dlc {

template <class T>
double SequenceCrossEntropy<T>::forward(const Tensor<T>& logits, const Tokens& targets) {
    const char* where = "SequenceCrossEntropy::forward";
    const std::size_t rows = targets.size();
    if (logits.dimension() < 2 || logits.size() == 0)
        throw ShapeError(where, "logits must be (T, B, V) or (T*B, V), got " + shape_of(logits));
    const std::size_t V = logits.shape(logits.dimension() - 1);
    if (logits.size() != rows * V)
        throw ShapeError(where, "logits " + shape_of(logits) + " do not match targets " + shape_of(targets));
    resize_like(grad_, logits);
    resize_buffer(prob_, {rows, V});
    total_ = 0;
    count_ = 0;
    for (std::size_t r = 0; r < rows; ++r) {
        const std::size_t k = targets.data()[r];
        if (k != no_token && k >= V)
            throw ValueError(where, "target id " + std::to_string(k) + " is outside the " + std::to_string(V) + " classes");
        count_ += k != no_token;
    }
    const T inv_n = count_ ? T(1) / T(count_) : T(0);
    for (std::size_t r = 0; r < rows; ++r) {
        const T* v = logits.data() + r * V;
        T* a = prob_.data() + r * V;
        T* g = grad_.data() + r * V;
        // a = softmax(v) = exp(v - m) / sum exp(v - m), m = max v
        const T m = *std::max_element(v, v + V);
        T sum = 0;
        for (std::size_t j = 0; j < V; ++j) sum += (a[j] = std::exp(v[j] - m));
        for (std::size_t j = 0; j < V; ++j) a[j] /= sum;
        const std::size_t k = targets.data()[r];
        if (k == no_token) {
            std::fill(g, g + V, T(0));  // padding: no loss, no gradient
            continue;
        }
        total_ -= double(v[k] - m) - std::log(double(sum));  // -log a_k
        for (std::size_t j = 0; j < V; ++j) g[j] = a[j] * inv_n;  // (a - onehot(k)) / N
        g[k] -= inv_n;
    }
    return count_ ? total_ / double(count_) : 0.0;
}

template class SequenceCrossEntropy<float>;
template class SequenceCrossEntropy<double>;

}  // namespace dlc
