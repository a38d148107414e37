#include "rnn/embedding.hpp"

#include <algorithm>

namespace dlc {

namespace {

void check_ids(const char* where, const Tokens& ids, std::size_t vocabulary) {
    if (ids.shape(0) == 0 || ids.shape(1) == 0)
        throw ShapeError(where, "empty sequence batch: ids have shape " + shape_of(ids) + ", expected (T >= 1, B >= 1)");
    for (std::size_t i = 0; i < ids.size(); ++i)
        if (ids.data()[i] >= vocabulary)
            throw ValueError(where, "token id " + std::to_string(ids.data()[i]) + " at step " +
                                        std::to_string(i / ids.shape(1)) + ", sequence " + std::to_string(i % ids.shape(1)) +
                                        " is outside the vocabulary of " + std::to_string(vocabulary) + " symbols");
}

}  // namespace

template <class T>
Embedding<T>::Embedding(std::size_t vocabulary, std::size_t dim, Rng& rng) {
    require(vocabulary > 0 && dim > 0, "Embedding", "vocabulary and dimension must be positive, got " +
                                                        std::to_string(vocabulary) + " and " + std::to_string(dim));
    A_ = Tensor<T>::from_shape({vocabulary, dim});
    for (auto& v : A_) v = static_cast<T>(rng.normal());
    dA_ = xt::zeros<T>(A_.shape());
}

template <class T>
Embedding<T>::Embedding(Tensor<T> A) : A_(std::move(A)) {
    check_shape("Embedding", "A", A_, {any_extent, any_extent});
    check_nonempty("Embedding", "A", A_);
    dA_ = xt::zeros<T>(A_.shape());
}

template <class T>
const Tensor<T>& Embedding<T>::forward(const Tokens& ids) {
    check_ids("Embedding::forward", ids, vocabulary());
    ids_ = ids;
    const std::size_t E = dim();
    resize_buffer(out_, {ids.shape(0), ids.shape(1), E});
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const T* row = A_.data() + ids.data()[i] * E;  // onehot(k)^T A = row k of A
        std::copy(row, row + E, out_.data() + i * E);
    }
    return out_;
}

template <class T>
void Embedding<T>::backward(const Tensor<T>& grad) {
    if (!same_shape(grad, out_))
        throw ShapeError("Embedding::backward", "grad must have the shape of the last output " + shape_of(out_) +
                                                    ", got " + shape_of(grad));
    const std::size_t E = dim();
    for (std::size_t i = 0; i < ids_.size(); ++i) {  // grad_A[k_i] += dL/de_i  (scatter-add)
        T* row = dA_.data() + ids_.data()[i] * E;
        const T* g = grad.data() + i * E;
        for (std::size_t j = 0; j < E; ++j) row[j] += g[j];
    }
}

template <class T>
std::vector<Parameter<T>> Embedding<T>::parameters() {
    return {{"A", &A_, &dA_, false}};
}

template <class T>
void Embedding<T>::zero_grad() {
    std::fill(dA_.begin(), dA_.end(), T(0));
}

template <class T>
Tensor<T> one_hot(const Tokens& ids, std::size_t vocabulary) {
    check_ids("one_hot", ids, vocabulary);
    Tensor<T> x = xt::zeros<T>({ids.shape(0), ids.shape(1), vocabulary});
    for (std::size_t i = 0; i < ids.size(); ++i) x.data()[i * vocabulary + ids.data()[i]] = T(1);
    return x;
}

template class Embedding<float>;
template class Embedding<double>;
template Tensor<float> one_hot<float>(const Tokens&, std::size_t);
template Tensor<double> one_hot<double>(const Tokens&, std::size_t);

}  // namespace dlc
