/// \file
/// \brief Token ids and the embedding layer: row \f$ k \f$ of a matrix \f$ A \f$ for token \f$ k \f$, i.e.
/// the one-hot vector times \f$ A \f$ computed as a row lookup; its backward is a scatter-add.
///
/// Lectures: ECE/CS 559 L24 ("words are typically converted to vectors via an embedding algorithm,
/// before they are input to the RNN"); mock final Q6 (b) ("Input embedding: \f$ x^{\text{embed}}_t
/// = A x_t \f$, where \f$ x_t \f$ = one-hot"); NYU slides "word embeddings".
#pragma once

#include "core/rng.hpp"
#include "nn/module.hpp"

#include <xtensor/xtensor.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace dlc {

/// \brief A batch of token sequences, (T, B): entry (t, n) is the id of step t of sequence n.
using Tokens = xt::xtensor<std::size_t, 2>;

/// \brief The embedding \f$ e_t = A^\top \mathrm{onehot}(k_t) \f$ = row \f$ k_t \f$ of \f$ A \f$ (V, E).
///
/// The notes write \f$ x^{\text{embed}} = A x \f$ with \f$ A \f$ (E, V) acting on a one-hot column
/// \f$ x \f$; the library stores the transpose, one row per token, so the product is a copy of a row.
/// **Backward**: \f$ \nabla_A L = \sum_{t, n} \mathrm{onehot}(k_{tn})\, (\partial L / \partial e_{tn})^\top \f$
/// — the gradient of each step is added to the row of its token (a scatter-add); tokens that do not
/// occur get no gradient.
template <class T>
class Embedding {
public:
    /// \brief V tokens, E dimensions, entries drawn \f$ N(0, 1) \f$ (PyTorch's `nn.Embedding` default).
    /// \throws ValueError if V or E is 0.
    Embedding(std::size_t vocabulary, std::size_t dim, Rng& rng);
    /// \brief A layer with the given table \f$ A \f$ (V, E).
    explicit Embedding(Tensor<T> A);
    /// \brief The embeddings (T, B, E) of `ids` (T, B).
    /// \throws ValueError naming the position of an id \f$ \ge V \f$; ShapeError for an empty batch.
    const Tensor<T>& forward(const Tokens& ids);
    /// \brief Scatter-adds `grad` (T, B, E) into \f$ \nabla_A \f$ at the last forward's ids.
    void backward(const Tensor<T>& grad);
    /// \brief `A`.
    std::vector<Parameter<T>> parameters();
    /// \brief The table \f$ A \f$ (V, E).
    Tensor<T>& A() { return A_; }
    /// \brief \f$ \nabla_A L \f$.
    const Tensor<T>& grad_A() const { return dA_; }
    /// \brief V.
    std::size_t vocabulary() const { return A_.shape(0); }
    /// \brief E.
    std::size_t dim() const { return A_.shape(1); }
    /// \brief Sets \f$ \nabla_A = 0 \f$.
    void zero_grad();

private:
    Tensor<T> A_, dA_, out_;
    Tokens ids_;
};

/// \brief The one-hot encoding (T, B, V) of `ids` (L24's inputs over {h, e, l, o, ␣}).
/// \throws ValueError for an id \f$ \ge V \f$.
template <class T>
Tensor<T> one_hot(const Tokens& ids, std::size_t vocabulary);

}  // namespace dlc
