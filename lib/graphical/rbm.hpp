/// \file
/// \brief The Bernoulli-Bernoulli restricted Boltzmann machine (Bahng ch. 9.2.1): energy, free energy,
/// conditionals, and their batched (GEMM) forms.
///
/// **Convention** (the one of Lemmas 9.2-9.3 and Theorem 9.4, and the library's \f$ v = W x + b \f$):
/// visible \f$ x \in \{0,1\}^D \f$, hidden \f$ h \in \{0,1\}^H \f$, \f$ W \f$ of shape (H, D) with
/// \f$ W_{jk} \f$ coupling \f$ h_j \f$ and \f$ x_k \f$, hidden biases \f$ b \f$ (H), visible biases \f$ c \f$ (D):
/// \f[ E(x, h) = -h^\top W x - c^\top x - b^\top h, \qquad p(x, h) = e^{-E(x, h)} / Z . \f]
/// Definition 9.11 names the same model differently, \f$ E(v, h) = -v^\top W' h - b'^\top v - a'^\top h \f$ with
/// \f$ W' = W^\top \f$ (D, H), visible biases \f$ b' = c \f$ and hidden biases \f$ a' = b \f$
/// (`rbm_from_definition_9_11` converts). In this convention
/// \f[ p(h_j = 1 \mid x) = \sigma(b_j + W_{j,:} x), \qquad p(x_k = 1 \mid h) = \sigma(c_k + h^\top W_{:,k}), \f]
/// \f[ F(x) = -c^\top x - \sum_{j=1}^H \operatorname{softplus}(b_j + W_{j,:} x), \qquad p(x) = e^{-F(x)} / Z . \f]
/// A batch holds one configuration per row: \f$ P_h = \sigma(X W^\top + 1 b^\top) \f$ and
/// \f$ P_x = \sigma(H W + 1 c^\top) \f$, each one GEMM into a preallocated buffer (the `_into` functions);
/// the per-unit functions beside them compute the notes' formulas entry by entry and are tested equal.
#pragma once

#include "core/rng.hpp"
#include "core/tensor.hpp"

#include <cstddef>

