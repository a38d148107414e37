/// \file
/// \brief Contrastive divergence (CD-k) and persistent CD for a Bernoulli RBM (Bahng ch. 9.2.1).
///
/// The exact gradient (Theorem 9.4) needs \f$ \mathbb{E}_{x,h}[h x^\top] \f$ under the model; CD-k replaces it by the
/// statistics of a sample \f$ \bar x \f$ drawn by k block-Gibbs sweeps started at the data point \f$ x^{(t)} \f$
/// (persistent CD: started where the previous update's chain stopped). With \f$ h(x) = \sigma(b + W x) \f$ the
/// notes' updates are
/// \f[ W \leftarrow W + \alpha\bigl(h(x^{(t)}) x^{(t)\top} - h(\bar x) \bar x^\top\bigr), \quad
///     b \leftarrow b + \alpha\bigl(h(x^{(t)}) - h(\bar x)\bigr), \quad
///     c \leftarrow c + \alpha\bigl(x^{(t)} - \bar x\bigr) \f]
/// (the notes write \f$ \hat x \f$ in the last one: the same \f$ \bar x \f$). On a minibatch the two terms are
/// averaged over its B rows and over the negative chains; optional momentum \f$ \mu \f$ and weight decay
/// \f$ \lambda \f$ (Hinton's practical guide) make the step \f$ V \leftarrow \mu V + \alpha(\hat g - \lambda W) \f$,
/// \f$ \theta \leftarrow \theta + V \f$ (with \f$ \lambda \f$ on W only). `cd_step_plain` is the per-example loop as the
/// notes write it; `CdTrainer` does the same with five GEMMs per minibatch into buffers allocated once.
#pragma once

#include "core/rng.hpp"
#include "graphical/rbm.hpp"

#include <cstddef>
#include <functional>

namespace dlc {

/// \brief Hyper-parameters of CD-k / PCD-k.
struct CdOptions {
    std::size_t k = 1;              ///< Gibbs sweeps per update (CD-k)
    bool persistent = false;        ///< PCD: chains carried over between updates (batch_size chains)
    double learning_rate = 0.05;    ///< \f$ \alpha \f$
    double momentum = 0.0;          ///< \f$ \mu \in [0, 1) \f$
    double weight_decay = 0.0;      ///< \f$ \lambda \ge 0 \f$ (on W)
    std::size_t batch_size = 100;   ///< rows per update (and the number of persistent chains)
};

/// \brief Checks the options.
/// \throws ValueError if k or batch_size is 0, the learning rate is not positive and finite, the momentum is not
///         in [0, 1) or the weight decay is negative or not finite.
void check_cd_options(const char* where, const CdOptions& options);

/// \brief CD-k / PCD-k training of an RBM (which must outlive the trainer), allocation-free per update.
template <class T>
class CdTrainer {
public:
    /// \brief A trainer updating `rbm` in place.
    /// \throws as `check_rbm` and `check_cd_options`.
    CdTrainer(Rbm<T>& rbm, const CdOptions& options);

    /// \brief How many uniforms one update of B rows consumes: k (N H + N D), N = B (CD) or batch_size (PCD).
    std::size_t uniforms_per_step(std::size_t B) const;

    /// \brief One update from the B rows (B, D) at `X0` (binary, not checked), random numbers from `rng`.
    /// PCD chains start at the first minibatch seen. Requires 1 <= B <= batch_size.
    void step(const T* X0, std::size_t B, Rng& rng);

    /// \brief The same update with the uniforms given (`uniforms_per_step(B)` of them, in the order: per sweep,
    /// the N x H hidden draws row by row, then the N x D visible draws), as `cd_step_plain` takes them.
    void step_with_uniforms(const T* X0, std::size_t B, const T* U);

    /// \brief One pass over the rows of X (n, D) in a random order from `rng`, minibatches of batch_size (the last
    /// one smaller); `tick(done, total)` after each minibatch.
    /// \throws ShapeError unless X is (n, D) with n >= 1; ValueError unless X is binary.
    void epoch(const Matrix<T>& X, Rng& rng, const std::function<void(std::size_t, std::size_t)>& tick = {});

    /// \brief The negative samples \f$ \bar x \f$ of the last update (the persistent chains for PCD), (N, D).
    const Matrix<T>& negatives() const { return Xn_; }
    /// \brief The options.
    const CdOptions& options() const { return options_; }
    /// \brief Changes \f$ \alpha \f$ between updates (a schedule).
    /// \throws ValueError unless it is positive and finite.
    void set_learning_rate(double learning_rate);
    /// \brief Changes \f$ \mu \f$ between updates (e.g. 0.5 for the first epochs, then 0.9).
    /// \throws ValueError unless it is in [0, 1).
    void set_momentum(double momentum);

private:
    Rbm<T>& rbm_;
    CdOptions options_;
    bool chains_started_ = false;
    std::size_t negatives_ = 0;  // rows of Xn_ in use
    Matrix<T> X0_, PH0_, Hs_, PH_, PX_, Xn_, U_, GW_, VW_;
    Vector<T> Vb_, Vc_;
};

/// \brief One CD-k update written per example as the notes write it (double, no momentum, no weight decay):
/// for each row \f$ x^{(t)} \f$ of X0, the chain starts at row t of `start` (X0 itself for CD, the persistent chains
/// for PCD, which then has N rows and is overwritten with \f$ \bar x \f$), runs k sweeps with the uniforms of `U`
/// (layout of `CdTrainer::step_with_uniforms`), and the update adds
/// \f$ \alpha(\frac1B \sum_t h(x^{(t)}) x^{(t)\top} - \frac1N \sum_n h(\bar x_n) \bar x_n^\top) \f$ to W, and likewise b, c.
/// \throws ShapeError or ValueError on inconsistent shapes, non-binary data, or too few uniforms.
void cd_step_plain(Rbm<double>& rbm, const Matrix<double>& X0, Matrix<double>& start, const std::vector<double>& U,
                   std::size_t k, double learning_rate);

/// \brief The mean squared reconstruction error \f$ \frac1n \sum_t \| x^{(t)} - p(x \mid h^{(t)}) \|^2 \f$ with
/// \f$ h^{(t)} \sim p(h \mid x^{(t)}) \f$ (the usual training monitor; not the likelihood).
/// \throws ShapeError unless X is (n, D) with n >= 1; ValueError unless X is binary.
template <class T>
double reconstruction_error(const Rbm<T>& rbm, const Matrix<T>& X, Rng& rng);

}  // namespace dlc
