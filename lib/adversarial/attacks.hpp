/// \file
/// \brief Adversarial attacks: the input gradient put to work against the model. FGSM, and projected
/// gradient descent (iterative FGSM) in \f$ L_\infty \f$ and \f$ L_2 \f$, untargeted and targeted.
///
/// Lecture: NYU slides "Adversarial Examples" (the panda: \f$ x + 0.007\, \mathrm{sign}(\nabla_x J(\theta, x, y)) \f$),
/// Bahng §12. Papers: Goodfellow et al. 2015 (FGSM), Kurakin et al. 2017 (iterative FGSM), Madry et al. 2018 (PGD).
///
/// Every attack takes images \f$ x \f$ (N, H, W) with pixels in the valid range \f$ [\ell, u] \f$ (default
/// [0, 1]) and labels \f$ y \f$ (N), and returns \f$ x_{\text{adv}} \f$ with
/// - \f$ \|x_{\text{adv}} - x\| \le \varepsilon \f$ in the attack's norm, and \f$ x_{\text{adv}} \in [\ell, u] \f$ (clipped);
/// - **untargeted** (\f$ y \f$ the true labels): the loss \f$ J(x, y) \f$ is *raised*, success means
///   \f$ \arg\max_k z_k(x_{\text{adv}}) \ne y \f$;
/// - **targeted** (\f$ y \f$ the wanted classes): \f$ J(x, y) \f$ is *lowered*, success means
///   \f$ \arg\max_k z_k(x_{\text{adv}}) = y \f$.
///
/// FGSM: \f[ x_{\text{adv}} = \mathrm{clip}_{[\ell, u]}\bigl(x + s\, \varepsilon\, \mathrm{sign}(\nabla_x J(x, y))\bigr),
/// \qquad s = +1 \text{ (untargeted)}, -1 \text{ (targeted)}. \f]
/// PGD, from \f$ x_0 = x \f$ (or a random point of the ball), \f$ k \f$ steps of size \f$ \alpha \f$:
/// \f[ x_{k+1} = \mathrm{clip}_{[\ell, u]}\Bigl(\Pi_{B_\varepsilon(x)}\bigl(x_k + s\, \alpha\, d(\nabla_x J(x_k, y))\bigr)\Bigr), \f]
/// with the step direction \f$ d(g) = \mathrm{sign}(g) \f$ and \f$ \Pi \f$ the clamp to \f$ [x - \varepsilon, x + \varepsilon] \f$
/// in \f$ L_\infty \f$; \f$ d(g) = g / \|g\|_2 \f$ and \f$ \Pi(\delta) = \delta \min(1, \varepsilon/\|\delta\|_2) \f$ in
/// \f$ L_2 \f$ (per example). The clip after the projection keeps both constraints: clipping moves each
/// pixel towards \f$ x \f$'s value, which is inside the range, so \f$ |\delta_i| \f$ only shrinks.
/// One PGD step of size \f$ \alpha = \varepsilon \f$ from \f$ x \f$ in \f$ L_\infty \f$ is FGSM.
#pragma once

#include "adversarial/classifier.hpp"
#include "core/rng.hpp"
#include "core/tensor.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace dlc {

/// \brief The norm of the perturbation ball.
enum class PerturbationNorm {
    linf,  ///< \f$ \|\delta\|_\infty = \max_i |\delta_i| \le \varepsilon \f$: every pixel moves by at most \f$ \varepsilon \f$
    l2,    ///< \f$ \|\delta\|_2 \le \varepsilon \f$: the total energy of the change is bounded
};

/// \brief `"Linf"` or `"L2"`.
const char* norm_name(PerturbationNorm norm);