namespace dlc {

/// \brief A Bernoulli RBM's parameters \f$ \theta = \{W, b, c\} \f$ (see the file's convention).
template <class T>
struct Rbm {
    Matrix<T> W;  ///< (H, D): \f$ W_{jk} \f$ couples hidden unit j and visible unit k
    Vector<T> b;  ///< (H): hidden biases
    Vector<T> c;  ///< (D): visible biases
    /// \brief D, the number of visible units.
    std::size_t visible() const { return c.size(); }
    /// \brief H, the number of hidden units.
    std::size_t hidden() const { return b.size(); }
};

/// \brief The gradient of a scalar with respect to \f$ \theta = \{W, b, c\} \f$, shaped like the RBM.
template <class T>
struct RbmGradient {
    Matrix<T> W;  ///< (H, D)
    Vector<T> b;  ///< (H)
    Vector<T> c;  ///< (D)
};

/// \brief Checks the shapes and finiteness of an RBM.
/// \throws ShapeError if W is not (H, D) for b of size H and c of size D, or H or D is 0; ValueError if an
///         entry is not finite.
template <class T>
void check_rbm(const char* where, const Rbm<T>& rbm);

/// \brief An RBM from given parameters (checked by `check_rbm`).
template <class T>
Rbm<T> make_rbm(const Matrix<T>& W, const Vector<T>& b, const Vector<T>& c);

/// \brief A D-visible, H-hidden RBM with \f$ W_{jk} \sim \mathcal{N}(0, \mathrm{sd}^2) \f$ from `rng` and zero
/// biases (Hinton's "practical guide" uses sd = 0.01).
/// \throws ValueError if D or H is 0 or sd is negative or not finite.
template <class T>
Rbm<T> make_rbm(std::size_t D, std::size_t H, Rng& rng, double sd = 0.01);

/// \brief The RBM of Definition 9.11's naming, \f$ E(v, h) = -v^\top W' h - b'^\top v - a'^\top h \f$ with
/// `W_def` = \f$ W' \f$ (D, H), `b_def` = \f$ b' \f$ (D, visible) and `a_def` = \f$ a' \f$ (H, hidden), in the
/// library's convention: \f$ W = W'^\top \f$, \f$ b = a' \f$, \f$ c = b' \f$.
template <class T>
Rbm<T> rbm_from_definition_9_11(const Matrix<T>& W_def, const Vector<T>& b_def, const Vector<T>& a_def);

/// \brief \f$ \operatorname{softplus}(a) = \log(1 + e^a) \f$, computed as \f$ \max(a, 0) + \log(1 + e^{-|a|}) \f$.
template <class T>
T softplus(T a);

/// \brief \f$ \sigma(a) = 1 / (1 + e^{-a}) \f$.
template <class T>
T sigmoid(T a);

/// \brief \f$ E(x, h) = -h^\top W x - c^\top x - b^\top h \f$ (Definition 9.11 in the lemmas' names).
/// \throws ShapeError unless x is (D) and h is (H); ValueError unless both are binary.
template <class T>
T rbm_energy(const Rbm<T>& rbm, const Vector<T>& x, const Vector<T>& h);

/// \brief The free energy (Lemma 9.3) \f$ F(x) = -c^\top x - \sum_j \operatorname{softplus}(b_j + W_{j,:} x) \f$,
/// i.e. \f$ e^{-F(x)} = \sum_h e^{-E(x, h)} \f$.
/// \throws ShapeError unless x is (D); ValueError unless x is binary.
template <class T>
T free_energy(const Rbm<T>& rbm, const Vector<T>& x);

/// \brief \f$ F \f$ of every row of X (n, D), through one GEMM \f$ X W^\top \f$; shape (n).
/// \throws ShapeError unless X is (n, D); ValueError unless X is binary.
template <class T>
Vector<T> free_energy_rows(const Rbm<T>& rbm, const Matrix<T>& X);

/// \brief Lemma 9.2 entry by entry: row t, column j is \f$ p(h_j = 1 \mid x_t) = \sigma(b_j + W_{j,:} x_t) \f$
/// for the rows \f$ x_t \f$ of X (n, D); shape (n, H).
/// \throws ShapeError unless X is (n, D); ValueError unless X is binary.
template <class T>
Matrix<T> hidden_probabilities(const Rbm<T>& rbm, const Matrix<T>& X);

/// \brief Lemma 9.2 entry by entry: row t, column k is \f$ p(x_k = 1 \mid h_t) = \sigma(c_k + h_t^\top W_{:,k}) \f$
/// for the rows \f$ h_t \f$ of Hs (n, H); shape (n, D).
/// \throws ShapeError unless Hs is (n, H); ValueError unless Hs is binary.
template <class T>
Matrix<T> visible_probabilities(const Rbm<T>& rbm, const Matrix<T>& Hs);

/// \brief Fast form of `hidden_probabilities`: \f$ P = \sigma(X W^\top + 1 b^\top) \f$ for n rows of X at `X`
/// (n, D, row-major) into `P` (n, H), one GEMM; no checks, no allocation. X may hold probabilities.
template <class T>
void hidden_probabilities_into(const Rbm<T>& rbm, const T* X, std::size_t n, T* P);

/// \brief Fast form of `visible_probabilities`: \f$ P = \sigma(H W + 1 c^\top) \f$ for n rows at `Hs` (n, H)
/// into `P` (n, D), one GEMM; no checks, no allocation.
template <class T>
void visible_probabilities_into(const Rbm<T>& rbm, const T* Hs, std::size_t n, T* P);

/// \brief \f$ a_i \leftarrow \sigma(a_i) \f$ for n values: in double the plain loop (see `sigmoid`), in float the
/// vectorized `sigmoid_fast` (a few ulps from it).
template <class T>
void sigmoid_in_place(T* a, std::size_t n);
/// \brief The float form of `sigmoid_in_place`: the vectorized `sigmoid_fast`. (Declared here, before any use: an
/// explicit specialization must precede every use that would instantiate the primary template.)
template <>
void sigmoid_in_place<float>(float* a, std::size_t n);

/// \brief Bernoulli draws \f$ s_i = [u_i < p_i] \f$ from probabilities p and uniforms u in [0, 1), n values.
template <class T>
void bernoulli_into(const T* p, const T* u, T* s, std::size_t n);

/// \brief n uniforms in [0, 1) from `rng`: for float, two 24-bit values per 64 random bits; for double,
/// `Rng::uniform` (53 bits).
template <class T>
void fill_uniform(Rng& rng, T* u, std::size_t n);
/// \brief `fill_uniform` in float: two 24-bit uniforms per 64 random bits.
template <>
void fill_uniform<float>(Rng& rng, float* u, std::size_t n);
/// \brief `fill_uniform` in double: `Rng::uniform`, 53 bits.
template <>
void fill_uniform<double>(Rng& rng, double* u, std::size_t n);

/// \brief \f$ \partial F(x) / \partial \theta \f$: \f$ \partial F / \partial W = -\sigma(b + W x)\, x^\top \f$,
/// \f$ \partial F / \partial b = -\sigma(b + W x) \f$, \f$ \partial F / \partial c = -x \f$ (the data term of
/// Theorem 9.4: \f$ \mathbb{E}_h[\partial E(x, h)/\partial \theta \mid x] \f$).
/// \throws as `free_energy`.
template <class T>
RbmGradient<T> free_energy_gradient(const Rbm<T>& rbm, const Vector<T>& x);

}  // namespace dlc
