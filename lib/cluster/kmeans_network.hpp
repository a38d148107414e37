/// \file
/// \brief k-means as a neural network (ECE/CS 559 HW7 Q1): ten neurons \f$ x C_i^\top - \frac12\|C_i\|^2 \f$, a
/// sharpened softmax, the reconstruction \f$ s C \f$ and the error \f$ x - x_0 \f$, trained by SGD on the mean
/// square of that error — forward and backward written out.
///
/// Lectures: ECE/CS 559 L17/18 "(3) From k-means to Hebbian updates" (the nearest centre is the neuron with the
/// largest \f$ x^\top C_i - \frac12\|C_i\|^2 \f$) and HW7 Q1 (the network, its loss, and part (a): with the
/// softmax acting as an argmax and a tenth of the batch in each cell, one SGD step is
/// \f$ C_i \leftarrow (1 - \alpha) C_i + \alpha\, m_i \f$ with \f$ m_i \f$ the batch's cell mean).
///
/// **Forward** on a batch \f$ X \f$ (b, d), centres \f$ C \f$ (k, d), sharpness \f$ \beta \f$ (the homework's 20):
/// \f[ V = X C^\top - \tfrac12 \mathbf 1 \|C\|^{2\top}, \quad S = \mathrm{softmax}(\beta V) \text{ (per row)}, \quad
///     R = S C, \quad E = R - X, \quad L = \tfrac1Z \textstyle\sum_{n,j} E_{nj}^2 . \f]
/// \f$ Z \f$ is what the mean-squared loss divides by: \f$ b d \f$ for PyTorch's `MSELoss()` (the mean over every
/// element, its default) or \f$ b \f$ for a loss averaged over the batch only.
///
/// **Backward** (each line is one line of `backward`):
/// \f[ \nabla_E L = \tfrac2Z E, \quad \nabla_C L \mathrel{+}= S^\top \nabla_E L \ \text{(through } R = SC),
///     \quad \nabla_S L = \nabla_E L\, C^\top, \f]
/// \f[ \nabla_V L = \beta\, S \odot \bigl(\nabla_S L - \mathrm{rowsum}(\nabla_S L \odot S)\bigr), \quad
///     \nabla_C L \mathrel{+}= (\nabla_V L)^\top X - \mathrm{diag}\bigl(\mathbf 1^\top \nabla_V L\bigr)\, C
///     \ \text{(} \partial V_{ni} / \partial C_i = x_n - C_i). \f]
/// With a one-hot \f$ S \f$ only the first term is left: \f$ \nabla_{C_i} L = \frac{2 n_i}{Z}(C_i - m_i) \f$, so
/// SGD with step \f$ \eta \f$ gives \f$ C_i \leftarrow (1 - \alpha_i) C_i + \alpha_i m_i \f$,
/// \f$ \alpha_i = 2 \eta n_i / Z \f$ (`argmax_step_factor`).
#pragma once

#include "core/rng.hpp"
#include "core/tensor.hpp"

#include <cstddef>
#include <vector>

namespace dlc {

/// \brief What the mean-squared loss \f$ \frac1Z \sum E^2 \f$ divides by.
enum class MseReduction {
    /// \f$ Z = b\,d \f$: the mean over every element, PyTorch's `nn.MSELoss()` default (HW7's prescribed loss).
    elements,
    /// \f$ Z = b \f$: the squared error summed over the pixels, averaged over the batch only.
    batch,
};

/// \brief "elements" or "batch".
const char* reduction_name(MseReduction r);

/// \brief \f$ \alpha_i = 2 \eta n_i / Z \f$: the weight of the cell mean in one SGD step when the softmax is an
/// argmax, for \f$ n_i \f$ of the batch's \f$ b \f$ points in cell \f$ i \f$ and \f$ d \f$ pixels. With
/// \f$ n_i = b/10 \f$ it is \f$ \eta/5 \f$ for `MseReduction::batch` and \f$ \eta/(5d) \f$ for `elements`.
double argmax_step_factor(double eta, double n_i, std::size_t b, std::size_t d, MseReduction r);

/// \brief HW7 Q1's network: the centres \f$ C \f$ (k, d) are its only parameter.
template <class T>
class KMeansNetwork {
public:
    /// \brief A network with the given centres (k, d) and softmax sharpness \f$ \beta \f$ (HW7: 20).
    /// \throws ValueError if `centres` is empty or \f$ \beta \le 0 \f$ or a centre is not finite.
    explicit KMeansNetwork(Matrix<T> centres, double beta = 20);

    /// \brief The forward pass of the file comment; returns \f$ E = S C - X \f$ (b, d) and caches \f$ X, S \f$.
    /// \throws ShapeError unless `X` is (b, d) with b > 0 and d the centres' width.
    const Matrix<T>& forward(const Matrix<T>& X);
    /// \brief \f$ L = \frac1Z \sum E^2 \f$ of the last forward.
    double loss(MseReduction r) const;
    /// \brief \f$ \nabla_C L \f$ of the last forward (the file comment's backward), written into `grad()`.
    /// \throws ValueError if `forward` has not been called.
    const Matrix<T>& backward(MseReduction r);
    /// \brief \f$ C \leftarrow C - \eta \nabla_C L \f$.
    void sgd_step(double eta);

    /// \brief The fields \f$ V \f$ (b, k) of the last forward.
    const Matrix<T>& fields() const { return V_; }
    /// \brief The softmax outputs \f$ S \f$ (b, k) of the last forward.
    const Matrix<T>& soft_assignments() const { return S_; }
    /// \brief The centres \f$ C \f$ (k, d).
    const Matrix<T>& centres() const { return C_; }
    /// \brief Replaces the centres (same shape). \throws ShapeError otherwise.
    void set_centres(const Matrix<T>& C);
    /// \brief \f$ \nabla_C L \f$ of the last backward.
    const Matrix<T>& grad() const { return grad_; }
    /// \brief \f$ \beta \f$.
    double beta() const { return beta_; }
    /// \brief k.
    std::size_t clusters() const { return C_.shape(0); }
    /// \brief d.
    std::size_t dim() const { return C_.shape(1); }

    /// \brief The network's winner for each row of `X`: \f$ \arg\max_i V_{ni} \f$ (lowest index on ties), which is
    /// the nearest centre (ECE/CS 559 L17/18). Computed in chunks without touching the forward cache.
    Labels assign(const Matrix<T>& X) const;

private:
    Matrix<T> C_, grad_;
    double beta_;
    Matrix<T> X_, V_, S_, E_, gS_;  // the forward cache and the backward's buffer, reused across steps
    Vector<T> half_norms_;
};

/// \brief What one epoch of `kmeans_network_epoch` measured.
struct KMeansNetworkEpoch {
    double mean_loss = 0;     ///< the mean of the batches' losses
    std::size_t batches = 0;  ///< SGD steps taken
};

/// \brief One epoch of HW7 Q1's training: a fresh shuffle from `rng`, batches of `batch` rows (the last may be
/// smaller, as a DataLoader without drop_last), forward, the loss with reduction `r`, backward, SGD with `eta`.
/// \throws ValueError if `batch` is 0 or `eta` is not finite and positive; ShapeError if `X`'s width is not d.
template <class T>
KMeansNetworkEpoch kmeans_network_epoch(KMeansNetwork<T>& net, const Matrix<T>& X, std::size_t batch, double eta,
                                        MseReduction r, Rng& rng);

}  // namespace dlc
