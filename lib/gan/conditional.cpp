#include "gan/conditional.hpp"

#include "core/check.hpp"

#include <algorithm>
#include <string>

namespace dlc {

template <class T>
Tensor<T> one_hot(const Labels& labels, std::size_t classes) {
    require(classes > 0, "one_hot", "expected at least one class, got 0");
    Tensor<T> Y = xt::zeros<T>({labels.size(), classes});
    for (std::size_t n = 0; n < labels.size(); ++n) {
        if (labels(n) >= classes)
            throw ValueError("one_hot", "expected labels < " + std::to_string(classes) + ", got " +
                                            std::to_string(labels(n)) + " at index " + std::to_string(n));
        Y(n, labels(n)) = T(1);
    }
    return Y;
}

template <class T>
void concat_label_columns(const Tensor<T>& A, const Tensor<T>& B, Tensor<T>& out) {
    if (A.dimension() < 2 || A.shape(0) == 0)
        throw ShapeError("concat_label_columns", "A must have shape (N, ...) with N >= 1, got " + shape_of(A));
    const std::size_t N = A.shape(0), a = A.size() / N;
    check_shape("concat_label_columns", "B", B, {static_cast<long>(N), any_extent});
    const std::size_t b = B.shape(1);
    resize_buffer(out, {N, a + b});
    for (std::size_t n = 0; n < N; ++n) {
        std::copy(A.data() + n * a, A.data() + (n + 1) * a, out.data() + n * (a + b));
        std::copy(B.data() + n * b, B.data() + (n + 1) * b, out.data() + n * (a + b) + a);
    }
}

template <class T>
void take_columns(const Tensor<T>& M, const Tensor<T>& like, Tensor<T>& out) {
    if (like.dimension() < 1 || like.shape(0) == 0)
        throw ShapeError("take_columns", "like must have shape (N, ...) with N >= 1, got " + shape_of(like));
    const std::size_t N = like.shape(0), a = like.size() / N;
    check_shape("take_columns", "M", M, {static_cast<long>(N), any_extent});
    const std::size_t c = M.shape(1);
    if (c < a)
        throw ShapeError("take_columns", "M must have at least " + std::to_string(a) + " columns, got " + shape_of(M));
    resize_like(out, like);
    for (std::size_t n = 0; n < N; ++n) std::copy(M.data() + n * c, M.data() + n * c + a, out.data() + n * a);
}

template Tensor<float> one_hot<float>(const Labels&, std::size_t);
template Tensor<double> one_hot<double>(const Labels&, std::size_t);
template void concat_label_columns<float>(const Tensor<float>&, const Tensor<float>&, Tensor<float>&);
template void concat_label_columns<double>(const Tensor<double>&, const Tensor<double>&, Tensor<double>&);
template void take_columns<float>(const Tensor<float>&, const Tensor<float>&, Tensor<float>&);
template void take_columns<double>(const Tensor<double>&, const Tensor<double>&, Tensor<double>&);

}  // namespace dlc