/// \brief Settings of `pgd`.
struct PgdOptions {
    double epsilon = 0.3;                          ///< radius \f$ \varepsilon \ge 0 \f$ of the ball
    double step = 0.01;                            ///< step size \f$ \alpha > 0 \f$
    std::size_t steps = 40;                        ///< iterations \f$ k \f$
    PerturbationNorm norm = PerturbationNorm::linf;  ///< the ball's norm
    bool targeted = false;                         ///< the labels are targets (lower their loss)
    bool random_start = false;                     ///< start at a uniform random point of the ball (Madry et al.)
    std::size_t restarts = 1;                      ///< runs from different random starts; the best is kept
    /// \brief Stop attacking an example at the first iterate that succeeds (and keep that iterate): the
    /// attacker's best, and much cheaper when most examples fall early. False: the final iterate.
    bool stop_on_success = false;
    double lo = 0.0;          ///< smallest valid pixel \f$ \ell \f$
    double hi = 1.0;          ///< largest valid pixel \f$ u \f$
    /// \brief Examples per forward/backward pass. Keep it the same across calls on one network: a pass with
    /// another batch size makes every layer reallocate its buffers (page faults cost about 2.5 ms per MiB).
    std::size_t batch = 500;
    /// \brief A one-line description, e.g. "PGD-40 Linf eps=0.3 alpha=0.01".
    std::string describe() const;
};

/// \brief What an attack returns.
template <class T>
struct AttackResult {
    Tensor3<T> x;                       ///< \f$ x_{\text{adv}} \f$ (N, H, W)
    Labels predicted;                   ///< the classifier's class of each \f$ x_{\text{adv}} \f$
    std::vector<std::uint8_t> success;  ///< 1 where the attack succeeded (see the file comment)
    std::vector<std::size_t> steps_used;  ///< the iterate kept (0 = the start); the step count without early stopping
    /// \brief The number of successes.
    std::size_t successes() const;
    /// \brief The fraction of \f$ x_{\text{adv}} \f$ classified as `labels` (robust accuracy for true labels).
    double accuracy(const Labels& labels) const;
};

/// \brief FGSM (Goodfellow et al.): one signed-gradient step of size \f$ \varepsilon \f$ (see the file comment).
/// \throws ValueError if \f$ \varepsilon < 0 \f$ or not finite, a label is out of range, or a pixel lies outside \f$ [\ell, u] \f$;
///         ShapeError if the labels do not match the images.
template <class T>
AttackResult<T> fgsm(PixelClassifier<T>& clf, const Tensor3<T>& x, const Labels& y, double epsilon, bool targeted = false,
                     double lo = 0.0, double hi = 1.0);

/// \brief Projected gradient descent (see the file comment), deterministic under `rng`'s state (used only
/// for random starts). With several restarts an example keeps the first successful run, else the run
/// with the highest loss (untargeted) or the lowest (targeted).
/// \throws ValueError if \f$ \varepsilon < 0 \f$, \f$ \alpha \le 0 \f$, no steps or restarts, a zero batch, an empty
///         range, a label out of range or a pixel outside \f$ [\ell, u] \f$; ShapeError if the labels do not match.
template <class T>
AttackResult<T> pgd(PixelClassifier<T>& clf, const Tensor3<T>& x, const Labels& y, const PgdOptions& options, Rng& rng);

/// \brief One PGD step for one example of `d` pixels, in place: \f$ x_k \leftarrow \mathrm{clip}(\Pi(x_k + s\, \alpha\, d(g))) \f$
/// around the clean image `x0` (see the file comment). `pgd`, `fgsm` and `eot_pgd` all step with it.
template <class T>
void pgd_update(T* xk, const T* x0, const T* g, std::size_t d, const PgdOptions& options);

/// \brief Throws unless `y` has one label per image (`ShapeError`), \f$ \varepsilon \ge 0 \f$ and every pixel of `x` lies in
/// \f$ [\ell, u] \f$ (`ValueError`, naming the image and the pixel).
template <class T>
void check_attack_inputs(const char* where, const Tensor3<T>& x, const Labels& y, double epsilon, double lo, double hi);

/// \brief Throws `ValueError` (prefixed by `where`) unless the settings are valid: \f$ \varepsilon \ge 0 \f$, \f$ \alpha > 0 \f$,
/// at least one step and one restart (several only with a random start), a positive batch, a non-empty range.
void check_pgd_options(const char* where, const PgdOptions& options);

/// \brief \f$ \|a_n - b_n\| \f$ per example of two batches (N, H, W) in `norm`.
template <class T>
std::vector<double> perturbation_norms(const Tensor3<T>& a, const Tensor3<T>& b, PerturbationNorm norm);

}  // namespace dlc
