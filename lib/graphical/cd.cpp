#include "graphical/cd.hpp"

#include "core/check.hpp"
#include "graphical/binary_states.hpp"
#include "nn/gemm.hpp"

#include <cmath>
#include <string>

namespace dlc {

void check_cd_options(const char* where, const CdOptions& o) {
    require(o.k >= 1, where, "expected k >= 1 Gibbs sweeps, got 0");
    require(o.batch_size >= 1, where, "expected batch_size >= 1, got 0");
    require(std::isfinite(o.learning_rate) && o.learning_rate > 0.0, where,
            "expected a positive finite learning rate, got " + std::to_string(o.learning_rate));
    require(o.momentum >= 0.0 && o.momentum < 1.0, where,
            "expected a momentum in [0, 1), got " + std::to_string(o.momentum));
    require(std::isfinite(o.weight_decay) && o.weight_decay >= 0.0, where,
            "expected a weight decay >= 0, got " + std::to_string(o.weight_decay));
}

template <class T>
CdTrainer<T>::CdTrainer(Rbm<T>& rbm, const CdOptions& options) : rbm_(rbm), options_(options) {
    check_rbm("CdTrainer", rbm);
    check_cd_options("CdTrainer", options);
    const std::size_t N = options.batch_size, D = rbm.visible(), H = rbm.hidden();
    X0_ = Matrix<T>::from_shape({N, D});
    PH0_ = Matrix<T>::from_shape({N, H});
    Hs_ = Matrix<T>::from_shape({N, H});
    PH_ = Matrix<T>::from_shape({N, H});
    PX_ = Matrix<T>::from_shape({N, D});
    Xn_ = xt::zeros<T>({N, D});
    U_ = Matrix<T>::from_shape({std::size_t(1), uniforms_per_step(N)});
    GW_ = Matrix<T>::from_shape({H, D});
    VW_ = xt::zeros<T>({H, D});
    Vb_ = xt::zeros<T>({H});
    Vc_ = xt::zeros<T>({D});
}

template <class T>
void CdTrainer<T>::set_learning_rate(double learning_rate) {
    CdOptions o = options_;
    o.learning_rate = learning_rate;
    check_cd_options("CdTrainer::set_learning_rate", o);
    options_ = o;
}

template <class T>
void CdTrainer<T>::set_momentum(double momentum) {
    CdOptions o = options_;
    o.momentum = momentum;
    check_cd_options("CdTrainer::set_momentum", o);
    options_ = o;
}

template <class T>
std::size_t CdTrainer<T>::uniforms_per_step(std::size_t B) const {
    const std::size_t N = options_.persistent ? options_.batch_size : B;
    return options_.k * N * (rbm_.hidden() + rbm_.visible());
}

template <class T>
void CdTrainer<T>::step(const T* X0, std::size_t B, Rng& rng) {
    require(B >= 1 && B <= options_.batch_size, "CdTrainer::step",
            "expected 1 to " + std::to_string(options_.batch_size) + " rows, got " + std::to_string(B));
    const std::size_t n = uniforms_per_step(B);
    fill_uniform(rng, U_.data(), n);
    step_with_uniforms(X0, B, U_.data());
}

template <class T>
void CdTrainer<T>::step_with_uniforms(const T* X0, std::size_t B, const T* U) {
    require(B >= 1 && B <= options_.batch_size, "CdTrainer::step_with_uniforms",
            "expected 1 to " + std::to_string(options_.batch_size) + " rows, got " + std::to_string(B));
    const std::size_t D = rbm_.visible(), H = rbm_.hidden();
    const bool pcd = options_.persistent;
    const std::size_t N = pcd ? options_.batch_size : B;

    // Positive phase: h(x^(t)) = sigma(b + W x^(t)) for every row.
    hidden_probabilities_into(rbm_, X0, B, PH0_.data());
    if (pcd) {
        if (!chains_started_) {  // the persistent chains start at the first minibatch (cycled if it is short)
            for (std::size_t r = 0; r < N; ++r) std::copy(X0 + (r % B) * D, X0 + (r % B + 1) * D, Xn_.data() + r * D);
            chains_started_ = true;
        }
        hidden_probabilities_into(rbm_, Xn_.data(), N, PH_.data());
    }
    // k block-Gibbs sweeps from x^(t) (CD) or from the chains (PCD): h ~ p(h|x), x ~ p(x|h).
    const T* u = U;
    for (std::size_t s = 0; s < options_.k; ++s) {
        const T* ph = (s == 0 && !pcd) ? PH0_.data() : PH_.data();
        bernoulli_into(ph, u, Hs_.data(), N * H);
        u += N * H;
        visible_probabilities_into(rbm_, Hs_.data(), N, PX_.data());
        bernoulli_into(PX_.data(), u, Xn_.data(), N * D);
        u += N * D;
        hidden_probabilities_into(rbm_, Xn_.data(), N, PH_.data());  // h(x_bar) after the last sweep
    }
    negatives_ = N;

    // g_W = (1/B) sum_t h(x^(t)) x^(t)T - (1/N) sum_n h(x_bar_n) x_bar_n^T: two GEMMs.
    const T inv_B = T(1) / static_cast<T>(B), inv_N = T(1) / static_cast<T>(N);
    gemm<T>(true, false, H, D, B, inv_B, PH0_.data(), X0, T(0), GW_.data());
    gemm<T>(true, false, H, D, N, -inv_N, PH_.data(), Xn_.data(), T(1), GW_.data());
    const T alpha = static_cast<T>(options_.learning_rate), mu = static_cast<T>(options_.momentum),
            lambda = static_cast<T>(options_.weight_decay);
    T* W = rbm_.W.data();
    T* VW = VW_.data();
    const T* GW = GW_.data();
    for (std::size_t i = 0; i < H * D; ++i) {  // V = mu V + alpha (g - lambda W); W += V
        VW[i] = mu * VW[i] + alpha * (GW[i] - lambda * W[i]);
        W[i] += VW[i];
    }
    for (std::size_t j = 0; j < H; ++j) {  // b += alpha (h(x^(t)) - h(x_bar)), averaged
        T g = 0;
        for (std::size_t t = 0; t < B; ++t) g += inv_B * PH0_(t, j);
        for (std::size_t r = 0; r < N; ++r) g -= inv_N * PH_(r, j);
        Vb_(j) = mu * Vb_(j) + alpha * g;
        rbm_.b(j) += Vb_(j);
    }
    for (std::size_t k = 0; k < D; ++k) {  // c += alpha (x^(t) - x_bar), averaged
        T g = 0;
        for (std::size_t t = 0; t < B; ++t) g += inv_B * X0[t * D + k];
        for (std::size_t r = 0; r < N; ++r) g -= inv_N * Xn_(r, k);
        Vc_(k) = mu * Vc_(k) + alpha * g;
        rbm_.c(k) += Vc_(k);
    }
}

template <class T>
void CdTrainer<T>::epoch(const Matrix<T>& X, Rng& rng, const std::function<void(std::size_t, std::size_t)>& tick) {
    check_shape("CdTrainer::epoch", "X", X, {any_extent, static_cast<long>(rbm_.visible())});
    check_nonempty("CdTrainer::epoch", "X", X);
    check_binary("CdTrainer::epoch", "X", X);
    const std::size_t n = X.shape(0), D = rbm_.visible(), batch = options_.batch_size;
    const auto order = rng.permutation(n);
    const std::size_t batches = (n + batch - 1) / batch;
    for (std::size_t q = 0; q < batches; ++q) {
        const std::size_t first = q * batch, B = std::min(batch, n - first);
        for (std::size_t r = 0; r < B; ++r)
            std::copy(X.data() + order[first + r] * D, X.data() + (order[first + r] + 1) * D, X0_.data() + r * D);
        step(X0_.data(), B, rng);
        if (tick) tick(q + 1, batches);
    }
}

void cd_step_plain(Rbm<double>& rbm, const Matrix<double>& X0, Matrix<double>& start, const std::vector<double>& U,
                   std::size_t k, double alpha) {
    const char* where = "cd_step_plain";
    check_rbm(where, rbm);
    const std::size_t D = rbm.visible(), H = rbm.hidden();
    check_shape(where, "X0", X0, {any_extent, static_cast<long>(D)});
    check_shape(where, "start", start, {any_extent, static_cast<long>(D)});
    check_nonempty(where, "X0", X0);
    check_nonempty(where, "start", start);
    check_binary(where, "X0", X0);
    check_binary(where, "start", start);
    require(k >= 1, where, "expected k >= 1");
    const std::size_t B = X0.shape(0), N = start.shape(0);
    require(U.size() >= k * N * (H + D), where,
            "expected " + std::to_string(k * N * (H + D)) + " uniforms, got " + std::to_string(U.size()));
    auto h_of = [&](const std::vector<double>& x, std::size_t j) {  // h(x)_j = sigma(b_j + W_{j,:} x)
        double a = rbm.b(j);
        for (std::size_t i = 0; i < D; ++i) a += rbm.W(j, i) * x[i];
        return sigmoid(a);
    };
    Matrix<double> dW = xt::zeros<double>({H, D});
    Vector<double> db = xt::zeros<double>({H}), dc = xt::zeros<double>({D});
    for (std::size_t t = 0; t < B; ++t) {  // + h(x^(t)) x^(t)T, + h(x^(t)), + x^(t)
        std::vector<double> x(X0.data() + t * D, X0.data() + (t + 1) * D);
        for (std::size_t j = 0; j < H; ++j) {
            const double hj = h_of(x, j);
            db(j) += hj / B;
            for (std::size_t i = 0; i < D; ++i) dW(j, i) += hj * x[i] / B;
        }
        for (std::size_t i = 0; i < D; ++i) dc(i) += x[i] / B;
    }
    for (std::size_t r = 0; r < N; ++r) {  // the chain from start_r: k sweeps, then - h(x_bar) x_bar^T, ...
        std::vector<double> x(start.data() + r * D, start.data() + (r + 1) * D), h(H);
        for (std::size_t s = 0; s < k; ++s) {
            const double* uh = U.data() + s * N * (H + D) + r * H;
            const double* ux = U.data() + s * N * (H + D) + N * H + r * D;
            for (std::size_t j = 0; j < H; ++j) h[j] = uh[j] < h_of(x, j) ? 1.0 : 0.0;  // h_j ~ p(h_j | x)
            for (std::size_t i = 0; i < D; ++i) {                                          // x_i ~ p(x_i | h)
                double a = rbm.c(i);
                for (std::size_t j = 0; j < H; ++j) a += h[j] * rbm.W(j, i);
                x[i] = ux[i] < sigmoid(a) ? 1.0 : 0.0;
            }
        }
        for (std::size_t j = 0; j < H; ++j) {
            const double hj = h_of(x, j);
            db(j) -= hj / N;
            for (std::size_t i = 0; i < D; ++i) dW(j, i) -= hj * x[i] / N;
        }
        for (std::size_t i = 0; i < D; ++i) {
            dc(i) -= x[i] / N;
            start(r, i) = x[i];
        }
    }
    rbm.W += alpha * dW;  // W <- W + alpha (h(x^(t)) x^(t)T - h(x_bar) x_bar^T)
    rbm.b += alpha * db;  // b <- b + alpha (h(x^(t)) - h(x_bar))
    rbm.c += alpha * dc;  // c <- c + alpha (x^(t) - x_bar)
}

template <class T>
double reconstruction_error(const Rbm<T>& rbm, const Matrix<T>& X, Rng& rng) {
    const char* where = "reconstruction_error";
    check_rbm(where, rbm);
    check_shape(where, "X", X, {any_extent, static_cast<long>(rbm.visible())});
    check_nonempty(where, "X", X);
    check_binary(where, "X", X);
    const std::size_t n = X.shape(0), D = rbm.visible(), H = rbm.hidden(), block = std::min<std::size_t>(n, 500);
    Matrix<T> PH = Matrix<T>::from_shape({block, H}), Hs = PH, U = PH, PX = Matrix<T>::from_shape({block, D});
    double total = 0.0;
    for (std::size_t first = 0; first < n; first += block) {
        const std::size_t m = std::min(block, n - first);
        hidden_probabilities_into(rbm, X.data() + first * D, m, PH.data());
        fill_uniform(rng, U.data(), m * H);
        bernoulli_into(PH.data(), U.data(), Hs.data(), m * H);
        visible_probabilities_into(rbm, Hs.data(), m, PX.data());
        for (std::size_t i = 0; i < m * D; ++i) {
            const double d = static_cast<double>(X.data()[first * D + i]) - static_cast<double>(PX.data()[i]);
            total += d * d;
        }
    }
    return total / static_cast<double>(n);
}

template class CdTrainer<float>;
template class CdTrainer<double>;
template double reconstruction_error<float>(const Rbm<float>&, const Matrix<float>&, Rng&);
template double reconstruction_error<double>(const Rbm<double>&, const Matrix<double>&, Rng&);

}  // namespace dlc
