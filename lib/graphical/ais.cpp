#include "graphical/ais.hpp"

#include "core/check.hpp"
#include "graphical/binary_states.hpp"
#include "latent/logsumexp.hpp"
#include "nn/gemm.hpp"

#include <cmath>
#include <limits>
#include <string>

namespace dlc {

std::vector<double> ais_schedule(std::size_t K) {
    require(K >= 3, "ais_schedule", "expected at least 3 temperatures, got " + std::to_string(K));
    const std::size_t k1 = std::max<std::size_t>(1, (K * 500) / 14500);
    const std::size_t k2 = std::max<std::size_t>(1, (K * 4000) / 14500);
    const std::size_t k3 = K - k1 - k2;
    std::vector<double> beta;
    beta.reserve(K + 1);
    for (std::size_t i = 0; i < k1; ++i) beta.push_back(0.5 * double(i) / double(k1));
    for (std::size_t i = 0; i < k2; ++i) beta.push_back(0.5 + 0.4 * double(i) / double(k2));
    for (std::size_t i = 0; i < k3; ++i) beta.push_back(0.9 + 0.1 * double(i) / double(k3));
    beta.push_back(1.0);
    return beta;
}

template <class T>
Vector<T> base_rate_visible_bias(const Matrix<T>& X, double pseudo_count) {
    check_nonempty("base_rate_visible_bias", "X", X);
    check_binary("base_rate_visible_bias", "X", X);
    require(std::isfinite(pseudo_count) && pseudo_count > 0.0, "base_rate_visible_bias",
            "expected a positive pseudo-count, got " + std::to_string(pseudo_count));
    const std::size_t n = X.shape(0), D = X.shape(1);
    std::vector<double> on(D, 0.0);  // how often each pixel is 1
    for (std::size_t t = 0; t < n; ++t)
        for (std::size_t k = 0; k < D; ++k) on[k] += static_cast<double>(X(t, k));
    Vector<T> c = Vector<T>::from_shape({D});
    for (std::size_t k = 0; k < D; ++k) {
        const double p = (on[k] + pseudo_count) / (static_cast<double>(n) + 2.0 * pseudo_count);
        c(k) = static_cast<T>(std::log(p / (1.0 - p)));
    }
    return c;
}

template <class T>
AisResult ais_log_partition(const Rbm<T>& rbm, const Vector<T>& base_c, const AisOptions& o, Rng& rng,
                            const std::function<void(std::size_t, std::size_t)>& tick) {
    const char* where = "ais_log_partition";
    check_rbm(where, rbm);
    check_shape(where, "base_c", base_c, {static_cast<long>(rbm.visible())});
    check_finite(where, "base_c", base_c);
    require(o.runs >= 1 && o.chains >= 1, where, "expected at least one run of at least one chain");
    const std::vector<double> beta = ais_schedule(o.temperatures);
    const std::size_t K = o.temperatures, M = o.runs * o.chains, D = rbm.visible(), H = rbm.hidden();

    // log Z_A = H log 2 + sum_k softplus(c_A,k)
    AisResult r;
    r.log_z_base = static_cast<double>(H) * std::log(2.0);
    for (std::size_t k = 0; k < D; ++k) r.log_z_base += softplus(static_cast<double>(base_c(k)));

    Matrix<T> X = Matrix<T>::from_shape({M, D}), A = Matrix<T>::from_shape({M, H}), Hs = A, U = Matrix<T>::from_shape({M, D}),
              PX = U;
    Vector<double> dc = Vector<double>::from_shape({D});  // c - c_A
    for (std::size_t k = 0; k < D; ++k) dc(k) = static_cast<double>(rbm.c(k)) - static_cast<double>(base_c(k));
    std::vector<double> logw(M, 0.0);

    // x_0 ~ p_A: independent Bernoulli(sigma(c_A)).
    fill_uniform(rng, U.data(), M * D);
    for (std::size_t m = 0; m < M; ++m)
        for (std::size_t k = 0; k < D; ++k) X(m, k) = U(m, k) < sigmoid(base_c(k)) ? T(1) : T(0);

    for (std::size_t step = 1; step <= K; ++step) {
        const double b0 = beta[step - 1], b1 = beta[step];
        // A = X W^T + 1 b^T, the hidden units' total input at beta = 1.
        for (std::size_t m = 0; m < M; ++m) std::copy(rbm.b.data(), rbm.b.data() + H, A.data() + m * H);
        gemm<T>(false, true, M, H, D, T(1), X.data(), rbm.W.data(), T(1), A.data());
        // log w += log p*_{b1}(x) - log p*_{b0}(x) = (b1 - b0)(c - c_A)^T x + sum_j [softplus(b1 a_j) - softplus(b0 a_j)]
        for (std::size_t m = 0; m < M; ++m) {
            double d = 0.0;
            for (std::size_t k = 0; k < D; ++k) d += dc(k) * static_cast<double>(X(m, k));
            double s = (b1 - b0) * d;
            for (std::size_t j = 0; j < H; ++j) {
                const double a = static_cast<double>(A(m, j));
                s += softplus(b1 * a) - softplus(b0 * a);
            }
            logw[m] += s;
        }
        if (step == K) break;  // the last transition does not change the weights
        // One Gibbs sweep leaving p_{b1} invariant: h ~ sigma(b1 a), x ~ sigma((1 - b1) c_A + b1 (c + W^T h)).
        const T bt = static_cast<T>(b1);
        for (std::size_t i = 0; i < M * H; ++i) A.data()[i] *= bt;
        sigmoid_in_place(A.data(), M * H);
        Matrix<T>& UH = Hs;  // the uniforms are drawn into Hs, then thresholded in place
        fill_uniform(rng, UH.data(), M * H);
        for (std::size_t i = 0; i < M * H; ++i) UH.data()[i] = UH.data()[i] < A.data()[i] ? T(1) : T(0);
        for (std::size_t m = 0; m < M; ++m)
            for (std::size_t k = 0; k < D; ++k) PX(m, k) = (T(1) - bt) * base_c(k) + bt * rbm.c(k);
        gemm<T>(false, false, M, D, H, bt, UH.data(), rbm.W.data(), T(1), PX.data());
        sigmoid_in_place(PX.data(), M * D);
        fill_uniform(rng, U.data(), M * D);
        bernoulli_into(PX.data(), U.data(), X.data(), M * D);
        if (tick && step % 100 == 0) tick(step, K);
    }
    if (tick) tick(K, K);

    // Estimates: log of mean weights, overall and per run.
    r.log_weights = logw;
    const double logM = std::log(static_cast<double>(M));
    r.log_z = r.log_z_base + logsumexp(logw.data(), M) - logM;
    double mean = 0.0;
    for (std::size_t q = 0; q < o.runs; ++q) {
        const double e = r.log_z_base + logsumexp(logw.data() + q * o.chains, o.chains) - std::log(double(o.chains));
        r.run_log_z.push_back(e);
        mean += e / static_cast<double>(o.runs);
    }
    if (o.runs > 1) {
        double ss = 0.0;
        for (double e : r.run_log_z) ss += (e - mean) * (e - mean);
        r.run_sd = std::sqrt(ss / static_cast<double>(o.runs - 1));
    }
    // +- 3 standard errors of the mean weight, on the log scale (weights scaled by the largest).
    const double top = *std::max_element(logw.begin(), logw.end());
    double wbar = 0.0, w2 = 0.0;
    for (double lw : logw) wbar += std::exp(lw - top) / static_cast<double>(M);
    for (double lw : logw) w2 += (std::exp(lw - top) - wbar) * (std::exp(lw - top) - wbar);
    const double se = M > 1 ? std::sqrt(w2 / static_cast<double>(M - 1)) / std::sqrt(static_cast<double>(M)) : 0.0;
    const double low = wbar - 3.0 * se;
    // When 3 standard errors exceed the mean weight the band reaches Z = 0: its lower end is log 0 = -infinity.
    r.log_z_low = low > 0.0 ? r.log_z_base + top + std::log(low) : -std::numeric_limits<double>::infinity();
    r.log_z_high = r.log_z_base + top + std::log(wbar + 3.0 * se);
    return r;
}

template Vector<float> base_rate_visible_bias<float>(const Matrix<float>&, double);
template Vector<double> base_rate_visible_bias<double>(const Matrix<double>&, double);
template AisResult ais_log_partition<float>(const Rbm<float>&, const Vector<float>&, const AisOptions&, Rng&,
                                            const std::function<void(std::size_t, std::size_t)>&);
template AisResult ais_log_partition<double>(const Rbm<double>&, const Vector<double>&, const AisOptions&, Rng&,
                                             const std::function<void(std::size_t, std::size_t)>&);

}  // namespace dlc
