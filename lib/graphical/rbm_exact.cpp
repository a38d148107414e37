#include "graphical/rbm_exact.hpp"

#include "core/check.hpp"
#include "graphical/binary_states.hpp"
#include "latent/logsumexp.hpp"
#include "nn/gemm.hpp"

#include <cmath>
#include <functional>
#include <string>

namespace dlc {

namespace {

// The parameters in double, and whether the hidden layer is the one to enumerate.
struct Params {
    Matrix<double> W;  // (H, D)
    Vector<double> b, c;
    std::size_t D, H;
};

template <class T>
Params params(const char* where, const Rbm<T>& rbm) {
    check_rbm(where, rbm);
    return Params{xt::cast<double>(rbm.W), xt::cast<double>(rbm.b), xt::cast<double>(rbm.c), rbm.visible(),
                  rbm.hidden()};
}

// Visits every state of the enumerated layer (hidden if `over_hidden`) in blocks. For a block of nb states
// S (nb, m) it passes A (nb, other), the other layer's total input (c + W^T h, or b + W x), and the log-weights
// log w(s) = bias^T s + sum softplus(A) (the log of the layer's unnormalized marginal).
void for_each_block(const Params& p, bool over_hidden,
                    const std::function<void(std::size_t first, const Matrix<double>& S, const Matrix<double>& A,
                                             const std::vector<double>& logw)>& visit) {
    const std::size_t m = over_hidden ? p.H : p.D, other = over_hidden ? p.D : p.H;
    const std::size_t states = std::size_t(1) << m, block = std::min<std::size_t>(states, 512);
    const Vector<double>& own_bias = over_hidden ? p.b : p.c;
    const Vector<double>& other_bias = over_hidden ? p.c : p.b;
    Matrix<double> S = Matrix<double>::from_shape({block, m}), A = Matrix<double>::from_shape({block, other});
    std::vector<double> logw(block);
    for (std::size_t first = 0; first < states; first += block) {
        for (std::size_t r = 0; r < block; ++r)
            for (std::size_t i = 0; i < m; ++i) S(r, i) = state_bit(first + r, m, i);
        for (std::size_t r = 0; r < block; ++r)
            for (std::size_t i = 0; i < other; ++i) A(r, i) = other_bias(i);
        // over hidden: A = 1 c^T + S W (S holds h); over visible: A = 1 b^T + S W^T (S holds x)
        gemm<double>(false, !over_hidden, block, other, m, 1.0, S.data(), p.W.data(), 1.0, A.data());
        for (std::size_t r = 0; r < block; ++r) {
            double lw = 0.0;
            for (std::size_t i = 0; i < m; ++i) lw += own_bias(i) * S(r, i);
            for (std::size_t i = 0; i < other; ++i) lw += softplus(A(r, i));
            logw[r] = lw;
        }
        visit(first, S, A, logw);
    }
}

bool enumerate_hidden(const char* where, const Params& p) {
    require(std::min(p.D, p.H) <= max_enumerated_units, where,
            "exact sums need a layer of at most " + std::to_string(max_enumerated_units) + " units, got D = " +
                std::to_string(p.D) + ", H = " + std::to_string(p.H));
    return p.H <= p.D;
}

double log_partition(const Params& p, bool over_hidden) {
    const std::size_t states = std::size_t(1) << (over_hidden ? p.H : p.D);
    std::vector<double> all(states);
    for_each_block(p, over_hidden, [&](std::size_t first, const Matrix<double>&, const Matrix<double>&,
                                       const std::vector<double>& logw) {
        for (std::size_t r = 0; r < logw.size(); ++r) all[first + r] = logw[r];
    });
    return logsumexp(all.data(), all.size());
}

}  // namespace

template <class T>
double log_partition_brute_force(const Rbm<T>& rbm) {
    const Params p = params("log_partition_brute_force", rbm);
    check_enumerable("log_partition_brute_force", "units (D + H)", p.D + p.H);
    std::vector<double> minus_energy(std::size_t(1) << (p.D + p.H));
    for (std::size_t s = 0; s < minus_energy.size(); ++s) {
        const std::size_t xs = s >> p.H, hs = s & ((std::size_t(1) << p.H) - 1);
        double e = 0.0;  // -E(x, h) = h^T W x + c^T x + b^T h
        for (std::size_t k = 0; k < p.D; ++k) e += p.c(k) * state_bit(xs, p.D, k);
        for (std::size_t j = 0; j < p.H; ++j) {
            if (!state_bit(hs, p.H, j)) continue;
            e += p.b(j);
            for (std::size_t k = 0; k < p.D; ++k) e += p.W(j, k) * state_bit(xs, p.D, k);
        }
        minus_energy[s] = e;
    }
    return logsumexp(minus_energy.data(), minus_energy.size());
}

template <class T>
double log_partition_exact(const Rbm<T>& rbm) {
    const Params p = params("log_partition_exact", rbm);
    return log_partition(p, enumerate_hidden("log_partition_exact", p));
}

template <class T>
std::vector<double> rbm_joint_table(const Rbm<T>& rbm) {
    const Params p = params("rbm_joint_table", rbm);
    check_enumerable("rbm_joint_table", "units (D + H)", p.D + p.H);
    const double logZ = log_partition_brute_force(rbm);
    std::vector<double> table(std::size_t(1) << (p.D + p.H));
    for (std::size_t s = 0; s < table.size(); ++s) {
        const std::size_t xs = s >> p.H, hs = s & ((std::size_t(1) << p.H) - 1);
        table[s] = std::exp(-static_cast<double>(rbm_energy(rbm, binary_state<T>(xs, p.D), binary_state<T>(hs, p.H))) -
                            logZ);
    }
    return table;
}

template <class T>
std::vector<double> visible_distribution(const Rbm<T>& rbm) {
    const Params p = params("visible_distribution", rbm);
    check_enumerable("visible_distribution", "visible units", p.D);
    const double logZ = log_partition(p, p.H <= p.D && p.H <= max_enumerated_units);
    std::vector<double> px(std::size_t(1) << p.D);
    for_each_block(p, false, [&](std::size_t first, const Matrix<double>&, const Matrix<double>&,
                                 const std::vector<double>& logw) {
        for (std::size_t r = 0; r < logw.size(); ++r) px[first + r] = std::exp(logw[r] - logZ);  // e^{-F(x)} / Z
    });
    return px;
}

template <class T>
double mean_log_likelihood_exact(const Rbm<T>& rbm, const Matrix<T>& X) {
    const Params p = params("mean_log_likelihood_exact", rbm);
    check_shape("mean_log_likelihood_exact", "X", X, {any_extent, static_cast<long>(p.D)});
    check_nonempty("mean_log_likelihood_exact", "X", X);
    const double logZ = log_partition(p, enumerate_hidden("mean_log_likelihood_exact", p));
    const Vector<T> F = free_energy_rows(rbm, X);
    double s = 0.0;
    for (auto f : F) s += static_cast<double>(f);
    return -s / static_cast<double>(X.shape(0)) - logZ;
}

template <class T>
RbmGradient<double> nll_gradient_exact(const Rbm<T>& rbm, const Matrix<T>& X) {
    const char* where = "nll_gradient_exact";
    const Params p = params(where, rbm);
    check_shape(where, "X", X, {any_extent, static_cast<long>(p.D)});
    check_nonempty(where, "X", X);
    check_binary(where, "X", X);
    const bool over_hidden = enumerate_hidden(where, p);
    const double logZ = log_partition(p, over_hidden);
    RbmGradient<double> g{xt::zeros<double>({p.H, p.D}), xt::zeros<double>({p.H}), xt::zeros<double>({p.D})};
    // Model term + E_{x,h}[h x^T], + E[h], + E[x], summed over the enumerated layer.
    for_each_block(p, over_hidden, [&](std::size_t, const Matrix<double>& S, const Matrix<double>& A,
                                       const std::vector<double>& logw) {
        for (std::size_t r = 0; r < logw.size(); ++r) {
            const double w = std::exp(logw[r] - logZ);
            if (w == 0.0) continue;
            for (std::size_t j = 0; j < p.H; ++j) {
                const double hj = over_hidden ? S(r, j) : sigmoid(A(r, j));  // h, or h(x) = sigma(b + W x)
                if (hj == 0.0) continue;
                g.b(j) += w * hj;
                for (std::size_t k = 0; k < p.D; ++k) {
                    const double xk = over_hidden ? sigmoid(A(r, k)) : S(r, k);  // sigma(c + W^T h), or x
                    g.W(j, k) += w * hj * xk;
                }
            }
            for (std::size_t k = 0; k < p.D; ++k) g.c(k) += w * (over_hidden ? sigmoid(A(r, k)) : S(r, k));
        }
    });
    // Data term: (1/T) sum_t dF(x_t)/dtheta = -(1/T) sum_t (h(x_t) x_t^T, h(x_t), x_t).
    const double inv_T = 1.0 / static_cast<double>(X.shape(0));
    for (std::size_t t = 0; t < X.shape(0); ++t) {
        for (std::size_t j = 0; j < p.H; ++j) {
            double a = p.b(j);
            for (std::size_t k = 0; k < p.D; ++k) a += p.W(j, k) * static_cast<double>(X(t, k));
            const double hj = sigmoid(a);
            g.b(j) -= inv_T * hj;
            for (std::size_t k = 0; k < p.D; ++k) g.W(j, k) -= inv_T * hj * static_cast<double>(X(t, k));
        }
        for (std::size_t k = 0; k < p.D; ++k) g.c(k) -= inv_T * static_cast<double>(X(t, k));
    }
    return g;
}

template <class T>
RbmGradient<double> theorem_9_4_gradient(const Rbm<T>& rbm, const Vector<T>& x) {
    const char* where = "theorem_9_4_gradient";
    const Params p = params(where, rbm);
    check_shape(where, "x", x, {static_cast<long>(p.D)});
    check_binary(where, "x", x);
    check_enumerable(where, "units (D + H)", p.D + p.H);
    const auto joint = rbm_joint_table(rbm);
    const std::size_t xs = state_index(x), nh = std::size_t(1) << p.H;
    double px = 0.0;
    for (std::size_t hs = 0; hs < nh; ++hs) px += joint[(xs << p.H) | hs];
    RbmGradient<double> g{xt::zeros<double>({p.H, p.D}), xt::zeros<double>({p.H}), xt::zeros<double>({p.D})};
    // Adds weight * dE(x', h)/dtheta, with dE/dW_jk = -h_j x'_k, dE/db_j = -h_j, dE/dc_k = -x'_k.
    auto add = [&](double weight, std::size_t xs2, std::size_t hs) {
        for (std::size_t j = 0; j < p.H; ++j) {
            const int hj = state_bit(hs, p.H, j);
            g.b(j) -= weight * hj;
            for (std::size_t k = 0; k < p.D; ++k) g.W(j, k) -= weight * hj * state_bit(xs2, p.D, k);
        }
        for (std::size_t k = 0; k < p.D; ++k) g.c(k) -= weight * state_bit(xs2, p.D, k);
    };
    for (std::size_t hs = 0; hs < nh; ++hs) add(joint[(xs << p.H) | hs] / px, xs, hs);  // + sum_h p(h|x) dE(x,h)
    for (std::size_t s = 0; s < joint.size(); ++s) add(-joint[s], s >> p.H, s & (nh - 1));  // - sum_{x',h} p dE
    return g;
}

template <class T>
Matrix<double> visible_transition_matrix(const Rbm<T>& rbm) {
    const char* where = "visible_transition_matrix";
    const Params p = params(where, rbm);
    require(p.D <= 10 && p.H <= 12, where,
            "the transition matrix is built for D <= 10 and H <= 12, got D = " + std::to_string(p.D) + ", H = " +
                std::to_string(p.H));
    const std::size_t nx = std::size_t(1) << p.D, nh = std::size_t(1) << p.H;
    Matrix<double> A = Matrix<double>::from_shape({nx, nh}), B = Matrix<double>::from_shape({nh, nx});
    for (std::size_t xs = 0; xs < nx; ++xs)  // A(x, h) = prod_j p(h_j | x)
        for (std::size_t hs = 0; hs < nh; ++hs) {
            double pr = 1.0;
            for (std::size_t j = 0; j < p.H; ++j) {
                double a = p.b(j);
                for (std::size_t k = 0; k < p.D; ++k) a += p.W(j, k) * state_bit(xs, p.D, k);
                const double q = sigmoid(a);
                pr *= state_bit(hs, p.H, j) ? q : 1.0 - q;
            }
            A(xs, hs) = pr;
        }
    for (std::size_t hs = 0; hs < nh; ++hs)  // B(h, x') = prod_k p(x'_k | h)
        for (std::size_t xs = 0; xs < nx; ++xs) {
            double pr = 1.0;
            for (std::size_t k = 0; k < p.D; ++k) {
                double a = p.c(k);
                for (std::size_t j = 0; j < p.H; ++j) a += state_bit(hs, p.H, j) * p.W(j, k);
                const double q = sigmoid(a);
                pr *= state_bit(xs, p.D, k) ? q : 1.0 - q;
            }
            B(hs, xs) = pr;
        }
    Matrix<double> K = Matrix<double>::from_shape({nx, nx});
    gemm<double>(false, false, nx, nx, nh, 1.0, A.data(), B.data(), 0.0, K.data());
    return K;
}

#define DLC_RBM_EXACT_INSTANTIATE(T)                                                     \
    template double log_partition_brute_force<T>(const Rbm<T>&);                         \
    template double log_partition_exact<T>(const Rbm<T>&);                               \
    template std::vector<double> rbm_joint_table<T>(const Rbm<T>&);                      \
    template std::vector<double> visible_distribution<T>(const Rbm<T>&);                 \
    template double mean_log_likelihood_exact<T>(const Rbm<T>&, const Matrix<T>&);       \
    template RbmGradient<double> nll_gradient_exact<T>(const Rbm<T>&, const Matrix<T>&); \
    template RbmGradient<double> theorem_9_4_gradient<T>(const Rbm<T>&, const Vector<T>&); \
    template Matrix<double> visible_transition_matrix<T>(const Rbm<T>&);

DLC_RBM_EXACT_INSTANTIATE(float)
DLC_RBM_EXACT_INSTANTIATE(double)

}  // namespace dlc
