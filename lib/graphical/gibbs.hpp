/// \file
/// \brief Block Gibbs sampling in a Bernoulli RBM (Bahng ch. 9.2.1: "since we know \f$ p(x \mid h) \f$ and
/// \f$ p(h \mid x) \f$ easily, we can start sampling the chain").
///
/// One sweep of every chain draws all hidden units at once from \f$ p(h \mid x) = \prod_j p(h_j \mid x) \f$, then all
/// visible units from \f$ p(x \mid h) = \prod_k p(x_k \mid h) \f$: the conditional independences of the bipartite graph.
/// M chains run together, one per row, so each half-sweep is one GEMM into a buffer allocated once.
/// The chain on x has the model's \f$ p(x) \f$ as its stationary distribution (`visible_transition_matrix`).
#pragma once

#include "core/rng.hpp"
#include "graphical/rbm.hpp"

#include <cstddef>

namespace dlc {

/// \brief M block-Gibbs chains of an RBM (which must outlive the sampler).
template <class T>
class GibbsSampler {
public:
    /// \brief Chains started at the rows of `start` (M, D).
    /// \throws ShapeError unless start is (M, D) with M >= 1; ValueError unless start is binary; as `check_rbm`.
    GibbsSampler(const Rbm<T>& rbm, const Matrix<T>& start);

    /// \brief One sweep of every chain: \f$ h \sim p(h \mid x) \f$, then \f$ x \sim p(x \mid h) \f$.
    void sweep(Rng& rng);
    /// \brief `sweeps` sweeps.
    void run(std::size_t sweeps, Rng& rng);

    /// \brief The current visible states (M, D).
    const Matrix<T>& visible() const { return X_; }
    /// \brief The hidden states drawn in the last sweep (M, H); zeros before the first.
    const Matrix<T>& hidden() const { return Hs_; }
    /// \brief \f$ p(x = 1 \mid h) \f$ of the last sweep (M, D), the usual way to show a sample as an image.
    const Matrix<T>& visible_means() const { return PX_; }

private:
    const Rbm<T>& rbm_;
    Matrix<T> X_, Hs_, PH_, PX_, UH_, UX_;
};

}  // namespace dlc
