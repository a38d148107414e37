/// \file
/// \brief Lipschitz bounds (Bahng §12): the spectral norm of each linear and convolutional layer by power
/// iteration, their product as an upper bound on the network's Lipschitz constant, the local gradient norm
/// that bounds it from below, and the certified radius a bound implies.
///
/// Definition 12.1: \f$ \|f(x) - f(y)\|_2 \le L \|x - y\|_2 \f$; Theorem 12.1: \f$ \mathrm{Lip}(f) = \sup_x \|D_x f\|_{\text{op}} \f$;
/// Theorem 12.2: for \f$ h = T_K \circ \rho_{K-1} \circ \dots \circ \rho_1 \circ T_1 \f$ with affine \f$ T_k(x) = M_k x + b_k \f$
/// and 1-Lipschitz activations,
/// \f[ \mathrm{Lip}(h) \le \prod_{k=1}^{K} \|M_k\|_{\text{op}} = \prod_k \sigma_{\max}(M_k) . \f]
/// (The handout's text says the product *is* the constant; it is an upper bound, often a loose one: the
/// lecture's `lipschitz_bound` case shows \f$ h(x) = |x| \f$ with the product 2 and the constant 1.)
///
/// Power iteration: \f$ v \leftarrow M^\top M v / \|M^\top M v\| \f$ converges to the top right singular vector
/// and \f$ \|M v\| \to \sigma_{\max} \f$. A convolution is a linear map too; its \f$ M v \f$ is the convolution
/// (without bias) and \f$ M^\top u \f$ its backward pass, so no matrix is ever formed.
///
/// Certified radius (Tsuzuku et al. 2018): if the logits are \f$ L \f$-Lipschitz in \f$ L_2 \f$ and the margin is
/// \f$ m = z_y - \max_{j \ne y} z_j > 0 \f$, no perturbation with \f$ \|\delta\|_2 < m / (\sqrt{2} L) \f$ changes the class.
#pragma once

#include "adversarial/classifier.hpp"
#include "core/rng.hpp"
#include "core/tensor.hpp"
#include "nn/conv2d.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace dlc {

/// \brief What power iteration found.
struct PowerIteration {
    double sigma = 0.0;          ///< the estimate of \f$ \sigma_{\max} \f$
    std::size_t iterations = 0;  ///< iterations made
    bool converged = false;      ///< whether the relative change fell below the tolerance
};

/// \brief \f$ \sigma_{\max} \f$ of a linear map of \f$ \mathbb{R}^n \f$ given by `apply` (\f$ v \mapsto M v \f$) and
/// `apply_transpose` (\f$ u \mapsto M^\top u \f$), by power iteration from a random start drawn from `rng`,
/// until the relative change of the estimate is below `tolerance` or `max_iterations`.
/// \throws ValueError if n or `max_iterations` is 0.
PowerIteration spectral_norm(const std::function<std::vector<double>(const std::vector<double>&)>& apply,
                             const std::function<std::vector<double>(const std::vector<double>&)>& apply_transpose,
                             std::size_t n, Rng& rng, std::size_t max_iterations = 2000, double tolerance = 1e-10);

/// \brief \f$ \sigma_{\max}(M) \f$ of a matrix by power iteration.
PowerIteration spectral_norm(const Matrix<double>& M, Rng& rng, std::size_t max_iterations = 2000, double tolerance = 1e-10);

/// \brief \f$ \sigma_{\max} \f$ of the convolution of `conv` (without its bias) on inputs (C, H, W).
template <class T>
PowerIteration conv_spectral_norm(const Conv2d<T>& conv, std::size_t H, std::size_t W, Rng& rng,
                                  std::size_t max_iterations = 2000, double tolerance = 1e-10);

/// \brief One factor of the product bound.
struct LayerLipschitz {
    std::string name;    ///< the module (or "standardize (x - mu)/sigma")
    double constant;     ///< its Lipschitz constant in \f$ L_2 \f$ (or an upper bound)
    std::string reason;  ///< "spectral norm (power iteration)", "1-Lipschitz activation", ...
};

/// \brief Theorem 12.2's bound for a classifier: the factors and their product.
struct LipschitzBound {
    std::vector<LayerLipschitz> layers;  ///< the factors in order, starting with the standardization
    double product = 1.0;                ///< \f$ \prod \f$ of the constants: \f$ \mathrm{Lip} \f$ of pixels \f$ \to \f$ logits is at most this
};

/// \brief The product bound for the map pixels (H × W) \f$ \to \f$ logits of `clf`. Linear and Conv2d layers
/// contribute their spectral norm, ReLU, Flatten and Dropout (evaluation) 1, non-overlapping max pooling 1,
/// non-overlapping \f$ k \times k \f$ average pooling \f$ 1/k \f$, the standardization \f$ 1/\sigma \f$.
/// \throws ValueError naming a module the bound does not cover (e.g. overlapping pooling, batch norm).
template <class T>
LipschitzBound lipschitz_upper_bound(PixelClassifier<T>& clf, std::size_t H, std::size_t W, Rng& rng,
                                     std::size_t max_iterations = 2000, double tolerance = 1e-10);

/// \brief \f$ \|D_x z\|_{\text{op}} \f$ for each image of `x` (N, H, W): the largest singular value of the
/// Jacobian of the logits with respect to the pixels (K backward passes per image, batched), a lower
/// bound on the Lipschitz constant (Theorem 12.1).
template <class T>
std::vector<double> jacobian_norms(PixelClassifier<T>& clf, const Tensor3<T>& x, std::size_t batch = 100);

/// \brief The logit margins \f$ z_y - \max_{j \ne y} z_j \f$ (negative when misclassified).
/// \throws ShapeError if the labels do not match; ValueError for a label out of range.
template <class T>
std::vector<double> logit_margins(PixelClassifier<T>& clf, const Tensor3<T>& x, const Labels& y);

/// \brief \f$ m / (\sqrt{2} L) \f$ for \f$ m > 0 \f$, else 0 (nothing is certified for a misclassified point).
/// \throws ValueError unless \f$ L > 0 \f$.
double certified_radius(double margin, double lipschitz);

}  // namespace dlc
