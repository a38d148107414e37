#include "adversarial/eot.hpp"

#include "image/augment.hpp"

#include "core/check.hpp"
#include "core/error.hpp"

#include <algorithm>
#include <cmath>

namespace dlc {

namespace {

// t(x) = A x + n for S draws per image: out (n S, H, W), the warps in `warps` (image-major).
template <class T>
void transform_batch(const T* x, std::size_t n, std::size_t S, std::size_t H, std::size_t W, const TransformRange& range,
                     Rng& rng, Tensor3<T>& out, std::vector<Warp>& warps) {
    const std::size_t d = H * W;
    if (out.shape(0) != n * S || out.shape(1) != H || out.shape(2) != W) out = Tensor3<T>::from_shape({n * S, H, W});
    warps.resize(n * S);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t s = 0; s < S; ++s) {
            const std::size_t r = i * S + s;
            warps[r] = random_warp(range, rng);
            augment_image(x + i * d, out.data() + r * d, H, W, warps[r], range.noise_sd, rng);  // A x + n
        }
}

}  // namespace

template <class T>
AttackResult<T> eot_pgd(PixelClassifier<T>& clf, const Tensor3<T>& x, const Labels& y, const EotOptions& options, Rng& rng) {
    const char* where = "eot_pgd";
    const PgdOptions& o = options.pgd;
    check_transform_range(where, options.range);
    require(options.samples > 0, where, "the number of transformations per step must be at least 1");
    check_pgd_options(where, o);
    check_attack_inputs(where, x, y, o.epsilon, o.lo, o.hi);
    const std::size_t N = x.shape(0), H = x.shape(1), W = x.shape(2), d = H * W, S = options.samples;
    const std::size_t chunk = std::max<std::size_t>(1, o.batch / S);
    AttackResult<T> r;
    r.x = x;
    r.steps_used.assign(N, o.steps);
    Tensor3<T> big, g_big;
    Labels y_big;
    std::vector<Warp> warps;
    std::vector<T> g(d);
    for (std::size_t b = 0; b < N; b += chunk) {
        const std::size_t n = std::min(chunk, N - b);
        const T* x0 = x.data() + b * d;
        T* xk = r.x.data() + b * d;
        y_big = Labels::from_shape({n * S});
        for (std::size_t i = 0; i < n * S; ++i) y_big(i) = y(b + i / S);
        for (std::size_t k = 0; k < o.steps; ++k) {
            transform_batch(xk, n, S, H, W, options.range, rng, big, warps);
            clf.loss_gradient(big, y_big, &g_big);
            for (std::size_t i = 0; i < n; ++i) {
                // g = sum_s A_s^T grad J(t_s(x_k), y): the expectation's estimate times S, which changes neither
                // sign(g) nor g / ||g||
                std::fill(g.begin(), g.end(), T(0));
                for (std::size_t s = 0; s < S; ++s) warp_adjoint(g_big.data() + (i * S + s) * d, g.data(), H, W, warps[i * S + s]);
                pgd_update(xk + i * d, x0 + i * d, g.data(), d, o);
            }
        }
    }
    r.predicted = clf.predict(r.x, o.batch);
    r.success.resize(N);
    for (std::size_t n = 0; n < N; ++n) r.success[n] = o.targeted ? r.predicted(n) == y(n) : r.predicted(n) != y(n);
    return r;
}

template <class T>
std::vector<double> success_under_transformations(PixelClassifier<T>& clf, const Tensor3<T>& x, const Labels& y,
                                                  const TransformRange& range, std::size_t draws, bool targeted, Rng& rng) {
    const char* where = "success_under_transformations";
    check_transform_range(where, range);
    require(draws > 0, where, "the number of draws must be at least 1");
    check_shape(where, "labels", y, {static_cast<long>(x.shape(0))});
    const std::size_t N = x.shape(0), H = x.shape(1), W = x.shape(2);
    const std::size_t chunk = std::max<std::size_t>(1, 1000 / draws);
    std::vector<double> rate(N, 0.0);
    Tensor3<T> big;
    std::vector<Warp> warps;
    for (std::size_t b = 0; b < N; b += chunk) {
        const std::size_t n = std::min(chunk, N - b);
        transform_batch(x.data() + b * H * W, n, draws, H, W, range, rng, big, warps);
        const Labels p = clf.predict(big, big.shape(0));
        for (std::size_t i = 0; i < n; ++i) {
            std::size_t ok = 0;
            for (std::size_t s = 0; s < draws; ++s) ok += targeted ? p(i * draws + s) == y(b + i) : p(i * draws + s) != y(b + i);
            rate[b + i] = double(ok) / double(draws);
        }
    }
    return rate;
}

#define DLC_INSTANTIATE_EOT(T)                                                                                         \
    template AttackResult<T> eot_pgd(PixelClassifier<T>&, const Tensor3<T>&, const Labels&, const EotOptions&, Rng&); \
    template std::vector<double> success_under_transformations(PixelClassifier<T>&, const Tensor3<T>&, const Labels&,  \
                                                               const TransformRange&, std::size_t, bool, Rng&);
DLC_INSTANTIATE_EOT(float)
DLC_INSTANTIATE_EOT(double)
#undef DLC_INSTANTIATE_EOT

}  // namespace dlc
