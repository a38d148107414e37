#include "optim/metrics.hpp"

#include "core/check.hpp"

#include <cmath>

namespace dlc {

namespace {

template <class T>
std::size_t row_argmax(const T* row, std::size_t K) {
    std::size_t best = 0;
    for (std::size_t k = 1; k < K; ++k)
        if (row[k] > row[best]) best = k;
    return best;
}

template <class T>
std::size_t columns(const Tensor<T>& t) {
    return t.shape(0) ? t.size() / t.shape(0) : 0;
}

}  // namespace

template <class T>
Labels predicted_classes(const Tensor<T>& outputs) {
    if (outputs.dimension() == 0) throw ShapeError("predicted_classes", "the outputs must have a batch axis");
    const std::size_t N = outputs.shape(0), K = columns(outputs);
    Labels c = Labels::from_shape({N});
    for (std::size_t n = 0; n < N; ++n) {
        const T* row = outputs.data() + n * K;
        c(n) = K == 1 ? (row[0] >= T(0.5) ? 1 : 0) : row_argmax(row, K);
    }
    return c;
}

template <class T>
std::size_t count_correct(const Tensor<T>& outputs, const Labels& labels) {
    if (outputs.dimension() == 0 || outputs.shape(0) != labels.size())
        throw ShapeError("count_correct", "got " + std::to_string(labels.size()) + " labels for outputs of shape " +
                                              shape_of(outputs));
    const std::size_t N = labels.size(), K = columns(outputs);
    std::size_t correct = 0;
    for (std::size_t n = 0; n < N; ++n) {
        const T* row = outputs.data() + n * K;
        const std::size_t c = K == 1 ? (row[0] >= T(0.5) ? 1 : 0) : row_argmax(row, K);
        correct += c == labels(n);
    }
    return correct;
}

template <class T>
std::size_t count_correct(const Tensor<T>& outputs, const Tensor<T>& targets) {
    if (!same_shape(outputs, targets) || outputs.dimension() == 0)
        throw ShapeError("count_correct", "outputs " + shape_of(outputs) + " and targets " + shape_of(targets) +
                                              " must have the same shape");
    const std::size_t N = outputs.shape(0), K = columns(outputs);
    std::size_t correct = 0;
    for (std::size_t n = 0; n < N; ++n) {
        const T* f = outputs.data() + n * K;
        const T* y = targets.data() + n * K;
        correct += K == 1 ? std::abs(f[0] - y[0]) < T(0.5) : row_argmax(f, K) == row_argmax(y, K);
    }
    return correct;
}

template Labels predicted_classes<float>(const Tensor<float>&);
template Labels predicted_classes<double>(const Tensor<double>&);
template std::size_t count_correct<float>(const Tensor<float>&, const Labels&);
template std::size_t count_correct<double>(const Tensor<double>&, const Labels&);
template std::size_t count_correct<float>(const Tensor<float>&, const Tensor<float>&);
template std::size_t count_correct<double>(const Tensor<double>&, const Tensor<double>&);

}  // namespace dlc
